"""`truce eval` on a real-report folder: scores per split, and which texts are missing."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from truce.cli.context import console, errors, print_json
from truce.extract.evaluate import TABLE_COLUMNS
from truce.extract.evaluate_real import FETCH_HINT, SPLITS, RealEval, evaluate_real


def evaluate_real_folder(folder: Path, split: str | None, as_json: bool) -> None:
    from truce.extract.pipeline import build_pipeline, extract

    nlp = build_pipeline()
    splits = SPLITS if split is None else (split,)
    result = evaluate_real(folder, lambda a: [c.as_dict() for c in extract(nlp, a)], splits)
    _report_unscored(result)
    if as_json:
        print_json(result.as_dict())
        return
    for name, report in result.splits.items():
        title = f"Extraction scored against {folder}, split {name} ({report.documents} reports)"
        table = Table(*TABLE_COLUMNS, title=title, title_justify="left")
        for row in report.table():
            table.add_row(*row)
        console.print(table)
        for label, score in result.accuracies(name).items():
            console.print(f"{label}: {score.agreed}/{score.pairs} ({score.accuracy:.1%})")
        hit, total = result.negatives(name)
        console.print(f"negative spans hit by a candidate: {hit}/{total}")


def _report_unscored(result: RealEval) -> None:
    """Missing and changed texts go to stderr, so --json output stays one document."""
    if result.missing:
        errors.print(f"{len(result.missing)} report(s) not scored, text missing:", markup=False)
        for real in result.missing:
            errors.print(f"  {real.id}  {real.meta.get('url')}", markup=False, highlight=False)
        errors.print(f"  To fetch a text: {FETCH_HINT}.", markup=False, highlight=False)
    for real in result.mismatched:
        errors.print(
            f"{real.id}: text's sha256 {real.actual_sha256} is not the meta's "
            f"{real.meta.get('sha256')}; not scored (the spans may no longer fit: see "
            "eval/real/README.md, 'Fetching a missing text', step 5)",
            markup=False,
            highlight=False,
        )
