"""`truce record`, `truce import` and `truce export`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.progress import Progress

from truce import services
from truce.access import operator
from truce.cli.context import EXIT_PARTIAL, console, errors, open_ledger
from truce.domain.claims import ClaimStatus, EventType
from truce.errors import ExportTarget, ImportRejected
from truce.io.claims_file import load_claims_file
from truce.io.export import export_claims
from truce.supersession import check_supersedes


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def register(app: typer.Typer) -> None:
    app.command("record")(record)
    app.command("import")(import_)
    app.command("export")(export)


def record(
    agreement: str = typer.Option(..., "--agreement", "-a", help="agreement id"),
    type_: EventType = typer.Option(..., "--type", "-t", help="event type"),
    date: str = typer.Option(..., "--date", "-d", help="2023-11-24, 2023-11-24T16:00+02:00, ..."),
    actor: str = typer.Option(None, help="acting party id"),
    target: str = typer.Option(None, help="party acted upon"),
    quantity: int = typer.Option(None, "--quantity", "-q", help="how many"),
    subject: str = typer.Option(None, help="subject id, e.g. hostages"),
    category: list[str] = typer.Option([], "--category", "-c", help="repeat for several"),
    event_id: str = typer.Option(None, "--event-id", help="claims with one key are one event"),
    status: ClaimStatus = typer.Option(ClaimStatus.REPORTED, help="verification status"),
    outlet: str = typer.Option(None, help="source outlet"),
    url: str = typer.Option(None, help="source URL"),
    speaker: str = typer.Option(None, help="who is quoted"),
    role: str = typer.Option(None, help="the speaker's role"),
    anonymous: bool = typer.Option(False, "--anonymous", help="the source is unnamed"),
    via: str = typer.Option(None, help="who relayed the source"),
    quote: str = typer.Option(None, help="the words of the source"),
    reliability: str = typer.Option(None, help="Admiralty grade, e.g. B2"),
    location: str = typer.Option(None),
    supersedes: str = typer.Option(None, help="id of the claim this one corrects"),
    notes: str = typer.Option(None),
    by: str = typer.Option(None, "--by", help="who records this"),
    allow_unknown: bool = typer.Option(
        False, "--allow-unknown", help="keep it, flagged, if the agreement does not declare its ids"
    ),
) -> None:
    """Record one claim: one source's report of one event."""
    has_source = any(v is not None for v in (outlet, url, speaker, role, via)) or anonymous
    fields = {
        "agreement": agreement,
        "type": type_,
        "date": date,
        "actor": actor,
        "target": target,
        "quantity": quantity,
        "subject": subject,
        "categories": category,
        "event_id": event_id,
        "status": status,
        "quote": quote,
        "reliability": reliability,
        "location": location,
        "supersedes": supersedes,
        "notes": notes,
        "sources": [
            {
                "outlet": outlet,
                "url": url,
                "speaker": speaker,
                "role": role,
                "anonymous": anonymous,
                "via": via,
            }
        ]
        if has_source
        else [],
    }
    with open_ledger() as ledger:
        result = services.record_claim(ledger, fields, by, operator(by), allow_unknown)
    for claim_id in result.added:
        console.print(f"recorded {claim_id}")
    for warning in result.warnings:
        errors.print(warning.render(), markup=False, highlight=False)
    for claim_id in result.skipped:
        console.print(f"already recorded {claim_id}")


def import_(
    path: Path = typer.Argument(..., help="a .jsonl or .csv file of claims"),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="import the good lines anyway"),
    by: str = typer.Option(None, "--by", help="who records this"),
    allow_unknown: bool = typer.Option(
        False,
        "--allow-unknown",
        help="keep claims naming ids the agreement does not declare, flagged as unchecked",
    ),
) -> None:
    """Import claims from JSON Lines or CSV; a bad line stops it all unless --skip-bad."""
    with open_ledger() as ledger:
        batch = load_claims_file(path, ledger, allow_unknown=allow_unknown)
        for problem in batch.errors:
            errors.print(problem.render(), markup=False, highlight=False)
        if batch.errors and not skip_bad:
            raise ImportRejected(
                f"{len(batch.errors)} bad line(s) in {path}; nothing imported",
                hint="fix the lines listed above, or pass --skip-bad to import the good lines only",
            )
        check_supersedes(ledger, operator(by), batch.claims)
        added = skipped = 0
        chunk = 5000
        with Progress(console=errors, transient=True, disable=len(batch.claims) < chunk) as bar:
            task = bar.add_task("importing", total=len(batch.claims))
            for start in range(0, len(batch.claims), chunk):
                part = batch.claims[start : start + chunk]
                result = ledger.append_claims(part, by)
                added, skipped = added + len(result.added), skipped + len(result.skipped)
                bar.advance(task, len(part))
    console.print(
        f"imported {added} claim(s), {skipped} already recorded, "
        f"{len(batch.errors)} bad line(s) skipped"
        if skip_bad
        else f"imported {added} claim(s), {skipped} already recorded"
    )
    if batch.errors:
        raise typer.Exit(EXIT_PARTIAL)  # the good lines are in; the bad ones are listed above


def export(
    fmt: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f"),
    agreement: str = typer.Option(None, "--agreement", "-a", help="only this agreement"),
    out: Path = typer.Option(None, "--out", "-o", help="file to write (default: stdout)"),
) -> None:
    """Export claims as JSON Lines, CSV or Parquet."""
    if fmt is ExportFormat.parquet and out is None:
        raise ExportTarget(
            "Parquet is binary and cannot go to the terminal", hint="pass --out FILE.parquet"
        )
    with open_ledger() as ledger:
        ids = [agreement] if agreement else [a.id for a in ledger.agreements()]
        claims = [c for agreement_id in ids for c in ledger.claims(agreement_id)]
    export_claims(claims, fmt.value, out if out is not None else sys.stdout)
