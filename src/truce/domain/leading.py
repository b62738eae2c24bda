"""Which reading of a disputed event leads: the one independent sources back best.

An event's claims may give different figures (one outlet says 491, three say 602 or 642) or
different dates (11:15 or 12:15; 25 or 26 January). Every figure and every date stays a
reading; one leads and the others are its alternatives, never averaged. The leading reading is
the one with the best `Support`, compared in this order:

1. **Status.** The best verification status among the claims backing it: a monitor's
   `confirmed` outranks any number of outlets that merely report, and a report outranks what a
   party only alleges.
2. **Weight of independent sources.** Each *independent source* backing the reading adds the
   points of its best Admiralty grade (`grade_points`) once. A source is where the copy comes
   from (`origins`): copies that came via one agency are one source, an outlet cited twice is
   one source, and a claim citing two outlets is backed by both.
3. **Number of independent sources**, for sources of equal weight in total.
4. **Among readings still equal**, a figure: the lowest (the conservative choice ACLED makes);
   a date: the one given by the best-attested claim (status, then grade, then exact before
   loose: what placed an event before sources were weighed), then the earliest. Never a claim
   id, so a copy of a report cannot tip a tie.

A claim *backs* a figure when it gives that figure or its qualified figure allows it ("about
600" backs 602 and 642; "at least 500" backs both; an exact "642" backs only 642). A claim
backs a date when the date's whole interval lies within the claim's: "25 January" backs
"25 January 11:15" and itself, a week backs every day in it, an exact time backs only itself
(and a loose reading is backed only by claims at least as loose, so a vague date never leads
for being compatible with everyone). Exact figures that differ contradict each other, so three
outlets saying 602, 642 and 650 are three readings of one source each, and a lone 491 of the
same grade leads them as the lowest; three outlets saying 642 (or "about 640", "642", "more
than 600") lead a lone 491.

This is the one definition: the engine (both its paths) and the batch merge call it.
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


# Between the origins of one claim's several sources in its key (names never hold one: spaces
# are collapsed), so one text per claim carries them all through the columns.
SEPARATOR = "\n"


def source_key(sources: Iterable[Any], own: str) -> str:
    """Who a claim counts as: its `origins`, in one text. A claim that names none is a source
    of its own (`own`, its id): nothing says it repeats another."""
    found = origins(sources)
    return SEPARATOR.join(sorted(found)) if found else "claim:" + own


def origins(sources: Iterable[Any]) -> list[str]:
    """Where each of a claim's sources comes from, without repeats, in order: the agency the
    copy came via, else the outlet; names compared without case or extra spaces. (Not the
    speaker: see "Which reading leads" in docs/status.md for why.)"""
    keys: list[str] = []
    for source in sources:
        via, outlet = _get(source, "via"), _get(source, "outlet")
        name = via if _named(via) else outlet if _named(outlet) else None
        if name is None:
            continue
        key = "source:" + _fold(name)
        if key not in keys:
            keys.append(key)
    return keys


def _named(name: Any) -> bool:
    return isinstance(name, str) and bool(name.strip())


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


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
    backers = []
    for b in backings:
        if b.figure != figure:
            low, high = interval(b.figure, b.qualifier)
            if not low <= figure <= high:
                continue
        backers.append((b.source, b.status, b.points))
    return _weigh(backers)


def _weigh(backers: Iterable[tuple[str, int, int]]) -> Support:
    """Support from (source key, status, points) of the claims backing one reading."""
    status = -1
    best: dict[str, int] = {}
    for key, weight, points in backers:
        status = max(status, weight)
        for source in key.split(SEPARATOR):
            if points > best.get(source, -1):
                best[source] = points
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


@dataclass(frozen=True, slots=True)
class DateBacking:
    """One claim's say on an event's date: its interval of instants (epoch seconds; `until`
    equals `since` when exact, else the interval runs up to, not including, it)."""

    since: float
    until: float
    source: str  # `source_key`
    status: int
    points: int


def backs_date(claim: DateBacking, since: float, until: float) -> bool:
    """Whether the claim allows every instant of the date [since, until) (an instant if equal)."""
    if claim.since == claim.until:
        return since == until == claim.since
    if since == until:
        return claim.since <= since < claim.until
    return claim.since <= since and until <= claim.until


def date_leader(
    dates: Sequence[tuple[float, float, tuple[int, object, bool]]],
    backings: Sequence[DateBacking],
) -> int:
    """Which of an event's dates leads: the position of the best supported. `dates`: each as
    (since, until, rank), `rank` being its best-attested claim's (minus its status weight, its
    grade, whether loose: lower is better attested); among equal support the best rank leads,
    then the earliest. Neither claim ids nor the order of `dates` decide."""
    best: tuple[Support, tuple[int, object, bool], float, float] | None = None
    lead = 0
    for position, (since, until, rank) in enumerate(dates):
        found = _weigh(
            (b.source, b.status, b.points) for b in backings if backs_date(b, since, until)
        )
        if best is None or _better((found, rank, since, until), best):
            lead, best = position, (found, rank, since, until)
    return lead


def _better(
    one: tuple[Support, tuple[int, object, bool], float, float],
    than: tuple[Support, tuple[int, object, bool], float, float],
) -> bool:
    if one[0] != than[0]:
        return one[0] > than[0]
    return one[1:] < than[1:]
