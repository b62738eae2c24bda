"""The seed report end to end: everything issue 3's "Done when" lists, and nothing from the
blog's boilerplate."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

SEED = Path(__file__).resolve().parents[2] / "eval" / "gold" / "documents" / "seed-2023-11-28.txt"


@pytest.fixture(scope="module")
def found() -> list[dict[str, Any]]:
    article = Article(text=SEED.read_text(), document=SEED.name, published=date(2023, 11, 28))
    # The rules' reading (conftest.py): the learned recall path adds a second mention of the
    # Doha meeting here, which no rule merges into the first (docs/extraction.md, exlearn).
    with switched_off(["learn.recall"]):
        return [c.as_dict() for c in extract(build_pipeline(), article)]


def only(found: list[dict[str, Any]], kind: str, **where: Any) -> dict[str, Any]:
    hits = [c for c in found if c["type"] == kind and all(c.get(k) == v for k, v in where.items())]
    assert len(hits) == 1, f"{kind} {where}: {json.dumps(hits, indent=1)}"
    return hits[0]


def quantities(candidate: dict[str, Any]) -> list[tuple[Any, str, str]]:
    return [(q["value"], q["qualifier"], q["unit"]) for q in candidate["quantities"]]


def test_meeting_in_doha(found: list[dict[str, Any]]) -> None:
    meeting = only(found, "meeting")
    assert {"cia", "mossad", "qatar", "egypt"} <= set(meeting["participants"])
    assert (meeting["date"], meeting["location"]) == ("2023-11-28", "Doha")
    assert meeting["source"] == {
        "speaker": None,
        "role": meeting["source"]["role"],
        "anonymous": True,
        "via": "AFP",
    }
    assert meeting["plover"]["event"] == "CONSULT"


def test_pause_start_and_extension(found: list[dict[str, Any]]) -> None:
    start = only(found, "ceasefire_start")
    assert (start["date"], quantities(start)) == ("2023-11-24", [(4, "exact", "days")])
    extension = only(found, "ceasefire_extension")
    assert (extension["date"], quantities(extension)) == ("2023-11-27", [(2, "exact", "days")])


def test_exchange_is_two_linked_releases(found: list[dict[str, Any]]) -> None:
    hostages = only(found, "release", actor="hamas", modality="occurred")
    prisoners = only(found, "release", actor="israel")
    assert quantities(hostages) == [(50, "exact", "hostages")]
    assert quantities(prisoners) == [(150, "exact", "prisoners")]
    assert hostages["links"] == [prisoners["id"]] and prisoners["links"] == [hostages["id"]]


def test_term_and_planned_release_attributed_to_al_ansari(found: list[dict[str, Any]]) -> None:
    term = next(c for c in found if c["type"] == "agreement_term" and c["quantities"])
    assert quantities(term) == [(10, "at_least", "hostages")]
    assert term["source"]["speaker"] == "Majed Al Ansari"
    planned = only(found, "release", modality="planned")
    assert quantities(planned) == [(20, "exact", "hostages")]
    assert planned["source"]["speaker"] == "Majed Al Ansari"


def test_minimal_breaches_and_casualty_claims(found: list[dict[str, Any]]) -> None:
    breach = only(found, "breach")
    assert breach["source"]["speaker"] == "Majed Al Ansari"
    text = SEED.read_text()
    assert "minimal breaches" in text[breach["span"][0] : breach["span"][1]]
    toll = only(found, "casualty_claim", actor="israel")
    assert (15000, "over", "killed") in quantities(toll)
    october = only(found, "casualty_claim", actor="hamas")
    assert quantities(october) == [(1400, "about", "killed")]
    assert october["date"] == "2023-10-07"


def test_nothing_from_the_boilerplate(found: list[dict[str, Any]]) -> None:
    tail = SEED.read_text().index("No comments:")
    assert all(c["span"][1] <= tail for c in found)


def test_spans_point_into_the_text(found: list[dict[str, Any]]) -> None:
    text = SEED.read_text()
    for candidate in found:
        start, end = candidate["span"]
        assert 0 <= start < end <= len(text)
        if candidate["quote"]:
            assert candidate["quote"] in text
