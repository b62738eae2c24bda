"""Rich tables for the status and the timeline; JSON output never goes through here."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from truce.cli.legend import CLAIMS, EARNED_BY_RULE, VERDICTS, footnote
from truce.domain.engine.answer_model import JudgedBy, StatusAnswer
from truce.domain.engine.answer_parts import EarnedDay, RenewalRow
from truce.domain.engine.breakdown import summary

# Every status the answer can carry has a colour: green done, red not done (a gate that can no
# longer open is as red as a missed quota), yellow/cyan open, magenta/blue "cannot say" (no record
# at all; loose dates or unpaired units that could go either way), dim not yet due.
STATUS_STYLE = {
    "met": "green",
    "earned": "green",
    "active": "green",
    "unmet": "bold red",
    "not_earned": "bold red",
    "violated": "bold red",
    "failed": "bold red",
    "beyond_limit": "bold red",
    "alleged": "yellow",
    "in_progress": "cyan",
    "pending": "cyan",
    "upcoming": "dim",
    "inactive": "dim",
    "no_record": "magenta",
    "undetermined": "bold blue",
    "suspended": "yellow",
    "ended": "dim",
}


def _folding(table: Table) -> Table:
    """Cells too long for a narrow terminal break onto the next line instead of being cut
    with an ellipsis: an id read as "daily-hostag…" names nothing."""
    for column in table.columns:
        column.overflow = "fold"
    return table


def _status(value: str | None) -> Text:
    value = value or ""
    return Text(value, style=STATUS_STYLE.get(value, ""))


# Rows a long list shows on a terminal; `--json` always lists every one.
LISTED = 20


def _more(total: int, which: str) -> str:
    if total <= LISTED:
        return ""
    return f" ({which} {LISTED} of {total}; `--json` lists all)"


def _by_party(summary: dict[str, dict[str, int]]) -> str:
    return "; ".join(
        f"{party}: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        for party, counts in summary.items()
    )


def _n(value: Any) -> str:
    return "" if value is None else str(value)


def _judged_by(judge: JudgedBy) -> list[Any]:
    """Which recorded version of the spec judged, so an amendment's effect is visible."""
    since = judge.effective_from
    text = f"version {judge.version} of {judge.of}" + (f", in force from {since}" if since else "")
    return ["\n", ("spec ", "dim"), text]


def _day_row(row: EarnedDay | RenewalRow) -> list[Any]:
    if isinstance(row, RenewalRow):
        return [_n(row.renewal), "", ""]
    return [_n(row.day), _n(row.needed), _n(row.delivered)]


def status_view(s: StatusAnswer, explained: set[str] | None = None) -> Group:
    """The answer as tables, with a footnote explaining each status shown (those not already
    in `explained`, which then holds them)."""
    day = f"day {s.day} of {s.days_total}" if s.day else ""
    head = Text.assemble(
        (s.agreement, "bold"),
        f"  at {s.at}\n",
        ("state ", "dim"),
        _status(s.state),
        f"  phase {s.phase or '-'}  {day}\n",
        ("ends ", "dim"),
        s.ends_at or "open-ended",
        *_judged_by(s.judged_by),
    )
    parts: list[Any] = [Panel(head, title=s.title, expand=False)]
    table = Table(
        "obligation",
        "party",
        "period",
        "due",
        "delivered",
        "balance",
        "status",
        title="Obligations",
        title_justify="left",
    )
    for o in s.obligations:
        flag = Text(" disputed", style="magenta") if o.disputed else Text("")
        due = f"≤{o.limit}" if o.limit is not None else _n(o.due)
        table.add_row(
            o.term,
            _n(o.party),
            _n(o.period),
            due,
            _n(o.delivered),
            _n(o.balance),
            Text.assemble(_status(o.status), flag),
        )
    parts.append(_folding(table))
    if any(o.parts for o in s.obligations):
        parts.append(_sub_counts(s))
    for ext in s.extensions:
        ext_table = Table(
            "day",
            "needed",
            "delivered",
            "status",
            "within cap",
            title=f"Extensions under {ext.term}: {ext.announced_days} day(s) "
            f"announced, {ext.earned_days} earned by the rule",
            title_justify="left",
        )
        for row in ext.days:
            ext_table.add_row(
                *_day_row(row),
                _status(row.status),
                "yes" if row.within_cap else "NO",
            )
        parts.append(ext_table)
    if s.breaches:
        parts.append(_breaches(s))
    if s.disputes:
        parts.append(_disputes(s))
    used: list[str] = [s.state, *(o.status for o in s.obligations)]
    used += [row.status for ext in s.extensions for row in ext.days]
    used += [b.status.value for b in s.breaches]
    rule = [EARNED_BY_RULE] if s.extensions else []
    note = footnote(used, VERDICTS, rule, explained)
    if note.row_count:
        parts.append(note)
    return Group(*parts)


def _sub_counts(s: StatusAnswer) -> Table:
    """What each quota or ratio counted of the claims that give sub-counts, and what it left
    out and why ("8 counted of 13: 5 excluded (thai)")."""
    shown = [o for o in s.obligations if o.parts][-LISTED:]
    total = sum(1 for o in s.obligations if o.parts)
    table = Table(
        "obligation", "period", "part", "count", "counted", "reason",
        title="By sub-count" + _more(total, "the latest"), title_justify="left",
    )  # fmt: skip
    for o in shown:
        rows = [p.model_dump() for p in o.parts]
        for i, p in enumerate(o.parts):
            weighed = f" x{p.factor:g} = {p.amount:g}" if p.factor is not None else ""
            counted = Text("yes" + weighed, style="green") if p.counted else Text("no", "red")
            head = Text.assemble(o.term, "\n", (summary(rows, o.kind), "dim")) if i == 0 else ""
            table.add_row(
                head,
                _n(o.period) if i == 0 else "",
                p.category or "other",
                _n(p.count),
                counted,
                p.reason or "",
            )
    return _folding(table)


def _breaches(s: StatusAnswer) -> Table:
    shown = s.breaches[-LISTED:]  # the latest
    breaches = Table(
        "date",
        "party",
        "status",
        "clause",
        "claims",
        title="Breaches" + _more(len(s.breaches), "latest"),
        title_justify="left",
        caption=_by_party(s.breaches_by_party),
        caption_justify="left",
    )
    for b in shown:
        breaches.add_row(
            b.date, _n(b.party), _status(b.status.value), _n(b.clause), str(len(b.claims))
        )
    return _folding(breaches)


def _disputes(s: StatusAnswer) -> Table:
    # Those that change a verdict first, then the rest, in clock order within each.
    ranked = sorted(s.disputes, key=lambda d: not d.verdict_differs)[:LISTED]
    disputes = Table(
        "event",
        "readings",
        "sources",
        "verdicts that differ",
        title="Disputes between sources" + _more(len(s.disputes), "first"),
        title_justify="left",
    )
    for d in ranked:
        readings = ("dated " if d.about == "date" else "") + " vs ".join(
            r.label for r in d.readings
        )
        sources = "; ".join(f"{r.label}: {', '.join(r.sources)}" for r in d.readings)
        differ = (
            "\n".join(
                f"{v.id}: " + ", ".join(f"{k}→{w}" for k, w in v.by_reading.items())
                for v in d.verdicts
            )
            or "none"
        )
        disputes.add_row(d.event_id, readings, sources, differ)
    return _folding(disputes)


# Below this many columns the timeline drops its vertical rules and wraps long type names at
# their words, so no cell is cut short (`COLUMNS=80 truce demo`).
NARROW = 100


def timeline_view(agreement: str, rows: list[dict[str, Any]], width: int = NARROW) -> Group:
    narrow = width < NARROW
    table = Table(title=f"Timeline of {agreement}", title_justify="left")
    if narrow:  # one space between columns, no rules: the room goes to the words
        table.box, table.padding, table.header_style = None, (0, 1, 0, 0), "bold underline"
    for name in ("day", "date"):
        table.add_column(name, no_wrap=True)
    words = [w for r in rows for w in r["type"].split("_")]
    table.add_column("type", no_wrap=not narrow, min_width=max(map(len, words), default=4))
    for name in ("actor", "subject"):
        table.add_column(name, no_wrap=True)
    table.add_column("qty")
    table.add_column("status", no_wrap=True)
    table.add_column("sources", overflow="fold", ratio=1)
    for r in rows:
        qty = " vs ".join(map(str, r["readings"])) if r["readings"] else _n(r["quantity"])
        if r.get("parts"):  # "13 (5 thai)": the claim's sub-counts of its figure
            qty += " (" + ", ".join(f"{n} {c}" for c, n in r["parts"].items()) + ")"
        more = f" (+{len(r['sources']) - 1})" if len(r["sources"]) > 1 else ""
        source = (r["sources"][0] if r["sources"] else "") + more
        table.add_row(
            _n(r["day"]),
            r["local_date"][5:],
            r["type"].replace("_", " ") if narrow else r["type"],
            _n(r["actor"]),
            _n(r["subject"]),
            qty,
            r["status"] + (" [bold red]![/]" if r.get("flags") else ""),
            source,
        )
    if any(r.get("flags") for r in rows):
        table.caption = "! flagged (unchecked ids, or a date no clock can place): see --json"
        table.caption_justify = "left"
    dates = (
        "date: month-day, local to the agreement; day: the agreement's day "
        "(below 1: before it began)"
    )
    return Group(table, footnote([r["status"] for r in rows], CLAIMS, [dates]))
