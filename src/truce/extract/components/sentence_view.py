"""One sentence as the event rules see it, and the argument rules they share: the nearest
date, the parties named, who did it ("by X", "X freed ..."), the categories of people.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Generic, TypeVar

from truce.extract import switches, time_roles
from truce.extract.components.actors import find_actors, gazetteer_off
from truce.extract.components.background import told_as_background
from truce.extract.components.modality import modality_at
from truce.extract.components.modality import single_clause as one_clause
from truce.extract.gazetteer import ARMY_DESCRIPTIONS
from truce.extract.limits import extract_limits
from truce.extract.model import (
    ActorMention,
    Article,
    Attribution,
    Candidate,
    Quantity,
    SourceRef,
    TimeRef,
)
from truce.extract.switches import on
from truce.extract.triggers import (
    ANY_CATEGORY_CUE,
    CATEGORY_CUE_WORDS,
    CATEGORY_WORDS,
    NAMED,
    TRUCE_NOUNS,
    has_cue,
)
from truce.extract.triggers import lowercase_twin as _twin

# Cue sets the rules ask of a sentence by name (`Sentence.has_cues`): the events component
# finds them all in its one pass over the sentence's words. The kinds add their own.
NAMED_CUES: dict[str, tuple[str, ...]] = {
    f"category:{name}": cues for name, cues in CATEGORY_CUE_WORDS.items()
}
_CATEGORY_NAMES = frozenset(NAMED_CUES)
PARTY_KINDS = {"state", "armed-group", "agency", "official", "organisation", "place"}
PEOPLE_WORDS = {
    "hostages": re.compile(r"\bhostages?\b|\bcaptives?\b|\bheld in Gaza\b", re.IGNORECASE),
    "prisoners": re.compile(r"\bprisoners?\b|\bdetainees?\b|\bjails?\b", re.IGNORECASE),
}


T = TypeVar("T")


class _Once(Generic[T]):
    """`functools.cached_property` without its lock, which Python 3.11 takes on every first
    read (a sentence is read by one thread): the value is computed once and stored in the
    instance's `__dict__`, where later reads find it before this descriptor."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        value = self.compute(instance)
        instance.__dict__[self.name] = value
        return value


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    quantities: list[Quantity]
    times: list[TimeRef]
    actors: list[ActorMention]
    attribution: Attribution | None
    modality: str
    lower: str = ""
    # The names of `NAMED_CUES` cued in the lowered sentence, when the caller found them
    # in its own pass over the sentence's words (the events component does); else None and
    # each set is looked for when asked (`has_cues`).
    cued: frozenset[str] | None = None
    # What a rule worked out of this sentence and asks again (`once`); a copy made with other
    # fields (`dataclasses.replace`) starts empty.
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Only when lowering kept every offset (always for ASCII) can the lowered text stand in.
        # The caller may pass `text.lower()` when it has it.
        lowered = self.lower or self.text.lower()
        self.lower = lowered if len(lowered) == len(self.text) else ""

    @_Once
    def categories(self) -> tuple[str, ...]:
        """Only sentences that give a candidate need these: most give none."""
        return tuple(categories(self.text, self.cued))

    def once(self, key: str, compute: Callable[[Sentence], T]) -> T:
        """`compute(self)`, worked out on the first call for `key` only; the value must not be
        changed by those who get it."""
        if key not in self.memo:
            self.memo[key] = compute(self)
        value: T = self.memo[key]
        return value

    def has_cues(self, name: str) -> bool:
        """Whether one of the cues `NAMED_CUES[name]` is in the lowered sentence."""
        if self.cued is not None:
            return name in self.cued
        return has_cue(self.lower or self.text.lower(), NAMED_CUES[name])

    @_Once
    def single_clause(self) -> bool:
        """One clause: every trigger in it has the sentence's modality (several candidates of
        one sentence ask)."""
        return one_clause(self.text)

    @_Once
    def party_ids(self) -> tuple[str, ...]:
        return tuple(sorted({m.actor for m in parties(self.actors)}))

    @_Once
    def event_times(self) -> list[TimeRef]:
        """The times that can date an event of this sentence (not "since ..." ones)."""
        return [t for t in self.times if not _SINCE.search(self.text, 0, t.span[0] - self.start)]


def nearest(items: list[TimeRef], offset: int) -> TimeRef | None:
    """The first item after `offset`, else the closest one before it."""
    after = [i for i in items if i.span[0] >= offset]
    if after:
        return after[0]
    return min(items, key=lambda i: abs(i.span[0] - offset), default=None)


def parties(actors: list[ActorMention]) -> list[ActorMention]:
    return [a for a in actors if a.kind in PARTY_KINDS]


def holders(actors: list[ActorMention]) -> tuple[str | None, str | None]:
    """The document's main armed group and main state: who holds hostages and prisoners."""
    groups = Counter(a.actor for a in actors if a.kind == "armed-group")
    states = Counter(a.actor for a in actors if a.kind in {"state", "place"})
    return (
        groups.most_common(1)[0][0] if groups else None,
        states.most_common(1)[0][0] if states else None,
    )


def by_actor(s: Sentence, offset: int) -> str | None:
    """The party named in "by X" after the trigger, if any."""
    lowered = s.text.lower()
    at = lowered.find(" by ", offset - s.start)
    if at < 0:
        return None
    for mention in parties(s.actors):
        if mention.span[0] - s.start in range(at, at + 40):
            return mention.actor
    return None


def clause_end(s: Sentence, offset: int) -> int:
    """Where the clause holding `offset` ends: a closing quote or a semicolon after it."""
    rest = s.text[offset - s.start :]
    cut = min((i for i in (rest.find("”"), rest.find(";")) if i >= 0), default=len(rest))
    return offset + cut


def search(pattern: re.Pattern[str], s: Sentence) -> re.Match[str] | None:
    if switches.OFF:
        return next(finditer(pattern, s), None)
    twin = _twin(pattern) if s.lower else None
    return twin.search(s.lower) if twin is not None else pattern.search(s.text)


def finditer(pattern: re.Pattern[str], s: Sentence) -> Iterator[re.Match[str]]:
    if switches.OFF:  # a trigger's alternative switched off finds nothing (switches.py)
        pattern = NAMED.get(pattern, pattern)
        twin = _twin(pattern) if s.lower else None
        named = twin.finditer(s.lower) if twin is not None else pattern.finditer(s.text)
        return (m for m in named if _branch_on(m))
    twin = _twin(pattern) if s.lower else None
    return twin.finditer(s.lower) if twin is not None else pattern.finditer(s.text)


def _branch_on(match: re.Match[str]) -> bool:
    name = match.lastgroup
    return name is None or "__" not in name or switches.on("trigger." + name.replace("__", "."))


def near_truce_noun(text: str, start: int, end: int, reach: int = 50) -> bool:
    window = text[max(0, start - reach) : end + reach]
    return TRUCE_NOUNS.search(window) is not None


# A truce named in a time clause ("hours before the truce began", "the time at which the pause
# begins") is a reference point for something else, not the news itself.
_BACKGROUND = re.compile(
    r"\b(?:before|after|since|until|once|when|as|at\s+which)\s+"
    r"(?:the|a|an|this|that|its|their)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_CLAUSE_MARK = re.compile(r"[,;:]")
_PRONOUN_CLAUSE = re.compile(
    r"\b(?:after|since|before|when|once|until|as)\s+(?:it|they)\s+(?:had\s+|has\s+|have\s+)?$",
    re.IGNORECASE,
)
_RELATIVE_OPEN = re.compile(r"^,\s*(?:which|that)\b")
_CONDITION = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)


def hypothetical(text: str, at: int) -> bool:
    """Whether `at` lies in an "if" or "unless" clause opened earlier in the sentence: "would
    strike if Hezbollah violated the deal" alleges no violation."""
    conditions = list(_CONDITION.finditer(text, 0, at))
    return bool(conditions) and not _CLAUSE_MARK.search(text, conditions[-1].end(), at)


def pronoun_time_clause(text: str, start: int) -> bool:
    """Whether the trigger at `start` is in a time clause on "it" or "they": "minutes after it
    took effect", "since they began"."""
    return _PRONOUN_CLAUSE.search(text, max(0, start - 30), start) is not None


def of_the_truce(kind: str, text: str, match: re.Match[str]) -> bool:
    """Whether a start or end trigger is said of the truce itself, as news.

    The truce must head the trigger's clause ("A cessation of hostilities ... brokered by X took
    effect"), be named in the trigger ("declared a ceasefire") or, for an end, be named close
    by ("resumed its offensive, ending the truce"). Not in a time clause or an if-clause.
    """
    start, end = match.span()
    if hypothetical(text, start):
        return False
    if on("truce.pronoun_time_clause") and pronoun_time_clause(text, start):
        # Rule `truce.pronoun_time_clause`: "violated the ceasefire minutes after it took
        # effect", "killed 30 since it began": a time clause about the truce, not its news.
        return False
    if TRUCE_NOUNS.search(match.group()):
        return True
    nouns = list(TRUCE_NOUNS.finditer(text, 0, start))
    subject = nouns[-1] if nouns else None
    if subject is not None:
        # "the pause, which began ...": the relative clause still speaks of the pause.
        between = _RELATIVE_OPEN.sub("", text[subject.end() : start], count=1)
        subject = None if _CLAUSE_MARK.search(between) else subject
    if subject is not None:
        return not (start - subject.end() <= 50 and _BACKGROUND.search(text, 0, subject.start()))
    return kind == "ceasefire_end" and near_truce_noun(text, start, end)


def categories(text: str, cued: frozenset[str] | None = None) -> list[str]:
    """The categories of people `text` names; `cued`, the names of `NAMED_CUES` cued in
    `text.lower()` when the caller has them (one per category: "category:NAME")."""
    if cued is not None:
        if not cued & _CATEGORY_NAMES:
            return []
        return [
            name
            for name, pattern in CATEGORY_WORDS.items()
            if f"category:{name}" in cued and pattern.search(text)
        ]
    lowered = text.lower()
    if not has_cue(lowered, ANY_CATEGORY_CUE):
        return []
    return [
        name
        for name, pattern in CATEGORY_WORDS.items()
        if has_cue(lowered, CATEGORY_CUE_WORDS[name]) and pattern.search(text)
    ]


# "held since its 7 October attack", "killed since October 2023": the start of a span the
# sentence measures, not the day of its event.
_SINCE = re.compile(r"\bsince\s+(?:(?:its|the|their|his|her)\s+)?$", re.IGNORECASE)


# "33 vessels have arrived since the ceasefire took effect on April 2": a time in a "since"
# clause after the trigger is when the span began, not the day of the trigger's event.
_SINCE_CLAUSE = re.compile(r"\bsince\b[^,;.]{0,100}$", re.IGNORECASE)


def _outside_since_clause(s: Sentence, trigger: int, times: list[TimeRef]) -> list[TimeRef]:
    if not times or "since" not in (s.lower or s.text.lower()) or not on("date.since_clause"):
        return times
    at = trigger - s.start
    return [
        t
        for t in times
        if t.span[0] - s.start <= at
        or _SINCE_CLAUSE.search(s.text, at, t.span[0] - s.start) is None
    ]


# Kinds whose tally "since Friday" is dated by the window it opens (rule `date.since_week`).
_SINCE_KINDS = frozenset(("casualty_claim", "release", "breach", "aid_delivery"))


def candidate(kind: str, s: Sentence, trigger: int, article: Article) -> Candidate:
    times = _outside_since_clause(s, trigger, s.event_times)
    # An agreement's date is its terms' ("the terms of the November 2 agreement include").
    if times and kind != "agreement_term" and on("date.names_other_event"):
        times = time_roles.for_trigger(s.text, s.start, times, trigger)
    if times and kind != "agreement_term" and on("date.relative_clause"):
        times = time_roles.outside_relative_clause(s.text, s.start, times, trigger)
    time = nearest(times, trigger)
    if time is not None and kind == "casualty_claim" and on("date.cumulative_toll"):
        time = None if time_roles.cumulative_toll(s.text) else time
    if time is None and kind in _SINCE_KINDS and on("date.since_week"):
        time = time_roles.since_week(s.text, s.start, s.times, article.published)
    source = s.attribution.source if s.attribution else SourceRef()
    if kind == "ceasefire_start" and told_as_background(s.text, trigger - s.start):
        source = SourceRef()  # rule `attribution.background_start`
    quote = None
    if s.attribution and s.attribution.quote:
        quote = article.text[slice(*quote_window(s.attribution.quote, s.start))]
    return Candidate(
        type=kind,
        span=(s.start, s.end),
        document=article.document,
        modality=modality_at(s.text, trigger - s.start, s.modality, s.single_clause),
        date=time.date if time else None,
        date_precision=time.precision if time else None,
        participants=list(s.party_ids),
        categories=list(s.categories),
        source=source,
        quote=quote,
        trigger=trigger,
    )


def quote_window(quote: tuple[int, int], sentence_start: int) -> tuple[int, int]:
    """The quotation as a candidate carries it: whole when it is no longer than a sentence may
    be, else the part from the candidate's sentence on, cut to that length. A quotation mark
    left open runs to the end of the document, and copying that onto every candidate after it
    would make the queue grow with the square of the document."""
    start, end = quote
    cap = extract_limits().max_sentence_chars
    if end - start <= cap:
        return quote
    start = max(start, sentence_start)
    return start, min(end, start + cap)


def people(quantity: Quantity, text: str) -> Quantity:
    """A count of "people" released is of hostages or prisoners when the sentence says which."""
    if quantity.unit != "people":
        return quantity
    for unit, pattern in PEOPLE_WORDS.items():
        if pattern.search(text):
            return replace(quantity, unit=unit)
    return quantity


def subject_before(s: Sentence, trigger: int) -> str | None:
    """The party named just before the trigger ("Israel freed ..."), if any."""
    for mention in reversed(parties(s.actors)):
        if mention.span[1] <= trigger and trigger - mention.span[1] <= 25:
            return mention.actor
    return None


def speaker_actor(s: Sentence) -> str | None:
    """The party a speaker speaks for: an official's state, an agency, a government."""
    speaker = s.attribution.source.speaker if s.attribution else None
    if not speaker:
        return None
    for mention in s.actors:
        if mention.kind in PARTY_KINDS and mention.text in speaker:
            return mention.actor
        # "The army said": the speaker is "army", the mention "The army" (the government side
        # of the document's pair, rule `actors.army_by_context`), whose article it lost.
        army = mention.text.lower() in ARMY_DESCRIPTIONS
        if army and mention.text.split(None, 1)[-1] == speaker and on("actors.army_by_context"):
            return mention.actor
    return named_in(speaker, with_demonyms=False)


def named_in(phrase: str, with_demonyms: bool) -> str | None:
    """The first party a speaker's name or description names ("Qatar's foreign ministry",
    "an Egyptian official"). Speakers recur through a corpus, so answers are kept (per state
    of the gazetteer's switches)."""
    return _named_in(phrase, with_demonyms, gazetteer_off())


@lru_cache(maxsize=8192)
def _named_in(phrase: str, with_demonyms: bool, _off: frozenset[str]) -> str | None:
    for mention in find_actors(phrase):
        if mention.kind in PARTY_KINDS or (with_demonyms and mention.kind == "demonym"):
            return mention.actor
    return None
