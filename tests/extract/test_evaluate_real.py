"""`truce eval` on a real-report folder built here (invented texts and annotations): missing
texts are listed with their URL, a changed text is not scored, splits are scored apart, and a
folder with nothing to score is a coded error."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from truce.cli.app import app
from truce.extract.evaluate_real import evaluate_real
from truce.extract.model import Article

TEXT_A = (
    "Ruritania freed 12 prisoners on Monday, the ministry said.\n\n"
    "Shelling was heard near Zenda, but nobody said who fired."
)
TEXT_B = "The truce between Ruritania and Borduria began on Friday in Strelsau."


def release(document: str, span: list[int], **extra: Any) -> dict[str, Any]:
    event = {
        "id": f"{document}-01",
        "document": document,
        "type": "release",
        "modality": "occurred",
        "date": "2031-03-03",
        "date_precision": "day",
        "actor": "ruritania",
        "participants": ["ruritania"],
        "quantities": [{"value": 12, "qualifier": "exact", "unit": "prisoners"}],
        "location": None,
        "place": None,
        "source": {"speaker": "ministry", "role": None, "anonymous": False, "via": None},
        "span": span,
    }
    return event | extra


def write_report(folder: Path, rid: str, text: str, split: str, **kw: Any) -> None:
    for sub in ("reports", "annotations", "negatives", "texts"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    meta = {
        "id": rid,
        "url": f"https://example.org/{rid}",
        "published": "2031-03-04",
        "split": split,
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "chars": len(text),
        "fetch": {"corpus": "pages", "query": rid},
    }
    (folder / "reports" / f"{rid}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    lines = "\n".join(json.dumps(e) for e in kw.get("events", []))
    (folder / "annotations" / f"{rid}.jsonl").write_text(lines, encoding="utf-8")
    negs = "\n".join(json.dumps(n) for n in kw.get("negatives", []))
    (folder / "negatives" / f"{rid}.jsonl").write_text(negs, encoding="utf-8")
    if kw.get("fetched", True):
        (folder / "texts" / f"{rid}.txt").write_text(kw.get("on_disk", text), encoding="utf-8")


def build(folder: Path) -> None:
    shelling = TEXT_A.index("Shelling")
    negative = {"text": TEXT_A[shelling:], "span": [shelling, len(TEXT_A)], "reason": "no actor"}
    write_report(
        folder, "ru-a", TEXT_A, "dev", events=[release("ru-a", [0, 38])], negatives=[negative]
    )
    start = release(
        "ru-b",
        [0, len(TEXT_B)],
        type="ceasefire_start",
        date="2031-03-01",
        location="Strelsau",
        place={"name": "Strelsau", "country": "RUR"},
        source={"speaker": None, "role": None, "anonymous": False, "via": None},
    )
    write_report(folder, "ru-b", TEXT_B, "test", events=[start])


def candidates(article: Article) -> list[dict[str, Any]]:
    """What an extractor might say: right on A's release but the wrong speaker, a false breach on
    A's negative span; B's start found with its date and place."""
    if article.document == "ru-a":
        shelling = article.text.index("Shelling")
        right = release("ru-a", [0, 30]) | {"source": {"speaker": "the ministry"}}
        wrong = {"type": "breach", "span": [shelling, shelling + 8], "document": "ru-a"}
        return [right, wrong]
    assert article.published is not None and article.published.isoformat() == "2031-03-04"
    return [
        {
            "type": "ceasefire_start",
            "span": [4, 30],
            "date": "2031-03-01",
            "location": "strelsau",
            "document": "ru-b",
        }
    ]


def test_each_split_is_scored_apart_with_dates_attribution_places_and_negatives(
    tmp_path: Path,
) -> None:
    build(tmp_path)
    result = evaluate_real(tmp_path, candidates)
    dev, test = result.splits["dev"], result.splits["test"]
    assert (dev.documents, test.documents) == (1, 1)
    assert (dev.overall.tp, dev.overall.fp, dev.overall.fn) == (1, 1, 0)
    assert dev.events["breach"].fp == 1 and result.negatives("dev") == (1, 1)
    assert (test.overall.tp, test.overall.fp, test.overall.fn) == (1, 0, 0)
    dev_acc, test_acc = result.accuracies("dev"), result.accuracies("test")
    assert (dev_acc["dates right"].agreed, dev_acc["attribution right"].agreed) == (1, 0)
    assert dev_acc["places resolved"].pairs == 0  # the gold names no place there
    assert (test_acc["places resolved"].agreed, test_acc["places resolved"].pairs) == (1, 1)
    assert test_acc["attribution right"].agreed == 1


def test_missing_and_changed_texts_are_listed_not_scored(tmp_path: Path) -> None:
    build(tmp_path)
    write_report(tmp_path, "ru-c", TEXT_A, "dev", fetched=False)
    write_report(tmp_path, "ru-d", TEXT_A, "dev", on_disk=TEXT_A.replace("12", "13"))
    result = CliRunner().invoke(app, ["eval", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["missing"] == [{"id": "ru-c", "url": "https://example.org/ru-c"}]
    assert scores["mismatched"] == ["ru-d"]
    assert scores["splits"]["dev"]["documents"] == 1  # ru-a only
    assert "https://example.org/ru-c" in result.stderr and "fetch.query" in result.stderr
    assert "ru-d: text's sha256" in result.stderr
    table = CliRunner().invoke(app, ["eval", str(tmp_path), "--split", "test"])
    assert table.exit_code == 0 and "split test (1 reports)" in table.stdout
    assert "split dev" not in table.stdout and re.search(r"places resolved: [01]/1", table.stdout)


def test_a_folder_with_no_text_to_score_is_a_coded_error(tmp_path: Path) -> None:
    write_report(tmp_path, "ru-c", TEXT_A, "dev", fetched=False)
    write_report(tmp_path, "ru-d", TEXT_A, "dev", on_disk="changed")
    result = CliRunner().invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 1 and "[X651]" in result.output
    assert "1 present, 1 with a changed hash" in result.output


def test_a_missing_or_empty_folder_is_a_coded_error(tmp_path: Path) -> None:
    missing = CliRunner().invoke(app, ["eval", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "[X607]" in missing.output
    (tmp_path / "reports").mkdir()
    empty = CliRunner().invoke(app, ["eval", str(tmp_path)])
    assert empty.exit_code == 1 and "[X650]" in empty.output and "meta.json" in empty.output


def test_a_malformed_annotation_line_names_its_file_and_line(tmp_path: Path) -> None:
    build(tmp_path)
    (tmp_path / "annotations" / "ru-a.jsonl").write_text('{"id": 1}\n{oops', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(tmp_path), "--split", "dev"])
    assert result.exit_code == 1 and "[X652]" in result.output and "ru-a.jsonl:2" in result.output


@pytest.mark.parametrize(
    ("speaker", "actor", "right"),
    [
        ("RDF", "RDF", True),  # the acronym for "Ruritanian Defence Forces" in both fields
        ("the Ruritanian Defence Forces", "Ruritanian Defence Forces", True),
        ("Ruritanian army", "Ruritanian army", False),  # another name for the body
        ("RDA", "RDA", False),  # not its initials
    ],
)
def test_an_acronym_and_its_spelled_out_name_score_as_one_speaker_and_actor(
    tmp_path: Path, speaker: str, actor: str, right: bool
) -> None:
    gold_source = {"speaker": "RDF", "role": None, "anonymous": False, "via": None}
    gold = release("ru-a", [0, 38], source=gold_source, actor="Ruritanian Defence Forces")
    write_report(tmp_path, "ru-a", TEXT_A, "dev", events=[gold])

    def found(article: Article) -> list[dict[str, Any]]:
        source = {"speaker": speaker, "role": None, "anonymous": False, "via": None}
        return [release("ru-a", [0, 38], source=source, actor=actor)]

    result = evaluate_real(tmp_path, found)
    attribution = result.accuracies("dev")["attribution right"]
    assert (attribution.agreed, attribution.pairs) == (int(right), 1)
    fields = result.splits["dev"].fields
    assert fields["actor"].agreed == int(right) and fields["source.speaker"].agreed == int(right)
