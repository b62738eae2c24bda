"""Write the golden `truce status --json` outputs the answer models must reproduce.

These files were written by the dict-building engine before the answer became typed models
(issue 10); `tests/cli/test_status_golden.py` holds every later version to them byte for byte.
Rerun this only when a change to the answer is meant (a key added), and review the diff:

    .venv/bin/python tests/domain/engine/golden/regenerate.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
EXAMPLES = ROOT / "examples"

# Instants around each bundled agreement's start, end and (for Gaza) its day-by-day record:
# before it, inside it, on a disputed day, after it ends.
INSTANTS: dict[str, tuple[str, ...]] = {
    "gaza-2023-11": (
        "2023-11-23T12:00",
        "2023-11-24T12:00",
        "2023-11-25T20:00",
        "2023-11-28T09:00",
        "2023-11-30T12:00",
        "2023-12-01T06:00",
        "2023-12-01T12:00",
        "2023-12-20T00:00",
    ),
    "gaza-2025-01": ("2025-01-18T00:00", "2025-01-25T12:00", "2025-03-10T00:00"),
    "gaza-2025-10": (
        "2025-10-10T11:00",
        "2025-10-13T12:00",
        "2025-10-14T00:00",
        "2025-11-04T00:00",
    ),
    "india-pakistan-2025": ("2025-05-10T16:00", "2025-05-11T00:00", "2025-05-20T00:00"),
    # Before and after each amendment (a second spec version), and on a loosely dated deadline day.
    "karabakh-2020": ("2020-11-14T12:00", "2020-11-20T12:00", "2021-06-01T00:00"),
    "lebanon-2024": ("2025-01-26T12:00", "2025-02-18T12:00", "2025-02-19T00:00"),
    "minsk-2015": ("2015-02-14T00:00", "2015-02-20T12:00", "2015-04-01T00:00"),
    "russia-ukraine-2025": ("2025-05-01T00:00", "2025-06-01T00:00"),
    "shalit-2011": ("2011-10-17T00:00", "2011-10-19T12:00", "2012-01-01T00:00"),
    "syria-2016": ("2016-02-26T00:00", "2016-03-01T12:00", "2016-06-01T00:00"),
    "yemen-2022": ("2022-04-01T00:00", "2022-04-20T12:00", "2022-07-01T00:00"),
}


def golden_name(agreement: str, at: str) -> str:
    return f"{agreement}@{at.replace(':', '')}.json"


def load_examples(runner: Any, db: str) -> None:
    """A ledger holding every bundled agreement, its later versions (`agreements/versions/`,
    recorded after every first version) and every bundled record."""
    from truce.cli.app import app

    agreements = EXAMPLES / "agreements"
    for args in (
        ["init"],
        *(["agreement", "add", str(p)] for p in sorted(agreements.glob("*.yaml"))),
        *(["agreement", "add", str(p)] for p in sorted((agreements / "versions").glob("*.yaml"))),
        *(["import", str(p)] for p in sorted((EXAMPLES / "claims").glob("*.jsonl"))),
    ):
        result = runner.invoke(app, ["--db", db, *args])
        if result.exit_code != 0:
            raise SystemExit(f"{args}: {result.output}")


def main() -> None:
    # The CLI is imported here so the domain tests can read `INSTANTS` without it.
    from typer.testing import CliRunner

    from truce.cli.app import app

    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "truce.db")
        load_examples(runner, db)
        for agreement, instants in INSTANTS.items():
            for at in instants:
                result = runner.invoke(app, ["--db", db, "status", agreement, "--at", at, "--json"])
                if result.exit_code != 0:
                    raise SystemExit(f"{agreement} {at}: {result.output}")
                (HERE / golden_name(agreement, at)).write_text(result.stdout, encoding="utf-8")
                print(agreement, at, file=sys.stderr)


if __name__ == "__main__":
    main()
