"""Each candidate's own span: the words it was read from, not its whole sentence.

The event rules read a candidate's sentence, and while they run `Candidate.span` is that
sentence. Once they are done, `own_spans` keeps the sentence in `sentence_span` and narrows
`span` (rule `span.own`) to the clauses that hold the candidate's trigger and its arguments:
the figures it carries, the time expression that dates it, the mention of its actor nearest
the trigger, a statement's speaker and the place it names, when the sentence holds them. A clause
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

# Where one clause ends and the next begins: the break itself is in neither. "and", "but" or
# "yet" before a verb joins a second verb to the same subject ("was agreed on June 9, and will
# begin on August 3"), one clause.
_SAME_SUBJECT = (
    r"(?:will|would|was|were|is|are|has|have|had|can|could|may|might|must|should|shall|did|"
    r"does|do|also|then|later|\w+ed)\b"
)
# Every alternative opens with its punctuation, so the scan skips ahead to the next one.
_BREAK = re.compile(
    r"(?:;|[\u2014\u2013](?<=\s[\u2014\u2013])|--(?<=\s--)|"
    rf",(?=\s+(?:and|but|yet)\s+(?!{_SAME_SUBJECT})\w|"
    r"\s+(?:while|whereas|although|though|after|before|when|as|because)\b))\s*"
)
_WORD = re.compile(r"[\w'\u2019-]+")


def clause_bounds(text: str, sentence: Span, start: int, end: int) -> Span:
    """The run of clauses of `sentence` that holds `text[start:end]`, without the spaces
    around it."""
    return _bounds(text, sentence, _breaks(text, sentence), start, end)


def _breaks(text: str, sentence: Span) -> list[Span]:
    """Where `sentence`'s clauses break (each break in neither clause)."""
    return [b.span() for b in _BREAK.finditer(text, sentence[0], sentence[1])]


def _bounds(text: str, sentence: Span, breaks: list[Span], start: int, end: int) -> Span:
    first, last = sentence
    for lo, hi in breaks:
        if hi <= start:
            first = hi
        elif lo >= end:
            last = lo
            break
    while first < last and text[first].isspace():
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    return (first, last) if first < last else sentence


def _nearest(spans: list[Span], at: int) -> Span | None:
    return min(spans, key=lambda s: (abs(s[0] - at), s[0]), default=None)


def _occurrences(text: str, words: str, lo: int, hi: int) -> list[Span]:
    found: list[Span] = []
    at = text.find(words, lo, hi)
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
    # A statement is its speaker's words; any other event is told by whoever tells it, and
    # "..., the ministry said" after two clauses belongs to neither.
    speaker = c.source.speaker if c.type == "statement" else None
    for words in (speaker, c.location):
        if words:
            found += [s for s in [_nearest(_occurrences(text, words, lo, hi), at)] if s]
    return found


class Clauses:
    """A document's candidates' own spans, each sentence's clause breaks found once: most
    sentences have none, and a sentence of one clause is every candidate's span whole."""

    def __init__(
        self,
        text: str,
        times: Callable[[int, int], list[TimeRef]],
        actors: Callable[[int, int], list[ActorMention]],
    ) -> None:
        self.text, self.times, self.actors = text, times, actors
        self.found: dict[Span, list[Span]] = {}

    def breaks(self, sentence: Span) -> list[Span]:
        found = self.found.get(sentence)
        if found is None:
            found = self.found[sentence] = _breaks(self.text, sentence)
        return found

    def own(self, c: Candidate, sentence: Span) -> Span:
        """The clauses of `sentence` holding the candidate's trigger and arguments; the
        sentence (without the spaces around it) when it has one clause or holds none of
        them."""
        breaks = self.breaks(sentence)
        found = arguments(c, self.text, sentence, self.times, self.actors) if breaks else []
        start = min((s[0] for s in found), default=sentence[0])
        end = max((s[1] for s in found), default=sentence[1])
        return _bounds(self.text, sentence, breaks if found else [], start, end)


class OwnClauses:
    """While events are assembled (`span` is the sentence): the clauses each candidate's own
    span will be, where a field is looked for first (rule `place.own_clause`); the sentence
    when it has one clause or the rule is off. Found only for the sentences asked about."""

    def __init__(self, candidates: list[Candidate], clauses: Clauses) -> None:
        self.clauses = clauses
        self.on = on("place.own_clause") and on("span.own")
        self.told: dict[Span, list[Candidate]] = {}
        for c in candidates if self.on else ():
            self.told.setdefault(c.span, []).append(c)
        self.own: dict[int, Span] = {}

    def of(self, c: Candidate) -> Span:
        if not self.on or not self.clauses.breaks(c.span):
            return c.span
        own = self.own.get(id(c))
        if own is None:
            own = self.own[id(c)] = self.clauses.own(c, c.span)
        return own

    def place(
        self,
        c: Candidate,
        words: str | None,
        where: bool,
        place_of: Callable[[Span, bool], str | None],
    ) -> str | None:
        """Rule `place.own_clause`: of the place `words` its sentence names first, the place
        its own clauses name instead when `words` lie outside them ("freed 14 hostages in
        Rafah, while Israel released 39 in Ofer": Ofer for the second), and none when they lie
        only in another candidate's own clause. `place_of` finds the place a span names."""
        at = self._outside(c, words)
        if at is None:
            return words
        return place_of(self.of(c), where) or self.unless_elsewhere(c, words)

    def unless_elsewhere(self, c: Candidate, words: str | None) -> str | None:
        """`words` from its sentence, unless they are only in another candidate's own clause."""
        at = self._outside(c, words)
        if at is None:
            return words
        others = (self.of(k) for k in self.told.get(c.span, ()) if k is not c)
        return None if any(lo <= at < hi for lo, hi in others) else words

    def _outside(self, c: Candidate, words: str | None) -> int | None:
        """Where `words` stand in c's sentence when that is outside c's own clauses; None when
        there are no words, c's own clauses are its whole sentence, or the words are in them
        (or not found)."""
        own = self.of(c)
        if words is None or own == c.span:
            return None
        at = self.clauses.text.find(words, *c.span)
        if at < 0 or own[0] <= at < own[1]:
            return None
        return at


def own_spans(candidates: list[Candidate], clauses: Clauses) -> None:
    """Keep each candidate's sentence in `sentence_span` and narrow its `span`, and each of its
    `mentions`, to its own words (rule `span.own`)."""
    narrow = on("span.own")
    for c in candidates:
        sentence = c.span
        c.sentence_span = sentence
        if not narrow:
            continue
        c.span = clauses.own(c, sentence)
        if c.mentions:
            told = {m.span: m for m in c.absorbed}
            c.mentions = sorted(
                c.span if m == sentence else clauses.own(told[m], m) if m in told else m
                for m in c.mentions
            )
        c.absorbed = []
    if narrow:
        _with_what_is_said(candidates, clauses.text)


def _with_what_is_said(candidates: list[Candidate], text: str) -> None:
    """A statement is also what its speaker says: its span runs on to the end of its sentence
    ("Qatar reiterated its condemnation of ..., and its demand for ..."), or to the last clause
    break before the next candidate of the sentence that starts after it ("..., while Russia
    accused Ukraine of ...")."""
    starts: dict[Span, list[int]] = {}
    for c in candidates:
        if c.sentence_span is not None:
            starts.setdefault(c.sentence_span, []).append(c.span[0])
    for c in candidates:
        if c.type != "statement" or c.sentence_span is None:
            continue
        span, end = c.span, c.sentence_span[1]
        later = [at for at in starts[c.sentence_span] if at >= span[1]]
        if later:
            breaks = _BREAK.finditer(text, span[1], min(later))
            end = max((b.start() for b in breaks), default=span[1])
        while end > span[1] and text[end - 1].isspace():
            end -= 1
        c.span = (span[0], max(span[1], end))
        c.mentions = sorted(c.span if m == span else m for m in c.mentions)
