"""The cue index: the same answer as looking for every cue in the text, word by word."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.extract.triggers import (
    KINDS_CUED,
    PREFILTER_WORDS,
    TRIGGERS,
    CueIndex,
    kinds_cued,
)

GOLD = Path(__file__).parents[2] / "eval" / "gold" / "documents"


def _plain(cues: dict[str, tuple[str, ...]], lowered: str) -> set[str]:
    return {name for name, words in cues.items() if any(w in lowered for w in words)}


def test_word_and_phrase_cues() -> None:
    index = CueIndex({"release": ("free", "hand"), "term": ("as long as", "per hostage")})
    assert index("hamas freed ten") == {"release"}
    assert index("the handover") == {"release"}
    assert index("as long as hamas") == {"term"}
    assert index("as\nlong as") == set()  # a phrase cue is spelt with its spaces
    assert index("three per hostage,\nfreed") == {"release", "term"}
    assert index("") == set()


def test_words_seen_before_give_the_same_answer() -> None:
    index = CueIndex({"release": ("free",), "end": ("end",)})
    assert index("freed, ended") == {"release", "end"}
    assert index("freed") == {"release"}  # from what the first call learned
    assert index("ended, unfreed") == {"release", "end"}


def test_gold_sentences_cue_what_the_plain_search_finds() -> None:
    for path in sorted(GOLD.glob("*.txt")):
        for line in path.read_text().lower().splitlines():
            assert KINDS_CUED(line) == _plain(PREFILTER_WORDS, line)


_PIECES = st.sampled_from(
    ["free", "releas", "ed", "hand", "over", "end", "exten", "the", "deal", "to", "as", "long"]
    + [" ", "  ", "\n", "\t", ",", ".", "under", "wom", "en", "dual", "national", "18", "'"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_text_cues_what_the_plain_search_finds(text: str) -> None:
    assert KINDS_CUED(text) == _plain(PREFILTER_WORDS, text)


def _matched_kinds(text: str) -> set[str]:
    return {kind for kind, pattern in TRIGGERS.items() if pattern.search(text)}


_WIRE_COPY = [
    "Aid trucks entered the strip at dawn.",
    "Forty lorries carrying fuel were allowed into Gaza.",
    "The UN said a convoy of supplies had crossed at Rafah.",
    "Fuel deliveries were unloaded at the port.",
    "Hamas is to hand over the bodies on Thursday.",
    "The army said it was to withdraw, and Qatar said talks were to resume.",
    "Egypt said the provisions were signed, and that the term of the truce would last a week.",
    "The deal provides for 20 trucks a day.",
    "He said the aid would reach the north, officials said.",
]


def test_no_trigger_match_is_hidden_by_the_cues() -> None:
    """Every kind whose trigger matches a sentence is cued in it: the cues are necessary."""
    lines = [ln for p in sorted(GOLD.glob("*.txt")) for ln in p.read_text().splitlines()]
    for line in lines + _WIRE_COPY:
        assert _matched_kinds(line) - {"statement"} <= kinds_cued(line.lower()), line


def test_a_delivery_needs_its_verb_cued_too() -> None:
    assert "aid_delivery" not in kinds_cued("the aid agency said talks were over.")
    assert "aid_delivery" in kinds_cued("aid trucks entered the strip.")
    assert "aid_delivery_verb" not in kinds_cued("aid trucks entered the strip.")


def test_a_phrase_is_found_through_its_longest_piece() -> None:
    index = CueIndex({"term": ("is to ", "as long as"), "end": ("is over",), "odd": ("  ",)})
    assert index("hamas is to free them") == {"term"}
    # The piece inside a longer word still lets the phrase be looked for: "this to " holds
    # "is to " as a plain search finds it.
    assert index("this to ") == {"term"}
    assert index("it is over") == {"end"}
    assert index("overall, it is not over") == set()  # the piece "over" without the phrase
    assert index("as long a day") == set()  # "long" seen, "as long as" absent
    assert index("belong as") == set()
    assert index("as long ask") == {"term"}  # a substring, as `in` finds it
    assert index("two  spaces") == {"odd"}  # a phrase of spaces alone is always looked for


_SPACED = st.sampled_from(
    ["is", "to", "this", "over", "as", "long", "belong", "the", "deal", "not", "yet", "day"]
    + [" ", "  ", "\n", "a", "per", "week", "opened", "fire", "were", "allowed", "in", "under"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_SPACED, max_size=30).map("".join))
def test_phrase_cues_find_what_the_plain_search_finds(text: str) -> None:
    assert KINDS_CUED(text) == _plain(PREFILTER_WORDS, text)


def test_cues_inside_one_another_are_all_found_in_a_new_word() -> None:
    index = CueIndex({"a": ("end",), "b": ("xtend", "zz"), "c": ("tend",), "d": ("extended",)})
    assert index("extended") == {"a", "b", "c", "d"}
    assert index("tender") == {"a", "c"}
    assert index("en") == set()
    assert index("EXTENDED") == set()  # the index reads lowered text: no case folding of its own
