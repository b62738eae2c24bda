"""`truce record`, `truce import` and `truce export`."""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from pathlib import Path

import typer

from truce import services
from truce.cli import field
from truce.cli.context import (
    EXIT_PARTIAL,
    console,
    errors,
    keep_snapshots,
    open_ledger,
    print_json,
    report,
    settings,
)
from truce.cli.no_pandas import refused
from truce.cli.streams import Meter, input_path, output_target
from truce.domain.claim_fields import OPTION_HELP as HELP
from truce.domain.claims import ClaimStatus, DatePrecision
from truce.errors import BadParts, ClaimError, ImportRejected
from truce.io.field_errors import FieldImportOptions
from truce.services.access import operator
from truce.services.ledger import AppendResult


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    acled = "acled"
    ucdp = "ucdp"
    csv_excel = "csv-excel"
    xlsx = "xlsx"
    geojson = "geojson"


class ImportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    acled = "acled"  # an ACLED export, held against --agreement
    ucdp_ged = "ucdp-ged"  # a UCDP GED file, held against --agreement


# A bulk import can look like thousands of recorded events; the first few say what to check.
SHOWN_WARNINGS = 20


def register(app: typer.Typer) -> None:
    app.command("record")(record)
    app.command("import")(import_)
    app.command("export")(export)


def record(
    agreement: str = typer.Option(..., "--agreement", "-a", help=HELP["agreement"]),
    type_: str = typer.Option(..., "--type", "-t", help=HELP["type"]),
    date: str = typer.Option(..., "--date", "-d", help=HELP["date"]),
    date_precision: DatePrecision = typer.Option(
        None, "--date-precision", help=HELP["date_precision"]
    ),
    actor: str = typer.Option(None, help=HELP["actor"]),
    target: str = typer.Option(None, help=HELP["target"]),
    quantity: int = typer.Option(None, "--quantity", "-q", help=HELP["quantity"]),
    qualifier: str = typer.Option(None, help=HELP["qualifier"]),
    subject: str = typer.Option(None, help=HELP["subject"]),
    category: list[str] = typer.Option([], "--category", "-c", help=HELP["categories"]),
    event_id: str = typer.Option(None, "--event-id", help=HELP["event_id"]),
    status: ClaimStatus = typer.Option(ClaimStatus.REPORTED, help=HELP["status"]),
    outlet: str = typer.Option(None, help="source outlet"),
    url: str = typer.Option(None, help="source URL"),
    speaker: str = typer.Option(None, help="who is quoted"),
    role: str = typer.Option(None, help="the speaker's role"),
    anonymous: bool = typer.Option(False, "--anonymous", help="the source is unnamed"),
    via: str = typer.Option(None, help="who relayed the source"),
    quote: str = typer.Option(None, help=HELP["quote"]),
    reliability: str = typer.Option(None, help=HELP["reliability"]),
    location: str = typer.Option(None, help=HELP["location"]),
    supersedes: str = typer.Option(None, help=HELP["supersedes"]),
    notes: str = typer.Option(None, help=HELP["notes"]),
    by: str = typer.Option(None, "--by", help=HELP["recorded_by"]),
    phase: str = typer.Option(None, help=HELP["phase"]),
    extra: str = typer.Option(None, help=HELP["extra"]),
    part: list[str] = typer.Option([], "--part", help=HELP["parts"]),
    allow_unknown: bool = typer.Option(
        False, "--allow-unknown", help="keep it, flagged, if the agreement does not declare its ids"
    ),
) -> None:
    """Record one claim: one source's report of one event.

    Example: `truce record -a gaza-2023-11 -t release -d 2023-11-25T23:00+02:00 --actor hamas
    -q 13 --subject hostages --outlet Reuters`.
    """
    has_source = any(v is not None for v in (outlet, url, speaker, role, via)) or anonymous
    fields = {
        "agreement": agreement,
        "type": type_,
        "date": date,
        "date_precision": date_precision,
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
        "phase": phase,
        "extra": _extra(extra),
        "parts": _parts(part),
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
    with refused(), open_ledger() as ledger:  # the fold needs Arrow, not pandas (cli/no_pandas)
        result = services.record_claim(ledger, fields, by, operator(by), allow_unknown)
        _recorded(result)
        keep_snapshots(ledger, [agreement] if result.added else [])


def _recorded(result: AppendResult) -> None:
    warnings = [w.render() for w in result.warnings]
    if settings.as_json:
        print_json(
            {"recorded": result.added, "already_recorded": result.skipped, "warnings": warnings}
        )
        return
    for claim_id in result.added:
        console.print(f"recorded {claim_id}")
    for warning in warnings:
        errors.print(warning, markup=False, highlight=False)
    for claim_id in result.skipped:
        console.print(f"already recorded {claim_id}")


_JSON_KINDS = {list: "an array", str: "a string", int: "a number", float: "a number",
               bool: "true or false", type(None): "null"}  # fmt: skip


def _extra(given: str | None) -> dict[str, object]:
    """`--extra`'s JSON object; anything else is refused before the ledger is opened."""
    if given is None:
        return {}
    try:
        value = json.loads(given)
    except json.JSONDecodeError as exc:
        raise ClaimError(
            f"--extra is not JSON: {exc.msg} at character {exc.pos + 1}",
            hint="give one JSON object in single quotes, e.g. --extra '{\"wave\": 3}'",
        ) from None
    if not isinstance(value, dict):
        raise ClaimError(
            f"--extra must be a JSON object, not {_JSON_KINDS.get(type(value), 'that')}",
            hint="wrap the value in an object with a key, e.g. --extra '{\"wave\": 3}'",
        )
    return value


def _parts(given: list[str]) -> dict[str, object]:
    """`--part women=15 --part minors=15` as the claim's `parts`; a count that is no whole number
    is left as written, for the claim's own check to refuse with its code (V540)."""
    out: dict[str, object] = {}
    for item in given:
        name, sep, count = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise BadParts(
                f"--part {item!r} is not CATEGORY=N",
                hint="give each sub-count as its category and count, e.g. --part women=15",
            )
        if name in out:
            raise BadParts(f"--part {name} is given twice")
        text = count.strip()
        out[name] = int(text) if re.fullmatch(r"-?[0-9]+", text) else text
    return out


def import_(
    path: Path = typer.Argument(..., help="a .jsonl or .csv file of claims; `-` reads stdin"),
    fmt: ImportFormat = typer.Option(
        None,
        "--format",
        "-f",
        help="the file's format; acled and ucdp-ged need --agreement [default: from its extension]",
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

    Examples: `truce import claims.jsonl`; `truce import export.txt -f csv`;
    `curl -s URL | truce import - -f jsonl`.

    ACLED and UCDP GED files (`-f acled|ucdp-ged -a ID`) are mapped row by row
    (docs/analysts.md); a bad row is listed with its number and the others are imported.
    """
    with refused():  # the snapshot it keeps needs Arrow, not pandas: 0.45 s of CPU saved
        _import_file(path, fmt, agreement, skip_bad, by, allow_unknown)


def _import_file(
    path: Path,
    fmt: ImportFormat | None,
    agreement: str | None,
    skip_bad: bool,
    by: str | None,
    allow_unknown: bool,
) -> None:
    from truce.services.claim_imports import (
        import_claims,  # its drivers' errors: not loaded for other commands
    )

    kind = fmt.value if fmt is not None else None
    if kind in field.IMPORTS:
        if field.import_file(path, kind, agreement, by, allow_unknown):
            raise typer.Exit(EXIT_PARTIAL)  # the good rows are in; the bad ones are listed
        return
    if agreement is not None:
        raise FieldImportOptions(
            "--agreement is for ACLED and UCDP GED files (--format acled|ucdp-ged)",
            hint="a claims file names the agreement on each line: drop --agreement",
        )
    with (
        input_path(path, kind) as (source, shown_as),
        open_ledger() as ledger,
        Meter("importing claims") as meter,
    ):
        try:
            outcome = import_claims(
                ledger,
                source,
                operator(by),
                by,
                skip_bad=skip_bad,
                shown_as=shown_as,
                progress=meter.update,
                allow_unknown=allow_unknown,
                fmt=kind,
                keep_snapshots=True,
            )
        except ImportRejected as exc:
            if not settings.as_json:  # under --json the lines are the error's details
                for line in exc.details:
                    errors.print(line, markup=False, highlight=False)
            raise
    warnings = [w.render() for w in outcome.warnings]
    if not settings.as_json:
        for line in outcome.errors:
            errors.print(line, markup=False, highlight=False)
        for warning in warnings[:SHOWN_WARNINGS]:
            errors.print(warning, markup=False, highlight=False)
        if len(warnings) > SHOWN_WARNINGS:
            more = len(warnings) - SHOWN_WARNINGS
            errors.print(
                f"warning [V504] {more} more claim(s) look like recorded events; see above"
            )
    added, skipped = outcome.added, outcome.skipped
    text = f"imported {added} claim(s), {skipped} already recorded"
    if skip_bad:
        text += f", {len(outcome.errors)} bad line(s) skipped"
    data = {"added": added, "skipped": skipped, "bad_lines": outcome.errors, "warnings": warnings}
    report(data, text)
    if outcome.errors:
        raise typer.Exit(EXIT_PARTIAL)  # the good lines are in; the bad ones are listed above


def export(
    fmt: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f"),
    agreement: str = typer.Option(None, "--agreement", "-a", help="only this agreement"),
    out: Path = typer.Option(None, "--out", "-o", help="file to write; `-` or none: stdout"),
    hxl: bool = typer.Option(
        False, "--hxl", help="acled, ucdp, csv-excel, xlsx: add a row of HXL hashtags (for HDX)"
    ),
    inter: list[str] = typer.Option(
        [], "--inter", help="acled: an actor's ACLED inter code, e.g. hamas=2; repeat for several"
    ),
    source_scale: list[str] = typer.Option(
        [],
        "--source-scale",
        help='acled: an outlet\'s ACLED source scale, e.g. "Times of Israel=National"; repeat '
        "for several (international agencies are known)",
    ),
) -> None:
    """Export claims as JSON Lines, CSV or Parquet; for the field's tools as ACLED- or
    UCDP-style CSV, csv-excel (UTF-8 with BOM, flat, a UTC date column), XLSX or GeoJSON
    (docs/analysts.md).

    Examples: `truce export -f csv -o claims.csv`; `truce export -a gaza-2023-11 | jq .`;
    `truce export -f parquet > claims.parquet` (Parquet to stdout only when it is redirected).
    """
    from truce.io.export import export_claims  # writers loaded only for this command

    field.check_options(fmt.value, hxl, inter, source_scale)
    if fmt.value in field.EXPORTS:
        field.export(fmt.value, agreement, out, hxl, inter, source_scale)
        return
    target = output_target(out, binary=fmt is ExportFormat.parquet)  # refused before any write
    with open_ledger() as ledger:
        ids = [agreement] if agreement else [a.id for a in ledger.agreements()]
        claims = [c for agreement_id in ids for c in ledger.claims(agreement_id)]
    with Meter("exporting claims") as meter:
        written = export_claims(meter.counted(claims, len(claims)), fmt.value, target)
    if target is not sys.stdout:
        report(
            {"written": written, "format": fmt.value, "out": str(target)},
            f"exported {written} claim(s) to {target}",
        )
