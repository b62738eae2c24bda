"""A SQLite file's rows read into Arrow by the ADBC SQLite driver in a side process
(`storage.driver_rows.native`) are the table `sqlite3`'s tuples give (`driver_rows.columns`): on
a real ledger file, and on a file whose columns hold what the driver types by guessing (a column
NULL for longer than its default batch, then text; a column NULL throughout; a value of another
type); a cold read in halves reads no claim row in the asking process."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pytest

from truce.storage import Ledger, columnar, driver_rows

A = "gaza-2023-11"


def _tuples(path: Path, sql: str, params: tuple[object, ...], names: tuple[str, ...],
            integers: frozenset[str]) -> pa.Table:  # fmt: skip
    conn = sqlite3.connect(path)
    try:
        return pa.table(driver_rows.columns(conn.cursor(), sql, params, names, integers, 64))
    finally:
        conn.close()


@pytest.fixture
def gaza_file(tmp_path: Path) -> tuple[Path, int]:
    """A SQLite ledger holding the bundled Gaza 2023 record, and its head's seq."""
    from tests.storage.gaza_record import _record, _spec

    path = tmp_path / "ledger é #1.db"
    spec, text = _spec()
    with Ledger.init(str(path)) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_record(spec), "analyst")
        head = ledger.head()
    assert head is not None
    return path, head.seq


def test_the_native_read_of_a_real_ledger_is_the_tuples(gaza_file: tuple[Path, int]) -> None:
    path, upto = gaza_file
    with Ledger.open(str(path)) as ledger, ledger.engine.connect() as conn:
        sql = columnar.rows_query(conn)
    names, integers = columnar.NAMES, columnar._INTEGERS
    for params in [
        (A, 0, upto),
        (A, 3, upto // 2),
        (A, upto, upto),
        ("no such agreement", 0, upto),
    ]:
        native = driver_rows.native(str(path), sql, params, names, integers)
        assert native is not None  # the driver is a dependency: installed, and read it
        assert native.equals(_tuples(path, sql, params, names, integers), check_metadata=True)
        assert native.schema.types == [pa.int64() if n in integers else pa.string() for n in names]


def test_columns_the_driver_types_by_guessing_are_read_as_the_tuples(tmp_path: Path) -> None:
    """A text column NULL in the first 5,000 rows then text (the driver's batches hold 1,024
    rows unless told, and it types a column by its first batch), a column NULL throughout asked
    as text and one asked as an integer, awkward texts and integers at the edges of 64 bits."""
    path = tmp_path / "awkward.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (k INTEGER, late TEXT, never TEXT, none_ INTEGER, n INTEGER)")
    odd = ["", "NULL", "NA", "a,b", 'quote " here', "line\nbreak", "é ✓ 𝄞", " "]
    rows = [
        (k, None if k < 5_000 else odd[k % len(odd)], None, None, [2**63 - 1, -(2**63), 0][k % 3])
        for k in range(6_000)
    ]
    conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()
    sql = "SELECT k, late, never, none_, n FROM t WHERE k >= ? ORDER BY k"
    names, integers = ("k", "late", "never", "none_", "n"), frozenset({"k", "none_", "n"})
    native = driver_rows.native(str(path), sql, (0,), names, integers)
    assert native is not None
    assert native.equals(_tuples(path, sql, (0,), names, integers), check_metadata=True)
    assert native["late"].to_pylist()[-len(odd) :] == [
        odd[k % len(odd)] for k in range(5_992, 6_000)
    ]


# A ledger whose projection was changed in place: a figure made text (the driver's table is not
# the one asked), or a note made bytes that are not UTF-8 (the driver would hand them on as
# text). The driver gives none, and the side process reads the tuples, which say what is wrong
# as they did before.
TAMPERED = [
    pytest.param(
        "UPDATE claims SET quantity = 'many' WHERE seq = (SELECT MAX(seq) FROM claims)",
        pa.ArrowInvalid,
        id="a-figure-made-text",
    ),
    pytest.param(
        "UPDATE claims SET notes = CAST(X'C328FF' AS TEXT)"
        " WHERE seq = (SELECT MAX(seq) FROM claims)",  # the head's claim
        sqlite3.OperationalError,
        id="text-not-utf8",
    ),
]


@pytest.mark.parametrize(("tamper", "refused"), TAMPERED)
def test_a_tampered_projection_is_left_to_the_tuples(
    gaza_file: tuple[Path, int], tamper: str, refused: type[Exception]
) -> None:
    path, upto = gaza_file
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(tamper)
    conn.close()
    with Ledger.open(str(path)) as ledger, ledger.engine.connect() as ledger_conn:
        sql = columnar.rows_query(ledger_conn)
    params, names, integers = (A, 0, upto), columnar.NAMES, columnar._INTEGERS
    assert driver_rows.native(str(path), sql, params, names, integers) is None
    with pytest.raises(refused):
        _tuples(path, sql, params, names, integers)


def test_a_read_in_halves_reads_no_claim_here(
    gaza_file: tuple[Path, int], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Both halves of a long read are read by side processes (this process's own SQLite
    connection runs no query on the claims), and the table is the one read here whole."""
    path, upto = gaza_file
    with Ledger.open(str(path)) as ledger, ledger.engine.connect() as conn:
        whole = columnar.read_rows(conn, A, 0, upto)
        ran: list[str] = []
        conn.connection.driver_connection.set_trace_callback(ran.append)  # type: ignore[union-attr]
        monkeypatch.setattr(columnar, "SPLIT_SEQS", 10)
        halves = columnar.read_rows(conn, A, 0, upto)
    assert halves.equals(whole, check_metadata=True) and whole.num_rows > 10
    assert not [s for s in ran if "FROM claims" in s] and "side read" not in caplog.text
