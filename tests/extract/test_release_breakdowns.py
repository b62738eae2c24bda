"""A count and its parts are one release with a breakdown; receiving counted captives is their
release by the side they came from. Invented sentences."""

from __future__ import annotations

from datetime import date
from typing import Any

from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract

NLP = build_pipeline()


def releases(text: str) -> list[dict[str, Any]]:
    article = Article(text=text, document="t", published=date(2031, 11, 29))
    return [c.as_dict() for c in extract(NLP, article) if c.type == "release"]


def test_parts_before_the_trigger_are_a_breakdown_not_releases() -> None:
    found = releases("30 Palestinians, including 15 women and 15 minors, were freed on Friday.")
    assert len(found) == 1
    (quantity,) = found[0]["quantities"]
    assert quantity["value"] == 30
    assert [(p["value"], p["categories"]) for p in quantity["breakdown"]] == [
        (15, ["women"]),
        (15, ["minors"]),
    ]


def test_among_them_gives_a_breakdown_too() -> None:
    found = releases("Hamas handed over 13 hostages, among them four women and nine children.")
    assert len(found) == 1 and found[0]["quantities"][0]["value"] == 13
    assert [p["value"] for p in found[0]["quantities"][0]["breakdown"]] == [4, 9]


def test_receiving_counted_captives_from_a_side_is_its_release() -> None:
    found = releases(
        "The Red Cross received 12 hostages, including 10 Israelis and two Thais, from Hamas."
    )
    assert len(found) == 1
    assert found[0]["actor"] == "hamas" and found[0]["quantities"][0]["value"] == 12
    assert [p["value"] for p in found[0]["quantities"][0]["breakdown"]] == [10, 2]
    assert found[0]["location"] is None  # "from Hamas" names a side, not a place


def test_a_count_without_parts_has_no_breakdown_key() -> None:
    (found,) = releases("Israel freed 39 prisoners on Friday.")
    assert "breakdown" not in found["quantities"][0]


def test_receiving_a_delivery_is_no_release() -> None:
    assert releases("Gaza received 200 trucks of aid on Friday.") == []
