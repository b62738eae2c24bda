"""The map's base layer: Natural Earth outlines read from the installed package, the Gaza Strip
where it is, a map without them when the package is missing, and data that names a class
refused."""

from __future__ import annotations

import io
import pickle
import re
from datetime import date
from typing import Any

import pytest

from tests.server.test_mapsvg import RAFAH, point
from truce.server import basemap
from truce.server.mapsvg import map_svg


def test_the_outlines_come_from_the_installed_package() -> None:
    svg = map_svg([point(RAFAH)], "test")
    land = re.search(r'<path class="land" aria-hidden="true" d="([^"]+)"', svg)
    assert land and land[1].count("M") >= 2  # the Gaza Strip's neighbours are there too
    parts = basemap.in_view((34.2, 31.2, 34.6, 31.6))
    assert {"PSE", "ISR", "EGY"} <= {o.country for o in parts}
    strip = [o for o in parts if o.country == "PSE" and o.bbox[1] < 31.4]
    assert any(_inside(RAFAH, o.ring) for o in strip)
    assert not any(_inside((31.45, 34.2), o.ring) for o in parts)  # the sea off Gaza


def _inside(where: tuple[float, float], ring: Any) -> bool:
    lat, lon = where
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, list(ring[1:]) + [ring[0]], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_without_the_package_the_map_is_drawn_without_outlines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    basemap.outlines.cache_clear()
    monkeypatch.setattr(basemap, "PACKAGE", "no_such_outline_package")
    try:
        svg = map_svg([point(RAFAH)], "test")
        assert 'class="land"' not in svg and 'class="pt breach"' in svg
    finally:
        basemap.outlines.cache_clear()


def test_outline_data_that_names_a_class_is_refused() -> None:
    with pytest.raises(pickle.UnpicklingError):
        basemap._DataOnly(io.BytesIO(pickle.dumps({"countries": [date(2023, 1, 1)]}))).load()
