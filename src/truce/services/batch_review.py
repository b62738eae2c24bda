"""Merged events into the review queue: one candidate per reading of each event, all carrying
the event's id, so that accepted readings become claims the engine groups as one event and, when
their figures differ, reports as a dispute with both readings and their sources.

A run extends the events already queued or recorded (`known`): an event that is one with a
known event, by the in-run merge's rule, takes its id, and its candidates say which readings
are recorded and whether the new ones dispute them. Each source of a reading is a mention (its
document's content hash and its candidate's fingerprint, `domain.mention`); a reading whose
mentions are all queued already, by an earlier run or by `truce ingest`, is not queued again,
and an event none of whose readings is new is skipped. Known events are fetched in bulk for
`CHUNK` events at a time, and queued `COMMIT` events to a transaction.
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

from truce.batch.documents import content_hashes
from truce.batch.known import KnownEvent, Shape, match_record, shape
from truce.domain.candidate import CandidateRecord, Figure
from truce.domain.claim_fields import SOURCE_FIELDS
from truce.domain.mention import mention_key
from truce.domain.readings import qualifier
from truce.services.known_events import load_known
from truce.storage.ledger import Ledger
from truce.storage.queued import Mention
from truce.storage.review_rows import ReviewQueue

_SOURCE_FIELDS = SOURCE_FIELDS


CHUNK = 2_000  # events whose known events are fetched together
COMMIT = 200  # events queued in one transaction: one commit, the write lock held briefly


@dataclass
class IngestedEvents:
    events: int = 0  # events queued now
    skipped: int = 0  # events whose every mention was already queued
    candidates: int = 0
    ids: list[str] = field(default_factory=list)  # the candidates queued, in order
    extended: int = 0  # events queued now that are one with an event already queued or recorded
    disputing: int = 0  # of those, events whose new figures dispute the recorded ones


def ingest_events(ledger: Ledger, out: Path, agreement: str, by: str | None) -> IngestedEvents:
    spec, _ = ledger.agreement(agreement)  # an unknown agreement fails before anything is queued
    queue = ReviewQueue(ledger.engine)
    hashes = content_hashes(sorted((out / "documents").glob("part-*.parquet")))
    report = IngestedEvents()
    for chunk in _events(out / "events.parquet"):
        shapes = [event_shape(e) for e in chunk]
        known = load_known(ledger, agreement, spec.zone, shapes)
        matched = [known.match(s) for s in shapes]
        entries = [queue_entry(e, hashes, m) for e, m in zip(chunk, matched, strict=True)]
        for start in range(0, len(entries), COMMIT):
            items = entries[start : start + COMMIT]
            results = queue.add_documents(items, agreement, by)
            for (_, found, _), queued in zip(items, results, strict=True):
                if queued is None:
                    report.skipped += 1
                    continue
                report.events += 1
                report.candidates += len(queued)
                report.ids += queued
                if "match" in found[0]:
                    report.extended += 1
                    report.disputing += bool(found[0]["match"]["disputed"])
    return report


def _events(path: Path) -> Iterator[list[dict[str, Any]]]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=CHUNK):
        yield batch.to_pylist()


def event_shape(event: dict[str, Any]) -> Shape:
    return shape(event["type"], event["modality"], event["actor"], event["target"], event["date"],
                 event["date_precision"], event["unit"], event["categories"],
                 [r["figure"] for r in event["readings"]])  # fmt: skip


def queue_entry(
    event: dict[str, Any], hashes: dict[str, str], matched: KnownEvent | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]], list[list[Mention]]]:
    """The review-queue document, candidates and their mentions of one merged event; with the
    known event it is one with, under that event's id."""
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
    readings = [(r["figure"], s["qualifier"]) for r in event["readings"] for s in r["sources"]]
    match = match_record(matched, readings)
    if matched is not None:
        event = {**event, "event_id": matched.event_id}
    found = [_candidate(event, reading, figures, match) for reading in event["readings"]]
    mentions = [
        [(hashes[s["document"]], mention_key(event["type"], event["modality"], event["actor"],
                                             event["target"], r["figure"], s["qualifier"],
                                             s["quote"], s["speaker"], s["candidate"]))  # fmt: skip
         for s in r["sources"]]
        for r in event["readings"]
    ]  # fmt: skip
    return document, found, mentions


def _candidate(
    event: dict[str, Any],
    reading: dict[str, Any],
    figures: list[float],
    match: dict[str, Any] | None,
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
        }
        # The known event this one extends: its recorded readings, and whether they dispute.
        | ({"match": match} if match is not None else {}),
    )
    return record.payload()


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _plain(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
