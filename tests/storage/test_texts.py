"""Document texts kept by content hash: once, cut at the cap, NUL-safe, on SQLite and PostgreSQL,
and written by two processes at once without a lost or doubled row."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import func, select

from truce.storage import texts as texts_module
from truce.storage.ledger import Ledger
from truce.storage.tables import document_texts
from truce.storage.texts import DocumentTexts, content_hash


@pytest.fixture
def ledger(ledger_url: str) -> Ledger:
    return Ledger.init(ledger_url)


def _rows(ledger: Ledger) -> int:
    with ledger.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(document_texts)).scalar_one())


def test_a_text_is_kept_once_under_its_content_hash(ledger: Ledger) -> None:
    store = DocumentTexts(ledger.engine)
    text = "Hamas released 13 hostages at the Rafah crossing.\n<b>not markup</b>"
    digest = store.keep(text)
    assert digest == content_hash(text) and len(digest) == 64
    assert store.keep(text) == digest  # the same text again: nothing new
    assert _rows(ledger) == 1
    kept = store.get(digest)
    assert kept is not None
    assert (kept.text, kept.chars, kept.truncated) == (text, len(text), False)
    assert store.get("0" * 64) is None


def test_a_huge_text_is_cut_at_the_cap_and_says_so(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(texts_module, "MAX_CHARS", 1_000)
    text = "é" * 999 + "xyz" * 500  # multi-byte characters: the cap counts characters
    kept = DocumentTexts(ledger.engine).get(DocumentTexts(ledger.engine).keep(text))
    assert kept is not None and kept.truncated
    assert kept.chars == len(text) and len(kept.text) == 1_000
    assert kept.text == text[:1_000]


def test_a_nul_in_a_report_does_not_stop_it_being_kept(ledger: Ledger) -> None:
    text = "before\x00after"  # PostgreSQL's text refuses NUL; every offset must still hold
    store = DocumentTexts(ledger.engine)
    kept = store.get(store.keep(text))
    assert kept is not None
    assert kept.text == "before\ufffdafter" and len(kept.text) == len(text)


def _keep(url: str, text: str) -> str:
    return DocumentTexts(Ledger.open(url).engine).keep(text)


def test_two_processes_keeping_the_same_text_store_one_row(ledger_url: str) -> None:
    ledger = Ledger.init(ledger_url)
    text = "The same wire report, ingested by two servers at once. " * 200
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        digests = pool.starmap(_keep, [(ledger_url, text)] * 4)
    assert set(digests) == {content_hash(text)}
    assert _rows(ledger) == 1
