"""What the dashboard shows, as plain data: each page renders one of these, and its .json twin
returns it unchanged."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from truce import services
from truce.domain.engine.answer import shown_instant
from truce.domain.engine.answer_model import StatusAnswer
from truce.domain.engine.breakdown import summary
from truce.errors import TruceError
from truce.server.cache import HeadCache
from truce.server.counting import exclusions, left_out, release_pieces
from truce.server.day_rows import frame_rows
from truce.server.ends import end_moves
from truce.server.glance import glance, moment
from truce.server.grid import DAY, compliance_grid
from truce.services import instants, kept_pages
from truce.services.ledger import Ledger
from truce.services.review_queue import PAGE, candidate, pending_count, queue_page
from truce.services.review_suggestions import suggested

EVENT_COLUMNS = ("release", "ceasefire_extension", "breach", "aid_delivery")
# Breaches and disputes listed on the agreement page; the rest are in the claims list (paged).
SHOWN = 50


def agreements_view(ledger: Ledger) -> dict[str, Any]:
    return {
        "agreements": [
            {"id": a.id, "title": a.title, "versions": a.versions} for a in ledger.agreements()
        ]
    }


def agreement_view(ledger: Ledger, agreement: str, at: str | None) -> dict[str, Any]:
    """The agreement page's data except the review queue's count (not a chain entry): what
    stays true until the next append, so a server keeps it per head of the chain."""
    # The dashboard reads the answer checked against its contract, as the API serves it: the
    # part it shows. A long record has tens of thousands of breaches; the page lists the latest,
    # and the disputes that change a verdict first (every one is in the claims list and the
    # API), so the check runs on those, not on an answer of 19 MB (1.5 s at 1M claims).
    judged = services.status(ledger, agreement, at)
    deciding = sorted(judged["disputes"], key=lambda d: not d.get("verdict_differs"))
    shown = shown_part(judged, judged["breaches"][-SHOWN:], deciding[:SHOWN])
    status = StatusAnswer.of(shown).as_data()
    spec, _ = ledger.agreement(agreement)
    # Everything on the page is the state at one instant: the answer's own. The days come from
    # the event frame status is computed from, grouped in bulk, not from a timeline of events:
    # the one kept in the database for the head when there is one (`storage.kept_frame`).
    frame = ledger.events(agreement)
    rows = frame_rows(spec, frame, datetime.fromisoformat(status["at"]))
    days = day_table(rows, status, exclusions(spec))
    ends = end_moves(status)
    return {
        "agreement": agreement,
        "title": status["title"],
        "at": status["at"],
        "at_input": status["at"][:16],  # what a person types: no seconds, the page's own zone
        "glance": glance(judged),  # counts over every breach and dispute
        "grid": compliance_grid(status),
        "status": status,
        # Per obligation whose figure came from sub-counts: "8 counted of 13: 5 excluded (thai)".
        "parts": {
            o["id"]: summary(o["parts"], o["kind"]) for o in status["obligations"] if o["parts"]
        },
        "days": days,
        "chart": (chart := chart_series(days))
        | {"quota": daily_quota(status, chart), "ends": ends},
        "breach_chart": breach_series(days) | {"ends": ends},
        "ends": ends,
        "totals": {"breaches": len(judged["breaches"]), "disputes": len(judged["disputes"])},
    }


def shown_part(
    answer: dict[str, Any], breaches: list[dict[str, Any]], disputes: list[dict[str, Any]]
) -> dict[str, Any]:
    """The answer with only the breaches and disputes given, and of the explanations those of
    the obligations, the extension terms and the breaches and disputes given (at 1M claims
    the others are 15,000 entries, 3.6 MB)."""
    shown = {f"breach/{b['event_id']}" for b in breaches} | {
        f"dispute/{d['event_id']}" + ("/date" if d["about"] == "date" else "") for d in disputes
    }
    explanations = [
        e for e in answer["explanations"]
        if not e["for"].startswith(("breach/", "dispute/")) or e["for"] in shown
    ]  # fmt: skip
    return answer | {"breaches": breaches, "disputes": disputes, "explanations": explanations}


def cached_agreement_view(
    ledger: Ledger, cache: HeadCache, seq: int, agreement: str, at: str | None
) -> dict[str, Any]:
    """`agreement_view` once per head of the chain and instant, with the review queue's count
    read fresh (candidates are queued without a chain entry). "Now" is built once for the span
    of instants the kept "now" answer holds for (`storage.held`), and shown at the instant
    asked; when no span is known, once a minute."""
    pending = {"pending_review": pending_count(ledger, agreement)}
    if at is not None:
        key = ("agreement-view", agreement, at)
        return cache.get(key, seq, lambda: _kept_view(ledger, agreement, at, None)) | pending
    since = _held_since(ledger, agreement)
    if since is None:  # judged here (or by whoever is judging it), then kept for its span
        minute = ("agreement-view", agreement, f"now@{int(instants.now_s()) // 60}")
        data, zone = cache.get(minute, seq, lambda: _now_view(ledger, agreement, None))
        since = _held_since(ledger, agreement)
        if since is not None:
            cache.get(("agreement-view", agreement, f"held@{since}"), seq, lambda: (data, zone))
    else:
        key = ("agreement-view", agreement, f"held@{since}")
        data, zone = cache.get(key, seq, lambda: _now_view(ledger, agreement, since))
    return shown_at(data, shown_instant(instants.now_s(), zone)) | pending


def _held_since(ledger: Ledger, agreement: str) -> float | None:
    """When the kept "now" answer holds at this instant, the instant it was judged at."""
    span = services.now_span(ledger, agreement, instants.now_s())
    return None if span is None else span.since


def _kept_view(
    ledger: Ledger, agreement: str, at: str | None, since: float | None
) -> dict[str, Any]:
    """`agreement_view`, read back as kept in the database by whichever process built it for
    this head (and "now" for this span), else built and kept (`services.kept_pages`)."""
    asked = kept_pages.NOW if at is None else at
    build = lambda: agreement_view(ledger, agreement, at)  # noqa: E731
    return kept_pages.page(ledger, agreement, asked, since, build)


def _now_view(
    ledger: Ledger, agreement: str, since: float | None
) -> tuple[dict[str, Any], ZoneInfo]:
    return _kept_view(ledger, agreement, None, since), ledger.agreement(agreement)[0].zone


def shown_at(data: dict[str, Any], shown: str) -> dict[str, Any]:
    """The page's data as read at another instant of the span its answer holds for: only what
    shows the instant changes (the answer holds, so the state, the days and the charts do not)."""
    if data["at"] == shown:
        return data
    return data | {
        "at": shown,
        "at_input": shown[:16],
        "status": data["status"] | {"at": shown},
        "glance": data["glance"] | {"at_text": moment(shown)},
    }


def day_table(
    rows: list[dict[str, Any]],
    status: dict[str, Any],
    excluded: dict[tuple[str | None, str | None], set[str]] | None = None,
) -> list[dict[str, Any]]:
    """One row per agreement day that has events, plus every day of the truce so far.

    Releases the terms leave out (`excluded`: per party and subject) are kept apart, with why."""
    by_day: dict[int, dict[str, Any]] = {}
    # Every day so far (the days to come are not a record yet), or every day of a finished truce.
    last = int(status.get("day") or 0) or int(status.get("days_total") or 0)

    def day_row(day: int) -> dict[str, Any]:
        if day not in by_day:
            by_day[day] = {"day": day, "date": None, "releases": defaultdict(int),
                           "extensions": 0, "breaches": defaultdict(int), "aid": 0,
                           "disputed": False, "events": 0}  # fmt: skip
        return by_day[day]

    for day in range(1, last + 1):
        day_row(day)
    start = status.get("starts_at")
    origin = datetime.fromisoformat(start).date() if start else None
    for row in rows:
        if row.get("day") is None or int(row["day"]) < 1:
            continue
        entry = day_row(int(row["day"]))
        entry["date"] = entry["date"] or (None if origin else row["local_date"])
        entry["events"] += row.get("count", 1)  # frame rows are groups of events
        entry["disputed"] = entry["disputed"] or bool(row["readings"])
        quantity = row["quantity"] or 0
        if row["type"] == "release":
            for piece in release_pieces(row):
                outside = ",".join(left_out(piece, excluded or {}))
                key = f"{row['actor'] or '?'}|{row['subject'] or 'people'}|{outside}"
                entry["releases"][key] += piece["quantity"] or 0
        elif row["type"] == "ceasefire_extension":
            entry["extensions"] += quantity
        elif row["type"] == "breach":
            entry["breaches"][row["actor"] or "unknown"] += row.get("count", 1)
        elif row["type"] == "aid_delivery":
            entry["aid"] += quantity
    table = []
    for day in sorted(by_day):
        entry = by_day[day]
        if origin is not None:  # the calendar date on which the agreement day begins
            entry["date"] = (origin + timedelta(days=day - 1)).isoformat()
        releases = [
            {"party": party, "subject": subject, "quantity": n,
             "outside": outside.split(",") if outside else []}
            for (party, subject, outside), n in (
                (tuple(k.split("|")), n) for k, n in sorted(entry["releases"].items())
            )
        ]  # fmt: skip
        table.append(
            {**entry, "releases": releases, "breaches": dict(sorted(entry["breaches"].items()))}
        )
    return table


def chart_series(days: list[dict[str, Any]]) -> dict[str, Any]:
    """Releases per day by party and subject, with the days of extensions and breaches; what the
    terms leave out is a series of its own ("outside the terms"), never added to the counted."""
    keys = sorted({(r["party"], r["subject"], ",".join(r["outside"])) for d in days
                   for r in d["releases"]})  # fmt: skip
    series = []
    for key in keys:
        party, subject, outside = key
        values = [
            sum(
                r["quantity"]
                for r in d["releases"]
                if (r["party"], r["subject"], ",".join(r["outside"])) == key
            )
            for d in days
        ]
        label = f"{party}: {subject}" + (f" outside the terms ({outside})" if outside else "")
        series.append({"label": label, "party": party, "subject": subject,
                       "counted": not outside, "values": values})  # fmt: skip
    return {
        "days": [d["day"] for d in days],
        "series": series,
        "extensions": [d["day"] for d in days if d["extensions"]],
        "breaches": [d["day"] for d in days if d["breaches"]],
    }


def breach_series(days: list[dict[str, Any]]) -> dict[str, Any]:
    """Breaches alleged per day, one series per party accused (stacked on the page)."""
    parties = sorted({p for d in days for p in d["breaches"]})
    return {
        "days": [d["day"] for d in days],
        "series": [
            {"label": party, "values": [d["breaches"].get(party, 0) for d in days]}
            for party in parties
        ],
    }


def daily_quota(status: dict[str, Any], chart: dict[str, Any]) -> float | None:
    """The one figure every per-day quota on a charted series asks for (the quota line): a
    quota counts when its party and subject are those of one drawn series, as a pair."""
    drawn = {(s["party"], s["subject"]) for s in chart["series"]}
    dues = {
        o["due"]
        for o in status["obligations"]
        if o["kind"] == "quota"
        and DAY.fullmatch(o["period"] or "")
        and (o["party"], o["subject"]) in drawn
        and o["due"]
    }
    return dues.pop() if len(dues) == 1 else None


def accepted_notice(ledger: Ledger, candidate_id: str) -> dict[str, Any] | None:
    """What accepting `candidate_id` recorded: the claim and where to see it."""
    try:
        decided = candidate(ledger, candidate_id)
    except TruceError:
        return None
    if decided.claim_id is None:
        return None
    event = ledger.claim(decided.claim_id).event_id
    return {"candidate": candidate_id, "claim": decided.claim_id,
            "agreement": decided.agreement, "event": event}  # fmt: skip


def review_view(
    ledger: Ledger,
    agreement: str | None,
    status: str | None,
    document: str | None = None,
    offset: int = 0,
    limit: int = PAGE,
) -> dict[str, Any]:
    """One page of the queue, grouped by document; each pending candidate with the recorded
    events it may belong to, and the ids its agreement knows for the form."""
    page = queue_page(ledger, agreement, status, document, offset, limit)
    specs = {a: ledger.agreement(a)[0] for a in sorted({q.agreement for q in page.candidates})}
    rows = []
    for q in page.candidates:
        row = q.as_dict() | {"document": q.document_hash}
        if q.status == "pending":
            row["suggestions"] = suggested(ledger, q, specs[q.agreement])
        rows.append(row)
    end = page.offset + len(rows)
    return {
        "agreement": agreement,
        "status": status,
        "document": document,
        "total": page.total,
        "offset": page.offset,
        "limit": page.limit,
        "next": end if end < page.total else None,
        "previous": max(0, page.offset - page.limit) if page.offset > 0 else None,
        "documents": [
            d.as_dict() | {"candidates": [r["id"] for r in rows if r["document"] == d.hash]}
            for d in page.documents
        ],
        "candidates": rows,
        "actors": {a: sorted(spec.actor_ids()) for a, spec in specs.items()},
    }
