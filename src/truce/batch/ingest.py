"""Merged events into the review queue: one candidate per reading of each event, all carrying
the event's id, so that accepted readings become claims the engine groups as one event and, when
their figures differ, reports as a dispute with both readings and their sources.

Each event is queued as one review-queue document whose hash is the hash of the event's row:
running the same corpus again queues nothing, while an event that gained a source or a reading
in a larger corpus is queued again for review.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq  # type: ignore[import-untyped]

from truce.domain.candidate import CandidateRecord, Figure
from truce.domain.readings import qualifier
from truce.storage.ledger import Ledger
from truce.storage.review import ReviewQueue

_SOURCE_FIELDS = ("outlet", "url", "speaker", "role", "anonymous", "via")


@dataclass
class IngestedEvents:
    events: int = 0  # events queued now
    skipped: int = 0  # events already queued by an earlier run
    candidates: int = 0
    ids: list[str] = field(default_factory=list)  # the candidates queued, in order


def ingest_events(ledger: Ledger, out: Path, agreement: str, by: str | None) -> IngestedEvents:
    ledger.agreement(agreement)  # an unknown agreement fails before anything is queued
    queue = ReviewQueue(ledger.engine)
    report = IngestedEvents()
    for event in _events(out / "events.parquet"):
        document, found = queue_entry(event)
        queued = queue.add_document(document, agreement, found, by)
        if queued is None:
            report.skipped += 1
        else:
            report.events += 1
            report.candidates += len(queued)
            report.ids += queued
    return report


def _events(path: Path) -> Iterator[dict[str, Any]]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=2_000):
        yield from batch.to_pylist()


def queue_entry(event: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The review-queue document and candidates of one merged event."""
    text = json.dumps(event, sort_keys=True, default=_plain, ensure_ascii=False)
    lead = event["readings"][0]["sources"][0]
    document = {
        "hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "name": f"batch:{event['event_id']}",
        "url": lead["url"],
        "outlet": lead["outlet"],
        "published": _plain(lead["published"]) if lead["published"] else None,
    }
    figures = [r["figure"] for r in event["readings"] if r["figure"] is not None]
    found = [_candidate(event, reading, figures) for reading in event["readings"]]
    return document, found


def _candidate(
    event: dict[str, Any], reading: dict[str, Any], figures: list[float]
) -> dict[str, Any]:
    lead = reading["sources"][0]
    figure = reading["figure"]
    sources: list[dict[str, Any]] = []
    for source in reading["sources"]:
        entry = {key: source[key] for key in _SOURCE_FIELDS}
        entry["anonymous"] = bool(entry["anonymous"])
        if entry not in sources:
            sources.append(entry)
    record = CandidateRecord(
        id=f"{event['event_id']}/{_number(figure) if figure is not None else 'none'}",
        event_id=event["event_id"],
        type=event["type"],
        modality=event["modality"],
        date=_plain(event["date"]) if event["date"] else None,
        date_precision=event["date_precision"],
        actor=event["actor"],
        target=event["target"],
        categories=tuple(event["categories"]),
        # The figure as its lead source put it: "at least 10" stays at_least 10.
        quantities=(Figure(figure, qualifier(lead["qualifier"]), event["unit"]),)
        if figure is not None
        else (),
        source={key: lead[key] for key in ("speaker", "role", "anonymous", "via")},
        sources=tuple(sources),
        quote=lead["quote"],
        confidence=event.get("confidence"),
        document=lead["document"],
        more={
            "batch": {
                "disputed": event["disputed"],
                "readings": [_number(f) for f in figures],
                "reports": reading["reports"],
                "documents": [s["document"] for s in reading["sources"]],
                "copies": [s["document"] for s in reading["sources"] if s["copy_of"]],
            }
        },
    )
    return record.payload()


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _plain(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
