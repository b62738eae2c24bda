"""The review queue's writes are entries in the chain, and verify holds the queue against them."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, update

from truce.storage.ledger import Ledger
from truce.storage.review_rows import ReviewQueue
from truce.storage.tables import candidates

DOCUMENT = {"hash": "d" * 64, "name": "wire.txt", "url": None, "outlet": "AFP", "published": None}


@pytest.fixture
def queued(ledger_url: str) -> tuple[Ledger, ReviewQueue, list[str]]:
    ledger = Ledger.init(ledger_url)
    queue = ReviewQueue(ledger.engine)
    found = [{"type": "release", "quantities": [{"value": n}]} for n in (3, 4, 5)]
    ids = queue.add_document(DOCUMENT, "gaza-2023-11", found, "ana")
    assert ids is not None
    return ledger, queue, ids


def test_ingest_and_decisions_are_chained(queued: tuple[Ledger, ReviewQueue, list[str]]) -> None:
    ledger, queue, ids = queued
    queue.decide(ids[0], "rejected", "bob", reason="duplicate")
    queue.decide(ids[1], "pending", "bob", payload={"type": "release", "quantities": []})
    kinds = [(e.kind, e.recorded_by) for e in ledger.entries()]
    assert kinds == [("document", "ana"), ("review", "bob"), ("review", "bob")]
    assert ledger.verify().ok
    ledger.close()


def test_a_decision_changed_in_the_table_is_found(
    queued: tuple[Ledger, ReviewQueue, list[str]],
) -> None:
    ledger, queue, ids = queued
    queue.decide(ids[0], "rejected", "bob", reason="duplicate")
    with ledger.engine.begin() as conn:
        conn.execute(update(candidates).where(candidates.c.id == ids[0]).values(status="accepted"))
        conn.execute(update(candidates).where(candidates.c.id == ids[2]).values(payload="{}"))
    problems = ledger.verify().problems
    assert any(ids[0] in p and "review entry" in p for p in problems)
    assert any(ids[2] in p and "document entry" in p for p in problems)
    ledger.close()


def test_a_candidate_slipped_in_is_found(queued: tuple[Ledger, ReviewQueue, list[str]]) -> None:
    ledger, _, _ = queued
    with ledger.engine.begin() as conn:
        conn.execute(insert(candidates).values(id="x:1", agreement="gaza-2023-11",
                                               document_hash="e" * 64, payload="{}",
                                               status="pending"))  # fmt: skip
    assert any("x:1" in p and "inserted directly" in p for p in ledger.verify().problems)
    ledger.close()


def test_checked_in_parallel_stretches_the_same(ledger_url: str) -> None:
    from truce.storage.users import UserStore
    from truce.storage.verify import verify_ledger

    ledger = Ledger.init(ledger_url)
    users = UserStore(ledger.engine)
    queue = ReviewQueue(ledger.engine)
    for n in range(4):  # server entries spread over both stretches
        users.add(f"user-{n}", "observer", None)
        found = [{"type": "release", "quantities": [{"value": n}]}]
        ids = queue.add_document({**DOCUMENT, "hash": f"{n}" * 64}, "gaza-2023-11", found, "ana")
        assert ids is not None
        queue.decide(ids[0], "rejected", "bob")
    with ledger.engine.begin() as conn:
        conn.execute(update(candidates).where(candidates.c.id == ids[0]).values(status="x"))
    one = verify_ledger(ledger.engine, workers=1)
    two = verify_ledger(ledger.engine, workers=2)
    assert one == two and not one.ok
    assert any(ids[0] in p for p in two.problems)
    ledger.close()
