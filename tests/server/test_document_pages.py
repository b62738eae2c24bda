"""The document view over real HTTP in process, on SQLite and PostgreSQL: a report's HTML shown
as text, overlapping spans, a huge report paged and a cut one said so, links both ways between
the marks and the candidates and claims, and the view kept from strangers."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest

from tests.server.conftest import Server, running
from truce.server.docview import PAGE_CHARS
from truce.storage import texts
from truce.storage.review_rows import ReviewQueue
from truce.storage.texts import DocumentTexts

REPORT = (
    "RAFAH, Nov 25 (Wire) - <img src=x onerror=alert(1)> Hamas released 13 hostages on "
    "Saturday, the Qatari foreign ministry said.\n"
)


def _queue(server: Server, text: str, spans: list[list[list[int]]], keep: bool = True) -> str:
    """A document queued with candidates at `spans` (each candidate's mentions), as ingest
    stores one; the text kept unless `keep` is False. Returns the document's hash."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    document = {"hash": digest, "name": "wire.txt", "outlet": "Wire", "published": "2023-11-25"}
    found = [{"type": "release", "actor": "hamas", "date": "2023-11-25", "span": mentions[0],
              "mentions": mentions, "quantities": [{"value": 13, "unit": "hostages"}],
              "quote": text[mentions[0][0] : mentions[0][1]][:200], "confidence": 0.9,
              "source": {"outlet": "Wire"}}
             for mentions in spans]  # fmt: skip
    ReviewQueue(server.ledger.engine).add_document(document, "gaza-2023-11", found, "test")
    if keep:
        assert DocumentTexts(server.ledger.engine).keep(text) == digest
    return digest


def _page(server: Server, digest: str, **params: Any) -> str:
    got = server.get(f"/agreements/gaza-2023-11/documents/{digest}", params=params)
    assert got.status_code == 200, got.text
    return str(got.text)


def _doc_text(html: str) -> str:
    found = re.search(r'<div id="doc-text" class="doc-text">(.*?)</div>', html, re.S)
    assert found, html
    return found[1]


def test_the_report_is_text_and_the_overlapping_spans_are_both_marked(
    shared_server: Server,
) -> None:
    text = "<b>Ceasefire</b> holds; Hamas released 13 hostages at <script>x()</script> Rafah.\n"
    start = text.index("Hamas")
    digest = _queue(shared_server, text, [[[start, len(text) - 1]], [[start + 6, start + 26]]])
    html = _page(shared_server, digest)
    body = _doc_text(html)
    assert "<script" not in body and "<b>" not in body
    assert "&lt;b&gt;Ceasefire&lt;/b&gt;" in body and "&lt;script&gt;x()&lt;/script&gt;" in body
    marks = re.findall(
        r'<mark class="ev( overlap)?" data-spans="([\d ]+)"><a href="([^"]+)">([^<]*)<', body
    )
    assert [(bool(o), s, t) for o, s, _, t in marks] == [
        (False, "1", "Hamas "),
        (True, "1 2", "released 13 hostages"),
        (False, "1", " at &lt;script&gt;x()&lt;/script&gt; Rafah."),
    ]
    # Each highlight links to a candidate in the queue, and each span ends with its own number.
    assert all(href.startswith("/review?agreement=gaza-2023-11&amp;status=pending#candidate-")
               for _, _, href, _ in marks)  # fmt: skip
    assert len(re.findall(r'<sup class="ref">', body)) == 2


def test_a_huge_report_is_paged_and_the_queue_links_to_the_right_page(
    shared_server: Server,
) -> None:
    filler = "Talks went on through the night. " * (PAGE_CHARS * 2 // 33 + 10)
    evidence = "Hamas released 13 hostages at the Rafah crossing."
    text = filler + evidence + "\n"
    start = len(filler)
    digest = _queue(shared_server, text, [[[start, start + len(evidence)]]])
    review = shared_server.get("/review", params={"agreement": "gaza-2023-11"}).text
    link = re.search(rf'href="(/agreements/gaza-2023-11/documents/{digest}[^"]*)"', review)
    assert link, review
    page = start // PAGE_CHARS + 1
    candidate = f"gaza-2023-11:{digest[:12]}:1"
    assert (
        link[1]
        == f"/agreements/gaza-2023-11/documents/{digest}?page={page}#at-candidate-{candidate}"
    )
    shown = _page(shared_server, digest, page=page)
    assert f'id="at-candidate-{candidate}"' in shown and evidence in _doc_text(shown)
    assert f"page {page} of {page}" in shown and 'rel="prev"' in shown and 'rel="next"' not in shown
    first = _page(shared_server, digest)
    assert "<mark" not in _doc_text(first) and len(_doc_text(first)) >= PAGE_CHARS
    assert f'href="?page={page}#at-candidate-{candidate}"' in first  # the list says where
    assert f"page {page} of {page}" in _page(shared_server, digest, page=999_999)  # clamped
    assert (
        shared_server.get(
            f"/agreements/gaza-2023-11/documents/{digest}", params={"page": 0}
        ).status_code
        == 422
    )


def test_a_report_longer_than_the_store_keeps_is_cut_with_a_notice(
    shared_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(texts, "MAX_CHARS", 100)
    text = "a" * 90 + " Hamas released 13 hostages." + "b" * 50
    inside, beyond = [[0, 20]], [[91, 118]]
    digest = _queue(shared_server, text, [inside, beyond])
    html = _page(shared_server, digest)
    assert 'id="truncated"' in html and "only the first 100 were kept" in html
    assert len(re.findall(r"<mark ", html)) == 1
    assert "its span is not in the kept text" in html and "Hamas released 13 hostages." in html


def test_a_document_whose_text_was_not_kept_lists_the_quotes(shared_server: Server) -> None:
    text = "Hamas released 13 hostages (an older ingest, text not kept) " + "x" * 40
    digest = _queue(shared_server, text, [[[0, 26]]], keep=False)
    html = _page(shared_server, digest)
    assert 'id="not-kept"' in html and "<blockquote>Hamas released 13 hostages</blockquote>" in html
    listed = shared_server.get("/agreements/gaza-2023-11/documents").text
    assert f"/documents/{digest}" in listed and "not kept" in listed


def test_an_unknown_document_is_a_404_that_says_where_to_look(shared_server: Server) -> None:
    page = shared_server.get("/agreements/gaza-2023-11/documents/" + "0" * 64)
    assert (
        page.status_code == 404
        and "A460" in page.text
        and "/agreements/gaza-2023-11/documents" in page.text
    )
    as_json = shared_server.get("/agreements/gaza-2023-11/documents/%3Cscript%3E.json")
    assert as_json.status_code == 404 and as_json.json()["error"]["code"] == "A460"
    assert "<script>" not in page.text
    assert shared_server.get("/agreements/no-such/documents").status_code == 404


def test_marks_and_claims_link_both_ways_after_an_accept(shared_server: Server) -> None:
    ingested = shared_server.post(
        "/api/review/ingest", params={"agreement": "gaza-2023-11", "published": "2023-11-25"},
        files={"file": ("rafah.txt", REPORT.encode(), "text/plain")},
    )  # fmt: skip
    assert ingested.json()["queued"] >= 1, ingested.text
    digest = hashlib.sha256(REPORT.encode()).hexdigest()
    queue = shared_server.get("/api/review", params={"status": "pending", "limit": 1000}).json()[
        "candidates"
    ]
    candidate = next(
        q for q in queue if q["candidate"].get("document_meta", {}).get("hash") == digest
    )
    accepted = shared_server.post(f"/api/review/{candidate['id']}/accept", json={})
    assert accepted.status_code == 200, accepted.text
    claim = shared_server.get(f"/api/review/{candidate['id']}").json()["claim_id"]
    html = _page(shared_server, digest)
    body = _doc_text(html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in body and "<img" not in body
    assert f'href="/agreements/gaza-2023-11/claims#claim-{claim}"' in html
    assert f'id="at-claim-{claim}"' in body
    claims = shared_server.get("/agreements/gaza-2023-11/claims").text
    back = re.search(
        rf'href="(/agreements/gaza-2023-11/documents/{digest}#at-claim-{claim})"', claims
    )
    assert back, "the claim links back to its spot"
    span = candidate["candidate"]["span"]
    mark = re.search(rf'id="at-claim-{claim}"></span><mark[^>]*><a href="[^"]+">([^<]*)<', body)
    assert (
        mark
        and mark[1].replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
        == REPORT[span[0] : span[1]]
    )


def test_the_document_view_is_not_published(tmp_path: Any) -> None:
    with running(str(tmp_path / "public.db"), public_read=True) as server:
        digest = _queue(server, "Hamas released 13 hostages.", [[[0, 26]]])
        where = "/agreements/gaza-2023-11/documents"
        for path in (f"{where}/{digest}", where, f"{where}/{digest}.json"):
            anonymous = server.client.get(path, follow_redirects=False)
            assert anonymous.status_code in (303, 401), (path, anonymous.status_code)
        assert (
            server.get(f"/agreements/gaza-2023-11/documents/{digest}", user="observer").status_code
            == 200
        )
        agreement = server.client.get("/agreements/gaza-2023-11").text
        assert "/documents" not in agreement  # the published page does not offer it
