"""Modality of sentences and of the clause around an event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from truce.extract.components.modality import (
    _COORDINATION,
    _COORDINATION_CUE,
    _SPEECH,
    _SPEECH_CUE,
    modality_at,
    modality_of,
    single_clause,
)

GOLD = Path(__file__).parents[2] / "eval" / "gold"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The army denied that its forces had shelled the town.", "denied"),
        ("The ministry rejected the claims that it blocked the convoy.", "denied"),
        ("The group dismissed the report as propaganda.", "denied"),
        ("No prisoners were released on Sunday.", "denied"),
        ("The militia did not fire on the convoy, its commander said.", "denied"),
        ("Its troops had strictly observed the ceasefire, the ministry said.", "denied"),
        ("The truce does not cover the northern front.", "occurred"),
        ("The pause would end if the hostages were not returned.", "conditional"),
        ("Talks can resume unless the shelling goes on.", "conditional"),
        ("Aid will flow as long as the crossings stay open.", "conditional"),
        ("Prisoners go free provided that the list is approved.", "conditional"),
        ("The cabinet would not meet until the group backed down.", "conditional"),
        ("Officials, speaking on condition of anonymity, said the talks ended.", "occurred"),
        ("We are hopeful that the talks will succeed.", "hoped"),
        ("Mediators were working to extend the truce.", "hoped"),
        ("The rebels hope to reach a deal.", "hoped"),
        ("The truce raised hopes of an end to the war.", "occurred"),
        ("The exchange is due to take place on Saturday.", "planned"),
        ("The next release is due on Saturday.", "planned"),
        ("Hamas is to free 50 hostages.", "planned"),
        ("Israel was expected to release 30 prisoners.", "planned"),
        ("The envoys plan to meet again.", "planned"),
        ("The talks are scheduled to start on Monday.", "planned"),
        ("Fifty hostages were freed on Friday.", "occurred"),
        ("He said the group was late due to the weather.", "occurred"),
    ],
)
def test_modality_of(sentence: str, expected: str) -> None:
    assert modality_of(sentence) == expected


def test_clause_around_an_offset() -> None:
    sentence = "Qatar's spokesman said the mediator would use the extension to work toward a truce."
    assert modality_at(sentence, sentence.index("said")) == "occurred"
    assert modality_at(sentence, sentence.index("would use")) == "planned"
    two = "Hamas released 13 hostages on Friday, but Israel will free 39 prisoners later."
    assert modality_at(two, two.index("released")) == "occurred"
    assert modality_at(two, two.index("free")) == "planned"


def test_a_condition_reaches_coordinated_clauses() -> None:
    sentence = (
        "He said Ukraine would mirror Russia's actions, and that Kyiv was ready to extend "
        "the truce if Moscow observed it."
    )
    assert modality_at(sentence, sentence.index("mirror")) == "conditional"
    assert modality_at(sentence, sentence.index("He said")) == "occurred"


def test_component_sets_one_modality_per_sentence() -> None:
    from truce.extract import pipeline  # noqa: F401  (registers the Doc extensions)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("truce_modality_v1")
    doc = nlp("Hamas freed 13 hostages. Israel is to free 39 prisoners. Talks may end if it fails.")
    assert doc._.modalities == {0: "occurred", 1: "planned", 2: "conditional"}


_SENTENCIZER = spacy.blank("en")
_SENTENCIZER.add_pipe("sentencizer")


def _sentence_of(text: str, evidence: str) -> str:
    at = text.index(evidence)
    return next(s.text for s in _SENTENCIZER(text).sents if s.start_char <= at < s.end_char)


def test_seed_statements_and_releases() -> None:
    text = (GOLD / "documents" / "seed-2023-11-28.txt").read_text()
    expected = {
        "“Our main focus right now, and our hope": "hoped",
        "“We are hopeful that in the next 48 hours": "hoped",
        "50 Israeli hostages were freed": "occurred",
        "went into effect on Friday": "occurred",
    }
    for evidence, modality in expected.items():
        assert modality_of(_sentence_of(text, evidence)) == modality, evidence
    confirming = _sentence_of(text, "confirming that the ceasefire")
    assert modality_at(confirming, confirming.index("would continue")) == "planned"


def test_agreement_with_the_dev_gold_set() -> None:
    """Sentence modality against the dev split's non-term events; terms are the events
    component's call (a term in force is occurred whatever its content)."""
    agree = total = 0
    for line in (GOLD / "annotations.jsonl").read_text().splitlines():
        event = json.loads(line)
        meta = json.loads(
            (GOLD / "documents" / event["document"].replace(".txt", ".meta.json")).read_text()
        )
        if meta["split"] != "dev" or event["type"] == "agreement_term":
            continue
        text = (GOLD / "documents" / event["document"]).read_text()
        sentence = _sentence_of(text, event["evidence"])
        offset = sentence.find(event["evidence"][:20])
        got = modality_at(sentence, max(offset, 0))
        agree += got == event["modality"]
        total += 1
    assert agree / total >= 0.75, (agree, total)


def test_letters_that_ignorecase_matches_but_lower_does_not() -> None:
    """Patterns run on lowered text: "ı", "ſ" and "İ" still match as re.IGNORECASE would,
    offsets stay put, and cue words are looked for in the plain lowered text."""
    assert modality_of("The condition: aid flows ıf the crossings stay open.") == "conditional"
    assert modality_of("The condition: aid flows İf the crossings stay open.") == "conditional"
    assert modality_of("The army would never ſhell the town, its spokesman said.") == "denied"
    sentence = "İstanbul's envoy said the army would never shell, and that talks will resume."
    assert modality_at(sentence, sentence.index("envoy")) == "occurred"
    assert modality_at(sentence, sentence.index("never")) == "denied"
    assert modality_at(sentence, sentence.index("talks")) == "planned"


_CLAUSE_PIECES = st.sampled_from(
    ["said", "sa", "ys", "say", "told", "the", "envoy", "that", "and", "but", ", ", ",", " ", ";"]
    + ["adding", "while", "declared", "id", "x", "hamas", "would", "if", "free", "not", "\n"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_CLAUSE_PIECES, max_size=25).map("".join))
def test_the_cheap_cues_hold_every_clause_boundary(text: str) -> None:
    # modality_at skips the walk through boundaries when the cue finds nothing, so a boundary
    # the cue missed would change results.
    for boundary, cue in ((_SPEECH, _SPEECH_CUE), (_COORDINATION, _COORDINATION_CUE)):
        for match in boundary.finditer(text):
            assert cue.search(text, match.start(), match.end()) is not None, match


def test_the_sentence_modality_given_changes_no_clause_modality() -> None:
    # modality_at returns the sentence's own modality, when given, for a sentence it finds to
    # be one clause; that must be what it would have worked out.
    sentences = [
        line.strip()
        for path in sorted((GOLD / "documents").glob("*.txt"))
        for line in path.read_text().split(".")
        if line.strip()
    ]
    for sentence in sentences:
        whole = modality_of(sentence)
        for offset in range(0, len(sentence), 7):
            assert modality_at(sentence, offset, whole) == modality_at(sentence, offset), sentence


@pytest.mark.parametrize(
    ("sentence", "one"),
    [
        ("The convoy crossed into the enclave on Monday.", True),
        ("The minister said the convoy would cross on Monday.", False),
        ("The convoy crossed, but the fuel tankers were held back.", False),
        ("The guards were told to wait; the gate stayed shut.", False),
    ],
)
def test_single_clause_is_where_every_offset_has_the_sentence_modality(
    sentence: str, one: bool
) -> None:
    assert single_clause(sentence) is one
    if one:
        whole = modality_of(sentence)
        assert {modality_at(sentence, i) for i in range(len(sentence))} == {whole}


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("The truce, which began on Friday, will last until 30 April.", "began", "occurred"),
        ("The truce, which began on Friday, will last until 30 April.", "last", "planned"),
        (
            "Ruritania, which will free 30 prisoners on Monday, freed ten on Sunday.",
            "freed",
            "occurred",
        ),
        (
            "Ruritania, which will free 30 prisoners on Monday, freed ten on Sunday.",
            "free ",
            "planned",
        ),
        ("The envoys, who met in Doha, said talks would resume.", "met", "occurred"),
    ],
)
def test_a_relative_clause_between_commas_tells_its_own_time(
    sentence: str, word: str, expected: str
) -> None:
    assert not single_clause(sentence)
    assert modality_at(sentence, sentence.index(word)) == expected
    assert modality_at(sentence, sentence.index(word), modality_of(sentence)) == expected


def test_the_relative_clause_rule_is_switchable() -> None:
    from truce.extract.switches import switched_off

    sentence = "The truce, which began on Friday, will last until 30 April."
    with switched_off(["modality.relative_clause"]):
        assert modality_at(sentence, sentence.index("began")) == "planned"
