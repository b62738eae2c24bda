"""Relays (`via`): the agency or outlet between a speaker and the page. Invented sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.extract.test_attribution import sources
from truce.extract.components.relays import (
    _CREDIT,
    _LEAD_REPORTS,
    LEAD_CHARS,
    document_relay,
    outlet_named,
)
from truce.extract.model import SourceRef


@pytest.mark.parametrize(
    ("phrase", "outlet"),
    [
        ("Reuters", "Reuters"),
        ("AFP and Reuters", "AFP and Reuters"),
        ("Arabic-language al-Qamar television on Friday", "al-Qamar"),
        ("Zorbia.com", "Zorbia.com"),
        ("the state broadcaster Rovia TV", "Rovia TV"),
        ("Vesna News in an interview", "Vesna News"),
        ("reporters", None),
        ("Parliament on Monday", None),
        ("the Security Council", None),
    ],
)
def test_an_outlet_is_named_only_when_the_text_shows_it_is_one(
    phrase: str, outlet: str | None
) -> None:
    assert outlet_named(phrase) == outlet


def test_a_speaker_reported_by_an_agency_is_relayed_by_it() -> None:
    [source] = sources(
        "The talks will resume, the Ruritanian envoy Ivo Karl said, Reuters reported."
    )
    assert source.via == "Reuters"
    assert source.speaker is not None and source.speaker.endswith("Ivo Karl")


def test_quoted_as_saying_by_an_outlet() -> None:
    text = (
        "After the talks, Ivo Karl, who led the delegation, was quoted as saying by Zorbia.com: "
        '"We are content."'
    )
    [source] = sources(text)
    assert (source.speaker, source.via) == ("Ivo Karl", "Zorbia.com")


def test_a_speaker_who_told_a_named_medium_is_relayed_by_it() -> None:
    text = (
        "The tankers are held at sea, Omar Rask, a spokesman for the fuel company, "
        "told Arabic-language al-Qamar television on Friday."
    )
    [source] = sources(text)
    assert (source.speaker, source.via) == ("Omar Rask", "al-Qamar")
    # "told reporters" relays nothing, and the outlet that prints the story relays nothing.
    assert sources("Omar Rask told reporters the tankers were held.")[0].via is None
    assert sources("Omar Rask told Reuters the tankers were held.", outlet="Reuters")[0].via is None


def test_an_outlet_as_subject_relays() -> None:
    text = "The sides agreed to extend the truce, Vesna News reported."
    assert sources(text) == [SourceRef(via="Vesna News")]


def test_according_to_agencies_together() -> None:
    [source] = sources("According to AFP and Reuters, the cabinet approved the deal.")
    assert source == SourceRef(via="AFP and Reuters")


def test_a_speaker_relayed_once_stays_relayed() -> None:
    text = (
        "This was reported by the Ruritanian defence ministry, according to TASS. "
        "Later the Ruritanian defence ministry stated that 100 were freed. "
        "According to the ministry, the other side released 95 people."
    )
    found = sources(text)
    assert [s.via for s in found] == ["TASS", "TASS", "TASS"]
    assert {s.speaker for s in found} == {"Ruritanian defence ministry"}


@pytest.mark.parametrize(
    "text",
    [
        "A truce took hold in Strelsau on Sunday.\n\n— Report from Reuters",
        "A truce took hold in Strelsau on Sunday, Al Jazeera reports.\n\nMore follows.",
    ],
)
def test_a_copy_credited_to_an_agency_relays_its_narration(text: str) -> None:
    via = "Al Jazeera" if "Jazeera" in text else "Reuters"
    assert document_relay(text) == via
    assert document_relay(text, outlet=via) is None  # the agency's own page
    narration = sources(text)[0]
    assert (narration.speaker, narration.anonymous, narration.via) == (None, False, via)


def test_an_uncredited_copy_relays_nothing() -> None:
    text = "A truce took hold in Strelsau on Sunday. Aid convoys followed."
    assert document_relay(text) is None
    # A dateline's agency wrote the copy: its narration is its own.
    assert document_relay("STRELSAU, Nov 24 (Xinhua) -- A truce took hold on Sunday.") is None
    assert [s.via for s in sources(text)] == [None, None]
    # A speaker in a credited copy keeps the relay it has (none): only narration is the agency's.
    credited = "The truce holds, Ivo Karl said.\n\n— Report from Reuters"
    assert sources(credited)[0].via is None


def test_a_speaker_on_a_named_outlet_is_relayed_by_it() -> None:
    text = "Foreign Minister Ivo Karl announced the ceasefire on Vesna News on Saturday."
    assert sources(text)[0].via == "Vesna News"
    # A day, a platform or a place after "on" relays nothing.
    for text in (
        "Ivo Karl announced the ceasefire on Saturday.",
        "Ivo Karl announced the ceasefire on X.",
        "Ivo Karl said on Telegram that the ceasefire held.",
    ):
        assert sources(text)[0].via is None, text


_PIECES = st.sampled_from(
    [
        "A truce held",
        ",",
        ", ",
        " Reuters",
        " AFP",
        " reports.",
        " report.",
        "\nreports.",
        " Report",
    ]
    + [" from", " by", " Reporting", " Al Jazeera", " TASS", "\n\n", " said", ".", " Reports."]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14))
def test_the_credit_is_what_the_patterns_find_wherever_their_word_is(pieces: list[str]) -> None:
    # `document_relay` runs a pattern only where its literal word is: never a credit missed.
    text = "".join(pieces)
    head, tail = text[:LEAD_CHARS], text[-300:]
    found = [m["via"] for m in (_LEAD_REPORTS.search(head), _CREDIT.search(head + tail)) if m]
    assert document_relay(text) == (found[0] if found else None)
