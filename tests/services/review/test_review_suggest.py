"""A queued candidate's suggested events on a real ledger holding the bundled Gaza record."""

from __future__ import annotations

from pathlib import Path

from truce import services
from truce.services.review_suggestions import suggested_for
from truce.storage.ledger import Ledger
from truce.storage.review_rows import ReviewQueue

DOCUMENT = {"hash": "e" * 64, "name": "wire.txt", "url": None, "outlet": "Wire",
            "published": "2023-11-29"}  # fmt: skip


def _candidate(**fields: object) -> dict[str, object]:
    return {"type": "release", "actor": "hamas", "event_id": "ev-new",
            "quantities": [{"value": 10, "qualifier": "exact", "unit": "hostages"}],
            **fields}  # fmt: skip


def test_suggestions_name_the_events_of_the_day_and_figure(tmp_path: Path) -> None:
    ledger = Ledger.init(str(tmp_path / "suggest.db"))
    try:
        services.load_bundled_example(ledger, "ana")
        found = [_candidate(), _candidate(event_id="d6-hostages"),
                 _candidate(quantities=[]), _candidate(actor="israel", quantities=[]),
                 _candidate(type="aid_delivery")]  # fmt: skip
        ids = ReviewQueue(ledger.engine).add_document(DOCUMENT, "gaza-2023-11", found, "ana")
        assert ids
        first = suggested_for(ledger, ids[0])
        assert first[0]["event_id"] == "d6-hostages" and not first[0]["current"]
        assert first[0]["reasons"] == ["same type (release)", "same actor (hamas)",
                                       "same day (2023-11-29)", "same figure (10)"]  # fmt: skip
        events = [s["event_id"] for s in first]
        assert "d7-hostages" in events and "d5-hostages" in events
        assert all(s["actor"] == "hamas" for s in first) and len(first) <= 5
        # Already filed under d6: said so, still first.
        again = suggested_for(ledger, ids[1])
        assert again[0]["event_id"] == "d6-hostages" and again[0]["current"]
        # No figure: the day's releases by Hamas, whatever their figure.
        loose = {s["event_id"] for s in suggested_for(ledger, ids[2])}
        assert {"d6-hostages", "d6-foreign"} <= loose
        # Israel's releases of prisoners that day, not Hamas's.
        assert all(s["actor"] == "israel" for s in suggested_for(ledger, ids[3]))
        assert suggested_for(ledger, ids[4]) == []  # Hamas delivered no aid
    finally:
        ledger.close()


def test_a_candidate_with_no_day_has_no_suggestion(tmp_path: Path) -> None:
    ledger = Ledger.init(str(tmp_path / "undated.db"))
    try:
        services.load_bundled_example(ledger, "ana")
        undated = {**DOCUMENT, "published": None}
        ids = ReviewQueue(ledger.engine).add_document(undated, "gaza-2023-11", [_candidate()],
                                                      "ana")  # fmt: skip
        assert ids and suggested_for(ledger, ids[0]) == []
    finally:
        ledger.close()
