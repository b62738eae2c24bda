"""The review queue paged in the database (SQLite and PostgreSQL): every candidate once, in a
stable order grouped by document, pages bounded, filters by status and document."""

from __future__ import annotations

from typing import Any

from tests.conftest import gaza_spec
from truce.storage.ledger import Ledger
from truce.storage.review_page import MAX_PAGE, pending_count, queue_page
from truce.storage.review_rows import ReviewQueue


def _document(n: int, published: str | None) -> dict[str, Any]:
    return {"hash": f"{n:x}" * 64, "name": f"wire-{n}.txt", "url": f"https://example.org/{n}",
            "outlet": "AFP", "published": published, "title": f"Report {n}"}  # fmt: skip


def _fill(ledger: Ledger) -> list[tuple[str, int]]:
    """Five documents of 0 to 12 candidates; returns (candidate id, document number)."""
    queue = ReviewQueue(ledger.engine)
    dates = ["2023-11-25", "2023-11-27", None, "2023-11-27", "2023-11-24"]
    made = []
    for n, published in enumerate(dates, 1):
        found = [{"type": "release", "date": published, "quantities": [], "id": f"{n}-{k}"}
                 for k in range(3 * n - 3)]  # fmt: skip
        ids = queue.add_document(_document(n, published), "gaza-2023-11", found, "ana") or []
        made += [(i, n) for i in ids]
    return made


def test_paging_yields_every_candidate_once_grouped_by_document(ledger_url: str) -> None:
    ledger = Ledger.init(ledger_url)
    try:
        ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
        made = _fill(ledger)
        queue = ReviewQueue(ledger.engine)
        queue.decide(made[0][0], "rejected", "ana", reason="duplicate")
        for size in (1, 4, 7, 500):
            seen: list[str] = []
            offset = 0
            while True:
                page = queue_page(ledger.engine, "gaza-2023-11", "pending", None, offset, size)
                assert len(page.candidates) <= min(size, MAX_PAGE)
                assert page.total == len(made) - 1
                if not page.candidates:
                    break
                seen += [q.id for q in page.candidates]
                offset += len(page.candidates)
            assert sorted(seen) == sorted(i for i, _ in made[1:])  # each once
            assert len(seen) == len(set(seen))
            # Newest publication first (ties by ingestion, newest first), undated last; in a
            # document, the order extraction found them (9 after 8, not after 1).
            order = [n for i in seen for c, n in made if c == i]
            assert order == sorted(order, key=lambda n: {4: 0, 2: 1, 5: 2, 3: 3}[n])
            in_doc4 = [i for i in seen if (i, 4) in made]
            assert [int(i.rsplit(":", 1)[1]) for i in in_doc4] == list(range(1, 10))
        one = queue_page(ledger.engine, "gaza-2023-11", None, made[-1][0].split(":")[1], 0)
        assert one.candidates == []  # a document hash is the whole hash, not a prefix
        doc5 = _document(5, None)["hash"]
        page = queue_page(ledger.engine, "gaza-2023-11", "pending", doc5, 0, 50)
        assert {q.document_hash for q in page.candidates} == {doc5} and page.total == 12
        (header,) = page.documents
        assert (header.title, header.outlet, header.published) == ("Report 5", "AFP", "2023-11-24")
        assert header.url == "https://example.org/5" and header.name == "wire-5.txt"
        many = [{"type": "release", "id": f"6-{k}"} for k in range(MAX_PAGE + 5)]
        queue.add_document(_document(6, "2023-11-20"), "gaza-2023-11", many, "ana")
        assert len(queue_page(ledger.engine, None, None, None, 0, 10_000).candidates) == MAX_PAGE
    finally:
        ledger.close()


def test_the_pending_count_is_the_agreements_pending_candidates(ledger_url: str) -> None:
    ledger = Ledger.init(ledger_url)
    try:
        ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
        ledger.add_agreement(gaza_spec(id="other"), "id: other\n", "ana")
        made = _fill(ledger)
        ReviewQueue(ledger.engine).add_document(_document(9, None), "other", [{"id": "x"}], "ana")
        assert pending_count(ledger.engine, "gaza-2023-11") == len(made) == 30
        ReviewQueue(ledger.engine).decide(made[0][0], "rejected", "ana")
        assert pending_count(ledger.engine, "gaza-2023-11") == 29
        assert pending_count(ledger.engine, "other") == 1
        assert pending_count(ledger.engine, "nobody") == 0
    finally:
        ledger.close()
