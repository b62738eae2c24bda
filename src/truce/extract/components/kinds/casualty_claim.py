"""Casualty claims: a toll with its counts ("three killed and 12 wounded"), or a toll the text
does not count ("several people were wounded"); the side that caused it is the party in "by X",
else the side whose weapon or forces did it ("Israeli shelling killed three"), else the first
party named. A toll of an earthquake, a flood or a storm is no claim about the conflict
(rule `casualty.disaster`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from truce.domain.claims import EventType
from truce.extract.components.kinds.common import DURATION_UNITS, Context, KindRule, first_trigger
from truce.extract.components.sentence_view import (
    Sentence,
    by_actor,
    candidate,
    parties,
    search,
)
from truce.extract.lexicon_numbers import COUNT, PEOPLE_LIKE, QUALIFIERS, count_value
from truce.extract.model import Candidate, Quantity
from truce.extract.switches import on

KIND = EventType.CASUALTY_CLAIM
CASUALTY_UNITS = {"killed", "wounded"}

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


# A natural disaster as the toll's cause, just before or after its trigger: "the earthquake that
# has killed more than 3,000", "raised the death toll from Friday's 7.7 magnitude quake". A
# "humanitarian disaster", an "eruption" of violence, a war's famine stay the war's.
_DISASTER = re.compile(
    r"\b(?:earthquakes?|quakes?|aftershocks?|tremors?|floods?|flooding|landslides?|mudslides?|"
    r"cyclones?|typhoons?|hurricanes?|storms?|tsunamis?|volcanic|wildfires?|"
    r"natural\s+disasters?)\b",
    re.IGNORECASE,
)
_DISASTER_BEFORE, _DISASTER_AFTER = 80, 60


def disaster_toll(s: Sentence, match: re.Match[str]) -> bool:
    """Whether the toll at `match` is a natural disaster's (near the trigger, either side)."""
    if not on("casualty.disaster"):
        return False
    lo = max(0, match.start() - _DISASTER_BEFORE)
    return _DISASTER.search(s.text, lo, match.end() + _DISASTER_AFTER) is not None


# Rule `casualty.noun_tolls`: a toll told in nouns, which the trigger table and the units of
# the counts miss: "at least six fatalities", "34 injuries", "the death toll stands at about
# 1,200", "a toll exceeding 940", "the deaths of over 200 people and injuries to more than
# 500", "fewer than 1,000 people have died".
_TOLL_NOUN = re.compile(r"\b(?:fatalities|injuries|toll)\b", re.IGNORECASE)
_TOLL_NOUN_CUES = ("fatalit", "injur", "toll")
_KILLED_BEFORE = re.compile(
    r"(?:\b(?:deaths?|killings?)\s+of|\btoll\b[^.;:]{0,40}?\b(?:at|of|to|exceed(?:ed|ing|s)?|"
    r"reached|hit|surpass(?:ed|ing|es)?|passed|topped|above|over))\s+$",
    re.IGNORECASE,
)
_WOUNDED_BEFORE = re.compile(r"\binjur(?:y|ies)\s+to\s+$", re.IGNORECASE)
_DIED_AFTER = re.compile(r"\s+(?:(?:have|has|had)\s+)?(?:reportedly\s+)?died\b", re.IGNORECASE)
_REACH = 60  # how far before a count its toll noun may stand


def noun_tolls(s: Sentence) -> list[Quantity]:
    """The counts the sentence makes tolls with nouns (`casualty.noun_tolls`), as killed or
    wounded."""
    out = []
    for q in s.quantities:
        if q.unit in CASUALTY_UNITS or (q.unit is not None and q.unit not in PEOPLE_LIKE):
            continue
        at, end = q.span[0] - s.start, q.span[1] - s.start
        if _KILLED_BEFORE.search(s.text, max(0, at - _REACH), at) or _DIED_AFTER.match(s.text, end):
            out.append(replace(q, unit="killed"))
        elif _WOUNDED_BEFORE.search(s.text, max(0, at - _REACH), at):
            out.append(replace(q, unit="wounded"))
    return out


# Rule `casualty.bare_counts`: a count the toll's own words introduce, with no noun the
# quantities component would keep it by: "a toll exceeding 940", "the death toll from the
# strikes has exceeded 14,000 so far", "the death of one woman and injuries to three others".
_BARE_COUNT = re.compile(
    rf"(?:(?P<k>\b(?:deaths?|killings?)\s+of|\btoll\b[^.;:]{{0,40}}?\b(?:at|of|to|exceed(?:ed|ing|s)?|"
    rf"reached|hit|surpass(?:ed|ing|es)?|passed|topped|above|over))|(?P<w>\binjur(?:y|ies)\s+to))"
    rf"\s+(?:(?P<q>at\s+least|more\s+than|over|about|nearly|almost|some|around)\s+)?"
    rf"(?P<n>{COUNT})\b(?![.,]\d)",
    re.IGNORECASE,
)
# Passing a figure is more than it: "exceeding 940", "has surpassed 14,000".
_PASSED = re.compile(r"\b(?:exceed|surpass|passed|topped|above|over)\w*\s+$", re.IGNORECASE)
_BARE_CUES = ("toll", "death", "killing", "injur")


def bare_counts(s: Sentence) -> list[Quantity]:
    """The tolls `_BARE_COUNT` finds where no count of the sentence stands (rule on)."""
    lower = s.lower or s.text.lower()
    if not on("casualty.bare_counts") or not any(c in lower for c in _BARE_CUES):
        return []
    taken = [q.span for q in s.quantities]
    out = []
    for m in _BARE_COUNT.finditer(s.text):
        lo, hi = s.start + m.start("n"), s.start + m.end("n")
        if any(a < hi and lo < b for a, b in taken):
            continue
        value = count_value(m["n"])
        said = " ".join((m["q"] or "").lower().split())
        qualifier = QUALIFIERS.get(said, "exact")
        if not said and _PASSED.search(s.text, m.start(), m.start("n")):
            qualifier = "more_than"
        unit = "wounded" if m["w"] else "killed"
        start = s.start + (m.start("q") if m["q"] else m.start("n"))
        out.append(Quantity(value, qualifier, unit, (start, hi)))
    return out


def _noun_trigger(s: Sentence) -> re.Match[str] | None:
    if not on("casualty.noun_tolls"):
        return None
    return search(_TOLL_NOUN, s)


def extract(s: Sentence, context: Context) -> list[Candidate]:
    match = first_trigger(KIND, s, _noun_trigger)
    if match is None or disaster_toll(s, match):
        return []
    trigger = s.start + match.start()
    counts = [q for q in s.quantities if q.unit in CASUALTY_UNITS]
    if on("casualty.noun_tolls"):
        more = noun_tolls(s) + bare_counts(s)
        counts = sorted(counts + more, key=lambda q: q.span)
    if not counts and _UNCOUNTED_TOLL.search(s.text) is None:
        return []
    c = candidate(KIND.value, s, trigger, context.article)
    c.quantities = counts + [q for q in s.quantities if q.unit in DURATION_UNITS]
    first = next(iter(parties(s.actors)), None)
    c.actor = by_actor(s, trigger) or weapon_owner(s) or (first.actor if first else None)
    return [c]


def weapon_owner(s: Sentence) -> str | None:
    """The nationality just before a weapon or a force: "Israeli shelling", "Russian troops"."""
    for mention in s.actors:
        if mention.kind == "demonym" and _WEAPON.match(s.text, mention.span[1] - s.start):
            return mention.actor
    return None


RULE = KindRule(KIND, extract, cues=_TOLL_NOUN_CUES)
