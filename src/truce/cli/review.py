"""`truce ingest` and `truce review list|show|accept|edit|reject`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from truce.cli.context import (
    EXIT_PARTIAL,
    console,
    errors,
    keep_snapshots,
    open_ledger,
    print_json,
    report,
    settings,
    wants_json,
)
from truce.cli.extract import _date
from truce.cli.no_pandas import refused
from truce.cli.streams import Meter
from truce.errors import NothingExtracted, TruceError

app = typer.Typer(
    help="Review extracted candidates: accept, edit or reject them.", invoke_without_command=True
)


AUTO_HELP = (
    "accept candidates whose calibrated confidence is at least this (0 < X <= 1), recorded as "
    "accepted by the rule; reversible like any acceptance"
)


def _service() -> Any:
    """`truce.services.review_queue`, loaded when a review command runs (not for every
    `truce` command)."""
    from truce.services import review_queue

    return review_queue


def _rule() -> Any:
    """`truce.services.auto_accept`, loaded when a command applies the rule."""
    from truce.services import auto_accept

    return auto_accept


class BadEdit(TruceError):
    code = "R103"
    default_hint = "write edits as --set field=value, e.g. --set date=2023-11-24 --set quantity=13"


def register(root: typer.Typer) -> None:
    root.command("ingest")(ingest)
    root.add_typer(app, name="review")


def ingest(
    paths: list[Path] = typer.Argument(..., help="files, folders or globs of news reports"),
    agreement: str = typer.Option(..., "--agreement", "-a", help="agreement id"),
    published: str = typer.Option(None, "--published", help="date for documents without one"),
    by: str = typer.Option(None, "--by", help="who ingests"),
    auto_accept_above: float | None = typer.Option(
        None, "--auto-accept-above", help=AUTO_HELP, metavar="CONFIDENCE"
    ),
) -> None:
    """Extract candidates and queue them for review; documents already ingested are skipped.

    Example: `truce ingest reports/ -a gaza-2023-11`, then `truce review`.
    """
    when = _date(published)
    above = None if auto_accept_above is None else _rule().threshold(auto_accept_above)
    with open_ledger() as ledger, Meter("ingesting documents") as meter:
        done = _service().ingest(
            ledger, [str(p) for p in paths], agreement, when, by, progress=meter.update
        )
        ruled = None if above is None else _rule().auto_accept(ledger, above, by, ids=done.ids)
        if ruled is not None and ruled.accepted:  # a long command: kept before its summary
            made = [agreement for _, claim in ruled.accepted if claim]
            keep_snapshots(ledger, made, answer_out=False)
    failed = [{"document": d, "code": c, "message": m} for d, c, m in done.errors]
    lines = [f"{d}: [{c}] {m}" for d, c, m in done.errors]
    if done.errors and not done.documents and not done.skipped:
        if not settings.as_json:
            errors.print("\n".join(lines), markup=False, highlight=False)
        raise NothingExtracted(f"all {len(done.errors)} document(s) failed", lines)
    if settings.as_json:
        counts = {"documents": done.documents, "queued": done.queued, "skipped": done.skipped}
        rule = None if ruled is None else ruled.as_dict()
        print_json({**counts, "failed": failed, "auto_accepted": rule})
    else:
        for line in lines:
            errors.print(line, markup=False, highlight=False)
        console.print(
            f"{done.documents} document(s) ingested, {done.queued} candidate(s) queued, "
            f"{done.skipped} already ingested, {len(done.errors)} could not be read"
        )
        if ruled is not None:
            print_auto_accepted(ruled)
    if done.errors:
        raise typer.Exit(EXIT_PARTIAL)


PLACE_HINT = 'write the place as JSON: --set place=\'{"name": "Rafah", "country": "PSE"}\''


def _edits(pairs: list[str]) -> dict[str, Any]:
    from truce.services.review_edits import parts_text, split_list

    edits: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise BadEdit(f"cannot read the edit {pair!r}")
        if key == "quantity":
            try:
                edits[key] = int(value)
            except ValueError:
                raise BadEdit(f"quantity {value!r} is not a whole number") from None
        elif key == "categories":
            edits[key] = split_list(value)
        elif key == "parts":  # women=15, minors=15
            edits[key] = parts_text(value)
        elif key == "place":  # {"name": ..., "country": ..., "lat": ..., "lon": ...}
            try:
                edits[key] = json.loads(value)
            except ValueError:
                raise BadEdit(f"place {value[:80]!r} is not JSON", hint=PLACE_HINT) from None
        else:
            edits[key] = value or None
    return edits


@app.callback()
def default(ctx: typer.Context) -> None:
    """Without a subcommand: list the pending candidates."""
    if ctx.invoked_subcommand is None:
        list_(agreement=None, status="pending", as_json=False)


@app.command("list")
def list_(
    agreement: str | None = typer.Option(None, "--agreement", "-a"),
    status: str = typer.Option("pending", "--status", help="pending, accepted, rejected or all"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """List candidates in the review queue, most confident first."""
    with open_ledger() as ledger:
        rows = _service().listed(ledger, agreement, None if status == "all" else status)
    if wants_json(as_json):
        print_json([r.as_dict() for r in rows])
        return
    table = Table(title="Review queue", title_justify="left")
    # Ids are what a reviewer types next: shown whole (folded), never cut with an ellipsis.
    table.add_column("id", overflow="fold", min_width=20)
    for name in ("confidence", "type", "modality", "date", "actor", "quantities", "source",
                 "status"):  # fmt: skip
        table.add_column(name)
    for row in rows:
        c = row.payload
        quantities = ", ".join(f"{q['value']} {q['unit']}" for q in c.get("quantities", []))
        source = c.get("source", {})
        who = source.get("speaker") or ("unnamed" if source.get("anonymous") else "narration")
        confidence = _service().confidence_of(c)
        table.add_row(
            row.id,
            f"{confidence:.2f}" if confidence >= 0 else "",
            c.get("type"),
            c.get("modality"),
            c.get("date") or "",
            c.get("actor") or "",
            quantities,
            who,
            row.status,
        )
    console.print(table)


@app.command("show")
def show(candidate_id: str = typer.Argument(..., metavar="ID")) -> None:
    """Show one candidate with its quote and span."""
    with open_ledger() as ledger:
        print_json(_service().candidate(ledger, candidate_id).as_dict())


@app.command("accept")
def accept(
    candidate_id: str = typer.Argument(..., metavar="ID"),
    set_: list[str] = typer.Option([], "--set", help="field=value edits before accepting"),
    by: str = typer.Option(None, "--by", help="who reviews"),
    allow_unknown: bool = typer.Option(
        False, "--allow-unknown", help="keep it, flagged, if the agreement does not declare its ids"
    ),
) -> None:
    """Accept a candidate: it becomes a ledger claim with its source, quote and span."""
    with refused(), open_ledger() as ledger:  # the fold needs Arrow, not pandas (cli/no_pandas)
        done = _service().accept(ledger, candidate_id, _edits(set_), by, allow_unknown)
        report(
            {"accepted": candidate_id, "claim": done.claim_id},
            f"accepted {candidate_id} as claim {done.claim_id}",
        )
        keep_snapshots(ledger, [done.agreement] if done.claim_id else [])


@app.command("auto-accept")
def auto_accept_command(
    above: float = typer.Option(..., "--above", help=AUTO_HELP, metavar="CONFIDENCE"),
    agreement: str | None = typer.Option(None, "--agreement", "-a"),
    by: str = typer.Option(None, "--by", help="who runs the rule (kept in the decision)"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Accept every pending candidate at or above a confidence, recorded as the rule's decision."""
    limit = _rule().threshold(above)
    with refused(), open_ledger() as ledger:
        ruled = _rule().auto_accept(ledger, limit, by, agreement=agreement)
        if wants_json(as_json):
            print_json(ruled.as_dict())
        else:
            print_auto_accepted(ruled)
        made = [claim for _, claim in ruled.accepted if claim]
        keep_snapshots(ledger, [ledger.claim(claim).agreement for claim in made])


def print_auto_accepted(ruled: Any) -> None:
    console.print(
        f"{len(ruled.accepted)} candidate(s) accepted by {ruled.rule}, "
        f"{len(ruled.left)} left pending for review"
    )
    for candidate, code, message in ruled.left:
        errors.print(f"{candidate}: [{code}] {message}", markup=False, highlight=False)


@app.command("edit")
def edit(
    candidate_id: str = typer.Argument(..., metavar="ID"),
    set_: list[str] = typer.Option(..., "--set", help="field=value"),
    by: str = typer.Option(None, "--by", help="who reviews"),
) -> None:
    """Edit a pending candidate and keep it in the queue."""
    with open_ledger() as ledger:
        _service().edit(ledger, candidate_id, _edits(set_), by)
    report({"edited": candidate_id}, f"edited {candidate_id}")


@app.command("reject")
def reject(
    candidate_id: str = typer.Argument(..., metavar="ID"),
    reason: str = typer.Option(None, "--reason"),
    by: str = typer.Option(None, "--by", help="who reviews"),
) -> None:
    """Reject a candidate; it stays in the queue, marked rejected."""
    with open_ledger() as ledger:
        _service().reject(ledger, candidate_id, reason, by)
    report({"rejected": candidate_id}, f"rejected {candidate_id}")
