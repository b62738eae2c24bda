"""Every error the API can return has the one shape, whatever raised it."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.server.conftest import Server, error_of, release
from truce.server.app import create_app
from truce.server.settings import ServerSettings


def test_unknown_route_is_a404(shared_server: Server) -> None:
    response = shared_server.get("/api/no-such-thing")
    assert response.status_code == 404 and error_of(response)["code"] == "A404"


def test_wrong_method_is_a405(shared_server: Server) -> None:
    response = shared_server.client.delete("/api/agreements", headers=shared_server.auth("admin"))
    assert response.status_code == 405 and error_of(response)["code"] == "A405"


def test_unknown_agreement_keeps_the_catalogue_code(shared_server: Server) -> None:
    response = shared_server.get("/api/agreements/nowhere/status")
    assert response.status_code == 404 and error_of(response)["code"] == "L101"


def test_unknown_claim_and_candidate(shared_server: Server) -> None:
    assert error_of(shared_server.get("/api/claims/cffff"))["code"] == "L102"
    assert error_of(shared_server.get("/api/review/nope"))["code"] == "R101"


def test_validation_lists_every_field(shared_server: Server) -> None:
    response = shared_server.post("/api/claims", json={"agreement": "gaza-2023-11"})
    error = error_of(response)
    assert response.status_code == 422 and error["code"] == "A422"
    assert {tuple(d["loc"]) for d in error["details"]} >= {("body", "type"), ("body", "date")}


def test_malformed_json_is_a422(shared_server: Server) -> None:
    response = shared_server.client.post(
        "/api/claims",
        content=b"{not json",
        headers={**shared_server.auth("admin"), "content-type": "application/json"},
    )
    assert response.status_code == 422 and error_of(response)["code"] == "A422"


def test_bad_claim_values_are_coded(shared_server: Server) -> None:
    response = shared_server.post("/api/claims", json=release(reliability="Z9"))
    assert response.status_code == 422
    assert "Admiralty" in error_of(response)["message"] + str(error_of(response)["details"])


def test_deciding_twice_is_a409(shared_server: Server) -> None:
    shared_server.post(
        "/api/review/ingest",
        params={"agreement": "gaza-2023-11", "published": "2023-11-28"},
        files={"file": ("a.txt", b"Hamas freed 12 hostages on Monday, Qatar said.", "text/plain")},
    )
    (candidate,) = [
        q["id"]
        for q in shared_server.get(
            "/api/review", params={"status": "pending", "limit": 1000}
        ).json()["candidates"]
    ][:1]
    assert shared_server.post(f"/api/review/{candidate}/reject", json={}).status_code == 200
    again = shared_server.post(f"/api/review/{candidate}/reject", json={})
    assert again.status_code == 409 and error_of(again)["code"] == "R102"


def test_a_user_name_taken_is_a409(shared_server: Server) -> None:
    response = shared_server.post("/api/users", json={"name": "observer", "role": "observer"})
    assert response.status_code == 409 and error_of(response)["code"] == "U102"


def test_a_bad_role_is_a422(shared_server: Server) -> None:
    response = shared_server.post("/api/users", json={"name": "x1", "role": "king"})
    assert response.status_code == 422 and error_of(response)["code"] == "U101"


def test_declared_oversized_body_is_refused_before_reading(shared_server: Server) -> None:
    big = b"x" * 1_100_000
    response = shared_server.client.post(
        "/api/claims",
        content=big,
        headers={**shared_server.auth("admin"), "content-type": "application/json"},
    )
    assert response.status_code == 413 and error_of(response)["code"] == "A413"


def test_streamed_oversized_body_is_cut_off(shared_server: Server) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(30):
            yield b" " * 50_000

    response = shared_server.client.post(
        "/api/claims",
        content=chunks(),
        headers={**shared_server.auth("admin"), "content-type": "application/json"},
    )
    assert response.status_code == 413 and error_of(response)["code"] == "A413"


def test_uploads_have_their_own_larger_cap(shared_server: Server) -> None:
    line = (str(release()).replace("'", '"') + "\n").encode()
    body = line * (1_200_000 // len(line))  # over the body cap, under the upload cap
    response = shared_server.post(
        "/api/claims/import", files={"file": ("c.jsonl", body, "application/x-ndjson")}
    )
    assert response.status_code != 413


def test_an_unexpected_failure_is_a500_in_the_shape(shared_server: Server) -> None:
    app = create_app(ServerSettings(db="unused.db"), shared_server.ledger)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/boom")
    assert response.status_code == 500 and error_of(response)["code"] == "A500"
    assert "bug" not in response.text  # no internals leak to the client


def test_a_dashboard_error_is_a_page(shared_server: Server) -> None:
    session = shared_server.sign_in("observer")
    assert session is not None
    response = session.browser.get("/agreements/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "L101" in response.text
