"""Issue 9 at the command line: out-of-range dates and figures, claims off the agreement, and a
claim recorded twice under two event ids, each answered with a code and no traceback."""

from __future__ import annotations

import json
import shlex
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.conftest import ROOT, Run
from truce.domain.claim_input import with_content_id
from truce.domain.claims import Claim, DatePrecision, EventType
from truce.storage.ledger import Ledger

GOOD = {
    "agreement": "gaza-2023-11",
    "type": "release",
    "date": "2023-11-26T10:00",
    "actor": "hamas",
    "quantity": 2,
    "subject": "hostages",
    "categories": ["women"],
}
RECORD = ("record", "-a", "gaza-2023-11", "-t", "release", "-d", "2023-11-26T10:00", "-q", "2")


def _clean(output: str) -> str:
    assert "Traceback" not in output, output
    return " ".join(output.split())


def test_a_claim_off_the_agreement_is_refused_naming_what_it_allows(gaza_ledger: Run) -> None:
    result = gaza_ledger(*RECORD, "--actor", "hamsa", "--subject", "hostages")
    assert result.exit_code == 1
    text = _clean(result.output)
    assert "[V503] actor 'hamsa' is not an actor of gaza-2023-11; parties: israel, hamas;" in text
    assert "mediators: qatar, egypt, united-states" in text and "--allow-unknown" in text


def test_allow_unknown_keeps_it_and_the_timeline_flags_it(gaza_ledger: Run) -> None:
    result = gaza_ledger(*RECORD, "--actor", "hamas", "--subject", "hostagez", "--allow-unknown")
    assert result.exit_code == 0, result.output
    rows = json.loads(gaza_ledger("timeline", "gaza-2023-11", "--json").output)
    [flagged] = [r for r in rows if r["flags"]]
    assert flagged["subject"] == "hostagez"
    assert flagged["flags"] == [
        "unchecked: subject 'hostagez' is not a subject of gaza-2023-11; "
        "subjects: hostages, prisoners, aid-trucks, killed, wounded"
    ]


def test_import_lists_every_line_off_the_agreement_and_writes_nothing(
    gaza_ledger: Run, tmp_path: Path
) -> None:
    lines = [
        {**GOOD, "actor": "hamsa"},
        {**GOOD, "subject": "hostagez"},
        {**GOOD, "categories": ["womn"]},
        {**GOOD, "phase": "no-such-phase"},
        {**GOOD, "quantity": True},
        {**GOOD, "date": "9999-12"},
        GOOD,
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    before = json.loads(gaza_ledger("status", "gaza-2023-11", "--json").output)["counts"]
    result = gaza_ledger("import", str(path))
    assert result.exit_code == 1
    text = _clean(result.output)
    for line, code in [(1, "V503"), (2, "V503"), (3, "V503"), (4, "V503"), (5, "V502"),
                       (6, "V500")]:  # fmt: skip
        assert f"bad.jsonl:{line}: [{code}]" in text, (line, text)
    assert "categor" in text and "'womn' not declared for subject 'hostages'" in text
    after = json.loads(gaza_ledger("status", "gaza-2023-11", "--json").output)["counts"]
    assert after == before
    # Kept deliberately, the four are imported flagged; a figure of `true` is never a count.
    kept = gaza_ledger("import", str(path), "--allow-unknown", "--skip-bad")
    assert kept.exit_code == 3, kept.output  # partial: the bad lines were skipped
    assert "imported 5 claim(s)" in _clean(kept.output)


@pytest.mark.parametrize("date", ["9999-12", "0001-01-01T00:00+14:00", "0001-W01"])
def test_a_date_outside_the_range_is_refused(gaza_ledger: Run, date: str) -> None:
    result = gaza_ledger("record", "-a", "gaza-2023-11", "-t", "release", "-d", date)
    assert result.exit_code == 1
    assert "[V500]" in _clean(result.output) and "1900-01-01 to 2199-12-31" in result.output


@pytest.mark.parametrize("at", ["9999-12-31T23:00-05:00", "0001-01-01T00:00+14:00"])
def test_an_instant_outside_the_range_is_refused(gaza_ledger: Run, at: str) -> None:
    result = gaza_ledger("status", "gaza-2023-11", "--at", at)
    assert result.exit_code == 1 and "[V501]" in _clean(result.output)


def test_status_and_timeline_answer_with_a_claim_stored_around_the_door(
    gaza_ledger: Run, tmp_path: Path
) -> None:
    junk = with_content_id(
        Claim(id="", agreement="gaza-2023-11", type=EventType.RELEASE,
              date=datetime.fromisoformat("9999-12-01T00:00:00+02:00"),
              date_precision=DatePrecision.MONTH, actor="hamas", quantity=50,
              subject="hostages")
    )  # fmt: skip
    with Ledger.open(str(tmp_path / "truce.db")) as ledger:
        ledger.append_claims([junk], "intruder")
    state = gaza_ledger("status", "gaza-2023-11", "--at", "2023-11-30T12:00", "--json")
    assert state.exit_code == 0, state.output
    assert json.loads(state.output)["out_of_range"] == [junk.id]
    assert gaza_ledger("status", "gaza-2023-11", "--at", "2023-11-30T12:00").exit_code == 0
    table = gaza_ledger("timeline", "gaza-2023-11")
    assert table.exit_code == 0, table.output
    assert "flagged" in table.output


def readme_record() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8").replace("\\\n", " ")
    [line] = [ln for ln in text.splitlines() if ln.startswith("truce record ")]
    return shlex.split(line, comments=True)[1:]


def test_the_readme_record_example_adds_a_source_not_a_second_day_two(gaza_ledger: Run) -> None:
    def hostages_on_day_2() -> int:
        state = json.loads(
            gaza_ledger("status", "gaza-2023-11", "--at", "2023-11-26T06:00", "--json").output
        )
        day2 = next(o for o in state["obligations"] if o["id"] == "daily-hostages/day-2")
        return int(day2["delivered"])

    before = hostages_on_day_2()
    result = gaza_ledger(*readme_record())
    assert result.exit_code == 0, result.output
    assert "V504" not in result.output
    assert hostages_on_day_2() == before == 13
    # Without its event id the same report is a second handover: counted, and warned about.
    args = readme_record()
    at = args.index("--event-id")
    del args[at : at + 2]
    doubled = gaza_ledger(*args, "--quote", "a second outlet's words")
    assert doubled.exit_code == 0, doubled.output
    text = _clean(doubled.output)
    assert "warning [V504]" in text and "looks like event 'd2-hostages'" in text
    assert hostages_on_day_2() == 26


def test_an_import_warns_of_lines_that_look_like_recorded_or_earlier_events(
    gaza_ledger: Run, tmp_path: Path
) -> None:
    # Day 2's 13 hostages are recorded as `d2-hostages` at 23:00 on 25 Nov; a second outlet's
    # report of the same handover under its own event id, and two lines of the file telling one
    # later handover under two ids, would each be counted twice.
    second_outlet = {**GOOD, "date": "2023-11-25T21:30+02:00", "quantity": 13,
                     "categories": ["women", "children"], "event_id": "reuters-d2",
                     "sources": [{"outlet": "Reuters"}]}  # fmt: skip
    twice = [{**GOOD, "event_id": f"line-{n}", "sources": [{"outlet": f"Outlet {n}"}]}
             for n in (1, 2)]  # fmt: skip
    unrelated = {**GOOD, "quantity": 7, "event_id": "other"}
    path = tmp_path / "lookalikes.jsonl"
    lines = [second_outlet, *twice, unrelated]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    result = gaza_ledger("import", str(path))
    assert result.exit_code == 0, result.output
    text = _clean(result.output)
    assert "imported 4 claim(s)" in text
    assert text.count("warning [V504]") == 2
    assert "looks like event 'd2-hostages'" in text and "looks like event 'line-1'" in text
    # Imported again, nothing is added and nothing is warned about twice.
    again = gaza_ledger("import", str(path))
    assert again.exit_code == 0 and "V504" not in again.output
