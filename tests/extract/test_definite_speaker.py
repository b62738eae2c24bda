"""Round 9 (helper round "exfields"): a speaker referred to by what it is ("the Palestinian
group said", "the channel added", "the military also warned") is the nearest earlier named
speaker of that kind (rule `attribution.definite_speaker`). Every sentence is invented."""

from __future__ import annotations

import pytest

from tests.extract.attributed import sources
from tests.extract.invented import of_type
from truce.extract.switches import switched_off

RULE = "attribution.definite_speaker"


def _last(text: str) -> str | None:
    return sources(text)[-1].speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A group or movement described by its people or its kind: the armed group named before,
        # not the state that spoke in between.
        (
            "Hamas said 30 captives would go free on Friday. Israel said it would free 90 "
            "prisoners. The deal also lets 200 aid trucks in, the Palestinian group said.",
            "Hamas",
        ),
        (
            "The Houthis said they would stop firing at ships. The United States said it would "
            "halt its strikes. The Yemeni movement added that the pause would hold for a month.",
            "Houthis",
        ),
        # An outlet: the channel, the broadcaster, the news agency.
        (
            "According to Israel's Channel 12, four hostages were handed over. The next ten "
            "will be freed at 9 pm, the channel added.",
            "Channel 12",
        ),
        # A body by its noun alone: the speaker whose name holds it and every word before it.
        (
            "The Burmese military said it would observe the truce. The military also warned it "
            "would strike back at any attack on its bases.",
            "Burmese military",
        ),
        (
            "Thailand's foreign ministry said the border was calm. Cambodia's defence ministry "
            "said its troops held their positions. The foreign ministry added that talks "
            "would resume.",
            "Thailand's foreign ministry",
        ),
    ],
)
def test_a_description_is_the_speaker_named_before_of_its_kind(text: str, speaker: str) -> None:
    assert _last(text) == speaker
    with switched_off([RULE]):
        assert _last(text) != speaker


def test_an_agency_that_only_relayed_is_the_news_agency() -> None:
    text = (
        "Four hostages were freed, Reuters reported. Qatar said the next group would follow. "
        "The news agency said six more were expected on Sunday."
    )
    last = sources(text)[-1]
    assert (last.speaker, last.via) == (None, "Reuters")
    with switched_off([RULE]):
        assert sources(text)[-1].via != "Reuters"


def test_the_event_in_the_sentence_takes_the_resolved_speaker() -> None:
    text = (
        "Hamas said the first 30 captives would be freed on Friday. The deal would also let "
        "200 trucks of aid enter Gaza, the Palestinian group said in a statement."
    )
    (aid,) = of_type("aid_delivery", text)
    assert aid.source.speaker == "Hamas"
    with switched_off([RULE]):
        (aid,) = of_type("aid_delivery", text)
        assert aid.source.speaker != "Hamas"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A nationality before an institution's noun names it as written.
        (
            "The IDF said it struck a launcher. The Israeli military said the strike hit.",
            "Israeli military",
        ),
        # No earlier speaker of the kind: the description is left to the other rules.
        ("Qatar said the truce held. The group said it would keep to it.", "Qatar"),
        # A capitalised name that is no nationality is the group's own name, not a description.
        ("Hamas said the truce held. The Hamas movement said it would keep to it.", "Hamas"),
        # Too far back: more named speakers in between than the rule reaches over.
        (
            "Hamas said the truce held. Israel said so too. Egypt said talks went on. Qatar said "
            "aid moved. Jordan said it helped. Turkey said it agreed. France said it agreed. "
            "The Palestinian group said it would keep to it.",
            "Palestinian group",
        ),
    ],
)
def test_what_the_rule_leaves_alone(text: str, speaker: str) -> None:
    with switched_off([RULE]):
        before = _last(text)
    assert _last(text) == before == speaker


def test_an_anonymous_source_is_no_description_s_speaker() -> None:
    text = "A Hamas official said the truce held. The Palestinian group said it would keep to it."
    assert _last(text) != "A Hamas official"


def test_break_it_descriptions_with_nobody_before_and_in_bulk() -> None:
    # A description before any speaker, odd spacing and case, a description of a description:
    # nothing is invented, and every later description in a long text still finds its group.
    odd = "The  Palestinian   group said it agreed. THE CHANNEL said so. The group group said it."
    with switched_off([RULE]):
        before = [s.speaker for s in sources(odd)]
    assert [s.speaker for s in sources(odd)] == before
    bulk = " ".join(
        f"Hamas said {n} trucks entered. The Palestinian group said {n} more would follow."
        for n in range(300)
    )
    found = sources(bulk)
    assert len(found) == 600
    assert {s.speaker for s in found} == {"Hamas"}
