"""Accepting a candidate is one unit of work: a decided candidate appends nothing, and two
reviewers racing for one candidate leave one claim and one decision."""

from __future__ import annotations

import multiprocessing
import threading
from typing import Any

import pytest

from tests.conftest import gaza_spec
from truce.services import review_queue
from truce.storage.ledger import Ledger
from truce.storage.review_rows import CandidateDecided, ReviewQueue

DOCUMENT = {"hash": "d" * 64, "name": "wire.txt", "url": "https://example.org/wire",
            "outlet": "AFP", "published": "2023-11-25"}  # fmt: skip


def candidate(n: int) -> dict[str, Any]:
    return {
        "id": f"c{n}",
        "type": "release",
        "modality": "occurred",
        "date": "2023-11-25",
        "date_precision": "day",
        "actor": "hamas",
        "quantities": [{"value": 10 + n, "qualifier": "exact", "unit": "hostages"}],
        "categories": ["women"],
        "source": {"speaker": None, "role": None, "anonymous": False, "via": None},
        "quote": None,
        "span": [0, 10],
    }


def queued_ledger(url: str, count: int = 1) -> tuple[Ledger, list[str]]:
    ledger = Ledger.init(url)
    ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
    ids = ReviewQueue(ledger.engine).add_document(
        DOCUMENT, "gaza-2023-11", [candidate(n) for n in range(count)], "ana"
    )
    assert ids is not None
    return ledger, ids


def claim_count(ledger: Ledger) -> int:
    return len(ledger.claims("gaza-2023-11"))


@pytest.mark.parametrize("first", ["accepted", "rejected"])
def test_a_decided_candidate_appends_nothing(ledger_url: str, first: str) -> None:
    ledger, (cid,) = queued_ledger(ledger_url)
    if first == "accepted":
        review_queue.accept(ledger, cid, {}, "bob")
    else:
        review_queue.reject(ledger, cid, "not a release", "bob")
    count, head = claim_count(ledger), ledger.head()
    # Different edits make a different claim: nothing may hide an orphan as a duplicate.
    with pytest.raises(CandidateDecided) as raised:
        review_queue.accept(ledger, cid, {"quantity": 99}, "eve")
    assert raised.value.code == "R102"
    assert claim_count(ledger) == count and ledger.head() == head
    assert ReviewQueue(ledger.engine).get(cid).status == first
    assert ledger.verify().ok
    ledger.close()


def test_a_failed_acceptance_records_no_decision(ledger_url: str) -> None:
    ledger, (cid,) = queued_ledger(ledger_url)
    head = ledger.head()
    with pytest.raises(Exception):  # noqa: B017, PT011 - the claim's own validation refuses it
        review_queue.accept(ledger, cid, {"date": "not a date"}, "bob")
    assert ledger.head() == head
    assert ReviewQueue(ledger.engine).get(cid).status == "pending"
    ledger.close()


def test_two_reviewers_racing_leave_one_claim_and_one_decision(ledger_url: str) -> None:
    rounds = 4
    ledger, ids = queued_ledger(ledger_url, rounds)
    outcomes: list[str] = []
    lock = threading.Lock()

    def reviewer(cid: str, name: str, quantity: int, start: threading.Barrier) -> None:
        # Each reviewer has its own connections, as two `truce review accept` processes would.
        own = Ledger.open(ledger_url)
        start.wait()
        try:
            review_queue.accept(own, cid, {"quantity": quantity}, name)
            result = "accepted"
        except CandidateDecided:
            result = "refused"
        finally:
            own.close()
        with lock:
            outcomes.append(result)

    for cid in ids:
        start = threading.Barrier(2)
        threads = [
            threading.Thread(target=reviewer, args=(cid, "amal", 13, start)),
            threading.Thread(target=reviewer, args=(cid, "bashir", 14, start)),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(outcomes) == sorted(["accepted", "refused"] * rounds)
    claims = ledger.claims("gaza-2023-11")
    decided = ReviewQueue(ledger.engine).list(status="accepted")
    assert len(claims) == rounds and len(decided) == rounds
    assert {c.id for c in claims} == {d.claim_id for d in decided}
    reviews = [e for e in ledger.entries() if e.kind == "review"]
    assert len(reviews) == rounds
    assert ledger.verify().ok
    ledger.close()


def test_an_accepted_bound_stays_a_bound(ledger_url: str) -> None:
    ledger = Ledger.init(ledger_url)
    ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
    found = {**candidate(0), "quantities": [{"value": 10, "qualifier": "at_least",
                                            "unit": "hostages"}]}  # fmt: skip
    ids = ReviewQueue(ledger.engine).add_document(DOCUMENT, "gaza-2023-11", [found], "ana")
    assert ids is not None
    done = review_queue.accept(ledger, ids[0], {}, "bob")
    claim = ledger.claim(str(done.claim_id))
    assert (claim.quantity, claim.qualifier.value, claim.subject) == (10, "at_least", "hostages")
    ledger.close()


def _accept_in_process(url: str, cid: str, name: str, quantity: int, start: Any) -> str:
    ledger = Ledger.open(url)
    start.wait()
    try:
        review_queue.accept(ledger, cid, {"quantity": quantity}, name)
        return "accepted"
    except CandidateDecided:
        return "refused"
    finally:
        ledger.close()


def test_two_reviewer_processes_racing_leave_one_claim(ledger_url: str) -> None:
    ctx = multiprocessing.get_context("spawn")
    ledger, (cid,) = queued_ledger(ledger_url)
    with ctx.Manager() as manager, ctx.Pool(2) as pool:
        start = manager.Barrier(2)
        runs = [
            pool.apply_async(_accept_in_process, (ledger_url, cid, name, quantity, start))
            for name, quantity in (("amal", 13), ("bashir", 14))
        ]
        outcomes = sorted(r.get(timeout=120) for r in runs)
    assert outcomes == ["accepted", "refused"]
    [claim] = ledger.claims("gaza-2023-11")
    assert ReviewQueue(ledger.engine).get(cid).claim_id == claim.id
    assert [e.kind for e in ledger.entries()].count("review") == 1
    assert ledger.verify().ok
    ledger.close()
