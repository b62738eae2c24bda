"""The `truce` command: global options, the command groups, and the one place errors are shown."""

from __future__ import annotations

import os
from typing import Any

import typer
from typer.core import TyperGroup

from truce.cli import agreement, batch, claims, demo, extract, ledger, review, server, status
from truce.cli.context import DEFAULT_DB, errors, settings
from truce.cli.publish import register as register_publish
from truce.errors import TruceError


class TruceGroup(TyperGroup):
    """Turns truce's own errors into `FILE:LINE:COL: [code] message — hint` and exit status 1.

    Every command runs inside this group, so this is the only place the CLI shows an error.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TruceError as exc:
            errors.print(exc.render(), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    name="truce",
    cls=TruceGroup,
    help="Auditable monitoring of ceasefire and exchange agreements.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main_options(
    db: str = typer.Option(
        None,
        "--db",
        envvar="TRUCE_DB",
        help=f"Ledger: a SQLite file path or a postgresql:// URL [default: {DEFAULT_DB}]",
    ),
) -> None:
    """Auditable monitoring of ceasefire and exchange agreements."""
    settings.db = db or os.environ.get("TRUCE_DB") or DEFAULT_DB


app.add_typer(agreement.app, name="agreement")
ledger.register(app)
claims.register(app)
status.register(app)
demo.register(app)
extract.register(app)
review.register(app)
server.register(app)
batch.register(app)
register_publish(app)


def main() -> None:
    app()
