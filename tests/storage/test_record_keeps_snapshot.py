"""`truce record` leaves the snapshot at its head for the next reader (docs/status.md, "A head
nobody judged"): folded onto the one kept, where one is good; built from every claim only while
the agreement is small (`services.claims.WHOLE_UP_TO`), so that a ledger written by records
alone keeps one from its first record, and a writer of one claim never pays the whole build of
a big one.

Each recorder is a `truce record` process of its own (its projection reads counted), each
reader another (`test_nobody_judged_paths._read`: its own cache folder, nothing in memory), on
a real SQLite file and the real PostgreSQL; attacked as it breaks in use: recorders at once, a
recorder killed while it writes the snapshot, a refused record, a kept copy gone stale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from tests.storage.gaza_record import AGREEMENT, _reference, _spec
from tests.storage.kept_rows import KeptRow
from tests.storage.test_nobody_judged_paths import ROOT, SOURCE, _head, _kept, _read
from truce import services
from truce.storage import Ledger
from truce.storage.db import make_engine
from truce.storage.kept_snapshot import CLAIMS, TAIL
from truce.storage.tables import claims, entries

AT = "2023-12-01T12:00"
# A `truce record` process whose projection reads are written to a file as they are made (its
# standard output is let go before the snapshot is kept); `bound` replaces `WHOLE_UP_TO`, and
# `die` names a function of `storage.snapshot` that kills the process when called.
RECORDER = """
import json, os, sys
from truce.services import claims
from truce.storage import kept_snapshot, snapshot
out, bound, die = sys.argv[1:4]
reads = []
real = snapshot.read_rows
def counted(conn, agreement, after, upto):
    reads.append([after, upto])
    with open(out, "w") as file:
        json.dump(reads, file)
    return real(conn, agreement, after, upto)
snapshot.read_rows = kept_snapshot.read_rows = counted
with open(out, "w") as file:
    json.dump(reads, file)
if bound:
    claims.WHOLE_UP_TO = int(bound)
if die:
    setattr(snapshot, die, lambda *args: os._exit(9))
sys.argv = ["truce", *sys.argv[4:]]
from truce.cli.entry import main
main()
"""


def _claim_args(url: str, n: int) -> list[str]:
    return ["--db", url, "record", "-a", AGREEMENT, "-t", "statement", "-d",
            "2023-11-30T12:00", "--actor", "qatar", "--outlet", f"recorder {n}"]  # fmt: skip


def _recorder(
    url: str, tmp_path: Path, n: int, bound: int | None = None, die: str = ""
) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SOURCE), str(ROOT)]),
        "XDG_CACHE_HOME": str(tmp_path / "recorders"),  # PostgreSQL's folder, theirs
    }
    out = tmp_path / f"reads-{n}.json"
    command = [sys.executable, "-c", RECORDER, str(out), str(bound or ""), die]
    return subprocess.Popen(
        [*command, *_claim_args(url, n)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _record(
    url: str, tmp_path: Path, n: int, bound: int | None = None, die: str = "", status: int = 0
) -> list[tuple[int, int]]:
    """The projection reads of one `truce record` process, which exits with `status`."""
    proc = _recorder(url, tmp_path, n, bound, die)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == status, err
    return _reads(tmp_path, n)


def _reads(tmp_path: Path, n: int) -> list[tuple[int, int]]:
    said = json.loads((tmp_path / f"reads-{n}.json").read_text(encoding="utf-8"))
    return [(after, upto) for after, upto in said]


def _recorders_folder(url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache folder the recorders used: beside a SQLite file, else under their cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "recorders"))
    with Ledger(make_engine(url)) as ledger:
        assert ledger.snapshots is not None
        return ledger.snapshots


def _right(url: str, folder: Path | None) -> None:
    """A status through `folder` (None: the copy kept in the database) is the reference's."""
    with Ledger(make_engine(url), folder) as ledger:
        assert services.status(ledger, AGREEMENT, AT) == _reference(ledger, AT)


def _new_ledger(url: str) -> None:
    spec, spec_text = _spec()
    with Ledger.init(url) as ledger:
        ledger.add_agreement(spec, spec_text, "analyst")


def test_records_alone_keep_a_snapshot(
    ledger_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closed (cold3): a ledger written by `truce record` alone was a head nobody judged. Its
    first record builds the snapshot (the agreement has no claim yet: nothing to read), each
    later one folds its own row in, and the next reader, in any folder, reads nothing."""
    _new_ledger(ledger_url)
    heads = [_head(ledger_url)]
    for n in range(1, 5):
        reads = _record(ledger_url, tmp_path, n)
        heads.append(_head(ledger_url))
        assert reads == ([(0, heads[-1])] if n == 1 else [(heads[-2], heads[-1])])
    head = heads[-1]
    assert _read(ledger_url, tmp_path / "another")[0] == [(head, head)]
    assert _read(ledger_url, _recorders_folder(ledger_url, tmp_path, monkeypatch))[0] == [
        (head, head)
    ]
    _right(ledger_url, None)


def test_a_record_folds_onto_the_kept_snapshot(gaza_url: str, tmp_path: Path) -> None:
    """Where another process kept the snapshot (here in its own folder and the database), a
    record takes that copy, folds its one row in and keeps it: the next reader reads nothing."""
    _read(gaza_url, tmp_path / "one")
    kept_at = _head(gaza_url)
    assert _record(gaza_url, tmp_path, 1) == [(kept_at, _head(gaza_url))]
    head = _head(gaza_url)
    assert _read(gaza_url, tmp_path / "two")[0] == [(head, head)]
    _right(gaza_url, None)


def test_a_small_ledger_nobody_judged_is_built_by_its_record(gaza_url: str, tmp_path: Path) -> None:
    """A ledger others appended to (here `Ledger.append_claims`), still small: the record reads
    every claim once and keeps the snapshot, so the next reader does not."""
    assert _kept(gaza_url, CLAIMS) is None
    assert _record(gaza_url, tmp_path, 1) == [(0, _head(gaza_url))]
    head = _head(gaza_url)
    assert _read(gaza_url, tmp_path / "two")[0] == [(head, head)]


def test_a_record_past_the_bound_builds_nothing(gaza_url: str, tmp_path: Path) -> None:
    """Remains, noted: a ledger grown past `WHOLE_UP_TO` claims by other writers, nobody judged;
    a record there reads no claim (the whole build is the next status's, as before)."""
    assert _record(gaza_url, tmp_path, 1, bound=10) == []
    assert _kept(gaza_url, CLAIMS) is None
    head = _head(gaza_url)
    assert _read(gaza_url, tmp_path / "two")[0] == [(0, head)]
    # Once a status kept one, records past the bound fold onto it.
    assert _record(gaza_url, tmp_path, 2, bound=10) == [(head, _head(gaza_url))]
    assert _read(gaza_url, tmp_path / "three")[0] == [(_head(gaza_url),) * 2]


def test_recorders_at_once(gaza_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Six recorders started together on one kept snapshot, sharing one cache folder: whatever
    order their appends, folds and writes land in, every claim is in, no reader reads every
    claim again, and the frame it reads (the folder's, and the copy in the database) judges as
    the claims themselves do."""
    _read(gaza_url, tmp_path / "one")
    kept_at = _head(gaza_url)
    procs = [_recorder(gaza_url, tmp_path, n) for n in range(6)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    head = _head(gaza_url)
    assert head == kept_at + 6
    for n in range(6):
        assert all(kept_at <= after < upto <= head for after, upto in _reads(tmp_path, n))
    folder = _recorders_folder(gaza_url, tmp_path, monkeypatch)
    for reader in (tmp_path / "two", folder):
        reads, _ = _read(gaza_url, reader)
        assert all(after >= kept_at for after, _ in reads), reads
    _right(gaza_url, None)
    _right(gaza_url, folder)


def test_a_recorder_killed_while_it_keeps_the_snapshot(
    gaza_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after its tail file is written and before the events file and the database's copy
    are (`snapshot._write_events`): its claim is in (the append was committed first), and the
    half-written folder is not believed: the next reader folds from the last whole snapshot."""
    _read(gaza_url, tmp_path / "one")
    _record(gaza_url, tmp_path, 1)  # a tail in the folder and in the database
    kept_at = _head(gaza_url)
    _record(gaza_url, tmp_path, 2, die="_write_events", status=9)
    head = _head(gaza_url)
    assert head == kept_at + 1
    with Ledger(make_engine(gaza_url), None) as ledger:
        assert "recorder 2" in {s.outlet for c in ledger.claims(AGREEMENT) for s in c.sources}
    folder = _recorders_folder(gaza_url, tmp_path, monkeypatch)
    assert _read(gaza_url, folder)[0] == [(kept_at, head)]
    assert _read(gaza_url, tmp_path / "two")[0] == [(head, head)]  # the first reader's fold
    _right(gaza_url, folder)
    _right(gaza_url, None)


def test_a_refused_record_leaves_the_snapshot_as_it_was(gaza_url: str, tmp_path: Path) -> None:
    """A record the ledger refuses (an agreement it does not hold) appends nothing and keeps
    nothing: the kept rows are the same bytes."""
    _read(gaza_url, tmp_path / "one")
    with Ledger(make_engine(gaza_url), None) as ledger:
        before = {n: KeptRow(ledger, AGREEMENT, n).read_bytes() for n in (CLAIMS,)}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SOURCE), str(ROOT)])}
    args = _claim_args(gaza_url, 1)
    args[args.index(AGREEMENT)] = "no-such-agreement"
    done = subprocess.run(
        [sys.executable, "-m", "truce", *args], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1 and "no-such-agreement" in done.stderr
    with Ledger(make_engine(gaza_url), None) as ledger:
        assert {n: KeptRow(ledger, AGREEMENT, n).read_bytes() for n in (CLAIMS,)} == before
        assert not KeptRow(ledger, AGREEMENT, TAIL).exists()


def test_a_stale_kept_copy_is_not_folded_onto(gaza_url: str, tmp_path: Path) -> None:
    """The chain rewritten under a kept snapshot (its last entries deleted outside the write
    path and others appended at their seqs): the kept head is no longer in the chain, so the
    record does not fold onto it; the ledger being small, it builds a new base from the chain
    as it is, and the next reader reads nothing and judges the claims as they are."""
    _read(gaza_url, tmp_path / "one")
    stale = _kept(gaza_url, CLAIMS)
    with Ledger(make_engine(gaza_url), None) as ledger, ledger.engine.begin() as conn:
        last = conn.execute(select(claims.c.seq).order_by(claims.c.seq.desc())).scalar()
        conn.execute(text(f"DELETE FROM claims WHERE seq >= {last - 1}"))
        conn.execute(text(f"DELETE FROM entries WHERE seq >= {last - 1}"))
        assert conn.execute(select(entries.c.seq).order_by(entries.c.seq.desc())).scalar()
    assert _record(gaza_url, tmp_path, 1) == [(0, _head(gaza_url))]
    renewed = _kept(gaza_url, CLAIMS)
    assert stale is not None and renewed is not None and renewed["base"] != stale["base"]
    head = _head(gaza_url)
    assert _read(gaza_url, tmp_path / "two")[0] == [(head, head)]
    _right(gaza_url, None)
