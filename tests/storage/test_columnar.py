"""The claims projection read into columns (`storage.columnar`): each date's epoch seconds read
in bulk by Arrow are the ones `datetime.fromisoformat(date).timestamp()` gives, for every date
the projection can hold, and a column holding any other text is read as before."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pyarrow as pa  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from truce.storage.columnar import _stamps

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
