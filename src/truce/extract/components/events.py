"""Event assembly: one candidate per trigger, with the arguments found in its sentence.

Reads every earlier component's annotations; sets `doc._.candidates`. The rules are general
(trigger + the nearest argument of the right kind), never written for one sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.components.breach_rules import breaches
from truce.extract.components.sentence_view import (
    Sentence,
    by_actor,
    candidate,
    categories,
    clause_end,
    finditer,
    holders,
    named_in,
    of_the_truce,
    parties,
    people,
    search,
    speaker_actor,
    subject_before,
)
from truce.extract.components.term_rules import ratio, terms
from truce.extract.model import (
    ActorMention,
    Article,
    Attribution,
    Candidate,
    Quantity,
)
from truce.extract.pipeline import sentence_spans
from truce.extract.triggers import (
    EXCHANGE,
    HALT,
    HALT_NOUNS,
    KINDS_CUED,
    TERM_CUES,
    TRIGGERS,
    TRUCE_NOUN,
    TRUCE_WORDS,
)

PEOPLE_UNITS = {"hostages", "prisoners", "people", "soldiers"}
DURATION_UNITS = {"days", "weeks", "months", "hours"}
CASUALTY_UNITS = {"killed", "wounded"}
BOTH_SIDES = {
    "release",
    "ceasefire_start",
    "ceasefire_end",
    "ceasefire_extension",
    "agreement_term",
    "breach",
}
NEEDS_TRUCE_WORD = {"ceasefire_start", "ceasefire_end", "agreement_term"}
# A start or an end is of the truce itself only when the truce is named close by.
NEAR_TRUCE_NOUN = {"ceasefire_start", "ceasefire_end"}
CONDITION = re.compile(r"\b(?:as long as|provided that|on condition that|if)\b", re.IGNORECASE)
OFFICIAL = re.compile(r"official|spokes|minister|diplomat|source|mediator|negotiator", re.I)
EXTEND_THE_TRUCE = re.compile(
    rf"(?:extend(?:ed|ing|s)?|prolong(?:ed|ing|s)?|renew(?:ed|ing|s)?)\s+"
    rf"(?:the|a|its|their)\s+(?:\w+\s+)?{TRUCE_NOUN}s?\b|extension\s+of\s+the\s+{TRUCE_NOUN}",
    re.IGNORECASE,
)
SOURCE_OF_TALKS = re.compile(
    r"\b(?:briefed on|familiar with|close to|involved in|with knowledge of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
EACH = re.compile(r"(?:\s+of\s+war)?\s+each\b", re.IGNORECASE)
NAMED_RELEASE = re.compile(
    r"\b(?:frees?|freed|releases?|released)\s+(?:(?:[A-Z][\w-]*|the|all|remaining|some)\s+){0,2}"
    r"(?:prisoners|hostages|detainees|captives)\b"
)
NEXT_RELEASE = re.compile(
    r"\bthe next (?:release|exchange|handover|swap)s?\b(?=\s+(?:is|was|are|were)\s+(?:due|"
    r"expected|scheduled|set)\b)",
    re.IGNORECASE,
)
# Talks placed in a named city meet even when the sentence names no party: "talks in Jeddah".
TALKS_IN = re.compile(r"talks\s+(?:in|at)\s+([A-Z][\w-]+)")
SPEECH = re.compile(
    r"\b(?:said|says|told|announced|added|stressed|accused|denied|thanked|warned|urged)\b"
)


def _releases(
    s: Sentence, article: Article, holders: tuple[str | None, str | None]
) -> list[Candidate]:
    counts = [q for q in s.quantities if q.unit in PEOPLE_UNITS]
    if not counts:
        return _uncounted_release(s, article)
    group, state = holders
    used: set[tuple[int, int]] = set()
    out: list[Candidate] = []
    condition = search(CONDITION, s)
    for match in finditer(TRIGGERS["release"], s):
        trigger = s.start + match.start()
        if condition is not None and search(TRIGGERS["agreement_term"], s):
            inside = (
                condition.start()
                <= match.start()
                < clause_end(s, s.start + condition.start()) - s.start
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
        if search(EXCHANGE, s):
            chosen += [q for q in free if q not in chosen and q.unit != chosen[0].unit][:1]
        for quantity in chosen:
            used.add(quantity.span)
            counted = people(quantity, s.text)
            c = candidate("release", s, trigger, article)
            c.quantities = [counted]
            holder = group if counted.unit in {"hostages", "soldiers"} else state
            named = subject_before(s, trigger) if len(chosen) == 1 else None
            c.actor = named or holder or by_actor(s, trigger)
            window = article.text[max(s.start, quantity.span[0] - 40) : quantity.span[1] + 40]
            c.categories = categories(window)
            out.append(c)
        if len(chosen) == 2:
            out[-1].actor = state if out[-2].actor == group else group
        elif _each_side(s, match, chosen[0]):
            out.extend(_other_half(s, out[-1], trigger))
    return out


def _each_side(s: Sentence, match: re.Match[str], quantity: Quantity) -> bool:
    """ "exchanged 175 prisoners each": both sides released that many."""
    swap = match.group().lower().startswith(("exchang", "swap"))
    return swap and EACH.match(s.text, quantity.span[1] - s.start) is not None


def _other_half(s: Sentence, first: Candidate, trigger: int) -> list[Candidate]:
    """The second release of an exchange of equal counts, by the other side the sentence names
    before the trigger ("Russia and Ukraine exchanged ...")."""
    sides = list(dict.fromkeys(m.actor for m in parties(s.actors) if m.span[1] <= trigger))
    if len(sides) != 2:
        return []
    first.actor = first.actor if first.actor in sides else sides[0]
    second = replace(first, actor=sides[1] if first.actor == sides[0] else sides[0])
    second.participants = list(first.participants)
    return [second]


def _uncounted_release(s: Sentence, article: Article) -> list[Candidate]:
    """A release with no count: a party freeing a group it names ("Israel frees Palestinian
    prisoners held in its jails"), or the next handover of a series ("The next release is due
    on Saturday")."""
    named = search(NAMED_RELEASE, s)
    if named is not None:
        actor = subject_before(s, s.start + named.start())
        if actor is not None:
            c = candidate("release", s, s.start + named.start(), article)
            c.actor = actor
            c.categories = categories(s.text[named.start() : named.end()])
            return [c]
    upcoming = search(NEXT_RELEASE, s)
    if upcoming is not None:
        c = candidate("release", s, s.start + upcoming.start(), article)
        if c.modality == "occurred":
            c.modality = "planned"  # "the next release is due": ahead by its own words
        return [c]
    return []


def _may_state(attribution: Attribution | None) -> bool:
    source = attribution.source if attribution is not None else None
    return source is not None and (source.speaker is not None or source.anonymous)


def _sentence_events(
    s: Sentence, article: Article, holders: tuple[str | None, str | None], cued: set[str]
) -> list[Candidate]:
    out: list[Candidate] = []
    has_truce_word: bool | None = None
    for kind, pattern in TRIGGERS.items():
        # A statement is decided by its attribution below, not by its trigger word.
        if kind not in cued or kind == "statement":
            continue
        match = search(pattern, s)
        if kind == "agreement_term" and match is None:
            match = ratio(s)
        if match is None:
            continue
        if kind in NEEDS_TRUCE_WORD:
            if has_truce_word is None:
                has_truce_word = _names_the_truce(s)
            # A ratio ("three prisoners for every hostage") is a term even with no deal named.
            if not has_truce_word and not (kind == "agreement_term" and ratio(s)):
                continue
        if kind in NEAR_TRUCE_NOUN:
            # The first trigger whose subject is the truce ("began withdrawing ... a ceasefire
            # that took effect": the second).
            match = next((m for m in finditer(pattern, s) if of_the_truce(kind, s.text, m)), None)
            if match is None:
                continue
        trigger = s.start + match.start()
        if kind == "release":
            out.extend(_releases(s, article, holders))
            continue
        after = [q for q in s.quantities if q.span[0] >= trigger]
        if kind == "ceasefire_extension":
            days = [q for q in after if q.unit in DURATION_UNITS]
            # Without a duration, only extending the truce itself: "working to extend the truce".
            if not days and not EXTEND_THE_TRUCE.match(s.text, match.start()):
                continue
            c = candidate(kind, s, trigger, article)
            c.quantities = days[:1]
        elif kind == "ceasefire_start":
            c = candidate(kind, s, trigger, article)
            c.quantities = [
                q for q in s.quantities if q.unit in DURATION_UNITS and q.span[0] < trigger
            ][:1]
        elif kind == "casualty_claim":
            counts = [q for q in s.quantities if q.unit in CASUALTY_UNITS]
            if not counts:
                continue
            c = candidate(kind, s, trigger, article)
            c.quantities = counts + [q for q in s.quantities if q.unit in DURATION_UNITS]
            first = next(iter(parties(s.actors)), None)
            c.actor = by_actor(s, trigger) or (first.actor if first else None)
        elif kind == "meeting":
            # Not "a source briefed on the talks" (a source) nor "met by" (a welcome).
            match = next((m for m in finditer(pattern, s) if _meets(s.text, m)), None)
            venue = TALKS_IN.match(s.text, match.start()) if match is not None else None
            if match is None or not (parties(s.actors) or venue):
                continue
            c = candidate(kind, s, s.start + match.start(), article)
            # A proper name ("Doha") over a description of it ("the Qatari capital").
            places = sorted(
                (m for m in s.actors if m.kind == "place"),
                key=lambda m: m.text.lower().startswith("the "),
            )
            c.location = places[0].text if places else venue[1] if venue else None
        elif kind == "aid_delivery":
            if search(TERM_CUES, s):
                continue
            c = candidate(kind, s, trigger, article)
            c.quantities = [q for q in s.quantities if q.unit in {"trucks", "ships", "flights"}]
        elif kind == "breach":
            out.extend(breaches(s, article))
            continue
        elif kind == "agreement_term":
            out.extend(terms(s, article))
            continue
        else:
            c = candidate(kind, s, trigger, article)
        out.append(c)
    if not out and s.attribution is not None:
        speaker = speaker_actor(s)
        source = s.attribution.source
        # An unnamed source speaks for a party only when its description names one ("an
        # Egyptian official"); "Western diplomats" and "the source" make commentary, not events.
        if speaker is None and source.anonymous and OFFICIAL.search(source.role or ""):
            speaker = named_in(source.role or "", with_demonyms=True)
        if speaker is not None:
            verb = SPEECH.search(s.text)
            c = candidate("statement", s, s.start + (verb.start() if verb else 0), article)
            c.actor = speaker
            # A statement's modality is its content's (gold guideline), not the speech verb's.
            c.modality = s.modality
            out.append(c)
    return out


def _names_the_truce(s: Sentence) -> bool:
    if search(TRUCE_WORDS, s) is not None:
        return True
    lowered = s.lower or s.text.lower()
    return any(noun in lowered for noun in HALT_NOUNS) and search(HALT, s) is not None


def _meets(text: str, match: re.Match[str]) -> bool:
    if text[match.start() : match.end() + 3].lower() == "met by":
        return False
    return SOURCE_OF_TALKS.search(text, 0, match.start()) is None


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


def _sides(actors: list[ActorMention]) -> list[str]:
    """The two sides of the document's conflict: its two most named states or armed groups
    (ties go to the one named first)."""
    counts = Counter(a.actor for a in actors if a.kind in {"state", "armed-group"})
    return [actor for actor, _ in counts.most_common(2)]


class _Context:
    """The date the story is at. Wire copy narrates in order and dates an event once: "Hours
    later, Israel released 39 prisoners", "They also handed over wounded captives" happened on
    the day given just before. An event of these kinds that the sentence leaves undated takes
    the date of the last dated event at most `REACH` sentences back."""

    KINDS = {"release", "breach", "aid_delivery"}
    REACH = 2

    def __init__(self) -> None:
        self.last: tuple[int, date, str | None] | None = None

    def date(self, index: int, found: list[Candidate]) -> None:
        for c in found:
            if c.date is not None and c.type != "statement":
                self.last = (index, c.date, c.date_precision)
            elif self._follows(index, c) and self.last is not None:
                c.date, c.date_precision = self.last[1], self.last[2]

    def _follows(self, index: int, c: Candidate) -> bool:
        near = self.last is not None and index - self.last[0] <= self.REACH
        return near and c.date is None and c.type in self.KINDS and c.modality == "occurred"


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
    main = holders(actors)
    candidates: list[Candidate] = []
    context = _Context()
    for index, (start, end) in enumerate(sentence_spans(doc)):
        if start >= body_end or any(a < end and start < b for a, b in skip):
            continue
        sentence = text[start:end]
        cued = KINDS_CUED(sentence.lower())
        attribution = attributions.get(index)
        if not cued and not _may_state(attribution):
            continue  # no trigger cued and nobody speaking: no event can come of it
        s = Sentence(
            index,
            start,
            end,
            sentence,
            quantities.within(start, end),
            times.within(start, end),
            mentions.within(start, end),
            attribution,
            modalities.get(index, "occurred"),
        )
        found = _sentence_events(s, article, main, cued)
        context.date(index, found)
        candidates.extend(found)
    candidates = _merge_meetings(candidates)
    sides = _sides(actors)
    for c in candidates:
        # The actor takes part in its own event; a truce's events, its terms and releases
        # under it involve both sides even where the sentence names one (gold guideline).
        tied = {c.actor} if c.actor else set()
        if c.type in BOTH_SIDES:
            tied |= set(sides)
        c.participants = sorted(set(c.participants) | tied)
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
