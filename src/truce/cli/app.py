"""The `truce` command: global options, the command groups, and the one place errors are shown."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
import typer._click as click  # typer carries its own copy of click
from typer.core import TyperGroup

from truce.cli import agreement, batch, claims, demo, extract, ledger, review, server, status
from truce.cli.context import DEFAULT_DB, errors, settings
from truce.cli.entry import version_line
from truce.cli.manners import equip, no_bool_type, truce_error_json, usage_error_json
from truce.cli.publish import register as register_publish
from truce.errors import TruceError

EXAMPLES = """
Examples:

  truce demo                                   # the bundled Gaza 2023 example, start to finish
  truce --db my.db init                        # a ledger in my.db (or set TRUCE_DB)
  truce status gaza-2023-11 --at 2023-11-30 --db my.db --json
  truce export -f csv --out - | head           # `-` is stdout (and stdin for import)

Shell completion: `truce --install-completion` (bash, zsh, fish, PowerShell), then open a new
shell; `truce --show-completion` prints the script instead.
"""


class TruceGroup(TyperGroup):
    """Turns truce's own errors into `FILE:LINE:COL: [code] message — hint` and exit status 1,
    or into one JSON object on stderr under --json.

    Every command runs inside this group, so this is the only place the CLI shows an error.
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        equip(self)

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        no_bool_type(params)  # the completion options, added after __init__
        return params

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TruceError as exc:
            if settings.as_json:
                truce_error_json(exc)
            else:
                errors.print(exc.render(), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        same = {"args": argv, "prog_name": prog_name, "complete_var": complete_var, **extra}
        if not standalone_mode or "--json" not in argv:
            return super().main(standalone_mode=standalone_mode, **same)
        try:
            code = super().main(standalone_mode=False, **same)
        except click.ClickException as exc:  # a usage error: one JSON object, not a panel
            usage_error_json(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def show_version(value: bool) -> None:
    if value:
        print(version_line())
        raise typer.Exit()


app = typer.Typer(
    name="truce",
    cls=TruceGroup,
    help="Auditable monitoring of ceasefire and exchange agreements.",
    epilog=EXAMPLES,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback(epilog=EXAMPLES)
def main_options(
    db: str = typer.Option(
        None,
        "--db",
        envvar="TRUCE_DB",
        help=f"Ledger: a SQLite file path or a postgresql:// URL [default: {DEFAULT_DB}]",
    ),
    as_json: bool = typer.Option(
        False, "--json", help="print JSON: results on stdout, an error as one object on stderr"
    ),
    quiet: bool = typer.Option(False, "--quiet", help="no progress and no hints"),
    progress: bool = typer.Option(
        False, "--progress", help="progress on stderr even when it is not a terminal"
    ),
    _version: bool = typer.Option(
        False, "--version", callback=show_version, is_eager=True, help="print the version"
    ),
) -> None:
    """Auditable monitoring of ceasefire and exchange agreements."""
    settings.reset(db or os.environ.get("TRUCE_DB") or DEFAULT_DB)
    settings.as_json, settings.quiet, settings.progress = as_json, quiet, progress


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
    app(prog_name="truce")
