"""The confidence table: monotone, reproducible from the same rows, fitted on the dev split only
(a test split's annotations are never read), and what extraction gives every candidate."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from truce.extract import calibration_table
from truce.extract.calibrate import (
    CalibrationSplit,
    calibration_report,
    cross_validated,
    scored_rows,
    table_source,
)
from truce.extract.calibration import (
    MIN_STEP,
    SHRINK,
    Fitted,
    confidence,
    features,
    fit,
    isotonic,
    regression,
    score,
    shrunk,
    step_value,
    trigger,
)
from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

ROOT = Path(__file__).resolve().parents[2]


def test_pooling_adjacent_violators_gives_a_monotone_step_function() -> None:
    points = sorted([(1.0, True)] * 10 + [(2.0, False)] * 10 + [(3.0, True)] * 10
                    + [(4.0, True)] * 10)  # fmt: skip
    # 1 then 2 violate (1.0 before 0.0): pooled to 0.5; 3 and 4 tie at 1.0: pooled.
    assert isotonic(points) == [(1.0, 0.5, 20), (2.5, 1.0, 20)]
    assert [step_value(isotonic(points), s) for s in (0, 1, 2.4, 2.5, 9)] == [0.5, 0.5, 0.5, 1.0,
                                                                            1.0]  # fmt: skip


def test_a_step_smaller_than_the_minimum_joins_its_neighbour() -> None:
    points = sorted([(1.0, False)] * 30 + [(2.0, True)] * 2 + [(3.0, True)] * 20
                    + [(4.0, False)] * 1 + [(5.0, True)] * 12)  # fmt: skip
    steps = isotonic(points)
    assert all(n >= MIN_STEP for _, _, n in steps)
    assert [p for _, p, _ in steps] == sorted(p for _, p, _ in steps)
    assert sum(n for _, _, n in steps) == len(points)


def rows() -> list[tuple[dict[str, Any], bool]]:
    """Invented candidates: releases with a count mostly right, statements mostly wrong."""
    out = []
    for n in range(60):
        kind = ("release", "statement", "breach")[n % 3]
        counted = n % 2 == 0
        right = (kind == "release" and (counted or n % 5 == 0)) or (kind == "breach" and n % 4 == 0)
        candidate = {"type": kind, "modality": "occurred", "date": "2023-11-25" if n % 7 else None,
                     "quantities": [{"value": n}] if counted else [], "actor": "hamas",
                     "location": None, "source": {"speaker": None}}  # fmt: skip
        out.append((candidate, right))
    return out


def test_the_fit_is_reproducible_and_monotone() -> None:
    first, second = fit(rows()), fit(rows())
    assert first == second and table_source(first) == table_source(second)
    shares = [p for _, p, _ in first.steps]
    assert shares == sorted(shares)
    # A higher score never lowers the confidence.
    scores = [s / 10 for s in range(-60, 60)]
    values = [step_value(first.steps, s) for s in scores]
    assert values == sorted(values)
    # Releases with a count are the likeliest right.
    best = max(rows(), key=lambda r: first.confidence(r[0]))[0]
    assert best["type"] == "release" and best["quantities"]


def test_the_committed_table_is_monotone_and_in_its_generated_form() -> None:
    steps = calibration_table.STEPS
    assert [p for _, p, _ in steps] == sorted(p for _, p, _ in steps)
    assert all(0 <= p <= 1 and n >= MIN_STEP for _, p, n in steps)
    table = Fitted(calibration_table.BASE, calibration_table.WEIGHTS, list(steps))
    source = (ROOT / "src/truce/extract/calibration_table.py").read_text(encoding="utf-8")
    assert table_source(table) == source


def test_extraction_gives_each_candidate_its_calibrated_confidence() -> None:
    text = ("DOHA, Nov. 25 (AFP) -- Hamas released 13 Israeli hostages on Saturday, Qatar said. "
            "Israel freed 39 Palestinian prisoners hours later.")  # fmt: skip
    found = extract(build_pipeline(), Article(text=text, document="wire.txt"))
    assert found
    for candidate in found:
        assert candidate.confidence == confidence(candidate.as_dict(), text)
        # The trigger read from the text is the feature a `trigger` key gives.
        told = candidate.as_dict() | {"trigger": trigger(candidate.as_dict(), text)}
        assert candidate.confidence == confidence(told)


def test_the_trigger_feature_names_the_alternative_that_told_the_event() -> None:
    text = "Hamas accused Israel of shelling Rafah. Israel freed 39 prisoners. Fighting raged."
    accused = {"type": "breach", "span": [0, 38]}
    freed = {"type": "release", "span": [39, 66]}
    assert trigger(accused, text) == "accused"
    assert trigger(freed, text) == "verb"
    # Only the candidate's span is read: the release verb outside it is no breach trigger.
    assert trigger({"type": "breach", "span": [67, 82]}, text) == "none"
    assert trigger({"type": "statement", "span": [39, 66]}, "") == "none"
    assert "trigger=breach:accused" in features(accused, text)
    assert "breach:speaker=False" in features(accused, text)


def test_the_trigger_read_on_the_lowered_text_is_the_one_read_on_the_text() -> None:
    """The confidence component reads triggers with the table's patterns run on the lowered
    text, without IGNORECASE: the same alternative and the same word as on the text itself."""
    from truce.extract.calibration import trigger_in
    from truce.extract.lexicon_numbers import lowered
    from truce.extract.triggers import TRIGGERS

    gold = sorted((ROOT / "eval" / "gold" / "documents").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in gold]
    texts += ["HAMAS FREED 39 PRISONERS. The Truce Took Effect; Talks Were Held In Doha."]
    seen = 0
    for text in texts:
        low = lowered(text)
        assert low is not None
        for start in range(0, len(text), 97):
            span = (start, min(len(text), start + 300))
            for kind in [*TRIGGERS, "none of them"]:
                told = trigger_in(kind, span, text, low)
                assert told == trigger({"type": kind, "span": list(span)}, text), (kind, span)
                seen += told != "none"
    assert seen > 100  # the spans hold triggers, not only misses


def test_a_rare_feature_says_little_and_a_common_one_much() -> None:
    # 40 right releases with a count, 40 wrong ones without; one odd candidate with a trigger
    # of its own that happened to be right.
    data = [({"type": "release", "quantities": [{"value": n}], "trigger": "verb"}, True)
            for n in range(40)]  # fmt: skip
    data += [({"type": "release", "quantities": [], "trigger": "verb"}, False)] * 40
    data += [({"type": "release", "quantities": [], "trigger": "odd"}, True)]
    base, weights = regression(data)
    counted = score(data[0][0], "", base, weights) - score(data[40][0], "", base, weights)
    assert counted > 2.5  # the count, crossed with the type too, tells right from wrong
    assert 0 < weights["trigger=release:odd"] < counted / 6


def test_the_map_is_fitted_on_held_out_scores_so_memorised_noise_gives_no_confidence() -> None:
    # Each candidate its own report and its own trigger, right or wrong by a coin that no
    # feature predicts: in-sample the regression would learn each one; held out it cannot.
    data = [({"type": "breach", "document": f"r{n}", "trigger": f"t{n}"}, n * 7 % 11 < 6)
            for n in range(100)]  # fmt: skip
    table = fit(data)
    share = sum(ok for _, ok in data) / len(data)
    assert {table.confidence(c) for c, _ in data} == {round(share, 3)}


def conflict_rows() -> tuple[list[tuple[str, dict[str, Any], bool]], dict[str, str]]:
    """Invented candidates of 10 truces, 6 reports each: a truce's reports share a trigger word
    of their own, and a truce's candidates are all right or all wrong by a coin no feature
    shared between truces predicts (one outlet's house style, one conflict's wording)."""
    rows, conflict = [], {}
    for truce in range(10):
        for report in range(6):
            name = f"truce{truce}-r{report}"
            conflict[name] = f"truce{truce}"
            for n in range(4):
                candidate = {"type": "breach", "document": name, "trigger": f"word{truce}",
                             "quantities": [{"value": n}] if n % 2 else []}  # fmt: skip
                rows.append((name, candidate, truce * 7 % 10 < 6))
    return rows, conflict


def test_the_map_is_fitted_on_scores_held_out_by_conflict() -> None:
    """Held out by report, a truce's own word is learned from its other reports and passes for
    confidence; held out by conflict, the map sees that the word says nothing of a new truce."""
    rows, conflict = conflict_rows()
    data = [(c, ok) for _, c, ok in rows]
    by_report = fit(data)
    by_conflict = fit(data, conflict)
    spread = {by_report.confidence(c) for c, _ in data}
    assert max(spread) - min(spread) > 0.5
    assert {by_conflict.confidence(c) for c, _ in data} == {0.6}


def test_cross_validation_never_fits_and_scores_reports_of_one_truce() -> None:
    rows, conflict = conflict_rows()
    held = cross_validated(rows, 5, conflict)
    assert len(held) == len(rows)
    # Every truce is scored by a table that never saw its word: its confidence cannot tell a
    # right truce from a wrong one, and no candidate reaches 0.9.
    right = [p for p, ok in held if ok]
    wrong = [p for p, ok in held if not ok]
    assert max(p for p, _ in held) < 0.9
    assert abs(sum(right) / len(right) - sum(wrong) / len(wrong)) < 0.15
    # By report, the word is learned from the truce's other reports: a memorised confidence.
    by_report = cross_validated(rows, 5)
    right = [p for p, ok in by_report if ok]
    wrong = [p for p, ok in by_report if not ok]
    assert sum(right) / len(right) - sum(wrong) / len(wrong) > 0.5


def test_a_step_is_shrunk_toward_the_one_below_and_stays_monotone() -> None:
    steps = [(-1.0, 0.4, 100), (0.0, 0.6, 200), (1.0, 1.0, 20)]
    out = shrunk(steps)
    assert out[0] == steps[0]
    # (0.6 x 200 + SHRINK x 0.4) / (200 + SHRINK): a big step barely moves.
    assert out[1] == (0.0, round((0.6 * 200 + SHRINK * 0.4) / (200 + SHRINK), 4), 200)
    # 20 candidates all right do not make a certainty: halfway to the step below at SHRINK 20.
    assert out[2] == (1.0, round((20 + SHRINK * 0.6) / (20 + SHRINK), 4), 20)
    assert out[2][1] < 0.9
    assert [p for _, p, _ in out] == sorted(p for _, p, _ in out)
    assert [(a, n) for a, _, n in out] == [(a, n) for a, _, n in steps]


TEXTS = {
    "dev-a": "Hamas released 13 hostages on Saturday, the Qatari foreign ministry said.\n\n"
    "Officials hoped the talks would go on.",
    "dev-b": "Israel freed 39 Palestinian prisoners on Friday.\n\nThe army said shelling "
    "continued in Khan Younis.",
    "test-c": "Hamas released 10 hostages on Sunday.",
}


def eval_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "real"
    for sub in ("reports", "annotations", "negatives", "texts"):
        (folder / sub).mkdir(parents=True)
    for report, text in TEXTS.items():
        split = report.split("-")[0]
        (folder / "texts" / f"{report}.txt").write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        meta = {"id": report, "split": split, "published": "2023-11-25", "url": None,
                "sha256": digest, "chars": len(text)}  # fmt: skip
        (folder / "reports" / f"{report}.meta.json").write_text(json.dumps(meta))
    start = TEXTS["dev-a"].index("Hamas")
    gold = {"id": "dev-a-01", "document": "dev-a", "type": "release", "span": [start, start + 74],
            "quantities": [{"value": 13, "qualifier": "exact", "unit": "hostages"}]}  # fmt: skip
    (folder / "annotations" / "dev-a.jsonl").write_text(json.dumps(gold) + "\n")
    # The test split's annotations are unreadable: fitting would fail if it opened them.
    (folder / "annotations" / "test-c.jsonl").write_text("not json\n")
    return folder


def test_refitting_on_a_small_set_reads_dev_only_and_is_reproducible(tmp_path: Path) -> None:
    folder = eval_folder(tmp_path)
    nlp = build_pipeline()
    # Two reports: no fold's sentence model opens a type, so the command's candidates are the
    # rules' alone (`learn_cv.held_out_candidates`).
    with switched_off(["learn.recall"]):
        found = scored_rows(folder, lambda a: [c.as_dict() for c in extract(nlp, a)])
    assert {r for r, _, _ in found} == {"dev-a", "dev-b"}
    assert any(ok for _, c, ok in found if c["type"] == "release" and c["document"] == "dev-a")
    with pytest.raises(CalibrationSplit):
        scored_rows(folder, lambda a: [], "test")
    command = [sys.executable, "-m", "truce.extract.calibrate", str(folder), "--split", "dev",
               "--json", "--folds", "2"]  # fmt: skip
    runs = [subprocess.run(command, capture_output=True, text=True, check=False) for _ in "ab"]
    assert runs[0].returncode == 0, runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    report = json.loads(runs[0].stdout)
    assert report["reports"] == 2 and report["candidates"] == len(found)
    assert report["cross_validated"]["by"] == "conflict"
    assert report == calibration_report(found, 2, {"dev-a": "dev-a", "dev-b": "dev-b"})[1]
    refused = subprocess.run([*command[:-3], "--split", "test"], capture_output=True, text=True,
                             check=False)  # fmt: skip
    assert refused.returncode == 2 and "[X700]" in refused.stderr
