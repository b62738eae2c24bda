"""Speakers named as the gold names them: the person, not the title before the name."""

from __future__ import annotations

from truce.extract.components.speakers import name_speakers
from truce.extract.model import Candidate, SourceRef


def _named(speaker: str, text: str = "") -> tuple[str | None, str | None]:
    c = Candidate(type="statement", span=(0, 1), document="t", source=SourceRef(speaker))
    name_speakers([c], text)
    return c.source.speaker, c.source.role


def test_a_title_before_a_name_goes_to_the_role() -> None:
    assert _named("Chilean Deputy Foreign Minister Rosa Valdivia") == (
        "Rosa Valdivia",
        "Chilean Deputy Foreign Minister",
    )


def test_a_surname_alone_is_the_person_named_in_full_earlier() -> None:
    text = "Interior Minister Tomas Herrera spoke first. Later, Herrera said the truce held."
    assert _named("Herrera", text)[0] == "Tomas Herrera"


def test_a_bare_title_is_the_person_the_text_gives_it_to() -> None:
    text = "Peruvian Prime Minister Elena Soto met the envoy. The Peruvian prime minister said ..."
    assert _named("Peruvian prime minister", text) == ("Elena Soto", "Peruvian prime minister")


def test_institutions_and_lists_of_parties_stay_as_they_are() -> None:
    assert _named("Israel Defense Forces")[0] == "Israel Defense Forces"
    assert _named("US and Saudi Arabia")[0] == "US and Saudi Arabia"
    assert _named("Armed Conflict Location and Event Data Project")[0] == (
        "Armed Conflict Location and Event Data Project"
    )


def test_a_party_name_is_not_taken_for_a_surname() -> None:
    assert _named("Israel", "News / World Israel and Hamas agreed.")[0] == "Israel"


def test_look_ups_stop_after_a_fixed_number_of_speakers_per_document() -> None:
    from truce.extract.components.speakers import MAX_LOOKUPS

    surnames = [f"Zed{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(MAX_LOOKUPS + 1)]
    text = " ".join(f"Envoy Ana {s} spoke." for s in surnames)
    found = [
        Candidate(type="statement", span=(0, 1), document="t", source=SourceRef(s))
        for s in surnames
    ]
    name_speakers(found, text)
    assert [c.source.speaker for c in found] == [f"Ana {s}" for s in surnames[:-1]] + [surnames[-1]]


def test_a_title_and_a_surname_is_the_person_named_in_full() -> None:
    text = "Foreign Secretary Ivo Karlsson spoke first. Foreign Secretary Karlsson said later ..."
    assert _named("Foreign Secretary Karlsson", text) == ("Ivo Karlsson", "Foreign Secretary")
    # Not named in full anywhere: left as written.
    assert _named("Foreign Secretary Karlsson", "Nobody else.") == (
        "Foreign Secretary Karlsson",
        None,
    )


def test_a_surname_the_gazetteer_knows_is_the_person() -> None:
    assert _named("Trump", "Trump hailed the deal.")[0] == "Donald Trump"
    # Spelled in full in the text: the text's spelling.
    text = "Ukrainian President Volodymyr Zelenskyy spoke. Zelensky said the swap went well."
    assert _named("Zelensky", text)[0] == "Volodymyr Zelensky"
    text = "President Volodymyr Zelenskyy spoke. Later Zelenskyy said the swap went well."
    assert _named("Zelenskyy", text)[0] == "Volodymyr Zelenskyy"
    # A party's name is not a surname.
    assert _named("Israel", "Israel said.")[0] == "Israel"


def test_a_first_person_text_headed_with_its_author_is_the_authors() -> None:
    from truce.extract.components.speakers import author_narrates

    text = "Good morning. I want to thank you. We agreed on a truce that started on Saturday."
    c = Candidate(type="ceasefire_start", span=(47, 80), document="t")
    author_narrates([c], text, "Special Envoy Ana Lindqvist opening remarks to the press")
    assert (c.source.speaker, c.source.role) == ("Ana Lindqvist", "Special Envoy")
    # Narrated in the third person: the headline's remarks are reported, not given.
    c = Candidate(type="ceasefire_start", span=(0, 10), document="t")
    author_narrates([c], "The envoy said the truce began.", "Envoy Ana Lindqvist's remarks")
    assert c.source.speaker is None
