"""Each candidate's own span: the words it was read from, not its whole sentence.

The event rules read a candidate's sentence, and while they run `Candidate.span` is that
sentence. Once they are done, `own_spans` keeps the sentence in `sentence_span` and narrows
`span` (rule `span.own`) to the clauses that hold the candidate's trigger and its arguments:
the figures it carries, the time expression that dates it, the mention of its actor nearest
the trigger, its speaker's name and the place it names, when the sentence holds them. A clause
ends at a semicolon, at a dash between words, or at a comma before a conjunction ("Hamas freed
13 hostages on Friday, while Israel released 39 prisoners on Saturday" is two clauses), so a
sentence of one clause stays the span whole. Each of a merged candidate's
`mentions` is narrowed the same way, from the candidate that told it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from truce.extract.model import ActorMention, Candidate, Span, TimeRef, calendar_day
from truce.extract.switches import on

# Where one clause ends and the next begins: the break itself is in neither.
_BREAK = re.compile(
    r";\s*|\s[\u2014\u2013]\s*|\s--\s*|"
    r",\s+(?=(?:and|but|while|whereas|although|though|after|before|when|"
    r"as|because|yet)\b)"
)
_WORD = re.compile(r"[\w'\u2019-]+")


def clause_bounds(text: str, sentence: Span, start: int, end: int) -> Span:
    """The run of clauses of `sentence` that holds `text[start:end]`, without the spaces
    around it."""
    first, last = sentence
    for found in _BREAK.finditer(text, sentence[0], sentence[1]):
        if found.end() <= start:
            first = found.end()
        elif found.start() >= end:
            last = found.start()
            break
    while first < last and text[first].isspace():
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    return (first, last) if first < last else sentence


def _nearest(spans: list[Span], at: int) -> Span | None:
    return min(spans, key=lambda s: (abs(s[0] - at), s[0]), default=None)


def _occurrences(text: str, words: str, lo: int, hi: int) -> list[Span]:
    found, at = [], text.find(words, lo, hi)
    while at >= 0 and len(found) < 20:
        found.append((at, at + len(words)))
        at = text.find(words, at + 1, hi)
    return found


def arguments(
    c: Candidate,
    text: str,
    sentence: Span,
    times: Callable[[int, int], list[TimeRef]],
    actors: Callable[[int, int], list[ActorMention]],
) -> list[Span]:
    """Where, in its sentence, a candidate's trigger and arguments are."""
    lo, hi = sentence
    inside = [] if c.trigger is None or not lo <= c.trigger < hi else [c.trigger]
    at = inside[0] if inside else lo
    word = _WORD.match(text, at) if inside else None
    found: list[Span] = [(at, word.end() if word else at + 1)] if inside else []
    found += [q.span for q in c.quantities if lo <= q.span[0] and q.span[1] <= hi]
    if c.date is not None:
        day = calendar_day(c.date)
        dated = [t.span for t in times(lo, hi) if t.date and calendar_day(t.date) == day]
        found += [s for s in [_nearest(dated, at)] if s]
    if c.actor is not None:
        named = [m.span for m in actors(lo, hi) if m.actor == c.actor]
        found += [s for s in [_nearest(named, at)] if s]
    for words in (c.source.speaker, c.location):
        if words:
            found += [s for s in [_nearest(_occurrences(text, words, lo, hi), at)] if s]
    return found


def own_span(
    c: Candidate,
    text: str,
    sentence: Span,
    times: Callable[[int, int], list[TimeRef]],
    actors: Callable[[int, int], list[ActorMention]],
) -> Span:
    """The clauses of `sentence` holding the candidate's trigger and arguments; the sentence
    when none of them is in it."""
    found = arguments(c, text, sentence, times, actors)
    if not found:
        return sentence
    return clause_bounds(text, sentence, min(s[0] for s in found), max(s[1] for s in found))


def own_spans(
    candidates: list[Candidate],
    text: str,
    times: Callable[[int, int], list[TimeRef]],
    actors: Callable[[int, int], list[ActorMention]],
) -> None:
    """Keep each candidate's sentence in `sentence_span` and narrow its `span`, and each of its
    `mentions`, to its own words (rule `span.own`)."""
    narrow = on("span.own")
    for c in candidates:
        sentence = c.span
        c.sentence_span = sentence
        if not narrow:
            continue
        c.span = own_span(c, text, sentence, times, actors)
        if c.mentions:
            told = {m.span: m for m in c.absorbed}
            c.mentions = sorted(
                c.span
                if m == sentence
                else own_span(told[m], text, m, times, actors)
                if m in told
                else m
                for m in c.mentions
            )
        c.absorbed = []
