"""The API lists the review queue most confident first (SQLite and PostgreSQL)."""

from __future__ import annotations

from tests.conftest import gaza_spec
from tests.review.test_queue_order import expected, queue
from tests.server.conftest import Server


def test_the_api_lists_most_confident_first(server: Server) -> None:
    if not any(a.id == "gaza-2023-11" for a in server.ledger.agreements()):
        server.ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
    ids = queue(server.ledger)
    response = server.get("/api/review", params={"status": "pending"})
    assert response.status_code == 200, response.text
    assert [r["id"] for r in response.json()] == expected(ids)
