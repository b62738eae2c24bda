"""A published record: with `public_read` anyone reads the record without signing in, and
nothing more — no review queue, no writes, no user list, no token on any page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.conftest import Server, error_of, release, running


@pytest.fixture
def public(tmp_path: Path) -> Iterator[Server]:
    with running(str(tmp_path / "public.db"), public_read=True) as server:
        yield server


def test_anyone_reads_the_record_without_a_token(public: Server) -> None:
    client = public.client
    status = client.get("/api/agreements/gaza-2023-11/status", params={"at": "2023-12-01"})
    assert status.status_code == 200 and status.json()["state"] == "ended"
    assert client.get("/api/agreements/gaza-2023-11/timeline").status_code == 200
    assert client.get("/agreements/gaza-2023-11/feed.atom").status_code == 200
    page = client.get("/agreements/gaza-2023-11", params={"at": "2023-12-01"})
    assert page.status_code == 200 and "a published record, read only" in page.text
    assert "truce_" not in page.text and "review queue" not in page.text
    assert "Sign out" not in page.text
    claims = client.get("/agreements/gaza-2023-11/claims")
    assert claims.status_code == 200 and "truce_" not in claims.text


def test_the_public_may_not_write_or_see_the_team_s_work(public: Server) -> None:
    client = public.client
    refused = client.post("/api/claims", json=release())  # a write needs a token, public or not
    assert refused.status_code == 401 and error_of(refused)["code"] == "A401"
    for path in ("/api/review", "/api/users", "/api/webhooks"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert error_of(response)["code"] == "A403"
    queue = client.get("/review", follow_redirects=False)
    assert queue.status_code == 303 and queue.headers["location"].startswith("/login")
    # A signed-in observer still sees the queue on the same server.
    assert public.get("/api/review", user="observer").status_code == 200


def test_without_the_setting_nothing_is_public(sqlite_server: Server) -> None:
    response = sqlite_server.client.get("/api/agreements/gaza-2023-11/status")
    assert response.status_code == 401
    page = sqlite_server.client.get("/agreements/gaza-2023-11", follow_redirects=False)
    assert page.status_code == 303
