"""Fixtures shared by the storage tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from truce.domain.spec import AgreementSpec
from truce.services import agreement_status
from truce.storage import Ledger


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The instants the engine judged, in order (a kept or held answer read back is not
    judged): `services.agreement_status._judged`, unchanged, counted."""
    calls: list[str] = []
    real: Callable[..., dict[str, Any]] = agreement_status._judged

    def counting(ledger: Ledger, agreement: str, spec: AgreementSpec, when: Any, *rest: Any) -> Any:
        calls.append(when.isoformat())
        return real(ledger, agreement, spec, when, *rest)

    monkeypatch.setattr(agreement_status, "_judged", counting)
    return calls


@pytest.fixture
def snapshot_ledger(
    ledger_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Ledger]:
    """A ledger holding the bundled Gaza 2023 record (`gaza_record`), its snapshots in the
    test's own folder."""
    from tests.storage.gaza_record import _record, _spec

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # PostgreSQL's snapshots
    spec, text = _spec()
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_record(spec), "analyst")
        yield ledger


@pytest.fixture
def gaza_url(ledger_url: str) -> Iterator[str]:
    """The URL of a ledger (SQLite file or PostgreSQL database) holding the bundled Gaza 2023
    record (`gaza_record`), for tests that open it as several processes or hosts would."""
    from tests.storage.gaza_record import _record, _spec

    spec, text = _spec()
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_record(spec), "analyst")
        yield ledger_url
