"""A library's write of claims (`services.append_claims`) leaves the head judged for the next
reader in any process, at a cost proportional to the write (docs/status.md, "A head nobody
judged"): where no snapshot is kept, a writer of N claims builds it from every claim while the
agreement has at most `services.claims.build_bound(N)` claims, else reads no claim at all.

Each writer is a process of its own (a library user's script: its projection reads counted,
the bounds set small so that the bundled record's 33 claims are "big"), each reader another
(`test_nobody_judged_paths._read`: its own cache folder, nothing in memory), on a real SQLite
file and the real PostgreSQL. `Ledger.append_claims` itself keeps nothing (the bench's builder
needs a head nobody judged: `test_nobody_judged_paths`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.storage.gaza_record import AGREEMENT, _reference, _spec
from tests.storage.test_nobody_judged_paths import ROOT, SOURCE, _head, _kept, _read
from truce import services
from truce.services.claims import build_bound
from truce.storage import Ledger
from truce.storage.db import make_engine
from truce.storage.kept_snapshot import CLAIMS

AT = "2023-12-01T12:00"
# A library user's script: `n` new claims (statements, each its own outlet) written through
# `services.append_claims`, or with `all` the bundled record; prints its projection reads.
WRITER = """
import json, sys
from tests.storage.gaza_record import AGREEMENT, _record, _spec
from truce import services
from truce.domain.claim_input import ClaimInput
from truce.services import claims
from truce.storage import Ledger
from tests.storage.read_counter import count_reads
url, what, nonce, bound, per = sys.argv[1:6]
claims.WHOLE_UP_TO, claims.BUILD_PER_WRITTEN = int(bound), int(per)
reads = count_reads()
spec, _ = _spec()
if what == "all":
    batch = _record(spec)
else:
    batch = [
        ClaimInput.model_validate(
            {"agreement": AGREEMENT, "type": "statement", "date": "2023-11-30T12:00",
             "actor": "qatar", "sources": [{"outlet": f"library {nonce} {n}"}]}
        ).to_claim(spec.zone)
        for n in range(int(what))
    ]
with Ledger.open(url) as ledger:
    result = services.append_claims(ledger, batch, "library")
print(json.dumps({"reads": reads, "added": len(result.added)}))
"""
BOUND, PER = 10, 5  # so: a writer of n claims builds up to max(10, 5n) claims


def _write(url: str, tmp_path: Path, what: str, nonce: str) -> tuple[list[tuple[int, int]], int]:
    """The projection reads of one writer process, and how many claims it added."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SOURCE), str(ROOT)]),
        "XDG_CACHE_HOME": str(tmp_path / "writers"),  # PostgreSQL's folder, the writers'
    }
    done = subprocess.run(
        [sys.executable, "-c", WRITER, url, what, nonce, str(BOUND), str(PER)],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout.splitlines()[-1])
    return [(after, upto) for after, upto in said["reads"]], said["added"]


def _right(url: str) -> None:
    """A status from the copy kept in the database is the reference's."""
    with Ledger(make_engine(url), None) as ledger:
        assert services.status(ledger, AGREEMENT, AT) == _reference(ledger, AT)


def test_the_bound_grows_with_the_write() -> None:
    from truce.services import claims

    assert build_bound(1) == claims.WHOLE_UP_TO == 50_000
    assert build_bound(1_000_000) == claims.BUILD_PER_WRITTEN * 1_000_000
    assert build_bound(1_000_000) >= 1_000_000 * 2  # a bulk writer of 1M builds past 2M


def test_a_bulk_write_past_the_bound_leaves_a_judged_head(ledger_url: str, tmp_path: Path) -> None:
    """Closed (cold5): a ledger filled by one bulk write, bigger than `WHOLE_UP_TO` (here 10),
    used to be a head nobody judged (`Ledger.append_claims` keeps nothing). Written through
    `services.append_claims`, the writer builds the snapshot (33 claims <= 5 x 33) and keeps it:
    the next reader, in another process and folder, reads no claim."""
    spec, text = _spec()
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(spec, text, "analyst")
    reads, added = _write(ledger_url, tmp_path, "all", "bulk")
    head = _head(ledger_url)
    assert added == 33 and reads == [(0, head)]
    assert _read(ledger_url, tmp_path / "reader")[0] == [(head, head)]
    _right(ledger_url)


def test_a_write_large_beside_the_record_builds_a_small_one_does_not(
    gaza_url: str, tmp_path: Path
) -> None:
    """A ledger others appended to (`Ledger.append_claims`: 33 claims, nobody judged). A library
    write of n claims builds where the agreement then has at most max(10, 5n): 4 claims (37 >
    20) and 9 (46 > 45) read no claim and keep nothing, so the next reader would read every
    claim (the path that remains, as for `truce record`); 12 (58 <= 60) build, once, and the
    next reader reads no claim; a write of one then folds its row onto the kept snapshot."""
    head = _head(gaza_url)
    reads, added = _write(gaza_url, tmp_path, "4", "small")
    assert added == 4 and reads == []
    assert _kept(gaza_url, CLAIMS) is None
    small = _head(gaza_url)
    assert small == head + 4
    reads, added = _write(gaza_url, tmp_path, "9", "short")
    assert added == 9 and reads == [] and _kept(gaza_url, CLAIMS) is None  # 46 > 45
    reads, added = _write(gaza_url, tmp_path, "12", "large")
    head = _head(gaza_url)
    assert added == 12 and reads == [(0, head)]  # 58 <= 60: the whole build, once
    assert _read(gaza_url, tmp_path / "reader")[0] == [(head, head)]
    # Once one is kept, a write of one claim folds its row onto it, whatever the size.
    reads, added = _write(gaza_url, tmp_path, "1", "one")
    assert added == 1 and reads == [(head, _head(gaza_url))]
    assert _read(gaza_url, tmp_path / "reader-2")[0] == [(_head(gaza_url),) * 2]
    _right(gaza_url)


def test_a_write_of_claims_already_recorded_keeps_nothing(gaza_url: str, tmp_path: Path) -> None:
    """The bundled record written again: every claim is skipped (already recorded), the head
    does not move, and the writer reads and keeps nothing: a write of none pays no build."""
    head = _head(gaza_url)
    reads, added = _write(gaza_url, tmp_path, "all", "again")
    assert added == 0 and reads == [] and _head(gaza_url) == head
    assert _kept(gaza_url, CLAIMS) is None
