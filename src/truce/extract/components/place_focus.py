"""Rule `place.doc_focus`: the place a report is about. An event whose sentence names no place
("At least six people were killed before the truce was declared") happened, as far as the
report tells, where the report is set: the town or region it names more often than any other
place in the parties' lands, the country included ("clashes in Tripoli ... fighting in Tripoli
... Tripoli's residents": Tripoli, not Libya). A place named only once, or tied with another,
says nothing; a town that gives its name to the region it lies in ("Gaza" in the Gaza Strip)
stands for that region, which the document's region already gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

MIN_MENTIONS = 2  # a place named once is one event's place, not the report's


def focus_of(
    named: Iterable[dict[str, Any] | None], countries: frozenset[str]
) -> dict[str, Any] | None:
    """The place (resolved, as `Place.as_dict` gives it) named most often among `named`,
    inside `countries` when any are known, when it is a town, site or region named at least
    twice and more often than every other place, the parties' countries included; else None."""
    from truce.extract.places_resolve import country_of, region_of

    inside = [p for p in named if p and (not countries or p["country"] in countries)]
    counts = Counter((p["name"], p["country"]) for p in inside)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # two places named as often: the report is about neither alone
    (name, country), _ = ranked[0]
    if country_of(name) is not None:
        return None  # a country or a listed region: the document's region says it already
    place = next(p for p in inside if (p["name"], p["country"]) == (name, country))
    region = region_of(place["admin1"], country)
    if region is not None and region.name.split()[0] == name.split()[0]:
        return None  # "Gaza" stands for the Gaza Strip, the region it names
    return dict(place) | {"inferred": True}
