"""Between domain claims and rows of the `claims` projection, in both directions, fast.

Loading a million claims must take seconds, so rows become `Claim`s without pydantic, enums and
repeated JSON values (categories, sources) come from caches, and nothing is validated twice:
what is in the projection was validated on the way in.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import Column

from truce.domain.claim_fields import BY_NAME, JSON_FIELDS, NAMES
from truce.domain.claims import Claim, ClaimStatus, DatePrecision, EventType, Source, parts_of
from truce.domain.readings import Qualifier
from truce.storage.chain import canonical
from truce.storage.tables import claims as claims_table

# The projection's columns: the claim's fields (`domain.claim_fields`), `seq` after the id, the
# payload last; what a claim is rebuilt from is every column but the payload.
CLAIM_COLUMNS: tuple[str, ...] = tuple(c.name for c in claims_table.columns)
LOAD_COLUMNS: tuple[Column[Any], ...] = tuple(
    c for c in claims_table.columns if c.name != "payload"
)
_TYPES = {e.value: e for e in EventType}  # any other type is a declared provision
_STATUSES = {e.value: e for e in ClaimStatus}
_PRECISIONS = {e.value: e for e in DatePrecision}
# NULL (every claim recorded before qualifiers) reads as exact.
_QUALIFIERS: dict[str | None, Qualifier] = {
    None: Qualifier.EXACT,
    **{e.value: e for e in Qualifier},
}
_EXACT = Qualifier.EXACT
# The fast paths below address fields and columns by position, in the definition's order;
# fail at import, not silently, if `Claim` or the table strays from it.
if (
    tuple(f.name for f in fields(Claim)) != NAMES
    or ("id", "seq", *NAMES[1:], "payload") != CLAIM_COLUMNS
):
    raise ImportError("Claim or the claims table is not domain.claim_fields: make them agree")


class ProjectionWriter:
    """Builds `claims` rows (in `CLAIM_COLUMNS` order) for new claims.

    Categories and sources are tuples of immutable values, so their JSON text is computed once
    per distinct value rather than once per claim.
    """

    def __init__(self) -> None:
        self._json: dict[Any, str] = {}

    def _text(self, value: tuple[Any, ...]) -> str:
        text = self._json.get(value)
        if text is None:
            items = [v.as_dict() if isinstance(v, Source) else v for v in value]
            text = self._json[value] = canonical(items)
        return text

    def row(self, claim: Claim, seq: int, payload_text: str, by: str | None) -> tuple[Any, ...]:
        c = claim
        return (
            c.id, seq, c.agreement, str(c.type), c.date.isoformat(), c.date_precision.value,
            c.event_id, c.actor, c.target, c.quantity, c.subject, self._text(c.categories),
            c.status.value, self._text(c.sources), c.quote, c.reliability, c.location,
            c.supersedes, c.notes, by, c.phase, canonical(c.extra) if c.extra else None,
            None if c.qualifier is _EXACT else c.qualifier.value,
            canonical(dict(c.parts)) if c.parts else None, payload_text,
        )  # fmt: skip


class RowChecker:
    """Compares projection rows (in `CLAIM_COLUMNS` order) with the payloads of their entries.

    JSON columns are compared as decoded values, since only their content matters; decoded
    values are cached because most rows repeat a few category lists and sources.
    """

    def __init__(self) -> None:
        self._decoded: dict[str, Any] = {}

    def _json(self, text: str | None, default: Any) -> Any:
        if not text:
            return default
        value = self._decoded.get(text)
        if value is None:
            if len(self._decoded) > 100_000:
                self._decoded.clear()
            value = self._decoded[text] = json.loads(text)
        return value

    def differences(
        self, row: Sequence[Any], seq: int, payload: dict[str, Any], text: str, by: str | None
    ) -> list[str]:
        """The columns (all but the id) whose value is not the entry's."""
        get, decode = payload.get, self._json
        expected = [get(n) for n in _CHECKED]
        expected[_SEQ_AT], expected[_BY_AT], expected[_TEXT_AT] = seq, by, text
        actual = list(row[1:])
        for i, empty in _JSON_AT:
            expected[i] = expected[i] or empty
            actual[i] = decode(actual[i], empty)
        if actual == expected:
            return []
        return [n for n, a, e in zip(_CHECKED, actual, expected, strict=True) if a != e]


# The columns `RowChecker` compares (all but the id), where among them the entry's own values
# go, and which hold JSON, with the empty value an absent one stands for (compared, never
# changed).
_CHECKED = CLAIM_COLUMNS[1:]
_SEQ_AT, _BY_AT, _TEXT_AT = (_CHECKED.index(n) for n in ("seq", "recorded_by", "payload"))
_JSON_AT: tuple[tuple[int, Any], ...] = tuple(
    (i, {} if BY_NAME[n].kind == "object" else [])
    for i, n in enumerate(_CHECKED)
    if n in JSON_FIELDS
)


def _setter(name: str) -> Callable[[Claim, Any], None]:
    setter: Callable[[Claim, Any], None] = getattr(Claim, name).__set__
    return setter


def _claim_builder() -> Callable[..., Claim]:
    # Claim is a frozen dataclass whose __init__ sets 21 fields through object.__setattr__;
    # writing the slots directly builds an equal object in about half the time.
    new = object.__new__
    set_id = _setter("id")
    set_agreement = _setter("agreement")
    set_type = _setter("type")
    set_date = _setter("date")
    set_date_precision = _setter("date_precision")
    set_event_id = _setter("event_id")
    set_actor = _setter("actor")
    set_target = _setter("target")
    set_quantity = _setter("quantity")
    set_subject = _setter("subject")
    set_categories = _setter("categories")
    set_status = _setter("status")
    set_sources = _setter("sources")
    set_quote = _setter("quote")
    set_reliability = _setter("reliability")
    set_location = _setter("location")
    set_supersedes = _setter("supersedes")
    set_notes = _setter("notes")
    set_recorded_by = _setter("recorded_by")
    set_phase = _setter("phase")
    set_extra = _setter("extra")
    set_qualifier = _setter("qualifier")
    set_parts = _setter("parts")

    def build(
        id: Any, agreement: Any, type: Any, date: Any, date_precision: Any, event_id: Any,
        actor: Any, target: Any, quantity: Any, subject: Any, categories: Any, status: Any,
        sources: Any, quote: Any, reliability: Any, location: Any, supersedes: Any, notes: Any,
        recorded_by: Any, phase: Any, extra: Any, qualifier: Any, parts: Any,
    ) -> Claim:  # fmt: skip
        claim: Claim = new(Claim)
        set_id(claim, id)
        set_agreement(claim, agreement)
        set_type(claim, type)
        set_date(claim, date)
        set_date_precision(claim, date_precision)
        set_event_id(claim, event_id)
        set_actor(claim, actor)
        set_target(claim, target)
        set_quantity(claim, quantity)
        set_subject(claim, subject)
        set_categories(claim, categories)
        set_status(claim, status)
        set_sources(claim, sources)
        set_quote(claim, quote)
        set_reliability(claim, reliability)
        set_location(claim, location)
        set_supersedes(claim, supersedes)
        set_notes(claim, notes)
        set_recorded_by(claim, recorded_by)
        set_phase(claim, phase)
        set_extra(claim, extra)
        set_qualifier(claim, qualifier)
        set_parts(claim, parts)
        return claim

    return build


_build_claim = _claim_builder()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off the cycle collector while building many objects that hold no cycles.

    A million claims trigger dozens of full collections that each walk every claim built so far;
    pausing roughly halves the load time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ClaimLoader:
    """Turns projection rows (in `LOAD_COLUMNS` order) into claims, sharing repeated values."""

    def __init__(self) -> None:
        self._categories: dict[str, tuple[str, ...]] = {}
        self._sources: dict[str, tuple[Source, ...]] = {}
        self._parts: dict[str | None, tuple[tuple[str, int], ...]] = {None: ()}

    def load(self, rows: Iterable[Sequence[Any]]) -> list[Claim]:
        categories, sources, parts = self._categories, self._sources, self._parts
        types, statuses, precisions, qualifiers = _TYPES, _STATUSES, _PRECISIONS, _QUALIFIERS
        fromiso, build, loads = datetime.fromisoformat, _build_claim, json.loads
        out: list[Claim] = []
        append = out.append
        for (
            id_, _seq, agreement, type_, date, precision, event_id, actor, target, quantity,
            subject, cats, status, srcs, quote, reliability, location, supersedes, notes,
            recorded_by, phase, extra, qualifier, subcounts,
        ) in rows:  # fmt: skip
            cat = categories.get(cats)
            if cat is None:
                cat = categories[cats] = tuple(loads(cats))
            src = sources.get(srcs)
            if src is None:
                src = sources[srcs] = tuple(Source(**s) for s in loads(srcs))
            got = parts.get(subcounts)
            if got is None:
                got = parts[subcounts] = parts_of(loads(subcounts)) if subcounts else ()
            append(
                build(
                    id_,
                    agreement,
                    types.get(type_, type_),
                    fromiso(date),
                    precisions[precision],
                    event_id,
                    actor,
                    target,
                    quantity,
                    subject,
                    cat,
                    statuses[status],
                    src,
                    quote,
                    reliability,
                    location,
                    supersedes,
                    notes,
                    recorded_by,
                    phase,
                    loads(extra) if extra else {},
                    qualifiers[qualifier],
                    got,
                )  # fmt: skip
            )
        return out
