"""GeoJSON: claims with a usable place become Point features a GIS reads; the rest are left out."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from truce.domain.claims import EventType
from truce.io.geojson import chunks, feature, write_geojson
from truce.storage import Ledger

KHAN_YUNIS = {"name": "Khan Yunis", "lat": 31.34, "lon": 34.30, "admin1": "Gaza",
              "country": "PSE", "geo_precision": 3}  # fmt: skip


def test_features_are_points_lon_first_with_the_claims_fields(
    tmp_path: Path, make_claim: ClaimFactory
) -> None:
    placed = make_claim(0, type=EventType.BREACH, extra={"place": KHAN_YUNIS, "plover": "ASSAULT"})
    unplaced = make_claim(1)
    with Ledger.init(str(tmp_path / "g.db")) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, None)
        ledger.append_claims([placed, unplaced], "analyst")
        stored = ledger.claims("gaza-2023-11")
    out = io.StringIO()
    assert write_geojson(stored, out) == 1
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    (only,) = data["features"]
    assert only["geometry"] == {"type": "Point", "coordinates": [34.30, 31.34]}
    assert only["id"] == placed.id
    props = only["properties"]
    assert props["place"] == "Khan Yunis" and props["country"] == "PSE"
    assert props["type"] == "breach" and props["actor"] == "hamas"
    assert props["sources"][0]["outlet"] == "AFP" and props["recorded_by"] == "analyst"
    assert props["plover"] == "ASSAULT" and "extra" not in props


def test_coordinates_off_the_globe_or_not_numbers_are_not_features(
    make_claim: ClaimFactory,
) -> None:
    bad = [
        {"lat": 91.0, "lon": 10.0},
        {"lat": 10.0, "lon": -180.5},
        {"lat": math.nan, "lon": 1.0},
        {"lat": math.inf, "lon": 1.0},
        {"lat": "31.3", "lon": "34.3"},
        {"lat": True, "lon": 34.3},
        "Khan Yunis",
        {"lon": 34.3},
    ]
    for n, place in enumerate(bad):
        assert feature(make_claim(n, extra={"place": place})) is None, place
    edge = feature(make_claim(99, extra={"place": {"lat": -90, "lon": 180}}))
    assert edge is not None and edge["geometry"]["coordinates"] == [180.0, -90.0]


def test_no_claims_is_an_empty_collection_and_chunks_stream_one_feature_each(
    make_claim: ClaimFactory,
) -> None:
    assert json.loads("".join(chunks([]))) == {"type": "FeatureCollection", "features": []}
    many = [make_claim(n, extra={"place": KHAN_YUNIS}) for n in range(3)]
    pieces = list(chunks(iter(many)))
    assert len(pieces) == 5  # head, three features, tail
    assert [f["id"] for f in json.loads("".join(pieces))["features"]] == [c.id for c in many]
