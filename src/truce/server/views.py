"""What the dashboard shows, as plain data: each page renders one of these, and its .json twin
returns it unchanged."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from truce import services
from truce.review import listed
from truce.storage.ledger import Ledger
from truce.storage.review import ReviewQueue

EVENT_COLUMNS = ("release", "ceasefire_extension", "breach", "aid_delivery")


def agreements_view(ledger: Ledger) -> dict[str, Any]:
    return {
        "agreements": [
            {"id": a.id, "title": a.title, "versions": a.versions} for a in ledger.agreements()
        ]
    }


def agreement_view(ledger: Ledger, agreement: str, at: str | None) -> dict[str, Any]:
    # The dashboard reads the answer checked against its contract, as the API serves it.
    status = services.status_answer(ledger, agreement, at).as_data()
    rows = services.agreement_timeline(ledger, agreement)
    days = day_table(rows, status)
    return {
        "agreement": agreement,
        "title": status["title"],
        "at": status["at"],
        "status": status,
        "days": days,
        "chart": chart_series(days),
        "pending_review": len(ReviewQueue(ledger.engine).list(agreement, "pending")),
    }


def day_table(rows: list[dict[str, Any]], status: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per agreement day that has events, plus every day of the truce so far."""
    by_day: dict[int, dict[str, Any]] = {}
    last = max(int(status.get("days_total") or 0), int(status.get("day") or 0))

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
        entry["events"] += 1
        entry["disputed"] = entry["disputed"] or bool(row["readings"])
        quantity = row["quantity"] or 0
        if row["type"] == "release":
            entry["releases"][f"{row['actor'] or '?'}|{row['subject'] or 'people'}"] += quantity
        elif row["type"] == "ceasefire_extension":
            entry["extensions"] += quantity
        elif row["type"] == "breach":
            entry["breaches"][row["actor"] or "unknown"] += 1
        elif row["type"] == "aid_delivery":
            entry["aid"] += quantity
    table = []
    for day in sorted(by_day):
        entry = by_day[day]
        if origin is not None:  # the calendar date on which the agreement day begins
            entry["date"] = (origin + timedelta(days=day - 1)).isoformat()
        releases = [
            {"party": key.split("|")[0], "subject": key.split("|")[1], "quantity": n}
            for key, n in sorted(entry["releases"].items())
        ]
        table.append(
            {**entry, "releases": releases, "breaches": dict(sorted(entry["breaches"].items()))}
        )
    return table


def chart_series(days: list[dict[str, Any]]) -> dict[str, Any]:
    """Releases per day by party and subject, with the days of extensions and breaches."""
    keys = sorted({(r["party"], r["subject"]) for d in days for r in d["releases"]})
    series = []
    for key in keys:
        party, subject = key
        values = [
            sum(
                r["quantity"]
                for r in d["releases"]
                if (r["party"], r["subject"]) == (party, subject)
            )
            for d in days
        ]
        series.append({"label": f"{party}: {subject}", "party": party, "values": values})
    return {
        "days": [d["day"] for d in days],
        "series": series,
        "extensions": [d["day"] for d in days if d["extensions"]],
        "breaches": [d["day"] for d in days if d["breaches"]],
    }


def claims_view(ledger: Ledger, agreement: str) -> dict[str, Any]:
    claims = ledger.claims(agreement)
    return {"agreement": agreement, "claims": [c.as_dict() for c in claims]}


def review_view(ledger: Ledger, agreement: str | None, status: str | None) -> dict[str, Any]:
    queued = listed(ledger, agreement, status)  # most confident first
    return {
        "agreement": agreement,
        "status": status,
        "candidates": [q.as_dict() for q in queued],
    }
