"""Every way a head ends up with no usable snapshot, and what the next status does there: read
every claim of the projection (a head nobody judged: about 10 s of CPU at a million claims), or
fold only what is new onto what some process kept (docs/status.md, "A head nobody judged").

Each reader is a process of its own (`python -c`), with a cache folder of its own and nothing in
memory, on a real SQLite file or the real PostgreSQL; it prints the projection reads it made
(after seq, up to seq): `(0, head)` is a read of every claim."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.storage.gaza_record import AGREEMENT, _late_claims, _reference, _spec
from tests.storage.kept_rows import KeptRow
from truce import services
from truce.storage import Ledger, rules_version
from truce.storage.db import make_engine
from truce.storage.kept_snapshot import CLAIMS, FRAME

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src"
AT = "2023-12-01T12:00"
# A reader: the agreement's frame (what any judgment not kept yet needs), in a process of its
# own; prints its projection reads.
READER = """
import json, sys
from pathlib import Path
from truce.storage import Ledger, rules_version
from truce.storage.db import make_engine
from tests.storage.read_counter import count_reads
reads = count_reads()
with Ledger(make_engine(sys.argv[1]), Path(sys.argv[2])) as ledger:
    ledger.frame(sys.argv[3])
print(json.dumps({"reads": reads, "rules": rules_version.current()}))
"""


def _read(url: str, folder: Path, source: Path = SOURCE) -> tuple[list[tuple[int, int]], str]:
    """The projection reads a fresh process made for the agreement's frame, and its rules' version;
    `source`: the folder its `truce` is imported from (another release of it)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(source), str(ROOT)])}
    done = subprocess.run(
        [sys.executable, "-c", READER, url, str(folder), AGREEMENT],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout.splitlines()[-1])
    return [tuple(r) for r in said["reads"]], said["rules"]


def _head(url: str) -> int:
    with Ledger(make_engine(url), None) as ledger:
        head = ledger.head()
    assert head is not None
    return head.seq


def _kept(url: str, name: str) -> dict[str, object] | None:
    with Ledger(make_engine(url), None) as ledger:
        row = KeptRow(ledger, AGREEMENT, name)
        if not row.exists():
            return None
        header: dict[str, object] = json.loads(row.read_bytes().split(b"\n", 1)[0])
        return header


def _release(tmp_path: Path, changed: str) -> Path:
    """This code with one file of it changed (a line added), as a new release would be."""
    folder = tmp_path / "release"
    shutil.copytree(
        SOURCE / "truce", folder / "truce", ignore=shutil.ignore_patterns("__pycache__")
    )
    with (folder / "truce" / changed).open("a", encoding="utf-8") as file:
        file.write("\n# a release that changed this file\n")
    return folder


def _same_answer(url: str) -> None:
    with Ledger(make_engine(url), None) as ledger:
        assert services.status(ledger, AGREEMENT, AT) == _reference(ledger, AT)


def test_a_ledger_only_appended_to_is_a_head_nobody_judged(gaza_url: str, tmp_path: Path) -> None:
    """Remains: appends by other writers alone (`Ledger.append_claims`, the bench's builder,
    another tool) keep no snapshot, so the first status reads every claim; the one after it,
    none. (`truce record` keeps one: `test_record_keeps_snapshot`.)"""
    assert _kept(gaza_url, CLAIMS) is None
    head = _head(gaza_url)
    assert _read(gaza_url, tmp_path / "one")[0] == [(0, head)]
    assert _read(gaza_url, tmp_path / "two")[0] == [(head, head)]  # the first one's kept copy


def test_an_append_after_a_kept_snapshot_is_folded(gaza_url: str, tmp_path: Path) -> None:
    """Not a path: a `truce record` (or any append) after some process kept the snapshot costs
    the next reader, in any process, the new rows only."""
    _read(gaza_url, tmp_path / "one")
    kept_at = _head(gaza_url)
    spec, _ = _spec()
    with Ledger(make_engine(gaza_url), None) as writer:
        writer.append_claims(_late_claims(spec), "analyst")
    assert _read(gaza_url, tmp_path / "two")[0] == [(kept_at, _head(gaza_url))]
    _same_answer(gaza_url)


def test_a_new_version_of_the_spec_keeps_the_snapshot_good(gaza_url: str, tmp_path: Path) -> None:
    """Not a path: a spec change moves the head but adds no claim, so the kept claims and frame
    are still good; the reader reads an empty range."""
    _read(gaza_url, tmp_path / "one")
    spec, text = _spec()
    with Ledger(make_engine(gaza_url), None) as writer:
        writer.add_agreement(
            spec.model_copy(update={"title": "Gaza pause, as amended"}), text, "analyst"
        )
    reads, _ = _read(gaza_url, tmp_path / "two")
    assert all(after < _head(gaza_url) for after, _ in reads) and (0, _head(gaza_url)) not in reads
    _same_answer(gaza_url)


def test_a_release_that_changes_the_rules_regroups_the_kept_claims(
    gaza_url: str, tmp_path: Path
) -> None:
    """Closed (cold2): a release whose rules differ (here the grouping's module) used to find
    every kept thing stale and read every claim; the kept claims are the projection's rows,
    named by the code that reads them, so it regroups them and keeps its own frame."""
    _read(gaza_url, tmp_path / "one")
    base = _kept(gaza_url, CLAIMS)
    assert base is not None and "rules" not in base
    release = _release(tmp_path, "domain/engine/frame.py")
    reads, rules = _read(gaza_url, tmp_path / "two", release)
    assert rules != rules_version.current()  # another release's rules, truly
    assert (0, _head(gaza_url)) not in reads  # no claim read again
    assert _kept(gaza_url, CLAIMS) == base  # the same base, not rebuilt
    frame = _kept(gaza_url, FRAME)
    assert frame is not None and frame["rules"] == rules  # its own frame kept for the next
    # A third process of that release finds its frame: it groups nothing again.
    assert _read(gaza_url, tmp_path / "three", release)[0] == [(_head(gaza_url),) * 2]
    _same_answer(gaza_url)  # and this release, on what the other kept, still judges the same


@pytest.mark.parametrize("changed", ["storage/columnar.py", "storage/migrations/env.py"])
def test_a_release_that_changes_the_read_reads_every_claim(
    gaza_url: str, tmp_path: Path, changed: str
) -> None:
    """Remains, by design: a release that changes how the projection's rows are read (or any
    migration, which may rewrite them) cannot trust rows another read made."""
    _read(gaza_url, tmp_path / "one")
    base = _kept(gaza_url, CLAIMS)
    release = _release(tmp_path, changed)
    assert _read(gaza_url, tmp_path / "two", release)[0] == [(0, _head(gaza_url))]
    again = _kept(gaza_url, CLAIMS)
    assert base is not None and again is not None and again["base"] != base["base"]


def test_a_copied_sqlite_file_brings_its_kept_snapshot(tmp_path: Path) -> None:
    """Not a path: a SQLite file copied without its snapshot folder holds the kept copy."""
    spec, text = _spec()
    from tests.storage.gaza_record import _record

    original = tmp_path / "a" / "ledger.db"
    original.parent.mkdir()
    with Ledger.init(str(original)) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_record(spec), "analyst")
    _read(str(original), tmp_path / "one")
    copy = tmp_path / "b" / "ledger.db"
    copy.parent.mkdir()
    with sqlite3.connect(original) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    head = _head(str(copy))
    assert _read(str(copy), tmp_path / "two")[0] == [(head, head)]


def test_kept_claims_of_an_older_version_are_read_again_once(gaza_url: str, tmp_path: Path) -> None:
    """Remains, once: claims kept by a version before the rows had their own header (named by
    the rules) are not believed; the first reader reads every claim and keeps them anew."""
    _read(gaza_url, tmp_path / "one")
    with Ledger(make_engine(gaza_url), None) as ledger:
        row = KeptRow(ledger, AGREEMENT, CLAIMS)
        header, body = row.read_bytes().split(b"\n", 1)
        about = json.loads(header)
        del about["read"]
        about["rules"] = rules_version.current()  # as the version before cold2 wrote it
        row.write_bytes(json.dumps(about).encode() + b"\n" + body)
    head = _head(gaza_url)
    assert _read(gaza_url, tmp_path / "two")[0] == [(0, head)]
    assert _read(gaza_url, tmp_path / "three")[0] == [(head, head)]


@pytest.mark.postgres
def test_readers_that_may_not_write_each_read_every_claim(pg_url: str, tmp_path: Path) -> None:
    """Remains: a reader whose database role may not write (here every transaction read-only)
    keeps the snapshot in its own cache folder only; each other host or folder reads every
    claim again, until a process that may write judges the head."""
    from tests.storage.gaza_record import _record

    spec, text = _spec()
    with Ledger.init(pg_url) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_record(spec), "analyst")
    head = _head(pg_url)
    read_only = pg_url + "?options=-c%20default_transaction_read_only%3Don"
    assert _read(read_only, tmp_path / "one")[0] == [(0, head)]
    assert _kept(pg_url, CLAIMS) is None  # refused by the database, logged
    assert _read(read_only, tmp_path / "one")[0] == [(head, head)]  # its own folder serves it
    assert _read(read_only, tmp_path / "two")[0] == [(0, head)]
    _read(pg_url, tmp_path / "writer")  # one that may write keeps it for every reader
    assert _read(read_only, tmp_path / "three")[0] == [(head, head)]
