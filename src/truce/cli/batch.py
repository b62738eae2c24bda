"""`truce batch`: extraction over a corpus on Dask, merged into events, optionally queued."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from truce.cli.context import (
    EXIT_PARTIAL,
    console,
    errors,
    keep_snapshots,
    open_ledger,
    print_json,
    wants_json,
)
from truce.cli.extract import _date
from truce.cli.review import AUTO_HELP
from truce.cli.streams import progress_wanted
from truce.errors import BatchError, NothingExtracted
from truce.services.auto_accept import auto_accept, threshold


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)


def batch(
    paths: list[Path] = typer.Argument(
        ..., help="files, folders or globs: text, HTML, feeds, JSONL, WARC; .gz .bz2 .xz"
    ),
    out: Path = typer.Option(..., "--out", "-o", help="output folder (resumed if it exists)"),
    workers: int = typer.Option(
        None,
        "--workers",
        "-w",
        help="local worker processes (default: one per core)",
        min=1,
        show_default=False,
    ),
    scheduler: str = typer.Option(
        None, "--scheduler", help="an existing Dask cluster: tcp://HOST:PORT (--workers unused)"
    ),
    partition_size: int = typer.Option(
        256, "--partition-size", help="documents (files, lines or records) per partition", min=1
    ),
    merge_rows: int = typer.Option(
        50_000,
        "--merge-rows",
        help="candidates per merge task: the merge's memory follows it, not the corpus",
        min=1,
    ),
    published: str = typer.Option(
        None, "--published", help="publication date when a document has none"
    ),
    spec: list[Path] = typer.Option([], "--spec", help="agreement specs whose aliases to use"),
    agreement: str = typer.Option(
        None, "--agreement", "-a", help="agreement in the ledger whose aliases to use"
    ),
    ingest: bool = typer.Option(
        False, "--ingest", help="queue the merged events for review under --agreement"
    ),
    by: str = typer.Option(None, "--by", help="who ingests"),
    auto_accept_above: float | None = typer.Option(
        None, "--auto-accept-above", help=AUTO_HELP + " (with --ingest)", metavar="CONFIDENCE"
    ),
    as_json: bool = typer.Option(False, "--json", help="print the summary as JSON"),
) -> None:
    """Extract a corpus on Dask into Parquet, merge reports of one event, flag disputes."""
    from truce.batch.run import BatchOptions, run_batch
    from truce.batch.run import Progress as Counts
    from truce.extract.from_paths import spec_aliases
    from truce.spec_yaml import load_spec_file

    if ingest and not agreement:
        raise BatchError("--ingest needs --agreement", hint="add --agreement ID")
    if auto_accept_above is not None and not ingest:
        raise BatchError("--auto-accept-above needs --ingest", hint="add --ingest --agreement ID")
    above = None if auto_accept_above is None else threshold(auto_accept_above)
    specs = [load_spec_file(p)[0] for p in spec]
    if agreement:
        with open_ledger() as ledger:
            specs.append(ledger.agreement(agreement)[0])
    options = BatchOptions(_date(published), spec_aliases(specs), partition_size)
    cores = os.cpu_count() or 1
    columns = (TextColumn("partitions"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[documents]} documents"), TimeElapsedColumn())  # fmt: skip
    shown = progress_wanted()  # not under --quiet, nor --json unless --progress
    with Progress(*columns, console=errors, transient=True, disable=not shown) as bar:
        task = bar.add_task("batch", total=None, documents=0)

        def show(counts: Counts) -> None:
            bar.update(task, total=counts.total, completed=counts.done, documents=counts.documents)

        result = run_batch([str(p) for p in paths], out, options, workers=workers or cores,
                           scheduler=scheduler, on_progress=show,
                           merge_rows=merge_rows)  # fmt: skip
    summary: dict[str, Any] = {**result.summary, "resumed_partitions": result.progress.resumed}
    if ingest:
        from truce.services.batch_review import ingest_events

        with open_ledger() as ledger:
            queued = ingest_events(ledger, out, agreement, by)
            ruled = None if above is None else auto_accept(ledger, above, by, ids=queued.ids)
            if ruled is not None and ruled.accepted:  # a long command: kept before its summary
                made = [agreement for _, claim in ruled.accepted if claim]
                keep_snapshots(ledger, made, answer_out=False)
        summary["ingest"] = {"events": queued.events, "skipped": queued.skipped,
                             "candidates": queued.candidates, "extended": queued.extended,
                             "disputing": queued.disputing}  # fmt: skip
        if ruled is not None:
            summary["ingest"]["auto_accept"] = ruled.as_dict()
    if wants_json(as_json):
        print_json(summary)
    else:
        _print(summary, out)
    failed = sum(summary["errors"].values())
    if failed and failed >= summary["documents"]:
        raise NothingExtracted(
            f"all {summary['documents']} document(s) failed; see {out}/documents"
        )
    if failed:
        raise typer.Exit(EXIT_PARTIAL)


def _print(summary: dict[str, Any], out: Path) -> None:
    table = Table("", "count", title=f"Batch written to {out}", title_justify="left")
    for key in ("partitions", "resumed_partitions", "documents", "ok", "copies", "reports",
                "candidates", "events", "disputed_events"):  # fmt: skip
        table.add_row(key.replace("_", " "), f"{summary[key]:,}")
    for code, count in summary["errors"].items():
        table.add_row(f"errors [{code}]", f"{count:,}")
    console.print(table)
    if summary["errors"]:
        errors.print(
            f"{sum(summary['errors'].values())} document(s) could not be read; each is listed "
            f"with its code and reason in {out}/documents (status = error); the others were "
            "processed"
        )
    if "ingest" in summary:
        ingest = summary["ingest"]
        console.print(
            f"{ingest['events']} event(s) queued for review as {ingest['candidates']} "
            f"candidate(s), {ingest['skipped']} already queued; {ingest['extended']} of them "
            f"extend an event already queued or recorded, {ingest['disputing']} disputing it"
        )
        if "auto_accept" in ingest:
            ruled = ingest["auto_accept"]
            console.print(
                f"{len(ruled['accepted'])} candidate(s) accepted by {ruled['rule']}, "
                f"{len(ruled['left_pending'])} left pending for review"
            )
