"""The projection reads (`snapshot.read_rows`) of a process, counted: for the scripts the
storage tests run as processes of their own (a writer, a reader) to see whether they read the
claims again."""

from __future__ import annotations

from typing import Any


def count_reads() -> list[list[int]]:
    """From now on, every projection read's range `[after, upto]`, appended to the list given."""
    from truce.storage import kept_snapshot, snapshot

    reads: list[list[int]] = []
    real = snapshot.read_rows

    def counted(conn: Any, agreement: str, after: int, upto: int) -> Any:
        reads.append([after, upto])
        return real(conn, agreement, after, upto)

    snapshot.read_rows = kept_snapshot.read_rows = counted  # type: ignore[assignment]
    return reads
