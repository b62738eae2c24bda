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
