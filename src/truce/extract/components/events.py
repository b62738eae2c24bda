"""Event assembly: one candidate per trigger, with the arguments found in its sentence.

Reads every earlier component's annotations; sets `doc._.candidates`. The rules are general
(trigger + the nearest argument of the right kind), never written for one sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.components.actors import find_actors
from truce.extract.components.modality import modality_at
from truce.extract.model import (
    ActorMention,
    Article,
    Attribution,
    Candidate,
    Quantity,
    SourceRef,
    TimeRef,
)
from truce.extract.pipeline import sentence_spans
from truce.extract.triggers import (
    ANY_CATEGORY_CUE,
    CATEGORY_CUES,
    CATEGORY_WORDS,
    EXCHANGE,
    KINDS_CUED,
    PLOVER,
    TERM_CUES,
    TRIGGERS,
    TRUCE_NOUNS,
    TRUCE_WORDS,
)

PEOPLE_UNITS = {"hostages", "prisoners", "people", "soldiers"}
DURATION_UNITS = {"days", "weeks", "months", "hours"}
CASUALTY_UNITS = {"killed", "wounded"}
PARTY_KINDS = {"state", "armed-group", "agency", "official", "organisation", "place"}
NEEDS_TRUCE_WORD = {"ceasefire_start", "ceasefire_end", "agreement_term"}
# A start or an end is of the truce itself only when the truce is named close by.
NEAR_TRUCE_NOUN = {"ceasefire_start", "ceasefire_end"}
PEOPLE_WORDS = {
    "hostages": re.compile(r"\bhostages?\b|\bcaptives?\b|\bheld in Gaza\b", re.IGNORECASE),
    "prisoners": re.compile(r"\bprisoners?\b|\bdetainees?\b|\bjails?\b", re.IGNORECASE),
}
CONDITION = re.compile(r"\b(?:as long as|provided that|on condition that|if)\b", re.IGNORECASE)
OFFICIAL = re.compile(r"official|spokes|minister|diplomat|source|mediator|negotiator", re.I)
SPEECH = re.compile(
    r"\b(?:said|says|told|announced|added|stressed|accused|denied|thanked|warned|urged)\b"
)


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

    def __post_init__(self) -> None:
        lowered = self.text.lower()
        # Only when lowering kept every offset (always for ASCII) can the lowered text stand in.
        self.lower = lowered if len(lowered) == len(self.text) else ""

    @cached_property
    def categories(self) -> tuple[str, ...]:
        """Only sentences that give a candidate need these: most give none."""
        return tuple(_categories(self.text))


def _nearest(items: list[TimeRef], offset: int) -> TimeRef | None:
    """The first item after `offset`, else the closest one before it."""
    after = [i for i in items if i.span[0] >= offset]
    if after:
        return after[0]
    return min(items, key=lambda i: abs(i.span[0] - offset), default=None)


def _parties(actors: list[ActorMention]) -> list[ActorMention]:
    return [a for a in actors if a.kind in PARTY_KINDS]


def _holders(actors: list[ActorMention]) -> tuple[str | None, str | None]:
    """The document's main armed group and main state: who holds hostages and prisoners."""
    groups = Counter(a.actor for a in actors if a.kind == "armed-group")
    states = Counter(a.actor for a in actors if a.kind in {"state", "place"})
    return (
        groups.most_common(1)[0][0] if groups else None,
        states.most_common(1)[0][0] if states else None,
    )


def _by_actor(s: Sentence, offset: int) -> str | None:
    """The party named in "by X" after the trigger, if any."""
    lowered = s.text.lower()
    at = lowered.find(" by ", offset - s.start)
    if at < 0:
        return None
    for mention in _parties(s.actors):
        if mention.span[0] - s.start in range(at, at + 40):
            return mention.actor
    return None


def _clause_end(s: Sentence, offset: int) -> int:
    """Where the clause holding `offset` ends: a closing quote or a semicolon after it."""
    rest = s.text[offset - s.start :]
    cut = min((i for i in (rest.find("”"), rest.find(";")) if i >= 0), default=len(rest))
    return offset + cut


_TWINS: dict[re.Pattern[str], re.Pattern[str] | None] = {}


def _twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern without IGNORECASE, to run on lowered text: the same matches, 2-4x faster.
    None when the pattern spells capitals of its own (then only the original will do)."""
    if pattern not in _TWINS:
        bare = re.sub(r"\\.", "", pattern.pattern)
        usable = pattern.flags & re.IGNORECASE and not re.search(r"[A-Z]", bare)
        _TWINS[pattern] = (
            re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE) if usable else None
        )
    return _TWINS[pattern]


def _search(pattern: re.Pattern[str], s: Sentence) -> re.Match[str] | None:
    twin = _twin(pattern) if s.lower else None
    return twin.search(s.lower) if twin is not None else pattern.search(s.text)


def _finditer(pattern: re.Pattern[str], s: Sentence) -> Iterator[re.Match[str]]:
    twin = _twin(pattern) if s.lower else None
    return twin.finditer(s.lower) if twin is not None else pattern.finditer(s.text)


def _near_truce_noun(text: str, start: int, end: int, reach: int = 50) -> bool:
    window = text[max(0, start - reach) : end + reach]
    return TRUCE_NOUNS.search(window) is not None


def _categories(text: str) -> list[str]:
    lowered = text.lower()
    if ANY_CATEGORY_CUE.search(lowered) is None:
        return []
    return [
        name
        for name, pattern in CATEGORY_WORDS.items()
        if CATEGORY_CUES[name].search(lowered) and pattern.search(text)
    ]


def _candidate(kind: str, s: Sentence, trigger: int, article: Article) -> Candidate:
    time = _nearest(s.times, trigger)
    source = s.attribution.source if s.attribution else SourceRef()
    quote = None
    if s.attribution and s.attribution.quote:
        quote = article.text[s.attribution.quote[0] : s.attribution.quote[1]]
    return Candidate(
        type=kind,
        span=(s.start, s.end),
        document=article.document,
        modality=modality_at(s.text, trigger - s.start),
        date=time.date if time else None,
        date_precision=time.precision if time else None,
        participants=sorted({m.actor for m in _parties(s.actors)}),
        categories=list(s.categories),
        source=source,
        quote=quote,
        plover=dict(PLOVER[kind]),
    )


def _people(quantity: Quantity, text: str) -> Quantity:
    """A count of "people" released is of hostages or prisoners when the sentence says which."""
    if quantity.unit != "people":
        return quantity
    for unit, pattern in PEOPLE_WORDS.items():
        if pattern.search(text):
            return replace(quantity, unit=unit)
    return quantity


def _subject_before(s: Sentence, trigger: int) -> str | None:
    """The party named just before the trigger ("Israel freed ..."), if any."""
    for mention in reversed(_parties(s.actors)):
        if mention.span[1] <= trigger and trigger - mention.span[1] <= 25:
            return mention.actor
    return None


def _releases(
    s: Sentence, article: Article, holders: tuple[str | None, str | None]
) -> list[Candidate]:
    counts = [q for q in s.quantities if q.unit in PEOPLE_UNITS]
    if not counts or _search(TERM_CUES, s):
        return []
    group, state = holders
    used: set[tuple[int, int]] = set()
    out: list[Candidate] = []
    condition = _search(CONDITION, s)
    for match in _finditer(TRIGGERS["release"], s):
        trigger = s.start + match.start()
        if condition is not None and _search(TRIGGERS["agreement_term"], s):
            inside = (
                condition.start()
                <= match.start()
                < _clause_end(s, s.start + condition.start()) - s.start
            )
            if inside:
                continue  # the release is what the term requires, not an event
        free = [q for q in counts if q.span not in used and abs(q.span[0] - trigger) <= 90]
        if not free:
            continue
        after = [q for q in free if q.span[0] >= trigger]
        if after and after[0].span[0] - trigger <= 40:
            chosen = [after[0]]
        else:
            chosen = [min(free, key=lambda q: abs(q.span[0] - trigger))]
        if _search(EXCHANGE, s):
            chosen += [q for q in free if q not in chosen and q.unit != chosen[0].unit][:1]
        for quantity in chosen:
            used.add(quantity.span)
            counted = _people(quantity, s.text)
            c = _candidate("release", s, trigger, article)
            c.quantities = [counted]
            holder = group if counted.unit in {"hostages", "soldiers"} else state
            named = _subject_before(s, trigger) if len(chosen) == 1 else None
            c.actor = named or holder or _by_actor(s, trigger)
            window = article.text[max(s.start, quantity.span[0] - 40) : quantity.span[1] + 40]
            c.categories = _categories(window)
            out.append(c)
        if len(chosen) == 2:
            out[-1].actor = state if out[-2].actor == group else group
    return out


def _sentence_events(
    s: Sentence, article: Article, holders: tuple[str | None, str | None]
) -> list[Candidate]:
    out: list[Candidate] = []
    has_truce_word: bool | None = None
    cued = KINDS_CUED(s.lower or s.text.lower())
    for kind, pattern in TRIGGERS.items():
        # A statement is decided by its attribution below, not by its trigger word.
        if kind not in cued or kind == "statement":
            continue
        match = _search(pattern, s)
        if match is None:
            continue
        trigger = s.start + match.start()
        if kind in NEEDS_TRUCE_WORD:
            if has_truce_word is None:
                has_truce_word = _search(TRUCE_WORDS, s) is not None
            if not has_truce_word:
                continue
        if kind in NEAR_TRUCE_NOUN and not _near_truce_noun(s.text, match.start(), match.end()):
            continue
        if kind == "release":
            out.extend(_releases(s, article, holders))
            continue
        after = [q for q in s.quantities if q.span[0] >= trigger]
        if kind == "ceasefire_extension":
            days = [q for q in after if q.unit in DURATION_UNITS]
            if not days:
                continue
            c = _candidate(kind, s, trigger, article)
            c.quantities = days[:1]
        elif kind == "ceasefire_start":
            c = _candidate(kind, s, trigger, article)
            c.quantities = [
                q for q in s.quantities if q.unit in DURATION_UNITS and q.span[0] < trigger
            ][:1]
        elif kind == "casualty_claim":
            counts = [q for q in s.quantities if q.unit in CASUALTY_UNITS]
            if not counts:
                continue
            c = _candidate(kind, s, trigger, article)
            c.quantities = counts + [q for q in s.quantities if q.unit in DURATION_UNITS]
            first = next(iter(_parties(s.actors)), None)
            c.actor = _by_actor(s, trigger) or (first.actor if first else None)
        elif kind == "meeting":
            parties = _parties(s.actors)
            if not parties or s.text[match.start() : match.end() + 3].lower() == "met by":
                continue
            c = _candidate(kind, s, trigger, article)
            # A proper name ("Doha") over a description of it ("the Qatari capital").
            places = sorted(
                (m for m in s.actors if m.kind == "place"),
                key=lambda m: m.text.lower().startswith("the "),
            )
            c.location = places[0].text if places else None
        elif kind == "aid_delivery":
            if _search(TERM_CUES, s):
                continue
            c = _candidate(kind, s, trigger, article)
            c.quantities = [q for q in s.quantities if q.unit in {"trucks", "ships", "flights"}]
        elif kind == "breach":
            c = _candidate(kind, s, trigger, article)
            c.actor = _by_actor(s, trigger)
        elif kind == "agreement_term":
            c = _candidate(kind, s, trigger, article)
            if c.modality == "hoped":
                continue  # "our hope is to reach ..." is a wish, not a term
            # A term states a rule in force (gold guideline), even when the rule is an "if".
            c.modality = "denied" if c.modality == "denied" else "occurred"
            c.quantities = [q for q in s.quantities if q.span[0] < _clause_end(s, trigger)]
        else:
            c = _candidate(kind, s, trigger, article)
        out.append(c)
    if not out and s.attribution is not None:
        speaker = _speaker_actor(s)
        source = s.attribution.source
        official = source.anonymous and bool(OFFICIAL.search(source.role or ""))
        if speaker is not None or official:
            verb = SPEECH.search(s.text)
            c = _candidate("statement", s, s.start + (verb.start() if verb else 0), article)
            c.actor = speaker
            if c.date is None and article.published is not None:
                c.date, c.date_precision = article.published, "day"
            out.append(c)
    return out


def _speaker_actor(s: Sentence) -> str | None:
    """The party a speaker speaks for: an official's state, an agency, a government."""
    speaker = s.attribution.source.speaker if s.attribution else None
    if not speaker:
        return None
    for mention in s.actors:
        if mention.kind in PARTY_KINDS and mention.text in speaker:
            return mention.actor
    found = [m for m in find_actors(speaker) if m.kind in PARTY_KINDS]
    return found[0].actor if found else None


def _merge_meetings(candidates: list[Candidate]) -> list[Candidate]:
    """Later sentences about the same meeting add participants instead of new events."""
    kept: list[Candidate] = []
    for c in candidates:
        earlier = next(
            (
                k
                for k in kept
                if k.type == "meeting"
                and c.type == "meeting"
                and set(k.participants) & set(c.participants)
            ),
            None,
        )
        if earlier is None:
            kept.append(c)
        else:
            earlier.participants = sorted(set(earlier.participants) | set(c.participants))
            earlier.location = earlier.location or c.location
    return kept


class _BySpan:
    """Annotations sorted by where they start, sliced per sentence by binary search."""

    def __init__(self, items: list[Any]) -> None:
        self.items = sorted(items, key=lambda i: i.span)
        self.starts = [i.span[0] for i in self.items]

    def within(self, start: int, end: int) -> list[Any]:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [i for i in self.items[lo:hi] if i.span[1] <= end]


def assemble(doc: Doc) -> list[Candidate]:
    article: Article = doc._.article
    text = article.text  # `doc.text` re-joins every token on each access
    body_end = doc._.body_end if doc._.body_end is not None else len(text)
    skip = doc._.boilerplate or []
    actors = doc._.actors or []
    attributions = doc._.attributions or {}
    modalities = doc._.modalities or {}
    quantities = _BySpan(doc._.quantities or [])
    times = _BySpan(doc._.times or [])
    mentions = _BySpan(actors)
    holders = _holders(actors)
    candidates: list[Candidate] = []
    for index, (start, end) in enumerate(sentence_spans(doc)):
        if start >= body_end or any(a < end and start < b for a, b in skip):
            continue
        s = Sentence(
            index,
            start,
            end,
            text[start:end],
            quantities.within(start, end),
            times.within(start, end),
            mentions.within(start, end),
            attributions.get(index),
            modalities.get(index, "occurred"),
        )
        candidates.extend(_sentence_events(s, article, holders))
    candidates = _merge_meetings(candidates)
    for n, c in enumerate(candidates, 1):
        c.id = f"{article.document}#{n}"
        c.confidence = 0.4 + 0.2 * bool(c.quantities) + 0.2 * bool(c.date) + 0.2 * bool(c.actor)
    for first, second in zip(candidates, candidates[1:], strict=False):
        if first.type == second.type == "release" and first.span == second.span:
            first.links, second.links = [second.id], [first.id]
    return candidates


@Language.component(
    "truce_events_v1",
    requires=["doc._.actors", "doc._.quantities", "doc._.times", "doc._.attributions"],
    assigns=["doc._.candidates"],
)
def events_component(doc: Doc) -> Doc:
    doc._.candidates = assemble(doc)
    return doc
