"""`Claim` objects for the few rows of a snapshot's claims table that an assessment lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from truce.domain.claims import Claim
from truce.domain.engine.claim_columns import NONE, Ints
from truce.storage.columnar import NAMES, REPEATED
from truce.storage.rows import ClaimLoader


class ClaimFetcher:
    """`Claim` objects for rows of a claims table, built as the ledger builds them; the table may
    come in parts (a snapshot's claims and the rows appended since), read as one in order."""

    def __init__(self, *tables: pa.Table) -> None:
        self._parts = [_Part(t) for t in tables if t.num_rows] or [_Part(tables[0])]
        self._offsets = np.cumsum([0, *(t.num_rows for t in tables if t.num_rows)])

    def __call__(self, rows: Sequence[int]) -> list[Claim]:
        if not rows:
            return []
        at = np.asarray(rows, dtype=np.int64)
        if len(self._parts) == 1:
            return self._parts[0].load(at)
        found: list[Any] = [None] * len(at)
        for part, offset, end in zip(self._parts, self._offsets, self._offsets[1:], strict=False):
            mine = np.flatnonzero((at >= offset) & (at < end))
            if len(mine):
                for i, claim in zip(mine.tolist(), part.load(at[mine] - offset), strict=True):
                    found[i] = claim
        return found

    def ids(self, rows: Sequence[int]) -> list[str]:
        """The ids of the claims at `rows`, without building the claims."""
        if not rows:
            return []
        at = np.asarray(rows, dtype=np.int64)
        found: list[Any] = [None] * len(at)
        for part, offset, end in zip(self._parts, self._offsets, self._offsets[1:], strict=False):
            mine = np.flatnonzero((at >= offset) & (at < end))
            if len(mine):
                for i, claim_id in zip(mine.tolist(), part.ids(at[mine] - offset), strict=True):
                    found[i] = claim_id
        return found


class _Part:
    """One table of a `ClaimFetcher`.

    Arrow's `to_pylist` costs about a microsecond a value; dictionary-encoded columns are read
    as NumPy codes into the (short) list of their values instead, listed when first asked.
    """

    def __init__(self, table: pa.Table) -> None:
        table = table.select(list(NAMES)).combine_chunks()
        self._plain: dict[int, pa.Array] = {}
        self._coded: dict[int, pa.Array] = {}
        self._values: dict[int, list[Any]] = {}
        for i, name in enumerate(NAMES):
            column = table[name]
            array = column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
            if name in REPEATED and pa.types.is_dictionary(array.type):
                self._coded[i] = array
            else:
                self._plain[i] = array
        self._loader = ClaimLoader()

    def ids(self, rows: Ints) -> list[str]:
        column = NAMES.index("id")
        array = self._plain.get(column)
        if array is None:
            return [c.id for c in self.load(rows)]
        found: list[str] = array.take(pa.array(rows)).to_pylist()
        return found

    def load(self, rows: Ints) -> list[Claim]:
        at = pa.array(rows)
        columns: list[list[Any]] = []
        for i in range(len(NAMES)):
            if i in self._coded:
                array = self._coded[i]
                values = self._values.get(i)
                if values is None:  # NONE (-1) reads the last value: None
                    values = self._values[i] = [*array.dictionary.to_pylist(), None]
                codes = array.indices.take(at).fill_null(NONE).to_numpy(zero_copy_only=False)
                columns.append([values[c] for c in codes.tolist()])
            else:
                columns.append(self._plain[i].take(at).to_pylist())
        return self._loader.load(zip(*columns, strict=True))
