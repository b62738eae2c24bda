"""A hostile party tries to override claims and to grade its own, by every door a claim enters.

Each refusal is a coded 403 and leaves the chain as it was; on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
from typing import Any

from tests.server.conftest import Server, error_of, release
from truce.domain.claim_input import ClaimInput


def _own(**changes: Any) -> dict[str, Any]:
    """A claim the hamas desk may submit in its own name."""
    body = release(date="2023-11-26T10:00", quantity=5, notes="hamas desk")
    del body["sources"]
    body.update(changes)
    return body


def _confirmed(server: Server) -> str:
    """A mediator's claim, confirmed: the leading figure a party would like to replace."""
    made = server.post("/api/claims", "mediator", json=release(quantity=13, notes="mediator"))
    (claim_id,) = made.json()["added"]
    verdict = server.post(
        f"/api/claims/{claim_id}/status", "mediator", json={"status": "confirmed"}
    )
    assert verdict.status_code == 201, verdict.text
    return str(verdict.json()["added"][0])


def _refused(server: Server, response: Any, code: str, before: Any) -> dict[str, Any]:
    assert response.status_code == 403, response.text
    error = error_of(response)
    assert error["code"] == code, error
    assert server.ledger.head() == before  # nothing appended
    return error


def _import(server: Server, user: str, *lines: dict[str, Any]) -> Any:
    data = "\n".join(json.dumps(line) for line in lines).encode()
    return server.post(
        "/api/claims/import", user, files={"file": ("c.jsonl", data, "application/x-ndjson")}
    )


def test_a_party_cannot_supersede_a_confirmed_claim_by_posting_one(server: Server) -> None:
    target = _confirmed(server)
    before = server.ledger.head()
    response = server.post("/api/claims", "hamas-desk", json=_own(supersedes=target))
    error = _refused(server, response, "A420", before)
    assert target in error["message"]


def test_a_party_cannot_supersede_a_confirmed_claim_in_an_imported_line(server: Server) -> None:
    target = _confirmed(server)
    before = server.ledger.head()
    response = _import(server, "hamas-desk", _own(notes="fine"), _own(supersedes=target))
    _refused(server, response, "A420", before)


def test_a_party_cannot_supersede_its_own_claim_once_a_mediator_ruled(server: Server) -> None:
    mine = server.post("/api/claims", "hamas-desk", json=_own()).json()["added"][0]
    ruled = server.post(f"/api/claims/{mine}/status", "mediator", json={"status": "disputed"})
    assert ruled.status_code == 201
    before = server.ledger.head()
    for response in (
        server.post(f"/api/claims/{mine}/supersede", "hamas-desk", json=_own(quantity=50)),
        server.post("/api/claims", "hamas-desk", json=_own(quantity=51, supersedes=mine)),
        _import(server, "hamas-desk", _own(quantity=52, supersedes=mine)),
    ):
        error = _refused(server, response, "A420", before)
        assert "already superseded" in error["message"]


def test_a_party_cannot_supersede_a_claim_not_yet_recorded(server: Server) -> None:
    # Claim ids are content hashes: a verdict's id can be computed before it is recorded.
    before = server.ledger.head()
    response = server.post("/api/claims", "hamas-desk", json=_own(supersedes="c0123456789abcde"))
    _refused(server, response, "A420", before)


def test_a_party_still_corrects_its_own_claims_on_every_door(server: Server) -> None:
    first = server.post("/api/claims", "hamas-desk", json=_own(quantity=6)).json()["added"][0]
    second = server.post("/api/claims", "hamas-desk", json=_own(quantity=7, supersedes=first))
    assert second.status_code == 201, second.text
    third = _import(server, "hamas-desk", _own(quantity=8, supersedes=second.json()["added"][0]))
    assert third.status_code == 201, third.text


def test_a_mediator_corrects_anyones_claim(server: Server) -> None:
    theirs = server.post("/api/claims", "hamas-desk", json=_own(quantity=9)).json()["added"][0]
    fixed = server.post("/api/claims", "mediator", json=release(quantity=10, supersedes=theirs))
    assert fixed.status_code == 201, fixed.text


def test_no_one_supersedes_across_agreements(server: Server) -> None:
    target = _confirmed(server)
    spec = (
        "id: other\ntitle: other\ntimezone: UTC\nparties: [{id: a}, {id: b}]\n"
        "phases: [{id: p, start: {at: '2024-01-01T00:00'}, duration: {days: 1}}]\n"
    )
    assert server.post("/api/agreements", "admin", json={"yaml": spec}).status_code == 201
    before = server.ledger.head()
    body = {"agreement": "other", "type": "breach", "date": "2024-01-01T10:00", "actor": "a",
            "supersedes": target}  # fmt: skip
    response = server.post("/api/claims", "admin", json=body)
    _refused(server, response, "A420", before)


def test_a_party_may_not_grade_its_own_claim(server: Server) -> None:
    before = server.ledger.head()
    error = _refused(
        server,
        server.post("/api/claims", "hamas-desk", json=_own(reliability="A1")),
        "A421",
        before,
    )
    assert "grade" in error["message"]
    _refused(server, _import(server, "hamas-desk", _own(reliability="A1")), "A421", before)
    mine = server.post("/api/claims", "hamas-desk", json=_own(quantity=11)).json()["added"][0]
    before = server.ledger.head()
    response = server.post(
        f"/api/claims/{mine}/supersede", "hamas-desk", json=_own(quantity=12, reliability="A1")
    )
    _refused(server, response, "A421", before)


def test_a_mediator_grades_claims(server: Server) -> None:
    response = server.post("/api/claims", "mediator", json=release(quantity=3, reliability="B2"))
    assert response.status_code == 201, response.text
    claim = server.get(f"/api/claims/{response.json()['added'][0]}").json()
    assert claim["reliability"] == "B2"


def test_a_party_corrects_a_line_of_its_own_file_in_the_same_file(server: Server) -> None:
    spec, _ = server.ledger.agreement("gaza-2023-11")
    first = _own(quantity=21, notes="same file")
    first_id = ClaimInput.model_validate(first).to_claim(spec.zone).id
    response = _import(server, "hamas-desk", first, _own(quantity=22, supersedes=first_id))
    assert response.status_code == 201, response.text
    assert len(response.json()["added"]) == 2
