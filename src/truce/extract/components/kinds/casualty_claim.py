"""Casualty claims: a toll with its counts ("three killed and 12 wounded"), or a toll the text
does not count ("several people were wounded"); the side that caused it is the party in "by X",
else the side whose weapon or forces did it ("Israeli shelling killed three"), else the first
party named. A toll of an earthquake, a flood or a storm is no claim about the conflict
(rule `casualty.disaster`).
"""

from __future__ import annotations

import re

from truce.domain.claims import EventType
from truce.extract.components.kinds.common import DURATION_UNITS, Context, KindRule, first_trigger
from truce.extract.components.sentence_view import Sentence, by_actor, candidate, parties
from truce.extract.model import Candidate
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


def extract(s: Sentence, context: Context) -> list[Candidate]:
    match = first_trigger(KIND, s)
    if match is None or disaster_toll(s, match):
        return []
    trigger = s.start + match.start()
    counts = [q for q in s.quantities if q.unit in CASUALTY_UNITS]
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


RULE = KindRule(KIND, extract)
