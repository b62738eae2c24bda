"""What the map shows: each live event of an agreement that has a place, as the record stood at
an instant, narrowed by party, type and dates.

An event's place is the gazetteer's (`extra.place`, with coordinates, from extraction or typed
in), else the place its `location` names, looked up in the same offline gazetteer with the
agreement's countries first. An event no place can be found for is counted, not drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from truce.domain.claims import Claim
from truce.domain.engine.events import Event, reduce_claims
from truce.errors import TruceError

# The types a map of a truce is about first; any other type with a place is drawn as "other".
KINDS = ("breach", "casualty_claim", "release")
KIND_NAMES = {"breach": "breach alleged", "casualty_claim": "casualty claim",
              "release": "handover (release)", "other": "other event"}  # fmt: skip
KIND_PLURALS = {"breach": "breaches alleged", "casualty_claim": "casualty claims",
                "release": "handovers (releases)", "other": "other events"}  # fmt: skip


TABLE_ROWS = 500  # events listed under the map; every marker's own row always among them


class BadMapFilter(TruceError):
    code = "A461"
    default_hint = "write dates as YYYY-MM-DD, e.g. ?from=2023-11-24&to=2023-11-30"


@dataclass(frozen=True)
class Filters:
    party: str | None = None
    type: str | None = None
    start: date | None = None
    end: date | None = None

    @classmethod
    def read(
        cls, party: str | None, kind: str | None, start: str | None, end: str | None
    ) -> Filters:
        first, last = _day(start, "from"), _day(end, "to")
        if first and last and first > last:
            raise BadMapFilter(f"the dates run backwards: from {first} to {last}",
                               hint="put the earlier date in `from`")  # fmt: skip
        return cls(party or None, kind or None, first, last)

    def keeps(self, point: dict[str, Any]) -> bool:
        day = date.fromisoformat(point["local_date"])
        return (
            (self.party is None or point["actor"] == self.party)
            and (self.type is None or point["type"] == self.type)
            and (self.start is None or day >= self.start)
            and (self.end is None or day <= self.end)
        )


def _day(text: str | None, name: str) -> date | None:
    if not text or not text.strip():
        return None
    try:
        if len(text.strip()) == 10:
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise BadMapFilter(f"cannot read `{name}` as a date: {text[:40]!r}")


def placed_events(
    claims: list[Claim], zone: ZoneInfo, countries: tuple[str, ...], at: datetime | None
) -> tuple[list[dict[str, Any]], int]:
    """The live events known by `at` that have a place, and how many known events have none."""
    return at_instant(*placed(claims, zone, countries), at)


def placed(
    claims: list[Claim], zone: ZoneInfo, countries: tuple[str, ...]
) -> tuple[list[dict[str, Any]], list[float]]:
    """Every live event that has a place, with the instant by which it surely happened
    (`known_at`), in date order; and those instants for the events that have none. The same
    until the next append, so the server computes it once per head of the chain."""
    points, unplaced = [], []
    for event in reduce_claims(claims).events:
        place = event_place(event, countries)
        if place is None:
            unplaced.append(event.known_at)
        else:
            points.append(_point(event, place, zone) | {"known_at": event.known_at})
    points.sort(key=lambda p: (p["date"], p["id"]))
    return points, unplaced


def at_instant(
    points: list[dict[str, Any]], unplaced: list[float], at: datetime | None
) -> tuple[list[dict[str, Any]], int]:
    """What had surely happened by `at` (a fresh copy of each point, without `known_at`)."""
    cutoff = math.inf if at is None else at.timestamp()
    known = [{k: v for k, v in p.items() if k != "known_at"} for p in points
             if p["known_at"] <= cutoff]  # fmt: skip
    return known, sum(1 for t in unplaced if t <= cutoff)


def event_place(event: Event, countries: tuple[str, ...]) -> dict[str, Any] | None:
    """The first claim's gazetteer place with sound coordinates; else its location, looked up."""
    for claim in event.claims:
        place = claim.extra.get("place")
        if isinstance(place, dict) and _sound(place.get("lat"), place.get("lon")):
            name = place.get("name") if isinstance(place.get("name"), str) else claim.location
            return {"name": name or "unnamed place", "lat": float(place["lat"]),
                    "lon": float(place["lon"]), "from": "recorded"}  # fmt: skip
    for claim in event.claims:
        found = _looked_up(claim.location, countries)
        if found is not None:
            return found
    return None


def _looked_up(location: str | None, countries: tuple[str, ...]) -> dict[str, Any] | None:
    if not location or len(location) > 200:
        return None
    found = _coordinates(location, countries)
    if found is None:
        return None
    return {"name": location, "lat": found[0], "lon": found[1], "from": "gazetteer"}


@lru_cache(maxsize=8192)
def _coordinates(location: str, countries: tuple[str, ...]) -> tuple[float, float] | None:
    """A long record names the same few places thousands of times: each is looked up once."""
    from truce.extract.places_resolve import resolve  # the gazetteer loads on first use

    place = resolve(location, countries)
    return None if place is None else (place.lat, place.lon)


def _sound(lat: Any, lon: Any) -> bool:
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon))
    return (
        numbers and all(map(math.isfinite, (lat, lon))) and -90 <= lat <= 90 and -180 <= lon <= 180
    )


def _point(event: Event, place: dict[str, Any], zone: ZoneInfo) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "kind": event.type if event.type in KINDS else "other",
        "actor": event.actor,
        "target": event.target,
        "quantity": event.quantity,
        "subject": event.subject,
        "date": event.date.isoformat(),
        "local_date": datetime.fromtimestamp(event.at, zone).date().isoformat(),
        "status": event.status.value,
        "claims": [c.id for c in event.claims],
        "place": place["name"],
        "lat": round(place["lat"], 5),
        "lon": round(place["lon"], 5),
        "place_from": place["from"],
    }


def table_rows(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events listed under the map: the first at each place and kind (each marker links to
    it), then the earliest others, up to `TABLE_ROWS`, in date order."""
    if len(points) <= TABLE_ROWS:
        return points
    firsts: dict[tuple[Any, ...], int] = {}
    for i, p in enumerate(points):
        firsts.setdefault((p["lat"], p["lon"], p["kind"]), i)
    chosen = set(firsts.values())
    for i in range(len(points)):
        if len(chosen) >= TABLE_ROWS:
            break
        chosen.add(i)
    return [points[i] for i in sorted(chosen)]
