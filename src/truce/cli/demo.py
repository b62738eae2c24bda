"""`truce demo`: the main job on the bundled example, start to finish, on a SQLite file."""

from __future__ import annotations

import typer

from truce import services
from truce.cli.context import console, settings
from truce.cli.render import status_view, timeline_view
from truce.storage.ledger import Ledger

DEMO_DB = "truce-demo.db"
MOMENTS = [
    ("day 1, before the first release", "2023-11-24T12:00"),
    ("day 4, the last of the first four days", "2023-11-28T06:00"),
    ("day 7, after the second extension", "2023-11-30T12:00"),
    ("after the pause ended", "2023-12-02T00:00"),
]


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    db: str = typer.Option(None, "--db", help=f"ledger to build [default: {DEMO_DB}]"),
) -> None:
    """Build a ledger from the bundled Gaza 2023 example and show its state day by day."""
    url = db or (settings.db if settings.db != "truce.db" else DEMO_DB)
    with Ledger.init(url) as ledger:
        result = services.load_bundled_example(ledger, "demo")
        console.print(
            f"ledger {url}: {len(result.added)} claim(s) added, {len(result.skipped)} already there"
        )
        for label, at in MOMENTS:
            console.rule(label)
            console.print(status_view(services.status_answer(ledger, "gaza-2023-11", at)))
        console.print(
            timeline_view("gaza-2023-11", services.agreement_timeline(ledger, "gaza-2023-11"))
        )
        report = ledger.verify()
        console.print(
            f"verify: {'ok' if report.ok else 'INVALID'}, {report.entries} entries, "
            f"head {report.head}"
        )
    console.print(f"\nTry: truce --db {url} status gaza-2023-11 --at 2023-11-30T12:00 --json")
