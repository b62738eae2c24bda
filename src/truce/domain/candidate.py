"""A candidate event on its way to becoming a claim: one typed record for what extraction finds,
what a batch merge queues and what the review queue keeps, and one pure conversion to a claim.

Records travel as JSON (the review queue's payload, `truce extract --format jsonl`);
`from_payload` and `payload` are exact inverses for every key a record knows, and keys it does
not know (pipeline details such as `plover` or `batch`) ride along untouched in `more`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from truce.domain.claim_fields import SOURCE_FIELDS
from truce.domain.claim_input import is_web_address
from truce.domain.event_codes import codes_for
from truce.domain.provisions import Provision
from truce.domain.readings import Qualifier, qualifier, whole_range

# A figure this close to a whole number is that number: "4.35 million" computed in floating
# point is 4349999.999999999, and cutting it to 4349999 would misquote the source.
WHOLE = 1e-6

_KNOWN = ("id", "type", "modality", "date", "date_precision", "actor", "target", "subject",
          "quantity", "qualifier", "quantities", "categories", "location", "source", "sources",
          "quote", "span", "confidence", "event_id", "document", "document_meta", "notes",
          "evidence", "parts")  # fmt: skip
_SOURCE_KEYS = SOURCE_FIELDS


class FigureNotWhole(ValueError):
    """A figure that cannot be a count of anything: 2.5 hostages."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A count as reported: "at least 10 hostages" is Figure(10, AT_LEAST, "hostages")."""

    value: float
    qualifier: Qualifier = Qualifier.EXACT
    unit: str | None = None
    # The parts a text gives of this count ("30 prisoners, including 15 women and 15 minors"),
    # each as (value, qualifier, categories); empty when it gives none.
    breakdown: tuple[tuple[float, str, tuple[str, ...]], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": _number(self.value),
            "qualifier": self.qualifier.value,
            "unit": self.unit,
        }
        if self.breakdown:
            out["breakdown"] = [
                {"value": _number(v), "qualifier": q, "categories": list(c)}
                for v, q, c in self.breakdown
            ]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        parts = tuple(
            (
                float(p["value"]),
                str(p.get("qualifier") or "exact"),
                tuple(p.get("categories") or ()),
            )
            for p in data.get("breakdown") or ()
            if isinstance(p, dict) and "value" in p
        )
        return cls(float(data["value"]), qualifier(data.get("qualifier")), data.get("unit"), parts)


def _number(value: float) -> float | int:
    whole = nearest_whole(value)
    return whole if whole is not None else value


@dataclass(frozen=True)
class CandidateRecord:
    """One candidate event. `quantity`/`qualifier`/`subject` are set by a reviewer's edits or a
    merged batch event; otherwise the figure comes from `quantities`."""

    type: str
    id: str = ""
    modality: str = "occurred"
    date: str | None = None  # ISO date of the event; None: the document's publication date
    date_precision: str | None = None
    actor: str | None = None
    target: str | None = None
    subject: str | None = None
    quantity: float | None = None
    qualifier: Qualifier | None = None
    quantities: tuple[Figure, ...] = ()
    categories: tuple[str, ...] = ()
    location: str | None = None
    source: dict[str, Any] = field(default_factory=dict)  # speaker, role, anonymous, via
    sources: tuple[dict[str, Any], ...] = ()  # a merged event's every source, claim-shaped
    quote: str | None = None
    span: tuple[int, int] | None = None
    confidence: float | None = None
    event_id: str | None = None
    document: str | None = None
    document_meta: dict[str, Any] = field(default_factory=dict)  # hash, name, url, outlet, ...
    notes: str | None = None
    evidence: str | None = None
    # Sub-counts of its figure by category ("30, including 15 women"): what extraction read of
    # the figure's breakdown (`sub_counts`), or a reviewer's edit; the claim's `parts`.
    parts: dict[str, int] = field(default_factory=dict)
    more: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> CandidateRecord:
        span = data.get("span")
        how = data.get("qualifier")
        return cls(
            type=str(data["type"]),
            id=str(data.get("id") or ""),
            modality=data.get("modality") or "occurred",
            date=data.get("date"),
            date_precision=data.get("date_precision"),
            actor=data.get("actor"),
            target=data.get("target"),
            subject=data.get("subject"),
            quantity=None if data.get("quantity") is None else float(data["quantity"]),
            qualifier=None if how is None else qualifier(how),
            quantities=tuple(Figure.from_dict(q) for q in data.get("quantities") or ()),
            categories=tuple(c for c in data.get("categories") or () if isinstance(c, str)),
            location=data.get("location"),
            source=dict(data.get("source") or {}),
            sources=tuple(dict(s) for s in data.get("sources") or ()),
            quote=data.get("quote"),
            span=(int(span[0]), int(span[1])) if span and len(span) == 2 else None,
            confidence=data.get("confidence"),
            event_id=data.get("event_id"),
            document=data.get("document"),
            document_meta=dict(data.get("document_meta") or {}),
            notes=data.get("notes"),
            evidence=data.get("evidence"),
            parts=dict(data.get("parts") or {}),
            more={k: v for k, v in data.items() if k not in _KNOWN},
        )

    def sentence(self) -> tuple[int, int] | None:
        """The span of the sentence its `span` lies in, when extraction gave one (its
        `sentence_span`, kept among the keys it carries beyond the record's own); None when
        absent or not a pair of offsets."""
        value = self.more.get("sentence_span")
        if not isinstance(value, list | tuple) or len(value) != 2:
            return None
        try:
            return int(value[0]), int(value[1])
        except (TypeError, ValueError):
            return None

    def payload(self) -> dict[str, Any]:
        """The record as JSON-able data; `from_payload(r.payload()) == r`."""
        data: dict[str, Any] = {
            **self.more,
            "id": self.id,
            "type": self.type,
            "modality": self.modality,
            "date": self.date,
            "date_precision": self.date_precision,
            "actor": self.actor,
            "target": self.target,
            "quantities": [q.as_dict() for q in self.quantities],
            "categories": list(self.categories),
            "location": self.location,
            "source": dict(self.source),
            "quote": self.quote,
            "span": list(self.span) if self.span else None,
            "confidence": self.confidence,
            "document": self.document,
        }
        optional = {
            "subject": self.subject,
            "quantity": _plain(self.quantity),
            "qualifier": self.qualifier.value if self.qualifier else None,
            "sources": [dict(s) for s in self.sources] or None,
            "event_id": self.event_id,
            "document_meta": dict(self.document_meta) or None,
            "notes": self.notes,
            "evidence": self.evidence,
            "parts": dict(self.parts) or None,
        }
        data.update({k: v for k, v in optional.items() if v is not None})
        return data

    def edited(self, edits: dict[str, Any]) -> CandidateRecord:
        """The record with a reviewer's edits; a new quantity without a qualifier is exact."""
        changes = dict(edits)
        if "place" in changes:  # a structured place rides in `more`, as extraction puts it
            place = changes.pop("place")
            more = {k: v for k, v in self.more.items() if k != "place"}
            changes["more"] = more | ({"place": dict(place)} if place else {})
        if "categories" in changes:
            changes["categories"] = tuple(changes["categories"] or ())
        if "parts" in changes:
            changes["parts"] = dict(changes["parts"] or {})
        if "quantity" in changes:
            value = changes["quantity"]
            changes["quantity"] = None if value is None else float(value)
            changes.setdefault("qualifier", Qualifier.EXACT)
        if "qualifier" in changes and changes["qualifier"] is not None:
            changes["qualifier"] = qualifier(changes["qualifier"])
        return replace(self, **changes)


def sub_counts(figure: Figure) -> dict[str, int]:
    """A figure's breakdown as a claim's sub-counts: each part that is an exact whole number
    of one category ("15 women"); parts of no category or of several ("10 Israelis", "two
    women and children"), loosely put or repeated are left out. None at all when the parts add
    up to more than the figure allows (a breakdown misread)."""
    out: dict[str, int] = {}
    for value, how, categories in figure.breakdown:
        count = nearest_whole(value)
        if count is None or count < 0 or len(categories) != 1 or qualifier(how) != "exact":
            continue
        if categories[0] in out:
            return {}
        out[categories[0]] = count
    total = nearest_whole(figure.value)
    _, highest = whole_range(total, figure.qualifier) if total is not None else (0, None)
    if total is None or (highest is not None and sum(out.values()) > highest):
        return {}
    return out


def nearest_whole(value: float) -> int | None:
    """The whole number `value` stands for, or None when it is not within `WHOLE` of one (NaN
    and the infinities stand for none: a candidate written so by hand or by an older version
    is then a figure that is no count, not a failure of the review page and its suggestions)."""
    if not math.isfinite(value):
        return None
    whole = round(value)
    return int(whole) if abs(value - whole) <= WHOLE * max(1.0, abs(value)) else None


def _plain(value: float | None) -> float | int | None:
    if value is None:
        return None
    whole = nearest_whole(value)
    return whole if whole is not None else value


def claim_input(
    record: CandidateRecord,
    agreement: str,
    subjects: set[str],
    published: str | None = None,
    provisions: Mapping[str, Provision] | None = None,
) -> dict[str, Any]:
    """The claim a candidate becomes, as the fields `ClaimInput` validates.

    Pure: the figure keeps its qualifier ("at least 10" stays at_least 10) and its exact value
    (a figure that is not a whole number raises `FigureNotWhole` rather than being cut). Its
    PLOVER and CAMEO codes are those of the type it is accepted as, in the agreement's
    `provisions` (the built-in types when not given).
    """
    meta = record.document_meta
    subject, figure = _subject_and_figure(record, subjects)
    quantity = None
    if figure is not None:
        quantity = nearest_whole(figure.value)
        if quantity is None:
            raise FigureNotWhole(f"the figure {figure.value} is not a whole number")
    when = record.date or meta.get("published") or published
    plover, cameo = codes_for(record.type, provisions)
    source = record.source
    return {
        "agreement": agreement,
        "type": record.type,
        "date": when,
        "date_precision": record.date_precision if record.date else None,
        "actor": record.actor,
        "target": record.target,
        "quantity": quantity,
        "qualifier": figure.qualifier.value if figure is not None else "exact",
        # Sub-counts belong to a figure: a claim without one has none.
        "parts": dict(record.parts) if figure is not None else {},
        "subject": subject,
        "categories": list(record.categories),
        "status": "alleged" if record.type == "breach" else "reported",
        # A merged batch event carries all its sources and the event they report.
        "event_id": record.event_id,
        "sources": [{k: s.get(k) for k in _SOURCE_KEYS} for s in record.sources]
        or [
            {
                "outlet": meta.get("outlet"),
                "url": meta.get("url") if is_web_address(meta.get("url")) else None,
                "speaker": source.get("speaker"),
                "role": source.get("role"),
                "anonymous": bool(source.get("anonymous")),
                "via": source.get("via"),
            }
        ],
        "quote": record.quote,
        "location": record.location,
        "notes": record.notes or f"extracted from {meta.get('name')} ({record.modality})",
        "extra": {
            "candidate": record.id,
            "span": list(record.span) if record.span else None,
            # The sentence the span is in, when extraction gave it (`span` is its own words).
            **({"sentence_span": list(sentence)} if (sentence := record.sentence()) else {}),
            "document_hash": meta.get("hash"),
            "modality": record.modality,
            "confidence": record.confidence,
            # The event's codes in the field's ontologies, by the type it is accepted as.
            "plover": plover,
            "cameo": cameo,
        }
        # The gazetteer's place (name, lat, lon, admin1, country, geo_precision), kept beside
        # `location`, the place as the text names it.
        | ({"place": dict(place)} if isinstance(place := record.more.get("place"), dict) else {}),
    }


def subject_of(record: CandidateRecord, subjects: set[str]) -> str | None:
    """The subject the candidate's claim will count (`claim_input`'s)."""
    return _subject_and_figure(record, subjects)[0]


def _subject_and_figure(
    record: CandidateRecord, subjects: set[str]
) -> tuple[str | None, Figure | None]:
    """The subject and the figure that counts it: a set quantity wins, else the first figure
    whose unit names (or is part of) one of the agreement's subjects."""
    subject = record.subject
    figure = None
    if record.quantity is not None:
        figure = Figure(record.quantity, record.qualifier or Qualifier.EXACT)
    if subject is None:
        for q in record.quantities:
            unit = q.unit
            match = (
                unit
                if unit in subjects
                else next((s for s in subjects if unit and unit in s), None)
            )
            if match:
                subject, figure = match, figure or q
                break
    if figure is None and record.type == "ceasefire_extension" and record.quantities:
        figure = record.quantities[0]
    return subject, figure
