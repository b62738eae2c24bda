"""What the words in the status and timeline tables mean, for someone meeting them first.

The tables print a footnote naming only the terms that appear in them. The meanings follow
docs/status.md ("What each status means"), which has the full rules and examples.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text

VERDICTS = {
    "met": "done, on the record, in time",
    "unmet": "the window is over and the record shows it was not done (too few, or too late)",
    "no_record": "the window is over and no claim of it was recorded at all: a gap in the "
    "evidence, not a shortfall",
    "undetermined": "the record cannot settle it (a loosely dated claim may fall either side "
    "of a deadline, or a unit has no factor)",
    "in_progress": "the window is open and it is not done yet",
    "upcoming": "its window has not opened yet",
    "inactive": "its phase has not started, or a condition it waits on is not met",
    "failed": "a gate that can no longer open: a term it requires was not met",
    "violated": "a prohibition or an order broken, on confirmed claims",
    "alleged": "breached by allegation only, nothing confirmed",
    "earned": "the extension rule grants this day for what was delivered",
    "not_earned": "what was delivered falls short of what the rule asks for this day",
    "pending": "the day is not over, so the rule cannot say yet",
    "beyond_limit": "a renewal past the most the agreement allows",
}
CLAIMS = {
    "alleged": "a claim one party makes about another, not confirmed",
    "confirmed": "a claim checked against the record (e.g. the parties or a mediator)",
    "reported": "a claim as a source reported it, not yet checked",
    "under_investigation": "a claim being checked",
    "disputed": "a claim another source contradicts",
    "retracted": "a claim its source withdrew",
}

EARNED_BY_RULE = (
    "earned by the rule: the extension days the agreement's own rule grants for what was "
    "delivered, whatever the mediators announced"
)


def footnote(
    terms: Iterable[str],
    means: dict[str, str],
    also: Iterable[str] = (),
    explained: set[str] | None = None,
) -> Table:
    """One dim line per term used (in order of first use) and each `also` line, leaving out
    what `explained` holds, which then holds them too (a page of several tables explains each
    term once)."""
    done = explained if explained is not None else set()
    used, extra = list(dict.fromkeys(terms)), list(also)
    lines = [f"{t}: {means[t]}" for t in used if t in means and t not in done]
    lines += [line for line in extra if line not in done]
    done.update(used, extra)
    notes = Table.grid()  # a grid wraps its lines to the terminal, even on a soft-wrap console
    notes.add_column(overflow="fold")
    for line in lines:
        notes.add_row(Text(line, style="dim"))
    return notes
