"""Conditional requests on pages, lists and downloads (issue 12, `server.conditional`).

A real app on the bundled example (SQLite file and PostgreSQL), asked over HTTP in process: a
page or list asked again with its `ETag` in `If-None-Match` is a 304 with no body; the head
moving, another role, another `at=`, another session (another form token) each give a 200 with
the new page. The clock is the test's own inside the Gaza pause, so the status API "now" reads
the same twice (the pages "now" show the wall clock's instant, to the microsecond).
"""

from __future__ import annotations

import gzip
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from tests.server.conftest import Server, release, running
from truce.server import conditional
from truce.server.compress import Compress
from truce.services import instants

A = "gaza-2023-11"
DAY_4 = f"/agreements/{A}?at=2023-11-27T12:00"
T0 = datetime.fromisoformat("2023-11-25T12:00:00+02:00").timestamp()  # day 2 of the pause
TAGGED = {
    "agreement page at day 4": DAY_4,
    "agreement .json": f"/agreements/{A}.json?at=2023-11-27T12:00",
    "claims page": f"/agreements/{A}/claims?type=release&sort=-date",
    "api claims": f"/api/claims?agreement={A}&limit=5",
    "api timeline": f"/api/agreements/{A}/timeline",
    "index": "/",
    "index.json": "/index.json",
    "status api": f"/api/agreements/{A}/status?at=2023-11-28T12:00",
}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(instants, "now_s", lambda: T0)


def ask(client: TestClient, path: str, **headers: str) -> tuple[Any, bytes]:
    """The answer and its bytes as sent (not decoded)."""
    with client.stream("GET", path, headers=headers) as response:
        body = b"".join(response.iter_raw())
    return response, body


def revalidated(client: TestClient, path: str, **headers: str) -> tuple[Any, Any, bytes]:
    """The answer, then the same asked again with its tag: (first, second, second's bytes)."""
    first, _ = ask(client, path, **headers)
    assert first.status_code == 200, (path, first.status_code)
    again, body = ask(client, path, **headers, **{"if-none-match": first.headers["etag"]})
    return first, again, body


@pytest.mark.parametrize("path", TAGGED.values(), ids=TAGGED.keys())
@pytest.mark.parametrize("encoding", ["gzip", "zstd", "identity"])
def test_a_repeat_with_its_tag_is_a_304_with_no_body(
    shared_server: Server, path: str, encoding: str
) -> None:
    headers = {**shared_server.auth("admin"), "accept-encoding": encoding}
    first, again, body = revalidated(shared_server.client, path, **headers)
    assert first.headers["cache-control"] == conditional.CACHE_CONTROL
    assert again.status_code == 304 and body == b""
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["cache-control"] == conditional.CACHE_CONTROL
    assert "content-encoding" not in again.headers and "content-type" not in again.headers
    if "content-encoding" in first.headers:
        assert first.headers["etag"].endswith(f'-{first.headers["content-encoding"]}"')
        assert "accept-encoding" in again.headers["vary"].lower()
    # The tag of one encoding names the same content in another (weak comparison, as for GET).
    other = {"gzip": "identity", "zstd": "gzip", "identity": "zstd"}[encoding]
    across, body = ask(shared_server.client, path, **{**headers, "accept-encoding": other},
                       **{"if-none-match": f'"x", {first.headers["etag"]}'})  # fmt: skip
    assert across.status_code == 304 and body == b""


def test_the_head_moving_gives_the_new_page(server: Server) -> None:
    admin = server.auth("admin")
    pages = (DAY_4, f"/agreements/{A}/claims", f"/api/claims?agreement={A}")
    before = {p: ask(server.client, p, **admin) for p in pages}
    made = server.post("/api/claims", json=release(date="2023-11-25T09:00", quantity=9))
    assert made.status_code == 201, made.text
    for path, (first, body) in before.items():
        after, new_body = ask(
            server.client, path, **admin, **{"if-none-match": first.headers["etag"]}
        )
        assert after.status_code == 200, path
        assert after.headers["etag"] != first.headers["etag"] and new_body != body, path
        again, _ = ask(server.client, path, **admin, **{"if-none-match": after.headers["etag"]})
        assert again.status_code == 304, path


def test_another_role_or_the_public_never_gets_a_304_for_anothers_page(tmp_path: Path) -> None:
    with running(str(tmp_path / "public.db"), public_read=True) as server:
        for path in (DAY_4, f"/agreements/{A}/claims"):
            admin_page, admin_body = ask(server.client, path, **server.auth("admin"),
                                         **{"accept-encoding": "identity"})  # fmt: skip
            tag = {"if-none-match": admin_page.headers["etag"], "accept-encoding": "identity"}
            for who in ("observer", "israel-desk"):
                theirs, body = ask(server.client, path, **server.auth(who), **tag)
                assert theirs.status_code == 200 and body != admin_body, (path, who)
                assert f'<span class="who">{who} ·' in body.decode(), (path, who)
            anonymous, body = ask(server.client, path, **tag)
            assert anonymous.status_code == 200, path
            assert "a published record, read only" in body.decode()
            again, _ = ask(
                server.client, path, **{**tag, "if-none-match": anonymous.headers["etag"]}
            )
            assert again.status_code == 304, path


def test_another_instant_is_another_page(shared_server: Server) -> None:
    admin = shared_server.auth("admin")
    first, _ = ask(shared_server.client, DAY_4, **admin)
    other, body = ask(shared_server.client, f"/agreements/{A}?at=2023-11-29T12:00", **admin,
                      **{"if-none-match": first.headers["etag"]})  # fmt: skip
    assert other.status_code == 200 and other.headers["etag"] != first.headers["etag"]


def test_a_form_posts_after_a_304_and_another_session_gets_its_own_token(
    shared_server: Server,
) -> None:
    """The claims page carries the session's form token: asked again it is a 304 (the browser
    shows what it holds, the same token), and the form posts; another session sending that tag
    gets its own page, with its own token."""
    path = f"/agreements/{A}/claims"
    session = shared_server.sign_in("mediator")
    assert session is not None
    first, body = ask(session.browser, path, **{"accept-encoding": "identity"})
    held = re.search(r'name="csrf" value="([^"]+)"', body.decode())
    assert held and held[1] == session.csrf
    again, nothing = ask(session.browser, path, **{"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and nothing == b""
    posted = session.browser.post(path, data={"csrf": held[1], "type": "release", "actor": "hamas",
                                  "date": "2023-11-25T08:00", "quantity": "2",
                                  "subject": "hostages"}, follow_redirects=False)  # fmt: skip
    assert posted.status_code == 303, posted.text
    # Another session of the same user: same role, same head, another token in the form.
    other = shared_server.sign_in("mediator")
    assert other is not None and other.csrf != session.csrf
    mine, _ = ask(session.browser, path, **{"accept-encoding": "identity"})
    theirs, body = ask(other.browser, path, **{"if-none-match": mine.headers["etag"],
                       "accept-encoding": "identity"})  # fmt: skip
    assert theirs.status_code == 200
    assert f'value="{other.csrf}"' in body.decode() and session.csrf not in body.decode()


def test_answers_that_set_a_cookie_or_fail_are_not_tagged(shared_server: Server) -> None:
    login, _ = ask(shared_server.client, "/login")
    assert login.status_code == 200 and "set-cookie" in login.headers
    assert "etag" not in login.headers
    missing, _ = ask(shared_server.client, "/agreements/nowhere", **shared_server.auth("admin"))
    assert missing.status_code == 404 and "etag" not in missing.headers


def test_a_compressed_pages_tag_names_its_bytes_as_they_are(shared_server: Server) -> None:
    headers = {**shared_server.auth("admin"), "accept-encoding": "gzip"}
    first, body = ask(shared_server.client, DAY_4, **headers)
    assert first.headers["content-encoding"] == "gzip"
    tag = first.headers["etag"].strip('"').removesuffix("-gzip")
    assert tag == conditional.tag_of(gzip.decompress(body))
    again, same = ask(shared_server.client, DAY_4, **headers)
    assert same == body and again.headers["etag"] == first.headers["etag"]


def test_a_download_is_tagged_from_the_head_and_the_list(server: Server) -> None:
    admin = server.auth("admin")
    path = f"/agreements/{A}/claims/download.csv?type=release"
    first, body = ask(server.client, path, **admin)
    assert first.status_code == 200 and body.startswith(b"id,")
    assert first.headers["cache-control"] == conditional.CACHE_CONTROL
    tag = {"if-none-match": first.headers["etag"]}
    again, nothing = ask(server.client, path, **admin, **tag)
    assert again.status_code == 304 and nothing == b""
    api = f"/api/claims/download?agreement={A}&format=csv&type=release"
    assert ask(server.client, api, **admin, **tag)[0].status_code == 304  # the same list
    for other in (f"/agreements/{A}/claims/download.csv?type=breach",
                  f"/agreements/{A}/claims/download.geojson?type=release"):  # fmt: skip
        assert ask(server.client, other, **admin, **tag)[0].status_code == 200, other
    made = server.post("/api/claims", json=release(date="2023-11-25T09:00", quantity=9))
    assert made.status_code == 201, made.text
    after, new_body = ask(server.client, path, **admin, **tag)
    assert after.status_code == 200 and new_body != body


def test_the_clear_link_of_a_filtered_list_is_the_list_itself(shared_server: Server) -> None:
    """Found by tagging: the link rendered a method's address (`L.clear` is `dict.clear` in
    Jinja), so the filtered page's bytes changed at every request and never matched."""
    page = shared_server.get(f"/agreements/{A}/claims?type=release")
    assert f'<a href="/agreements/{A}/claims">clear the filters</a>' in page.text
    assert "built-in method" not in page.text


def _bare_app() -> TestClient:
    """The middleware alone around a few routes that answer as the server's special pages do."""
    page = "<p>" + "a page " * 400 + "</p>"

    def answer(request: Request) -> Response:
        kind = request.path_params["kind"]
        headers = {"no-store": {"cache-control": "no-store"},
                   "own-tag": {"etag": '"route-made"'}}.get(kind, {})  # fmt: skip
        response = HTMLResponse(page, headers=headers)
        if kind == "cookie":
            response.set_cookie("login", "x")
        return response

    routes = [Route("/{kind}", answer, methods=["GET", "POST"])]
    return TestClient(Compress(Starlette(routes=routes)))


def test_no_store_cookies_posts_and_a_routes_own_tag_are_left_alone() -> None:
    client = _bare_app()
    tagged = client.get("/plain", headers={"accept-encoding": "gzip"})
    assert tagged.headers["etag"].endswith('-gzip"')
    assert tagged.headers["cache-control"] == conditional.CACHE_CONTROL
    for kind in ("no-store", "cookie"):
        response = client.get(f"/{kind}", headers={"if-none-match": "*"})
        assert response.status_code == 200 and "etag" not in response.headers, kind
    posted = client.post("/plain", headers={"if-none-match": tagged.headers["etag"]})
    assert posted.status_code == 200 and "etag" not in posted.headers
    own = client.get("/own-tag", headers={"accept-encoding": "gzip", "if-none-match": "*"})
    assert own.status_code == 200 and own.headers["etag"] == '"route-made-gzip"'
