"""Rule `place.next_sentence`: wire reports name the region in the lead and the town in the
sentence after it ("One person was killed in a drone strike in southern Lebanon ... A
statement said the casualties occurred in the strike that targeted the town of Zawtar"). An
event placed only at a country or region takes the town the next sentence names, when that
sentence speaks of the same strike ("the strike", "the casualties") and names the town as one
("the town of", "the village of"). The town's own place when the gazetteer knows it in the same
country; else the event keeps the region's place and its `location` names the town.
"""

from __future__ import annotations

import re
from typing import Any

from truce.extract.model import Candidate

_NAME = r"[A-Z][\w'\u2019-]*(?:\s+(?:al-|el-|ad-|as-|ash-)?[A-Z][\w'\u2019-]*)*"
# The next sentence speaks of the same event: a definite noun for it.
_SAME_EVENT = re.compile(
    r"\b[Tt]he\s+(?:(?:drone|air|missile|artillery|Israeli|Russian)\s+)?"
    r"(?:strike|airstrike|attack|raid|shelling|bombing|bombardment|shot|casualties|"
    r"fatalities|deaths|killing|victims?|incident)\b"
)
_TOWN = re.compile(rf"\b(?:town|village|city|community|neighbou?rhood|camp) of (?P<town>{_NAME})")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_REACH = 400  # characters: the next sentence, not the rest of the report
COARSE = 3  # ACLED precision of a region or country


def next_sentence(text: str, at: int) -> str:
    """The sentence after the one that holds `at`, up to `_REACH` characters; "" when the
    sentence of `at` does not end within reach."""
    window = text[at : at + _REACH]
    first = _SENTENCE_END.search(window)
    if first is None:
        return ""
    rest = window[first.end() :]
    stop = _SENTENCE_END.search(rest)
    return rest[: stop.end()] if stop else rest


def town_after(text: str, at: int) -> str | None:
    """The town the sentence after the one that holds `at` names for the same event, or
    None."""
    sentence = next_sentence(text, at)
    if not _SAME_EVENT.search(sentence):
        return None
    town = _TOWN.search(sentence)
    return town["town"] if town else None


def refine_from_next(candidates: list[Candidate], text: str, countries: frozenset[str]) -> None:
    """Give each candidate placed only at a region or country the town the next sentence
    names for the same event."""
    from truce.extract.places_resolve import resolve

    for c in candidates:
        place: dict[str, Any] | None = c.place
        if c.location is None or place is None or place.get("geo_precision") != COARSE:
            continue
        # The sentence after the one that names the region (a merged mention spans more).
        lo, hi = c.sentence_span or c.span
        named = text.find(c.location, lo, hi)
        town = town_after(text, named if named >= 0 else lo)
        if town is None:
            continue
        found = resolve(town, countries)
        if found is not None and found.country != place["country"]:
            continue  # a namesake abroad: not this event's town
        c.location = town
        if found is not None:
            c.place = found.as_dict()
