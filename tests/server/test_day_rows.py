"""The day table from the event frame equals the day table from the full timeline (the
reference), on the bundled record and on a seeded synthetic one, at instants through the truce."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import GAZA_YAML, gaza_spec
from truce import services
from truce.server.counting import exclusions
from truce.server.day_rows import frame_rows
from truce.server.views import day_table
from truce.storage import Ledger

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import synthetic  # noqa: E402

INSTANTS = ["2023-11-25T12:00", "2023-11-27T18:00", "2023-11-30T06:59", "2023-12-05"]


@pytest.mark.parametrize("at", INSTANTS)
def test_frame_days_equal_the_timeline_days(tmp_path: Path, at: str) -> None:
    with Ledger.init(str(tmp_path / "days.db")) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, None)
        ledger.append_claims(list(synthetic.claims(3_000, days=9)), "bench")
        services.load_bundled_example(ledger, "bench")  # the real record on top
        agreement = "gaza-2023-11"
        status = services.status_answer(ledger, agreement, at).as_data()
        spec, _ = ledger.agreement(agreement)
        reference = day_table(services.agreement_timeline(ledger, agreement, status["at"]),
                              status, exclusions(spec))  # fmt: skip
        frame, _ = ledger.frame(agreement)
        rows = frame_rows(spec, frame, datetime.fromisoformat(status["at"]))
        assert len(rows) < 3_000 / 4  # grouped, not one per event
        assert day_table(rows, status, exclusions(spec)) == reference
        assert any(d["breaches"] for d in reference) and any(d["disputed"] for d in reference)
