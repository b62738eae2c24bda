"""The claims projection read into columns (`storage.columnar`): each date's epoch seconds read
in bulk by Arrow are the ones `datetime.fromisoformat(date).timestamp()` gives, for every date
the projection can hold, and a column holding any other text is read as before; a whole
record read in bulk is the projection's rows, tampered with or not (real ledgers: SQLite, and
PostgreSQL with CI=true)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from truce.storage import Ledger, columnar, driver_rows
from truce.storage.columnar import _stamps
from truce.storage.tables import claims

A = "gaza-2023-11"

# Offsets as a zone can state them (to the minute, within a day); instants over the years a
# datetime holds, with and without microseconds.
OFFSETS = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
INSTANTS = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=OFFSETS
)


def _python(texts: list[str]) -> list[float]:
    return [datetime.fromisoformat(t).timestamp() for t in texts]


# No deadline: the first example pays for Arrow's compute functions being loaded.
@settings(deadline=None)
@given(st.lists(INSTANTS, min_size=1, max_size=40))
def test_bulk_seconds_are_pythons_for_every_aware_date(instants: list[datetime]) -> None:
    texts = [d.isoformat() for d in instants]
    assert _stamps(pa.array(texts)).tolist() == _python(texts)


def test_a_column_with_dates_arrow_does_not_read_alike_is_read_as_before() -> None:
    # Each of these Python reads and the bulk read does not, or not alike: no zone, a comma,
    # seven digits of a second, an offset with seconds, a compact date, a day alone.
    odd = ["2023-11-26T02:56:16", "2023-11-26T02:56:16,5+00:00",
           "2023-11-26T02:56:16.1234567+00:00", "2023-11-26T02:56:16+02:00:30",
           "20231126T025616+0000", "2023-11-26"]  # fmt: skip
    plain = ["2023-11-24T07:00:00+02:00", "2023-11-24T07:00:00.000001-05:30"]
    for text in odd:
        column = [*plain, text, plain[0]]
        assert _stamps(pa.array(column)).tolist() == _python(column)
    far = ["0001-01-01T00:00:00.000001+00:00", "9999-12-31T23:59:59.999999+00:00"]
    assert _stamps(pa.array(far)).tolist() == _python(far)  # past 2**53 microseconds: Python
    assert _stamps(pa.array([], pa.string())).tolist() == []


def test_the_bulk_read_of_a_whole_record_is_the_rows_and_pythons_seconds(
    snapshot_ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    """The Gaza record read whole as the cold path reads it (SQLite: chunks of tuples as Arrow
    rows; PostgreSQL: COPY in two halves side by side), then one claim's row tampered with in
    place (a date without a zone, then an offset with seconds): each read
    gives the projection's rows, and each date's seconds as `fromisoformat` gives them."""
    ledger = snapshot_ledger
    head = ledger.head()
    assert head is not None
    for tamper in (None, "2023-11-26T02:56:16", "2023-11-26T02:56:16+02:00:30"):
        if tamper is not None:  # in place, as a hostile hand with the database's password
            with ledger.engine.begin() as conn:
                first = conn.execute(select(claims.c.seq).order_by(claims.c.seq)).first()
                assert first is not None
                change = update(claims).where(claims.c.seq == first[0]).values(date=tamper)
                conn.execute(change)
        split, columnar.SPLIT_SEQS = columnar.SPLIT_SEQS, 10
        try:
            with ledger.engine.connect() as conn:
                table = columnar.read_rows(conn, A, 0, head.seq)
                query = select(*(claims.c[n] for n in columnar.NAMES))
                rows = conn.execute(query.where(claims.c.agreement == A).order_by(claims.c.seq))
                held = [tuple(r) for r in rows]
        finally:
            columnar.SPLIT_SEQS = split
        assert [tuple(r[n] for n in columnar.NAMES) for r in table.to_pylist()] == held
        dates = table["date"].to_pylist()
        assert table[columnar.TS].to_pylist() == _python(dates)
        assert (tamper is None) or dates[0] == tamper
    assert "side read" not in caplog.text  # the other process read its half


@pytest.mark.parametrize("failure", ["its script gone", "no interpreter to start it"])
def test_a_side_read_that_fails_is_read_here(
    snapshot_ledger: Ledger,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failure: str,
) -> None:
    """The process reading a SQLite file's first half dies at once (its script is gone), or
    never starts (an embedded Python names no interpreter): that half is read here, and the
    table is the same."""
    ledger = snapshot_ledger
    if ledger.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's halves are read by connections of this process")
    head = ledger.head()
    assert head is not None
    with ledger.engine.connect() as conn:
        whole = columnar.read_rows(conn, A, 0, head.seq)
        monkeypatch.setattr(columnar, "SPLIT_SEQS", 10)
        if failure == "its script gone":
            monkeypatch.setattr(driver_rows, "__file__", "/nonexistent/driver_rows.py")
        else:
            monkeypatch.setattr(driver_rows.sys, "executable", "/nonexistent/python")
        halves = columnar.read_rows(conn, A, 0, head.seq)
    assert "side read" in caplog.text and halves.equals(whole)


def test_the_side_read_opens_a_file_whatever_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A SQLite ledger whose folder and name hold what a URI would read otherwise (a space,
    `#`, `%3F`, `%20`, a non-ASCII letter): the side process opens that very file."""
    from tests.storage.gaza_record import _record, _spec

    folder = tmp_path / "a folder #1 %3F"
    folder.mkdir()
    spec, text = _spec()
    with Ledger.init(str(folder / "ledger %20 é.db")) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_record(spec), "analyst")
        head = ledger.head()
        assert head is not None
        with ledger.engine.connect() as conn:
            monkeypatch.setattr(columnar, "SPLIT_SEQS", 10**9)
            whole = columnar.read_rows(conn, A, 0, head.seq)
            monkeypatch.setattr(columnar, "SPLIT_SEQS", 10)
            halves = columnar.read_rows(conn, A, 0, head.seq)
    assert "side read" not in caplog.text and halves.equals(whole) and whole.num_rows > 10
