"""What an event counts for when its claim gives sub-counts ("30, including 15 women and 15
minors"): the one rule both engine paths use.

An event's figure is split into pieces. Without parts it is one piece: the whole figure, with
the claim's categories, as always. With parts, each part is a piece of its own count, whose
categories are its own plus those of the whole that name no part (15 women of 30 civilians
are civilians and women; of "women and minors" they are women only); the rest of the figure
beyond the parts (never below 0) is one more piece, with the whole's categories that name no
part. A selector's category filter (`categories`, `exclude`) is asked of each piece, and a
ratio's factor is that of the piece's first weighed category. So a term counting women counts
a claim's part `women=15` although the claim's own categories do not match wholly, and a term
without a category filter still counts the whole figure.

For one event the amount is `fixed + rate * max(0, figure - parts)`: `Profile` holds those
three numbers for a selector, so the column path computes them once per distinct pair of
category set and parts, and the object path per event, with the same floats.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from truce.domain.spec import Selector

Weights = tuple[tuple[str, float], ...]
Parts = tuple[tuple[str, int], ...]


class Counted(Protocol):
    """What of an event the rule reads (an `events.Event`)."""

    categories: frozenset[str]
    parts: Parts


def fits(sel: Selector, categories: Collection[str]) -> bool:
    """The selector's category filter alone: one of its categories, none it excludes."""
    if sel.categories and not any(c in categories for c in sel.categories):
        return False
    return not (sel.exclude and any(c in categories for c in sel.exclude))


def factor(weights: Weights, default: float, categories: Collection[str]) -> float:
    """The factor of the first weighed category the piece has, else `default`."""
    for category, weight in weights:
        if category in categories:
            return weight
    return default


def pieces(categories: Collection[str], parts: Parts) -> list[tuple[int | None, frozenset[str]]]:
    """The parts' pieces (count, categories), then the rest's (count None: the figure beyond
    the parts)."""
    named = {name for name, _ in parts}
    kept = frozenset(c for c in categories if c not in named)
    return [*((n, kept | {name}) for name, n in parts), (None, kept)]


@dataclass(frozen=True, slots=True)
class Profile:
    """How much an event of one category set and one set of parts counts for a selector:
    `fixed + rate * max(0, figure - total)`; `matched`: whether any piece passes its filter."""

    fixed: float
    total: int
    rate: float
    matched: bool

    def amount(self, figure: float) -> float:
        if not self.total and not self.fixed:
            return figure * self.rate
        return self.fixed + self.rate * max(0.0, figure - self.total)


def profile(
    sel: Selector, categories: Collection[str], parts: Parts, weights: Weights = (),
    default: float = 1.0,
) -> Profile:  # fmt: skip
    if not parts:
        whole = fits(sel, categories)
        return Profile(0.0, 0, factor(weights, default, categories) if whole else 0.0, whole)
    fixed, rate, matched, total = 0.0, 0.0, False, 0
    for count, cats in pieces(categories, parts):
        if count is not None:
            total += count
        if not fits(sel, cats):
            continue
        matched = True
        if count is None:
            rate = factor(weights, default, cats)
        else:
            fixed += count * factor(weights, default, cats)
    return Profile(fixed, total, rate, matched)


def matched(sel: Selector, event: Counted) -> bool:
    """Whether the event passes the selector's category filter by its claim or its parts."""
    if not event.parts:
        return fits(sel, event.categories)
    return any(fits(sel, cats) for _, cats in pieces(event.categories, event.parts))


def amount(
    sel: Selector, event: Counted, figure: float, weights: Weights = (), default: float = 1.0
) -> float:
    """What the event counts for at `figure` (its leading figure, or a reading's)."""
    return profile(sel, event.categories, event.parts, weights, default).amount(figure)


def unweighed(event: Counted, figure: float, weights: Weights) -> bool:
    """Whether some of the event's figure falls in a piece with none of the weighed categories
    (a ratio with no factor for it)."""
    names = [c for c, _ in weights]
    rest = figure - sum(n for _, n in event.parts)
    return any(
        (count if count is not None else rest) > 0 and not any(c in cats for c in names)
        for count, cats in pieces(event.categories, event.parts)
    )


def parts_note(
    sel: Selector, events: Sequence[Counted], figures: Sequence[float], weights: Weights = (),
    default: float = 1.0,
) -> str:  # fmt: skip
    """What a term counted from sub-counts, for its explanation ("" when it counted none, or
    when it filters and weighs by no category, so parts change nothing): for each event whose
    claim gives parts, the parts it counted (with their factors, for a ratio) out of the figure.
    """
    if not (sel.categories or sel.exclude or weights):
        return ""
    said = []
    for event, figure in zip(events, figures, strict=True):
        if not event.parts:
            continue
        used = []
        for (name, n), (_, cats) in zip(event.parts, pieces(event.categories, event.parts)[:-1],
                                        strict=True):  # fmt: skip
            if fits(sel, cats):
                weight = factor(weights, default, cats)
                used.append(f"{n} {name}" + (f" x{weight:g}" if weights else ""))
        counted = amount(sel, event, figure, weights, default)
        claims = getattr(event, "claims", ())
        who = claims[0].id if claims else getattr(event, "id", "?")
        said.append(f"{counted:g} of {figure:g} from {', '.join(used) or 'no part'} ({who})")
    if not said:
        return ""
    more = f" and {len(said) - 5} more" if len(said) > 5 else ""
    return "; counted from sub-counts: " + "; ".join(said[:5]) + more


class _Index(Protocol):
    def with_parts(self, sel: Selector, start: float, end: float) -> Sequence[Counted]: ...

    def quantity(self, event: Any) -> int | None: ...


def told(
    index: _Index, sel: Selector, start: float, end: float, weights: Weights = (),
    default: float = 1.0,
) -> str:  # fmt: skip
    """`parts_note` for the events a term counts in [start, end), read only when its selector
    or weights name categories (else parts change nothing, and nothing is read)."""
    if not (sel.categories or sel.exclude or weights):
        return ""
    events = index.with_parts(sel, start, end)
    if not events:
        return ""
    figures = [float(index.quantity(e) or 0) for e in events]
    return parts_note(sel, events, figures, weights, default)
