"""One statement per speaker's turn: sentences in a row by one speaker are one statement.

   Zakharova said the strikes went on daily. "Russia strictly adheres to the ban," she said.
   On NATO, Zakharova said the alliance was arming.

A report gives a speaker several sentences in a row (the quote, the paraphrase, the "he added"
that follows); the monitor records one statement for that turn, as it records one statement
for a quotation cut into sentences (`statement_quotes`). A later statement of the same speaker
and party, no further than `TURN_REACH` sentences after the last one of the turn and with no
other statement between, joins the turn's first: its span goes to the first's `mentions`, and
what the first lacks (date, target, place, quote) it takes from it.

A turn ends at another speaker's statement, at a sentence more than `TURN_REACH` sentences
on, or where the party speaking changes; an unnamed speaker ("the source said") never makes a
turn of two statements. The candidates are read once in order: linear in their number.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from truce.extract.components.pronoun_stance import PRONOUN_STANCE
from truce.extract.components.repeats import MAX_MENTIONS
from truce.extract.model import Candidate, Span
from truce.extract.switches import on
from truce.extract.triggers import TRUCE_WORDS

_MORE_TRUCE = re.compile(r"\b(?:hostilities|accords?)\b", re.IGNORECASE)
# How many sentences on a later statement of the same speaker still belongs to the turn.
TURN_REACH = 2


def merge_turns(
    candidates: list[Candidate], sentences: list[Span], text: str = ""
) -> list[Candidate]:
    """The candidates with each statement that continues a speaker's turn merged into the
    turn's first statement. With the document's `text`, a statement whose sentence opens with
    a pronoun taking a new position ("He vowed ...") starts a turn of its own."""
    starts = [start for start, _ in sentences]
    out: list[Candidate] = []
    turn: Candidate | None = None  # the first statement of the running turn
    last = -1  # the sentence of the turn's latest statement
    for c in candidates:
        if c.type != "statement":
            out.append(c)
            continue
        at = bisect_right(starts, c.span[0]) - 1
        same = turn is not None and _same_speaker(turn, c) and not _new_stance(turn, c)
        same = same and not _new_act(c, text) and not _on_the_truce(turn, c, text)
        if turn is not None and same and 0 <= at - last <= TURN_REACH:
            _join(turn, c)
            last = at
            continue
        turn, last = c, at
        out.append(c)
    return out


def _new_stance(turn: Candidate, c: Candidate) -> bool:
    """Whether `c` says something of another modality than the turn's first statement
    (`statement.turn_modality`): "He said the truce was holding. He said he would respond
    forcefully to any violation": a fact told, then a threat, two statements."""
    return c.modality == "conditional" != turn.modality and on("statement.turn_modality")


def _new_act(c: Candidate, text: str) -> bool:
    """Whether `c`'s sentence opens with a pronoun taking a position of its own ("He vowed to
    press on", rule `attribution.pronoun_stance`): a new act of the speaker, not the turn's
    next words."""
    if not text or not on("attribution.pronoun_stance"):
        return False
    return PRONOUN_STANCE.match(text, c.span[0], c.span[1]) is not None


def _on_the_truce(turn: Candidate | None, c: Candidate, text: str) -> bool:
    """Whether `c`'s sentence speaks of the truce or the deal itself in another mood than the
    turn's first statement (rule `statement.turn_on_truce`): "'We hope this will speed up the
    agreement's implementation,' he said" after "He said the weapons had been handed over" is
    a second matter, a statement of its own."""
    if turn is None or not text or not on("statement.turn_on_truce"):
        return False
    if c.modality == turn.modality:
        return False
    if TRUCE_WORDS.search(text, c.span[0], c.span[1]) is not None:
        return True
    return _MORE_TRUCE.search(text, c.span[0], c.span[1]) is not None


def _same_speaker(a: Candidate, b: Candidate) -> bool:
    speaker = a.source.speaker
    return (
        speaker is not None
        and speaker == b.source.speaker
        and a.actor is not None
        and a.actor == b.actor
    )


def _join(into: Candidate, other: Candidate) -> None:
    into.absorbed = [*into.absorbed, replace(other, absorbed=[]), *other.absorbed]
    for name in ("date", "date_precision", "target", "location", "quote"):
        if getattr(into, name) is None:
            setattr(into, name, getattr(other, name))
    into.participants = sorted(set(into.participants) | set(other.participants))
    spans = sorted({into.span, *into.mentions, other.span, *other.mentions})
    kept = spans[:MAX_MENTIONS]
    into.mentions = kept if into.span in kept else sorted([*kept[:-1], into.span])
