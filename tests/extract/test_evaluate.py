"""The scorer on the real gold set: a perfect oracle scores 1.0 everywhere, and each perturbation
moves exactly the number it should."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

from truce.extract.evaluate import TABLE_COLUMNS, evaluate_extraction, evaluate_gold
from truce.extract.model import Article

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"
CONTRACT_KEYS = (
    *("type", "modality", "date", "date_precision", "actor", "target", "participants"),
    *("quantities", "categories", "location", "source", "quote"),
)


def gold_events() -> list[dict[str, Any]]:
    lines = (GOLD / "annotations.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def as_candidate(event: dict[str, Any]) -> dict[str, Any]:
    """A gold event in the jsonl contract's shape, with its evidence as the span."""
    text = (GOLD / "documents" / event["document"]).read_text(encoding="utf-8")
    start = text.find(event["evidence"])
    candidate = {key: copy.deepcopy(event[key]) for key in CONTRACT_KEYS}
    candidate |= {"span": [start, start + len(event["evidence"])], "document": event["document"]}
    return candidate | {"confidence": 1.0, "plover": {}}


def oracle() -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for event in gold_events():
        found.setdefault(event["document"], []).append(as_candidate(event))
    return found


def test_a_perfect_oracle_scores_one_for_every_type_and_field() -> None:
    report = evaluate_extraction(GOLD, oracle())
    assert report.overall.tp == len(gold_events())
    for name, score in {**report.events, **report.fields}.items():
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), name
    for score in report.fields.values():
        assert score.accuracy == 1.0
    assert report.missed == [] and report.false_positives == [] and report.negative_hits == []


def test_an_extractor_that_finds_nothing_recalls_nothing() -> None:
    report = evaluate_gold(GOLD, lambda article: [])
    assert len(report.events) == 10
    for score in report.events.values():
        assert score.tp == 0 and score.fp == 0 and score.recall == 0.0 and score.f1 == 0.0
    assert len(report.missed) == len(gold_events())


def test_dropping_one_event_costs_exactly_one_in_recall() -> None:
    found = oracle()
    dropped = found["seed-2023-11-28.txt"].pop(0)
    report = evaluate_extraction(GOLD, found)
    score = report.events[dropped["type"]]
    total = sum(1 for e in gold_events() if e["type"] == dropped["type"])
    assert (score.tp, score.fn, score.fp) == (total - 1, 1, 0)
    assert score.recall == (total - 1) / total and score.precision == 1.0
    assert report.missed == ["seed-01"]


def test_a_fake_candidate_lowers_precision_only() -> None:
    found = oracle()
    fake = as_candidate(gold_events()[0]) | {"type": "aid_delivery", "quantities": []}
    found[fake["document"]].append(fake)
    score = evaluate_extraction(GOLD, found).events["aid_delivery"]
    assert (score.fp, score.fn) == (1, 0)
    assert score.precision == score.tp / (score.tp + 1) and score.recall == 1.0


def test_a_second_candidate_for_a_matched_event_is_a_duplicate_not_a_false_positive() -> None:
    found = oracle()
    found["seed-2023-11-28.txt"].append(copy.deepcopy(found["seed-2023-11-28.txt"][1]))
    report = evaluate_extraction(GOLD, found)
    score = report.events[found["seed-2023-11-28.txt"][1]["type"]]
    assert (score.duplicates, score.fp, score.precision) == (1, 0, 1.0)


def test_a_wrong_date_lowers_date_accuracy_and_nothing_else() -> None:
    found = oracle()
    found["seed-2023-11-28.txt"][1]["date"] = "1999-01-01"
    report = evaluate_extraction(GOLD, found)
    date = report.fields["date"]
    assert date.pairs - date.agreed == 1 and date.accuracy < 1.0 and date.precision < 1.0
    assert report.overall.f1 == 1.0 and report.fields["actor"].accuracy == 1.0


def test_a_candidate_on_a_negative_span_is_a_listed_false_positive() -> None:
    negative = json.loads((GOLD / "negatives.jsonl").read_text(encoding="utf-8").splitlines()[0])
    text = (GOLD / "documents" / negative["document"]).read_text(encoding="utf-8")
    start = text.find(negative["text"])
    bogus = {"type": "statement", "span": [start, start + 20], "document": negative["document"]}
    found = oracle()
    found[negative["document"]].append(bogus)
    report = evaluate_extraction(GOLD, found)
    assert report.events["statement"].fp == 1
    assert [hit["negative"] for hit in report.negative_hits] == [negative["text"]]


def test_scores_do_not_depend_on_candidate_order() -> None:
    found = oracle()
    found["ru-ua-2025-04-20-easter-truce.txt"][3]["actor"] = None
    shuffled = {doc: random.Random(7).sample(c, len(c)) for doc, c in found.items()}
    assert evaluate_extraction(GOLD, found).as_dict() == (
        evaluate_extraction(GOLD, shuffled).as_dict()
    )


def test_evaluate_gold_reads_articles_with_their_meta_and_a_split() -> None:
    seen: list[Article] = []

    def extract(article: Article) -> list[dict[str, Any]]:
        seen.append(article)
        return oracle().get(article.document, [])

    report = evaluate_gold(GOLD, extract, split="test")
    assert report.documents == len(seen) == 8
    assert all(a.published is not None and a.text for a in seen)
    assert report.overall.f1 == 1.0


def test_the_table_has_a_row_per_type_the_total_and_each_field() -> None:
    report = evaluate_extraction(GOLD, {})
    rows = report.table()
    assert all(len(row) == len(TABLE_COLUMNS) for row in rows)
    assert [row[0] for row in rows][:11][-1] == "all events"
    assert rows[-1][0] == "field: modality"
    assert json.loads(json.dumps(report.as_dict()))["overall"]["fn"] == len(gold_events())
