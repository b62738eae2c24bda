"""Issue 9 at the API: no claim a party sends, and no instant anyone asks about, makes the
server answer 500; claims outside the agreement's ids are refused unless kept deliberately."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.server.conftest import Server, error_of, release
from truce.domain.claim_input import with_content_id
from truce.domain.claims import Claim, DatePrecision, EventType

STATUS = "/api/agreements/gaza-2023-11/status"
EDGES = ["9999-12-31T23:00-05:00", "0001-01-01T00:00+14:00", "1899-12-31", "2200-01-01T00:00"]


def _stored_around_the_door(server: Server) -> list[str]:
    """What a party's direct database write (or an old build without the checks) leaves."""
    junk = [
        (datetime.fromisoformat("9999-12-01T00:00:00+02:00"), DatePrecision.MONTH),
        (datetime.fromisoformat("0001-01-01T00:00:00+14:00"), DatePrecision.EXACT),
        (datetime.fromisoformat("0001-01-01T00:00:00+02:00"), DatePrecision.WEEK),
    ]
    claims = [
        with_content_id(Claim(id="", agreement="gaza-2023-11", type=EventType.RELEASE,
                              date=when, date_precision=precision, actor="hamas",
                              quantity=9, subject="hostages"))
        for when, precision in junk
    ]  # fmt: skip
    server.ledger.append_claims(claims, "hamas-desk")
    return sorted(c.id for c in claims)


def test_status_timeline_and_dashboard_answer_with_such_claims_flagged(server: Server) -> None:
    ids = _stored_around_the_door(server)
    state = server.get(STATUS, "observer", params={"at": "2023-11-30T12:00"})
    assert state.status_code == 200, state.text
    assert state.json()["out_of_range"] == ids and state.json()["day"] == 7
    rows = server.get("/api/agreements/gaza-2023-11/timeline", "observer")
    assert rows.status_code == 200, rows.text
    flagged = [r for r in rows.json() if r["flags"]]
    assert sorted(r["claims"][0] for r in flagged) == ids
    pages = ("", ".json", "/claims", "/claims.json")
    for path in ["/", *(f"/agreements/gaza-2023-11{p}" for p in pages)]:
        page = server.get(path, "observer")
        assert page.status_code == 200, (path, page.text[:500])


@pytest.mark.parametrize("at", EDGES)
def test_an_instant_outside_the_range_is_a_coded_422(server: Server, at: str) -> None:
    response = server.get(STATUS, "observer", params={"at": at})
    assert response.status_code == 422
    assert error_of(response)["code"] == "V501"
    page = server.get("/agreements/gaza-2023-11.json", "observer", params={"at": at})
    assert page.status_code == 422 and error_of(page)["code"] == "V501"
    html = server.get("/agreements/gaza-2023-11", "observer", params={"at": at})
    assert html.status_code == 422 and "V501" in html.text


@pytest.mark.parametrize("date", ["9999-12", "0001-01-01T00:00+14:00", "0001-W01"])
def test_a_claim_dated_outside_the_range_is_refused_with_its_code(
    server: Server, date: str
) -> None:
    response = server.post("/api/claims", "hamas-desk", json=release(date=date))
    assert response.status_code == 422
    assert error_of(response)["code"] == "V500"
    assert server.get(STATUS, "observer").status_code == 200


@pytest.mark.parametrize("figure", [2**63, True, 13.5, "13"])
def test_a_figure_out_of_range_or_not_a_number_is_refused_with_its_code(
    server: Server, figure: object
) -> None:
    response = server.post("/api/claims", "mediator", json=release(quantity=figure))
    assert response.status_code == 422
    assert error_of(response)["code"] == "V502"


@pytest.mark.parametrize(
    ("parts", "code"),
    [({"women": -1}, "V540"), ({"women": 2.5}, "V540"), ({"women": "4"}, "V540"),
     ({f"c{n}": 0 for n in range(10_000)}, "V542"), ({"women": 20}, "V544"),
     ({"aliens": 1}, "V541")],
)  # fmt: skip
def test_sub_counts_out_of_range_or_off_the_agreement_are_refused_with_their_code(
    server: Server, parts: dict[str, object], code: str
) -> None:
    response = server.post("/api/claims", "mediator", json=release(quantity=13, parts=parts))
    assert response.status_code == 422
    assert error_of(response)["code"] == code
    assert len(response.text) < 2_000  # 10,000 parts are not echoed back


def test_a_claim_off_the_agreement_is_refused_naming_what_it_allows(server: Server) -> None:
    body = release(actor="hamsa", subject="hostagez", categories=["womn"], phase="no-such-phase")
    response = server.post("/api/claims", "mediator", json=body)
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "V503"
    assert (
        "actor 'hamsa' is not an actor of gaza-2023-11; parties: israel, hamas"
        in (error["message"])
    )
    assert "subject 'hostagez'" in error["message"] and "phases: pause" in error["message"]
    assert "--allow-unknown" in error["hint"]


def test_allow_unknown_keeps_it_flagged_and_the_timeline_shows_the_flag(server: Server) -> None:
    body = release(actor="hamsa", date="2023-11-26T10:00")
    response = server.post("/api/claims", "mediator", json=body, params={"allow_unknown": True})
    assert response.status_code == 201, response.text
    [claim_id] = response.json()["added"]
    claim = server.get(f"/api/claims/{claim_id}", "observer").json()
    assert claim["extra"]["unchecked"][0].startswith("actor 'hamsa' is not an actor")
    rows = server.get("/api/agreements/gaza-2023-11/timeline", "observer").json()
    [row] = [r for r in rows if claim_id in r["claims"]]
    assert row["flags"] and row["flags"][0].startswith("unchecked: actor 'hamsa'")
    # A mediator's verdict on it keeps it, still flagged.
    confirmed = server.post(
        f"/api/claims/{claim_id}/status", "mediator", json={"status": "confirmed"}
    )
    assert confirmed.status_code == 201, confirmed.text
    [claim_id] = confirmed.json()["added"]
    assert server.get(f"/api/claims/{claim_id}", "observer").json()["extra"]["unchecked"]
    # Status lists it too (the column path, read from the ledger and its snapshot).
    state = server.get(STATUS, "observer", params={"at": "2023-11-30T12:00"}).json()
    assert state["unchecked"] == [claim_id] and state["counts"]["unchecked"] == 1


def test_an_alias_the_agreement_declares_is_recorded_as_the_party(server: Server) -> None:
    body = release(actor="Qassam Brigades", date="2023-11-26T11:00", quantity=1)
    response = server.post("/api/claims", "mediator", json=body)
    assert response.status_code == 201, response.text
    [claim_id] = response.json()["added"]
    assert server.get(f"/api/claims/{claim_id}", "observer").json()["actor"] == "hamas"


def test_a_claim_like_a_recorded_event_is_kept_with_a_warning(server: Server) -> None:
    # The seed records day 2's 13 hostages as event d2-hostages, at 23:00 local.
    shared = server.post(
        "/api/claims", "mediator", json=release(date="2023-11-25", event_id="d2-hostages")
    )
    assert shared.status_code == 201 and shared.json()["warnings"] == []
    response = server.post("/api/claims", "mediator", json=release(date="2023-11-25T12:00"))
    assert response.status_code == 201, response.text
    [warning] = response.json()["warnings"]
    assert warning["code"] == "V504" and "'d2-hostages'" in warning["message"]
    assert "--event-id d2-hostages" in warning["hint"]


def test_a_type_the_agreement_does_not_declare_has_its_own_code(server: Server) -> None:
    body = release(type="crossing-opened", quantity=None, subject=None)
    response = server.post("/api/claims", "mediator", json=body)
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert error["code"] == "V520"
    assert error["message"].startswith("type 'crossing-opened' is neither a built-in event type")
    assert "provisions:" in error["hint"]
    kept = server.post("/api/claims", "mediator", json=body, params={"allow_unknown": True})
    assert kept.status_code == 201, kept.text
