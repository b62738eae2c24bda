"""What the dev-split error analyses share (`fp_classes.py`, `misses.py`): their command line and
the dev reports, each with its candidates scored. Reads no other split's annotations."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from truce.extract.evaluate import FIELDS, EvalReport, Score
from truce.extract.evaluate_real import RealReport, _article, load_real_set, score_real
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off


def arguments(doc: str | None, what: str, argv: list[str] | None) -> argparse.Namespace:
    """The shared options: the folder, `--type`, `--cls`, `--show` and `--off`."""
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--type", default=None, help=f"only {what} of this type")
    parser.add_argument("--cls", default=None, help="only this class")
    parser.add_argument("--show", action="store_true", help="print each with its text")
    parser.add_argument("--off", default="", help="rules to switch off, comma-separated")
    return parser.parse_args(argv)


def run(
    doc: str | None, what: str, argv: list[str] | None, body: Callable[[argparse.Namespace], None]
) -> None:
    """Parse the shared options and run `body` with the rules of `--off` switched off."""
    args = arguments(doc, what, argv)
    with switched_off([r for r in args.off.split(",") if r]):
        body(args)


def scored_dev(
    folder: Path, totals: dict[str, Score]
) -> Iterator[tuple[RealReport, list[dict[str, Any]], EvalReport]]:
    """Each scorable dev report with its candidates and their score; each kind's tp, fp and fn
    added into `totals`."""
    nlp = build_pipeline()
    for real in load_real_set(folder):
        if not real.scorable or real.split != "dev":
            continue
        found = [c.as_dict() for c in extract(nlp, _article(real))]
        report = EvalReport(fields={name: Score() for name in FIELDS})
        score_real(report, folder, real.id, found)
        for kind, s in report.events.items():
            t = totals.setdefault(kind, Score())
            t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
        yield real, found, report
