"""Round 12, branch `exprec3`: constructions of the dev FP taxonomy held out by conflict. In
a report of the truce's extension, an end told only by when it was meant to come ("was set to
expire at midnight", "was to end on June 20") is no end (`end.scheduled_past`); earlier
truces spoken of in the plural ("several previous ceasefire agreements have been violated")
are history, no event (`doc.previous_truces`); a denial of the breach alleged before is that
breach, denied (`breach.denied_allegation`). Invented sentences only."""

from __future__ import annotations

import pytest

from tests.extract.invented import candidates, of_type
from truce.extract.switches import switched_off

# --- end.scheduled_past ---------------------------------------------------------------------


EXTENDED = " The two sides agreed on Monday to extend the ceasefire by two days."


@pytest.mark.parametrize(
    "text",
    [
        "The current three-day ceasefire in the valley was set to expire at midnight local time.",
        "The government's earlier truce with the rebels was to end on June 20.",
        "The army's week-long ceasefire with the rebels was otherwise due to end on Tuesday.",
    ],
)
def test_an_end_told_by_when_it_was_meant_to_come_is_none(text: str) -> None:
    # In a report of the truce's extension.
    assert of_type("ceasefire_end", text + EXTENDED) == []
    with switched_off(["end.scheduled_past"]):
        assert len(of_type("ceasefire_end", text + EXTENDED)) == 1


def test_an_end_meant_to_come_in_a_report_of_no_extension_stays_planned() -> None:
    ends = of_type("ceasefire_end", "The government's truce with the rebels was to end on June 20.")
    assert [c.modality for c in ends] == ["planned"]


@pytest.mark.parametrize(
    "text",
    [
        "The three-day ceasefire in the valley expired at midnight on Tuesday.",
        "The truce between the army and the rebels ended on Friday when fighting resumed.",
    ],
)
def test_an_end_told_as_fact_stays(text: str) -> None:
    assert [c.modality for c in of_type("ceasefire_end", text)] == ["occurred"]


# --- doc.previous_truces --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("breach", "Several previous ceasefire agreements between the two armies have been "
         "violated."),
        ("ceasefire_end", "Previously, attempted truces between the army and the militia have "
         "usually collapsed within hours."),
    ],
)  # fmt: skip
def test_earlier_truces_in_the_plural_are_history(kind: str, text: str) -> None:
    assert of_type(kind, text) == []
    with switched_off(["doc.previous_truces"]):
        assert len(of_type(kind, text)) >= 1


def test_an_earlier_truce_in_the_singular_stays() -> None:
    # The gold codes an earlier truce's end when the report tells it.
    text = (
        "The junta declared a new truce on Tuesday, days after the expiry of a previous "
        "ceasefire it was accused of violating."
    )
    assert {"ceasefire_start", "ceasefire_end"} <= {c.type for c in candidates(text)}


def test_a_truce_beside_previous_ones_keeps_its_own_event() -> None:
    # Only the words that speak of the earlier truces are dropped: the clause of the agreement
    # signed now is its own candidate's.
    text = (
        "The two armies agreed on Monday to a seven-day ceasefire starting at 9pm. Unlike "
        "previous truces, it will be monitored by the mediators."
    )
    assert [c.type for c in of_type("ceasefire_start", text)] == ["ceasefire_start"]


# --- breach.denied_allegation ---------------------------------------------------------------


@pytest.mark.parametrize(
    "denial",
    [
        "Hamas, however, has denied these allegations.",
        "A Hamas spokesman denied this information, calling it a provocation.",
    ],
)
def test_a_denial_of_the_breach_alleged_before_is_that_breach_denied(denial: str) -> None:
    text = "Israel accused Hamas on Monday of violating the truce near the border fence. " + denial
    breaches = of_type("breach", text)
    assert [c.modality for c in breaches] == ["occurred", "denied"]
    assert [c.type for c in candidates(text) if c.modality == "denied"] == ["breach"]
    with switched_off(["breach.denied_allegation"]):
        assert [c.type for c in candidates(text) if c.modality == "denied"] == ["statement"]


def test_a_denial_with_no_breach_alleged_before_stays_a_statement() -> None:
    text = (
        "Israel said Hamas had received weapons from abroad, a claim Hamas denied. "
        "Hamas also denied the reports of new recruits."
    )
    assert of_type("breach", text) == []
