"""Sub-counts at the command line: `truce record --part`, refused parts with their codes
(V540-V544) and nothing recorded, hostile files imported all or nothing, and exports that
import again with the same ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from tests.cli.conftest import Run
from truce.cli.render import timeline_view

RECORD = ("record", "-a", "gaza-2023-11", "-t", "release", "-d", "2023-11-25T16:00+02:00",
          "--actor", "hamas", "--subject", "hostages", "--outlet", "AP")  # fmt: skip
LINE = {"agreement": "gaza-2023-11", "type": "release", "date": "2023-11-25T16:00+02:00",
        "actor": "hamas", "subject": "hostages", "quantity": 13}  # fmt: skip


def _exported(run: Run) -> list[dict[str, object]]:
    text = run("export", "--format", "jsonl", "-a", "gaza-2023-11").stdout
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_record_with_parts_and_export_them(gaza_ledger: Run) -> None:
    done = gaza_ledger("--json", *RECORD, "-q", "13", "--part", "women=4", "--part",
                       "children=9")  # fmt: skip
    assert done.exit_code == 0, done.output
    (claim_id,) = json.loads(done.stdout)["recorded"]
    (row,) = [r for r in _exported(gaza_ledger) if r["id"] == claim_id]
    assert row["parts"] == {"children": 9, "women": 4}
    assert gaza_ledger("verify").exit_code == 0
    # The same parts written in another order are the same claim.
    again = gaza_ledger("--json", *RECORD, "-q", "13", "--part", "children=9", "--part",
                        "women=4")  # fmt: skip
    assert json.loads(again.stdout)["already_recorded"] == [claim_id]


@pytest.mark.parametrize(
    ("options", "code", "words"),
    [
        (("-q", "13", "--part", "women=-1"), "V540", "women=-1"),
        (("-q", "13", "--part", "women=2.5"), "V540", "'2.5'"),
        (("-q", "13", "--part", "women"), "V540", "CATEGORY=N"),
        (("-q", "13", "--part", f"women={2**63}"), "V540", "from 0 to 9007199254740991"),
        (("-q", "13", "--part", "women=1", "--part", "women=2"), "V540", "given twice"),
        (("-q", "13", "--part", "aliens=1"), "V541", "'aliens' is not a category"),
        (
            (
                "--part",
                "women=1",
            ),
            "V543",
            "no quantity",
        ),
        (("-q", "13", "--part", "women=7", "--part", "children=7"), "V544", "add up to 14"),
        (("-q", "13", "--qualifier", "up_to", "--part", "women=14"), "V544", "at most 13"),
    ],
)
def test_refused_parts_say_why_with_a_code(
    gaza_ledger: Run, options: tuple[str, ...], code: str, words: str
) -> None:
    before = _exported(gaza_ledger)
    result = gaza_ledger("--json", *RECORD, *options)
    assert result.exit_code != 0
    error = json.loads(result.stdout or result.stderr)["error"]
    assert error["code"] == code and words in error["message"], error
    assert error["hint"]
    assert _exported(gaza_ledger) == before  # nothing recorded


def test_loose_totals_allow_what_they_allow(gaza_ledger: Run) -> None:
    at_least = gaza_ledger(*RECORD, "-q", "10", "--qualifier", "at_least", "--part", "women=8",
                           "--part", "children=7")  # fmt: skip
    assert at_least.exit_code == 0, at_least.output  # "at least 10, including 8 and 7"


def test_a_hostile_file_imports_nothing_and_names_each_line(
    gaza_ledger: Run, tmp_path: Path
) -> None:
    lines = [
        {**LINE, "parts": {"women": 10**400}},
        {**LINE, "parts": {f"c{n}": 0 for n in range(10_000)}},
        {**LINE, "parts": {"women": "4"}},
        {**LINE, "parts": {"women": True}},
        {**LINE, "parts": [["women", 4]]},
        {**LINE, "parts": {"aliens": 1}},
        {**LINE, "parts": {"women": 4}},  # good, and not imported: all or nothing
    ]
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    before = _exported(gaza_ledger)
    result = gaza_ledger("--json", "import", str(path))
    assert result.exit_code != 0
    error = json.loads(result.stdout or result.stderr)["error"]
    assert error["code"] == "I200"
    codes = [detail.split("[", 1)[1][:4] for detail in error["details"]]
    assert codes == ["V540", "V542", "V540", "V540", "V540", "V541"]
    assert all(len(detail) < 600 for detail in error["details"])  # no echo of 10k parts
    assert _exported(gaza_ledger) == before


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_exports_import_again_with_the_same_ids(
    gaza_ledger: Run, run: Run, tmp_path: Path, fmt: str
) -> None:
    assert (
        gaza_ledger(*RECORD, "-q", "13", "--part", "women=4", "--part", "children=9").exit_code == 0
    )
    out = tmp_path / f"claims.{fmt}"
    assert (
        gaza_ledger("export", "--format", fmt, "-a", "gaza-2023-11", "--out", str(out)).exit_code
        == 0
    )
    fresh = str(tmp_path / "fresh.db")
    assert run("init", db=fresh).exit_code == 0
    spec = Path(__file__).resolve().parents[2] / "examples/agreements/gaza-2023-11.yaml"
    assert run("agreement", "add", str(spec), db=fresh).exit_code == 0
    imported = run("import", str(out), db=fresh)
    assert imported.exit_code == 0, imported.output
    ours = {r["id"]: r.get("parts") for r in _exported(gaza_ledger)}
    theirs_text = run("export", "--format", "jsonl", "-a", "gaza-2023-11", db=fresh).stdout
    theirs = {r["id"]: r.get("parts") for r in map(json.loads, theirs_text.splitlines())}
    assert theirs == ours
    assert {"children": 9, "women": 4} in theirs.values()


MIXED = ("record", "-a", "gaza-2023-11", "-t", "release", "-d", "2023-11-28T20:00+02:00",
         "--actor", "hamas", "--subject", "hostages", "--outlet", "AP", "--event-id", "d5-mixed",
         "-q", "13", "--part", "foreign-nationals=5")  # fmt: skip


def test_status_and_timeline_show_what_the_quota_counted_of_the_parts(gaza_ledger: Run) -> None:
    """13 freed, 5 of them foreign nationals the quotas exclude: the table says 8 of 13 were
    counted and why the 5 were not; `--json` carries the rows; the timeline the claim's parts."""
    assert gaza_ledger(*MIXED).exit_code == 0
    table = gaza_ledger("status", "gaza-2023-11", "--at", "2023-11-29T12:00")
    assert table.exit_code == 0, table.output
    # Cells fold at 80 columns: read the table without its rules and spaces.
    text = "".join(table.stdout.replace("│", " ").split())
    assert "Bysub-count" in text
    assert "8countedof13:5excluded(foreign-nationals)" in text
    assert "excludedby" in text and "theterm" in text
    answer = json.loads(gaza_ledger("status", "gaza-2023-11", "--at", "2023-11-29T12:00",
                                    "--json").stdout)  # fmt: skip
    (day5,) = [o for o in answer["obligations"] if o["id"] == "daily-hostages/day-5"]
    assert [(p["category"], p["count"], p["counted"]) for p in day5["parts"]] == [
        (None, 8, True), ("foreign-nationals", 5, False)
    ]  # fmt: skip
    assert all(o["parts"] == [] for o in answer["obligations"] if "day-5" not in o["id"]
               and o["term"] not in ("total-hostages", "prisoners-per-hostage"))  # fmt: skip
    rows = json.loads(gaza_ledger("timeline", "gaza-2023-11", "--json").stdout)
    assert [r["parts"] for r in rows if r["event_id"] == "d5-mixed"] == [{"foreign-nationals": 5}]
    wide = Console(width=200, record=True)  # the terminal's table, unfolded
    wide.print(timeline_view("gaza-2023-11", rows, 200))
    assert "13 (5 foreign-nationals)" in wide.export_text()
    assert gaza_ledger("timeline", "gaza-2023-11").exit_code == 0


def test_without_parts_the_status_table_has_no_sub_count_table(gaza_ledger: Run) -> None:
    table = gaza_ledger("status", "gaza-2023-11", "--at", "2023-11-29T12:00")
    assert table.exit_code == 0 and "By sub-count" not in table.stdout
