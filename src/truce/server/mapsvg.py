"""The map drawn as SVG on the server: no script, no tiles, no network.

An equirectangular projection around the points' middle latitude (true to scale at that
latitude, which over the few hundred kilometres a truce covers is as good as any), country
outlines beneath, one marker per place and kind of event (a shape per kind as well as a colour,
so it reads without colour), the place's name beside it where it does not collide with
another, and a scale bar. Every marker is a link to its row in the table under the map, the
text alternative a screen reader (or a phone) reads instead.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from html import escape
from typing import Any

import numpy as np

from truce.server import basemap
from truce.server.mapdata import KIND_NAMES, KIND_PLURALS

WIDTH, HEIGHT = 600, 450
PAD = 0.2  # of the points' extent, each side
MIN_SPAN_DEG = 0.4  # a single place still shows its surroundings (some 40 km)
MARK = 10  # a marker's half size, px
LABEL_PX = 10.2  # an 18 px label's mean character width: at 390 px wide, about 11 px high
SHAPES = {"breach": "triangle", "casualty_claim": "square", "release": "circle", "other": "diamond"}


@dataclass(frozen=True)
class View:
    lon: float  # the centre
    lat: float
    squeeze: float  # cos(latitude): a degree of longitude's width against one of latitude
    k: float  # px per degree of latitude

    @classmethod
    def around(cls, points: list[dict[str, Any]]) -> View:
        lats = [p["lat"] for p in points]
        lons = [p["lon"] for p in points]
        lat = (min(lats) + max(lats)) / 2
        lon = (min(lons) + max(lons)) / 2
        squeeze = max(math.cos(math.radians(lat)), 0.05)
        span_x = max((max(lons) - min(lons)) * squeeze * (1 + 2 * PAD), MIN_SPAN_DEG)
        span_y = max((max(lats) - min(lats)) * (1 + 2 * PAD), MIN_SPAN_DEG)
        return cls(lon, lat, squeeze, min(WIDTH / span_x, HEIGHT / span_y))

    def xy(self, lon: Any, lat: Any) -> Any:
        return (WIDTH / 2 + (lon - self.lon) * self.squeeze * self.k,
                HEIGHT / 2 - (lat - self.lat) * self.k)  # fmt: skip

    @property
    def box(self) -> tuple[float, float, float, float]:
        half_w, half_h = WIDTH / 2 / (self.squeeze * self.k), HEIGHT / 2 / self.k
        return (self.lon - half_w, self.lat - half_h, self.lon + half_w, self.lat + half_h)


def place_groups(points: list[dict[str, Any]], view: View) -> list[dict[str, Any]]:
    """One marker per place and kind, placed side by side when a place has several kinds."""
    by_place: dict[tuple[float, float], dict[str, list[dict[str, Any]]]] = defaultdict(dict)
    for p in points:
        by_place[(p["lat"], p["lon"])].setdefault(p["kind"], []).append(p)
    groups = []
    for (lat, lon), kinds in by_place.items():
        x, y = view.xy(lon, lat)
        order = [k for k in (*SHAPES,) if k in kinds]
        for i, kind in enumerate(order):
            events = kinds[kind]
            groups.append({"kind": kind, "events": events, "place": events[0]["place"],
                           "x": x + (i - (len(order) - 1) / 2) * (2 * MARK + 2), "y": y,
                           "centre": (x, y), "first": i == 0, "width": len(order)})  # fmt: skip
    return groups


def map_svg(points: list[dict[str, Any]], title: str) -> str:
    if not points:
        return ""
    view = View.around(points)
    groups = place_groups(points, view)
    for p in points:  # where each event is drawn: the JSON twin says so too
        p["x"], p["y"] = (round(v, 1) for v in view.xy(p["lon"], p["lat"]))
    parts = [f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
             f'aria-labelledby="map-title" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="map-title">{escape(title)}</title>',
             _land(view)]  # fmt: skip
    taken: list[tuple[float, float, float, float]] = [
        (g["x"] - MARK, g["y"] - MARK, g["x"] + MARK, g["y"] + MARK) for g in groups
    ]
    for g in groups:
        parts.append(_marker(g))
    for g in groups:
        if g["first"]:
            parts.append(_label(g, taken))
    parts.append(_scale(view))
    parts.append(f'<text class="attribution" x="{WIDTH - 6}" y="{HEIGHT - 6}" '
                 f'text-anchor="end">outlines: Natural Earth</text>')  # fmt: skip
    parts.append("</svg>")
    return "".join(p for p in parts if p)


def _land(view: View) -> str:
    paths = []
    for outline in basemap.in_view(view.box):
        xs, ys = view.xy(outline.ring[:, 0], outline.ring[:, 1])
        if xs.max() - xs.min() < 1.5 and ys.max() - ys.min() < 1.5:
            continue  # an islet smaller than a pixel or two
        # Far outside the frame a ring's points are pinned to its edge: the part in view is
        # drawn as it is, and a country's far side costs a few points, not thousands.
        pts = np.round(np.column_stack([np.clip(xs, -20, WIDTH + 20),
                                        np.clip(ys, -20, HEIGHT + 20)]) * 2) / 2  # fmt: skip
        keep = np.ones(len(pts), dtype=bool)
        keep[1:] = np.any(pts[1:] != pts[:-1], axis=1)
        pts = pts[keep]
        if len(pts) >= 3:
            paths.append("M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z")
    if not paths:
        return ""
    return f'<path class="land" aria-hidden="true" d="{"".join(paths)}"/>'


def _marker(g: dict[str, Any]) -> str:
    x, y, kind = g["x"], g["y"], g["kind"]
    n = len(g["events"])
    what = KIND_NAMES[kind] if n == 1 else KIND_PLURALS[kind]
    label = f"{g['place']}: {n} {what}"
    shape = _shape(SHAPES[kind], x, y)
    count = (f'<text class="count" x="{x:.1f}" y="{y + 4.5:.1f}" text-anchor="middle" '
             f'aria-hidden="true">{n}</text>' if n > 1 else "")  # fmt: skip
    return (f'<a href="#ev-{escape(g["events"][0]["id"])}" aria-label="{escape(label)}" '
            f'class="pt-link" data-kind="{kind}" data-count="{n}">'
            f'<title>{escape(label)}</title>{shape}{count}</a>')  # fmt: skip


def _shape(shape: str, x: float, y: float) -> str:
    r = MARK
    if shape == "circle":
        return f'<circle class="pt release" cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>'
    if shape == "square":
        return (f'<rect class="pt casualty_claim" x="{x - r + 1:.1f}" y="{y - r + 1:.1f}" '
                f'width="{2 * r - 2}" height="{2 * r - 2}"/>')  # fmt: skip
    corners = (
        [(x, y - r - 1), (x + r + 1, y + r - 1), (x - r - 1, y + r - 1)]
        if shape == "triangle"
        else [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    )
    kind = "breach" if shape == "triangle" else "other"
    points = " ".join(f"{a:.1f},{b:.1f}" for a, b in corners)
    return f'<polygon class="pt {kind}" points="{points}"/>'


def _label(g: dict[str, Any], taken: list[tuple[float, float, float, float]]) -> str:
    """The place's name right of its markers, else left, above or below; none if all collide."""
    cx, cy = g["centre"]
    half = g["width"] * (MARK + 1) + 4
    w, h = len(g["place"]) * LABEL_PX, 20
    for x0, y0, anchor in ((cx + half, cy - h / 2, "start"), (cx - half - w, cy - h / 2, "end"),
                           (cx - w / 2, cy - MARK - 4 - h, "middle"),
                           (cx - w / 2, cy + MARK + 4, "middle")):  # fmt: skip
        box = (x0, y0, x0 + w, y0 + h)
        inside = box[0] >= 2 and box[2] <= WIDTH - 2 and box[1] >= 2 and box[3] <= HEIGHT - 20
        if inside and not any(_meets(box, t) for t in taken):
            taken.append(box)
            tx = {"start": x0, "end": x0 + w, "middle": x0 + w / 2}[anchor]
            return (f'<text class="label" x="{tx:.1f}" y="{y0 + 15:.1f}" text-anchor="{anchor}" '
                    f'aria-hidden="true">{escape(g["place"])}</text>')  # fmt: skip
    return ""


def _meets(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _scale(view: View) -> str:
    km_per_px = basemap.km_per_degree_lat() / view.k
    target = WIDTH * 0.22 * km_per_px
    step = 10 ** math.floor(math.log10(target))
    km = max(m * step for m in (1, 2, 5) if m * step <= target)
    px = km / km_per_px
    text = f"{km:g} km"
    x0, y = 12, HEIGHT - 16
    return (f'<g class="scale" aria-hidden="true"><line x1="{x0}" x2="{x0 + px:.1f}" y1="{y}" '
            f'y2="{y}"/><line x1="{x0}" x2="{x0}" y1="{y - 5}" y2="{y + 3}"/>'
            f'<line x1="{x0 + px:.1f}" x2="{x0 + px:.1f}" y1="{y - 5}" y2="{y + 3}"/>'
            f'<text x="{x0}" y="{y - 8}" data-km="{km:g}">{text}</text></g>')  # fmt: skip
