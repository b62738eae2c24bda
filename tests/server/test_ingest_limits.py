"""A megabyte report sent to the API's ingest route: bounded candidates, evidence and pages."""

from __future__ import annotations

from tests.extract.big_reports import dense, mixed
from tests.server.conftest import Server

CAP = 1_000  # TRUCE_EXTRACT_MAX_SENTENCE_CHARS by default


def _ingest(server: Server, name: str, text: str) -> dict:  # type: ignore[type-arg]
    response = server.post(
        "/api/review/ingest",
        params={"agreement": "gaza-2023-11", "published": "2023-11-24"},
        files={"file": (name, text.encode("utf-8"), "text/plain")},
    )
    assert response.status_code == 201, response.text
    body: dict = response.json()  # type: ignore[type-arg]
    return body


def test_a_megabyte_report_queues_bounded_candidates(sqlite_server: Server) -> None:
    body = _ingest(sqlite_server, "big.txt", mixed(1_000_000))
    assert body["errors"] == [] and 100 < body["queued"] <= 2_000
    answer = sqlite_server.get(
        "/api/review", params={"agreement": "gaza-2023-11", "limit": 1000}
    ).json()
    queue = answer["candidates"]
    assert answer["total"] == len(queue) == body["queued"]
    evidence = [len(q["candidate"]["evidence"]) for q in queue]
    quotes = [len(q["candidate"]["quote"] or "") for q in queue]
    assert max(evidence) <= CAP and max(quotes) <= CAP
    # The review page lists them all: before the caps a 40 KB report made a 44 MB page.
    page = sqlite_server.get("/review.json", params={"agreement": "gaza-2023-11"})
    assert len(page.content) < 4 * CAP * body["queued"]


def test_a_report_giving_too_many_candidates_is_refused_with_a_code(sqlite_server: Server) -> None:
    body = _ingest(sqlite_server, "dense.txt", dense(1_000_000))
    assert body["queued"] == 0 and body["documents"] == 0
    assert [e["code"] for e in body["errors"]] == ["X600"]
