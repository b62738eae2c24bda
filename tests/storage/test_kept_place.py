"""Bodies kept in the ledger's database (`storage.kept_place`) are stored compressed when that pays,
and read back as written; a body whose stored bytes do not unpack is read as nothing kept; rows
stored whole (before compression, or not worth it) read as they are. On a real SQLite file and
the real PostgreSQL."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select, update

from truce.storage import Ledger, kept_place
from truce.storage.tables import kept

A = "gaza-2023-11"


@pytest.fixture
def engine(ledger_url: str) -> Iterator[Engine]:
    with Ledger.init(ledger_url) as ledger:
        yield ledger.engine


def _stored(engine: Engine, name: str) -> bytes:
    query = select(kept.c.body).where(kept.c.agreement == A, kept.c.name == name)
    with engine.connect() as conn:
        return bytes(conn.execute(query).scalar_one())


def _store(engine: Engine, name: str, body: bytes) -> None:
    change = update(kept).where(kept.c.agreement == A, kept.c.name == name).values(body=body)
    with engine.begin() as conn:
        conn.execute(change)


def _answer(n: int) -> bytes:
    """JSON like a status answer's: many events, repetitive keys and values."""
    events = [{"event_id": f"e{i}", "quantity": i % 17, "status": "reported"} for i in range(n)]
    return json.dumps({"events": events}).encode()


def test_a_large_body_is_stored_compressed_and_read_back_as_written(engine: Engine) -> None:
    body = _answer(50_000)
    assert kept_place.write(engine, A, "api/now", {"n": 1}, body, (3, "abc"))
    stored = _stored(engine, "api/now")
    assert stored.startswith(kept_place.PACKED) and len(stored) < len(body) / 5
    assert kept_place.read(engine, A, "api/now") == ({"n": 1}, body)
    assert kept_place.read_many(engine, A, ["api/now", "other"]) == {"api/now": ({"n": 1}, body)}


@pytest.mark.parametrize("body", [b'{"small": true}', os.urandom(200_000)], ids=["small", "noise"])
def test_a_small_or_incompressible_body_is_stored_as_it_is(engine: Engine, body: bytes) -> None:
    assert kept_place.write(engine, A, "frame", {}, body)
    assert _stored(engine, "frame") == body
    assert kept_place.read(engine, A, "frame") == ({}, body)


def test_a_row_stored_whole_before_compression_still_reads(engine: Engine) -> None:
    body = _answer(20_000)
    assert kept_place.write(engine, A, "answer/x", {}, b"placeholder")
    _store(engine, "answer/x", body)  # as the code before this kept it
    assert kept_place.read(engine, A, "answer/x") == ({}, body)


def test_compressed_bytes_that_do_not_unpack_are_read_as_nothing_kept(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    body = _answer(50_000)
    assert kept_place.write(engine, A, "api/now", {}, body)
    stored = _stored(engine, "api/now")
    _store(engine, "api/now", stored[: len(stored) // 2])  # cut short
    with caplog.at_level(logging.WARNING, logger="truce.kept"):
        assert kept_place.read(engine, A, "api/now") is None
        assert kept_place.read_many(engine, A, ["api/now"]) == {}
    assert "does not unpack" in caplog.text
