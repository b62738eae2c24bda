"""A party submits claims only in its own name, never as a verdict, and corrects only its own."""

from __future__ import annotations

import json

from tests.server.conftest import Server, error_of, release


def _breach(**changes: object) -> dict[str, object]:
    body = release(type="breach", actor="hamas", target="israel", quantity=None, subject=None,
                   date="2023-11-27T09:00", status="alleged")  # fmt: skip
    del body["sources"]
    body.update(changes)
    return body


def test_a_party_may_not_cite_another_source(shared_server: Server) -> None:
    body = _breach(sources=[{"outlet": "Reuters", "speaker": "a UN official"}])
    response = shared_server.post("/api/claims", "israel-desk", json=body)
    assert response.status_code == 403
    assert "may not cite another source" in error_of(response)["message"]


def test_a_party_may_cite_itself(shared_server: Server) -> None:
    body = _breach(sources=[{"speaker": "israel", "role": "military spokesman"}], notes="cited")
    assert shared_server.post("/api/claims", "israel-desk", json=body).status_code == 201


def test_a_party_may_not_confirm(shared_server: Server) -> None:
    response = shared_server.post("/api/claims", "israel-desk", json=_breach(status="confirmed"))
    assert response.status_code == 403
    assert "not confirmed" in error_of(response)["message"]


def test_a_party_outside_the_agreement_may_not_submit(shared_server: Server) -> None:
    token = shared_server.post(
        "/api/users", "admin", json={"name": "russia-desk", "role": "party:russia"}
    ).json()["token"]
    response = shared_server.client.post(
        "/api/claims", headers={"Authorization": f"Bearer {token}"}, json=_breach(notes="ru")
    )
    assert response.status_code == 403
    assert "not a party" in error_of(response)["message"]


def test_a_party_corrects_its_own_claims_only(shared_server: Server) -> None:
    mine = shared_server.post("/api/claims", "hamas-desk", json=_breach(
        actor="israel", target="hamas", notes="first report")).json()["added"][0]  # fmt: skip
    fixed = shared_server.post(
        f"/api/claims/{mine}/supersede",
        "hamas-desk",
        json=_breach(
            actor="israel", target="hamas", notes="corrected time", date="2023-11-27T08:00"
        ),
    )
    assert fixed.status_code == 201, fixed.text
    theirs = shared_server.post("/api/claims", "israel-desk", json=_breach(notes="x")).json()
    refused = shared_server.post(
        f"/api/claims/{theirs['added'][0]}/supersede", "hamas-desk", json=_breach(notes="y")
    )
    assert refused.status_code == 403
    assert "only claims it recorded" in error_of(refused)["message"]


def test_a_party_cannot_decide_the_review_queue_or_give_verdicts(shared_server: Server) -> None:
    claim = shared_server.post("/api/claims", "mediator", json=release(quantity=77)).json()
    response = shared_server.post(
        f"/api/claims/{claim['added'][0]}/status", "israel-desk", json={"status": "disputed"}
    )
    assert response.status_code == 403


def test_a_revoked_token_no_longer_works(shared_server: Server) -> None:
    made = shared_server.post("/api/users", "admin", json={"name": "temp", "role": "mediator"})
    token = made.json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert shared_server.client.get("/api/me", headers=headers).status_code == 200
    from truce.storage.users import UserStore

    UserStore(shared_server.ledger.engine).revoke("temp", "admin")
    assert shared_server.client.get("/api/me", headers=headers).status_code == 401
    assert shared_server.ledger.verify().ok


def test_a_party_imports_only_what_it_may_submit(shared_server: Server) -> None:
    own = [_breach(notes=f"import {n}", sources=[{"speaker": "israel"}]) for n in range(3)]
    foreign = _breach(notes="import foreign", sources=[{"outlet": "Reuters"}])
    lines = [json.dumps(b) for b in [*own[:2], foreign, own[2]]]
    files = {"file": ("mine.jsonl", "\n".join(lines).encode(), "application/x-ndjson")}
    head = shared_server.get("/api/verify").json()["head"]
    refused = shared_server.post("/api/claims/import", "israel-desk", files=files)
    assert refused.status_code == 403
    assert "may not cite another source" in error_of(refused)["message"]
    assert shared_server.get("/api/verify").json()["head"] == head  # nothing written
    files = {"file": ("mine.jsonl", "\n".join(lines[:2]).encode(), "application/x-ndjson")}
    accepted = shared_server.post("/api/claims/import", "israel-desk", files=files)
    assert accepted.status_code == 201 and len(accepted.json()["added"]) == 2
