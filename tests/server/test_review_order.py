"""The API lists the review queue most confident first (SQLite and PostgreSQL)."""

from __future__ import annotations

from tests.conftest import gaza_spec
from tests.server.conftest import Server
from tests.services.review.test_queue_order import expected, queue


def test_the_api_lists_most_confident_first(server: Server) -> None:
    if not any(a.id == "gaza-2023-11" for a in server.ledger.agreements()):
        server.ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
    ids = queue(server.ledger)
    response = server.get("/api/review", params={"status": "pending"})
    assert response.status_code == 200, response.text
    assert [r["id"] for r in response.json()] == expected(ids)


def test_the_api_runs_the_auto_accept_rule_and_refuses_a_bad_threshold(server: Server) -> None:
    if not any(a.id == "gaza-2023-11" for a in server.ledger.agreements()):
        server.ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
    ids = queue(server.ledger)
    bad = server.post("/api/review/auto-accept", params={"above": 1.5})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "R200"
    done = server.post("/api/review/auto-accept", params={"above": 0.9,
                                                          "agreement": "gaza-2023-11"})  # fmt: skip
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["rule"] == "rule:auto-accept>=0.9"
    assert [a["candidate"] for a in body["accepted"]] == [ids[5], ids[1], ids[3]]
    shown = server.get(f"/api/review/{ids[5]}").json()
    assert (shown["status"], shown["decided_by"]) == ("accepted", "rule:auto-accept>=0.9")
    assert shown["reason"] == "confidence 0.95 >= 0.9; rule run by admin"
