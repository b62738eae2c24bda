"""What the server sends is JSON (RFC 8259): no `NaN`, `Infinity` or `-Infinity`, which strict
readers (JavaScript's `JSON.parse`, Go, jq) refuse along with the whole text.

A real app on a real ledger (SQLite file and PostgreSQL) asked over HTTP in process. Break-its:
bodies carrying each number JSON has not (and one past a float's range, which Python reads as
infinity) in every place a claim takes a figure, with and without a content type, in an imported
file and in a spec; the largest and the smallest figures a spec and a claim take, judged; and a
ledger written before claims refused them, holding NaN and infinities in a claim's `extra` and
its place, read back through every JSON answer, export and download.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from tests.server.conftest import Clock, Server, error_of, release, running
from truce.domain.bounds import MAX_QUANTITY
from truce.domain.claim_input import ClaimInput, with_content_id
from truce.server import now_status
from truce.server.api import agreements as api_agreements
from truce.server.app import create_app
from truce.server.settings import ServerSettings
from truce.services import agreement_status
from truce.storage import Ledger, rules_version
from truce.storage.db import make_engine
from truce.storage.tables import candidates

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "agreements"
GAZA = "gaza-2023-11"
# Each as a body writes it: what `json.loads` reads as a float that is not finite.
NOT_JSON = ("NaN", "Infinity", "-Infinity", "1e400", "-1e999")


def strict(body: bytes | str) -> Any:
    """As a strict reader reads it: a constant JSON has not is an error, not a float."""

    def refused(word: str) -> Any:
        raise AssertionError(f"{word} in what was sent")

    return json.loads(body, parse_constant=refused)


def posted(s: Server, path: str, text: str, typed: bool = True) -> Any:
    headers = s.auth("admin") | ({"content-type": "application/json"} if typed else {})
    return s.client.post(path, content=text.encode("utf-8"), headers=headers)


@pytest.mark.parametrize("word", NOT_JSON)
def test_a_body_with_a_number_json_has_not_is_refused_and_nothing_is_recorded(
    shared_server: Server, word: str
) -> None:
    s = shared_server
    head = s.ledger.head()
    marked = 12345.5  # written into the body, then replaced by the word as text
    bodies = [
        release(extra={"figure": marked}),
        release(extra={"wave": [1, {"deep": marked}]}),
        release(quantity=marked),
        release(quantity=30, parts={"women": marked}),
        release(sources=[{"outlet": "AFP", "speaker": marked}]),
    ]
    for body in bodies:
        text = json.dumps(body).replace(str(marked), word)
        assert word in text
        for typed in (True, False):  # FastAPI reads a body with no type as JSON too
            answer = posted(s, "/api/claims", text, typed)
            assert answer.status_code == 400, answer.text
            error = error_of(answer)
            assert error["code"] == "I430", error
            assert word in error["message"] and "line 1 column" in error["message"]
            strict(answer.content)
    webhook = json.dumps({"url": "https://example.org/hook", "agreement": marked})
    refused = posted(s, "/api/webhooks", webhook.replace(str(marked), word))
    assert refused.status_code == 400 and error_of(refused)["code"] == "I430"
    assert s.ledger.head() == head


@pytest.mark.parametrize("word", NOT_JSON)
def test_a_file_line_with_a_number_json_has_not_is_refused(
    shared_server: Server, word: str
) -> None:
    s = shared_server
    head = s.ledger.head()
    good = json.dumps(release(event_id="file-good"))
    bad = json.dumps(release(event_id="file-bad", extra={"figure": 7.25})).replace("7.25", word)
    files = {"file": ("claims.jsonl", f"{good}\n{bad}\n".encode(), "application/x-ndjson")}
    answer = s.client.post("/api/claims/import", files=files, headers=s.auth("admin"))
    assert answer.status_code == 422, answer.text
    error = strict(answer.content)["error"]
    assert error["code"] == "I200", error
    (line,) = error["details"]
    assert line.startswith("claims.jsonl:2: [I101]") and word in line, line
    assert s.ledger.head() == head


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1e400"])
def test_a_spec_with_a_figure_that_is_not_finite_is_refused(
    shared_server: Server, value: str
) -> None:
    s = shared_server
    yaml = (EXAMPLES / f"{GAZA}.yaml").read_text("utf-8")
    yaml = yaml.replace(f"id: {GAZA}", "id: not-finite").replace("factor: 3", f"factor: {value}")
    for path in ("/api/agreements", "/api/agreements/validate"):
        answer = s.post(path, json={"yaml": yaml, "name": "not-finite.yaml"})
        assert answer.status_code == 422, answer.text
        error = error_of(answer)
        assert error["code"] == "S106" and "finite" in error["message"], error
    assert s.get("/api/agreements/not-finite").status_code == 404


@pytest.mark.parametrize("factor", ["1.0e+6", "5.0e-324", "1.0e-7"])
def test_figures_at_the_bounds_are_judged_into_json(
    shared_server: Server, clock: Clock, factor: str
) -> None:
    """The largest factor a spec takes times the largest figures a claim takes (owing more than
    2**64), and the smallest factors (owing a denormal, or a figure below 1e-4): the engine's
    figures are finite, and every answer about them is JSON."""
    s = shared_server
    name = "bounds-" + factor.replace(".", "-").replace("+", "")
    gaza = (EXAMPLES / f"{GAZA}.yaml").read_text("utf-8")
    yaml = gaza.replace(f"id: {GAZA}", f"id: {name}").replace("factor: 3", f"factor: {factor}")
    added = s.post("/api/agreements", json={"yaml": yaml})
    assert added.status_code == 201, added.text
    for n in range(3):
        body = release(agreement=name, quantity=MAX_QUANTITY - n, event_id=f"huge-{n}")
        assert s.post("/api/claims", json=body).status_code == 201
    for at in (None, "2023-11-24T18:00", "2023-11-26T12:00", "2023-12-30"):
        params = {} if at is None else {"at": at}
        for path in (f"/api/agreements/{name}/status", f"/agreements/{name}.json"):
            answer = s.get(path, params=params)
            assert answer.status_code == 200, (path, at, answer.text[:300])
            data = strict(answer.content)
            status = data if "obligations" in data else data["status"]
            figures = [o.get(k) for o in status["obligations"] for k in ("due", "delivered")]
            assert all(isinstance(f, int | float) and math.isfinite(f) for f in figures if f)


def _old_claim(s: Server) -> str:
    """A claim as a version before 2026-12-07 could record it (`truce import` read `NaN` and
    `Infinity` in a line): appended as it is, with no check on the way."""
    place = {"name": "Rafah", "country": "PSE", "lat": 31.29, "lon": 34.25}
    fine = ClaimInput.model_validate(release(event_id="old-nan", extra={"place": place}))
    claim = fine.to_claim(ZoneInfo("Asia/Jerusalem"), "admin")
    extra = {"place": {**place, "lat": math.nan}, "wave": math.nan,
             "range": [math.inf, -math.inf, {"low": -math.inf}]}  # fmt: skip
    claim = with_content_id(dataclasses.replace(claim, extra=extra))
    s.ledger.append_claims([claim], "admin")
    return claim.id


def test_a_ledger_holding_nan_from_before_is_sent_as_json(shared_server: Server) -> None:
    s = shared_server
    claim = _old_claim(s)
    one = strict(s.get(f"/api/claims/{claim}").content)
    assert one["extra"]["wave"] is None and one["extra"]["range"] == [None, None, {"low": None}]
    q = f"agreement={GAZA}"
    for path in (
        f"/api/claims?{q}&per_page=500",
        f"/api/agreements/{GAZA}/status",
        f"/api/agreements/{GAZA}/status?at=2023-11-25T20:00",
        f"/api/agreements/{GAZA}/timeline",
        f"/api/agreements/{GAZA}/changes",
        f"/agreements/{GAZA}.json",
        f"/agreements/{GAZA}/claims.json?per_page=500",
        f"/agreements/{GAZA}/map.json",
        f"/api/claims/download?{q}&format=geojson",
        f"/agreements/{GAZA}/claims/download.geojson",
        "/index.json",
    ):
        answer = s.get(path)
        assert answer.status_code == 200, (path, answer.text[:300])
        strict(answer.content)
    lines = s.get(f"/api/export?{q}").text.splitlines()
    (exported,) = [strict(line) for line in lines if claim in line]
    assert exported["extra"] == one["extra"]
    for path in (f"/api/export?{q}&format=csv", f"/api/claims/download?{q}&format=csv"):
        (row,) = [r for r in csv.DictReader(io.StringIO(s.get(path).text)) if r["id"] == claim]
        assert strict(row["extra"]) == one["extra"] and row["lat"] == "", row
        assert not {"nan", "inf", "-inf"} & {c.lower() for c in row.values()}
    for path in (f"/api/export?{q}&format=parquet", f"/api/claims/download?{q}&format=parquet"):
        table = pq.read_table(io.BytesIO(s.get(path).content)).to_pylist()
        (row,) = [r for r in table if r["id"] == claim]
        assert strict(row["extra"]) == one["extra"] and row["lat"] is None


@pytest.fixture
def url(ledger_url: str) -> str:
    """The ledger on SQLite and on PostgreSQL (`tests/conftest.py`'s `ledger_url`)."""
    return ledger_url


def test_bytes_an_older_version_kept_with_nan_are_made_again(
    url: str, clock: Clock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The status API's bytes are kept in the database for every server on the ledger, under
    the version of the code that judged and wrote them (`storage.rules_version`, which names
    `compact_json` and `pretty`). Bytes an older version kept with `NaN` in a figure are not
    read by this one: the next server on the ledger makes them again."""
    at = "2023-11-25T20:00"
    paths = (f"/api/agreements/{GAZA}/status?at={at}", f"/api/agreements/{GAZA}/status")

    def old_dumped(answer: dict[str, Any]) -> bytes:
        obligations = [{**o, "due": math.nan} for o in answer["obligations"]]
        return json.dumps({**answer, "obligations": obligations}).encode("utf-8")

    with running(url, warm_answers=False) as one, one.client:
        with monkeypatch.context() as old:
            old.setattr(rules_version, "current", lambda: "0ld0ld0ld0ld0ld0")
            old.setattr(api_agreements, "dumped", old_dumped)
            old.setattr(now_status, "dumped", old_dumped)
            old.setattr(agreement_status, "answer_bytes", old_dumped)  # the answer at an instant
            for path in paths:
                sent = one.get(path)
                assert sent.status_code == 200 and b'"due": NaN' in sent.content
            kept = one.ledger.answers(GAZA).get("api/now", body=False)  # for other servers
            assert kept is not None and kept[0]["rules"] == "0ld0ld0ld0ld0ld0"
        # This version, as another server on the ledger (its own cache, none in memory).
        ledger = Ledger(make_engine(url), tmp_path / "this-version")
        app = create_app(ServerSettings(db=url, bootstrap_admin=False, warm_answers=False), ledger)
        two = Server(TestClient(app, raise_server_exceptions=False), ledger, one.tokens)
        with two.client:
            for path in paths:
                for _ in range(2):  # made again, then as this version kept them
                    sent = two.get(path)
                    assert sent.status_code == 200
                    data = strict(sent.content)
                    dues = [o["due"] for o in data["obligations"]]
                    assert all(isinstance(d, int | float) for d in dues if d is not None)
                    assert b"NaN" not in sent.content
        ledger.close()


def test_a_queued_candidate_holding_nan_is_reviewed_as_json(shared_server: Server) -> None:
    """A candidate's payload is JSON text kept beside the chain: one written with `NaN` and
    `Infinity` (by hand, or by a version before this) is listed, shown and matched against the
    record as JSON, its figure no count, where its suggestions failed with a 500."""
    s = shared_server
    report = "Hamas released 4 hostages on Monday, the Qatari foreign ministry said."
    queued = s.client.post(
        f"/api/review/ingest?agreement={GAZA}&published=2023-11-27",
        files={"file": ("nan-report.txt", report.encode(), "text/plain")},
        headers=s.auth("admin"),
    )
    assert queued.status_code == 201 and queued.json()["queued"], queued.text
    with s.ledger.engine.begin() as conn:
        row = conn.execute(
            select(candidates.c.id, candidates.c.payload).where(candidates.c.status == "pending")
        ).first()
        assert row is not None
        payload = {**json.loads(row.payload), "confidence": math.nan, "quantity": math.inf}
        conn.execute(
            update(candidates).where(candidates.c.id == row.id).values(payload=json.dumps(payload))
        )
    for path in (
        f"/api/review?agreement={GAZA}",
        f"/api/review/{row.id}",
        f"/api/review/{row.id}/suggestions",
        "/review.json",
    ):
        answer = s.get(path)
        assert answer.status_code == 200, (path, answer.text[:300])
        strict(answer.content)
    assert s.get(f"/review?agreement={GAZA}").status_code == 200
