"""Many writers at once still make one valid chain."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from truce.storage import Ledger

WRITERS = 8
APPENDS_EACH = 25


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_parallel_writers_keep_the_chain_valid(
    database: str, request: pytest.FixtureRequest, make_claim: ClaimFactory, tmp_path: object
) -> None:
    url = request.getfixturevalue("pg_url") if database == "postgres" else f"{tmp_path}/l.db"
    Ledger.init(url).add_agreement(gaza_spec(), GAZA_YAML, None)

    def writer(w: int) -> list[str]:
        added = []
        with Ledger.open(url) as ledger:
            for i in range(APPENDS_EACH):
                # Two claims per append, and one claim every writer shares, so writers race
                # both for the head and for the same id.
                batch = [make_claim(w * 1000 + i), make_claim(-1)]
                added += ledger.append_claims(batch, f"writer-{w}").added
        return added

    with ThreadPoolExecutor(WRITERS) as pool:
        added = [claim_id for ids in pool.map(writer, range(WRITERS)) for claim_id in ids]

    assert len(added) == len(set(added)) == WRITERS * APPENDS_EACH + 1
    with Ledger.open(url) as ledger:
        report = ledger.verify()
        assert report.ok, report.problems
        assert report.entries == 1 + len(added)
        assert [e.seq for e in ledger.entries()] == list(range(1, report.entries + 1))
