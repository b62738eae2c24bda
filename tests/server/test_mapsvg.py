"""The map as drawn: where markers land, the scale bar's truth, labels that do not collide,
hostile names escaped, and the outlines from the installed package (or a map without them)."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest

from truce.server.mapsvg import HEIGHT, WIDTH, View, map_svg

KHAN_YOUNIS, RAFAH, GAZA = (31.3402, 34.3063), (31.2969, 34.2435), (31.5017, 34.4668)


def point(
    where: tuple[float, float], kind: str = "breach", place: str = "Rafah", **more: Any
) -> dict[str, Any]:
    return {"id": f"{place}-{kind}", "kind": kind, "type": kind, "place": place, "lat": where[0],
            "lon": where[1]} | more  # fmt: skip


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la, lb = map(math.radians, (a[0], b[0]))
    d = (
        math.sin((lb - la) / 2) ** 2
        + math.cos(la) * math.cos(lb) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(d))


def test_markers_sit_where_the_places_are_and_the_scale_bar_tells_the_truth() -> None:
    points = [
        point(KHAN_YOUNIS, "release", "Khan Younis"),
        point(RAFAH),
        point(GAZA, "casualty_claim", "Gaza"),
    ]
    svg = map_svg(points, "test")
    xy = {p["place"]: (p["x"], p["y"]) for p in points}
    assert all(0 < x < WIDTH and 0 < y < HEIGHT for x, y in xy.values())
    # North is up and east is right: Gaza City above and right of Khan Younis, Rafah below-left.
    assert xy["Gaza"][1] < xy["Khan Younis"][1] < xy["Rafah"][1]
    assert xy["Rafah"][0] < xy["Khan Younis"][0] < xy["Gaza"][0]
    bar = re.search(r'<line x1="([\d.]+)" x2="([\d.]+)" y1="\d+" y2="\d+"/>', svg)
    km = float(re.search(r'data-km="([\d.]+)"', svg)[1])  # type: ignore[index]
    assert bar and km > 0
    px_per_km = (float(bar[2]) - float(bar[1])) / km
    drawn = math.dist(xy["Gaza"], xy["Rafah"]) / px_per_km
    assert drawn == pytest.approx(_km(GAZA, RAFAH), rel=0.03)


def test_one_place_alone_is_centred_with_its_surroundings() -> None:
    view = View.around([point(RAFAH)])
    assert view.xy(RAFAH[1], RAFAH[0]) == pytest.approx((WIDTH / 2, HEIGHT / 2))
    west, south, east, north = view.box
    assert north - south >= 0.4 - 1e-9 and east > west


def test_several_kinds_at_one_place_stand_side_by_side_and_count() -> None:
    points = [point(RAFAH, "breach", id="b1"), point(RAFAH, "breach", id="b2"),
              point(RAFAH, "release", id="r1")]  # fmt: skip
    svg = map_svg(points, "test")
    links = re.findall(r'<a href="#ev-([^"]+)" aria-label="([^"]+)"[^>]*data-count="(\d)"', svg)
    assert sorted(links) == [("b1", "Rafah: 2 breaches alleged", "2"),
                             ("r1", "Rafah: 1 handover (release)", "1")]  # fmt: skip
    centres = [float(x) for x in re.findall(r'<circle class="pt release" cx="([\d.]+)"', svg)]
    triangle = re.search(r'<polygon class="pt breach" points="([\d.]+),', svg)
    assert triangle and centres and abs(centres[0] - float(triangle[1])) >= 20  # apart
    assert svg.count('class="label"') == 1  # the place's name once


def test_names_that_would_collide_are_not_drawn_over_each_other() -> None:
    near = [point((31.30, 34.25), place="Somewhere long enough"),
            point((31.3003, 34.2503), "release", place="Another long place name"),
            point((31.60, 34.55), "casualty_claim", place="Far")]  # fmt: skip
    svg = map_svg(near, "test")
    boxes = []
    for x, y, anchor, name in re.findall(
        r'<text class="label" x="([\d.-]+)" y="([\d.-]+)" text-anchor="(\w+)"[^>]*>([^<]+)<', svg
    ):
        w = len(name) * 10.2
        left = {"start": float(x), "end": float(x) - w, "middle": float(x) - w / 2}[anchor]
        boxes.append((left, float(y) - 15, left + w, float(y) + 5))
    assert len(boxes) >= 2
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_hostile_names_are_text() -> None:
    svg = map_svg([point(RAFAH, place='<script>alert(1)</script>"onload="x')], "<b>title</b>")
    assert "<script" not in svg and 'onload="x' not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg
