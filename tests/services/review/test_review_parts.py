"""Sub-counts from a report to the ledger: extraction reads "13 hostages, among them four women
and nine children" into the candidate's parts, acceptance carries them into the claim (those
the agreement declares), and a reviewer may type them (`--set parts=...`, the page's box)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import gaza_spec
from truce.cli.app import app
from truce.errors import BadParts, PartCategoryUndeclared, PartsExceedTotal
from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off
from truce.services import review_queue
from truce.services.review_edits import checked_edits, form_edits
from truce.storage.ledger import Ledger
from truce.storage.review_rows import ReviewQueue

NLP = build_pipeline()
DOCUMENT = {"hash": "e" * 64, "name": "wire.txt", "url": "https://example.org/wire",
            "outlet": "Wire", "published": "2023-11-25"}  # fmt: skip
TEXT = "Hamas handed over 13 hostages, among them four women and nine minors, on Saturday."


def _found(text: str = TEXT) -> list[dict[str, object]]:
    article = Article(text=text, document="wire.txt", published=date(2023, 11, 25))
    return [c.as_dict() for c in extract(NLP, article) if c.type == "release"]


def _queued(ledger: Ledger, found: list[dict[str, object]]) -> str:
    ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
    (candidate,) = ReviewQueue(ledger.engine).add_document(DOCUMENT, "gaza-2023-11", found, "ana")
    return candidate


def test_extraction_gives_the_candidate_its_parts_and_the_rule_switches_it_off() -> None:
    (found,) = _found()
    assert found["parts"] == {"women": 4, "minors": 9}
    with switched_off(["release.parts"]):
        (plain,) = _found()
    assert "parts" not in plain  # the breakdown stays on the figure; no sub-counts
    assert plain["quantities"] == found["quantities"]


def test_acceptance_keeps_the_parts_the_agreement_declares(tmp_path: Path) -> None:
    with Ledger.init(str(tmp_path / "l.db")) as ledger:
        candidate = _queued(ledger, _found())
        # The test agreement's hostages are women and children: "minors" is not one of its
        # words, so the reviewer drops it from the categories, and the part is dropped too.
        decided = review_queue.accept(ledger, candidate, {"categories": ["women"]}, "ana")
        claim = ledger.claim(str(decided.claim_id))
    assert (claim.quantity, claim.categories, claim.parts) == (13, ("women",), (("women", 4),))


def test_a_reviewer_types_the_parts_and_is_held_to_the_agreement(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    with Ledger.init(db) as ledger:
        candidate = _queued(ledger, _found())
    runner = CliRunner()
    unknown = runner.invoke(app, ["--db", db, "--json", "review", "accept", candidate,
                                  "--set", "parts=women=4, minors=9"])  # fmt: skip
    assert unknown.exit_code == 1
    assert json.loads(unknown.stderr)["error"]["code"] == PartCategoryUndeclared.code
    over = runner.invoke(app, ["--db", db, "--json", "review", "accept", candidate,
                               "--set", "parts=women=4, children=10"])  # fmt: skip
    assert json.loads(over.stderr)["error"]["code"] == PartsExceedTotal.code
    typed = ["--set", "parts=women=4, children=9", "--set", "categories=women"]
    done = runner.invoke(app, ["--db", db, "review", "accept", candidate, *typed])
    assert done.exit_code == 0, done.output
    with Ledger.open(db) as ledger:
        (claim,) = ledger.claims("gaza-2023-11")
    assert claim.parts == (("children", 9), ("women", 4))


def test_the_parts_box_is_read_as_set_reads_it() -> None:
    assert form_edits({"parts": " women=4,  children = 9 "}) == {
        "parts": {"women": 4, "children": 9}
    }
    assert form_edits({"parts": "-"}) == {"parts": {}}  # typed away: no parts
    assert checked_edits({"parts": {"women": 4}}) == {"parts": {"women": 4}}
    for typed in ("women", "women=2.5", "women=-1", f"women={2**60}"):
        with pytest.raises(BadParts):
            checked_edits(form_edits({"parts": typed}))
