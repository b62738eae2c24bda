"""What the agreement's terms leave out of the count, so the dashboard can draw it apart.

A chart that adds 11 foreign nationals freed outside the deal to the hostages a quota counts
shows 24 where the quota row says 13. Releases in a category that every term counting that
party's deliveries of that subject excludes are drawn and listed as "outside the terms", with the
category that puts them there; a release whose claim gives sub-counts is split into its parts
first, as the engine counts it (`subcounts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from truce.domain.engine.subcounts import pieces
from truce.domain.spec import AgreementSpec

Key = tuple[str | None, str | None]


def exclusions(spec: AgreementSpec) -> dict[Key, set[str]]:
    """Per (party, subject): the categories every term that counts it leaves out."""
    seen: dict[Key, list[set[str]]] = {}
    for term in spec.terms:
        for sel in _counted(term):
            key = (sel.get("party"), sel.get("subject"))
            seen.setdefault(key, []).append(set(sel.get("exclude") or ()))
    return {key: set.intersection(*sets) for key, sets in seen.items() if set.intersection(*sets)}


def left_out(row: dict[str, Any], excluded: dict[Key, set[str]]) -> list[str]:
    """The categories that put a release outside every term counting it ([] if it counts)."""
    return sorted(
        set(row.get("categories") or ()) & excluded.get((row["actor"], row["subject"]), set())
    )


def release_pieces(row: dict[str, Any]) -> list[dict[str, Any]]:
    """A release row as the engine counts it: whole, or split by its sub-counts ("13, including
    5 Thai nationals" is 5 with `thai` and 8 without), each piece a row with its own categories
    and figure. A row of `count` events sharing the same parts gives each part `count` times."""
    parts = row.get("parts") or {}
    if not parts:
        return [row]
    events = int(row.get("count", 1))
    named = tuple(parts.items())
    rest = max(0, int(row["quantity"] or 0) - events * sum(parts.values()))
    figures = [events * n for _, n in named] + [rest]
    return [
        row | {"categories": sorted(cats), "quantity": figure, "parts": {}}
        for figure, (_, cats) in zip(figures, pieces(row.get("categories") or (), named),
                                     strict=True)
        if figure
    ]  # fmt: skip


def _counted(term: Any) -> Iterable[dict[str, Any]]:
    """The selections of deliveries a term counts: its own, and a ratio's or extension's base."""
    if getattr(term, "kind", None) in ("quota", "ratio"):
        yield {"party": term.party, "subject": term.subject, "exclude": term.exclude}
    for name in ("per_unit_of", "of"):
        sel = getattr(term, name, None)
        if sel is not None and hasattr(sel, "exclude"):
            yield {"party": sel.party, "subject": sel.subject, "exclude": sel.exclude}
