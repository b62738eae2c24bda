"""What identifies a mention and where its event is looked up, for the review queue's one notion
of "already queued" and for matching a run's events with the events already queued or recorded.

A mention is one candidate of one document: the document's content hash (SHA-256 of its text)
and the candidate's fingerprint, a hash of what the candidate says (type, modality, actor,
target, first figure and its qualifier, quote, speaker) and of its number in the document.
Both `truce ingest` and `truce batch --ingest` key a candidate this way, so a document queued by
one is known to the other, whatever the path or name it was read under.

A slot is where an event is looked up: its type, modality, actor, target and local day, hashed.
The in-run merge never joins events of different blocks or days (a week or month mention joins
a day of its window), so the events a new one may be one with are in its slots.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

FINE = ("exact", "day")


def mention_key(
    type_: str,
    modality: str | None,
    actor: str | None,
    target: str | None,
    figure: float | None,
    qualifier: str | None,
    quote: str | None,
    speaker: str | None,
    candidate: str,
) -> str:
    """A candidate's fingerprint within its document (40 hex digits). `candidate` is its id,
    `DOCUMENT#N`: its number N tells apart a sentence the document repeats (a live blog's
    entries under different days), whatever name the document was read under."""
    fields = [type_, modality or "occurred", actor, target,
              None if figure is None else float(figure), qualifier or "exact",
              " ".join((quote or "").split()), speaker, candidate.rsplit("#", 1)[-1]]  # fmt: skip
    text = json.dumps(fields, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def block(
    type_: str, modality: str | None, actor: str | None, target: str | None
) -> tuple[str, ...]:
    return (type_, modality or "occurred", actor or "", target or "")


def slot(key: Sequence[str], day: date) -> str:
    """The lookup key of a block's events of one local day (40 hex digits)."""
    text = "\x1f".join([*key, day.isoformat()])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def window(day: date, precision: str | None) -> list[date]:
    """The days a date of this precision stands for: one day, a week from it, or its month."""
    if precision in (None, *FINE):
        return [day]
    if precision == "week":
        end = day + timedelta(days=7)
    else:
        end = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return [day + timedelta(days=n) for n in range((end - day).days)]


def payload_mention(payload: dict[str, Any]) -> str:
    """`mention_key` of a candidate as `truce extract --format jsonl` gives it."""
    figure = (payload.get("quantities") or [{}])[0]
    speaker = (payload.get("source") or {}).get("speaker")
    return mention_key(payload["type"], payload.get("modality"), payload.get("actor"),
                       payload.get("target"), figure.get("value"), figure.get("qualifier"),
                       payload.get("quote"), speaker, str(payload.get("id") or ""))  # fmt: skip
