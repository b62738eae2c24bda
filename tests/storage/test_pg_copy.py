"""PostgreSQL's projection rows read in bulk (COPY as CSV, parsed by Arrow) are the rows the
driver returns one by one, whatever the texts hold."""

from __future__ import annotations

import pytest

from tests.conftest import ClaimFactory
from truce.storage import Ledger, columnar
from truce.storage.columnar import read_rows, read_rows_by_tuples, rows_query
from truce.storage.pg_copy import copy_columns

pytestmark = pytest.mark.postgres
AGREEMENT = "gaza-2023-11"
AWKWARD = ["NULL", "NA", "", 'say "ten", then\nnine', "a,b\r\nc", "“ten” — عشرة", "\\N", " "]


def test_copy_reads_the_same_table_as_the_driver(pg_url: str, make_claim: ClaimFactory) -> None:
    from tests.storage.gaza_record import _spec

    spec, text = _spec()
    claims = [
        make_claim(n, agreement=AGREEMENT, notes=value, quote=value or None, location=value,
                   event_id=value, quantity=None if n % 2 else n, extra={"k": value})
        for n, value in enumerate(AWKWARD)
    ]  # fmt: skip
    claims += [make_claim(100 + n, agreement=AGREEMENT) for n in range(300)]
    with Ledger.init(pg_url) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(claims, "analyst")
        head = ledger.head()
        assert head is not None
        with ledger.engine.connect() as conn:
            bulk = read_rows(conn, AGREEMENT, 0, head.seq)
            params = (AGREEMENT, 0, head.seq)
            one_by_one = read_rows_by_tuples(conn, rows_query(conn), params)
            part = read_rows(conn, AGREEMENT, 3, 7)
            nothing = read_rows(conn, AGREEMENT, head.seq, head.seq)
            empty = copy_columns(conn, rows_query(conn), (AGREEMENT, 0, 0), ("seq",), ("seq",))
            # A long read is copied in two halves side by side, on two connections: the same.
            split, columnar.SPLIT_SEQS = columnar.SPLIT_SEQS, 5
            try:
                halves = read_rows(conn, AGREEMENT, 0, head.seq)
                halves_part = read_rows(conn, AGREEMENT, 3, 12)
            finally:
                columnar.SPLIT_SEQS = split
    assert bulk.num_rows == len(claims) and bulk.equals(one_by_one) and bulk.equals(halves)
    assert halves_part["seq"].to_pylist() == list(range(4, 13))
    notes = bulk["notes"].to_pylist()
    assert notes[: len(AWKWARD)] == AWKWARD
    assert bulk["quote"].to_pylist()[2] is None  # NULL stays NULL, "" stays ""
    assert bulk["event_id"].to_pylist()[2] == ""
    assert bulk["quantity"].to_pylist()[:4] == [0, None, 2, None]
    assert part["seq"].to_pylist() == [4, 5, 6, 7] and nothing.num_rows == 0
    assert len(empty["seq"]) == 0
