"""The snapshot made in a process of its own (`storage.prebuild`): the child writes the snapshot
a build in process makes, from the copy kept in the database, while this process's build lock
of the agreement is held (a judgment here waits for it, then reads the child's files and folds an
append into them); a child killed at any point of its work leaves no file read as valid, and the
next build is whole; files of two servers sharing one folder are never read mixed. On a real
SQLite file and the real PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import numpy as np
import pytest

from tests.storage.gaza_record import AGREEMENT, _late_claims, _spec
from truce.domain.engine.frame import EventFrame
from truce.storage import Ledger, snapshot
from truce.storage.db import make_engine
from truce.storage.prebuild import build_apart
from truce.storage.snapshot import load_frame, snapshot_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _child_finds_this_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """The child imports truce from the tree under test, as a server's would from its install."""
    path = os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")])
    monkeypatch.setenv("PYTHONPATH", path)


def _same(a: EventFrame, b: EventFrame) -> bool:
    return all(
        np.array_equal(np.asarray(getattr(a, f)), np.asarray(getattr(b, f)))
        for f in ("at", "type", "actor", "quantity", "starts", "members", "disputed")
    ) and list(a.keys) == list(b.keys)


def _kept(url: str, folder: Path) -> EventFrame:
    """A first host builds the snapshot (and keeps its copy in the database); the frame."""
    with Ledger(make_engine(url), folder) as first:
        return first.frame(AGREEMENT)[0]


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_the_child_writes_the_snapshot_while_the_lock_is_held(
    gaza_url: str, tmp_path: Path
) -> None:
    whole = _kept(gaza_url, tmp_path / "first")
    folder = tmp_path / "second"
    held: list[bool] = []
    with Ledger(make_engine(gaza_url), folder) as ledger:
        lock = ledger.building(AGREEMENT)
        assert build_apart(ledger, AGREEMENT, lambda child: held.append(lock.locked()))
        assert held == [True]  # a judgment here would have waited for the child
        assert not lock.locked()
        stored = snapshot._read(snapshot_path(folder, AGREEMENT), AGREEMENT)
        assert stored is not None and _same(stored.frame, whole)
        base = stored.base
        # Used afterwards: an append is folded into the child's base, not built again.
        spec, _ = _spec()
        ledger.append_claims(_late_claims(spec)[:3], "analyst")
        frame = ledger.frame(AGREEMENT)[0]
        assert _same(frame, load_frame(ledger.engine, AGREEMENT, None)[0])
        after = snapshot._read(snapshot_path(folder, AGREEMENT), AGREEMENT)
        assert after is not None and after.base == base and after.tail is not None


@pytest.mark.parametrize("seen", ["*.partial", "*.claims.arrow", "*.events.arrow", "never"])
def test_a_child_killed_at_any_point_leaves_nothing_read_as_valid(
    gaza_url: str, tmp_path: Path, seen: str
) -> None:
    """Killed (SIGKILL: no clean-up) as soon as a file matching `seen` shows in its folder (a
    file being written, the claims file in place, the events file in place; "never": at once),
    over an older snapshot of the same folder (a server restarted after appends: the child
    compacts a new base over it). The folder then holds either no snapshot that reads, or a
    whole one at a head of the chain; the next build is the whole one either way."""
    spec, _ = _spec()
    folder = tmp_path / "second"
    with Ledger(make_engine(gaza_url), folder) as ledger:
        ledger.frame(AGREEMENT)  # the older snapshot, then appends past a tenth of the claims
        old = snapshot._read(snapshot_path(folder, AGREEMENT), AGREEMENT)
        assert old is not None
        late = _late_claims(spec)
        ledger.append_claims(late, "analyst")
        whole = load_frame(ledger.engine, AGREEMENT, None)[0]
        before = {p.name: p.stat().st_mtime_ns for p in _files(folder)}

        def kill(child: subprocess.Popen[bytes]) -> None:
            while seen != "never" and child.poll() is None:
                if any(p.stat().st_mtime_ns != before.get(p.name) for p in folder.glob(seen)):
                    break
            child.send_signal(signal.SIGKILL)

        build_apart(ledger, AGREEMENT, kill)
        left = snapshot._read(snapshot_path(folder, AGREEMENT), AGREEMENT)
        assert (
            left is None
            or _same(left.frame, whole)
            or (left.head == old.head and _same(left.frame, old.frame))
        )
        assert _same(ledger.frame(AGREEMENT)[0], whole)
        rebuilt = snapshot._read(snapshot_path(folder, AGREEMENT), AGREEMENT)
        assert rebuilt is not None and _same(rebuilt.frame, whole)


def test_two_servers_files_in_one_folder_are_never_read_mixed(
    gaza_url: str, tmp_path: Path
) -> None:
    """Two children write the same folder (two servers started on one ledger and folder): the
    claims file of one beside the events file of the other does not read."""
    _kept(gaza_url, tmp_path / "first")
    one, two = tmp_path / "one", tmp_path / "two"
    with Ledger(make_engine(gaza_url), one) as a, Ledger(make_engine(gaza_url), two) as b:
        spec, _ = _spec()
        assert build_apart(a, AGREEMENT, lambda child: None)
        b.append_claims(_late_claims(spec)[:2], "analyst")
        b.frame(AGREEMENT)  # the kept copy, folded: a tail of its own
        assert build_apart(b, AGREEMENT, lambda child: None)
    path_one, path_two = snapshot_path(one, AGREEMENT), snapshot_path(two, AGREEMENT)
    assert snapshot._read(path_one, AGREEMENT) is not None
    mixed = path_two.with_suffix(".events.arrow")
    mixed.replace(path_one.with_suffix(".events.arrow"))
    assert snapshot._read(path_one, AGREEMENT) is None
