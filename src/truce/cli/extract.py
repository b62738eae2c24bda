"""`truce extract` and `truce eval`."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from truce.cli.context import EXIT_PARTIAL, console, errors, print_json, settings, wants_json
from truce.errors import BadDateOption, NoGoldSet, NothingExtracted


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("eval")(evaluate)


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadDateOption(f"--published {text!r} is not a date") from None


def extract(
    paths: list[Path] = typer.Argument(
        ..., help="files, folders or globs: text, HTML, feeds, JSONL, WARC"
    ),
    published: str = typer.Option(
        None, "--published", help="publication date when a document has none"
    ),
    fmt: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f"),
    spec: list[Path] = typer.Option([], "--spec", help="agreement specs whose aliases to use"),
) -> None:
    """Print candidate events found in news reports; the ledger is not touched."""
    from truce.extract.from_paths import extract_paths, extraction_record, spec_aliases
    from truce.spec_yaml import load_spec_file

    if settings.as_json:
        fmt = OutputFormat.json  # the global --json: one JSON document, as --format json
    aliases = spec_aliases(load_spec_file(p)[0] for p in spec)
    results = extract_paths([str(p) for p in paths], _date(published), aliases)
    table = Table(
        "document",
        "type",
        "modality",
        "date",
        "actor",
        "quantities",
        "source",
        title="Candidate events",
        title_justify="left",
    )
    records = []
    failed = total = 0
    for result in results:
        total += 1
        if result.error:
            failed += 1
        if result.error and not settings.as_json:  # under --json the records carry the error
            errors.print(
                f"{result.article.document}: [{result.code}] {result.error}",
                markup=False,
                highlight=False,
            )
        if fmt is OutputFormat.json:
            records.append(extraction_record(result))
            continue
        for candidate in result.candidates:
            row = candidate.as_dict()
            if fmt is OutputFormat.jsonl:
                print(json.dumps(row, ensure_ascii=False, sort_keys=True))
            else:
                quantities = ", ".join(
                    f"{q['qualifier']} {q['value']} {q['unit']}" for q in row["quantities"]
                )
                table.add_row(
                    row["document"],
                    row["type"],
                    row["modality"],
                    row["date"] or "",
                    row["actor"] or "",
                    quantities,
                    row["source"]["speaker"] or ("unnamed" if row["source"]["anonymous"] else ""),
                )
    if fmt is OutputFormat.json:
        print_json(records)
    elif fmt is OutputFormat.table:
        console.print(table)
    if failed and failed == total:
        raise NothingExtracted(f"all {total} document(s) failed")
    if failed:
        errors.print(f"{failed} document(s) could not be read; the others were processed")
        raise typer.Exit(EXIT_PARTIAL)


def evaluate(
    gold: Path = typer.Argument(
        Path("eval/gold"),
        help="a gold folder (documents/ and annotations.jsonl) or a real-report folder "
        "(reports/, annotations/, negatives/, texts/)",
    ),
    split: str = typer.Option(
        None,
        "--split",
        help="dev, test or all; a gold folder scores all documents together by default, a "
        "real-report folder shows dev and test apart",
    ),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Score the extractor against a gold set: precision, recall and F1 per type and field."""
    from truce.extract.evaluate import TABLE_COLUMNS, evaluate_gold
    from truce.extract.evaluate_real import is_real_layout
    from truce.extract.pipeline import build_pipeline, extract

    if split not in (None, "dev", "test", "all"):
        from truce.extract.evaluate_real import BadSplit

        raise BadSplit(f"--split {split!r} is not a split")
    if is_real_layout(gold):
        from truce.cli.extract_real import evaluate_real_folder

        evaluate_real_folder(gold, split, wants_json(as_json))
        return
    if not (gold / "documents").is_dir() or not (gold / "annotations.jsonl").is_file():
        raise NoGoldSet(
            f"{gold} is neither a gold folder (documents/ and annotations.jsonl) nor a folder of "
            "real reports (reports/)"
        )
    nlp = build_pipeline()
    report = evaluate_gold(
        gold,
        lambda article: [c.as_dict() for c in extract(nlp, article)],
        None if split == "all" else split,
    )
    if report.documents == 0:  # scoring nothing would report a perfect F1
        where = f"{gold} (split {split})" if split else str(gold)
        raise NoGoldSet(f"{where} holds no annotated documents to score")
    if wants_json(as_json):
        print_json(report.as_dict())
        return
    table = Table(*TABLE_COLUMNS, title=f"Extraction scored against {gold}", title_justify="left")
    for row in report.table():
        table.add_row(*row)
    console.print(table)
