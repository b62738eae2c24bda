"""The day table from the event frame equals the day table from the full timeline (the
reference), on the bundled record and on a seeded synthetic one, at instants through the truce."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from tests.conftest import GAZA_YAML, gaza_spec
from truce import services
from truce.domain.engine.clock import Reckoner
from truce.server.counting import exclusions
from truce.server.day_rows import calendar_days, frame_rows
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


@pytest.mark.parametrize(
    "zone",
    # Jerusalem's and Santiago's clock changes (Santiago's at midnight), Lord Howe's half-hour
    # shift, Kathmandu's quarter-hour offset, and UTC.
    ["Asia/Jerusalem", "America/Santiago", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"],
)
def test_calendar_days_in_bulk_are_the_reckoners_day_by_day(zone: str) -> None:
    reckoner = Reckoner(True, ZoneInfo(zone))
    origin = datetime(2022, 3, 20, 11, 15, tzinfo=ZoneInfo(zone)).timestamp()
    rng = np.random.default_rng(7)
    # A year of instants from the start, a third of them on whole hours and half hours (where
    # clocks change), and the start itself.
    spread = rng.uniform(0, 366 * 86400, 6_000)
    whole = np.round(spread[:2_000] / 1800) * 1800
    instants = np.concatenate([[origin], origin + spread, origin + whole, origin + whole - 1])
    bulk = calendar_days(reckoner, origin, instants)
    assert bulk.tolist() == [reckoner.day_of(origin, float(t)) for t in instants]
