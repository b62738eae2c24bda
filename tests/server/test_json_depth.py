"""A JSON body nested beyond any real request is refused with a code, not a 500."""

from __future__ import annotations

import json

import pytest

from tests.server.conftest import Server, error_of, release


@pytest.mark.parametrize("depth", [2_000, 900, 100])
def test_a_deeply_nested_body_is_refused(sqlite_server: Server, depth: int) -> None:
    body = release(extra={"x": json.loads("[" * 50 + "]" * 50)})
    text = json.dumps(body).replace(
        '"x": ' + "[" * 50 + "]" * 50, '"x": ' + "[" * depth + "]" * depth
    )
    response = sqlite_server.client.post(
        "/api/claims",
        content=text,
        headers={**sqlite_server.auth("admin"), "content-type": "application/json"},
    )
    assert response.status_code == 400, response.text
    error = error_of(response)
    assert error["code"] == "X608" and "nested deeper than 64" in error["message"]


def test_a_body_nested_a_little_is_still_taken(sqlite_server: Server) -> None:
    body = release(extra={"x": [[["fine"]]]})
    response = sqlite_server.post("/api/claims", json=body)
    assert response.status_code == 201, response.text
