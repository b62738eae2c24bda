"""One event told twice in a document is one candidate: a headline or standfirst restated by
the body, or the same fact (same kind, same actor, same counts) in two paragraphs. The merged
candidate keeps the fuller mention as its span and the spans of its mentions in `mentions` (the
first `MAX_MENTIONS` of them and always its own span: a report that repeats one fact thousands
of times keeps its candidates bounded).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace

from truce.extract.model import Candidate, Span, calendar_day
from truce.extract.switches import on

# A headline, a standfirst or a page's title line has no closing punctuation.
_CLOSERS = (".", "!", "?", '"', "\u201d", "\u2019", "'", ")", ":", ";")
_DURATIONS = {"days", "weeks", "months", "hours"}
MAX_MENTIONS = 20
# A truce starts, ends or is extended once on a given day: two mentions of one of these on the
# same day, with the same modality, tell one event ("the truce will begin on Friday" ... "the
# truce will begin at 7am").
_ONCE_A_DAY = {"ceasefire_start", "ceasefire_end", "ceasefire_extension"}


def merge_repeats(
    candidates: list[Candidate], text: str, sentences: list[Span], title: str | None
) -> list[Candidate]:
    starts = [start for start, _ in sentences]
    # Halves of an exchange share their span (and type); other kinds of one sentence do not count.
    shared = Counter((c.type, c.span) for c in candidates)
    title_key = _key(title) if title else ""
    end = len(text.rstrip())

    def headline(c: Candidate) -> bool:
        """Its sentence is a line of its own with no closing punctuation (a text cut short
        ends like one, so its last line is not taken for a headline), or the page's title."""
        at = bisect_right(starts, (c.span[0] + c.span[1]) // 2) - 1
        start, stop = sentences[at] if at >= 0 else c.span
        line = text[start:stop].strip()
        if not line or "\n" in line:
            return False
        if title_key and title_key in _key(line):
            return True
        # A sentence may end on the opening quote of the next (`intrusions. “`).
        return not line.rstrip("\u201c\u2018 ").endswith(_CLOSERS) and stop < end

    kept: list[Candidate] = []
    types = Counter(c.type for c in candidates)
    # Only a candidate that has another of its kind can be merged: only its line is looked at.
    heads = {id(c): types[c.type] > 1 and headline(c) for c in candidates}
    worded = _worded(candidates, text) if types["breach"] > 1 else {}
    for c in candidates:
        # Halves of an exchange are two events by construction.
        same = (
            None
            if shared[c.type, c.span] > 1
            else next(
                (
                    k
                    for k in kept
                    if shared[k.type, k.span] == 1 and _one_event(k, c, heads, worded)
                ),
                None,
            )
        )
        if same is None:
            kept.append(c)
            continue
        _absorb(same, c, fuller=heads[id(same)] or (not heads[id(c)] and _longer(c, same)))
        # A headline that took a body mention's span is a body mention from now on.
        heads[id(same)] = heads[id(same)] and heads[id(c)]
    for c in kept:
        if c.mentions:
            c.mentions = _bounded({c.span, *c.mentions}, c.span)
    return kept


def _key(line: str) -> str:
    return " ".join(line.split()).casefold()


def _longer(a: Candidate, b: Candidate) -> bool:
    return a.span[1] - a.span[0] > b.span[1] - b.span[0]


def _counts(c: Candidate) -> set[float]:
    return {q.value for q in c.quantities if q.unit not in _DURATIONS}


def _one_event(
    earlier: Candidate, later: Candidate, heads: dict[int, bool], worded: dict[int, bool]
) -> bool:
    if earlier.type != later.type or earlier.span == later.span:
        return False
    headline_first = heads[id(earlier)] and not heads[id(later)]
    # A day and a time in it may tell one event; two days never, unless one is the headline's
    # (a headline's "Friday" has no dateline of its own to be read against).
    if (
        earlier.date
        and later.date
        and calendar_day(earlier.date) != calendar_day(later.date)
        and not headline_first
    ):
        return False
    if earlier.type == "statement" and (
        earlier.source.speaker is None or earlier.source.speaker != later.source.speaker
    ):
        return False
    a, b = _counts(earlier), _counts(later)
    if headline_first:
        # The headline states what the body tells: compatible parties and counts suffice.
        actors_fit = not (earlier.actor and later.actor and earlier.actor != later.actor)
        return actors_fit and (not a or not b or bool(a & b))
    if earlier.type in _ONCE_A_DAY and earlier.date and later.date:
        return earlier.modality == later.modality
    if earlier.type == "breach" and on("breach.one_allegation"):
        return one_allegation(earlier, later, a, b, worded)
    # Two body mentions: the same party doing the same thing with the same count.
    return (
        earlier.actor is not None
        and earlier.actor == later.actor
        and bool(a)
        and a == b
        and earlier.modality == later.modality
    )


def one_allegation(
    earlier: Candidate, later: Candidate, a: set[float], b: set[float], worded: dict[int, bool]
) -> bool:
    """Rule `breach.one_allegation`: a party accused of violating the truce twice in words
    alone ("India accuses Pakistan of fresh violations" ... "Pakistan violated the agreement"),
    with no count or the same, on one day or none, is one allegation; an attack told as such
    ("opened fire on", "abducted") is its own breach (`_one_event`'s rule for two body
    mentions)."""
    return (
        earlier.actor is not None
        and earlier.actor == later.actor
        and earlier.modality == later.modality
        and (not a or not b or a == b)
        and (
            earlier.date is None
            or later.date is None
            or calendar_day(earlier.date) == calendar_day(later.date)
        )
        and worded.get(id(earlier), False)
        and worded.get(id(later), False)
    )


# An allegation in words: a breach word and no attack ("fired", "shelling", "drones", ...).
_BREACH_WORD = re.compile(r"\b(?:violat|breach|accus)", re.IGNORECASE)
_ATTACK = re.compile(
    r"\b(?:fir(?:e|ed|es|ing)|shell\w*|strik\w*|struck|bomb\w*|attack\w*|raid\w*|drones?|"
    r"missiles?|rockets?|artillery|killed|abduct\w*|kidnap\w*|seiz\w*|assault\w*|clash\w*|"
    r"offensive|gunfire|troops|shot)\b",
    re.IGNORECASE,
)


def _worded(candidates: list[Candidate], text: str) -> dict[int, bool]:
    """Which breaches are allegations in words alone (rule `breach.one_allegation`)."""
    if not on("breach.one_allegation"):
        return {}
    out = {}
    for c in candidates:
        if c.type == "breach":
            said = text[c.span[0] : c.span[1]]
            out[id(c)] = bool(_BREACH_WORD.search(said)) and not _ATTACK.search(said)
    return out


def _bounded(spans: set[Span], own: Span) -> list[Span]:
    """The first MAX_MENTIONS spans, the candidate's own always among them."""
    kept = sorted(spans)[:MAX_MENTIONS]
    return kept if own in kept else sorted([*kept[:-1], own])


def _absorb(into: Candidate, other: Candidate, *, fuller: bool) -> None:
    """`into` stays in the list; with `fuller` it takes the other's span and arguments."""
    spans = {into.span, other.span, *into.mentions, *other.mentions}
    if fuller:
        # The mention it had been until now is one of its mentions from now on, read as it was.
        into.absorbed = [*into.absorbed, replace(into, absorbed=[]), *other.absorbed]
        into.trigger = other.trigger  # the trigger of the span it takes
        base, extra = other, into
        for name in ("span", "actor", "target", "date", "date_precision", "location", "quote"):
            setattr(into, name, getattr(base, name) or getattr(extra, name))
        into.quantities = base.quantities or extra.quantities
        into.source = base.source if base.source.speaker or base.source.anonymous else extra.source
        into.modality = base.modality
    else:
        into.absorbed = [*into.absorbed, replace(other, absorbed=[]), *other.absorbed]
        for name in ("actor", "target", "date", "date_precision", "location", "quote"):
            if getattr(into, name) is None:
                setattr(into, name, getattr(other, name))
        into.quantities = into.quantities or other.quantities
    into.participants = sorted(set(into.participants) | set(other.participants))
    into.categories = sorted(set(into.categories) | set(other.categories))
    into.mentions = _bounded(spans, into.span)
