"""Claims with a place, as GeoJSON (RFC 7946): one Point feature per claim, written as it goes.

A claim's place is the gazetteer's `extra.place` (`lat`, `lon`, `name`, `admin1`, `country`,
`geo_precision`). A claim without one, or with coordinates outside the globe, is not a feature:
a map cannot draw it, and a made-up point would mislead. The collection is streamed: features
are written one by one, never gathered, so a million claims cost one feature's memory.

Properties are the claim's fields as the CSV export writes them (sources and categories as
JSON arrays rather than text), plus the place's name and its PLOVER and CAMEO codes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from typing import IO, Any

from truce.domain.claims import Claim
from truce.io.export import code_columns, place_columns

HEAD = '{"type":"FeatureCollection","features":[\n'
TAIL = "\n]}\n"
MEDIA_TYPE = "application/geo+json"
# Fields of `Claim.as_dict()` left out of a feature's properties: `extra` is the importer's
# free-form data (its place is the geometry and the place columns).
_LEFT_OUT = frozenset({"extra"})
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def point(claim: Claim) -> tuple[float, float] | None:
    """(longitude, latitude) of the claim's place, or None when it has no usable one."""
    place = place_columns(claim)
    lat, lon = place["lat"], place["lon"]
    if lat is None or lon is None:
        return None
    lat, lon = float(lat), float(lon)
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return lon, lat


def feature(claim: Claim) -> dict[str, Any] | None:
    """The claim as a Point feature (GeoJSON order: longitude first), or None without a place."""
    where = point(claim)
    if where is None:
        return None
    properties = {k: v for k, v in claim.as_dict().items() if k not in _LEFT_OUT}
    properties["qualifier"] = claim.qualifier.value
    place = claim.extra.get("place")
    name = place.get("name") if isinstance(place, dict) else None
    properties["place"] = name if isinstance(name, str) else None
    properties |= {k: v for k, v in place_columns(claim).items() if k not in ("lat", "lon")}
    properties |= code_columns(claim)
    return {
        "type": "Feature",
        "id": claim.id,
        "geometry": {"type": "Point", "coordinates": [where[0], where[1]]},
        "properties": properties,
    }


def encoded(claims: Iterable[Claim]) -> Iterator[str]:
    """Each claim with a place as one line of JSON (a feature), skipping those without."""
    for claim in claims:
        found = feature(claim)
        if found is not None:
            yield _ENCODER.encode(found)


def chunks(claims: Iterable[Claim]) -> Iterator[str]:
    """The FeatureCollection as text pieces, one per feature (for a streamed HTTP answer)."""
    yield HEAD
    for i, text in enumerate(encoded(claims)):
        yield text if i == 0 else ",\n" + text
    yield TAIL


def write_geojson(claims: Iterable[Claim], stream: IO[str]) -> int:
    """Write the claims that have a place to `stream`; return how many features were written."""
    stream.write(HEAD)
    count = 0
    for text in encoded(claims):
        stream.write(text if count == 0 else ",\n" + text)
        count += 1
    stream.write(TAIL)
    return count
