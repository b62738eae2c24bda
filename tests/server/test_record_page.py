"""Recording a claim from the claims page: the API's rules for who may say what, a notice that
names the claim recorded, and nothing recorded for a role that may not submit."""

from __future__ import annotations

from tests.server.conftest import Server

FORM = {"type": "breach", "date": "2023-11-27T10:00", "actor": "israel", "target": "hamas",
        "outlet": "Page Wire", "url": "https://wire.example/1", "quote": "shots fired"}  # fmt: skip


def test_a_mediator_records_a_claim_from_the_page(sqlite_server: Server) -> None:
    session = sqlite_server.sign_in("mediator")
    assert session is not None
    page = session.browser.get("/agreements/gaza-2023-11/claims").text
    assert 'id="record"' in page and "<option selected>release</option>" in page
    done = session.browser.post("/agreements/gaza-2023-11/claims",
                                data={**FORM, "csrf": session.csrf})  # fmt: skip
    assert done.status_code == 200, done.text
    assert 'id="recorded"' in done.text
    claims = sqlite_server.get(
        "/api/claims", params={"agreement": "gaza-2023-11", "limit": 1000}
    ).json()["claims"]
    mine = [c for c in claims if c["sources"] and c["sources"][0].get("outlet") == "Page Wire"]
    assert len(mine) == 1
    assert (mine[0]["type"], mine[0]["actor"], mine[0]["recorded_by"]) == (
        "breach",
        "israel",
        "mediator",
    )


def test_a_party_records_only_in_its_own_name_and_an_observer_not_at_all(
    sqlite_server: Server,
) -> None:
    desk = sqlite_server.sign_in("hamas-desk")
    assert desk is not None
    verdict = {**FORM, "status": "confirmed", "csrf": desk.csrf}
    refused = desk.browser.post("/agreements/gaza-2023-11/claims", data=verdict)
    assert refused.status_code == 403 and "A403" in refused.text
    observer = sqlite_server.sign_in("observer")
    assert observer is not None
    assert 'id="record"' not in observer.browser.get("/agreements/gaza-2023-11/claims").text
    blocked = observer.browser.post("/agreements/gaza-2023-11/claims",
                                    data={**FORM, "csrf": observer.csrf})  # fmt: skip
    assert blocked.status_code == 403
    claims = sqlite_server.get(
        "/api/claims", params={"agreement": "gaza-2023-11", "limit": 1000}
    ).json()["claims"]
    assert not [c for c in claims if c["sources"] and c["sources"][0].get("outlet") == "Page Wire"]


def test_a_form_without_its_token_records_nothing(sqlite_server: Server) -> None:
    session = sqlite_server.sign_in("mediator")
    assert session is not None
    refused = session.browser.post("/agreements/gaza-2023-11/claims", data=FORM)
    assert refused.status_code == 403
