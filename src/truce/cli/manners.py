"""What every `truce` command shares: the global options in either place, JSON errors, flags.

`--db`, `--json`, `--quiet` and `--progress` are the root's options; each command gets a copy
too, so `truce status X --db F` works as `truce --db F status X` does. A command's own `--json`
sets the same switch, so its errors come out as JSON as well.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

import typer
import typer._click as click  # typer carries its own copy of click
from typer.main import get_command

from truce.cli.context import settings
from truce.errors import TruceError

GLOBAL_FIELDS = {"--db": "db", "--json": "as_json", "--quiet": "quiet", "--progress": "progress"}


class UsageProblem(TruceError):
    """A command line click cannot parse (exit status 2), shown as JSON under --json."""

    code = "C111"
    default_hint = "see `truce COMMAND --help` for its arguments and options"


def _global_params() -> list[click.Parameter]:
    """Fresh copies of the global options, for one command."""
    options = typer.Typer(add_completion=False)

    @options.command()
    def _holder(
        db: str = typer.Option(None, "--db", help="ledger (as the global --db)"),
        as_json: bool = typer.Option(False, "--json", help="print JSON (errors too, on stderr)"),
        quiet: bool = typer.Option(False, "--quiet", help="no progress and no hints"),
        progress: bool = typer.Option(False, "--progress", help="progress on stderr, always"),
    ) -> None:
        pass

    return list(get_command(options).params)


def _setter(field: str, then: Callable[..., Any] | None) -> Callable[..., Any]:
    def set_global(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value not in (None, False):
            setattr(settings, field, value)
        return then(ctx, param, value) if then is not None else value

    return set_global


def subcommands(group: click.Command) -> dict[str, click.Command]:
    found: dict[str, click.Command] = getattr(group, "commands", {})
    return found


def leaf_commands(group: click.Command) -> Iterator[click.Command]:
    for command in subcommands(group).values():
        if subcommands(command):
            yield from leaf_commands(command)
        else:
            yield command


def _taken(command: click.Command) -> set[str]:
    return {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)}


def _is_flag(param: click.Parameter) -> bool:
    return param.param_type_name == "option" and bool(getattr(param, "is_flag", False))


def no_bool_type(params: list[click.Parameter]) -> None:
    """Flags take no value, so their help shows no `<bool>` type."""
    for param in params:
        if _is_flag(param):
            param.metavar = ""


def _flag_help(command: click.Command) -> None:
    no_bool_type(command.params)
    help_option = command.get_help_option

    def get_help_option(ctx: click.Context) -> Any:
        option = help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option

    command.get_help_option = get_help_option  # type: ignore[method-assign]


def equip(group: click.Command) -> None:
    """Give every command the global options it lacks; a command's own `--json` sets the global
    switch too; flags show no `<bool>` type in help."""
    groups = [group, *(c for c in subcommands(group).values() if subcommands(c))]
    for command in [*groups[1:], *leaf_commands(group)]:  # `truce review --json` lists too
        taken = _taken(command)
        for param in command.params:
            if "--json" in param.opts:
                param.callback = _setter("as_json", param.callback)
        for param in _global_params():
            if taken & {*param.opts, *param.secondary_opts}:
                continue  # the command's own (`demo --db`, `verify --json`)
            param.expose_value = False
            param.callback = _setter(GLOBAL_FIELDS[param.opts[0]], None)
            command.params.append(param)
    for command in [*groups, *leaf_commands(group)]:
        _flag_help(command)


def json_error(error: dict[str, Any]) -> None:
    """The one JSON error object on stderr: {"error": {code, message, hint, location, details}}."""
    body = {"location": None, "details": [], **error}
    print(json.dumps({"error": body}, ensure_ascii=False, sort_keys=True), file=sys.stderr)


def truce_error_json(exc: TruceError) -> None:
    data = exc.as_dict()
    inner = getattr(exc, "errors", None)  # several spec problems
    details = getattr(exc, "details", None) or [e.render() for e in inner or []]
    json_error({**data, "details": list(details)})


def usage_error_json(exc: click.ClickException) -> None:
    ctx = getattr(exc, "ctx", None)
    hint = f"see `{ctx.command_path} --help`" if ctx is not None else UsageProblem.default_hint
    json_error({"code": UsageProblem.code, "message": exc.format_message(), "hint": hint})
