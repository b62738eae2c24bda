"""Releases: counted ones, with the releasing side; an exchange as two linked releases; and the
few releases a sentence states without a count.

- "Israel freed 39 prisoners": the party just before the trigger, else the side that holds
  such people in this document (hostages: its armed group; prisoners: its state).
- "50 hostages were freed in return for 150 prisoners": two releases, one per side.
- "the two sides exchanged 246 prisoners each": two releases of the same count, by the two
  sides the sentence names before the trigger.
- "Israel frees Palestinian prisoners held in its jails" (no count): the named party's release;
  "The next release is due on Saturday": a planned release.
- A release inside the condition of a term ("as long as Hamas releases 10 a day") is what the
  term requires, not an event; so is one a ratio states ahead ("for every hostage freed, 30
  prisoners will be released").
"""

from __future__ import annotations

import re
from dataclasses import replace

from truce.domain.candidate import sub_counts
from truce.domain.claims import EventType
from truce.extract.components.kinds.agreement_term import rate_ahead, ratio
from truce.extract.components.kinds.common import Context, KindRule, first_trigger
from truce.extract.components.kinds.release_remains import handovers, remains
from truce.extract.components.sentence_view import (
    Sentence,
    by_actor,
    candidate,
    categories,
    clause_end,
    finditer,
    parties,
    people,
    search,
    subject_before,
)
from truce.extract.model import Article, Candidate, Quantity
from truce.extract.switches import on
from truce.extract.triggers import EXCHANGE, TRIGGERS

KIND = EventType.RELEASE
PEOPLE_UNITS = {"hostages", "prisoners", "people", "soldiers"}
CONDITION = re.compile(r"\b(?:as long as|provided that|on condition that|if)\b", re.IGNORECASE)
EACH = re.compile(r"(?:\s+of\s+war)?\s+each\b", re.IGNORECASE)
# Fighters and soldiers only after a determiner: "freed soldiers wrapped in flags" describes.
NAMED_RELEASE = re.compile(
    r"\b(?:frees?|freed|releases?|released)\s+(?:(?:a\s+similar\s+number\s+of\s+)?"
    r"(?:(?:[A-Z][\w-]*|the|all|remaining|some)\s+){0,2}(?:prisoners|hostages|detainees|captives)|"
    r"(?:a\s+similar\s+number\s+of|the|all|some|its|their)\s+(?:[A-Z][\w-]*\s+)?"
    r"(?:fighters|soldiers|servicemen))\b"
)
# A count that breaks down the count before it: "30 prisoners, including 15 women and 15
# minors", "13 hostages, among them four women".
PART_CUE = re.compile(
    r"^[\s,;(\u2014-]*(?:including|among them|among whom|of whom|of them|comprising)\s+$",
    re.IGNORECASE,
)
PART_AND = re.compile(r"^\s*(?:,|and|, and)\s*$")
# "The Red Cross received 12 hostages from Hamas": the releasing side follows "from".
FROM_PARTY = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
# "Moscow has returned 115 fighters", "303 Ukrainians returned from captivity": a side
# returning captives by count, or captives coming back, in words the trigger table lacks.
RETURNED = re.compile(
    r"\breturn(?:ed)?\s+(?=(?:another\s+|a\s+further\s+|some\s+|about\s+)?\d)|"
    r"\breturned\s+(?:home\s+)?from\s+(?:[\w-]+\s+){0,2}captivity\b|"
    r"\b(?:were|was|have\s+been|had\s+been)\s+transferred\b",
    re.IGNORECASE,
)
NEXT_RELEASE = re.compile(
    r"\b(?:the|a)\s+(?:next\s+|new\s+)?(?:prisoner\s+)?(?:release|exchange|handover|swap)s?\b"
    r"(?=\s+(?:is|was|are|were)\s+(?:due|expected|scheduled|set|slated)\b)",
    re.IGNORECASE,
)

# Rule `release.exchange_told` (branch exmiss): an exchange or handover of captives told with no
# count, as done or set: "the exchange of the first batch of prisoners took place Friday",
# "confirmed the return of the first group of POWs", "the prisoner exchange between the two
# sides began last month", "have started a new prisoner of war exchange", "exchanged on Monday,
# December 13, the first groups of prisoners"; only with its day (undated, on dev it was the
# exchange told again seven times in ten).
_CAPTIVES = r"(?:prisoners?\s+of\s+war|prisoners|hostages|detainees|captives|pows|servicemen)"
EXCHANGE_TOLD = re.compile(
    r"\b(?:exchange|swap|return|release|handover|transfer)s?\s+of\s+(?:the\s+|an?\s+)?"
    r"(?:first|second|third|fourth|fifth|new|next|latest|last|final|another)?\s*"
    rf"(?:batch(?:es)?|groups?)\s+of\s+(?:[\w'’-]+\s+){{0,2}}?{_CAPTIVES}\b|"
    r"\b(?:prisoners?|pow|prisoners?\s+of\s+war|hostage|captive)[\s-]+(?:exchange|swap)s?\s+"
    r"(?:(?:between|with)\s+[^.,;]{1,60}?\s+)?(?:(?:has|have|had)\s+)?(?:took\s+place|"
    r"began|begun|started|was\s+completed|was\s+carried\s+out|happened)\b|"
    r"\b(?:started|began|begun|completed|carried\s+out|conducted|held)\s+(?:an?|the|their|"
    r"its)\s+(?:new\s+|first\s+|second\s+|third\s+|latest\s+|fresh\s+)?"
    r"(?:prisoners?|pow|prisoners?\s+of\s+war|hostage|captive)[\s-]+(?:exchange|swap)\b|"
    r"\b(?:exchanged|swapped)\s+(?:[\w'’.-]+,?\s+){0,5}?(?:the\s+)?(?:first\s+|second\s+|"
    rf"latest\s+)?(?:(?:groups?|batch(?:es)?)\s+of\s+)?(?:[\w'’-]+\s+)?{_CAPTIVES}\b",
    re.IGNORECASE,
)

# Rule `release.handed_to` (branch exmiss): captives "handed" to someone, with no "over" or no
# count, in words the trigger table lacks: "Hamas handed two female hostages to the Red Cross"
# (a count: its own trigger), "handed over a third group of hostages to Red Cross staff" (a
# group, no count).
HANDED = re.compile(
    r"\bhand(?:ed|s|ing)(?=\s+(?:(?:over|back)\s+)?(?:[\w'’-]+\s+){0,3}?"
    rf"{_CAPTIVES}\b)",
    re.IGNORECASE,
)
HANDED_GROUP = re.compile(
    r"\bhand(?:ed|s|ing)\s+(?:(?:over|back)\s+)?(?:the\s+|an?\s+)?(?:first|second|third|"
    r"fourth|fifth|sixth|seventh|new|next|latest|last|final|another)?\s*(?:batch(?:es)?|groups?)"
    rf"\s+of\s+(?:[\w'’-]+\s+){{0,2}}?{_CAPTIVES}\b",
    re.IGNORECASE,
)


def _told(s: Sentence) -> re.Match[str] | None:
    told = search(EXCHANGE_TOLD, s) if on("release.exchange_told") else None
    if told is None and on("release.handed_to") and "hand" in (s.lower or s.text.lower()):
        told = search(HANDED_GROUP, s)
    return told


def extract(s: Sentence, context: Context) -> list[Candidate]:
    dead = handovers(s)
    kept = remains(s, context, dead)
    if first_trigger(KIND, s, lambda s: next(iter(release_triggers(s)), None), _told) is None:
        return kept
    # The remains' own triggers and counts are theirs alone ("the remains of 12 out of 30").
    skip = [(s.start + m.start(), end) for m, _, end in dead]
    found = releases(s, context.article, context.holders, skip) + kept
    if rate_ahead(s) is not None:
        # "50 women and children would be released at a rate of 10 per day": a term's rate.
        found = [c for c in found if c.modality == "occurred"]
    rate = ratio(s)
    if rate is not None:
        # "for every hostage freed, 30 prisoners will be released": the counts from the ratio
        # on are the term's, unless the sentence tells them released ("Israel is to free 150
        # prisoners, three for every hostage" still plans a release of 150).
        at = s.start + rate.start()
        found = [
            c
            for c in found
            if c.modality == "occurred" or not c.quantities or c.quantities[0].span[0] < at
        ]
    return found


def releases(
    s: Sentence,
    article: Article,
    holders: tuple[str | None, str | None],
    skip: list[tuple[int, int]] | None = None,
) -> list[Candidate]:
    skip = skip or []
    counts = [
        q
        for q in s.quantities
        if q.unit in PEOPLE_UNITS and not any(a <= q.span[0] < b for a, b in skip)
    ]
    if not counts:
        return [] if skip else _uncounted_release(s, article)
    # Parts may be of people the unit list does not know ("two Thais").
    parts = _breakdowns(s, [q for q in s.quantities if q.unit in PEOPLE_UNITS or q.unit is None])
    counts = [q for q in counts if not any(q in p for p in parts.values())]
    group, state = holders
    used: set[tuple[int, int]] = set()
    out: list[Candidate] = []
    condition = search(CONDITION, s)
    for match in release_triggers(s):
        trigger = s.start + match.start()
        if any(a <= trigger < b for a, b in skip):
            continue
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
            if parts.get(quantity.span):
                counted = replace(counted, breakdown=_described(s, parts[quantity.span]))
            c = candidate(KIND.value, s, trigger, article)
            c.quantities = [counted]
            if counted.breakdown and on("release.parts"):
                c.parts = sub_counts(counted.figure())
            holder = group if counted.unit in {"hostages", "soldiers"} else state
            named = subject_before(s, trigger) if len(chosen) == 1 else None
            if match.group().lower().startswith("receiv"):
                named = _giver(s, quantity.span[1])
            c.actor = named or holder or by_actor(s, trigger)
            c.quantities = [captive_unit(c.quantities[0], c.actor, group, s.text, s.start)]
            window = article.text[max(s.start, quantity.span[0] - 40) : quantity.span[1] + 40]
            c.categories = categories(window)
            out.append(c)
        if len(chosen) == 2:
            out[-1].actor = state if out[-2].actor == group else group
        elif _each_side(s, match, chosen[0]):
            out.extend(_other_half(s, out[-1], trigger))
    return out


# Rule `release.captive_unit`: a count released is of captives, and whose they are names them:
# a state's releases are prisoners ("Kyiv released 195 people", "205 servicemen were
# returned"), the hostage-holding group's hostages; the dead keep their unit ("returned 135
# bodies").
_DEAD_AFTER = re.compile(r"^\W*(?:[\w-]+\s+){0,2}?(?:bod(?:y|ies)|remains|corpses)\b", re.I)


def captive_unit(
    q: Quantity, actor: str | None, group: str | None, text: str, start: int
) -> Quantity:
    """The count's unit read as whose captives were released (`release.captive_unit`)."""
    if q.unit not in {"people", "soldiers", "prisoners"} or not on("release.captive_unit"):
        return q
    if _DEAD_AFTER.match(text, q.span[1] - start):
        return q
    if actor is not None and actor == group:
        return replace(q, unit="hostages")
    return replace(q, unit="prisoners") if q.unit == "soldiers" or actor else q


def release_triggers(s: Sentence) -> list[re.Match[str]]:
    found = list(finditer(TRIGGERS["release"], s))
    lowered = s.lower or s.text.lower()
    if "return" in lowered or "transferred" in lowered:
        found = sorted(found + list(finditer(RETURNED, s)), key=lambda m: m.start())
    if "hand" in lowered and on("release.handed_to"):
        known = {m.start() for m in found}
        more = [m for m in finditer(HANDED, s) if m.start() not in known]
        found = sorted(found + more, key=lambda m: m.start())
    return found


def _breakdowns(s: Sentence, counts: list[Quantity]) -> dict[tuple[int, int], list[Quantity]]:
    """For each count followed by "including ..." (or "among them ..."), the counts that are
    its parts: the first after the cue, and those joined to it by "and" or a comma."""
    out: dict[tuple[int, int], list[Quantity]] = {}
    if not on("release.breakdown"):
        return out
    ordered = sorted(counts, key=lambda q: q.span)
    whole: Quantity | None = None  # the count whose parts are being listed
    for before, q in zip(ordered, ordered[1:], strict=False):
        gap = s.text[before.span[1] - s.start : q.span[0] - s.start]
        if PART_CUE.match(gap):
            whole = before
        elif whole is None or not PART_AND.match(gap):
            whole = None
            continue
        out.setdefault(whole.span, []).append(q)
    return out


def _described(
    s: Sentence, parts: list[Quantity]
) -> tuple[tuple[float, str, tuple[str, ...]], ...]:
    return tuple(
        (q.value, q.qualifier, tuple(categories(s.text[q.span[0] - s.start : q.span[1] - s.start])))
        for q in parts
    )


def _giver(s: Sentence, after: int) -> str | None:
    """The party a count was received from: "received 12 hostages from Hamas"."""
    for mention in parties(s.actors):
        # An intermediary ("from the Red Cross") hands over what a side released.
        if mention.kind not in {"state", "armed-group"} or mention.span[0] < after:
            continue
        if FROM_PARTY.search(s.text, 0, mention.span[0] - s.start):
            return mention.actor
    return None


def _each_side(s: Sentence, match: re.Match[str], quantity: Quantity) -> bool:
    """ "exchanged 175 prisoners each": both sides released that many."""
    swap = match.group().lower().startswith(("exchang", "swap")) and on("release.each_side")
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
    if not on("release.uncounted"):
        return []
    named = search(NAMED_RELEASE, s)
    if named is not None and _willed(s, named):
        named = None  # "its refusal to release captives", "agreed to release prisoners"
    if named is not None:
        actor = subject_before(s, s.start + named.start())
        if actor is not None:
            c = candidate(KIND.value, s, s.start + named.start(), article)
            c.actor = actor
            c.categories = categories(s.text[named.start() : named.end()])
            return [c]
    told = _told(s)
    if told is not None and not _willed(s, told):
        c = candidate(KIND.value, s, s.start + told.start(), article)
        c.actor = subject_before(s, s.start + told.start())
        # Undated, it is most often the exchange told again ("Russia and Ukraine have exchanged
        # prisoners of war", after the day's swap was told with its counts).
        if c.date is not None:
            return [c]
    upcoming = search(NEXT_RELEASE, s)
    if upcoming is not None:
        c = candidate(KIND.value, s, s.start + upcoming.start(), article)
        if c.modality == "occurred":
            c.modality = "planned"  # "the next release is due": ahead by its own words
        return [c]
    return []


# A release in the infinitive is wanted, refused or agreed, not done: "its refusal to release
# captives", "the Israeli side agreed to release Palestinian prisoners".
_TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)


def _willed(s: Sentence, named: re.Match[str]) -> bool:
    return on("release.infinitive") and _TO_BEFORE.search(s.text, 0, named.start()) is not None


RULE = KindRule(KIND, extract)
