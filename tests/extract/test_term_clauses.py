"""A withdrawal with a deadline is a provision of the deal (rule `term.withdraw_within`);
sentences invented for the test."""

from __future__ import annotations

from tests.extract.invented import of_type
from truce.extract.switches import switched_off


def _counts(text: str) -> list[list[tuple[float, str | None, str]]]:
    return [
        [(q.value, q.unit, q.qualifier) for q in c.quantities]
        for c in of_type("agreement_term", text)
    ]


def test_a_withdrawal_deadline_with_no_deal_word_is_a_term_with_its_period() -> None:
    text = "The rebels must leave the valley within two months, the mediator said."
    assert _counts(text) == [[(2, "months", "up_to")]]


def test_the_deadline_in_words_or_over_a_period_is_the_terms_count() -> None:
    assert _counts("Borovian forces will withdraw from the plateau over a period of 45 days.") == [
        [(45, "days", "exact")]
    ]
    assert _counts("All units would pull back completely within ninety days of the truce.") == [
        [(90, "days", "up_to")]
    ]


def test_a_term_that_sets_a_withdrawal_is_still_one_term_and_occurred() -> None:
    terms = of_type(
        "agreement_term", "The truce would see the militia withdraw within 30 days of signing."
    )
    assert len(terms) == 1
    assert terms[0].modality == "occurred"


def test_two_steps_cut_at_while_are_two_terms() -> None:
    text = (
        "Under the truce between Arland and Borovia, the Arland army would deploy along the "
        "river, while Borovian troops would withdraw within 45 days."
    )
    assert _counts(text) == [[], [(45, "days", "up_to")]]


def test_a_deadline_of_no_armed_side_and_no_truce_is_no_term() -> None:
    for text in (
        "The inspectors will leave within three days.",
        "The delegation is expected to depart within a week of the vote.",
        "Flights will resume within two weeks, the airline said.",
    ):
        assert of_type("agreement_term", text) == []


def test_the_rule_switched_off_finds_no_term_without_a_deal_word() -> None:
    text = "The rebels must leave the valley within two months, the mediator said."
    with switched_off(["term.withdraw_within"]):
        assert of_type("agreement_term", text) == []
    two = (
        "Under the truce between Arland and Borovia, the Arland army would deploy along the "
        "river, while Borovian troops would withdraw within 45 days."
    )
    # `term.clause_provisions` (round 9) also cuts at "while" before a provision's verb.
    with switched_off(["term.withdraw_within", "term.clause_provisions"]):
        assert len(of_type("agreement_term", two)) == 1


def test_a_terms_counts_are_not_the_wars_nor_the_talks() -> None:
    for text in (
        "A ceasefire deal was reached between Arland and Borovia to end an 11-day military "
        "operation in the valley.",
        "The two sides signed a permanent ceasefire agreement in Geneva following five days of "
        "UN-hosted talks.",
        "The rebels and the army agreed on Wednesday to cease hostilities, two years into a war "
        "that has killed thousands.",
    ):
        assert _counts(text) == [[]], text


def test_the_deals_own_period_and_rate_stay_its_counts() -> None:
    text = (
        "After talks that lasted 10 hours, they reached an agreement providing for a 30-day "
        "cessation of hostilities."
    )
    assert _counts(text) == [[(30, "days", "exact")]]
    assert _counts("The deal provides for the entry of 600 trucks per day.") == [
        [(600, "trucks", "exact")]
    ]


def test_the_count_rule_switched_off_gives_the_term_the_wars_length() -> None:
    text = (
        "A ceasefire deal was reached between Arland and Borovia to end an 11-day military "
        "operation in the valley."
    )
    with switched_off(["quantity.term_own_counts"]):
        assert _counts(text) == [[(11, "days", "exact")]]


def test_a_withdrawal_in_the_next_days_is_a_term() -> None:
    text = "The president said Borovian troops will withdraw in the next 60 days."
    assert _counts(text) == [[(60, "days", "exact")]]


def test_a_stay_in_the_next_days_is_no_withdrawal() -> None:
    text = "The minister said Borovian troops will stay in the valley in the next 60 days."
    assert of_type("agreement_term", text) == []
