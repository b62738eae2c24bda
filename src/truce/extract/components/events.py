"""Event assembly: one candidate per trigger, with the arguments found in its sentence.

Reads every earlier component's annotations; sets `doc._.candidates`. The rules are general
(trigger + the nearest argument of the right kind), never written for one sentence. Kinds with
rules of their own keep them beside this module: `release_rules`, `breach_rules`, `term_rules`;
`story` holds the rules over the whole document (its date, its two sides, one meeting told over
several sentences) and `sentence_view` what they all share.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.components.breach_rules import breaches, drop_retold_breaches
from truce.extract.components.places import place_in
from truce.extract.components.release_rules import release_triggers, releases
from truce.extract.components.repeats import merge_repeats
from truce.extract.components.sentence_view import (
    Sentence,
    by_actor,
    candidate,
    finditer,
    holders,
    hypothetical,
    near_truce_noun,
    of_the_truce,
    parties,
    search,
    subject_before,
)
from truce.extract.components.speakers import name_speakers
from truce.extract.components.statement_rules import STANCE_CUES, statements
from truce.extract.components.story import StoryDate, merge_meetings, sides
from truce.extract.components.term_rules import DEAL_CONTENT_CUES, deal_content, ratio, terms
from truce.extract.model import (
    Article,
    Attribution,
    Candidate,
)
from truce.extract.pipeline import sentence_spans
from truce.extract.triggers import (
    HALT,
    HALT_NOUNS,
    ORDERED_HALT,
    TERM_CUES,
    TRIGGERS,
    TRUCE_NOUN,
    TRUCE_WORDS,
    CueIndex,
    has_cue,
    kinds_cued,
)

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
EXTEND_THE_TRUCE = re.compile(
    rf"(?:extend(?:ed|ing|s)?|prolong(?:ed|ing|s)?|renew(?:ed|ing|s)?)\s+"
    rf"(?:the|a|its|their)\s+(?:\w+\s+)?{TRUCE_NOUN}s?\b|extension\s+of\s+the\s+{TRUCE_NOUN}",
    re.IGNORECASE,
)
SOURCE_OF_TALKS = re.compile(
    r"\b(?:briefed on|familiar with|close to|involved in|with knowledge of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Talks placed in a named city meet even when the sentence names no party: "talks in Jeddah".
TALKS_IN = re.compile(r"talks\s+(?:in|at)\s+([A-Z][\w-]+)")
_ORDERED_HALT = re.compile(ORDERED_HALT, re.IGNORECASE)
# A toll the text does not count: "several people were wounded", "a number of civilians were
# killed", "killed several people", "there were deaths and injuries among civilians".
_UNCOUNTED_TOLL = re.compile(
    r"\b(?:several|a number of|many|some|scores of|a few)\s+(?:[\w-]+\s+)?(?:people|civilians|"
    r"residents|persons|others|soldiers|troops|children|women|journalists|fighters|members)\s+"
    r"(?:were|have been|had been|are|was)\s+(?:reportedly\s+)?(?:killed|wounded|injured)\b|"
    r"\b(?:killed|killing|wounded|wounding|injured|injuring)\s+(?:several|a number of|many|"
    r"scores of)\s+(?:[\w-]+\s+)?(?:people|civilians|residents|persons|soldiers|others)\b|"
    r"\b(?:deaths|casualties) and injuries\b",
    re.IGNORECASE,
)
# "Israeli shelling killed three": the side whose weapon or forces caused the toll.
_WEAPON = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:shelling|strikes?|air ?strikes?|fire|forces|troops|drones?|"
    r"bombardment|attacks?|army|military|soldiers)\b",
    re.IGNORECASE,
)


# A truce's start in words the trigger table lacks: "entered into force", "has taken effect",
# "commenced", "will begin at 7am", "is due to come into effect", "was first enforced", and
# the noun phrase "the start of the truce" (which names the truce itself).
START_MORE = re.compile(
    rf"\b(?:entered into (?:effect|force)|(?:has|have|had) taken effect|commenced|"
    rf"(?:will|would|shall) (?:begin|start)|(?:is|was|are|were) due to (?:begin|start|"
    rf"come into (?:effect|force)|take effect)|(?:was|were) (?:first |initially )?enforced|"
    rf"(?:start|beginning|onset) of the (?:\w+[ -])?{TRUCE_NOUN})\b",
    re.IGNORECASE,
)
START_MORE_CUES = ("entered", "taken effect", "commenced", "begin", "start", "due to", "enforced")
# How far after a start trigger a date may stand to make a truce named in a time clause ("since
# the ceasefire took effect on April 2") the report of its start, not a reference point.
_DATED_REACH = 30


_JUST_BEFORE_A_DATE = re.compile(r"\s*(?:,\s*)?(?:on|at|from|in)?\s*$", re.IGNORECASE)


def _dated(s: Sentence, match: re.Match[str]) -> bool:
    """Whether a date follows the trigger at once: "took effect on April 2", not "begins would be
    announced within the next 24 hours"."""
    at = s.start + match.end()
    return any(
        at <= t.span[0] <= at + _DATED_REACH
        and t.date is not None
        and _JUST_BEFORE_A_DATE.match(s.text[match.end() : t.span[0] - s.start]) is not None
        for t in s.times
    )


def _start_matches(pattern: re.Pattern[str], s: Sentence) -> list[re.Match[str]]:
    found = list(finditer(pattern, s))
    if has_cue(s.lower or s.text.lower(), START_MORE_CUES):
        found = sorted(found + list(finditer(START_MORE, s)), key=lambda m: m.start())
    return found


# Deliveries in the words of ships and flights: "a fuel tanker docked at Hodeidah",
# "commercial flights have resumed from Sanaa", "260 trucks of aid moved into the crossing".
AID_MORE = re.compile(
    r"\b(?:tankers?|ships?|vessels?|flights?|trucks?|convoys?)\b[^.;]{0,60}?\b(?:docked|moored|"
    r"landed|(?:has|have|had)\s+resumed|moved\s+into)\b",
    re.IGNORECASE,
)
AID_MORE_CUES = ("docked", "moored", "landed", "resumed", "moved into")


# Cues of the rules above and of stance statements, found in one pass over a sentence's words.
_MORE_CUED = CueIndex(
    {
        "agreement_term": DEAL_CONTENT_CUES,
        "aid_delivery": AID_MORE_CUES,
        "ceasefire_start": ("commenced",),
        "stance": STANCE_CUES,
    }
)


def _weapon_owner(s: Sentence) -> str | None:
    for mention in s.actors:
        if mention.kind == "demonym" and _WEAPON.match(s.text, mention.span[1] - s.start):
            return mention.actor
    return None


# What was supposed to happen did not: "the pause, supposed to expire on Tuesday, was extended".
_COUNTERFACTUAL = re.compile(
    r"\b(?:supposed|meant|ought)\s+to\s+(?:be\s+|have\s+(?:been\s+)?)?$", re.IGNORECASE
)


def _counterfactual(text: str, match: re.Match[str]) -> bool:
    return _COUNTERFACTUAL.search(text, max(0, match.start() - 40), match.start()) is not None


# The kinds tried per sentence, in table order. A statement is decided by its attribution
# (below), not by its trigger word.
_EVENT_KINDS = [kind for kind in TRIGGERS if kind != "statement"]


def _may_state(attribution: Attribution | None) -> bool:
    source = attribution.source if attribution is not None else None
    return source is not None and (source.speaker is not None or source.anonymous)


def _sentence_events(
    s: Sentence, article: Article, holders: tuple[str | None, str | None], cued: set[str]
) -> list[Candidate]:
    out: list[Candidate] = []
    has_truce_word: bool | None = None
    for kind in [k for k in _EVENT_KINDS if k in cued]:
        pattern = TRIGGERS[kind]
        match = search(pattern, s)
        if kind == "aid_delivery" and match is None:
            match = search(AID_MORE, s)
        if kind == "release" and match is None:
            match = next(iter(release_triggers(s)), None)
        if kind == "ceasefire_start" and match is None:
            match = next(iter(_start_matches(pattern, s)), None)
        if kind == "agreement_term" and match is None:
            match = ratio(s) or next(iter(deal_content(s)), None)
        if match is not None and _counterfactual(s.text, match):
            match = next((m for m in finditer(pattern, s) if not _counterfactual(s.text, m)), None)
        if match is None:
            continue
        if kind in NEEDS_TRUCE_WORD:
            if has_truce_word is None:
                has_truce_word = _names_the_truce(s)
            # A ratio ("three prisoners for every hostage") is a term even with no deal named;
            # an order to stop attacking is a truce in its own words.
            ordered = kind == "ceasefire_start" and _ordered_halt(s) is not None
            # What a deal holds names the deal ("agreed to swap 1,000 prisoners each").
            term = kind == "agreement_term" and (ratio(s) or deal_content(s))
            if not has_truce_word and not term and not ordered:
                continue
        if kind in NEAR_TRUCE_NOUN:
            # The first trigger whose subject is the truce ("began withdrawing ... a ceasefire
            # that took effect": the second), or an order to halt outside any if-clause.
            starts = kind == "ceasefire_start"
            found = _start_matches(pattern, s) if starts else finditer(pattern, s)
            match = next(
                (
                    m
                    for m in found
                    if (_halts(m, s) or of_the_truce(kind, s.text, m) or _dated_start(kind, s, m))
                    and not _counterfactual(s.text, m)
                ),
                None,
            )
            if match is None:
                continue
        trigger = s.start + match.start()
        if kind == "release":
            out.extend(releases(s, article, holders))
            continue
        after = [q for q in s.quantities if q.span[0] >= trigger]
        if kind == "ceasefire_extension":
            days = [q for q in after if q.unit in DURATION_UNITS]
            # "a five-day extension": the duration just before the noun.
            days = days or [
                q
                for q in s.quantities
                if q.unit in DURATION_UNITS and 0 <= trigger - q.span[1] <= 12
            ]
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
            if _halts(match, s):
                c.actor = subject_before(s, trigger)  # who gave the order
        elif kind == "casualty_claim":
            counts = [q for q in s.quantities if q.unit in CASUALTY_UNITS]
            if not counts and _UNCOUNTED_TOLL.search(s.text) is None:
                continue
            c = candidate(kind, s, trigger, article)
            c.quantities = counts + [q for q in s.quantities if q.unit in DURATION_UNITS]
            first = next(iter(parties(s.actors)), None)
            c.actor = by_actor(s, trigger) or _weapon_owner(s) or (first.actor if first else None)
        elif kind == "meeting":
            # Not "a source briefed on the talks" (a source) nor "met by" (a welcome).
            match = next((m for m in finditer(pattern, s) if _meets(s.text, m, s)), None)
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
            out.extend(breaches(s, article, holders[0]))
            continue
        elif kind == "agreement_term":
            out.extend(terms(s, article))
            continue
        else:
            c = candidate(kind, s, trigger, article)
        out.append(c)
    out.extend(statements(s, article, out))
    return out


def _dated_start(kind: str, s: Sentence, match: re.Match[str]) -> bool:
    """A start named in a time clause, with its date: "since the ceasefire took effect on April
    2" reports when the truce began; "after the truce began" only places something else."""
    if kind != "ceasefire_start" or not _dated(s, match) or hypothetical(s.text, match.start()):
        return False
    return near_truce_noun(s.text, match.start(), match.start(), reach=40)


def _names_the_truce(s: Sentence) -> bool:
    if search(TRUCE_WORDS, s) is not None:
        return True
    lowered = s.lower or s.text.lower()
    return any(noun in lowered for noun in HALT_NOUNS) and search(HALT, s) is not None


def _ordered_halt(s: Sentence) -> re.Match[str] | None:
    lowered = s.lower or s.text.lower()
    return search(_ORDERED_HALT, s) if "ordered" in lowered else None


def _halts(match: re.Match[str], s: Sentence) -> bool:
    """Whether a start trigger is an order to stop attacking, not inside an if-clause."""
    return _ORDERED_HALT.match(match.group()) is not None and not hypothetical(
        s.text, match.start()
    )


# "meets the needs of", "meet their demands": meeting a standard, not a party.
_MEET_A_STANDARD = re.compile(
    r"meets?\s+(?:the|their|its|our|all)\s+(?:[\w-]+\s+){0,2}?(?:needs|demands|requirements|"
    r"conditions|aspirations|targets?|obligations|criteria|expectations)\b",
    re.IGNORECASE,
)
# Talks named as the way to something else or as what stopped: "reached after negotiations
# in Jeddah", "brokered through direct talks", "a suspension of the talks", "to intensify
# negotiations". Such a mention reports a meeting only with its date ("at the talks on May 16").
_TALKS_AS_MEANS = re.compile(
    r"\b(?:after|through|following|via|as\s+a\s+result\s+of|suspension\s+of|suspend(?:ed|ing)?|"
    r"intensify|resume|resumption\s+of|pause\s+in)\s+(?:the\s+|a\s+|recent\s+|direct\s+|"
    r"formal\s+|further\s+|[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_MEETING_NOUN = re.compile(r"talks|negotiations?|discussions?|meeting|summit", re.IGNORECASE)


def _meets(text: str, match: re.Match[str], s: Sentence | None = None) -> bool:
    if text[match.start() : match.end() + 3].lower() == "met by":
        return False
    if _MEET_A_STANDARD.match(text, match.start()):
        return False
    if (
        s is not None
        and _MEETING_NOUN.fullmatch(match.group())
        and _TALKS_AS_MEANS.search(text, max(0, match.start() - 60), match.start())
        and not _dated(s, match)
    ):
        return False
    return SOURCE_OF_TALKS.search(text, 0, match.start()) is None


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
    context = StoryDate()
    for index, (start, end) in enumerate(sentence_spans(doc)):
        if start >= body_end or any(a < end and start < b for a, b in skip):
            continue
        sentence = text[start:end]
        lowered = sentence.lower()
        cued = kinds_cued(lowered)
        # The kinds this module's own rules may add (one look-up per word, see CueIndex).
        more = _MORE_CUED(lowered)
        stance = "stance" in more
        cued |= more - {"stance"}
        attribution = attributions.get(index)
        if not cued and not _may_state(attribution) and not stance:
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
            lowered,
        )
        found = _sentence_events(s, article, main, cued)
        context.date(index, found)
        candidates.extend(found)
    candidates = merge_meetings(candidates)
    candidates = merge_repeats(candidates, text, sentence_spans(doc), article.title)
    candidates = drop_retold_breaches(candidates, text)
    name_speakers(candidates, text)
    conflict = sides(actors)
    sides_named = frozenset(a.text for a in actors if a.kind in {"armed-group", "agency"})
    placed: dict[tuple[int, int], str | None] = {}
    for c in candidates:
        if c.location is None and c.type != "statement":
            if c.span not in placed:  # several candidates of one sentence share its span
                placed[c.span] = place_in(text[c.span[0] : c.span[1]], sides_named)
            c.location = placed[c.span]
        # The actor takes part in its own event; a truce's events, its terms and releases
        # under it involve both sides even where the sentence names one (gold guideline).
        tied = {c.actor} if c.actor else set()
        if c.type in BOTH_SIDES:
            tied |= set(conflict)
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
