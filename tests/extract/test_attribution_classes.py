"""Attribution on real reports, by class of phrasing (helper round "exdates"): what opens a
sentence without being its subject, a spokesman speaking for an institution, a party declaring
its own truce. Every sentence is invented for the test."""

from __future__ import annotations

import pytest

from tests.extract.attributed import sources
from truce.extract.model import SourceRef
from truce.extract.switches import switched_off


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("But Qatar said the pause would hold.", "Qatar"),
        ("And the Egyptian foreign ministry said talks went on.", "Egyptian foreign ministry"),
        (" date 2031-04-03 Qatar said the pause would hold.", "Qatar"),
        (
            " date 2031-04-03\nThe Egyptian foreign ministry said talks went on.",
            "Egyptian foreign ministry",
        ),
    ],
)
def test_a_conjunction_or_date_marker_is_no_part_of_the_speaker(text: str, speaker: str) -> None:
    assert sources(text)[0].speaker == speaker


def test_subject_cleanup_switched_off_keeps_the_conjunction() -> None:
    with switched_off(["attribution.subject_cleanup"]):
        assert sources("But Qatar said the pause would hold.")[0].speaker != "Qatar"


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("A spokesman for the Egyptian Foreign Ministry said the talks went well.",
         "Egyptian Foreign Ministry", "spokesman"),
        ("But a spokeswoman for Hamas said the list was late.", "Hamas", "spokeswoman"),
    ],
)  # fmt: skip
def test_a_spokesman_for_an_institution_gives_the_institution(
    text: str, speaker: str, role: str
) -> None:
    [found] = sources(text)
    assert (found.speaker, found.role, found.anonymous) == (speaker, role, False)


def test_a_named_spokesman_stays_the_person() -> None:
    [found] = sources("Ali Hassan, a spokesman for Hamas, said the list was late.")
    assert found.speaker == "Ali Hassan"
    # A spokesman for a common noun is no institution on the record.
    [found] = sources("A spokesman for the families said they waited.")
    assert found.speaker != "families"


def test_spokesman_for_switched_off_keeps_the_whole_phrase() -> None:
    with switched_off(["attribution.spokesman_for"]):
        [found] = sources("A spokesman for the Egyptian Foreign Ministry said the talks went well.")
    assert found.speaker != "Egyptian Foreign Ministry"


@pytest.mark.parametrize(
    "text",
    [
        "The junta declared a two-week ceasefire on Tuesday.",
        "Hamas announced a unilateral three-day truce.",
        "Some armed groups have also announced ceasefires.",
        "The army announced an extension of its pause until May 30.",
    ],
)
def test_a_party_declaring_its_own_truce_is_narration(text: str) -> None:
    assert sources(text) == [SourceRef()]
    with switched_off(["attribution.own_truce"]):
        assert sources(text)[0].speaker is not None or sources(text)[0].anonymous


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A person declaring a truce speaks.
        ("Vladimir Putin announced a 30-hour ceasefire.", "Vladimir Putin"),
        # Announcing that something holds is speech, and so is a later speech verb.
        ("Hamas announced that the truce would begin at dawn.", "Hamas"),
        ("The army declared a ceasefire, Qatar said.", "Qatar"),
        # Announcing something else than a truce is speech.
        ("Hamas announced the names of 13 hostages.", "Hamas"),
    ],
)
def test_speech_around_a_declared_truce_keeps_its_speaker(text: str, speaker: str) -> None:
    assert sources(text)[0].speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "On Wednesday, a border police official accused the rebels of breaking the truce.",
        "Later, a border police official said the truce held.",
        "Late on Friday, an army officer said the truce held.",
    ],
)
def test_a_time_opening_the_sentence_is_no_speaker(text: str) -> None:
    [found] = sources(text)
    assert found.anonymous and found.speaker is None
    assert found.role is not None and "official" in found.role or "officer" in str(found.role)
    with switched_off(["attribution.time_not_name"]):
        [found] = sources(text)
    assert not found.anonymous


def test_an_apposition_after_a_name_is_still_dropped() -> None:
    assert sources("Ali Hassan, a spokesman, said the list was late.")[0].speaker == "Ali Hassan"
