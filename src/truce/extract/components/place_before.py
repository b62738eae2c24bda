"""Two ways a sentence places an event without naming the place where it says so.

Rule `place.town_anaphora`: "Israeli forces opened fire on residents returning to the community
of Houla ... Israeli forces abducted four citizens in the town": "the town" (city, village,
camp) with no name is the one named last before it, within the sentence or the two before.

Rule `place.victims_demonym`: "hundreds of Yemenis were killed": victims named by a state's
people lie in that state, when the sentence names no place and the state is one of the
parties' lands (the document's usual region may be another party's: a report of Gaza naming
Yemen's dead).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from truce.extract.components.place_capital import _countries_by_adjective
from truce.extract.model import Candidate
from truce.extract.switches import on

_NAME = r"[A-Z][\w'\u2019-]*(?:\s+(?:al-|el-|ad-|as-|ash-)?[A-Z][\w'\u2019-]*)*"
_KINDS = r"(?:town|city|village|camp|refugee\s+camp|community|neighbou?rhood|municipality)"
# "in the town" with no name after it ("in the town of X", "in the town Y" name their own).
_THE_TOWN = re.compile(
    rf"\b(?:in|at|near|inside|around|outside)\s+the\s+{_KINDS}\b(?!\s+(?:of\b|[A-Z]))"
)
_NAMED_TOWN = re.compile(
    rf"\b(?:{_KINDS}\s+of\s+(?P<kind_of>{_NAME})|"
    rf"(?:in|at|near|into|to|entered)\s+(?:the\s+)?(?P<after>{_NAME})\b)"
)
_REACH = 600  # characters before the sentence: the two sentences before it, about
_VICTIMS = re.compile(
    r"\b(?P<people>[A-Z][a-z]+)s\s+(?:were|have\s+been|had\s+been|are|being)\s+"
    r"(?:killed|wounded|injured)\b"
)
TOWN = 1  # ACLED precision of a town


def town_before(candidates: list[Candidate], text: str, countries: frozenset[str]) -> None:
    """Rule `place.town_anaphora`: each candidate whose sentence places it "in the town" and
    that has no resolved place takes the town named last before that phrase."""
    from truce.extract.places_resolve import resolve

    for c in candidates:
        if c.place is not None or c.type == "statement":
            continue
        lo, hi = c.sentence_span or c.span
        the_town = _THE_TOWN.search(text, lo, hi)
        if the_town is None:
            continue
        found: tuple[str, dict[str, Any] | None] | None = None
        for named in _NAMED_TOWN.finditer(text, max(0, lo - _REACH), the_town.start()):
            name = named["kind_of"] or named["after"]
            place = resolve(name, countries)
            inside = place is not None and (not countries or place.country in countries)
            if named["kind_of"] or (inside and place and place.geo_precision == TOWN):
                found = (name, place.as_dict() if inside and place else None)
        if found is not None:
            c.location, c.place = found


def victims_state(c: Candidate, text: str, countries: frozenset[str]) -> dict[str, Any] | None:
    """Rule `place.victims_demonym`: the state whose people a casualty claim with no place of
    its own counts ("Yemenis were killed"), when it is a party's land; else None."""
    from truce.extract.places_resolve import country_of, resolve

    if c.type != "casualty_claim" or not on("place.victims_demonym"):
        return None
    lo, hi = c.sentence_span or c.span
    for victims in _VICTIMS.finditer(text, lo, hi):
        for name in _states().get(victims["people"], ()):
            code = country_of(name)
            place = resolve(name, [code]) if code in countries else None
            if place is not None:
                return place.as_dict()
    return None


@cache
def _states() -> dict[str, tuple[str, ...]]:
    return _countries_by_adjective()
