"""What a selector asks beyond type, party, subject and categories: place, participants, topic.

One set of rules for both ways in: `index.matches` asks `fits` of every event it considers; the
column path narrows by its columns first (type, actor, subject, categories) and asks `fits` of
the events left, building only those.

- `location`: the event happened in one of the places named. A claim places it there when its
  `location` text contains the name, or its structured place (`extra.place`, as extraction
  resolves it) has the name as its `name`, `admin1` code or `country` (ISO 3166 alpha-3); case
  does not matter. Any claim of the event may place it (reports name places differently).
- `participants`: every actor id listed is the event's actor or its target.
- `topic`: one of the keywords appears in a claim's subject, notes or quote (case-insensitive).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from truce.domain.claims import Claim
from truce.domain.engine.events import Event
from truce.domain.spec import Selector

_PLACE_KEYS = ("name", "admin1", "country")


def refines(sel: Selector) -> bool:
    """Whether the selector asks anything `fits` must check."""
    return bool(sel.location or sel.participants or sel.topic)


def fits(sel: Selector, event: Event) -> bool:
    if sel.participants and not {event.actor, event.target}.issuperset(sel.participants):
        return False
    if sel.location and not in_places(event.claims, sel.location):
        return False
    return not (sel.topic and not on_topic(event.claims, sel.topic))


def in_places(claims: Iterable[Claim], places: Sequence[str]) -> bool:
    wanted = [p.casefold() for p in places]
    for claim in claims:
        if claim.location:
            text = claim.location.casefold()
            if any(w in text for w in wanted):
                return True
        named = _place_names(claim.extra.get("place"))
        if any(w in named for w in wanted):
            return True
    return False


def _place_names(place: Any) -> set[str]:
    if not isinstance(place, dict):
        return set()
    return {str(place[k]).casefold() for k in _PLACE_KEYS if place.get(k)}


def on_topic(claims: Iterable[Claim], words: Sequence[str]) -> bool:
    wanted = [w.casefold() for w in words]
    for claim in claims:
        for text in (claim.subject, claim.notes, claim.quote):
            if text and any(w in text.casefold() for w in wanted):
                return True
    return False
