"""The one gate every claim passes before it is appended, whichever way it came in.

`truce record`, `truce import`, the API and review acceptance each build a `Claim` and call
`admit` on it; a claim's input errors are turned into catalogue errors by `input_error`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from truce.domain.claim_checks import UNCHECKED, Vocabulary, local_day, lookalikes
from truce.domain.claim_input import (
    BAD_PARTS,
    DATE_OUT_OF_RANGE,
    NOT_FINITE,
    PARTS_EXCEED_TOTAL,
    PARTS_WITHOUT_QUANTITY,
    TOO_MANY_PARTS,
    with_content_id,
)
from truce.domain.claims import Claim
from truce.domain.place import PLACE_PROBLEM
from truce.domain.spec import AgreementSpec
from truce.errors import (
    LOOKS_LIKE_RECORDED,
    BadParts,
    BadPlace,
    BadQuantity,
    ClaimDateOutOfRange,
    ClaimOffAgreement,
    ClaimTypeUndeclared,
    NotFiniteExtra,
    PartCategoryUndeclared,
    PartsExceedTotal,
    PartsWithoutQuantity,
    TooManyCategories,
    TooManyParts,
    TruceError,
    TruceWarning,
)


def admit(spec: AgreementSpec | Vocabulary, claim: Claim, allow_unknown: bool = False) -> Claim:
    """The claim as it may enter the ledger, or `ClaimOffAgreement` naming what is allowed.

    Aliases become ids. With `allow_unknown` a claim the agreement does not cover is kept, its
    problems written into `extra.unchecked` (part of its content, so its id says it too). An
    import passes the agreement's `Vocabulary`, built once, rather than its spec.
    """
    words = spec if isinstance(spec, Vocabulary) else Vocabulary(spec)
    resolved = words.with_actor_ids(claim)
    problems = words.problems(resolved)
    if problems and not allow_unknown:
        if words.type_problem(resolved):
            raise ClaimTypeUndeclared("; ".join(problems))
        if words.parts_problem(resolved):
            raise PartCategoryUndeclared("; ".join(problems))
        raise ClaimOffAgreement("; ".join(problems))
    if problems:
        resolved = replace(resolved, extra={**resolved.extra, UNCHECKED: problems})
    return resolved if resolved is claim else with_content_id(resolved)


def input_error(exc: ValidationError, fallback: TruceError) -> TruceError:
    """A claim's validation errors as one catalogue error: range errors get their own codes."""
    return range_error(exc.errors()) or fallback


def range_error(errors: Sequence[Mapping[str, Any]]) -> TruceError | None:
    """The catalogue error for a date or figure out of range among pydantic's `errors` (of a
    `ClaimInput`, or of an API body holding one), if there is one."""
    for error in errors:
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        loc = tuple(error.get("loc", ()))
        if error.get("type") == DATE_OUT_OF_RANGE:
            return ClaimDateOutOfRange(message)
        if loc[-1:] == ("quantity",):
            return BadQuantity(f"`quantity`: {message} (given {error.get('input')!r})")
        if error.get("type") == PLACE_PROBLEM:
            return BadPlace(message)
        if error.get("type") == NOT_FINITE:
            return NotFiniteExtra(f"`extra`: {message}")
        if loc[-1:] == ("categories",) and error.get("type") == "too_long":
            return TooManyCategories(f"`categories`: {message}")
        if error.get("type") in _PARTS_ERRORS:
            return _PARTS_ERRORS[str(error["type"])](f"`parts`: {message}")
    return None


_PARTS_ERRORS: dict[str, type[TruceError]] = {
    BAD_PARTS: BadParts,
    TOO_MANY_PARTS: TooManyParts,
    PARTS_WITHOUT_QUANTITY: PartsWithoutQuantity,
    PARTS_EXCEED_TOTAL: PartsExceedTotal,
}


def lookalike_warnings(
    spec: AgreementSpec, claim: Claim, recorded: list[Claim]
) -> list[TruceWarning]:
    """A warning for each recorded event the new claim looks like without sharing its id."""
    seen: dict[str, Claim] = {}
    for other in lookalikes(claim, recorded, spec.zone):
        seen.setdefault(other.group, other)
    return [
        TruceWarning(
            LOOKS_LIKE_RECORDED,
            f"claim {claim.id} looks like event {group!r} (claim {other.id}): same type, "
            f"actor, day and figure ({claim.type}, {claim.actor}, "
            f"{claim.date.astimezone(spec.zone).date()}, {claim.quantity}), "
            "another event id; it will be counted as a second event",
            f"if it reports the same event, record a correction with `supersedes: {claim.id}` "
            f"and `event_id: {group}` (`truce record --supersedes {claim.id} --event-id "
            f"{group} ...`)",
        )
        for group, other in seen.items()
    ]


def import_lookalike_warnings(
    spec: AgreementSpec, new: Sequence[Claim], recorded: Sequence[Claim]
) -> list[tuple[Claim, TruceWarning]]:
    """`lookalike_warnings` for a whole import: each new claim against the recorded claims and
    the lines before it. Claims are keyed by agreement, type, actor, figure and local day, and a
    key keeps at most two events, enough to name one look-alike under another id: the cost is
    linear in the file, however many lines share a key."""
    index: dict[tuple[object, ...], dict[str, Claim]] = {}

    def bucket(claim: Claim) -> dict[str, Claim] | None:
        day = local_day(claim, spec.zone)
        if day is None or claim.quantity is None:
            return None
        key = (claim.agreement, claim.type, claim.actor, claim.quantity, day)
        return index.setdefault(key, {})

    def keep(claim: Claim, events: dict[str, Claim]) -> None:
        if len(events) < 2:
            events.setdefault(claim.group, claim)

    for claim in recorded:
        events = bucket(claim)
        if events is not None:
            keep(claim, events)
    warnings: list[tuple[Claim, TruceWarning]] = []
    for claim in new:
        events = bucket(claim)
        if events is None:
            continue
        others = [o for o in events.values() if o.id not in (claim.id, claim.supersedes)]
        warnings.extend((claim, w) for w in lookalike_warnings(spec, claim, others)[:1])
        keep(claim, events)
    return warnings
