"""Round 10, branch `exfields2`: dates and attribution on real reports, as classes. Invented
sentences only (names, places and figures made up; states are the gazetteer's)."""

from __future__ import annotations

import pytest

from tests.extract.invented import candidates
from truce.extract.components.title_holders import _office, name_title_holders
from truce.extract.model import Candidate, SourceRef
from truce.extract.switches import switched_off

# --- speakers.title_holder ---------------------------------------------------------------


def _speakers(text: str) -> list[str | None]:
    return [c.source.speaker for c in candidates(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name longer than the attribution's three words, an honorific before it
        (
            "Qatar has brokered a truce between the two sides, Qatari Foreign Minister Sayyid "
            "Nasser bin Khalid bin Saeed Almarri said in a statement on Tuesday.",
            "Nasser bin Khalid bin Saeed Almarri",
        ),
        # the name before the title, as its apposition
        (
            "Tarek Hadi, Ukraine’s Defense Minister, later verified that both sides had agreed "
            "on the schedule of the prisoner exchange.",
            "Tarek Hadi",
        ),
        # the title with a nationality where it speaks, the name with the office further on
        (
            "Egypt's foreign minister said on Monday that the ceasefire would hold. Rockets were "
            "fired at dawn. Markets reopened in the afternoon. "
            '"Calm will be met with calm," Foreign Minister Karim Halawa told state radio.',
            "Karim Halawa",
        ),
    ],
)
def test_a_bare_title_is_the_person_named_with_its_office(text: str, name: str) -> None:
    assert _speakers(text)[0] == name
    with switched_off(["speakers.title_holder"]):
        assert _speakers(text)[0] != name


def test_a_title_another_candidate_gave_as_role_is_that_person() -> None:
    first = Candidate(type="statement", span=(0, 10), document="t")
    first.source = SourceRef("Marta Quental", "Angolan Head of State")
    later = Candidate(type="statement", span=(20, 30), document="t")
    later.source = SourceRef("Angolan Head of State")
    name_title_holders([first, later], "no name after any office in this text")
    assert later.source.speaker == "Marta Quental"
    assert later.source.role == "Angolan Head of State"


@pytest.mark.parametrize(
    "text",
    [
        # two people hold the office in the text: which one spoke is not known
        "Egypt's foreign minister said on Monday that the ceasefire would hold. Former Foreign "
        "Minister Karim Halawa and Foreign Minister Samir Tawfik both attended the talks.",
        # no one is named with it
        "Egypt's foreign minister said on Monday that the ceasefire would hold.",
        # the one named with the office holds another state's
        "Egypt's foreign minister said on Monday that the ceasefire would hold. Rockets were "
        "fired at dawn. Markets reopened. Jordanian Foreign Minister Samir Tawfik said nothing.",
    ],
)
def test_a_title_with_no_single_holder_stays(text: str) -> None:
    assert _speakers(text)[0] == "Egyptian foreign minister"


@pytest.mark.parametrize(
    ("title", "office"),
    [
        ("Omani Foreign Minister", "Foreign Minister"),
        ("Israeli foreign minister", "foreign minister"),
        ("the Angolan Head of State", "Head of State"),
        # a body speaks as itself, not as its head
        ("Israeli prime minister's office", None),
        ("Ukraine's Defense Minister", "Defense Minister"),
        ("Qatari Foreign Ministry", None),
        ("Egyptian government", None),
        # a person's name, no title
        ("Karim Halawa", None),
    ],
)
def test_only_a_persons_title_is_looked_up(title: str, office: str | None) -> None:
    assert _office(title) == office


# --- speakers.described ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Hamas said on Tuesday that 40 hostages would be freed over four days. The truce "
            "would also allow hundreds of aid trucks to enter Gaza, the Palestinian group said "
            "in a statement.",
            "Hamas",
        ),
        (
            "According to Israel's Channel 12, nine hostages were handed over to the Red Cross. "
            "The remaining 11 hostages will be released at 10 pm, the channel added.",
            "Channel 12",
        ),
        # an opening word is no name the description stands after
        (
            "The ELN announced on Friday a three-day truce for the holiday. However, the "
            "militant organisation said the truce would end on Sunday night.",
            "ELN",
        ),
    ],
)
def test_a_description_speaks_for_the_one_of_its_kind_named_before(text: str, name: str) -> None:
    assert _speakers(text)[-1] == name
    with switched_off(["speakers.described"]):
        assert _speakers(text)[-1] != name


def test_a_description_with_nothing_of_its_kind_before_stays() -> None:
    text = (
        "Egypt said on Tuesday that 40 hostages would be freed over four days. The truce would "
        "also allow hundreds of aid trucks to enter Gaza, the Palestinian group said."
    )
    assert "Hamas" not in _speakers(text)


# --- attribution.background_clause -------------------------------------------------------


def _start_speaker(text: str) -> str | None:
    (start,) = [c for c in candidates(text) if c.type == "ceasefire_start"]
    return start.source.speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The Royal Marsan Army reported sporadic clashes along the border, claiming rebel "
            "troops attacked posts shortly after the truce took effect at midnight on Monday.",
            "Royal Marsan Army",
        ),
        (
            "Several fuel ships have arrived at the port since a UN-brokered two-month truce "
            "entered into force on April 2, the Houthi-run TV said.",
            "Houthi-run TV",
        ),
        (
            "The Health Ministry reported that airstrikes killed five people, a threat to the "
            "ceasefire agreement between Israel and Hezbollah that took effect on November 27.",
            "Health Ministry",
        ),
    ],
)
def test_a_start_told_in_a_temporal_clause_is_narration(text: str, speaker: str) -> None:
    assert _start_speaker(text) is None
    with switched_off(["attribution.background_clause"]):
        assert speaker in (_start_speaker(text) or "")


def test_a_start_the_speaker_tells_is_left_to_the_other_rules() -> None:
    text = "The Marsan army declared that the truce took effect at midnight, after the talks."
    before = _start_speaker(text)
    with switched_off(["attribution.background_clause"]):
        assert _start_speaker(text) == before


# --- attribution.more_verbs ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "A ceasefire between the army and the rebels came into effect at dawn on Monday, "
            "Marsan security forces say.",
            "Marsan security forces",
        ),
        (
            "The Marsan Human Rights Network documented at least 321 deaths in Homs since July 13.",
            "Marsan Human Rights Network",
        ),
        (
            "Defence Minister Anil Varma had informed parliament on 8 February that Pakistan had "
            "resorted to 5,133 incidents of ceasefire violations in 2020, in which 46 security "
            "personnel had been killed.",
            "Anil Varma",
        ),
    ],
)
def test_more_verbs_give_an_event_its_speaker(text: str, speaker: str) -> None:
    assert _speakers(text)[0] == speaker
    with switched_off(["attribution.more_verbs"]):
        assert _speakers(text)[:1] != [speaker]
