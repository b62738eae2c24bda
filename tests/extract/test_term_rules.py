"""Agreement terms: one per provision, with its own counts; ratios are terms on their own."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract

_NLP = build_pipeline()


def _terms(text: str) -> list[Candidate]:
    article = Article(text=text, document="t", published=date(2021, 5, 20))
    return [c for c in extract(_NLP, article) if c.type == "agreement_term"]


def _counts(c: Candidate) -> list[tuple[float, str | None]]:
    return [(q.value, q.unit) for q in c.quantities]


def test_coordinated_provisions_are_separate_terms() -> None:
    found = _terms(
        "Under the terms, 40 trucks of aid are to cross at Kerem Shalom each day, and "
        "two ships a week are to dock in Gaza."
    )
    assert [_counts(c) for c in found] == [[(40, "trucks")], [(2, "ships")]]
    assert {c.modality for c in found} == {"occurred"}


def test_each_ratio_is_a_term() -> None:
    found = _terms(
        "The deal sets the exchange rate: 20 prisoners for every soldier and 5 for every civilian."
    )
    assert [_counts(c)[0][0] for c in found] == [20, 5]


def test_a_ratio_is_a_term_without_a_deal_named() -> None:
    (found,) = _terms("In return, Israel would free four prisoners for each hostage.")
    assert _counts(found) == [(4, "prisoners")]


def test_a_count_for_each_other_is_no_ratio() -> None:
    assert _terms("The two sides blamed one another, one for each other side's delays.") == []


def test_under_the_plan_and_a_halt_to_operations_name_the_deal() -> None:
    assert len(_terms("Under the plan, the rebels are to leave the city by June.")) == 1
    text = "The envoy said the parties had agreed to halt all military operations."
    assert len(_terms(text)) == 1


def test_agreed_with_a_phrase_before_what_was_agreed_is_a_term() -> None:
    (found,) = _terms(
        "The two leaders agreed in a meeting with U.N. envoys in Geneva to a 10-day pause in "
        "attacks on ports."
    )
    assert _counts(found) == [(10, "days")]


def test_agreed_with_a_clause_break_before_to_is_no_term() -> None:
    assert _terms("The rebels agreed, after a long silence, to attend talks in Geneva.") == []


def test_agreeing_to_stop_all_firing_names_a_truce() -> None:
    (found,) = _terms("The two armies agreed to stop all firing along the border from Sunday.")
    assert found.type == "agreement_term"


def test_what_a_deal_mandates_or_includes_is_a_term() -> None:
    assert len(_terms("The accord mandates a staged pullback of both armies from the river.")) == 1
    assert len(_terms("It includes a joint monitoring board chaired by a neutral general.")) == 1
    assert len(_terms("The pact required an end to all shelling along the border.")) == 1


def test_an_exchange_agreed_is_a_term_without_a_truce_named() -> None:
    assert len(_terms("Both governments have agreed to swap 300 captives each.")) == 1


def test_an_agreement_reached_or_decided_is_a_term() -> None:
    assert len(_terms("A truce agreement between two militias was reached late on Monday.")) == 1
    assert len(_terms("The two presidents decided on an immediate ceasefire in the valley.")) == 1


def test_a_deal_reached_as_an_aside_is_no_term() -> None:
    # A participle naming the deal while the sentence reports its expiry states no term.
    assert _terms("The truce deal reached between the two militias expired at dawn.") == []


def test_a_side_confirming_a_truce_is_no_term() -> None:
    assert _terms("The minister confirmed the ceasefire and said his side wanted calm.") == []
