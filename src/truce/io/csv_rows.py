"""The rows under a CSV file's header, for both readers of CSV (claims files and field files):
each row's first line number with its cells, or with the error that line gets (an unreadable row,
a row whose cell count is not the header's); blank rows are passed over, the file goes on."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from typing import Any

from truce.errors import MalformedLine
from truce.io.errors import LineError


def blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def rows_under_header(
    reader: Any,
    width: int,
    name: str,
    *,
    bad_row_hint: str | None = None,
    count_hint: str | None = None,
    skip: Callable[[list[str]], bool] = blank,
) -> Iterator[tuple[int, list[str] | LineError]]:
    """`reader` is a `csv.reader` whose header row has been read; `width` its cell count. A hint
    left out is the error's own."""
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problem = MalformedLine(f"bad CSV row: {exc}", hint=bad_row_hint)
            yield start, LineError.from_error(name, start, problem)
            continue
        if skip(cells):
            continue
        if len(cells) != width:
            problem = MalformedLine(
                f"{len(cells)} cells where the header has {width}", hint=count_hint
            )
            yield start, LineError.from_error(name, start, problem)
            continue
        yield start, cells
