"""`GET /api/agreements/{id}/status`: the engine's answer written as it is (`now_status.dumped`:
orjson, the contract checked by the tests rather than per answer), byte for byte what the route
sent before (the answer checked and typed by `StatusAnswer`, dumped, written by the standard
library), on both back ends.

A real app on a real ledger (the bundled example, SQLite file and PostgreSQL) asked over HTTP in
process, the test's clock inside the Gaza pause; each body compared with a fresh judgment (nothing
kept) written the old way. Break-its: text in many scripts and a line separator in sources,
disputed figures, an agreement in another zone, instants asked with other offsets, an instant
a minute before now (the answer "now" shown at it), and an agreement whose ratio owes more than
64 bits can count (orjson refuses those integers).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.server.conftest import GAZA_DAY_2, Clock, Server, release, running
from truce import services
from truce.domain.bounds import MAX_QUANTITY
from truce.domain.engine.answer_model import StatusAnswer
from truce.storage import answers, held

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "agreements"
A, MINSK, HUGE = "gaza-2023-11", "minsk-2015", "huge-ratio"
# A minute before now: inside the span the answer "now" holds for back from it (`storage.held`),
# so read from that answer and shown at the instant.
BEFORE_NOW = datetime.fromtimestamp(GAZA_DAY_2 - 60, UTC).isoformat()
INSTANTS = (
    None,
    "2023-11-24T18:00",
    "2023-11-27T12:00+05:45",
    "2023-11-30",
    "2015-02-20T03:00-03:30",
    BEFORE_NOW,
)


@pytest.fixture
def url(ledger_url: str) -> str:
    """The ledger on SQLite and on PostgreSQL (`tests/conftest.py`'s `ledger_url`)."""
    return ledger_url


def the_old_bytes(answer: dict[str, Any]) -> bytes:
    typed = StatusAnswer.of(answer).as_data()
    return json.dumps(typed, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def fresh(monkeypatch: pytest.MonkeyPatch, s: Server, agreement: str, at: str | None) -> Any:
    with monkeypatch.context() as patch:
        patch.setattr(answers, "ENABLED", False)
        return services.status(s.ledger, agreement, at)


def add(s: Server, yaml: str, name: str) -> None:
    added = s.post("/api/agreements", json={"yaml": yaml, "name": name})
    assert added.status_code == 201, added.text


def record(s: Server) -> None:
    add(s, (EXAMPLES / f"{MINSK}.yaml").read_text("utf-8"), MINSK)
    gaza = (EXAMPLES / f"{A}.yaml").read_text("utf-8")
    assert gaza.count("factor: 3") == 1
    # The largest factor a spec takes (MAX_FACTOR) times figures near the largest a claim takes
    # (MAX_QUANTITY) owes more than 2**64: what orjson refuses to write.
    add(s, gaza.replace(f"id: {A}", f"id: {HUGE}").replace("factor: 3", "factor: 1.0e+6"), HUGE)
    voices = [
        {"outlet": "الجزيرة", "speaker": "ماجد الأنصاري", "role": "متحدث"},
        {"outlet": "הארץ", "speaker": "דובר צה״ל"},
        {"outlet": "Интерфакс\u2028«Украина»", "speaker": 'Zoë O\'Brien "the" \\ 🕊️'},
    ]
    for n, voice in enumerate(voices):
        for agreement in (A, HUGE):
            many = MAX_QUANTITY - 2 * n if agreement == HUGE else 11 + 2 * n
            body = release(agreement=agreement, quantity=many, event_id="dispute-ü")
            posted = s.post("/api/claims", json={**body, "sources": [voice]})
            assert posted.status_code == 201, posted.text
    breach = {"agreement": MINSK, "type": "breach", "date": "2015-02-16", "actor": "dpr",
              "sources": [{"outlet": "Укрінформ"}]}  # fmt: skip
    assert s.post("/api/claims", json=breach).status_code == 201


def test_the_api_sends_the_bytes_it_sent_before(
    url: str, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with running(url, warm_answers=False) as s, s.client:
        record(s)
        for agreement in (A, HUGE, MINSK):
            for at in INSTANTS:
                for _ in range(2):  # judged, then from what was kept
                    params = {} if at is None else {"at": at}
                    served = s.get(f"/api/agreements/{agreement}/status", params=params)
                    assert served.status_code == 200, served.text
                    expected = the_old_bytes(fresh(monkeypatch, s, agreement, at))
                    assert served.content == expected, (agreement, at)
        store = s.ledger.answers(A)
        assert held.header(store, store.head(), GAZA_DAY_2 - 60) is not None  # read, not judged
        huge = s.get(f"/api/agreements/{HUGE}/status", params={"at": "2023-11-26T12:00"})
        owed = [o["due"] for o in huge.json()["obligations"] if o["kind"] == "ratio"]
        assert max(owed) > 2**64  # what orjson refuses, written by the standard library
        assert "الجزيرة" in huge.text and "\u2028" in huge.text  # as it is, not escaped


def test_an_instant_judged_here_keeps_the_bytes_it_sends(
    url: str, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer at an instant is kept as the very bytes the route sends (`status_json`), not
    written a second time: another process reads them back as the answer, and sends them."""
    at = "2023-11-27T12:00"
    with running(url, warm_answers=False) as s, s.client:
        record(s)
        for agreement in (A, HUGE):
            sent = s.get(f"/api/agreements/{agreement}/status", params={"at": at})
            assert sent.status_code == 200, sent.text
            store = s.ledger.answers(agreement)
            asked = services.parse_instant(at, s.ledger.agreement(agreement)[0].zone)
            kept = store.read(store.head(), asked.isoformat())
            assert kept is not None and not kept.printed
            assert kept.text.encode("utf-8") == sent.content
            assert json.loads(sent.content) == fresh(monkeypatch, s, agreement, at)
            assert services.status_json(s.ledger, agreement, at) == sent.content  # read back
