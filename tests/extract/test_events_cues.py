"""The events component's one pass over a sentence's words gives what its three cue searches
(the trigger table's, the kinds' own, an attack's) gave one by one."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.extract.components.events import cues_of
from truce.extract.components.kinds import RULES
from truce.extract.components.kinds.breach_in_force import CUES, cued
from truce.extract.triggers import kinds_cued

GOLD = Path(__file__).parents[2] / "eval" / "gold" / "documents"


def _one_by_one(lowered: str) -> tuple[set[str], bool]:
    own = {str(k) for k, rule in RULES.items() if any(c in lowered for c in rule.cues)}
    return kinds_cued(lowered) | own, cued(lowered)


def test_gold_lines_give_the_same_cues() -> None:
    for path in sorted(GOLD.glob("*.txt")):
        for line in path.read_text().lower().splitlines():
            assert cues_of(line) == _one_by_one(line), line


def test_near_misses() -> None:
    # "opened fire" is a phrase cue of an attack: its words apart are not it.
    assert cues_of("they opened the gates; fire broke out")[1] is False
    assert cues_of("troops opened fire on the crowd")[1] is True
    assert cues_of("the strikes continued") == _one_by_one("the strikes continued")
    # Aid is a delivery only with its verb, whichever table cued "aid".
    for line in ("the aid agency said talks were over.", "aid trucks were allowed in."):
        assert cues_of(line) == _one_by_one(line)
    assert cues_of("") == (set(), False)


_WORDS = st.sampled_from(
    [*CUES, "opened", "fire", "aid", "trucks", "allowed in", "the deal", "per day", "a week"]
    + ["freed", "hostages", "ceasefire", "is over", "not yet", "went on", " ", "\n", ", "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=25).map(" ".join))
def test_any_text_gives_the_same_cues(text: str) -> None:
    assert cues_of(text) == _one_by_one(text)
