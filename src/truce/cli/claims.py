"""`truce record`, `truce import` and `truce export`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.progress import Progress

from truce import services
from truce.access import operator
from truce.cli import field
from truce.cli.context import EXIT_PARTIAL, console, errors, open_ledger
from truce.domain.claims import ClaimStatus
from truce.errors import ExportTarget, ImportRejected
from truce.io.field_errors import FieldImportOptions


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    acled = "acled"
    ucdp = "ucdp"
    csv_excel = "csv-excel"
    xlsx = "xlsx"
    geojson = "geojson"


class FieldImport(StrEnum):
    acled = "acled"
    ucdp_ged = "ucdp-ged"


PROGRESS_FROM = 5_000
# A bulk import can look like thousands of recorded events; the first few say what to check.
SHOWN_WARNINGS = 20


def register(app: typer.Typer) -> None:
    app.command("record")(record)
    app.command("import")(import_)
    app.command("export")(export)


def record(
    agreement: str = typer.Option(..., "--agreement", "-a", help="agreement id"),
    type_: str = typer.Option(
        ..., "--type", "-t", help="event type: built-in, or a provision the agreement declares"
    ),
    date: str = typer.Option(..., "--date", "-d", help="2023-11-24, 2023-11-24T16:00+02:00, ..."),
    actor: str = typer.Option(None, help="acting party id"),
    target: str = typer.Option(None, help="party acted upon"),
    quantity: int = typer.Option(None, "--quantity", "-q", help="how many"),
    qualifier: str = typer.Option(
        None, help="how the source put it: at_least, more_than, over, about, nearly, up_to"
    ),
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
        "qualifier": qualifier or "exact",
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
    fmt: FieldImport = typer.Option(
        None, "--format", "-f", help="an ACLED or UCDP GED file [default: claims, by extension]"
    ),
    agreement: str = typer.Option(
        None, "--agreement", "-a", help="for --format acled|ucdp-ged: the agreement to hold it to"
    ),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="import the good lines anyway"),
    by: str = typer.Option(None, "--by", help="who records this"),
    allow_unknown: bool = typer.Option(
        False,
        "--allow-unknown",
        help="keep claims naming ids the agreement does not declare, flagged as unchecked",
    ),
) -> None:
    """Import claims from JSON Lines or CSV, all or nothing: a bad line (unless --skip-bad), an
    error or an interruption at any line leaves the ledger as it was.

    ACLED and UCDP GED files (--format, with --agreement) are mapped row by row
    (docs/analysts.md); a bad row is listed with its number and the others are imported.
    """
    from truce.imports import import_claims  # its drivers' errors: not loaded for other commands

    if fmt is not None:
        if field.import_file(path, fmt.value, agreement, by, allow_unknown):
            raise typer.Exit(EXIT_PARTIAL)
        return
    if agreement is not None:
        raise FieldImportOptions(
            "--agreement is for ACLED and UCDP GED files (--format acled|ucdp-ged)",
            hint="a claims file names the agreement on each line: drop --agreement",
        )

    with open_ledger() as ledger, Progress(console=errors, transient=True) as bar:
        task = bar.add_task("importing", total=None, visible=False)

        def advance(done: int, total: int) -> None:
            # A bar only for files large enough to take a while.
            bar.update(task, completed=done, total=total, visible=total >= PROGRESS_FROM)

        try:
            outcome = import_claims(
                ledger,
                path,
                operator(by),
                by,
                skip_bad=skip_bad,
                progress=advance,
                allow_unknown=allow_unknown,
            )
        except ImportRejected as exc:
            for line in exc.details:
                errors.print(line, markup=False, highlight=False)
            raise
    for line in outcome.errors:
        errors.print(line, markup=False, highlight=False)
    for warning in outcome.warnings[:SHOWN_WARNINGS]:
        errors.print(warning.render(), markup=False, highlight=False)
    if len(outcome.warnings) > SHOWN_WARNINGS:
        more = len(outcome.warnings) - SHOWN_WARNINGS
        errors.print(f"warning [V504] {more} more claim(s) look like recorded events; see above")
    added, skipped = outcome.added, outcome.skipped
    console.print(
        f"imported {added} claim(s), {skipped} already recorded, "
        f"{len(outcome.errors)} bad line(s) skipped"
        if skip_bad
        else f"imported {added} claim(s), {skipped} already recorded"
    )
    if outcome.errors:
        raise typer.Exit(EXIT_PARTIAL)  # the good lines are in; the bad ones are listed above


def export(
    fmt: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f"),
    agreement: str = typer.Option(None, "--agreement", "-a", help="only this agreement"),
    out: Path = typer.Option(None, "--out", "-o", help="file to write (default: stdout)"),
    hxl: bool = typer.Option(
        False, "--hxl", help="acled, ucdp, csv-excel, xlsx: add a row of HXL hashtags (for HDX)"
    ),
    inter: list[str] = typer.Option(
        [], "--inter", help="acled: an actor's ACLED inter code, e.g. hamas=2; repeat for several"
    ),
) -> None:
    """Export claims as JSON Lines, CSV or Parquet; for the field's tools as ACLED- or
    UCDP-style CSV, csv-excel (UTF-8 with BOM, flat, a UTC date column), XLSX or GeoJSON
    (docs/analysts.md)."""
    from truce.io.export import export_claims  # writers loaded only for this command
    from truce.io.field_export import FIELD_FORMATS

    if fmt.value in FIELD_FORMATS:
        field.export(fmt.value, agreement, out if out is not None else sys.stdout, hxl, inter)
        return

    if fmt is ExportFormat.parquet and out is None:
        raise ExportTarget(
            "Parquet is binary and cannot go to the terminal", hint="pass --out FILE.parquet"
        )
    with open_ledger() as ledger:
        ids = [agreement] if agreement else [a.id for a in ledger.agreements()]
        claims = [c for agreement_id in ids for c in ledger.claims(agreement_id)]
    export_claims(claims, fmt.value, out if out is not None else sys.stdout)
