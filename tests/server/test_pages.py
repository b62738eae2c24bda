"""The dashboard: signing in, each page and its .json twin, and deciding the review queue."""

from __future__ import annotations

import re

from tests.server.conftest import SEED, Server


def _login_csrf(server: Server) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', server.client.get("/login").text)
    assert found
    return found[1]


def _signed_in(server: Server, user: str = "mediator") -> str:
    """Sign the fixture's client in through the form; returns the pages' form token."""
    response = server.client.post(
        "/login",
        data={"token": server.tokens[user], "next": "/", "csrf": _login_csrf(server)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    found = re.search(r'name="csrf" value="([^"]+)"', server.client.get("/").text)
    assert found
    return found[1]


def test_pages_send_strangers_to_sign_in(sqlite_server: Server) -> None:
    response = sqlite_server.client.get("/agreements/gaza-2023-11", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/agreements/gaza-2023-11"


def test_a_wrong_token_is_told_so(sqlite_server: Server) -> None:
    response = sqlite_server.client.post(
        "/login", data={"token": "truce_wrong", "next": "/", "csrf": _login_csrf(sqlite_server)}
    )
    assert response.status_code == 401 and "unknown or was revoked" in response.text


def test_login_never_redirects_off_site(sqlite_server: Server) -> None:
    response = sqlite_server.client.post(
        "/login",
        data={
            "token": sqlite_server.tokens["observer"],
            "next": "//evil.example/",
            "csrf": _login_csrf(sqlite_server),
        },  # fmt: skip
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_the_agreement_page_and_its_twin_show_the_same_state(sqlite_server: Server) -> None:
    _signed_in(sqlite_server, "observer")
    at = "2023-12-01T06:00"
    twin = sqlite_server.client.get("/agreements/gaza-2023-11.json", params={"at": at}).json()
    page = sqlite_server.client.get("/agreements/gaza-2023-11", params={"at": at}).text
    assert twin["status"]["day"] == 7 and twin["status"]["state"] == "active"
    day7 = next(d for d in twin["days"] if d["day"] == 7)
    assert day7["disputed"] is True and day7["date"] == "2023-11-30"
    assert '<svg class="chart"' in page and 'data-day="7"' in page
    for obligation in twin["status"]["obligations"]:
        assert obligation["explanation"] in page
    for dispute in twin["status"]["disputes"]:
        for reading in dispute["readings"]:
            assert f">{reading['quantity']}<" in page  # both readings shown
    hostages = next(s for s in twin["chart"]["series"] if s["label"] == "hamas: hostages")
    assert hostages["values"][:4] == [d["releases"][0]["quantity"] for d in twin["days"][:4]]


def test_claims_page_shows_sources_and_quotes(sqlite_server: Server) -> None:
    _signed_in(sqlite_server, "observer")
    twin = sqlite_server.client.get("/agreements/gaza-2023-11/claims.json").json()
    page = sqlite_server.client.get("/agreements/gaza-2023-11/claims").text
    quoted = [c for c in twin["claims"] if c["quote"]]
    assert quoted
    for claim in quoted:
        assert claim["id"] in page
    assert "unnamed source" in page or all(
        not s["anonymous"] for c in twin["claims"] for s in c["sources"]
    )


def test_index_and_twin(sqlite_server: Server) -> None:
    _signed_in(sqlite_server, "observer")
    twin = sqlite_server.client.get("/index.json").json()
    page = sqlite_server.client.get("/").text
    assert {a["id"] for a in twin["agreements"]} >= {"gaza-2023-11", "minsk-2015"}
    assert all(f'/agreements/{a["id"]}"' in page for a in twin["agreements"])


def test_accepting_from_the_review_page_changes_the_state(sqlite_server: Server) -> None:
    server = sqlite_server
    server.post(
        "/api/review/ingest",
        params={"agreement": "gaza-2023-11", "published": "2023-11-28"},
        files={"file": ("seed.txt", SEED.read_bytes(), "text/plain")},
    )
    csrf = _signed_in(server, "mediator")
    queue = server.client.get("/review.json", params={"agreement": "gaza-2023-11"}).json()
    page = server.client.get("/review", params={"agreement": "gaza-2023-11"}).text
    assert all(q["id"] in page for q in queue["candidates"])
    candidate = queue["candidates"][0]
    before = server.client.get("/agreements/gaza-2023-11.json").json()["status"]["counts"]
    response = server.client.post(
        f"/review/{candidate['id']}/accept",
        data={"date": "2023-11-28", "csrf": csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303
    after = server.client.get("/agreements/gaza-2023-11.json").json()["status"]["counts"]
    assert after["claims"] == before["claims"] + 1
    accepted = server.get(f"/api/review/{candidate['id']}").json()
    assert accepted["status"] == "accepted" and accepted["decided_by"] == "mediator"


def test_observers_see_no_decision_buttons(sqlite_server: Server) -> None:
    sqlite_server.post(
        "/api/review/ingest",
        params={"agreement": "gaza-2023-11", "published": "2023-11-28"},
        files={"file": ("seed.txt", SEED.read_bytes(), "text/plain")},
    )
    _signed_in(sqlite_server, "observer")
    page = sqlite_server.client.get("/review").text
    assert "/accept" not in page
    _signed_in(sqlite_server, "mediator")
    assert "/accept" in sqlite_server.client.get("/review").text


def test_sign_out_forgets_the_token(sqlite_server: Server) -> None:
    csrf = _signed_in(sqlite_server)
    sqlite_server.client.post("/logout", data={"csrf": csrf})
    response = sqlite_server.client.get("/", follow_redirects=False)
    assert response.status_code == 303
