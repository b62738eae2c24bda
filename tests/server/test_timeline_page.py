"""A page of the timeline, built from the event frame, is the same rows in the same order as the
full timeline (the reference), at instants and without one, through the last page."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import GAZA_YAML, gaza_spec
from tests.server.conftest import Server
from truce import services
from truce.server.timeline_page import timeline_page
from truce.storage import Ledger

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import synthetic  # noqa: E402


@pytest.mark.parametrize("at", [None, "2023-11-27T18:00", "2023-12-05"])
def test_pages_are_the_full_timeline_in_slices(tmp_path: Path, at: str | None) -> None:
    with Ledger.init(str(tmp_path / "tl.db")) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, None)
        ledger.append_claims(list(synthetic.claims(1_500, days=9)), "bench")
        services.load_bundled_example(ledger, "bench")
        full = services.agreement_timeline(ledger, "gaza-2023-11", at)
        assert len(full) > 300
        paged = []
        for offset in range(0, len(full) + 200, 200):
            paged += timeline_page(ledger, "gaza-2023-11", at, offset, 200)
        assert paged == full


def test_the_api_pages_the_timeline(server: Server) -> None:
    path = "/api/agreements/gaza-2023-11/timeline"
    whole = server.get(path, "observer").json()
    page = server.get(path, "observer", params={"offset": 3, "limit": 5}).json()
    assert page == whole[3:8]
    assert server.get(path, "observer", params={"limit": 0}).json()["error"]["code"] == "A422"


def test_pages_past_the_events_are_the_unplaced_claims_read_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Claims no clock can place (written around the checks) follow the events in id order; a
    page past the events reads those claims alone, not the whole timeline."""
    from datetime import datetime

    from truce.domain.claim_input import with_content_id
    from truce.domain.claims import Claim, DatePrecision, EventType

    junk = [
        with_content_id(Claim(id="", agreement="gaza-2023-11", type=EventType.RELEASE,
                              date=datetime.fromisoformat(f"{year}-01-01T00:00:00+02:00"),
                              date_precision=DatePrecision.DAY, actor="hamas",
                              quantity=n, subject="hostages"))
        for n, year in enumerate(("0001", "0002", "9998", "9999", "0003"), start=1)
    ]  # fmt: skip
    with Ledger.init(str(tmp_path / "tl.db")) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, None)
        ledger.append_claims(list(synthetic.claims(300, days=9)), "bench")
        ledger.append_claims(junk, "hamas-desk")
        full = services.agreement_timeline(ledger, "gaza-2023-11", None)
        unplaced = [r["claims"][0] for r in full if r["day"] is None and r["flags"]]
        assert unplaced == sorted(c.id for c in junk)
        for size in (1, 2, 3, 7, 50):
            paged = []
            for offset in range(0, len(full) + 2 * size, size):
                paged += timeline_page(ledger, "gaza-2023-11", None, offset, size)
            assert paged == full, size
        # A page that starts among the unplaced claims, and one past them all.
        events = len(full) - len(junk)
        assert timeline_page(ledger, "gaza-2023-11", None, events + 2, 2) == full[-3:-1]
        assert timeline_page(ledger, "gaza-2023-11", None, len(full), 10) == []
        # Not built through the whole timeline any more.
        calls: list[object] = []
        whole = services.agreement_timeline
        monkeypatch.setattr(
            services, "agreement_timeline", lambda *a, **k: calls.append(a) or whole(*a, **k)
        )
        assert timeline_page(ledger, "gaza-2023-11", None, events, 5) == full[events:]
        assert calls == []
