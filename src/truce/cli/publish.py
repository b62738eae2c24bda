"""`truce publish`: the public record as a read-only SQLite copy for datasette."""

from __future__ import annotations

from pathlib import Path

import typer

from truce.cli.context import console, db_url, open_ledger


def register(app: typer.Typer) -> None:
    app.command("publish")(publish)


def publish(
    out: Path = typer.Argument(..., help="the copy to write, e.g. public.db"),
    agreement: list[str] = typer.Option(
        [], "--agreement", "-a", help="only this agreement; repeat for several [default: all]"
    ),
    force: bool = typer.Option(False, "--force", help="replace a copy published earlier"),
) -> None:
    """Write a read-only copy of the public record (agreements, claims, verdicts) that is safe
    to serve: no users or token hashes, no raw ledger entries, no review queue.

    Beside it, OUT.metadata.json describes the tables for datasette:
    `datasette serve --immutable public.db --metadata public.metadata.json`.
    """
    from truce.services.published_copy import publish as write_copy

    url = db_url()
    ledger_file = None if "://" in url else Path(url)
    with open_ledger() as ledger:
        done = write_copy(ledger, out, agreement or None, force=force, ledger_file=ledger_file)
    console.print(
        f"published {done.agreements} agreement(s), {done.claims} claim(s) and "
        f"{done.verdicts} verdict(s) to {done.path} (read-only); datasette metadata in "
        f"{done.metadata}",
        markup=False,
        highlight=False,
    )
