"""Reading claim files: good lines become claims, every bad line an error with its line number."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import GAZA_YAML, gaza_spec
from truce.errors import EmptyInputFile, UnknownInputFormat, UnreadableInputFile
from truce.io.claims_file import load_claims_file, read_claims
from truce.io.errors import LineError
from truce.storage import Ledger

JERUSALEM = ZoneInfo("Asia/Jerusalem")
GOOD = {
    "agreement": "gaza-2023-11", "event_id": "release-day-1", "type": "release",
    "date": "2023-11-24T16:00:00+02:00", "actor": "hamas", "quantity": 13,
    "subject": "hostages", "categories": ["women", "children"],
    "sources": [{"outlet": "AFP", "url": "https://example.org/a", "speaker": "al-Ansari",
                 "anonymous": False}],
}  # fmt: skip


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger.init(str(tmp_path / "ledger.db")) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, None)
        yield ledger


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_with_bad_lines(tmp_path: Path, ledger: Ledger) -> None:
    path = write_lines(
        tmp_path / "claims.jsonl",
        json.dumps(GOOD),
        "",
        "{not json",
        json.dumps([1, 2]),
        json.dumps({**GOOD, "quantity": -1}),
        json.dumps({**GOOD, "agreement": "minsk-2"}),
        json.dumps({**GOOD, "colour": "red"}),
        json.dumps({**GOOD, "date": "Tuesday"}),
        json.dumps({**GOOD, "quantity": 10}),
    )
    batch = load_claims_file(path, ledger)
    assert [c.quantity for c in batch.claims] == [13, 10]
    assert [(e.line, e.code) for e in batch.errors] == [
        (3, "I101"), (4, "I101"), (5, "V502"), (6, "L101"), (7, "I102"), (8, "I102"),
    ]  # fmt: skip
    rendered = [e.render() for e in batch.errors]
    assert rendered[0].startswith(f"{path}:3: [I101] not valid JSON")
    assert "found a list" in rendered[1]
    assert "`quantity`" in rendered[2]
    assert "minsk-2" in rendered[3] and "truce agreement add" in rendered[3]
    assert "unknown field `colour`" in rendered[4]
    assert "Tuesday" in rendered[5]


def test_claims_get_content_ids_and_the_agreement_zone(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.ndjson", json.dumps({**GOOD, "date": "2023-11-24T16:00"}))
    [claim] = list(read_claims(path, lambda _: JERUSALEM))
    assert not isinstance(claim, LineError)
    assert claim.id.startswith("c") and claim.date.utcoffset().total_seconds() == 7200  # type: ignore[union-attr]


def test_an_exported_line_whose_id_no_longer_matches_is_refused(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", json.dumps({**GOOD, "id": "c000000000000000"}))
    [error] = list(read_claims(path, lambda _: JERUSALEM))
    assert isinstance(error, LineError) and "does not match the claim's content" in error.message


CSV_HEADER = "agreement,type,date,actor,quantity,subject,categories,source_outlet,source_anonymous"


def test_csv_with_flat_sources_and_bad_rows(tmp_path: Path, ledger: Ledger) -> None:
    path = write_lines(
        tmp_path / "claims.csv",
        CSV_HEADER,
        "gaza-2023-11,release,2023-11-24,hamas,13,hostages,women;children,AFP,false",
        "gaza-2023-11,release,2023-11-25,hamas,lots,hostages,,AFP,false",
        'gaza-2023-11,release,"2023-11-26",hamas,17,hostages,"women; children",,',
        "gaza-2023-11,release,2023-11-27,hamas,1",
        "minsk-2,release,2023-11-27,hamas,1,hostages,,,",
    )
    batch = load_claims_file(path, ledger)
    assert [(e.line, e.code) for e in batch.errors] == [(3, "V502"), (5, "I101"), (6, "L101")]
    first, second = batch.claims
    assert first.categories == ("women", "children") and first.sources[0].outlet == "AFP"
    assert second.quantity == 17 and second.sources == ()


def test_csv_with_json_sources_and_an_unknown_column(tmp_path: Path, ledger: Ledger) -> None:
    sources = json.dumps(GOOD["sources"]).replace('"', '""')
    path = write_lines(
        tmp_path / "a.csv",
        "agreement,type,date,quantity,sources",
        f'gaza-2023-11,release,2023-11-24,13,"{sources}"',
        'gaza-2023-11,release,2023-11-24,13,"[not json"',
    )
    batch = load_claims_file(path, ledger)
    assert batch.claims[0].sources[0].speaker == "al-Ansari"
    assert [(e.line, e.code) for e in batch.errors] == [(3, "I101")]

    bad = write_lines(tmp_path / "b.csv", "agreement,type,date,colour", "x,release,2023-11-24,red")
    [error] = load_claims_file(bad, ledger).errors
    assert (error.line, error.code) == (1, "I101") and "colour" in error.message


def test_a_csv_row_spanning_lines_reports_its_first_line(tmp_path: Path, ledger: Ledger) -> None:
    path = write_lines(
        tmp_path / "q.csv",
        "agreement,type,date,quote,quantity",
        'gaza-2023-11,statement,2023-11-24,"a quote\nover two lines",1',
        "gaza-2023-11,release,2023-11-24,,-5",
    )
    batch = load_claims_file(path, ledger)
    assert batch.claims[0].quote == "a quote\nover two lines"
    assert [e.line for e in batch.errors] == [4]


def test_binary_empty_and_undecodable_files(tmp_path: Path, ledger: Ledger) -> None:
    binary = tmp_path / "photo.jsonl"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UnreadableInputFile, match="binary"):
        load_claims_file(binary, ledger)

    for content in (b"", b"\n\n  \n"):
        empty = tmp_path / "empty.jsonl"
        empty.write_bytes(content)
        with pytest.raises(EmptyInputFile):
            load_claims_file(empty, ledger)

    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(b"agreement,type,date,notes\ngaza-2023-11,release,2023-11-24,caf\xe9\n")
    with pytest.raises(UnreadableInputFile, match=r"latin1.csv:2: not UTF-8"):
        load_claims_file(latin1, ledger)


def test_format_from_extension_or_override(tmp_path: Path, ledger: Ledger) -> None:
    path = write_lines(tmp_path / "claims.txt", json.dumps(GOOD))
    with pytest.raises(UnknownInputFormat):
        load_claims_file(path, ledger)
    assert len(load_claims_file(path, ledger, fmt="jsonl").claims) == 1


def test_a_utf8_bom_is_ignored(tmp_path: Path, ledger: Ledger) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffagreement,type,date\ngaza-2023-11,release,2023-11-24\n".encode())
    assert len(load_claims_file(path, ledger).claims) == 1
