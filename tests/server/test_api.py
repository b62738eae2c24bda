"""The REST API on the bundled example, on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import json

import pyarrow.parquet as pq

from tests.server.conftest import GAZA_YAML, Server, error_of, release
from truce import services


def test_agreements_are_listed_and_shown(server: Server) -> None:
    listed = server.get("/api/agreements", "observer").json()
    assert "gaza-2023-11" in [a["id"] for a in listed]
    shown = server.get("/api/agreements/gaza-2023-11", "observer").json()
    assert shown["spec"]["timezone"] == "Asia/Jerusalem"
    assert shown["yaml"] == GAZA_YAML.read_text(encoding="utf-8")


def test_status_is_the_engine_s_answer_at_that_instant(server: Server) -> None:
    got = server.get(
        "/api/agreements/gaza-2023-11/status", "observer", params={"at": "2023-12-01T06:00"}
    ).json()
    assert got == services.status(server.ledger, "gaza-2023-11", "2023-12-01T06:00")
    assert got["day"] == 7 and got["state"] == "active"
    day7 = next(o for o in got["obligations"] if o["id"] == "daily-hostages/day-7")
    assert day7["disputed"] is True


def test_bad_instant_is_a_coded_422(server: Server) -> None:
    response = server.get("/api/agreements/gaza-2023-11/status", params={"at": "yesterday-ish"})
    assert response.status_code == 422
    assert error_of(response)["code"] == "C101"


def test_timeline_lists_events_with_agreement_days(server: Server) -> None:
    rows = server.get("/api/agreements/gaza-2023-11/timeline", "observer").json()
    assert {r["day"] for r in rows if r["type"] == "release"} >= set(range(1, 8))


def test_record_then_find_the_claim_with_who_recorded_it(server: Server) -> None:
    response = server.post("/api/claims", "mediator", json=release(quantity=3))
    assert response.status_code == 201, response.text
    (claim_id,) = response.json()["added"]
    claim = server.get(f"/api/claims/{claim_id}", "observer").json()
    assert claim["quantity"] == 3 and claim["recorded_by"] == "mediator"
    entry = next(e for e in server.ledger.entries() if e.ref == claim_id)
    assert entry.recorded_by == "mediator"  # the chain itself records the writer
    assert server.ledger.verify().ok


def test_recording_the_same_claim_twice_adds_nothing(server: Server) -> None:
    first = server.post("/api/claims", "mediator", json=release(quantity=4)).json()
    second = server.post("/api/claims", "mediator", json=release(quantity=4)).json()
    assert second["added"] == [] and second["skipped"] == first["added"]


def test_claims_are_filtered_and_paged(server: Server) -> None:
    everything = server.get("/api/claims", "observer", params={"agreement": "gaza-2023-11"})
    total = everything.json()["total"]
    releases = server.get(
        "/api/claims",
        "observer",
        params={"agreement": "gaza-2023-11", "type": "release", "actor": "israel"},
    ).json()
    assert 0 < releases["total"] < total
    assert {(c["type"], c["actor"]) for c in releases["claims"]} == {("release", "israel")}
    page = server.get(
        "/api/claims", params={"agreement": "gaza-2023-11", "offset": 5, "limit": 3}
    ).json()
    assert [c["id"] for c in page["claims"]] == [c["id"] for c in everything.json()["claims"][5:8]]


def test_supersede_replaces_the_figure_in_the_status(server: Server) -> None:
    new = server.post("/api/claims", "mediator", json=release(date="2023-11-30T20:00", quantity=1))
    (claim_id,) = new.json()["added"]
    corrected = server.post(
        f"/api/claims/{claim_id}/supersede",
        "mediator",
        json=release(date="2023-11-30T20:00", quantity=2),
    )
    assert corrected.status_code == 201, corrected.text
    (new_id,) = corrected.json()["added"]
    assert server.get(f"/api/claims/{new_id}").json()["supersedes"] == claim_id
    counts = server.get(
        "/api/agreements/gaza-2023-11/status", params={"at": "2023-12-01T06:00"}
    ).json()["counts"]
    assert counts["superseded"] == 1


def test_a_mediator_confirms_and_retracts(server: Server) -> None:
    body = release(type="breach", actor="israel", target="hamas", quantity=None, subject=None,
                   date="2023-11-26T10:00", status="alleged")  # fmt: skip
    del body["sources"]
    (claim_id,) = server.post("/api/claims", "hamas-desk", json=body).json()["added"]
    confirmed = server.post(
        f"/api/claims/{claim_id}/status", "mediator", json={"status": "confirmed", "note": "seen"}
    )
    assert confirmed.status_code == 201, confirmed.text
    (confirmed_id,) = confirmed.json()["added"]
    claim = server.get(f"/api/claims/{confirmed_id}").json()
    assert (claim["status"], claim["supersedes"], claim["notes"]) == (
        "confirmed",
        claim_id,
        "seen",
    )
    status = server.get(
        "/api/agreements/gaza-2023-11/status", params={"at": "2023-11-27T00:00"}
    ).json()
    assert status["breaches_by_party"]["israel"].get("confirmed") == 1
    server.post(f"/api/claims/{confirmed_id}/status", "mediator", json={"status": "retracted"})
    status = server.get(
        "/api/agreements/gaza-2023-11/status", params={"at": "2023-11-27T00:00"}
    ).json()
    assert "confirmed" not in status["breaches_by_party"].get("israel", {})


def test_a_party_submission_carries_its_own_name(server: Server) -> None:
    body = release(type="breach", actor="hamas", target="israel", quantity=None, subject=None,
                   date="2023-11-26T11:00", status="alleged")  # fmt: skip
    del body["sources"]
    (claim_id,) = server.post("/api/claims", "israel-desk", json=body).json()["added"]
    claim = server.get(f"/api/claims/{claim_id}").json()
    assert claim["sources"][0]["speaker"] == "israel"
    assert claim["recorded_by"] == "israel-desk"


def test_import_jsonl_all_or_nothing_and_skip_bad(server: Server) -> None:
    good = json.dumps(release(date="2023-11-26T09:00", quantity=5))
    bad = '{"agreement": "gaza-2023-11", "type": "release"}'
    files = {"file": ("claims.jsonl", (good + "\n" + bad + "\n").encode(), "application/x-ndjson")}
    refused = server.post("/api/claims/import", "mediator", files=files)
    assert refused.status_code == 422
    error = error_of(refused)
    assert error["code"] == "I200" and "claims.jsonl:2" in error["details"][0]
    assert server.get("/api/claims", params={"agreement": "gaza-2023-11", "recorded_by":
                                             "mediator"}).json()["total"] == 0  # fmt: skip
    files = {"file": ("claims.jsonl", (good + "\n" + bad + "\n").encode(), "application/x-ndjson")}
    partial = server.post("/api/claims/import", "mediator", files=files, params={"skip_bad": True})
    assert partial.status_code == 201 and len(partial.json()["added"]) == 1
    assert len(partial.json()["errors"]) == 1


def test_import_csv(server: Server) -> None:
    csv = (
        "agreement,type,date,actor,quantity,subject\n"
        "gaza-2023-11,release,2023-11-26T10:00,hamas,2,hostages\n"
    )
    files = {"file": ("claims.csv", csv.encode(), "text/csv")}
    response = server.post("/api/claims/import", "mediator", files=files)
    assert response.status_code == 201 and len(response.json()["added"]) == 1


def test_export_in_every_format(server: Server) -> None:
    count = server.get("/api/claims", params={"agreement": "gaza-2023-11"}).json()["total"]
    jsonl = server.get("/api/export", "observer", params={"agreement": "gaza-2023-11"})
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert len(jsonl.text.splitlines()) == count
    csv = server.get("/api/export", params={"agreement": "gaza-2023-11", "format": "csv"})
    assert len(csv.text.strip().splitlines()) == count + 1
    parquet = server.get("/api/export", params={"agreement": "gaza-2023-11", "format": "parquet"})
    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == count


def test_verify_reports_the_chain(server: Server) -> None:
    report = server.get("/api/verify", "observer").json()
    assert report["ok"] is True and report["entries"] > 33
    assert report["head"] == server.ledger.head().hash  # type: ignore[union-attr]


def test_agreements_are_validated_and_added(server: Server) -> None:
    text = GAZA_YAML.read_text(encoding="utf-8").replace(
        "id: gaza-2023-11", "id: gaza-2023-11-copy", 1
    )
    checked = server.post("/api/agreements/validate", "observer", json={"yaml": text})
    assert checked.json()["ok"] is True and checked.json()["id"] == "gaza-2023-11-copy"
    added = server.post("/api/agreements", "admin", json={"yaml": text})
    assert added.status_code == 201
    assert "gaza-2023-11-copy" in [a["id"] for a in server.get("/api/agreements").json()]


def test_a_bad_spec_says_where_and_stores_nothing(server: Server) -> None:
    before = server.ledger.head()
    response = server.post(
        "/api/agreements", json={"yaml": "id: x\ntitle: y\nphases: 3\n", "name": "x.yaml"}
    )
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"].startswith("S1")
    assert any("x.yaml:" in d for d in error["details"]) or "x.yaml" in error["message"]
    assert server.ledger.head() == before


def test_admins_add_users_and_the_token_works_once_shown(server: Server) -> None:
    made = server.post("/api/users", "admin", json={"name": "monitor-2", "role": "observer"})
    assert made.status_code == 201
    token = made.json()["token"]
    me = server.client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me == {"name": "monitor-2", "role": "observer"}
    listed = server.get("/api/users", "admin").json()
    assert "token" not in json.dumps(listed)
    assert server.ledger.verify().ok  # the user entry is in the chain and matches its row
