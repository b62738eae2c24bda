"""What the dev-split error analyses share (`fp_classes.py`, `misses.py`): their command line and
the dev reports, each with its candidates scored. Reads no other split's annotations."""

from __future__ import annotations

import argparse
import json
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
    parser.add_argument(
        "--taxonomy", action="store_true", help="the classes of the exprec3 taxonomy"
    )
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="candidates as `cv --by conflict` reads them: the learned path's model fitted per "
        "fold without the report's conflict (`learn_cv.held_out_candidates`)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="with --held-out: keep the candidates in this JSON file (outside the repository) "
        "and read them from it when it exists",
    )
    return parser.parse_args(argv)


def run(
    doc: str | None, what: str, argv: list[str] | None, body: Callable[[argparse.Namespace], None]
) -> None:
    """Parse the shared options and run `body` with the rules of `--off` switched off."""
    args = arguments(doc, what, argv)
    if args.cache is not None and not args.held_out:
        raise SystemExit("--cache is for --held-out candidates")
    with switched_off([r for r in args.off.split(",") if r]):
        body(args)


def scored_dev(
    folder: Path, totals: dict[str, Score]
) -> Iterator[tuple[RealReport, list[dict[str, Any]], EvalReport]]:
    """Each scorable dev report with its candidates and their score; each kind's tp, fp and fn
    added into `totals`."""
    nlp = build_pipeline()
    yield from _scored(
        folder, totals, lambda real: [c.as_dict() for c in extract(nlp, _article(real))]
    )


def _scored(
    folder: Path, totals: dict[str, Score], found_of: Callable[[RealReport], list[dict[str, Any]]]
) -> Iterator[tuple[RealReport, list[dict[str, Any]], EvalReport]]:
    for real in load_real_set(folder):
        if not real.scorable or real.split != "dev":
            continue
        found = found_of(real)
        report = EvalReport(fields={name: Score() for name in FIELDS})
        score_real(report, folder, real.id, found)
        for kind, s in report.events.items():
            t = totals.setdefault(kind, Score())
            t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
        yield real, found, report


def held_out_dev(
    folder: Path, totals: dict[str, Score], cache: Path | None = None
) -> Iterator[tuple[RealReport, list[dict[str, Any]], EvalReport]]:
    """`scored_dev` with the candidates `cv --by conflict` scores: the learned recall path's
    model fitted, for each fold of conflicts, on the other folds (`learn_cv`), so that no
    learned candidate comes from a model that saw its report. With `cache`, the candidates are
    written there once and read back after (the fits take minutes)."""
    from truce.extract.cv import load_items
    from truce.extract.learn_cv import held_out_candidates

    if cache is not None and cache.exists():
        found_all = json.loads(cache.read_text(encoding="utf-8"))
    else:
        items = load_items(folder, "dev")
        found_all = held_out_candidates(items, build_pipeline())
        if cache is not None:
            cache.write_text(json.dumps(found_all), encoding="utf-8")
    yield from _scored(folder, totals, lambda real: found_all[real.id])
