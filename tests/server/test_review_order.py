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
    assert [r["id"] for r in response.json()["candidates"]] == expected(ids)


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


def test_the_api_pages_the_queue_in_the_database(server: Server) -> None:
    if not any(a.id == "gaza-2023-11" for a in server.ledger.agreements()):
        server.ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
    ids = queue(server.ledger)
    seen, offset, pages = [], 0, []
    while offset is not None:
        params = {"status": "pending", "agreement": "gaza-2023-11", "limit": 4, "offset": offset}
        page = server.get("/api/review", params=params)
        assert page.status_code == 200, page.text
        body = page.json()
        pages.append((body["offset"], body["limit"], body["total"], len(body["candidates"])))
        seen += [r["id"] for r in body["candidates"]]
        offset = body["next_offset"]
    assert seen == expected(ids)
    assert pages == [(0, 4, 6, 4), (4, 4, 6, 2)]
    # Past the end: no candidates, the same total, no next page.
    beyond = server.get("/api/review", params={"offset": 50}).json()
    assert (beyond["candidates"], beyond["total"], beyond["next_offset"]) == ([], 6, None)
    # A decision moves a candidate between the filtered lists, its confidence kept.
    assert server.post(f"/api/review/{ids[3]}/accept", json={}).status_code == 200
    pending = server.get("/api/review", params={"status": "pending"}).json()
    assert [r["id"] for r in pending["candidates"]] == [i for i in expected(ids) if i != ids[3]]
    accepted = server.get("/api/review", params={"status": "accepted"}).json()
    assert [r["id"] for r in accepted["candidates"]] == [ids[3]]
    assert accepted["candidates"][0]["candidate"]["confidence"] == 0.9
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}, {"status": "maybe"}):
        refused = server.get("/api/review", params=bad)
        assert refused.status_code == 422 and "error" in refused.json(), bad
