"""The review page as a browser user meets it: an Accept says what it recorded and links to it,
and a refusal speaks of the page's boxes, never of the CLI's `--set`."""

from __future__ import annotations

import re

from tests.server.conftest import Server
from truce.server.review_pages import browser_hint

REPORT = (
    "DOHA, Nov 30 (Wire) - Hamas released two more hostages on Thursday evening, Qatar's "
    "foreign ministry said.\n"
)


def _queued(server: Server) -> str:
    response = server.post(
        "/api/review/ingest",
        params={"agreement": "gaza-2023-11", "published": "2023-11-30"},
        files={"file": ("wire.txt", REPORT.encode(), "text/plain")},
    )
    assert response.json()["queued"] >= 1, response.text
    queue = server.get("/api/review", params={"status": "pending", "limit": 1000}).json()[
        "candidates"
    ]
    return str(next(q["id"] for q in queue if q["candidate"]["type"] == "release"))


def test_an_accept_says_what_it_recorded_and_links_to_it(sqlite_server: Server) -> None:
    session = sqlite_server.sign_in("mediator")
    assert session is not None
    candidate = _queued(sqlite_server)
    done = session.browser.post(f"/review/{candidate}/accept", data={"csrf": session.csrf},
                                follow_redirects=True)  # fmt: skip
    assert done.status_code == 200
    notice = re.search(r'<p class="notice" id="accepted"[^>]*>(.*?)</p>', done.text, re.S)
    assert notice and candidate in notice[1]
    claim = sqlite_server.get(f"/api/review/{candidate}").json()["claim_id"]
    assert claim and f"/agreements/gaza-2023-11/claims#claim-{claim}" in notice[1]
    claims = session.browser.get("/agreements/gaza-2023-11/claims").text
    assert f'id="claim-{claim}"' in claims


def test_each_candidate_shows_its_confidence(sqlite_server: Server) -> None:
    session = sqlite_server.sign_in("mediator")
    assert session is not None
    _queued(sqlite_server)
    queue = sqlite_server.get("/api/review", params={"status": "pending", "limit": 1000}).json()
    rows = {q["id"]: q["candidate"].get("confidence") for q in queue["candidates"]}
    assert any(isinstance(v, float) for v in rows.values())
    page = session.browser.get("/review", params={"status": "pending"}).text
    shown = re.findall(
        r'data-candidate="([^"]+)".*?(?:<span class="confidence"[^>]*>confidence ([0-9.]+)</span>'
        r"|</td>)",
        page,
        re.S,
    )
    assert {cid for cid, _ in shown} == set(rows)
    for cid, figure in shown:  # the page's figure is the candidate's, to two places
        value = rows[cid]
        assert figure == (f"{value:.2f}" if isinstance(value, float) else ""), cid


def test_a_refusal_speaks_of_the_boxes_not_of_set(sqlite_server: Server) -> None:
    session = sqlite_server.sign_in("mediator")
    assert session is not None
    candidate = _queued(sqlite_server)
    refused = session.browser.post(
        f"/review/{candidate}/accept",
        data={"csrf": session.csrf, "quantity": "two and a half"},
        follow_redirects=True,
    )
    assert refused.status_code >= 400
    assert "--set" not in refused.text and "box beside Accept" in refused.text


def test_every_cli_hint_of_the_review_service_is_told_as_the_page() -> None:
    for hint in (
        "a claim counts whole things: accept it with --set quantity=N (and qualifier)",
        "accept it with --set date=YYYY-MM-DD",
        "fix it with --set FIELD=VALUE",
        "e.g. --set quantity=13",
        "e.g. --set qualifier=at_least",
    ):
        told = browser_hint(hint)
        assert "--set" not in told, (hint, told)
