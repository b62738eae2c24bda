"""The agreement page's summary: the state and what needs attention, readable at a glance.

Built from the status answer alone (nothing the answer does not say is shown), in words a
newcomer can read: times with their zone and no microseconds, "day 3 of 4", and the running
clock kept apart from compliance, so a truce can be `active` and still show every no-hostilities
obligation violated.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

# How each verdict reads in the summary, most urgent first; `tone` picks the colour class.
ATTENTION = (
    ("violated", "violated", "bad"),
    ("unmet", "unmet (the period is over, short of what is due)", "bad"),
    ("failed", "can no longer be met", "bad"),
    ("undetermined", "undetermined (a date is too loose to decide)", "warn"),
    ("no_record", "with nothing recorded for a period that is over", "quiet"),
)
MEANINGS = {
    "met": "what is due was delivered in time",
    "unmet": "the period is over and less than what is due was delivered",
    "no_record": "the period is over and nothing at all was recorded for it: a gap in the "
    "record, not by itself evidence of a breach",
    "in_progress": "the period is still running",
    "upcoming": "the period has not started",
    "inactive": "the phase it belongs to is not running",
    "violated": "a prohibited act was recorded in the period",
    "undetermined": "loosely dated claims may fall either side of the deadline or the instant",
    "failed": "a condition can no longer be met",
}
STATE_WORDS = {
    "pending": "not started",
    "active": "in force",
    "suspended": "suspended",
    "ended": "ended",
}


def moment(text: str | None) -> str:
    """An instant as people read it: `Tue 28 Nov 2023, 07:00 UTC+02:00` (no seconds)."""
    if not text:
        return "—"
    when = datetime.fromisoformat(text)
    offset = when.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "local time"
    return f"{when:%a %d %b %Y, %H:%M} {zone}"


def glance(status: dict[str, Any]) -> dict[str, Any]:
    """What the page's summary says; the page's .json twin carries it too."""
    counts = Counter(o["status"] for o in status["obligations"])
    attention = [
        {"status": key, "count": counts[key], "text": text, "tone": tone}
        for key, text, tone in ATTENTION
        if counts[key]
    ]
    disputed = sum(1 for d in status["disputes"] if d.get("verdict_differs"))
    alleged = sum(sum(by.values()) for by in status["breaches_by_party"].values())
    tone = next((a["tone"] for a in attention if a["tone"] != "quiet"), "good")
    day, total = status.get("day"), status.get("days_total")
    if status["state"] == "active" and day:
        clock = f"day {day} of {_days(total)}" if total else f"day {day} (no end date)"
    elif status["state"] == "ended":
        clock = f"ended {moment(status.get('ends_at'))}"
    elif status["state"] == "pending":
        clock = f"starts {moment(status.get('starts_at'))}"
    else:
        clock = STATE_WORDS.get(status["state"], status["state"])
    return {
        "state": status["state"],
        "state_text": STATE_WORDS.get(status["state"], status["state"]),
        "clock": clock,
        "at_text": moment(status["at"]),
        "ends_text": moment(status.get("ends_at")),
        "tone": tone,
        "attention": attention,
        "met": counts["met"],
        "obligations": len(status["obligations"]),
        "breaches_alleged": alleged,
        "disputes_deciding": disputed,
        "meanings": {k: MEANINGS[k] for k in MEANINGS if counts[k]},
    }


def _days(total: float | int) -> str:
    return str(int(total)) if float(total).is_integer() else f"{total:g}"
