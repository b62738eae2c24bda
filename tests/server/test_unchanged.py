"""A conditional GET that ends in 304 is decided before the page, list or answer is made
(`server.unchanged`, and the status API's kept header).

A real app on the bundled example (SQLite file and PostgreSQL), asked over HTTP in process, with
the functions that make each answer counted as they are called: asked again with its tag, a page
at an instant, its .json twin, the claims page and its .json, the API's list, a page of the
timeline and the status API at an instant are a 304 with none of them called (the template is
not rendered, the list not read, the answer not judged nor read back); the head moving gives a
200 with the new body and a new tag, and the review queue's count moving gives a 200 for the
page that shows it. The status API is asked of a second server on the ledger, which has sent
nothing yet: its 304 comes from the kept bytes' header, without reading or judging them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from tests.server.conftest import Server, release, running
from truce import services
from truce.server import list_pages, pages, views
from truce.server.api import agreements as api_agreements
from truce.server.api import claims as api_claims
from truce.server.app import create_app
from truce.server.settings import ServerSettings
from truce.services import instants, kept_pages
from truce.storage import Ledger
from truce.storage.db import make_engine
from truce.storage.tables import candidates

A = "gaza-2023-11"
AT = "at=2023-11-27T12:00"
T0 = 1700906400.0  # 2023-11-25T12:00+02:00, day 2 of the pause
MADE_BY = {  # path -> what makes its answer
    f"/agreements/{A}?{AT}": ("template", "agreement view"),
    f"/agreements/{A}.json?{AT}": ("agreement view",),
    f"/agreements/{A}/claims?type=release&sort=-date": ("template", "claims view"),
    f"/agreements/{A}/claims.json?type=release": ("claims view",),
    f"/api/claims?agreement={A}&limit=5&sort=-date": ("api list",),
    f"/api/agreements/{A}/timeline?offset=5&limit=20": ("timeline",),
}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(instants, "now_s", lambda: T0)


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each maker of an answer was called."""
    calls: Counter[str] = Counter()

    def counted(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kw: Any) -> Any:
            calls[name] += 1
            return real(*args, **kw)

        return call

    monkeypatch.setattr(
        pages.templates, "TemplateResponse", counted("template", pages.templates.TemplateResponse)
    )
    monkeypatch.setattr(
        views, "cached_agreement_view", counted("agreement view", views.cached_agreement_view)
    )
    monkeypatch.setattr(list_pages, "claims_view", counted("claims view", list_pages.claims_view))
    monkeypatch.setattr(api_claims, "claims_page", counted("api list", api_claims.claims_page))
    monkeypatch.setattr(
        api_agreements, "timeline_page", counted("timeline", api_agreements.timeline_page)
    )
    monkeypatch.setattr(services, "status", counted("judged", services.status))
    # The status API at an instant asks for its bytes (`services.status_json`).
    monkeypatch.setattr(services, "status_json", counted("judged", services.status_json))
    monkeypatch.setattr(kept_pages, "kept_digested", counted("kept read", kept_pages.kept_digested))
    return calls


def ask(client: TestClient, path: str, **headers: str) -> tuple[Any, bytes]:
    with client.stream("GET", path, headers=headers) as response:
        body = b"".join(response.iter_raw())
    return response, body


@pytest.mark.parametrize("encoding", ["zstd", "gzip", "identity"])
def test_a_304_is_decided_before_the_answer_is_made(
    server: Server, made: Counter[str], encoding: str
) -> None:
    admin = {**server.auth("admin"), "accept-encoding": encoding}
    for path, makers in MADE_BY.items():
        first, body = ask(server.client, path, **admin)
        assert first.status_code == 200 and body, path
        assert all(made[m] for m in makers), (path, made)
        before = made.copy()
        again, nothing = ask(
            server.client, path, **admin, **{"if-none-match": first.headers["etag"]}
        )
        assert again.status_code == 304 and nothing == b"", path
        assert made == before, (path, made - before)  # nothing made
        assert again.headers["etag"] == first.headers["etag"], path
        assert again.headers["cache-control"] == first.headers["cache-control"], path
        assert again.headers.get("vary") == first.headers.get("vary"), path
        assert "content-type" not in again.headers and "content-encoding" not in again.headers
        # Any tag but the one sent is no reason for a 304: the answer is made and sent.
        other, body_again = ask(server.client, path, **admin, **{"if-none-match": '"elsewhere"'})
        assert other.status_code == 200 and body_again == body, path
        assert made[makers[0]] == before[makers[0]] + 1, path


def test_a_changed_head_gives_the_new_answer_then_a_304_for_it(
    server: Server, made: Counter[str]
) -> None:
    admin = {**server.auth("admin"), "accept-encoding": "identity"}
    first = {p: ask(server.client, p, **admin) for p in MADE_BY}
    added = server.post("/api/claims", json=release(date="2023-11-25T09:00", quantity=9))
    assert added.status_code == 201, added.text
    for path, (sent, body) in first.items():
        tag = {"if-none-match": sent.headers["etag"]}
        before = made.copy()
        after, new_body = ask(server.client, path, **admin, **tag)
        assert after.status_code == 200 and new_body != body, path
        assert after.headers["etag"] != sent.headers["etag"], path
        assert made[MADE_BY[path][0]] == before[MADE_BY[path][0]] + 1, path
        again, _ = ask(server.client, path, **admin, **{"if-none-match": after.headers["etag"]})
        assert again.status_code == 304, path


def test_the_review_queue_moving_gives_the_page_that_counts_it_anew(
    server: Server, made: Counter[str]
) -> None:
    """The page counts the queue's pending candidates, which are rows beside the chain: a
    decision written with no chain entry (as by another writer of the database) leaves the head
    where it was, and the page with its new count is sent, not a 304."""
    admin = {**server.auth("admin"), "accept-encoding": "identity"}
    report = "Hamas released 4 hostages on Monday, the Qatari foreign ministry said."
    queued = server.client.post(
        f"/api/review/ingest?agreement={A}&published=2023-11-27",
        files={"file": ("report.txt", report.encode(), "text/plain")},
        headers=server.auth("admin"),
    )
    assert queued.status_code == 201 and queued.json()["queued"], queued.text
    path = f"/agreements/{A}?{AT}"
    first, body = ask(server.client, path, **admin)
    head = server.ledger.head()
    with server.ledger.engine.begin() as conn:
        decided = conn.execute(
            update(candidates).where(candidates.c.status == "pending").values(status="rejected")
        )
        assert decided.rowcount >= 1
    assert server.ledger.head() == head
    before = made.copy()
    after, new_body = ask(server.client, path, **admin, **{"if-none-match": first.headers["etag"]})
    assert after.status_code == 200 and new_body != body
    assert b"(0 pending)" in new_body and b"(0 pending)" not in body
    assert made["template"] == before["template"] + 1


@pytest.fixture
def two_servers(ledger_url: str, tmp_path: Path) -> Iterator[tuple[Server, Server]]:
    """The bundled example served by two servers on one ledger (two processes, or hosts)."""
    with running(ledger_url, warm_answers=False) as one:
        ledger = Ledger(make_engine(ledger_url), tmp_path / "second")
        settings = ServerSettings(db=ledger_url, bootstrap_admin=False, warm_answers=False)
        two = Server(TestClient(create_app(settings, ledger)), ledger, one.tokens)
        try:
            yield one, two
        finally:
            two.client.close()
            ledger.close()


@pytest.mark.parametrize("encoding", ["zstd", "gzip", "identity"])
def test_the_status_api_at_an_instant_answers_a_304_from_the_kept_header(
    two_servers: tuple[Server, Server], made: Counter[str], encoding: str
) -> None:
    one, two = two_servers
    path = f"/api/agreements/{A}/status?{AT}"
    headers = {**one.auth("admin"), "accept-encoding": encoding}
    first, body = ask(one.client, path, **headers)
    assert first.status_code == 200 and made["judged"] == 1
    before = made.copy()
    again, nothing = ask(two.client, path, **headers, **{"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and nothing == b""
    assert made == before, made - before  # neither judged nor read back
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["vary"] == first.headers["vary"]
    # The second server's own answer is the same bytes, under the same tag.
    sent, same = ask(two.client, path, **headers)
    assert (
        sent.status_code == 200 and same == body and sent.headers["etag"] == first.headers["etag"]
    )
    added = one.post("/api/claims", json=release(date="2023-11-25T09:00", quantity=9))
    assert added.status_code == 201, added.text
    moved, new_body = ask(two.client, path, **headers, **{"if-none-match": first.headers["etag"]})
    assert moved.status_code == 200 and new_body != body
    assert moved.headers["etag"] != first.headers["etag"]
