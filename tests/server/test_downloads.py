"""Downloads of a filtered claims list: CSV, Parquet and GeoJSON, opened as a user would, holding
exactly the claims the list shows; streamed while written, stopped when the reader goes."""

from __future__ import annotations

import csv
import io
import itertools
import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from tests.conftest import ClaimFactory
from tests.server.conftest import Server, error_of
from tests.server.live import serving
from truce.domain.claims import Claim, EventType
from truce.server.downloads import CHUNK, chunks

PLACE = {"name": "Rafah", "lat": 31.28, "lon": 34.25, "admin1": "Rafah", "country": "PSE",
         "geo_precision": 3}  # fmt: skip


def _placed(server: Server, make_claim: ClaimFactory) -> list[str]:
    made = [make_claim(n, type=EventType.BREACH, actor="israel", quantity=None,
                       extra={"place": PLACE}) for n in range(3)]  # fmt: skip
    server.ledger.append_claims(made, "desk")
    return [c.id for c in made]


def _listed(server: Server, **params: str) -> list[str]:
    body = server.get("/api/claims", "observer", params={"agreement": "gaza-2023-11",
                      "limit": 1000, **params}).json()  # fmt: skip
    return [c["id"] for c in body["claims"]]


def test_each_format_holds_the_filtered_list_in_its_order(
    server: Server, make_claim: ClaimFactory
) -> None:
    placed = _placed(server, make_claim)
    shown = {"type": "breach", "sort": "-date"}
    expected = _listed(server, **shown)
    assert set(placed) < set(expected)
    base = "/agreements/gaza-2023-11/claims/download"

    got = server.get(f"{base}.csv", "observer", params=shown)
    assert got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    assert [r["id"] for r in csv.DictReader(io.StringIO(got.text))] == expected

    table = pq.read_table(
        io.BytesIO(server.get(f"{base}.parquet", "observer", params=shown).content)
    )
    assert table.column("id").to_pylist() == expected
    assert set(table.column("type").to_pylist()) == {"breach"}

    wanted = {"agreement": "gaza-2023-11", "format": "geojson", **shown}
    api = server.get("/api/claims/download", "observer", params=wanted)
    assert api.headers["content-type"] == "application/geo+json"
    features = json.loads(api.text)["features"]
    assert [f["id"] for f in features] == [i for i in expected if i in placed]
    assert features[0]["geometry"]["coordinates"] == [34.25, 31.28]


def test_a_bad_format_or_filter_is_refused_before_anything_is_sent(server: Server) -> None:
    page = server.get("/agreements/gaza-2023-11/claims/download.xlsx", "observer")
    assert (
        page.status_code == 400 and "A476" in page.text and "csv, parquet or geojson" in page.text
    )
    bad = server.get("/api/claims/download", params={"agreement": "gaza-2023-11", "format": "xls"})
    assert error_of(bad)["code"] == "A476"
    bad = server.get("/api/claims/download", params={"agreement": "gaza-2023-11",
                     "format": "csv", "from": "2023-13-01"})  # fmt: skip
    assert error_of(bad)["code"] == "A471"


def _endless(make_claim: ClaimFactory, closed: threading.Event) -> Iterator[Claim]:
    """Claims without end: only a writer that streams can send any of them."""
    start = datetime(2023, 11, 24, tzinfo=UTC)
    try:
        for n in itertools.count():
            yield make_claim(n, date=start + timedelta(seconds=n), extra={"place": PLACE})
    finally:
        closed.set()


def test_bytes_flow_before_the_end_and_a_reader_going_away_stops_the_writer(
    make_claim: ClaimFactory,
) -> None:
    for fmt in ("csv", "parquet", "geojson"):
        closed = threading.Event()
        # Threads of this download only: another test's background writer may end meanwhile.
        before = set(threading.enumerate())
        stream = chunks(_endless(make_claim, closed), fmt)
        first = next(stream)
        assert len(first) >= CHUNK // 2  # a chunk, written while claims are still coming
        next(stream)
        stream.close()  # the client went away
        assert closed.wait(10), fmt  # the claims' source was closed
        deadline = time.monotonic() + 10
        while set(threading.enumerate()) - before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not set(threading.enumerate()) - before, fmt  # the writer's thread is gone


def test_a_download_over_real_http_is_chunked_and_opens(tmp_path: Path) -> None:
    with serving(str(tmp_path / "live.db")) as live:
        headers = {"Authorization": f"Bearer {live.admin_token}"}
        url = f"{live.url}/agreements/gaza-2023-11/claims/download.parquet?actor=hamas"
        with httpx.stream("GET", url, headers=headers, timeout=30) as response:
            assert response.status_code == 200
            assert "content-length" not in response.headers  # streamed, not built first
            body = response.read()
        table = pq.read_table(io.BytesIO(body))
        assert table.num_rows > 0 and set(table.column("actor").to_pylist()) == {"hamas"}
