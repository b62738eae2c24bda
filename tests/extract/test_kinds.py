"""The table of event kinds: every built-in type has a rule or a stated reason for none, and each
rule finds its kind in a sentence written for this test."""

from __future__ import annotations

from datetime import date

import pytest

from truce.domain.claims import EventType
from truce.domain.provisions import BUILT_IN
from truce.extract.components.kinds import NOT_EXTRACTED, RULES
from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.triggers import PREFILTER_WORDS, TRIGGERS

_NLP = build_pipeline()

# One invented sentence per kind that has a rule: what the rule must find in it.
_EXAMPLES: dict[EventType, str] = {
    EventType.RELEASE: "Hamas freed 12 hostages on Monday.",
    EventType.CEASEFIRE_START: "A four-day truce took effect in Gaza on Friday morning.",
    EventType.CEASEFIRE_EXTENSION: "Qatar said the truce was extended by two days.",
    EventType.CEASEFIRE_END: "The truce between Israel and Hamas expired on Friday.",
    EventType.BREACH: "Ukraine accused Russia of shelling Kherson despite the truce.",
    EventType.MEETING: "Egypt and Qatar met in Cairo on Monday to discuss the deal.",
    EventType.CASUALTY_CLAIM: "Israeli shelling killed three people in Rafah on Sunday.",
    EventType.AID_DELIVERY: "Sixty trucks of aid entered Gaza through Rafah on Saturday.",
    EventType.AGREEMENT_TERM: "Under the deal, Israel frees three prisoners for every hostage.",
    EventType.STATEMENT: "Qatar welcomed the agreement between Israel and Hamas.",
}


def test_every_built_in_type_has_a_rule_or_a_reason_for_none() -> None:
    assert set(RULES) | set(NOT_EXTRACTED) == set(EventType)
    assert set(RULES).isdisjoint(NOT_EXTRACTED)
    assert all(len(reason) > 20 for reason in NOT_EXTRACTED.values())
    # The domain's table of built-in types is the same set of types.
    assert set(BUILT_IN) == {str(t) for t in EventType}


def test_each_rule_is_filed_under_its_own_type() -> None:
    assert all(rule.kind == kind for kind, rule in RULES.items())


def test_statements_come_last_and_alone_run_on_every_sentence() -> None:
    # A statement reads what the other kinds found in its sentence, so it must follow them.
    assert list(RULES)[-1] == EventType.STATEMENT
    assert [kind for kind, rule in RULES.items() if rule.always] == [EventType.STATEMENT]


def test_every_kind_tried_only_when_cued_has_cues() -> None:
    for kind, rule in RULES.items():
        if not rule.always:
            assert kind in TRIGGERS and kind in PREFILTER_WORDS, kind


@pytest.mark.parametrize("kind", list(RULES), ids=str)
def test_each_rule_finds_its_kind(kind: EventType) -> None:
    text = _EXAMPLES[kind]
    article = Article(text=text, document="t", published=date(2024, 3, 4))
    found = [c for c in extract(_NLP, article) if c.type == kind]
    assert len(found) == 1, [(c.type, c.span) for c in extract(_NLP, article)]
    assert type(found[0].type) is str and found[0].type == str(kind)


@pytest.mark.parametrize("kind", list(NOT_EXTRACTED), ids=str)
def test_a_type_not_extracted_gives_no_candidate(kind: EventType) -> None:
    article = Article(text=f"The {kind} was reported on Monday.", document="t")
    assert [c for c in extract(_NLP, article) if c.type == kind] == []
