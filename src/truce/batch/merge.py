"""One event from many reports: candidates of different documents that describe the same event
are merged, ACLED-style, into one event listing every source; conflicting figures stay side by
side as readings and the event is flagged as disputed. Nothing is averaged away.

Two mentions are of one event when they have the same type, modality, actor and target, a
compatible date (the same day; a week or month mention joins the one day-event of its window,
if there is exactly one), compatible categories (not disjoint) and a compatible figure: the same
unit and within a factor of two of the smallest figure of the event (8 and 10 hostages are one
event in dispute; 13 and 39 are two events). A mention without a figure joins the day's only
event of its kind, or stands alone when there are several.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from truce.batch.event_rows import event_row

FINE = ("exact", "day")
FACTOR = 2.0


@dataclass(frozen=True)
class Mention:
    """One candidate of one document, with what the merge needs of its document."""

    document: str
    candidate: str
    original: str | None  # the document this one is a copy of, if a near-duplicate
    type: str
    modality: str
    actor: str | None
    target: str | None
    date: date | None
    precision: str | None
    categories: tuple[str, ...]
    figure: float | None
    qualifier: str | None
    unit: str | None
    source: dict[str, Any]  # outlet, url, published, speaker, role, anonymous, via, quote
    confidence: float | None = None  # the candidate's calibrated confidence

    @property
    def report(self) -> str:
        """The document this mention counts for: copies count as their original."""
        return self.original or self.document


@dataclass
class _Cluster:
    date: date | None
    precision: str | None
    unit: str | None
    categories: set[str]
    smallest: float | None
    members: list[Mention] = field(default_factory=list)
    figures: set[float] = field(default_factory=set)

    def accepts(self, mention: Mention) -> bool:
        return fits(self.categories, self.unit, self.smallest, bool(self.members),
                    mention.categories, mention.figure, mention.unit)  # fmt: skip

    def add(self, mention: Mention) -> None:
        self.members.append(mention)
        self.categories.update(mention.categories)
        if mention.figure is not None:
            self.figures.add(mention.figure)
            self.unit = mention.unit
            if self.smallest is None or mention.figure < self.smallest:
                self.smallest = mention.figure


def fits(
    categories: set[str],
    unit: str | None,
    smallest: float | None,
    occupied: bool,
    their_categories: Iterable[str],
    figure: float | None,
    their_unit: str | None,
) -> bool:
    """Whether a mention (its categories, figure and unit) may join an event (its categories,
    unit and smallest figure; `occupied` when it has members): categories not disjoint, and a
    figure of the same unit within a factor of two of the event's smallest. The one rule of the
    in-run merge and of matching a run's events with those already queued or recorded."""
    theirs = set(their_categories)
    if categories and theirs and not categories & theirs:
        return False
    if figure is None or smallest is None:
        return figure is None or not occupied or unit == their_unit
    near = max(figure, smallest) <= FACTOR * max(min(figure, smallest), 1.0)
    return unit == their_unit and near


def merge(mentions: Iterable[Mention]) -> Iterator[dict[str, Any]]:
    """Events (rows of the events table) from mentions sorted by `block_key` then date."""
    for _, block in groupby(mentions, key=block_key):
        yield from _block_events(block)


def block_key(mention: Mention) -> tuple[str, str, str, str]:
    return (mention.type, mention.modality, mention.actor or "", mention.target or "")


def sort_key(mention: Mention) -> tuple[Any, ...]:
    return (*block_key(mention), mention.date or date.max, mention.document, mention.candidate)


HORIZON = 31  # days: the longest window of a coarse (week or month) mention


def _block_events(block: Iterable[Mention]) -> Iterator[dict[str, Any]]:
    """A block's events from its mentions in date order, holding only the days that a pending
    week or month mention may still join: memory does not grow with the block's time span."""
    days: dict[date, list[Mention]] = {}  # days still gathering mentions
    clusters: dict[date, list[_Cluster]] = {}  # days whose events may still gain a mention
    coarse: list[Mention] = []  # week and month mentions whose window is not complete yet
    current: date | None = None
    for mention in block:
        if mention.date is None:
            yield _row(_single(mention))
            continue
        if mention.date != current:  # once per date: the mentions come in date order
            current = mention.date
            yield from _flush(days, clusters, coarse, current)
        if (mention.precision or "day") in FINE:
            days.setdefault(mention.date, []).append(mention)
        else:
            coarse.append(mention)
    yield from _flush(days, clusters, coarse, date.max)


def _flush(
    days: dict[date, list[Mention]],
    clusters: dict[date, list[_Cluster]],
    coarse: list[Mention],
    now: date,
) -> Iterator[dict[str, Any]]:
    """Everything dated before `now` is seen: cluster those days, settle the week and month
    mentions whose window has passed, and emit the days no pending mention can still join."""
    for day in sorted(d for d in days if d < now):
        clusters[day] = _clusters(days.pop(day), day, "day")
    ready = [m for m in coarse if _end(m) <= now]
    if ready:
        coarse[:] = [m for m in coarse if _end(m) > now]
        yield from _settle(ready, clusters)
    horizon = min((m.date for m in coarse if m.date is not None), default=now)
    for day in sorted(d for d in clusters if d < horizon):
        yield from (_row(c) for c in clusters.pop(day))


def _settle(ready: list[Mention], clusters: dict[date, list[_Cluster]]) -> Iterator[dict[str, Any]]:
    by_window: dict[tuple[date, str], list[Mention]] = {}
    for mention in sorted(ready, key=_figure_order):
        assert mention.date is not None
        span = (window_end(mention.date, mention.precision) - mention.date).days
        window = (mention.date + timedelta(days=n) for n in range(span))
        inside = [c for day in window for c in clusters.get(day, ()) if _fits(c, mention)]
        if len(inside) == 1:
            inside[0].add(mention)
        else:
            by_window.setdefault((mention.date, mention.precision or "day"), []).append(mention)
    for key in sorted(by_window):
        yield from (_row(c) for c in _clusters(by_window[key], *key))


def _end(mention: Mention) -> date:
    assert mention.date is not None
    return window_end(mention.date, mention.precision)


def _row(cluster: _Cluster) -> dict[str, Any]:
    return event_row(cluster.members, cluster.date, cluster.precision, cluster.unit)


def _figure_order(mention: Mention) -> tuple[Any, ...]:
    # Figured mentions first, those with categories first (they tell events apart), smallest
    # figure first: clusters then do not depend on the order of documents.
    return (mention.figure is None, not mention.categories, mention.figure or 0.0,
            mention.document, mention.candidate)  # fmt: skip


def _distance(cluster: _Cluster, mention: Mention) -> tuple[bool, float]:
    return (
        mention.figure not in cluster.figures,
        abs((cluster.smallest or 0.0) - (mention.figure or 0.0)),
    )


def _clusters(mentions: list[Mention], when: date, precision: str) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for mention in sorted(mentions, key=_figure_order):
        _place(clusters, mention, when, precision)
    return clusters


def _fits(cluster: _Cluster, mention: Mention) -> bool:
    if mention.figure is None:
        return cluster.accepts(mention)
    return cluster.smallest is not None and cluster.accepts(mention)


def _single(mention: Mention) -> _Cluster:
    return _Cluster(None, mention.precision, mention.unit, set(mention.categories),
                    mention.figure, [mention])  # fmt: skip


def _place(clusters: list[_Cluster], mention: Mention, when: date, precision: str) -> None:
    if mention.figure is None:
        # A mention without a figure corroborates the day's only event of its kind.
        if len(clusters) == 1 and clusters[0].accepts(mention):
            clusters[0].add(mention)
            return
        bare = [c for c in clusters if c.smallest is None]
        if bare:
            bare[0].add(mention)
            return
    else:
        fitting = [c for c in clusters if _fits(c, mention)]
        if fitting:
            # The event that already has this figure, else the one of the nearest figure.
            best = min(fitting, key=lambda c: _distance(c, mention))
            best.add(mention)
            return
    cluster = _Cluster(when, precision, None, set(), None)
    cluster.add(mention)
    clusters.append(cluster)


def window_end(start: date, precision: str | None) -> date:
    if precision == "week":
        return start + timedelta(days=7)
    if precision == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)
