"""`truce init` and `truce verify`."""

from __future__ import annotations

import typer

from truce.cli.context import console, db_url, errors, open_ledger, print_json
from truce.storage.ledger import Ledger


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("verify")(verify)


def init() -> None:
    """Create (or upgrade) the ledger at --db."""
    Ledger.init(db_url()).close()
    console.print(f"ledger ready at {db_url()}")


def verify(
    head: str = typer.Option(
        None, "--head", help="a head hash kept elsewhere: also detects a truncated tail"
    ),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Recompute the hash chain; any edited, reordered or deleted entry is reported."""
    with open_ledger() as ledger:
        report = ledger.verify(head)
    if as_json:
        print_json(report.as_dict())
    elif report.ok:
        console.print(f"ok: {report.entries} entries, head {report.head}")
    else:
        for problem in report.problems:
            errors.print(f"[L200] {problem}", markup=False, highlight=False)
        errors.print(f"chain INVALID ({report.entries} entries read)", markup=False)
    if not report.ok:
        raise typer.Exit(1)
