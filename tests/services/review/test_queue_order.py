"""The review queue comes most confident first, ties in queue order, candidates without a
confidence last: `truce review list` on a real ledger file (the API: tests/server)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tests.conftest import gaza_spec
from truce.cli.app import app
from truce.storage.ledger import Ledger
from truce.storage.review_rows import ReviewQueue

DOCUMENT = {"hash": "b" * 64, "name": "wire.txt", "url": None, "outlet": "AFP",
            "published": "2023-11-25"}  # fmt: skip
CONFIDENCES = [0.5, 0.9, None, 0.9, 0.7, 0.95]


def found() -> list[dict[str, Any]]:
    return [
        {"id": f"c{n}", "type": "release", "date": "2023-11-25", "confidence": confidence}
        for n, confidence in enumerate(CONFIDENCES, 1)
    ]


def expected(ids: list[str]) -> list[str]:
    # 0.95, then the two 0.9 in queue order, 0.7, 0.5, and the one without a confidence.
    return [ids[5], ids[1], ids[3], ids[4], ids[0], ids[2]]


def queue(ledger: Ledger) -> list[str]:
    ids = ReviewQueue(ledger.engine).add_document(DOCUMENT, "gaza-2023-11", found(), "ana")
    assert ids is not None
    return ids


def test_review_list_is_most_confident_first(tmp_path: Path) -> None:
    db = str(tmp_path / "truce.db")
    with Ledger.init(db) as ledger:
        ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
        ids = queue(ledger)
    listed = CliRunner().invoke(app, ["--db", db, "review", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    assert [r["id"] for r in json.loads(listed.stdout)] == expected(ids)
    table = CliRunner().invoke(app, ["--db", db, "review", "list"]).stdout
    assert "0.95" in table and table.index("0.95") < table.index("0.70") < table.index("0.50")
