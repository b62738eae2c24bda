"""A counted figure broken down by sub-count: what a term counted of each part of the claims it
read, and what it left out and why (`subcounts` is the rule; this says what it did).

"13 hostages, including 5 Thai nationals" against a quota that excludes `thai` is two rows:
8 of the rest, counted; 5 `thai`, excluded by the term. Rows are summed over the window's
events whose claims give parts, one row per category, outcome and factor, so a day of ten
such claims is still a handful of rows. Events without parts count whole as before and are
not broken down: the row's `delivered` already says what they gave.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, Protocol

from truce.domain.engine.subcounts import Counted, Weights, factor, pieces
from truce.domain.engine.verdicts import as_number
from truce.domain.spec import Selector

MAX_EVENTS = 10  # event ids listed per row; `events_total` says how many


class PartsIndex(Protocol):
    """What of an index the breakdown reads (`index.Index`, `columns.ColumnIndex`)."""

    def with_parts(self, sel: Selector, start: float, end: float) -> Sequence[Counted]: ...

    def quantity(self, event: Any) -> int | None: ...


def filtered_out(sel: Selector, categories: Collection[str]) -> str | None:
    """Why the selector's category filter leaves a piece out, or None when it keeps it."""
    hit = [c for c in sel.exclude if c in categories]
    if hit:
        return f"excluded by the term ({', '.join(hit)})"
    if sel.categories and not any(c in categories for c in sel.categories):
        return f"outside the term's categories ({', '.join(sel.categories)})"
    return None


def breakdown(
    index: PartsIndex, sel: Selector, start: float, end: float, weights: Weights = (),
    default: float = 1.0, ratio: bool = False,
) -> list[dict[str, Any]]:  # fmt: skip
    """The `parts` rows of a verdict over [start, end): [] when the term neither filters nor
    weighs by category (parts change nothing then, and nothing is read). For a `ratio`, each
    counted row carries its factor (`weights`, else `default`)."""
    if not (sel.categories or sel.exclude or weights):
        return []
    events = index.with_parts(sel, start, end)
    if not events:
        return []
    rows: dict[tuple[str | None, bool, float | None, str | None], dict[str, Any]] = {}
    for event in events:
        figure = int(index.quantity(event) or 0)
        rest = max(0, figure - sum(n for _, n in event.parts))
        names = [name for name, _ in event.parts] + [None]
        for name, (count, cats) in zip(names, pieces(event.categories, event.parts), strict=True):
            number = rest if count is None else count
            if not number:
                continue
            reason = filtered_out(sel, cats)
            weight = factor(weights, default, cats) if ratio and reason is None else None
            if weight == 0 and not any(c in cats for c, _ in weights):
                reason, weight = "no factor in the ratio for these", None
            key = (name, reason is None, weight, reason)
            row = rows.get(key)
            if row is None:
                row = rows[key] = {
                    "category": name,
                    "count": 0,
                    "counted": reason is None,
                    "factor": weight,
                    "amount": 0.0,
                    "reason": reason,
                    "events": [],
                    "events_total": 0,
                }
            row["count"] += number
            if reason is None:
                row["amount"] += number * (1.0 if weight is None else weight)
            row["events_total"] += 1
            if len(row["events"]) < MAX_EVENTS:
                row["events"].append(getattr(event, "id", "?"))
    return [_shown(row) for row in sorted(rows.values(), key=_order)]


def _order(row: dict[str, Any]) -> tuple[bool, bool, str]:
    """Counted before excluded; named parts before the rest of the figures; by name."""
    return (not row["counted"], row["category"] is None, row["category"] or "")


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """Figures as the answer prints them: whole numbers as ints, others to three decimals."""
    weight = row["factor"]
    return row | {"amount": as_number(row["amount"]),
                  "factor": None if weight is None else as_number(weight)}  # fmt: skip


def summary(parts: Sequence[dict[str, Any]], kind: str = "quota") -> str:
    """One line for a table cell: "8 counted of 13: 5 excluded (thai)"; for a ratio, whose
    parts are the other side's units, "owed for 8 of 13: ..." ("" without parts)."""
    if not parts:
        return ""
    counted = sum(p["count"] for p in parts if p["counted"])
    left = [p for p in parts if not p["counted"]]
    total = counted + sum(p["count"] for p in left)
    head = f"owed for {counted} of {total}" if kind == "ratio" else f"{counted} counted of {total}"
    if not left:
        return f"{head}, by sub-count"
    names = sorted({p["category"] or "other" for p in left})
    excluded = sum(p["count"] for p in left)
    return f"{head}: {excluded} excluded ({', '.join(names)})"
