"""The gold set under eval/gold is well formed, so an extractor can be scored against it.

These tests check the gold set itself (files, spans, enums, links, coverage), not any extractor.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"
DOCUMENTS = GOLD / "documents"
SEED = "seed-2023-11-28.txt"

EVENT_TYPES = {
    "release",
    "ceasefire_start",
    "ceasefire_extension",
    "ceasefire_end",
    "breach",
    "meeting",
    "casualty_claim",
    "aid_delivery",
    "agreement_term",
    "statement",
}
MODALITIES = {"occurred", "planned", "conditional", "denied", "hoped"}
PRECISIONS = {"exact", "day", "week", "month"}
QUALIFIERS = {"exact", "at_least", "more_than", "over", "about", "up_to", "nearly"}
UNITS = {
    "hostages",
    "prisoners",
    "days",
    "hours",
    "months",
    "killed",
    "wounded",
    "trucks",
    "people",
    "ships",
    "flights",
    "groups",
}
KEYS = {
    "id",
    "document",
    "type",
    "modality",
    "date",
    "date_precision",
    "actor",
    "target",
    "participants",
    "quantities",
    "categories",
    "location",
    "source",
    "quote",
    "evidence",
    "links",
    "notes",
}
SOURCE_KEYS = {"speaker", "role", "anonymous", "via"}
META_KEYS = {"url", "published", "outlet", "title", "split", "boilerplate", "provenance"}
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
EXACT_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@cache
def annotations() -> tuple[dict[str, Any], ...]:
    return tuple(read_jsonl(GOLD / "annotations.jsonl"))


@cache
def negatives() -> tuple[dict[str, Any], ...]:
    return tuple(read_jsonl(GOLD / "negatives.jsonl"))


@cache
def text_of(document: str) -> str:
    return (DOCUMENTS / document).read_text(encoding="utf-8")


@cache
def meta_of(document: str) -> dict[str, Any]:
    meta: dict[str, Any] = json.loads(
        (DOCUMENTS / document).with_suffix(".meta.json").read_text(encoding="utf-8")
    )
    return meta


def document_names() -> list[str]:
    return sorted(p.name for p in DOCUMENTS.glob("*.txt"))


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.find(needle)
    return start, start + len(needle)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def boilerplate_spans(document: str) -> list[tuple[int, int]]:
    text = text_of(document)
    return [span(text, piece) for piece in meta_of(document)["boilerplate"]]


def by_id() -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in annotations()}


# SHA-256 of the seed report as the project received it (../shared/seed/000_ae4532dcb7a9f78d.txt).
SEED_SHA256 = "403026bc26fe269971c39ac813b590864e503155a444ee0ab1dc160d872cc4c9"


def test_seed_is_the_unchanged_seed_report() -> None:
    assert hashlib.sha256((DOCUMENTS / SEED).read_bytes()).hexdigest() == SEED_SHA256
    assert text_of(SEED).endswith("No comments:\nPost a Comment")


def test_at_least_twenty_written_documents_plus_the_seed() -> None:
    names = document_names()
    assert SEED in names
    assert len(names) >= 21


@pytest.mark.parametrize("document", document_names())
def test_meta_parses_with_a_date_and_a_split(document: str) -> None:
    meta = meta_of(document)
    assert set(meta) == META_KEYS
    date.fromisoformat(meta["published"])
    assert meta["split"] in {"dev", "test"}
    assert isinstance(meta["title"], str) and meta["title"]
    assert isinstance(meta["boilerplate"], list)
    for piece in meta["boilerplate"]:
        assert text_of(document).count(piece) == 1, piece
    if document != SEED:
        assert meta["url"].startswith("https://example.org/")
        assert meta["outlet"]


@pytest.mark.parametrize("document", [d for d in document_names() if d != SEED])
def test_written_reports_are_short_wire_copy(document: str) -> None:
    text = text_of(document)
    for start, end in boilerplate_spans(document):
        text = text[:start] + " " * (end - start) + text[end:]
    assert 150 <= len(text.split()) <= 450


def test_every_meta_file_has_its_document() -> None:
    metas = {p.name.removesuffix(".meta.json") for p in DOCUMENTS.glob("*.meta.json")}
    assert metas == {name.removesuffix(".txt") for name in document_names()}


def test_both_splits_present_and_about_a_third_held_out() -> None:
    splits = Counter(meta_of(d)["split"] for d in document_names())
    assert splits["dev"] and splits["test"]
    assert 0.25 <= splits["test"] / sum(splits.values()) <= 0.4
    assert meta_of(SEED)["split"] == "dev"


def test_annotation_ids_are_unique() -> None:
    ids = [a["id"] for a in annotations()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("annotation", annotations(), ids=lambda a: a["id"])
def test_annotation_is_well_formed(annotation: dict[str, Any]) -> None:
    a = annotation
    assert set(a) == KEYS
    assert a["document"] in document_names()
    assert a["type"] in EVENT_TYPES
    assert a["modality"] in MODALITIES
    assert ID_PATTERN.match(a["id"])
    for party in (a["actor"], a["target"]):
        assert party is None or (ID_PATTERN.match(party) and party in a["participants"])
    assert all(ID_PATTERN.match(p) for p in a["participants"])
    assert len(a["participants"]) == len(set(a["participants"]))
    assert all(ID_PATTERN.match(c) for c in a["categories"])
    for quantity in a["quantities"]:
        assert set(quantity) == {"value", "qualifier", "unit"}
        assert isinstance(quantity["value"], int) and quantity["value"] > 0
        assert quantity["qualifier"] in QUALIFIERS
        assert quantity["unit"] in UNITS
    assert set(a["source"]) == SOURCE_KEYS
    assert isinstance(a["source"]["anonymous"], bool)
    if a["source"]["anonymous"]:
        assert a["source"]["speaker"] is None and a["source"]["role"]
    assert isinstance(a["evidence"], str) and a["evidence"]
    assert a["notes"] is None or isinstance(a["notes"], str)


@pytest.mark.parametrize("annotation", annotations(), ids=lambda a: a["id"])
def test_date_agrees_with_its_precision(annotation: dict[str, Any]) -> None:
    value, precision = annotation["date"], annotation["date_precision"]
    if value is None:
        assert precision is None
        return
    assert precision in PRECISIONS
    if precision == "exact":
        assert EXACT_DATE.match(value), value
        datetime.fromisoformat(value)
    else:
        parsed = date.fromisoformat(value)
        if precision == "month":
            assert parsed.day == 1


@pytest.mark.parametrize("annotation", annotations(), ids=lambda a: a["id"])
def test_evidence_and_quote_occur_verbatim(annotation: dict[str, Any]) -> None:
    text = text_of(annotation["document"])
    assert text.count(annotation["evidence"]) == 1, "evidence must locate one span"
    if annotation["quote"] is not None:
        assert annotation["quote"] in text


@pytest.mark.parametrize("annotation", annotations(), ids=lambda a: a["id"])
def test_no_evidence_in_boilerplate(annotation: dict[str, Any]) -> None:
    evidence = span(text_of(annotation["document"]), annotation["evidence"])
    for piece in boilerplate_spans(annotation["document"]):
        assert not overlaps(evidence, piece)


def test_links_are_reciprocal_releases_in_one_document() -> None:
    index = by_id()
    for a in annotations():
        for other_id in a["links"]:
            other = index[other_id]
            assert a["id"] in other["links"], (a["id"], other_id)
            assert a["document"] == other["document"]
            assert a["type"] == other["type"] == "release"
            assert a["actor"] != other["actor"], "an exchange links two different releasers"


def test_every_event_type_is_covered_at_least_twice() -> None:
    counts = Counter(a["type"] for a in annotations())
    assert {t for t in EVENT_TYPES if counts[t] < 2} == set()


def test_every_event_type_is_covered_in_the_test_split() -> None:
    held_out = {a["type"] for a in annotations() if meta_of(a["document"])["split"] == "test"}
    assert held_out == EVENT_TYPES


def test_every_modality_and_precision_occurs() -> None:
    assert {a["modality"] for a in annotations()} == MODALITIES
    assert {a["date_precision"] for a in annotations()} == PRECISIONS | {None}


def test_every_document_has_an_event() -> None:
    assert {a["document"] for a in annotations()} == set(document_names())


@pytest.mark.parametrize("negative", negatives(), ids=lambda n: n["text"][:40])
def test_negative_spans_hold_no_event(negative: dict[str, Any]) -> None:
    text = text_of(negative["document"])
    assert text.count(negative["text"]) == 1
    assert negative["reason"]
    blocked = span(text, negative["text"])
    for a in annotations():
        if a["document"] == negative["document"]:
            assert not overlaps(span(text, a["evidence"]), blocked), a["id"]


def seed_events(kind: str) -> list[dict[str, Any]]:
    return [a for a in annotations() if a["document"] == SEED and a["type"] == kind]


def quantity(a: dict[str, Any], unit: str) -> tuple[int, str]:
    (q,) = [q for q in a["quantities"] if q["unit"] == unit]
    return q["value"], q["qualifier"]


def test_seed_holds_what_issue_3_requires() -> None:
    (meeting,) = seed_events("meeting")
    assert meeting["date"] == "2023-11-28"
    assert {"cia", "mossad", "qatar", "egypt"} <= set(meeting["participants"])
    assert meeting["location"] == "Doha"
    assert meeting["source"]["anonymous"] and meeting["source"]["via"] == "AFP"

    (start,) = seed_events("ceasefire_start")
    assert (start["date"], quantity(start, "days")) == ("2023-11-24", (4, "exact"))
    (extension,) = seed_events("ceasefire_extension")
    assert (extension["date"], quantity(extension, "days")) == ("2023-11-27", (2, "exact"))

    releases = {a["id"]: a for a in seed_events("release")}
    occurred = [a for a in releases.values() if a["modality"] == "occurred"]
    assert sorted(quantity(a, a["quantities"][0]["unit"]) for a in occurred) == [
        (50, "exact"),
        (150, "exact"),
    ]
    assert all(releases[link]["modality"] == "occurred" for a in occurred for link in a["links"])
    (planned,) = [a for a in releases.values() if a["modality"] == "planned"]
    assert quantity(planned, "hostages") == (20, "exact")

    (term,) = seed_events("agreement_term")
    assert quantity(term, "hostages") == (10, "at_least")
    assert term["source"]["speaker"] == "Majed Al Ansari"

    (breach,) = seed_events("breach")
    assert breach["quote"] == "minimal breaches"

    claims = {quantity(a, "killed") for a in seed_events("casualty_claim")}
    assert claims == {(15000, "over"), (1400, "about")}
