"""The real-report evaluation set under eval/real is well formed.

The report texts are third-party copyright and are never committed (eval/real/texts/ is
git-ignored), so every check that needs a text is skipped for a report whose text has not been
fetched; the metadata and the annotations are checked against each other either way.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections import Counter
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "eval" / "real"
REPORTS = REAL / "reports"
ANNOTATIONS = REAL / "annotations"
NEGATIVES = REAL / "negatives"
TEXTS = REAL / "texts"

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
# Real reports count things the synthetic set never did (tallies of violations, drones fired,
# villages taken); the vocabulary is closed so that a new unit is a reviewed decision.
REAL_UNITS = UNITS | {
    "violations",
    "attacks",
    "assaults",
    "drones",
    "cities",
    "villages",
    "towns",
    "observers",
    "weeks",
}
GENRES = {
    "wire",
    "live_blog",
    "state_media",
    "aggregator",
    "repost",
    "op_ed",
    "analysis",
    "press_release",
}
# What the issue asks of every report; the optional keys record how a date was found, the
# page furniture to ignore, and the annotator's remarks on the page itself.
META_REQUIRED = {
    "id",
    "url",
    "outlet",
    "published",
    "title",
    "genre",
    "conflict",
    "language",
    "split",
    "sha256",
    "chars",
    "fetch",
}
META_OPTIONAL = {"published_basis", "boilerplate", "notes"}
ANNOTATION_KEYS = {
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
    "place",
    "source",
    "quote",
    "evidence",
    "span",
    "links",
    "notes",
}
SOURCE_KEYS = {"speaker", "role", "anonymous", "via"}
QUANTITY_KEYS = {"value", "qualifier", "unit"}
NEGATIVE_KEYS = {"document", "text", "span", "reason"}
SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
EXACT_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
ISO3 = re.compile(r"^[A-Z]{3}$")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@cache
def report_ids() -> tuple[str, ...]:
    return tuple(sorted(p.name.removesuffix(".meta.json") for p in REPORTS.glob("*.meta.json")))


@cache
def meta_of(report: str) -> dict[str, Any]:
    meta: dict[str, Any] = json.loads((REPORTS / f"{report}.meta.json").read_text("utf-8"))
    return meta


@cache
def annotations_of(report: str) -> tuple[dict[str, Any], ...]:
    return tuple(read_jsonl(ANNOTATIONS / f"{report}.jsonl"))


@cache
def negatives_of(report: str) -> tuple[dict[str, Any], ...]:
    return tuple(read_jsonl(NEGATIVES / f"{report}.jsonl"))


def all_annotations() -> list[dict[str, Any]]:
    return [a for report in report_ids() for a in annotations_of(report)]


def text_or_skip(report: str) -> str:
    path = TEXTS / f"{report}.txt"
    if not path.exists():
        pytest.skip(f"{report}: text not fetched (see eval/real/README.md)")
    return path.read_bytes().decode("utf-8")


def overlaps(a: list[int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_the_set_is_big_enough_to_score() -> None:
    ids = report_ids()
    assert len(ids) >= 25
    assert len({meta_of(r)["outlet"] for r in ids}) >= 10
    assert len({meta_of(r)["conflict"] for r in ids}) >= 4


def test_every_report_has_its_annotations_and_negatives() -> None:
    ids = set(report_ids())
    assert {p.stem for p in ANNOTATIONS.glob("*.jsonl")} == ids
    assert {p.stem for p in NEGATIVES.glob("*.jsonl")} == ids
    assert all(annotations_of(r) or negatives_of(r) for r in ids)


def test_texts_are_ignored_by_git_and_not_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "eval/real/texts/" in ignored
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        [git, "ls-files", "eval/real/texts"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert tracked.stdout == ""


@pytest.mark.parametrize("report", report_ids())
def test_meta_is_well_formed(report: str) -> None:
    meta = meta_of(report)
    assert META_REQUIRED <= set(meta) <= META_REQUIRED | META_OPTIONAL
    assert meta["id"] == report and SLUG.match(report)
    assert meta["url"].startswith(("http://", "https://"))
    assert isinstance(meta["outlet"], str) and meta["outlet"]
    if meta["published"] is not None:
        if "T" in meta["published"]:
            assert EXACT_DATE.match(meta["published"])
        else:
            date.fromisoformat(meta["published"])
    assert meta["title"] is None or (isinstance(meta["title"], str) and meta["title"])
    assert meta["genre"] in GENRES
    assert SLUG.match(meta["conflict"])
    assert meta["language"] == "en"
    assert meta["split"] in {"dev", "test"}
    assert re.fullmatch(r"[0-9a-f]{64}", meta["sha256"])
    assert isinstance(meta["chars"], int) and meta["chars"] > 0
    assert meta["fetch"]["corpus"] == "pages" and meta["fetch"]["query"]
    assert meta.get("published_basis") in {"page", "inferred", None}


def test_urls_and_texts_are_distinct() -> None:
    ids = report_ids()
    assert len({meta_of(r)["url"] for r in ids}) == len(ids)
    assert len({meta_of(r)["sha256"] for r in ids}) == len(ids)


def test_about_a_third_is_held_out() -> None:
    splits = Counter(meta_of(r)["split"] for r in report_ids())
    assert 0.25 <= splits["test"] / sum(splits.values()) <= 0.4


def test_every_event_type_is_covered_in_the_test_split() -> None:
    held_out = {a["type"] for a in all_annotations() if meta_of(a["document"])["split"] == "test"}
    assert held_out == EVENT_TYPES


def test_annotation_ids_are_unique() -> None:
    ids = [a["id"] for a in all_annotations()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("annotation", all_annotations(), ids=lambda a: a["id"])
def test_annotation_is_well_formed(annotation: dict[str, Any]) -> None:
    a = annotation
    assert set(a) == ANNOTATION_KEYS
    assert a["document"] in report_ids()
    assert a["type"] in EVENT_TYPES and a["modality"] in MODALITIES
    for party in (a["actor"], a["target"]):
        assert party is None or party in a["participants"]
    assert all(SLUG.match(p) for p in a["participants"])
    assert len(a["participants"]) == len(set(a["participants"]))
    assert all(SLUG.match(c) for c in a["categories"])
    for quantity in a["quantities"]:
        assert QUANTITY_KEYS <= set(quantity) <= QUANTITY_KEYS | {"breakdown"}
        assert isinstance(quantity["value"], int) and quantity["value"] > 0
        assert quantity["qualifier"] in QUALIFIERS and quantity["unit"] in REAL_UNITS
        for part in quantity.get("breakdown", []):
            assert set(part) == {"value", "qualifier", "categories"}
            assert isinstance(part["value"], int) and 0 < part["value"] <= quantity["value"]
            assert part["qualifier"] in QUALIFIERS
            assert all(SLUG.match(c) for c in part["categories"])
    if a["place"] is not None:
        assert set(a["place"]) == {"name", "country"} and a["place"]["name"]
        assert ISO3.match(a["place"]["country"])
    assert set(a["source"]) == SOURCE_KEYS and isinstance(a["source"]["anonymous"], bool)
    if a["source"]["anonymous"]:
        assert a["source"]["speaker"] is None and a["source"]["role"]
    start, end = a["span"]
    assert 0 <= start < end <= meta_of(a["document"])["chars"]
    assert end - start == len(a["evidence"])


@pytest.mark.parametrize("annotation", all_annotations(), ids=lambda a: a["id"])
def test_date_agrees_with_its_precision(annotation: dict[str, Any]) -> None:
    value, precision = annotation["date"], annotation["date_precision"]
    if value is None:
        assert precision is None
        return
    assert precision in PRECISIONS
    if precision == "exact":
        assert EXACT_DATE.match(value), value
        datetime.fromisoformat(value)
    elif precision == "month":
        assert date.fromisoformat(value).day == 1
    else:
        date.fromisoformat(value)


def test_links_are_reciprocal_exchanges_in_one_report() -> None:
    index = {a["id"]: a for a in all_annotations()}
    for a in index.values():
        for other_id in a["links"]:
            other = index[other_id]
            assert a["id"] in other["links"], (a["id"], other_id)
            assert a["document"] == other["document"]
            assert a["type"] == other["type"] == "release"
            assert a["actor"] != other["actor"]


@pytest.mark.parametrize("report", report_ids())
def test_negatives_lie_inside_the_report(report: str) -> None:
    for negative in negatives_of(report):
        assert set(negative) == NEGATIVE_KEYS and negative["document"] == report
        start, end = negative["span"]
        assert 0 <= start < end <= meta_of(report)["chars"]
        assert end - start == len(negative["text"]) and negative["reason"]
        for a in annotations_of(report):
            assert not overlaps(a["span"], negative["span"]), (a["id"], negative["text"])


@pytest.mark.parametrize("report", report_ids())
def test_fetched_text_matches_its_meta_and_every_span(report: str) -> None:
    text = text_or_skip(report)
    meta = meta_of(report)
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == meta["sha256"]
    assert len(text) == meta["chars"]
    for piece in meta.get("boilerplate", []):
        assert piece in text, piece
    for a in annotations_of(report):
        start, end = a["span"]
        assert text[start:end] == a["evidence"], a["id"]
        if a["quote"] is not None:
            assert a["quote"] in text, a["id"]
    for negative in negatives_of(report):
        start, end = negative["span"]
        assert text[start:end] == negative["text"]


def test_party_ids_are_the_canonical_vocabulary() -> None:
    """Every party an annotation names is an id the extractor's gazetteer gives, and none is an
    alias of another (`islamic-jihad` for `palestinian-islamic-jihad`): scores compare ids."""
    from truce.extract.gazetteer import ENTRIES, ID_ALIASES

    vocabulary = {actor for actor, _, _ in ENTRIES.values() if actor}
    named = {
        party
        for a in all_annotations()
        for party in [a["actor"], a["target"], *a["participants"]]
        if party is not None
    }
    assert not named & ID_ALIASES.keys()
    assert named <= vocabulary, sorted(named - vocabulary)
