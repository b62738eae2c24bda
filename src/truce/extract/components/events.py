"""Event assembly: one candidate per trigger, with the arguments found in its sentence.

Reads every earlier component's annotations; sets `doc._.candidates`. The rules are general
(trigger + the nearest argument of the right kind), never written for one sentence.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.model import (
    ActorMention,
    Article,
    Attribution,
    Candidate,
    Quantity,
    SourceRef,
    TimeRef,
)
from truce.extract.triggers import CATEGORY_WORDS, EXCHANGE, PLOVER, TRIGGERS, TRUCE_WORDS

PEOPLE_UNITS = {"hostages", "prisoners", "people", "soldiers"}
DURATION_UNITS = {"days", "weeks", "months", "hours"}
CASUALTY_UNITS = {"killed", "wounded"}
PARTY_KINDS = {"state", "armed-group", "agency", "official", "organisation", "place"}
NEEDS_TRUCE_WORD = {"ceasefire_start", "ceasefire_end"}


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


def _inside(span: tuple[int, int], start: int, end: int) -> bool:
    return start <= span[0] and span[1] <= end


def _nearest(items: list, offset: int, after_first: bool = True):  # type: ignore[no-untyped-def,type-arg]
    after = [i for i in items if i.span[0] >= offset]
    if after_first and after:
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
            return mention.country or mention.actor
    return None


def _categories(text: str) -> list[str]:
    return [name for name, pattern in CATEGORY_WORDS.items() if pattern.search(text)]


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
        modality=s.modality,
        date=time.date if time else None,
        date_precision=time.precision if time else None,
        participants=sorted({m.country or m.actor for m in _parties(s.actors)}),
        categories=_categories(s.text),
        source=source,
        quote=quote,
        plover=dict(PLOVER[kind]),
    )


def _releases(
    s: Sentence, trigger: int, article: Article, holders: tuple[str | None, str | None]
) -> list[Candidate]:
    counts = [q for q in s.quantities if q.unit in PEOPLE_UNITS]
    if not counts:
        return []
    group, state = holders
    out = []
    for quantity in counts[:2] if EXCHANGE.search(s.text) else counts[:1]:
        c = _candidate("release", s, trigger, article)
        c.quantities = [quantity]
        c.actor = (group if quantity.unit in {"hostages", "soldiers"} else state) or _by_actor(
            s, trigger
        )
        c.categories = _categories(
            article.text[max(s.start, quantity.span[0] - 40) : quantity.span[1] + 40]
        )
        out.append(c)
    if len(out) == 2:
        out[1].actor = state if out[0].actor == group else group
    return out


def _sentence_events(
    s: Sentence, article: Article, holders: tuple[str | None, str | None]
) -> list[Candidate]:
    out: list[Candidate] = []
    has_truce_word = TRUCE_WORDS.search(s.text) is not None
    for kind, pattern in TRIGGERS.items():
        match = pattern.search(s.text)
        if match is None or kind == "statement":
            continue
        trigger = s.start + match.start()
        if kind in NEEDS_TRUCE_WORD and not has_truce_word:
            continue
        if kind == "release":
            out.extend(_releases(s, trigger, article, holders))
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
            c.actor = _by_actor(s, trigger) or (first.country or first.actor if first else None)
        elif kind == "meeting":
            parties = _parties(s.actors)
            if len({m.country or m.actor for m in parties}) < 2:
                continue
            c = _candidate(kind, s, trigger, article)
            places = [m for m in s.actors if m.kind == "place"]
            c.location = places[0].text.split(" of ")[-1] if places else None
        elif kind == "aid_delivery":
            c = _candidate(kind, s, trigger, article)
            c.quantities = [q for q in s.quantities if q.unit in {"trucks", "ships", "flights"}]
        elif kind == "breach":
            c = _candidate(kind, s, trigger, article)
            c.actor = _by_actor(s, trigger)
        elif kind == "agreement_term":
            c = _candidate(kind, s, trigger, article)
            c.quantities = list(s.quantities)
        else:
            c = _candidate(kind, s, trigger, article)
        out.append(c)
    if (
        not out
        and s.attribution
        and (s.attribution.source.speaker or s.attribution.source.anonymous)
    ):
        match = TRIGGERS["statement"].search(s.text)
        if match is not None:
            c = _candidate("statement", s, s.start + match.start(), article)
            c.actor = _speaker_actor(s)
            out.append(c)
    return out


def _speaker_actor(s: Sentence) -> str | None:
    speaker = s.attribution.source.speaker if s.attribution else None
    for mention in s.actors:
        if speaker and mention.text in speaker:
            return mention.country or mention.actor
    return None


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


def assemble(doc: Doc) -> list[Candidate]:
    article: Article = doc._.article
    body_end = doc._.body_end if doc._.body_end is not None else len(doc.text)
    skip = doc._.boilerplate or []
    actors = doc._.actors or []
    holders = _holders(actors)
    candidates: list[Candidate] = []
    for index, sent in enumerate(doc.sents):
        start, end = sent.start_char, sent.end_char
        if start >= body_end or any(a < end and start < b for a, b in skip):
            continue
        s = Sentence(
            index,
            start,
            end,
            sent.text,
            [q for q in doc._.quantities or [] if _inside(q.span, start, end)],
            [t for t in doc._.times or [] if _inside(t.span, start, end)],
            [a for a in actors if _inside(a.span, start, end)],
            (doc._.attributions or {}).get(index),
            (doc._.modalities or {}).get(index, "occurred"),
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
