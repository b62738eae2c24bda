from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from truce.extract.components.quantities import find_quantities
from truce.extract.lexicon_numbers import ORDINALS, SMALL_NUMBERS, VAGUE
from truce.extract.model import Quantity

SEED = Path(__file__).parents[2] / "eval" / "gold" / "documents" / "seed-2023-11-28.txt"


def counts(text: str) -> list[tuple[float, str, str | None, str]]:
    return [
        (q.value, q.qualifier, q.unit, text[q.span[0] : q.span[1]]) for q in find_quantities(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They freed 15,000 people.", (15000, "exact", "people", "15,000 people")),
        ("a 2.5 hours delay", (2.5, "exact", "hours", "2.5 hours")),
        ("Thirteen hostages were freed", (13, "exact", "hostages", "Thirteen hostages")),
        ("thirty-nine prisoners", (39, "exact", "prisoners", "thirty-nine prisoners")),
        ("a hundred trucks", (100, "exact", "trucks", "a hundred trucks")),
        ("two thousand detainees", (2000, "exact", "prisoners", "two thousand detainees")),
        ("a dozen ships", (12, "exact", "ships", "a dozen ships")),
        ("a 42-day phase", (42, "exact", "days", "42-day")),
        ("a two-month truce", (2, "exact", "months", "two-month")),
        ("for two more days", (2, "exact", "days", "two more days")),
        ("10 more hostages", (10, "exact", "hostages", "10 more hostages")),
        ("20 further hostages", (20, "exact", "hostages", "20 further hostages")),
        ("the 13 hostages", (13, "exact", "hostages", "13 hostages")),
        ("50 of the hostages", (50, "exact", "hostages", "50 of the hostages")),
        ("extend it by another day", (1, "exact", "days", "another day")),
        ("two commercial flights a week", (2, "exact", "flights", "two commercial flights")),
        ("18 fuel ships", (18, "exact", "ships", "18 fuel ships")),
        ("dozens of rebel factions", (12, "at_least", "groups", "dozens of rebel factions")),
        ("hundreds of trucks", (100, "at_least", "trucks", "hundreds of trucks")),
        ("thousands of detainees", (1000, "at_least", "prisoners", "thousands of detainees")),
        ("scores of people", (20, "at_least", "people", "scores of people")),
        (
            "tens of thousands of people",
            (10000, "at_least", "people", "tens of thousands of people"),
        ),
        ("about hundreds of people", (100, "about", "people", "about hundreds of people")),
    ],
)
def test_numbers_and_units(text: str, expected: tuple[float, str, str | None, str]) -> None:
    assert counts(text) == [expected]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("at least 10 hostages", "at_least"),
        ("no fewer than 10 hostages", "at_least"),
        ("a minimum of 10 hostages", "at_least"),
        ("more than 10 hostages", "more_than"),
        ("over 10 hostages", "over"),
        ("in excess of 10 hostages", "over"),
        ("some 10 hostages", "about"),
        ("about 10 hostages", "about"),
        ("around 10 hostages", "about"),
        ("roughly 10 hostages", "about"),
        ("approximately 10 hostages", "about"),
        ("nearly 10 hostages", "nearly"),
        ("almost 10 hostages", "nearly"),
        ("up to 10 hostages", "up_to"),
        ("as many as 10 hostages", "up_to"),
        ("10 hostages", "exact"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    [quantity] = find_quantities(text)
    assert (quantity.value, quantity.qualifier, quantity.unit) == (10, qualifier, "hostages")
    assert quantity.span == (0, len(text))


def test_over_a_period_or_an_age_is_not_a_qualifier() -> None:
    assert counts("troops withdraw over 60 days") == [(60, "exact", "days", "60 days")]
    assert counts("women, children and men over 50") == []


def test_deadlines_with_ordinals() -> None:
    text = "talks to begin no later than the 16th day and end within 14 days"
    assert counts(text) == [
        (16, "up_to", "days", "no later than the 16th day"),
        (14, "up_to", "days", "within 14 days"),
    ]
    assert counts("on the first day, the 7th hostage") == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("the war had claimed the lives of over 15,000 people", "killed"),
        ("led to some 1,400 deaths", "killed"),
        ("22 killed and", "killed"),
        ("troops opened fire, killing 22 people", "killed"),
        ("more than 46,000 people have been killed", "killed"),
        ("dozens of people had been killed", "killed"),
        ("wounding 124", "wounded"),
        ("30 injured", "wounded"),
        ("some 250 were taken hostage", "hostages"),
    ],
)
def test_tolls_take_the_unit_of_the_verb_or_noun_governing_them(text: str, unit: str) -> None:
    assert [q.unit for q in find_quantities(text)] == [unit]


def test_a_toll_after_another_verb_is_not_borrowed() -> None:
    assert counts("50 people were freed and 3 were killed")[0][2] == "people"


@pytest.mark.parametrize(
    "text",
    [
        "in 2023 the war began",
        "The conflict began on October 7 after",
        "since its 7 October attack",
        "on Nov. 24, 2023,",
        "at 07:00 local time",
        "at 7am",
        "at 7 a.m. (0500 GMT)",
        "the first day",
        "the 7th day",
        "1. Hostages\n2. Prisoners",
        "prices rose 15% and 20 percent",
        "it cost $50 million",
        "call +1 555 123 4567",
        "see page 12 and verse 3",
        "https://example.org/news?id=12345 hostages",
        "COVID-19 spread",
        "the two sides met",
        "a 24-year-old",
    ],
)
def test_never_reported(text: str) -> None:
    assert find_quantities(text) == []


def test_ratio_counts_without_a_noun_are_kept() -> None:
    assert counts("30 for every civilian") == [(30, "exact", None, "30")]


def test_offsets_are_absolute_and_bounded() -> None:
    text = "5 hostages. Then 6 hostages. Then 7 hostages."
    [quantity] = find_quantities(text, 12, 28)
    assert quantity == Quantity(6, "exact", "hostages", (17, 27))


def test_seed() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert counts(text) == [
        (4, "exact", "days", "four-day"),
        (2, "exact", "days", "two more days"),
        (4, "exact", "days", "four-day"),
        (50, "exact", "hostages", "50 Israeli hostages"),
        (150, "exact", "prisoners", "150 Palestinian prisoners"),
        (10, "at_least", "hostages", "at least 10 hostages"),
        (20, "exact", "hostages", "20 further hostages"),
        (48, "exact", "hours", "48 hours"),
        (49, "exact", "days", "49 days"),
        (15000, "over", "killed", "over 15,000 people"),
        (1400, "about", "killed", "some 1,400 deaths"),
    ]


def test_component_stops_at_the_body_end() -> None:
    from truce.extract import pipeline  # noqa: F401  (registers the Doc extensions)

    nlp = spacy.blank("en")
    nlp.add_pipe("truce_quantities_v1")
    doc = nlp.make_doc("10 hostages were freed. No comments: 3 hostages")
    doc._.body_end = 23
    assert [q.value for q in nlp.get_pipe("truce_quantities_v1")(doc)._.quantities] == [10]


_NUMBER_WORDS = [w for w in [*SMALL_NUMBERS, *ORDINALS, *VAGUE, "another", "dozen"]]
_FRAGMENTS = st.sampled_from(
    [*_NUMBER_WORDS, "at least", "over", "some", "hostages", "days", "-day", "Israeli", "of",
     "the", "October", "7", "2023", "15,000", "1.5", "07:00", "a.m.", "killed", "%", "$", ".",
     ",", "\n", "more", "further", "people", "lives of", "(0500 GMT)", "a", "12th"]
)  # fmt: skip
_NUMBER_IN_SPAN = re.compile(r"\d|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)), re.I)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_FRAGMENTS, st.text(max_size=4)), max_size=25),
    st.integers(0, 60),
    st.integers(0, 200),
)
def test_spans_hold_their_number_and_stay_in_bounds(
    parts: list[str], start: int, length: int
) -> None:
    text = " ".join(parts)
    start = min(start, len(text))
    end = min(len(text), start + length)
    for quantity in find_quantities(text, start, end):
        assert start <= quantity.span[0] < quantity.span[1] <= end
        assert _NUMBER_IN_SPAN.search(text[quantity.span[0] : quantity.span[1]])


def test_a_wounded_noun_after_wounded_is_the_unit() -> None:
    assert [(q.value, q.unit) for q in find_quantities("22 wounded soldiers")] == [(22, "soldiers")]
    assert [(q.value, q.unit) for q in find_quantities("22 wounded on Monday")] == [(22, "wounded")]


def test_an_adverb_can_open_the_modifiers() -> None:
    found = find_quantities("Russia freed 40 critically wounded Ukrainian prisoners.")
    assert [(q.value, q.unit) for q in found] == [(40, "prisoners")]


def test_handed_over_is_no_bound() -> None:
    (found,) = find_quantities("They handed over 12 captives.")
    assert (found.value, found.qualifier) == (12, "exact")
    (found,) = find_quantities("Police held over 12 protesters.")
    assert found.qualifier == "over"
