"""The agreement's versions kept beside its snapshot: new versions are seen, and a file from
another chain (or a damaged one) is never believed."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.storage.gaza_record import AGREEMENT, _record, _spec
from truce.storage import Ledger


def test_versions_recorded_after_the_file_are_read(ledger_url: str) -> None:
    spec, text = _spec()
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_record(spec)[:5], "analyst")
        assert [v.title for v in ledger.agreement_versions(AGREEMENT)] == [spec.title]
        assert ledger.snapshots is not None and list(ledger.snapshots.glob("*.versions.json"))
        ledger.add_agreement(spec.model_copy(update={"title": "Renamed"}), text, "analyst")
        ledger.append_claims(_record(spec)[5:8], "analyst")
        titles = [v.title for v in ledger.agreement_versions(AGREEMENT)]
        assert titles == [spec.title, "Renamed"]
        assert [v.title for v in ledger.agreement_versions(AGREEMENT)] == titles


def test_a_file_of_another_chain_or_a_damaged_one_is_not_believed(tmp_path: Path) -> None:
    spec, text = _spec()
    with Ledger.init(str(tmp_path / "a.db")) as first:
        first.add_agreement(spec, text, "analyst")
        first.add_agreement(spec.model_copy(update={"title": "Other"}), text, "analyst")
        assert len(first.agreement_versions(AGREEMENT)) == 2
        stale = first.snapshots
    with Ledger.init(str(tmp_path / "b.db")) as second:
        second.add_agreement(spec, text, "analyst")
        assert stale is not None and second.snapshots is not None
        shutil.copytree(stale, second.snapshots)
        assert [v.title for v in second.agreement_versions(AGREEMENT)] == [spec.title]
        for kept in second.snapshots.glob("*.versions.json"):
            kept.write_text("{not json")
        assert [v.title for v in second.agreement_versions(AGREEMENT)] == [spec.title]
