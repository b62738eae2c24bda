"""The kept event frame (`storage.kept_frame`) is read whole only when its header says it is the
chain head's: right after an append the previous head's body is not read (megabytes at a
million claims), and the frame is built and kept for the new head. SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from truce import services
from truce.storage import Ledger, kept_frame, kept_place

A = "gaza-2023-11"


def test_the_previous_heads_frame_is_not_read_whole(
    snapshot_ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = snapshot_ledger
    first = ledger.events(A)
    reads: list[tuple[str, bool]] = []
    real = kept_place.read

    def counted(engine: Any, agreement: str, name: str, body: bool = True) -> Any:
        reads.append((name, body))
        return real(engine, agreement, name, body)

    monkeypatch.setattr(kept_place, "read", counted)
    assert list(ledger.events(A).keys) == list(first.keys)  # the head's: read whole
    assert (kept_frame.NAME, True) in reads
    reads.clear()
    statement = {"agreement": A, "type": "statement", "date": "2023-11-26T12:00",
                 "actor": "qatar", "sources": [{"outlet": "header test"}]}  # fmt: skip
    services.record_claim(ledger, statement, "analyst")
    after = ledger.events(A)
    assert (kept_frame.NAME, True) not in reads and (kept_frame.NAME, False) in reads
    assert len(after.keys) == len(first.keys) + 1
    reads.clear()
    assert list(ledger.events(A).keys) == list(after.keys)  # kept for the new head, read back
    assert (kept_frame.NAME, True) in reads
