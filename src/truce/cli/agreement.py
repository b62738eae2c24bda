"""`truce agreement add|check|list|show`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from truce import services
from truce.cli.context import console, errors, open_ledger, print_json, settings, wants_json
from truce.errors import SpecErrors
from truce.spec_yaml import check_spec, read_spec_text

app = typer.Typer(help="Add, check, list and show agreement specs.", no_args_is_help=True)


@app.command("add")
def add(
    files: list[Path] = typer.Argument(..., help="agreement spec YAML files"),
    by: str = typer.Option(None, "--by", help="who records this"),
) -> None:
    """Validate agreement specs and add them to the ledger (a new version if changed)."""
    added = []
    with open_ledger() as ledger:
        for path in files:
            entry = services.add_agreement_file(ledger, path, by)
            added.append({"ref": entry.ref, "seq": entry.seq, "hash": entry.hash})
            if not settings.as_json:
                console.print(f"added {entry.ref} (ledger entry {entry.seq}, {entry.hash[:12]})")
    if settings.as_json:
        print_json({"added": added})


@app.command("check")
def check(files: list[Path] = typer.Argument(..., help="agreement spec YAML files")) -> None:
    """Validate specs without touching any ledger; every problem is listed."""
    bad = 0
    checked = []
    for path in files:
        problems = check_spec(read_spec_text(path), str(path))
        checked.append({"path": str(path), "ok": not problems, "problems": []})
        if problems:
            bad += 1
            checked[-1]["problems"] = [p.as_dict() for p in problems]
            if not settings.as_json:
                errors.print(SpecErrors(problems).render(), markup=False, highlight=False)
        elif not settings.as_json:
            console.print(f"{path}: ok")
    if settings.as_json:
        print_json({"checked": checked})
    if bad:
        raise typer.Exit(1)


@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """List the agreements in the ledger."""
    with open_ledger() as ledger:
        rows = ledger.agreements()
    if wants_json(as_json):
        print_json([{"id": r.id, "title": r.title, "versions": r.versions} for r in rows])
        return
    table = Table("id", "title", "versions")
    for row in rows:
        table.add_row(row.id, row.title, str(row.versions))
    console.print(table)


@app.command("show")
def show(
    agreement_id: str = typer.Argument(..., metavar="AGREEMENT"),
    as_json: bool = typer.Option(False, "--json", help="print the spec as JSON"),
) -> None:
    """Show an agreement's current spec."""
    with open_ledger() as ledger:
        spec, text = ledger.agreement(agreement_id)
    if wants_json(as_json):
        print_json(spec.model_dump(mode="json", exclude_none=True))
    else:
        console.print(text, markup=False, highlight=False)
