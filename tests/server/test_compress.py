"""Large answers compressed when the client accepts it (issue 12, `server.compress`).

A real app on the bundled example (SQLite file and PostgreSQL), asked over HTTP in process; the
bytes on the wire are read raw (`iter_raw`) and decoded here, so a wrong CRC, a missing header
or a stream cut between pieces fails. The clock is the test's own inside the Gaza pause, so the
answer "now" reads the same in every encoding.
"""

from __future__ import annotations

import gzip
import json
import time
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from tests.server.browser import launched, signed_in
from tests.server.conftest import Server, release, running
from tests.server.live import serving
from truce.server import compress
from truce.server.app import create_app
from truce.server.bootstrap import prepare
from truce.server.compress import Packed, Piece, chosen
from truce.server.settings import ServerSettings
from truce.services import instants
from truce.storage import kept_place
from truce.storage.kept_place import PACKED
from truce.storage.tables import kept

A = "gaza-2023-11"
AT = f"/api/agreements/{A}/status?at=2023-11-28T12:00"
NOW = f"/api/agreements/{A}/status"
T0 = datetime.fromisoformat("2023-11-25T12:00:00+02:00").timestamp()  # day 2 of the pause


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(instants, "now_s", lambda: T0)


def raw(s: Server, path: str, encoding: str | None, **headers: str) -> tuple[Any, bytes]:
    """The answer's headers and its bytes as sent; `encoding` None: no Accept-Encoding at all."""
    client = TestClient(s.client.app)
    if encoding is None:
        del client.headers["accept-encoding"]
    else:
        headers["accept-encoding"] = encoding
    with client.stream("GET", path, headers={**s.auth("admin"), **headers}) as response:
        body = b"".join(response.iter_raw())
    sent = response.request.headers.get("accept-encoding")
    assert sent == encoding, "the client sent another Accept-Encoding than the test meant"
    return response, body


def decoded(response: Any, body: bytes, size: int = 0) -> bytes:
    """The bytes sent, decoded as their Content-Encoding says (`size`: the plain length, which
    zstd's one-call decoder needs)."""
    encoding = response.headers.get("content-encoding")
    if encoding == "gzip":
        assert body[:2] == b"\x1f\x8b"
        stream = zlib.decompressobj(31)  # one gzip member, checked to its CRC and length
        plain = stream.decompress(body)
        assert stream.eof and not stream.unused_data
        return plain
    if encoding == "zstd":
        return bytes(pa.Codec("zstd").decompress(body, decompressed_size=size, asbytes=True))
    assert encoding is None, encoding
    return body


@pytest.mark.parametrize("path", [AT, NOW], ids=["at an instant", "now"])
def test_the_status_api_decodes_to_the_same_json_in_every_encoding(
    server: Server, path: str
) -> None:
    plain_response, plain = raw(server, path, "identity")
    assert plain_response.status_code == 200
    assert "content-encoding" not in plain_response.headers
    assert "accept-encoding" in plain_response.headers["vary"].lower()
    answer = json.loads(plain)
    assert answer["agreement"] == A and len(plain) > 1024
    unsaid, bytes_unsaid = raw(server, path, None)
    assert "content-encoding" not in unsaid.headers and bytes_unsaid == plain
    refused, bytes_refused = raw(server, path, "gzip;q=0, br")
    assert "content-encoding" not in refused.headers and bytes_refused == plain
    tags = {plain_response.headers["etag"]}
    for encoding in ("gzip", "zstd"):
        response, body = raw(server, path, encoding)
        assert response.headers["content-encoding"] == encoding
        assert "accept-encoding" in response.headers["vary"].lower()
        assert len(body) < len(plain) / 3
        assert int(response.headers["content-length"]) == len(body)
        assert decoded(response, body, len(plain)) == plain
        tags.add(response.headers["etag"])
    assert len(tags) == 3, "a strong ETag names one encoding's bytes"
    # Asked again: the same bytes from what the head's cache keeps.
    again, body = raw(server, path, "gzip")
    assert decoded(again, body) == plain and again.headers["etag"] in tags


def test_if_none_match_is_answered_304_until_the_head_moves(server: Server) -> None:
    first, first_body = raw(server, AT, "gzip")
    tag = first.headers["etag"]
    plain, _ = raw(server, AT, "identity")
    for sent, accept in ((tag, "gzip"), (tag, "identity"), (plain.headers["etag"], "gzip"),
                         (f'"other", W/{tag}', "gzip")):  # fmt: skip
        response, body = raw(server, AT, accept, **{"if-none-match": sent})
        assert response.status_code == 304 and body == b""
        assert "accept-encoding" in response.headers["vary"].lower()
        assert response.headers["etag"] in (tag, plain.headers["etag"])
    other, body = raw(server, AT, "gzip", **{"if-none-match": '"not-this-one"'})
    assert other.status_code == 200 and json.loads(decoded(other, body))["agreement"] == A
    # A claim that changes the answer: the old tag no longer holds.
    made = server.post("/api/claims", json=release(date="2023-11-28T09:00", quantity=9))
    assert made.status_code == 201, made.text
    after, body = raw(server, AT, "gzip", **{"if-none-match": tag})
    assert after.status_code == 200 and after.headers["etag"] != tag
    assert json.loads(decoded(after, body)) != json.loads(decoded(first, first_body))


def test_pages_and_lists_are_compressed_and_downloads_stream_as_they_are(server: Server) -> None:
    day_4 = "at=2023-11-27T12:00"  # the pages "now" show the wall clock's instant
    for path in (f"/agreements/{A}?{day_4}", f"/api/claims?agreement={A}",
                 f"/agreements/{A}.json?{day_4}"):  # fmt: skip
        plain_response, plain = raw(server, path, "identity")
        assert plain_response.status_code == 200, path
        assert "content-encoding" not in plain_response.headers, path
        for encoding in ("gzip", "zstd"):
            response, body = raw(server, path, encoding)
            assert response.headers.get("content-encoding") == encoding, path
            assert "accept-encoding" in response.headers["vary"].lower(), path
            assert int(response.headers["content-length"]) == len(body)
            assert decoded(response, body, len(plain)) == plain, path
    small, body = raw(server, "/api/health", "gzip")
    assert "content-encoding" not in small.headers and json.loads(body)
    download, body = raw(server, f"/agreements/{A}/claims/download.csv", "gzip")
    assert download.status_code == 200 and "content-encoding" not in download.headers
    assert body.startswith(b"id,") or b"," in body.splitlines()[0]


def test_a_damaged_kept_body_is_rebuilt_on_a_fresh_server(
    ledger_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The example's answer is smaller than the size kept compressed at a million claims.
    monkeypatch.setattr(kept_place, "PACK_FROM", 1024)
    with running(ledger_url) as first:
        plain_response, plain = raw(first, AT, "identity")
        assert plain_response.status_code == 200
        engine = first.ledger.engine
        with engine.begin() as conn:
            rows = conn.execute(select(kept.c.name, kept.c.body).where(
                kept.c.agreement == A, kept.c.name.startswith("api/"))).all()  # fmt: skip
            packed = [(name, bytes(body)) for name, body in rows if bytes(body).startswith(PACKED)]
            assert packed, "the status API's bytes are kept compressed"
            damaged_bodies = set()
            for name, body in packed:
                cut = len(PACKED) + 8
                damaged = (
                    body[:cut] + bytes(b ^ 0x5A for b in body[cut : cut + 64]) + body[cut + 64 :]
                )
                damaged_bodies.add(damaged)
                conn.execute(update(kept).where(kept.c.agreement == A, kept.c.name == name)
                             .values(body=damaged))  # fmt: skip
        tokens = first.tokens
    # A fresh server on the ledger (another process or host): nothing cached but the database.
    config = ServerSettings(db=ledger_url, bootstrap_admin=False)
    started = prepare(config)
    second = Server(TestClient(create_app(config, started.ledger)), started.ledger, tokens)
    try:
        response, body = raw(second, AT, "gzip")
        assert response.status_code == 200 and response.headers["content-encoding"] == "gzip"
        assert decoded(response, body) == plain
        with engine_of(second).connect() as conn:
            rows = conn.execute(select(kept.c.body).where(
                kept.c.agreement == A, kept.c.name.startswith("api/"))).scalars().all()  # fmt: skip
        assert not any(bytes(b) in damaged_bodies for b in rows), "the rebuild is kept again"
    finally:
        second.client.close()
        started.ledger.close()


def engine_of(s: Server) -> Any:
    return s.ledger.engine


def test_chosen_follows_the_clients_weights() -> None:
    assert chosen(None) is None and chosen("") is None and chosen("identity") is None
    assert chosen("gzip, deflate") == "gzip"
    assert chosen("gzip, deflate, br, zstd") == "zstd"
    assert chosen("zstd;q=0.5, gzip") == "gzip"
    assert chosen("gzip;q=0, *;q=0.2") == "zstd"
    assert chosen("*;q=0") is None and chosen("gzip;q=bad") is None
    assert chosen("GZIP ; Q=1") == "gzip"


@pytest.mark.parametrize("sizes", [(0, 3, 0), (5, 0, 70_000), (12, 25, 3_000_000), (9000, 1, 7)])
def test_pieces_join_into_one_gzip_stream_and_zstd_frames(sizes: tuple[int, ...]) -> None:
    parts = [(b'{"n":%d,' % i * (size // 8 + 1))[:size] for i, size in enumerate(sizes)]
    packed = Packed([Piece(p) for p in parts])
    whole = b"".join(parts)
    assert packed.data == whole
    assert gzip.decompress(packed.body("gzip")) == whole
    stream = zlib.decompressobj(31)
    assert stream.decompress(packed.body("gzip")) == whole and stream.eof
    zstd = packed.body("zstd")
    assert (
        bytes(pa.Codec("zstd").decompress(zstd, decompressed_size=len(whole), asbytes=True))
        == whole
    )
    assert Packed.of(whole).tag != Packed.of(whole + b" ").tag


def test_the_browser_gets_pages_compressed_and_renders_them(
    tmp_path: Path, chromium_path: Path
) -> None:
    with serving(str(tmp_path / "served.db")) as live, launched(chromium_path) as browser:
        assert live.admin_token
        page = signed_in(browser, live.url, live.admin_token)
        response = page.goto(f"{live.url}/agreements/{A}?at=2023-11-27T12:00")
        assert response is not None and response.status == 200
        sent = response.request.all_headers().get("accept-encoding", "")
        assert "gzip" in sent, sent
        assert response.header_value("content-encoding") in ("gzip", "zstd")
        assert "accept-encoding" in (response.header_value("vary") or "").lower()
        assert "Gaza" in page.locator("h1").inner_text()
        assert page.locator("table").count() > 0  # the whole page arrived, decoded
        # The same page as a client that accepts no encoding, byte for byte the same text.
        plain = httpx.get(response.url, headers={"accept-encoding": "identity",
                          "cookie": _cookies(page)})  # fmt: skip
        assert "content-encoding" not in plain.headers
        assert page.content().count("<tr") == plain.text.count("<tr")


def _cookies(page: Any) -> str:
    return "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())


def test_a_large_answer_not_compressed_yet_is_sent_as_it_is_once(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More to compress than `COMPRESS_NOW_UP_TO`: the first read gets the bytes as they are
    (with their own tag), the next ones the compressed bytes made meanwhile."""
    monkeypatch.setattr(compress, "COMPRESS_NOW_UP_TO", 1024)
    first, body = raw(server, AT, "gzip")
    assert first.status_code == 200 and "content-encoding" not in first.headers
    assert "accept-encoding" in first.headers["vary"].lower()
    plain = body
    for _ in range(200):  # the background compression: a few milliseconds for the example
        later, body = raw(server, AT, "gzip")
        if "content-encoding" in later.headers:
            break
        time.sleep(0.05)
    assert later.headers["content-encoding"] == "gzip" and decoded(later, body) == plain
    assert later.headers["etag"] == first.headers["etag"].removesuffix('"') + '-gzip"'


def test_a_large_answer_is_sent_in_zstd_on_its_first_read(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """zstd is cheap enough to make on the first read, however large (`ALWAYS_NOW`): no read
    is sent as it is to a client that takes it."""
    monkeypatch.setattr(compress, "COMPRESS_NOW_UP_TO", 1024)
    monkeypatch.setattr(compress, "LARGE", 1024)  # the fastest level, as at a million claims
    plain_response, plain = raw(server, AT, "identity")
    first, body = raw(server, AT, "zstd")
    assert first.status_code == 200 and first.headers["content-encoding"] == "zstd"
    assert decoded(first, body, len(plain)) == plain
    assert first.headers["etag"] == plain_response.headers["etag"].removesuffix('"') + '-zstd"'
