"""The caps that keep extraction linear: long sentences cut, candidates bounded, a megabyte report
through `truce extract` and `truce ingest` with memory that does not grow with its square."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.extract.big_reports import dense, mixed
from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract, extract_many, sentence_spans

ROOT = Path(__file__).resolve().parents[2]
GAZA = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"
CAP = 1_000  # the documented default of TRUCE_EXTRACT_MAX_SENTENCE_CHARS


def sentences_of(text: str) -> list[tuple[int, int]]:
    nlp = build_pipeline()
    doc = nlp.make_doc(text)
    doc._.article = Article(text=text, document="t")
    for name, component in nlp.pipeline:
        if name in {"truce_boilerplate_v1", "truce_sentences_v1"}:
            doc = component(doc)
    return sentence_spans(doc)


def test_a_sentence_without_punctuation_is_cut_at_words_under_the_cap() -> None:
    text = "the roads were busy with families going home " * 1_000  # 45,000 characters
    spans = sentences_of(text)
    assert len(spans) >= 45
    assert all(end - start <= CAP for start, end in spans)
    assert all(text[start - 1] == " " for start, _ in spans[1:])  # at word boundaries
    assert spans == sentences_of(text)  # the same cuts every time


def test_a_cut_falls_after_a_comma_in_the_second_half_of_a_piece() -> None:
    clause = "the talks went on through the night and into the morning "
    text = (clause * 12 + ", " + clause * 12) * 4
    spans = sentences_of(text)
    assert all(end - start <= CAP for start, end in spans)
    assert text[spans[1][0] - 2 : spans[1][0]] == ", "


def test_sentences_under_the_cap_are_left_alone() -> None:
    text = "Israel released 39 prisoners. " + "Hamas freed 13 hostages, " * 30 + "officials said."
    assert [text[s:e] for s, e in sentences_of(text)][0] == "Israel released 39 prisoners."
    assert len(sentences_of(text)) == 2


def test_a_megabyte_report_gives_bounded_candidates() -> None:
    text = mixed(1_000_000)
    found = extract(build_pipeline(), Article(text, "big", published=date(2023, 11, 24)))
    assert 100 < len(found) <= 2_000
    assert max(c.span[1] - c.span[0] for c in found) <= CAP
    # The quotation opened at the top is never closed: each candidate carries a window of it.
    assert max(len(c.quote or "") for c in found) == CAP
    assert max(len(json.dumps(c.as_dict())) for c in found) < 3 * CAP


def test_a_report_past_a_million_characters_is_read_not_refused_by_spacy() -> None:
    # spaCy's own limit (a million characters, for its parser) once stopped a 1 MiB report
    # with E088 while truce's cap is five million: only truce's cap may refuse a document.
    text = mixed(1_200_000)
    found = extract(build_pipeline(), Article(text, "big", published=date(2023, 11, 24)))
    assert 100 < len(found) <= 2_000
    assert max(c.span[1] for c in found) > 1_000_000


def test_a_document_giving_more_candidates_than_the_cap_is_refused_and_the_batch_goes_on() -> None:
    articles = [
        Article(dense(1_000_000), "dense", published=date(2023, 11, 24)),
        Article("Israel released 39 prisoners on Friday.", "small", published=date(2023, 11, 24)),
    ]
    results = list(extract_many(build_pipeline(), articles))
    assert results[0].code == "X600" and not results[0].candidates
    assert "more than 2,000" in (results[0].error or "")
    assert results[1].error is None and results[1].candidates


# Runs one command in a fresh interpreter and prints its own peak RSS, so the figure is of that
# command alone (RUSAGE_CHILDREN would keep the largest of every child the tests have run).
_MEASURED = """
import resource, sys
from truce.cli.app import app
try:
    app(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(f"peak-rss-kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} exit={code}",
      file=sys.stderr)
"""


def peak_rss(tmp_path: Path, *args: str) -> tuple[int, subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert "Traceback" not in done.stderr, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("peak-rss-kb="))
    return int(line.split()[0].removeprefix("peak-rss-kb=")), done


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_memory_of_a_megabyte_report_grows_linearly(tmp_path: Path, command: str) -> None:
    rss = {}
    for size in (100_000, 1_000_000):
        report = tmp_path / f"report-{size}.txt"
        report.write_text(mixed(size), encoding="utf-8")
        db = str(tmp_path / f"{size}.db")
        peak_rss(tmp_path, "--db", db, "init")
        peak_rss(tmp_path, "--db", db, "agreement", "add", str(GAZA))
        args = ["--published", "2023-11-24", str(report)]
        if command == "ingest":
            args = ["--db", db, "ingest", "-a", "gaza-2023-11", *args]
        else:
            args = ["extract", *args]
        rss[size], done = peak_rss(tmp_path, *args)
        assert "exit=0" in done.stderr, done.stderr
    # Both carry the interpreter and spaCy (about 180 MB); ten times the text must not come
    # near doubling that. Before the caps, the megabyte took 1.3 GB to extract, 2.5 GB to ingest.
    assert rss[1_000_000] < 1.8 * rss[100_000], rss


def _extract_with(
    tmp_path: Path, env: dict[str, str], text: str
) -> subprocess.CompletedProcess[str]:
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "truce", "extract", str(report), "--published", "2023-11-24"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **env},
        timeout=600,
    )


def test_each_cap_is_a_setting(tmp_path: Path) -> None:
    text = mixed(100_000)
    smaller = _extract_with(tmp_path, {"TRUCE_EXTRACT_MAX_CHARS": "50000"}, text)
    assert smaller.returncode == 1 and "[X105]" in smaller.stderr and "50,000" in smaller.stderr
    fewer = _extract_with(tmp_path, {"TRUCE_EXTRACT_MAX_CANDIDATES": "5"}, text)
    assert fewer.returncode == 1 and "[X600]" in fewer.stderr and "more than 5" in fewer.stderr
    shorter = _extract_with(tmp_path, {"TRUCE_EXTRACT_MAX_SENTENCE_CHARS": "200"}, text)
    assert shorter.returncode == 0, shorter.stderr
    spans = [json.loads(line)["span"] for line in shorter.stdout.splitlines()]
    assert spans and max(end - start for start, end in spans) <= 200
    wrong = _extract_with(tmp_path, {"TRUCE_EXTRACT_MAX_SENTENCE_CHARS": "lots"}, text)
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert wrong.stderr.startswith("[X609] TRUCE_EXTRACT_MAX_SENTENCE_CHARS")
