"""`truce demo`: the main job on the bundled example, start to finish, on a SQLite file."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import typer

from truce import services
from truce.cli.context import DEFAULT_DB, console, hint, print_json, settings
from truce.cli.render import status_view, timeline_view
from truce.services.ledger import init_ledger

DEMO_DB = "truce-demo.db"
MOMENTS = [
    ("day 1, before the first release", "2023-11-24T12:00"),
    ("day 4, the last of the first four days", "2023-11-28T06:00"),
    ("day 7, after the second extension", "2023-11-30T12:00"),
    ("after the pause ended", "2023-12-02T00:00"),
]


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def invocation() -> str:
    """How the user can run truce again from where they are: `truce` when that name finds this
    program, else the path they ran (`.venv/bin/truce`), else `python -m truce`."""
    program = Path(sys.argv[0])
    if program.name == "__main__.py":  # python -m truce
        return f"{shlex.quote(_shown(Path(sys.executable)))} -m truce"
    on_path = shutil.which("truce")
    if on_path is not None and Path(on_path).resolve() == program.resolve():
        return "truce"
    return shlex.quote(_shown(program))


def _shown(path: Path) -> str:
    """`path` relative to the working folder when it lies under it (`./.venv/bin/truce`)."""
    full, here = path.absolute(), Path.cwd()
    return f"./{full.relative_to(here).as_posix()}" if full.is_relative_to(here) else str(full)


def demo(
    db: str = typer.Option(None, "--db", help=f"ledger to build [default: {DEMO_DB}]"),
) -> None:
    """Build a ledger from the bundled Gaza 2023 example and show its state day by day."""
    url = db or (settings.db if settings.db != DEFAULT_DB else DEMO_DB)
    explained: set[str] = set()
    with init_ledger(url) as ledger:
        result = services.load_bundled_example(ledger, "demo")
        added = f"{len(result.added)} claim(s) added, {len(result.skipped)} already there"
        if settings.as_json:
            answers = {m: services.status_answer(ledger, "gaza-2023-11", t) for m, t in MOMENTS}
            report = ledger.verify()
            print_json(
                {
                    "ledger": url,
                    "added": len(result.added),
                    "already_there": len(result.skipped),
                    "status": {moment: answer.as_data() for moment, answer in answers.items()},
                    "verify": report.as_dict(),
                }
            )
            return
        console.print(f"ledger {url}: {added}")
        for label, at in MOMENTS:
            console.rule(label)
            answer = services.status_answer(ledger, "gaza-2023-11", at)
            console.print(status_view(answer, explained))
        rows = services.agreement_timeline(ledger, "gaza-2023-11")
        console.print(timeline_view("gaza-2023-11", rows, console.width))
        report = ledger.verify()
        console.print(
            f"verify: {'ok' if report.ok else 'INVALID'}, {report.entries} entries, "
            f"head {report.head}"
        )
    where = shlex.quote(url if "://" in url else _shown(Path(url)))
    hint(f"\nTry: {invocation()} --db {where} status gaza-2023-11 --at 2023-11-30T12:00 --json")
