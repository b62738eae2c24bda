"""Accepting candidates by a rule a team chose: every pending candidate whose calibrated
confidence is at least a threshold becomes a claim, recorded as accepted by the rule.

An acceptance by the rule is an acceptance like any other: one entry in the review log (its
reviewer `rule:auto-accept>=X`, its reason the confidence and who ran the rule) and one claim,
which can be superseded or retracted as any claim can. A candidate the rule cannot accept (no
date, a figure that is no whole number, an id the agreement does not declare) stays pending for
a person, with the reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from truce.errors import TruceError
from truce.review import accept
from truce.storage.ledger import Ledger
from truce.storage.review import ReviewQueue, confidence_of


class AutoAcceptThreshold(TruceError):
    code = "R200"
    default_hint = "give a confidence above 0 and at most 1, e.g. --auto-accept-above 0.95"


@dataclass
class AutoAccepted:
    threshold: float
    rule: str
    accepted: list[tuple[str, str]] = field(default_factory=list)  # candidate, claim
    left: list[tuple[str, str, str]] = field(default_factory=list)  # candidate, code, message

    def as_dict(self) -> dict[str, object]:
        return {
            "threshold": self.threshold,
            "rule": self.rule,
            "accepted": [{"candidate": c, "claim": k} for c, k in self.accepted],
            "left_pending": [{"candidate": c, "code": k, "message": m} for c, k, m in self.left],
        }


def threshold(value: float | str) -> float:
    """`value` as a threshold in (0, 1], or `AutoAcceptThreshold`."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise AutoAcceptThreshold(f"{value!r} is not a number") from None
    if not math.isfinite(number) or not 0 < number <= 1:
        raise AutoAcceptThreshold(f"the threshold {value} is not in (0, 1]")
    return number


def rule_name(above: float) -> str:
    """The reviewer the rule is recorded as: `rule:auto-accept>=0.95`."""
    return f"rule:auto-accept>={above:g}"


def auto_accept(
    ledger: Ledger,
    above: float | str,
    by: str | None = None,
    *,
    agreement: str | None = None,
    ids: Iterable[str] | None = None,
) -> AutoAccepted:
    """Accept every pending candidate (of `agreement`, or among `ids`) whose confidence is at
    least `above`, most confident first; return what was accepted and what was left."""
    limit = threshold(above)
    result = AutoAccepted(limit, rule_name(limit))
    wanted = set(ids) if ids is not None else None
    pending = ReviewQueue(ledger.engine).list(agreement, "pending")
    chosen = [
        q
        for q in pending
        if (wanted is None or q.id in wanted) and confidence_of(q.payload) >= limit
    ]
    chosen.sort(key=lambda q: -confidence_of(q.payload))
    for queued in chosen:
        confidence = confidence_of(queued.payload)
        reason = f"confidence {confidence:g} >= {limit:g}" + (f"; rule run by {by}" if by else "")
        try:
            done = accept(ledger, queued.id, {}, result.rule, reason=reason)
        except TruceError as exc:
            result.left.append((queued.id, exc.code, exc.message))
            continue
        result.accepted.append((queued.id, done.claim_id or ""))
    return result
