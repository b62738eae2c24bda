"""The snapshot's claims kept in the ledger's database (`storage.kept_snapshot`): a process with no
snapshot of its own folds an append into them, reading only the rows appended since, and gets
the frame a full build gets; rows that do not match their header (another head, other rules,
truncated) are rejected and made again; an append by another process between the keep and the
read is folded in; a missing table costs a full read and nothing else. On a real SQLite file and
the real PostgreSQL, the first host a separate process."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from sqlalchemy import text

from tests.storage.gaza_record import AGREEMENT, _late_claims, _reference, _spec
from tests.storage.kept_rows import KeptRow
from truce import services
from truce.domain.engine.frame import EventFrame
from truce.storage import Ledger, kept_snapshot, snapshot
from truce.storage.columnar import ArrowStrings
from truce.storage.db import make_engine
from truce.storage.kept_snapshot import CLAIMS, FRAME, TAIL, KeptSnapshot
from truce.storage.snapshot import load_frame

ROOT = Path(__file__).resolve().parents[2]
AT = "2023-12-01T12:00"
# Another process, its cache folder its own: builds the agreement's snapshot (and keeps it).
FIRST_HOST = """
import sys
from pathlib import Path
from truce.storage import Ledger
from truce.storage.db import make_engine
with Ledger(make_engine(sys.argv[1]), Path(sys.argv[2])) as ledger:
    ledger.frame(sys.argv[3])
"""
# Another process appends the late claims (a writer with no snapshot of its own).
APPENDER = """
import sys
from tests.storage.gaza_record import _late_claims, _spec
from truce.storage import Ledger
from truce.storage.db import make_engine
spec, _ = _spec()
with Ledger(make_engine(sys.argv[1]), None) as ledger:
    ledger.append_claims(_late_claims(spec)[: int(sys.argv[2])], "analyst")
"""


@pytest.fixture
def url(gaza_url: str) -> str:
    return gaza_url


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The projection reads made (after seq, up to seq) through `columnar.read_rows`, unchanged,
    counted: (0, head) is a read of every claim."""
    calls: list[tuple[int, int]] = []
    real = snapshot.read_rows

    def counting(conn: object, agreement: str, after: int, upto: int) -> object:
        calls.append((after, upto))
        return real(conn, agreement, after, upto)  # type: ignore[arg-type]

    monkeypatch.setattr(snapshot, "read_rows", counting)
    monkeypatch.setattr(kept_snapshot, "read_rows", counting)
    return calls


def _run(script: str, *args: str) -> None:
    path = os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", script, *args], env={**os.environ, "PYTHONPATH": path},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def _host(url: str, folder: Path) -> Ledger:
    return Ledger(make_engine(url), folder)


def _full(ledger: Ledger) -> EventFrame:
    """The frame built from every claim of the projection, with no snapshot at all."""
    return load_frame(ledger.engine, AGREEMENT, None)[0]


def _same(frame: EventFrame, other: EventFrame) -> None:
    assert list(frame.keys) == list(other.keys)
    assert np.array_equal(frame.members, other.members)
    assert np.array_equal(frame.starts, other.starts)
    assert np.array_equal(frame.at, other.at) and np.array_equal(frame.quantity, other.quantity)
    assert (frame.claims, frame.superseded, frame.retracted) == (
        other.claims, other.superseded, other.retracted
    )  # fmt: skip
    assert frame.actors == other.actors and frame.types == other.types


def _head(ledger: Ledger) -> int:
    head = ledger.head()
    assert head is not None
    return head.seq


def test_a_second_process_folds_an_append_into_the_firsts_kept_claims(
    url: str, tmp_path: Path, reads: list[tuple[int, int]]
) -> None:
    _run(FIRST_HOST, url, str(tmp_path / "one"), AGREEMENT)
    with _host(url, tmp_path / "two") as two:
        kept_at = _head(two)
        assert (
            KeptRow(two, AGREEMENT, CLAIMS).exists() and not KeptRow(two, AGREEMENT, TAIL).exists()
        )
        spec, _ = _spec()
        two.append_claims(_late_claims(spec), "analyst")
        frame, _ = two.frame(AGREEMENT)
        assert reads == [(kept_at, _head(two))]  # only the rows appended since: no full read
        _same(frame, _full(two))
        assert services.status(two, AGREEMENT, AT) == _reference(two, AT)
        # Its fold kept the tail over the first's base: a third host reads no projection rows.
        assert KeptRow(two, AGREEMENT, TAIL).exists()
        reads.clear()
        with _host(url, tmp_path / "three") as three:
            _same(three.frame(AGREEMENT)[0], frame)
        assert reads == [(_head(two), _head(two))]  # an empty read: nothing new since


def test_an_append_by_another_process_between_keep_and_read_is_folded_in(
    url: str, tmp_path: Path, reads: list[tuple[int, int]]
) -> None:
    with _host(url, tmp_path / "one") as one:
        one.frame(AGREEMENT)  # kept
        kept_at = _head(one)
    _run(APPENDER, url, "2")
    _run(APPENDER, url, "1")  # a second append: the tail to fold holds both
    with _host(url, tmp_path / "two") as two:
        reads.clear()
        frame, fetch = two.frame(AGREEMENT)
        assert reads == [(kept_at, _head(two))]
        _same(frame, _full(two))
        assert len(fetch.ids(list(range(frame.claims)))) == frame.claims
        assert services.status(two, AGREEMENT, AT) == _reference(two, AT)


def _damage(row: KeptRow, how: str) -> None:
    header, body = row.read_bytes().split(b"\n", 1)
    about = json.loads(header)
    if how == "truncated":
        body = body[: len(body) // 2]  # the header still says the whole length and digest
    elif how == "wrong head":
        about["seq"] += 1  # a head the chain does not hold there (its digest still right)
        header = json.dumps(about).encode()
    elif how == "wrong read":
        about["read"] = "0" * 16  # rows read by other code (their own header: not the rules)
        header = json.dumps(about).encode()
    row.write_bytes(header + b"\n" + body)


@pytest.mark.parametrize("how", ["truncated", "wrong head", "wrong read"])
def test_damaged_kept_claims_are_rejected_read_again_and_kept_anew(
    url: str, tmp_path: Path, reads: list[tuple[int, int]], how: str
) -> None:
    with _host(url, tmp_path / "one") as one:
        one.frame(AGREEMENT)
    with _host(url, tmp_path / "two") as two:
        row = KeptRow(two, AGREEMENT, CLAIMS)
        good = row.read_bytes()
        _damage(row, how)
        with two.engine.connect() as conn:
            assert KeptSnapshot(two.answers(AGREEMENT)).read(conn) is None
        reads.clear()
        frame, _ = two.frame(AGREEMENT)
        assert reads == [(0, _head(two))]  # rejected: every claim read
        _same(frame, _full(two))
        with two.engine.connect() as conn:
            again = KeptSnapshot(two.answers(AGREEMENT)).read(conn)
        assert again is not None  # kept anew, another base
        assert again.base != json.loads(good.split(b"\n", 1)[0])["base"]


@pytest.mark.parametrize("how", ["truncated", "wrong head", "wrong read"])
def test_a_damaged_tail_is_not_folded_but_read_from_the_projection(
    url: str, tmp_path: Path, reads: list[tuple[int, int]], how: str
) -> None:
    spec, _ = _spec()
    with _host(url, tmp_path / "one") as one:
        one.frame(AGREEMENT)
        kept_at = _head(one)
        one.append_claims(_late_claims(spec), "analyst")
        one.frame(AGREEMENT)  # the tail kept
    with _host(url, tmp_path / "two") as two:
        _damage(KeptRow(two, AGREEMENT, TAIL), how)
        reads.clear()
        frame, _ = two.frame(AGREEMENT)
        assert reads == [(kept_at, _head(two))]  # the base believed, the tail's rows read
        _same(frame, _full(two))


@pytest.mark.parametrize("frame_row", ["behind the tail", "ahead of the tail", "damaged", "gone"])
def test_the_frame_is_made_up_to_the_kept_rows_wherever_the_kept_one_stands(
    url: str, tmp_path: Path, reads: list[tuple[int, int]], frame_row: str
) -> None:
    spec, _ = _spec()
    late = _late_claims(spec)
    with _host(url, tmp_path / "one") as one:
        one.frame(AGREEMENT)  # the base and its frame kept
        base_at = _head(one)
        one.append_claims(late[:2], "analyst")
        one.frame(AGREEMENT)  # the tail kept; the frame kept stays at the base
        if frame_row == "ahead of the tail":
            one.append_claims(late[2:], "analyst")
            one.events(AGREEMENT)  # the page's frame kept at the new head
            KeptRow(one, AGREEMENT, TAIL).unlink()  # … and no tail reaching it
        if frame_row == "damaged":
            _damage(KeptRow(one, AGREEMENT, FRAME), "truncated")
        if frame_row == "gone":
            KeptRow(one, AGREEMENT, FRAME).unlink()
    with _host(url, tmp_path / "two") as two:
        reads.clear()
        frame, _ = two.frame(AGREEMENT)
        head = _head(two)
        if frame_row == "ahead of the tail":  # the rows between the base and the frame read
            assert reads == [(base_at, head), (head, head)]
        else:
            assert reads == [(head, head)]  # none: regrouped or grouped again from kept rows
        _same(frame, _full(two))
        assert services.status(two, AGREEMENT, AT) == _reference(two, AT)


def test_a_tail_is_never_kept_over_another_base(url: str, tmp_path: Path) -> None:
    spec, _ = _spec()
    with _host(url, tmp_path / "one") as one:
        one.frame(AGREEMENT)
        one.append_claims(_late_claims(spec)[:1], "analyst")
        one.frame(AGREEMENT)
        shared = KeptSnapshot(one.answers(AGREEMENT))
        with one.engine.connect() as conn:
            stored = shared.read(conn)
        assert stored is not None and stored.tail is not None
        tail = KeptRow(one, AGREEMENT, TAIL).read_bytes()
        shared.keep(dataclasses.replace(stored, base="another"), new_base=False)
        assert KeptRow(one, AGREEMENT, TAIL).read_bytes() == tail


def test_without_the_kept_table_the_frame_is_read_whole_and_the_failure_logged(
    url: str, tmp_path: Path, reads: list[tuple[int, int]], caplog: pytest.LogCaptureFixture
) -> None:
    spec, _ = _spec()
    with _host(url, tmp_path / "one") as one:
        with one.engine.begin() as conn:
            conn.execute(text("DROP TABLE kept"))
        with caplog.at_level(logging.WARNING, logger="truce.kept"):
            frame, _ = one.frame(AGREEMENT)
            one.append_claims(_late_claims(spec), "analyst")  # appends never depend on it
            folded, _ = one.frame(AGREEMENT)  # folded from its own files
        assert reads[0] == (0, reads[0][1]) and reads[1][0] == reads[0][1]
        _same(folded, _full(one))
        assert "could not read kept" in caplog.text and "could not keep" in caplog.text


def _events_file(folder: Path) -> pa.Table:
    events = snapshot._open(snapshot.snapshot_path(folder, AGREEMENT).with_suffix(".events.arrow"))
    return events.replace_schema_metadata(None)


def test_a_new_base_and_a_fold_write_the_events_their_frame_converts_to(
    url: str, tmp_path: Path
) -> None:
    """The events file and the kept frame take the ids' Arrow array the snapshot already holds;
    they are what converting the grouped frame's own ids gives, byte for byte, and a reader of
    either answers as the reference at several instants."""
    spec, _ = _spec()
    with _host(url, tmp_path / "one") as one:
        frame, _ = one.frame(AGREEMENT)  # every claim read and grouped: its ids Python text
        assert not isinstance(frame.keys, ArrowStrings) and len(frame) > 1
        assert _events_file(tmp_path / "one").equals(snapshot._events_table(frame)[0])
        kept_frame = KeptRow(one, AGREEMENT, FRAME).read_bytes().split(b"\n", 1)[1]
        assert kept_frame == snapshot.frame_bytes(frame)
        one.append_claims(_late_claims(spec), "analyst")
        folded, _ = one.frame(AGREEMENT)  # the fold's events file written anew
        assert _events_file(tmp_path / "one").equals(snapshot._events_table(folded)[0])
    with _host(url, tmp_path / "one") as files, _host(url, tmp_path / "two") as kept:
        for reader in (files, kept):  # the folder's files; the copy kept in the database
            _same(reader.frame(AGREEMENT)[0], _full(reader))
            for at in ("2023-11-24T09:00", "2023-11-27T12:00", AT):
                assert services.status(reader, AGREEMENT, at) == _reference(reader, at)
