"""The review page's form over real HTTP: every box reaches the claim by the rules the API and
the CLI use, a suggested event takes the candidate in, the source survives, hostile input is
refused with a code and changes nothing, the queue pages and groups by document, and only a
reviewer sees the form."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest

from tests.server.conftest import Server, error_of, running
from truce.domain.claim_fields import BY_NAME
from truce.domain.claim_fields import EDITABLE as CLAIM_EDITABLE
from truce.server.review_pages import CLAIM_BOXES, EDIT_BOXES

WIRE = {
    "text": "DOHA, Nov 30 (Wire) - Hamas released two more hostages on Thursday evening, "
    'Qatar\'s foreign ministry said. "We welcome the release of two hostages," spokesman '
    "Majed al-Ansari told reporters.",
    "url": "https://example.org/wire/1",
    "published": "2023-11-30",
    "outlet": "Example Wire",
    "title": "Two more hostages freed",
}
TEN = "DOHA, Nov 29 (Wire) - Hamas released ten hostages on Wednesday evening, Qatar's foreign "
TEN += "ministry said.\n"


def _ingest(server: Server, name: str, body: bytes, published: str | None = None) -> list[str]:
    params = {"agreement": "gaza-2023-11"} | ({"published": published} if published else {})
    done = server.post("/api/review/ingest", params=params, files={"file": (name, body)})
    assert done.status_code == 201 and done.json()["queued"] >= 1, done.text
    queue = server.get("/api/review", params={"status": "pending", "limit": 1000}).json()[
        "candidates"
    ]
    return [q["id"] for q in queue if q["candidate"]["type"] == "release"]


def _wire(server: Server) -> str:
    (candidate,) = _ingest(server, "wire.jsonl", json.dumps(WIRE).encode())
    return candidate


def _accept(session: Any, candidate: str, **boxes: str) -> Any:
    data = {"csrf": session.csrf, **boxes}
    return session.browser.post(f"/review/{candidate}/accept", data=data, follow_redirects=True)


def test_the_boxes_reach_the_claim_and_the_source_is_kept(sqlite_server: Server) -> None:
    candidate = _wire(sqlite_server)
    session = sqlite_server.sign_in("mediator")
    assert session is not None
    page = session.browser.get("/review?agreement=gaza-2023-11").text
    # The document's header: title, outlet, date and its address; the candidate beneath.
    header = re.search(r'<section class="document".*?</p>', page, re.S)
    assert header, page
    for words in ("Two more hostages freed", "Example Wire", "2023-11-30",
                  'href="https://example.org/wire/1"'):  # fmt: skip
        assert words in header[0]
    assert f'data-candidate="{candidate}"' in page.split(header[0])[1]
    for box in ("event_id", "actor", "target", "categories", "place_name", "place_country",
                "place_lat", "place_lon"):  # fmt: skip
        assert f'name="{box}"' in page
    assert '<datalist id="actors-gaza-2023-11">' in page and '<option value="hamas">' in page
    done = _accept(session, candidate, event_id="ev-day7-pair", actor="hamas", target="israel",
                   categories="women", place_name="Kerem Shalom", place_country="ISR",
                   place_lat="31.2283", place_lon="34.2836", quantity="2")  # fmt: skip
    assert done.status_code == 200, done.text
    notice = re.search(r'<p class="notice" id="accepted"[^>]*>(.*?)</p>', done.text, re.S)
    assert notice and "ev-day7-pair" in notice[1]
    claim_id = sqlite_server.get(f"/api/review/{candidate}").json()["claim_id"]
    claim = sqlite_server.get(f"/api/claims/{claim_id}").json()
    assert (claim["event_id"], claim["actor"], claim["target"], claim["quantity"]) == (
        "ev-day7-pair", "hamas", "israel", 2)  # fmt: skip
    assert claim["categories"] == ["women"]
    assert claim["extra"]["place"] == {"name": "Kerem Shalom", "country": "ISR",
                                       "lat": 31.2283, "lon": 34.2836}  # fmt: skip
    (source,) = claim["sources"]
    assert source["outlet"] == "Example Wire" and source["url"] == "https://example.org/wire/1"
    assert claim["quote"] == "We welcome the release of two hostages"
    # And the claims page shows them: the quote and the outlet as a link to the report.
    claims = session.browser.get("/agreements/gaza-2023-11/claims").text
    assert "We welcome the release of two hostages" in claims
    assert 'href="https://example.org/wire/1"' in claims


def test_every_box_is_an_editable_field_labelled_by_its_definition(sqlite_server: Server) -> None:
    assert set(EDIT_BOXES) - {"place"} == {box.name for box in CLAIM_BOXES}
    for box in CLAIM_BOXES:
        field = BY_NAME[box.name]
        assert box.name in CLAIM_EDITABLE, box.name
        assert box.label == field.name.replace("_", " ") and box.help.startswith(field.help)
        assert box.length == field.length and box.several == (field.kind == "list")
    _wire(sqlite_server)
    session = sqlite_server.sign_in("mediator")
    assert session is not None
    page = session.browser.get("/review?agreement=gaza-2023-11").text
    edits = re.search(r"<summary>Edit before accepting</summary>(.*?)</details>", page, re.S)
    assert edits, page
    shown = re.findall(r'<label title="([^"]*)">([^<]*?) <input type="text" name="(\w+)"', edits[1])
    boxes = {name: (html.unescape(title), label) for title, label, name in shown}
    for box in CLAIM_BOXES:  # each with the definition's label and help, in the page
        assert boxes.pop(box.name) == (box.help, box.label), box.name
    assert not boxes  # no other box says it is a claim field's
    assert 'name="actor" value="hamas" list="actors-gaza-2023-11" maxlength="200"' in edits[1]


def test_a_suggested_event_takes_the_candidate_in(sqlite_server: Server) -> None:
    (candidate,) = _ingest(sqlite_server, "ten.txt", TEN.encode(), "2023-11-29")
    session = sqlite_server.sign_in("admin")
    assert session is not None
    offered = sqlite_server.get(f"/api/review/{candidate}/suggestions").json()
    assert offered[0]["event_id"] == "d6-hostages" and offered[0]["current"]
    assert "same figure (10)" in offered[0]["reasons"]
    later = next(s for s in offered if s["event_id"] == "d7-hostages")
    # The page shows the same suggestions as its JSON twin, with why each matched.
    twin = session.browser.get("/review.json", params={"agreement": "gaza-2023-11"}).json()
    (row,) = [c for c in twin["candidates"] if c["id"] == candidate]
    assert row["suggestions"] == offered
    page = session.browser.get("/review?agreement=gaza-2023-11").text
    assert "its event now" in page and html.escape("the day after (2023-11-30)") in page
    assert 'name="attach" value="d7-hostages"' in page
    done = _accept(session, candidate, attach="d7-hostages")
    assert done.status_code == 200
    claim_id = sqlite_server.get(f"/api/review/{candidate}").json()["claim_id"]
    assert sqlite_server.get(f"/api/claims/{claim_id}").json()["event_id"] == "d7-hostages"
    assert len(later["claims"]) == 2  # day 7's two readings: the candidate joins them


HOSTILE = [
    ({"actor": "<script>alert(1)</script>"}, 422, "V503"),
    ({"categories": ",".join(f"c{n}" for n in range(60))}, 422, "R212"),
    ({"categories": "x" * 2_001}, 422, "A422"),
    ({"place_name": "Rafah", "place_lat": "91", "place_lon": "34"}, 422, "R210"),
    ({"place_name": "Rafah", "place_lat": "31.3"}, 422, "R210"),
    ({"place_lat": "31.3", "place_lon": "34.2"}, 422, "R210"),
    ({"place_name": "Rafah", "place_country": "XX"}, 422, "R210"),
    ({"event_id": "minsk-ev-1"}, 422, "R211"),
    ({"quantity": "-3"}, 422, "V502"),
    ({"parts": "women=-1"}, 422, "V540"),
    ({"parts": "women=1, aliens=1"}, 422, "V541"),
    ({"parts": ", ".join(f"c{n}=0" for n in range(60))}, 422, "V542"),
]


@pytest.mark.parametrize(("boxes", "status", "code"), HOSTILE)
def test_hostile_boxes_are_refused_and_change_nothing(
    shared_server: Server, boxes: dict[str, str], status: int, code: str
) -> None:
    server = shared_server
    if not server.get("/api/claims", params={"agreement": "minsk-2015"}).json()["total"]:
        minsk = {"agreement": "minsk-2015", "type": "breach", "date": "2015-02-16T10:00",
                 "actor": "dpr", "event_id": "minsk-ev-1", "status": "alleged"}  # fmt: skip
        assert server.post("/api/claims", json=minsk).status_code == 201
    marker = f"\n(filed {code} {len(str(boxes))} {sorted(boxes)})"
    wire = json.dumps(WIRE | {"text": WIRE["text"] + marker}).encode()
    candidate = _ingest(server, "wire.jsonl", wire)[-1]
    before = _count(server)
    session = server.sign_in("mediator")
    assert session is not None
    refused = session.browser.post(f"/review/{candidate}/accept",
                                   data={"csrf": session.csrf, **boxes})  # fmt: skip
    assert refused.status_code == status, refused.text
    assert f"· {code}</h1>" in refused.text
    assert "<script>alert" not in refused.text
    assert "--set" not in refused.text and "--allow-unknown" not in refused.text
    assert server.get(f"/api/review/{candidate}").json()["status"] == "pending"
    assert _count(server) == before
    # The API's `set` gives the same refusal for the same edit (one set of rules).
    if code != "A422":
        edits = _as_set(boxes)
        api = server.post(f"/api/review/{candidate}/accept", "mediator", json={"set": edits})
        assert error_of(api)["code"] == code


def _count(server: Server) -> int:
    return int(server.get("/api/claims", params={"agreement": "gaza-2023-11"}).json()["total"])


def _as_set(boxes: dict[str, str]) -> dict[str, Any]:
    place = {k.removeprefix("place_"): v for k, v in boxes.items() if k.startswith("place_")}
    edits: dict[str, Any] = {k: v for k, v in boxes.items() if not k.startswith("place_")}
    if "categories" in edits:
        edits["categories"] = edits["categories"].split(",")
    if "quantity" in edits:
        edits["quantity"] = int(edits["quantity"])
    if "parts" in edits:  # the API takes an object: {"women": 1, "aliens": 2}
        edits["parts"] = {k.strip(): int(v) for k, v in
                          (p.split("=") for p in edits["parts"].split(","))}  # fmt: skip
    return edits | ({"place": place} if place else {})


def test_the_queue_pages_in_the_database_and_filters_by_document(sqlite_server: Server) -> None:
    _wire(sqlite_server)
    _ingest(sqlite_server, "ten.txt", TEN.encode(), "2023-11-29")
    session = sqlite_server.sign_in("observer")
    assert session is not None
    every = session.browser.get("/review.json", params={"agreement": "gaza-2023-11"}).json()
    assert every["total"] == len(every["candidates"]) >= 2 and len(every["documents"]) == 2
    # Newest publication first: the wire of the 30th, then the report of the 29th.
    assert [d["published"] for d in every["documents"]] == ["2023-11-30", "2023-11-29"]
    paged = {"agreement": "gaza-2023-11", "limit": 1}
    first = session.browser.get("/review.json", params=paged).json()
    assert first["next"] == 1 and first["previous"] is None and len(first["candidates"]) == 1
    second = session.browser.get("/review.json", params=paged | {"offset": 1}).json()
    assert second["candidates"][0]["id"] != first["candidates"][0]["id"]
    assert second["previous"] == 0
    page = session.browser.get("/review", params={"agreement": "gaza-2023-11", "limit": 1}).text
    assert 'rel="next"' in page and "offset=1" in page
    doc = every["documents"][1]["hash"]
    only = session.browser.get("/review", params={"agreement": "gaza-2023-11", "document": doc})
    assert only.text.count('<section class="document"') == 1 and 'id="one-document"' in only.text
    for bad in ({"limit": 0}, {"limit": 101}, {"offset": -1}, {"document": "<x>"}):
        refused = session.browser.get("/review.json", params={"agreement": "gaza-2023-11", **bad})
        assert refused.status_code == 422, bad


def test_only_a_reviewer_sees_the_form(sqlite_server: Server, tmp_path: Any) -> None:
    candidate = _wire(sqlite_server)
    seen = {}
    for user in ("admin", "mediator", "observer", "israel-desk", "hamas-desk"):
        session = sqlite_server.sign_in(user)
        assert session is not None
        page = session.browser.get("/review?agreement=gaza-2023-11").text
        assert f'data-candidate="{candidate}"' in page
        seen[user] = ('class="accept"' in page, "Reject</button>" in page)
        if user in ("observer", "israel-desk"):
            posted = session.browser.post(f"/review/{candidate}/accept",
                                          data={"csrf": session.csrf})  # fmt: skip
            assert posted.status_code == 403
    assert seen == {"admin": (True, True), "mediator": (True, True),
                    "observer": (False, False), "israel-desk": (False, False),
                    "hamas-desk": (False, False)}  # fmt: skip
    # Suggestions are the team's reading, as the queue is: any signed-in role, no stranger.
    assert sqlite_server.get(f"/api/review/{candidate}/suggestions", "observer").status_code == 200
    stranger = sqlite_server.client.get(f"/api/review/{candidate}/suggestions")
    assert error_of(stranger)["code"] == "A401"
    with running(str(tmp_path / "public.db"), public_read=True) as public:
        anyone = public.client.get("/review", follow_redirects=False)
        assert anyone.status_code == 303 and "/login" in anyone.headers["location"]
