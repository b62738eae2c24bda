"""Sessions and forged forms over real HTTP, against a real `truce serve` (SQLite, PostgreSQL).

The attacker is a page on another port of the same host: the same site, so `SameSite=Strict`
lets the browser send the session cookie with its forged posts. The browser's Origin and
Sec-Fetch-Site headers are sent as a browser sends them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import postgres_database
from tests.server.conftest import SEED, error_of
from tests.server.live import Live, free_port, serving

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
TIMEOUT = 60  # generous: the machine is shared, and the first ingest loads the language model


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Live]:
    if request.param == "sqlite":
        urls: Iterator[str] = iter([str(tmp_path_factory.mktemp("live") / "served.db")])
    else:
        urls = postgres_database()
    with serving(next(urls)) as server:
        yield server
    next(urls, None)


def _api(live: Live) -> dict[str, str]:
    return {"Authorization": f"Bearer {live.admin_token}"}


def _sign_in(live: Live) -> tuple[httpx.Client, str]:
    """A browser signed in as the first admin, and the pages' form token."""
    browser = httpx.Client(base_url=live.url, headers={"Origin": live.url}, timeout=TIMEOUT)
    found = CSRF.search(browser.get("/login").text)
    signed = browser.post(
        "/login", data={"token": live.admin_token, "csrf": found[1] if found else ""}
    )
    assert signed.status_code == 303, signed.text
    page = CSRF.search(browser.get("/").text)
    return browser, page[1] if page else ""


def _candidate(live: Live, marker: str) -> str:
    ingested = httpx.post(
        f"{live.url}/api/review/ingest",
        params={"agreement": "gaza-2023-11", "published": "2023-11-28"},
        files={"file": (f"{marker}.txt", SEED.read_bytes() + marker.encode(), "text/plain")},
        headers=_api(live),
        timeout=TIMEOUT,
    )
    assert ingested.status_code == 201, ingested.text
    queue = httpx.get(
        f"{live.url}/api/review", params={"status": "pending"}, headers=_api(live), timeout=TIMEOUT
    )
    return str(queue.json()["candidates"][0]["id"])


def _status(live: Live, candidate: str) -> str:
    got = httpx.get(f"{live.url}/api/review/{candidate}", headers=_api(live), timeout=TIMEOUT)
    return str(got.json()["status"])


def test_the_session_cookie_is_not_the_token_and_the_api_refuses_it(live: Live) -> None:
    browser, _ = _sign_in(live)
    cookies = {c.name: c for c in browser.cookies.jar}
    assert live.admin_token not in {c.value for c in cookies.values()}
    assert "truce_session" in cookies and cookies["truce_session"].path == "/"
    me = browser.get("/api/me")
    assert me.status_code == 401 and "session cookie" in error_of(me)["message"]
    upload = browser.post(
        "/api/claims/import", files={"file": ("c.jsonl", b"{}\n", "application/x-ndjson")}
    )
    assert upload.status_code == 401 and error_of(upload)["code"] == "A401"


def test_a_form_forged_on_another_port_is_refused(live: Live, tmp_path: Path) -> None:
    browser, csrf = _sign_in(live)
    candidate = _candidate(live, "forged")
    elsewhere = f"http://127.0.0.1:{free_port()}"
    forgeries = [
        {"headers": {"Origin": elsewhere, "Sec-Fetch-Site": "same-site"}, "data": {}},
        {"headers": {"Origin": elsewhere}, "data": {"csrf": csrf}},  # even with a leaked token
        {"headers": {"Sec-Fetch-Site": "same-site"}, "data": {"reason": "x"}},
        {"headers": {"Origin": live.url}, "data": {"csrf": "guessed"}},
    ]
    for forged in forgeries:
        refused = browser.post(f"/review/{candidate}/reject", **forged)  # type: ignore[arg-type]
        assert refused.status_code == 403, (forged, refused.text)
        assert "A430" in refused.text
    assert _status(live, candidate) == "pending"
    done = browser.post(f"/review/{candidate}/reject", data={"csrf": csrf})
    assert done.status_code == 303 and _status(live, candidate) == "rejected"


def test_a_sign_in_forged_on_another_port_is_refused(live: Live) -> None:
    attacker = httpx.Client(base_url=live.url, timeout=TIMEOUT)
    elsewhere = f"http://127.0.0.1:{free_port()}"
    forged = attacker.post(
        "/login", data={"token": live.admin_token}, headers={"Origin": elsewhere}
    )
    assert forged.status_code == 403 and "A430" in forged.text
    assert "truce_session" not in forged.headers.get("set-cookie", "")
    no_token = attacker.post("/login", data={"token": live.admin_token})
    assert no_token.status_code == 403 and "truce_session" not in str(attacker.cookies)


def test_signing_out_kills_the_session_everywhere(live: Live) -> None:
    browser, csrf = _sign_in(live)
    stolen = {c.name: c.value for c in browser.cookies.jar}
    copy = httpx.Client(base_url=live.url, cookies=stolen, timeout=TIMEOUT)
    assert copy.get("/index.json").status_code == 200
    assert browser.post("/logout", data={"csrf": csrf}).status_code == 303
    after = copy.get("/index.json")
    assert after.status_code == 303 and after.headers["location"].startswith("/login")
