"""The field formats of `truce export` (ACLED, UCDP, csv-excel, XLSX, GeoJSON) and of
`truce import` (ACLED, UCDP GED files), kept apart from the claims commands' own plumbing."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from truce.cli.context import errors, open_ledger, report, settings
from truce.cli.streams import Meter, input_path, output_target
from truce.io.field_errors import FieldExportOption, FieldImportOptions
from truce.services.access import operator

EXPORTS = ("acled", "ucdp", "csv-excel", "xlsx", "geojson")  # = io.field_export.FIELD_FORMATS
IMPORTS = ("acled", "ucdp-ged")  # = io.field_import.FIELD_IMPORTS
SHOWN_WARNINGS = 20
WITH_HXL = ("acled", "ucdp", "csv-excel", "xlsx")
WITH_INTER = ("acled",)


def check_options(fmt: str, hxl: bool, inter: list[str], scales: Sequence[str] = ()) -> None:
    """Refuse --hxl, --inter and --source-scale where the format has no place for them, rather
    than drop them."""
    if hxl and fmt not in WITH_HXL:
        raise FieldExportOption(f"--hxl adds a hashtag row to a table; {fmt} is not one")
    if inter and fmt not in WITH_INTER:
        raise FieldExportOption(f"--inter sets ACLED inter codes; {fmt} has no inter columns")
    if scales and fmt not in WITH_INTER:
        raise FieldExportOption(
            f"--source-scale fills ACLED's source_scale; {fmt} has no such column"
        )


def export(
    fmt: str,
    agreement: str | None,
    out: Path | None,
    hxl: bool,
    inter: list[str],
    scales: Sequence[str] = (),
) -> None:
    """Write the claims of one agreement (or all) in a field format."""
    from truce.io.field_export import export_field  # writers loaded only for this command
    from truce.io.field_rows import FieldContext, parse_inter
    from truce.io.source_scale import parse_scales

    known = parse_scales(scales)  # refused before anything is read or written
    target = output_target(out, binary=fmt == "xlsx")  # refused before any write
    with open_ledger() as ledger:
        ids = [agreement] if agreement else [a.id for a in ledger.agreements()]
        specs = [ledger.agreement(i)[0] for i in ids]
        claims = [c for agreement_id in ids for c in ledger.claims(agreement_id)]
    actors = [
        a for s in specs for g in (s.parties, s.excluded, s.mediators, s.guarantors) for a in g
    ]
    context = FieldContext.of(specs, parse_inter(inter, (a.id for a in actors)), known)
    with Meter("exporting claims") as meter:
        written = export_field(meter.counted(claims, len(claims)), fmt, target, context, hxl)
    if target is not sys.stdout:
        report(
            {"written": written, "format": fmt, "out": str(target)},
            f"exported {written} claim(s) to {target}",
        )


def import_file(
    path: Path, fmt: str, agreement: str | None, by: str | None, allow_unknown: bool
) -> int:
    """Import an ACLED or UCDP GED file (or `-`, stdin) against an agreement: the good rows are
    stored, each bad row is listed with its number; returns how many rows were bad."""
    from truce.io.field_import import load_field_file
    from truce.services.claim_imports import store_claims

    if agreement is None:
        raise FieldImportOptions(f"--format {fmt} needs --agreement")
    with (
        input_path(path, fmt) as (source, shown_as),
        open_ledger() as ledger,
        Meter("importing rows") as meter,
    ):
        batch = load_field_file(source, fmt, agreement, ledger, allow_unknown)
        outcome = store_claims(ledger, batch.claims, operator(by), by, shown_as or source,
                               meter.update, keep_snapshots=True)  # fmt: skip
    bad = [e.render().replace(str(source), shown_as or str(source)) for e in batch.errors]
    warnings = [w.render() for w in outcome.warnings]
    if not settings.as_json:
        for line in [*bad, *warnings[:SHOWN_WARNINGS]]:
            errors.print(line, markup=False, highlight=False)
    report(
        {"added": outcome.added, "skipped": outcome.skipped, "bad_rows": bad,
         "warnings": warnings},
        f"imported {outcome.added} claim(s) into {agreement}, {outcome.skipped} already "
        f"recorded, {len(bad)} bad row(s) skipped",
    )  # fmt: skip
    return len(bad)
