"""Kept answers held as data per process (`services.parsed_answers`, issue 12): the pages and
the status API read the same with the answer held as without it, an answer held is never that
of another head, instant or agreement, and no reader edits the answer it shares.

A real app on a real ledger (the bundled example; SQLite file and PostgreSQL), asked over HTTP
in process, with no background warm (every judgment is a request's). The clock is the test's
own (`services.instants.now_s`, inside the Gaza pause), so "now" reads the same in two runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import postgres_database
from tests.server.conftest import GAZA_DAY_2, Clock, Server, release, running
from truce import services
from truce.services import alert_delivery, parsed_answers
from truce.services.published_copy import publish
from truce.storage import answers

A = "gaza-2023-11"
B = "minsk-2015"
MINSK = Path(__file__).resolve().parents[2] / "examples" / "agreements" / f"{B}.yaml"
T0 = GAZA_DAY_2  # where `clock` starts
DAY_1, DAY_4 = "2023-11-24T18:00", "2023-11-27T12:00"
ROUTES = (
    f"/api/agreements/{A}/status",  # "now" judged here, held as data
    f"/agreements/{A}",  # the page "now": built from the answer held
    f"/agreements/{A}.json",
    f"/api/agreements/{A}/status?at={DAY_4}",
    f"/agreements/{A}?at={DAY_4}",
    f"/agreements/{A}?at={DAY_1}",
    f"/api/agreements/{A}/status?at={DAY_1}",
    f"/api/agreements/{B}/status",
    f"/agreements/{B}",
)


@pytest.fixture(autouse=True)
def nothing_held() -> Iterator[None]:
    parsed_answers.forget()
    yield
    parsed_answers.forget()


@pytest.fixture
def served_hits(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kinds of answer served from what the process held (`parsed_answers.recall`)."""
    hits: list[str] = []
    real: Callable[..., Any] = parsed_answers.recall

    def counting(store: Any, kind: str, about: Any) -> Any:
        found = real(store, kind, about)
        if found is not None:
            hits.append(kind)
        return found

    monkeypatch.setattr(parsed_answers, "recall", counting)
    return hits


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two_urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two fresh ledgers on one backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "one.db"), str(tmp_path / "two.db")
        return
    one, two = postgres_database(), postgres_database()
    yield next(one), next(two)
    next(one, None)  # drops the databases
    next(two, None)


def with_minsk(s: Server) -> None:
    added = s.post("/api/agreements", json={"yaml": MINSK.read_text(), "name": MINSK.name})
    assert added.status_code == 201, added.text


def bodies(s: Server, clock: Clock) -> list[bytes]:
    """Every route, before and after an append, and later in the span."""
    found: list[bytes] = []

    def ask_all() -> None:
        for path in ROUTES:
            answer = s.get(path)
            assert answer.status_code == 200, (path, answer.text)
            found.append(answer.content)

    ask_all()
    assert s.post("/api/claims", json=release(quantity=7)).status_code == 201
    ask_all()
    clock.at = T0 + 90
    ask_all()
    return found


def test_pages_and_the_api_read_the_same_with_and_without_answers_held(
    two_urls: tuple[str, str],
    clock: Clock,
    served_hits: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    held: list[bytes] = []
    for url, enabled in zip(two_urls, (True, False), strict=True):
        monkeypatch.setattr(parsed_answers, "ENABLED", enabled)
        clock.at = T0
        with running(url, warm_answers=False) as s, s.client:
            with_minsk(s)
            found = bodies(s, clock)
        if enabled:
            held, hits = found, list(served_hits)
            # The page "now" and at an instant were built from the answers the API judged.
            assert hits.count(parsed_answers.NOW) >= 2 and parsed_answers.AT in hits
        else:
            assert served_hits == hits  # none more: each read parsed the kept text
    assert len(found) == len(held) == 3 * len(ROUTES)
    for path, with_, without in zip(ROUTES * 3, held, found, strict=True):
        assert with_ == without, path


def fresh(monkeypatch: pytest.MonkeyPatch, s: Server, agreement: str, at: str | None = None) -> Any:
    """What the engine judges, nothing kept or held (`storage.answers.ENABLED` off)."""
    with monkeypatch.context() as patch:
        patch.setattr(answers, "ENABLED", False)
        return services.status(s.ledger, agreement, at)


def test_an_answer_held_is_never_another_heads_instants_or_agreements(
    ledger_url: str, clock: Clock, served_hits: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with running(ledger_url, warm_answers=False) as s, s.client:
        with_minsk(s)
        ledger = s.ledger

        def same(agreement: str, at: str | None = None) -> dict[str, Any]:
            answer = services.status(ledger, agreement, at)
            assert answer == fresh(monkeypatch, s, agreement, at), (agreement, at)
            return answer

        a, b = same(A), same(B)
        assert a != b and same(A) == a and same(B) == b
        assert served_hits.count(parsed_answers.NOW) >= 2
        day_1, day_4 = same(A, DAY_1), same(A, DAY_4)
        assert day_1 != day_4
        assert same(A, DAY_1) == day_1 and same(B, DAY_1) != day_1 and same(A, DAY_4) == day_4
        served = len(served_hits)
        assert s.post("/api/claims", json=release(quantity=7)).status_code == 201
        after = same(A)  # the head moved: judged again, not the answer held
        assert after["counts"]["claims"] == a["counts"]["claims"] + 1
        assert same(A, DAY_4) == fresh(monkeypatch, s, A, DAY_4) and same(B) == b
        assert len(served_hits) == served  # nothing held served across the append
        span = services.now_span(ledger, A, T0)
        assert span is not None
        clock.at = span.since + 30  # inside the span: held, shown at the instant asked
        inside = same(A)
        assert inside == {**after, "at": inside["at"]} and inside["at"] != after["at"]
        assert served_hits[-1] == parsed_answers.NOW
        clock.at = span.until  # past it: judged again
        same(A)
        # Bounded: at most one answer of each kind per agreement (two agreements here).
        assert parsed_answers.size() <= 4


def test_no_reader_edits_the_answer_it_shares(
    ledger_url: str, clock: Clock, served_hits: list[str], tmp_path: Path
) -> None:
    """Every reader of the answer as data (the pages and their parts, the API, the alerts, the
    public copy) on the answers held, then the answers held read again: equal to the kept text
    parsed, as a process that holds nothing reads it. A reader that edited the data it was
    given in place (a sort, a pop, a key set on a row) would leave them apart."""
    with running(ledger_url, warm_answers=False) as s, s.client:
        for path in ROUTES[:7]:
            assert s.get(path).status_code == 200, path
        for reader in (services.status, services.status_answer):
            reader(s.ledger, A)
            reader(s.ledger, A, DAY_1)
        services.status_holding(s.ledger, A)
        alert_delivery.observe(s.ledger, A, deliver=False)
        publish(s.ledger, tmp_path / "public.db", [A])
        hits = len(served_hits)
        held = services.status(s.ledger, A), services.status(s.ledger, A, DAY_1)
        assert len(served_hits) == hits + 2  # both read from what is held
        parsed_answers.forget()
        assert (services.status(s.ledger, A), services.status(s.ledger, A, DAY_1)) == held
        assert len(served_hits) == hits + 2  # parsed from the kept text
