"""Writes put off until a value is handed over (`storage.put_off`): queued on the thread that put
them off only, run in order, one failing logged and the rest run; a put-off kept frame of a head
the chain has moved past is not written (real ledgers: SQLite, and PostgreSQL with CI=true)."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest

from tests.storage.kept_rows import kept_rows
from truce import services
from truce.services import kept_pages
from truce.storage import Ledger, kept_frame, put_off, snapshot

A = "gaza-2023-11"


def test_outside_a_scope_a_write_runs_at_once() -> None:
    done: list[str] = []
    put_off.write(lambda: done.append("now"))
    assert done == ["now"]


def test_inside_a_scope_writes_wait_for_run_in_order() -> None:
    done: list[int] = []
    with put_off.putting_off() as queued:
        for n in range(3):
            put_off.write(lambda n=n: done.append(n))
        assert done == []
    assert done == []
    assert put_off.run(queued) == 3
    assert done == [0, 1, 2] and queued == []


def test_another_threads_writes_are_not_put_off() -> None:
    done: list[str] = []
    with put_off.putting_off() as queued:
        other = threading.Thread(target=lambda: put_off.write(lambda: done.append("other")))
        other.start()
        other.join()
        assert done == ["other"] and queued == []


def test_a_failing_write_is_logged_and_the_rest_run(caplog: pytest.LogCaptureFixture) -> None:
    done: list[str] = []

    def broken() -> None:
        raise OSError("disk full")

    with put_off.putting_off() as queued:
        put_off.write(broken)
        put_off.write(lambda: done.append("after"))
    with caplog.at_level(logging.ERROR, logger="truce.kept"):
        assert put_off.run(queued) == 1
    assert done == ["after"] and "disk full" in caplog.text


def test_writes_after_runs_them_once_the_job_returned_even_when_it_raised() -> None:
    seen: list[str] = []

    def job() -> str:
        put_off.write(lambda: seen.append("write"))
        seen.append("job")
        return "value"

    assert kept_pages.writes_after(job) == "value"
    assert seen == ["job", "write"]

    def failing() -> None:
        put_off.write(lambda: seen.append("kept anyway"))
        raise ValueError("judging failed")

    with pytest.raises(ValueError):
        kept_pages.writes_after(failing)
    assert seen[-1] == "kept anyway"
    put_off.write(lambda: seen.append("at once"))  # the scope is over
    assert seen[-1] == "at once"


def test_a_put_off_frame_of_a_head_moved_past_is_not_kept(snapshot_ledger: Ledger) -> None:
    ledger = snapshot_ledger
    ledger.frame(A)  # the snapshot made (and kept with its frame), at the head
    for row in kept_rows(ledger, A, kept_frame.NAME):
        row.unlink()
    with put_off.putting_off() as queued:
        ledger.events(A)  # built from the snapshot; kept once the queue runs
    assert len(queued) == 1 and not kept_rows(ledger, A, kept_frame.NAME)
    services.record_claim(ledger, _statement(), "analyst")  # the head moves meanwhile
    assert put_off.run(queued) == 1
    assert not kept_rows(ledger, A, kept_frame.NAME)  # neither head's: not kept
    # Put off at the head it was built for, it is kept once run, and read back equal.
    ledger.frame(A)
    for row in kept_rows(ledger, A, kept_frame.NAME):
        row.unlink()
    with put_off.putting_off() as queued:
        frame = ledger.events(A)
    assert not kept_rows(ledger, A, kept_frame.NAME)
    put_off.run(queued)
    assert [r.name for r in kept_rows(ledger, A, kept_frame.NAME)] == [kept_frame.NAME]
    assert list(ledger.events(A).keys) == list(frame.keys)


def _statement() -> dict[str, object]:
    return {"agreement": A, "type": "statement", "date": "2023-11-26T12:00", "actor": "qatar",
            "sources": [{"outlet": "put-off test"}]}  # fmt: skip


def test_a_fold_put_off_is_read_from_memory_until_its_files_are_written(
    snapshot_ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warm's fold of an append writes the snapshot's files once the page is out; a second
    read in the process meanwhile folds nothing again, and reads what a fresh read of the
    files gives once they are written."""
    ledger = snapshot_ledger
    ledger.frame(A)
    assert ledger.snapshots is not None
    path = snapshot.snapshot_path(ledger.snapshots, A)
    before = snapshot._read(path, A)
    assert before is not None
    folds: list[int] = []
    real = snapshot.regroup

    def counted(*args: Any) -> Any:
        folds.append(1)
        return real(*args)

    monkeypatch.setattr(snapshot, "regroup", counted)
    services.record_claim(ledger, _statement(), "analyst")
    with put_off.putting_off() as queued:
        frame, _ = ledger.frame(A)
        again, _ = ledger.frame(A)  # as the page's `Ledger.events` reads it next
    assert len(folds) == 1 and again is frame
    unwritten = snapshot._read(path, A)
    assert unwritten is not None and unwritten.head == before.head  # the files: not yet
    put_off.run(queued)
    written = snapshot._read(path, A)
    assert written is not None and written.head.seq > before.head.seq
    assert list(written.frame.keys) == list(frame.keys)
    assert written.frame.members.tolist() == frame.members.tolist()


def test_a_new_base_put_off_is_read_from_memory_until_its_files_are_written(
    snapshot_ledger: Ledger, monkeypatch: pytest.MonkeyPatch, row_reads: list[tuple[int, int]]
) -> None:
    """The start-up build's snapshot of a head nobody judged writes its files and its copy in
    the database once it lets go of the frame: a read meanwhile (the page that waited for it)
    reads no claim again, an append meanwhile is folded onto it, and once the writes run the
    files and the copy read back the frame a fresh build gives."""
    ledger = snapshot_ledger
    assert ledger.snapshots is not None
    path = snapshot.snapshot_path(ledger.snapshots, A)
    reads = row_reads
    with put_off.putting_off() as queued:
        frame, _ = ledger.frame(A)
        again, _ = ledger.frame(A)  # as the page waiting for the build reads it next
    assert again is frame and len(reads) == 2 and reads[1][0] == reads[1][1]  # nothing new
    assert snapshot._read(path, A) is None  # no files yet
    assert not kept_rows(ledger, A, "snapshot/claims")  # nor the copy in the database
    head = reads[0][1]
    services.record_claim(ledger, _statement(), "analyst")  # an append before the writes ran
    folded, _ = ledger.frame(A)
    assert reads[-1][0] == head  # only the appended rows read: folded onto the memory's base
    put_off.run(queued)
    written = snapshot._read(path, A)
    assert written is not None and written.head.seq == head
    assert written.frame.members.tolist() == frame.members.tolist()
    assert [r.name for r in kept_rows(ledger, A, "snapshot/claims")] == ["snapshot/claims"]
    # Once written, what is read is the files' base with the append folded on (or its
    # fold held in memory): the same frame as a build from nothing.
    monkeypatch.setattr(snapshot, "_LATEST", {})
    for suffix in (".claims.arrow", ".events.arrow", ".tail.arrow"):
        path.with_suffix(suffix).unlink(missing_ok=True)
    for row in kept_rows(ledger, A, "snapshot/claims"):
        row.unlink()
    rebuilt, _ = ledger.frame(A)
    assert list(rebuilt.keys) == list(folded.keys)
    assert rebuilt.members.tolist() == folded.members.tolist()


def test_the_kept_copys_files_are_written_once_the_frame_is_out(
    snapshot_ledger: Ledger, monkeypatch: pytest.MonkeyPatch, row_reads: list[tuple[int, int]]
) -> None:
    """A process whose folder holds no snapshot takes the copy kept in the database and writes
    it to its folder (the claims file alone 150 MB at a million claims) once the frame is out:
    a read meanwhile reads no claim and is the same frame, and the files written after read
    back that frame (cold2)."""
    ledger = snapshot_ledger
    assert ledger.snapshots is not None
    path = snapshot.snapshot_path(ledger.snapshots, A)
    first, _ = ledger.frame(A)  # kept in the database and written to the folder
    monkeypatch.setattr(snapshot, "_LATEST", {})
    for suffix in (".claims.arrow", ".events.arrow", ".tail.arrow"):
        path.with_suffix(suffix).unlink(missing_ok=True)
    reads = row_reads
    reads.clear()
    with put_off.putting_off() as queued:
        frame, _ = ledger.frame(A)
        assert snapshot._read(path, A) is None  # not written yet (fails when written at once)
        again, _ = ledger.frame(A)
    assert again is frame and all(after == upto for after, upto in reads)  # no claim read
    put_off.run(queued)
    written = snapshot._read(path, A)
    assert written is not None and written.frame.members.tolist() == first.members.tolist()
    assert list(written.frame.keys) == list(first.keys)
