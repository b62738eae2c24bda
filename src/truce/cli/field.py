"""The field formats of `truce export` (ACLED, UCDP, csv-excel, XLSX, GeoJSON) and of
`truce import` (ACLED, UCDP GED files), kept apart from the claims commands' own plumbing."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from rich.progress import Progress

from truce.access import operator
from truce.cli.context import console, errors, open_ledger
from truce.errors import ExportTarget
from truce.io.field_errors import FieldImportOptions

BINARY = ("xlsx",)
PROGRESS_FROM = 5_000


def export(
    fmt: str, agreement: str | None, out: Path | IO[str], hxl: bool, inter: list[str]
) -> int:
    """Write the claims of one agreement (or all) in a field format; return how many."""
    from truce.io.field_export import export_field  # writers loaded only for this command
    from truce.io.field_rows import FieldContext, parse_inter

    if fmt in BINARY and not isinstance(out, Path):
        raise ExportTarget(
            "XLSX is binary and cannot go to the terminal", hint="pass --out FILE.xlsx"
        )
    with open_ledger() as ledger:
        ids = [agreement] if agreement else [a.id for a in ledger.agreements()]
        specs = [ledger.agreement(i)[0] for i in ids]
        claims = [c for agreement_id in ids for c in ledger.claims(agreement_id)]
    known = [
        a for s in specs for g in (s.parties, s.excluded, s.mediators, s.guarantors) for a in g
    ]
    actors = FieldContext.of(specs, parse_inter(inter, (a.id for a in known)))
    return export_field(claims, fmt, out, actors, hxl)


def import_file(
    path: Path, fmt: str, agreement: str | None, by: str | None, allow_unknown: bool
) -> int:
    """Import an ACLED or UCDP GED file against an agreement: the good rows are stored, each
    bad row is listed with its number; returns how many rows were bad."""
    from truce.imports import store_claims
    from truce.io.field_import import load_field_file

    if agreement is None:
        raise FieldImportOptions(f"--format {fmt} needs --agreement")
    with open_ledger() as ledger, Progress(console=errors, transient=True) as bar:
        batch = load_field_file(path, fmt, agreement, ledger, allow_unknown)
        task = bar.add_task("importing", total=None, visible=False)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, visible=total >= PROGRESS_FROM)

        outcome = store_claims(ledger, batch.claims, operator(by), by, path, advance)
    for error in batch.errors:
        errors.print(error.render(), markup=False, highlight=False)
    for warning in outcome.warnings[:20]:
        errors.print(warning.render(), markup=False, highlight=False)
    console.print(
        f"imported {outcome.added} claim(s) into {agreement}, {outcome.skipped} already "
        f"recorded, {len(batch.errors)} bad row(s) skipped"
    )
    return len(batch.errors)
