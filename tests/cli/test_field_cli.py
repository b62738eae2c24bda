"""`truce export --format acled|ucdp|csv-excel|xlsx|geojson`, `truce import --format
acled|ucdp-ged` and `truce publish`, run as the real command in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd

import truce as truce_package
from tests.cli.conftest import Run

ACLED_FILE = """event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,\
latitude,longitude,source,notes,fatalities
PSE1,2023-12-01,1,Battles,Armed clash,Hamas,Israel,31.5,34.46,AFP,"Fighting resumed.",3
PSE2,2023-12-01,1,Protests,Peaceful protest,Protesters,,31.9,35.2,WAFA,March.,0
PSE3,2023-12-02,1,Battles,Armed clash,Hamas,,31.5,34.46,AFP,"Rockets.",0
"""


def truce(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # The sources under test, whatever directory the test runs in.
    source = str(Path(truce_package.__file__).resolve().parents[1])
    path = os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "PYTHONPATH": path}
    return subprocess.run(
        [sys.executable, "-m", "truce", "--db", str(tmp_path / "truce.db"), *args],
        capture_output=True, text=True, env=env, timeout=300, input=stdin,
    )  # fmt: skip


def test_acled_export_to_stdout_and_xlsx_to_a_file(gaza_ledger: Run, tmp_path: Path) -> None:
    done = truce(tmp_path, "export", "--format", "acled", "--hxl", "--inter", "hamas=2",
                 "--inter", "israel=1")  # fmt: skip
    assert done.returncode == 0, done.stderr
    header, tags, *rows = list(csv.reader(io.StringIO(done.stdout)))
    assert header[:2] == ["event_id_cnty", "event_date"] and tags[1] == "#date+occurred"
    first = dict(zip(header, rows[0], strict=True))
    assert (first["actor1"], first["inter1"]) == ("Hamas", "2")
    assert first["truce_agreement"] == "gaza-2023-11"

    out = tmp_path / "claims.xlsx"
    done = truce(tmp_path, "export", "--format", "xlsx", "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(openpyxl.load_workbook(out)["claims"].iter_rows(values_only=True))
    assert len(rows) - 1 == len(gaza_ledger("export").stdout.splitlines()) > 20

    refused = truce(tmp_path, "export", "--format", "acled", "--inter", "hamas=9")
    assert refused.returncode == 1 and refused.stderr.startswith("[I407]")
    dropped = gaza_ledger("export", "--format", "jsonl", "--hxl")
    assert dropped.exit_code == 1 and "[I409]" in dropped.stderr


def test_acled_source_scale_from_options(gaza_ledger: Run, tmp_path: Path) -> None:
    outlets = {s["outlet"] for line in gaza_ledger("export").stdout.splitlines()
               for s in json.loads(line)["sources"] if s.get("outlet")}  # fmt: skip
    named = sorted(outlets)[0]
    done = truce(tmp_path, "export", "--format", "acled", "--source-scale", f"{named}=Subnational")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    scaled = [r for r in rows if named in (r["source"] or "").split("; ")]
    assert scaled and all(r["source_scale"].startswith("Subnational") for r in scaled)
    refused = truce(tmp_path, "export", "--format", "acled", "--source-scale", f"{named}=Huge")
    assert refused.returncode == 1 and refused.stderr.startswith("[I410]")
    dropped = gaza_ledger("export", "--format", "geojson", "--source-scale", "AFP=Local")
    assert dropped.exit_code == 1 and "[I409]" in dropped.stderr


def test_csv_excel_opens_in_pandas(gaza_ledger: Run, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    assert gaza_ledger("export", "-f", "csv-excel", "-o", str(out)).exit_code == 0
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert pd.to_datetime(frame["date_utc"]).notna().all()


def test_an_acled_file_goes_in_with_its_bad_rows_listed(gaza_ledger: Run, tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_FILE, encoding="utf-8")
    before = len(gaza_ledger("export").stdout.splitlines())
    done = truce(tmp_path, "import", str(path), "--format", "acled", "-a", "gaza-2023-11")
    assert done.returncode == 3, done.stderr  # the good rows are in, the bad one listed
    assert f"{path}:3: [I402]" in done.stderr and "Traceback" not in done.stderr
    assert "imported 2 claim(s) into gaza-2023-11" in done.stdout
    assert len(gaza_ledger("export").stdout.splitlines()) == before + 2

    again = truce(tmp_path, "import", str(path), "--format", "acled")
    assert again.returncode == 1 and again.stderr.startswith("[I408]")

    piped = truce(tmp_path, "import", "-", "-f", "acled", "-a", "gaza-2023-11", stdin=ACLED_FILE)
    assert piped.returncode == 3 and "<stdin>:3: [I402]" in piped.stderr
    assert "imported 0 claim(s) into gaza-2023-11, 2 already recorded" in piped.stdout


def test_publish_writes_a_copy_sqlite_opens_read_only(gaza_ledger: Run, tmp_path: Path) -> None:
    out = tmp_path / "public.db"
    done = truce(tmp_path, "publish", str(out))
    assert done.returncode == 0, done.stderr
    db = sqlite3.connect(f"file:{out}?mode=ro", uri=True)
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert names == {"agreements", "claims", "verdicts"}
    db.close()
    assert (tmp_path / "public.metadata.json").exists()
    again = truce(tmp_path, "publish", str(out))
    assert again.returncode == 1 and again.stderr.startswith("[I405]")
