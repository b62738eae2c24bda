"""Which reading of a disputed event leads: the one independent sources back best.

An event's claims may give different figures (one outlet says 491, three say 602 or 642). Every
figure stays a reading; one leads and the others are its alternatives, never averaged. The
leading figure is the one with the best `Support`, compared in this order:

1. **Status.** The best verification status among the claims backing it: a monitor's
   `confirmed` outranks any number of outlets that merely report or allege.
2. **Weight of independent sources.** Each *independent source* backing the figure adds the
   points of its best Admiralty grade (`grade_points`). Claims citing the same outlet, or a copy
   syndicated via the same agency, are one source and count once however often they are cited.
3. **Number of independent sources**, for sources of equal weight in total.
4. **The lowest figure**, among readings still equal: the conservative choice ACLED makes.

A claim *backs* a figure when it gives that figure or when its qualified figure allows it
("about 600" backs 602 and 642; "at least 500" backs both; an exact "642" backs only 642).
Exact figures that differ contradict each other, so three outlets saying 602, 642 and 650 are
three readings of one source each, and a lone 491 of the same grade leads them as the lowest;
three outlets saying 642 (or "about 640", "642", "more than 600") lead a lone 491.

This is the one definition: the engine (both its paths) and the batch merge call `leader`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from truce.domain.readings import Qualifier, interval

# Admiralty points: A/1 (completely reliable / confirmed) weigh most. E/5 (unreliable /
# improbable) weigh nothing; F/6 ("cannot be judged") weigh a little, as an ungraded claim does,
# since a source nobody graded is not thereby unreliable.
_LETTER = {"A": 5, "B": 4, "C": 3, "D": 2, "E": 0, "F": 1}
_DIGIT = {"1": 5, "2": 4, "3": 3, "4": 2, "5": 0, "6": 1}
UNGRADED = "F6"


def grade_points(grade: str | None) -> int:
    """What one independent source with this Admiralty grade weighs (0-10; ungraded is F6)."""
    text = (grade or UNGRADED).strip().upper()
    if len(text) != 2 or text[0] not in _LETTER or text[1] not in _DIGIT:
        text = UNGRADED
    return _LETTER[text[0]] + _DIGIT[text[1]]


def source_key(sources: Iterable[Any], own: str) -> str:
    """Who a claim counts as: the agency a copy came via, else the outlet (case and spaces
    ignored); with several, the first in order. A claim that names neither is a source of its
    own (`own`, its id): nothing says it repeats another."""
    keys = []
    for source in sources:
        via = _get(source, "via")
        outlet = _get(source, "outlet")
        name = via or outlet
        if isinstance(name, str) and name.strip():
            keys.append(" ".join(name.casefold().split()))
    return "source:" + min(keys) if keys else "claim:" + own


def _get(source: Any, name: str) -> Any:
    return source.get(name) if isinstance(source, dict) else getattr(source, name, None)


@dataclass(frozen=True, slots=True)
class Backing:
    """One claim's say on an event's figure."""

    figure: float
    qualifier: Qualifier | str | None
    source: str  # `source_key`
    status: int  # the status weight (claims.STATUS_WEIGHT); higher is better attested
    points: int  # `grade_points` of its grade


@dataclass(frozen=True, slots=True, order=True)
class Support:
    """How well a figure is backed; the greatest leads (see the module's rule)."""

    status: int
    weight: int
    sources: int


def support(figure: float, backings: Sequence[Backing]) -> Support:
    """The support of one figure from every claim of its event that backs it."""
    status = -1
    best: dict[str, int] = {}
    for b in backings:
        if b.figure != figure:
            low, high = interval(b.figure, b.qualifier)
            if not low <= figure <= high:
                continue
        status = max(status, b.status)
        if b.points > best.get(b.source, -1):
            best[b.source] = b.points
    return Support(status, sum(best.values()), len(best))


def leader(backings: Sequence[Backing]) -> float | None:
    """The leading figure among claims' figures: best support, then the lowest. None if none."""
    figures = sorted({b.figure for b in backings})
    if len(figures) <= 1:
        return figures[0] if figures else None
    # Ascending figures and a strict `>`: among equal support the lowest figure stays.
    lead, top = figures[0], support(figures[0], backings)
    for figure in figures[1:]:
        found = support(figure, backings)
        if found > top:
            lead, top = figure, found
    return lead
