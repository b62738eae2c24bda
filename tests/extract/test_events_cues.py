"""The events component's one pass over a sentence's words gives what its cue searches (the
trigger table's, the kinds' own, an attack's, the sets rules ask by name) gave one by one."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.extract.components.events import _BY_NAME, cues_of
from truce.extract.components.kinds import RULES
from truce.extract.components.kinds.breach_in_force import CUES, cued
from truce.extract.components.sentence_view import NAMED_CUES, Sentence, categories
from truce.extract.triggers import has_cue, kinds_cued

GOLD = Path(__file__).parents[2] / "eval" / "gold" / "documents"


def _one_by_one(lowered: str) -> tuple[set[str], bool, frozenset[str]]:
    own = {str(k) for k, rule in RULES.items() if any(c in lowered for c in rule.cues)}
    named = frozenset(n for n, cues in NAMED_CUES.items() if has_cue(lowered, cues))
    return kinds_cued(lowered) | own, cued(lowered), named


def test_every_named_set_is_in_the_one_pass() -> None:
    # A set registered after the index was built would read as never cued.
    assert frozenset(NAMED_CUES) == _BY_NAME
    assert "stance" in _BY_NAME
    assert any(name.startswith("category:") for name in _BY_NAME)


def _sentence(text: str, cued: frozenset[str] | None) -> Sentence:
    return Sentence(0, 0, len(text), text, [], [], [], None, "occurred", cued=cued)


def test_a_sentence_answers_alike_with_and_without_the_pass() -> None:
    lines = [
        "Qatar welcomed the release of 12 women and children.",
        "Hamas freed three dual nationals and a boy under 18.",
        "The wellcome trust said nothing.",  # "welcom" inside another word: still a cue
        "Troops opened fire.",
        "Under 1 8 rules",  # "under 18" near miss
    ]
    for line in lines:
        found = cues_of(line.lower())[2]
        with_pass, without = _sentence(line, found), _sentence(line, None)
        assert with_pass.categories == without.categories == tuple(categories(line)), line
        for name in NAMED_CUES:
            assert with_pass.has_cues(name) == without.has_cues(name), (line, name)


def test_gold_lines_give_the_same_cues() -> None:
    for path in sorted(GOLD.glob("*.txt")):
        for line in path.read_text().lower().splitlines():
            assert cues_of(line) == _one_by_one(line), line


def test_near_misses() -> None:
    # "opened fire" is a phrase cue of an attack: its words apart are not it.
    assert cues_of("they opened the gates; fire broke out")[1] is False
    assert "category:minors" not in cues_of("under 1 8")[2]
    assert cues_of("troops opened fire on the crowd")[1] is True
    assert cues_of("the strikes continued") == _one_by_one("the strikes continued")
    # Aid is a delivery only with its verb, whichever table cued "aid".
    for line in ("the aid agency said talks were over.", "aid trucks were allowed in."):
        assert cues_of(line) == _one_by_one(line)
    assert cues_of("") == (set(), False, frozenset())


_WORDS = st.sampled_from(
    [*CUES, "opened", "fire", "aid", "trucks", "allowed in", "the deal", "per day", "a week"]
    + ["freed", "hostages", "ceasefire", "is over", "not yet", "went on", " ", "\n", ", "]
    + ["welcomed", "under 18", "under", "18", "women", "dual national", "over 60", "vowed"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=25).map(" ".join))
def test_any_text_gives_the_same_cues(text: str) -> None:
    assert cues_of(text) == _one_by_one(text)
