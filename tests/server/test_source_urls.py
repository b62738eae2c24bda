"""A source URL is a web address: a script, data or file URL is refused at every door."""

from __future__ import annotations

import json

import pytest

from tests.server.conftest import Server, error_of, release

HOSTILE = ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>x</script>",
           "file:///etc/passwd", "vbscript:x", "https:evil"]  # fmt: skip


@pytest.mark.parametrize("url", HOSTILE)
def test_a_script_url_is_refused_by_post_and_import(shared_server: Server, url: str) -> None:
    before = shared_server.ledger.head()
    body = release(sources=[{"outlet": "Evil Wire", "url": url}], notes=url)
    posted = shared_server.post("/api/claims", "mediator", json=body)
    assert posted.status_code == 422 and error_of(posted)["code"] == "A422"
    assert "not a web address" in error_of(posted)["message"]
    line = json.dumps(body).encode()
    imported = shared_server.post(
        "/api/claims/import", "mediator", files={"file": ("c.jsonl", line, "application/x-ndjson")}
    )
    assert imported.status_code == 422 and "not a web address" in str(error_of(imported))
    assert shared_server.ledger.head() == before


def test_web_addresses_are_kept(shared_server: Server) -> None:
    body = release(sources=[{"outlet": "AFP", "url": "HTTPS://afp.com/x"}], notes="web")
    assert shared_server.post("/api/claims", "mediator", json=body).status_code == 201
