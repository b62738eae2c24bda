"""Where an event happened, as the text names it: the place after "in", "at", "near", "from",
"into", "to" or "reach" in the event's evidence ("shelling in Khan Younis", "released at Ofer
Prison", "the truce in the Gaza Strip"), with a direction that belongs to it ("north Gaza"). A
named organisation ("to the Red Cross"), a date ("on Friday", "in March") or a person is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from truce.extract.model import ActorMention, Candidate

_NAME = r"[A-Z][\w'\u2019-]*(?:\s+(?:al-|el-|ad-|as-|ash-)?[A-Z][\w'\u2019-]*)*"
_DIRECTION = r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|occupied)\s+)"
_PLACE = re.compile(
    rf"\b(?:in|at|near|from|into|to|outside|across|inside|reach(?:ed|ing)?)\s+(?:the\s+)?(?:[a-z]+-[a-z]+\s+)?"
    rf"(?P<place>{_DIRECTION}?{_NAME})"
)
_NOT_PLACES = {
    *["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    *["january", "february", "march", "april", "may", "june", "july", "august"],
    *["september", "october", "november", "december"],
}
# "the Saudi city of Jeddah": the place is the name after "of", not the adjective before it.
_KIND_OF = re.compile(
    rf"\b(?:city|town|village|port|capital|district|province|region|governorate) of "
    rf"(?P<place>{_NAME})"
)
# "Israel's Ofer Prison", "Gujarat's Kutch": the place is what the possessive names.
_POSSESSOR = re.compile(r"^[A-Z][\w-]*['\u2019]s\s+(?=[A-Z])")
# Words that make a capitalised phrase an institution or a person, not a place.
_INSTITUTION = re.compile(
    r"\b(?:Red|Cross|Crescent|Committee|Council|Ministry|Minister|President|Prime|Office|"
    r"Agency|Organi[sz]ation|Authority|Government|Forces|Army|Brigades?|Nations|Union|News|"
    r"Times|Post|Reuters|AFP|Xinhua|Telegram|X|Truth|Social|Court|General|Secretary|"
    r"Department|Service|Media|Movement|Party|Front|Group|Mission|Conflict|Project|Data)\b"
)
_LEADING_NOISE = re.compile(r"^(?:The|A|An|This|That|Its|Their|His|Her)\s+")


def place_in(evidence: str, parties: frozenset[str] = frozenset()) -> str | None:
    """The first place named in `evidence` after a preposition of place, or None; a name in
    `parties` (the parties' names as written: "from Hamas") is a side, not a place."""
    kind_of = _KIND_OF.search(evidence)
    matches = [kind_of] if kind_of else []
    for match in [*matches, *_PLACE.finditer(evidence)]:
        place = _POSSESSOR.sub("", _LEADING_NOISE.sub("", match.group("place")).strip())
        words = place.split()
        if not words or words[-1].lower() in _NOT_PLACES or words[0].lower() in _NOT_PLACES:
            continue
        if _INSTITUTION.search(place) or place in parties:
            continue
        return place
    return None


def party_countries(actors: Iterable[ActorMention]) -> frozenset[str]:
    """The ISO3 codes of the states the document names (and those its agencies and officials
    serve): the agreement's countries as far as one report tells them."""
    from truce.extract.gazetteer import STATES
    from truce.extract.places_resolve import country_of

    states = {a.actor for a in actors if a.kind == "state"}
    states |= {a.country for a in actors if a.country}
    codes = set()
    for state in states:
        names = STATES.get(state, ((state.replace("-", " "),), (), ()))[0]
        code = next((c for c in map(country_of, names) if c), None)
        if code:
            codes.add(code)
    return frozenset(codes)


def resolve_places(candidates: Iterable[Candidate], actors: Iterable[ActorMention]) -> None:
    """Set each located candidate's `place` from the gazetteer, within the parties' countries
    first; a location the gazetteer does not know keeps `place` None."""
    from truce.extract.places_resolve import resolve

    countries = party_countries(actors)
    seen: dict[str, dict[str, Any] | None] = {}
    for c in candidates:
        if c.location is None:
            continue
        if c.location not in seen:
            found = resolve(c.location, countries)
            seen[c.location] = found.as_dict() if found else None
        c.place = seen[c.location]
