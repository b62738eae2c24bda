"""Never judge twice, and judge before anyone asks (issue 12, `server.warm`).

The engine is the real one; the judgments are counted (and, to make requests overlap, slowed) by
wrapping `agreement_status._judged`, which still judges. Attacks: requests arriving together
during an append, a failing background judgment, shutdown with a judgment under way, and an
append by the CLI in another process while `truce serve` runs on the same SQLite file.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.conftest import postgres_database
from tests.server.conftest import Server, release, running
from tests.server.live import serving
from truce import services
from truce.server import views
from truce.server.api import agreements as agreements_api
from truce.server.app import create_app
from truce.server.bootstrap import prepare
from truce.server.settings import ServerSettings
from truce.services import agreement_status
from truce.storage import held
from truce.storage.ledger import Ledger

A = "gaza-2023-11"
PAGE = f"/agreements/{A}"


class Judgments:
    """The engine's judgments of status, counted: (agreement, "now" or the instant, thread)."""

    def __init__(self) -> None:
        self.made: list[tuple[str, str, str]] = []
        self.slow_s = 0.0
        self.fail_in: str | None = None  # a thread name whose judgments raise
        self.started = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def now(self) -> list[tuple[str, str, str]]:
        return [m for m in self.made if m[1] == "now"]


@pytest.fixture
def judgments(monkeypatch: pytest.MonkeyPatch) -> Judgments:
    seen = Judgments()
    real: Callable[..., Any] = agreement_status._judged

    def counted(ledger: Any, agreement: str, spec: Any, when: Any, horizon: Any = None) -> Any:
        thread = threading.current_thread().name
        seen.made.append((agreement, "now" if horizon is not None else when.isoformat(), thread))
        seen.started.set()
        if seen.fail_in is not None and thread == seen.fail_in:
            raise RuntimeError("the database went away mid-judgment")
        time.sleep(seen.slow_s)
        seen.release.wait(30)
        return real(ledger, agreement, spec, when, horizon)

    monkeypatch.setattr(agreement_status, "_judged", counted)
    return seen


@pytest.fixture
def warm_server(ledger_url: str) -> Iterator[Server]:
    """The example served with its lifespan running (the warm's thread started)."""
    with running(ledger_url, warm_poll_s=0.2) as s, s.client:
        yield s


def wait_for(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def claims_count(s: Server) -> int:
    return int(s.get(f"{PAGE}.json").json()["status"]["counts"]["claims"])


@pytest.mark.parametrize("warm", [True, False], ids=["warm", "no-warm"])
def test_requests_arriving_together_after_an_append_judge_once(
    ledger_url: str, judgments: Judgments, warm: bool
) -> None:
    with running(ledger_url, warm_answers=warm) as s, s.client:
        before = claims_count(s)
        judgments.slow_s = 0.5  # long enough for every request below to arrive meanwhile
        judgments.made.clear()
        assert s.post("/api/claims", "mediator", json=release(quantity=9)).status_code == 201
        paths = [PAGE, PAGE, f"{PAGE}.json", f"/api/agreements/{A}/status"]
        answers: list[Any] = [None] * len(paths)

        def ask(n: int) -> None:
            answers[n] = s.get(paths[n])

        threads = [threading.Thread(target=ask, args=(n,)) for n in range(len(paths))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert [a.status_code for a in answers] == [200] * len(paths)
        # One judgment of "now" at the new head, whoever started it (the warm, or a request).
        assert len(judgments.now()) == 1, judgments.made
        assert answers[2].json()["status"]["counts"]["claims"] == before + 1
        assert answers[3].json()["counts"]["claims"] == before + 1


def test_the_first_view_after_an_append_reads_the_warmed_answer(
    warm_server: Server, judgments: Judgments
) -> None:
    s = warm_server
    warmer = s.client.app.state.warmer  # type: ignore[attr-defined]
    before = claims_count(s)
    day4 = s.get(f"{PAGE}.json", params={"at": "2023-11-27T12:00"}).json()
    warmed = warmer.warmed
    judgments.made.clear()
    assert s.post("/api/claims", "mediator", json=release(quantity=9)).status_code == 201
    wait_for(lambda: warmer.warmed >= warmed + 2)  # now, and the instant asked at day 4
    made = list(judgments.made)
    assert {m[2] for m in made} == {"truce-warm"}, made
    assert claims_count(s) == before + 1  # the page, at the new head, judged by nobody else
    again = s.get(f"{PAGE}.json", params={"at": "2023-11-27T12:00"}).json()
    assert again["status"]["counts"]["claims"] == day4["status"]["counts"]["claims"] + 1
    assert judgments.made == made


def test_after_an_append_the_page_is_warmed_before_the_status_answer(
    warm_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page a person waits for right after an append first, though the status API "now"
    was asked later: its bytes (seconds of CPU at a million claims) would hold the page up."""
    s = warm_server
    warmer = s.client.app.state.warmer  # type: ignore[attr-defined]
    order: list[str] = []

    def warmed_as(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            if threading.current_thread().name == "truce-warm":
                order.append(name)
            return real(*args)

        return run

    monkeypatch.setattr(
        views, "cached_agreement_view", warmed_as("page", views.cached_agreement_view)
    )
    monkeypatch.setattr(agreements_api, "now_body", warmed_as("status", agreements_api.now_body))
    assert s.get(PAGE).status_code == 200
    assert s.get(f"/api/agreements/{A}/status").status_code == 200  # asked last
    warmed = warmer.warmed
    assert s.post("/api/claims", "mediator", json=release(quantity=9)).status_code == 201
    wait_for(lambda: warmer.warmed >= warmed + 2)
    assert order == ["page", "status"]


def test_a_failed_background_judgment_is_logged_and_the_next_request_judges(
    warm_server: Server, judgments: Judgments, caplog: pytest.LogCaptureFixture
) -> None:
    s = warm_server
    warmer = s.client.app.state.warmer  # type: ignore[attr-defined]
    before = claims_count(s)
    judgments.fail_in = "truce-warm"
    with caplog.at_level(logging.ERROR, logger="truce.server"):
        assert s.post("/api/claims", "mediator", json=release(quantity=9)).status_code == 201
        wait_for(lambda: warmer.failed >= 1)
    assert "warming" in caplog.text and "the database went away" in caplog.text
    judgments.made.clear()
    assert claims_count(s) == before + 1
    assert [m[1] for m in judgments.made if m[2] != "truce-warm"] == ["now"]


def test_shutdown_with_a_judgment_under_way(tmp_path: Path, judgments: Judgments) -> None:
    url = str(tmp_path / "served.db")
    with running(url) as s:
        with s.client:
            before = claims_count(s)
            judgments.release.clear()  # the next judgment holds until released
            judgments.started.clear()
            assert s.post("/api/claims", "mediator", json=release(quantity=9)).status_code == 201
            assert judgments.started.wait(30)  # the warm is judging
            stopping = time.monotonic()
        stopped = time.monotonic() - stopping  # the lifespan ended: the server shut down
        assert stopped < 10, stopped  # not held by the judgment (STOP_WAIT_S, then it goes)
        store = s.ledger.answers(A)
        assert held.read(store, store.head(), time.time()) is None  # nothing kept yet
        judgments.release.set()  # the judgment ends after shutdown: kept whole, or not at all
        time.sleep(0.5)
    with Ledger.open(url) as reopened:  # the next start reads a whole answer, or judges
        kept = reopened.answers(A)
        found = held.read(kept, kept.head(), time.time())
        assert found is None or json.loads(found.kept.text)["counts"]["claims"] == before + 1
        assert services.status(reopened, A)["counts"]["claims"] == before + 1


def test_an_append_by_the_cli_is_warmed_while_the_server_runs(tmp_path: Path) -> None:
    """A real `truce serve` and a `truce record` process on one SQLite file."""
    db = tmp_path / "shared.db"
    with serving(str(db), env={"TRUCE_WARM_POLL_S": "0.2"}) as live:
        api = httpx.Client(
            base_url=live.url, headers={"Authorization": f"Bearer {live.admin_token}"}, timeout=60
        )
        with api:
            before = api.get(f"{PAGE}.json").json()["status"]["counts"]["claims"]
            env = {**os.environ, "TRUCE_DB": str(db), "NO_COLOR": "1"}
            recorded = subprocess.run(
                [sys.executable, "-m", "truce", "record", "-a", A, "-t", "release",
                 "-d", "2023-11-25T18:30", "--actor", "hamas", "-q", "7", "--subject",
                 "hostages", "--outlet", "AFP"],
                env=env, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert recorded.returncode == 0, recorded.stdout + recorded.stderr
            with Ledger.open(str(db)) as ledger:
                store = ledger.answers(A)
                head = store.head()
                # The server noticed the head move and judged "now" at it, unasked.
                wait_for(lambda: held.span(store, head) is not None, timeout=60)
            after = api.get(f"{PAGE}.json").json()["status"]["counts"]["claims"]
            assert after == before + 1


@pytest.mark.postgres
def test_an_append_through_another_server_on_postgres_is_warmed(judgments: Judgments) -> None:
    """Two servers on one PostgreSQL database: what one appends, the other's warm judges."""
    urls = postgres_database()
    url = next(urls)
    try:
        with running(url) as writer:
            config = ServerSettings(db=url, bootstrap_admin=False, warm_poll_s=0.2,
                                    load_example=False, auth_failure_burst=10_000)  # fmt: skip
            other = prepare(config).ledger
            reader = TestClient(create_app(config, other))
            with reader:
                auth = writer.auth("observer")
                before = reader.get(f"{PAGE}.json", headers=auth).json()
                warmer = reader.app.state.warmer  # type: ignore[attr-defined]
                warmed = warmer.warmed
                judgments.made.clear()
                posted = writer.post("/api/claims", "mediator", json=release(quantity=9))
                assert posted.status_code == 201
                wait_for(lambda: warmer.warmed > warmed)
                assert [m[2] for m in judgments.made] == ["truce-warm"]  # the reader's, unasked
                after = reader.get(f"{PAGE}.json", headers=auth).json()
                assert len(judgments.made) == 1
                claims = before["status"]["counts"]["claims"]
                assert after["status"]["counts"]["claims"] == claims + 1
            other.close()
    finally:
        next(urls, None)


def test_now_is_built_once_for_its_span_and_shown_at_each_instant(
    sqlite_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = sqlite_server
    built: list[str | None] = []
    real = views.agreement_view

    def counted(ledger: Any, agreement: str, at: str | None) -> Any:
        built.append(at)
        return real(ledger, agreement, at)

    monkeypatch.setattr(views, "agreement_view", counted)
    first = s.get(f"{PAGE}.json").json()
    time.sleep(1.1)
    second = s.get(f"{PAGE}.json").json()
    assert built == [None]  # the answer held: the page was built once
    assert second["at"] > first["at"]  # and each view shows its own instant
    assert second["status"]["at"] == second["at"] and second["at_input"] == second["at"][:16]
    # What a judgment at that very instant says, asked for explicitly:
    asked = s.get(f"{PAGE}.json", params={"at": second["at"]}).json()
    assert asked["status"] == second["status"]
    assert asked["glance"] == second["glance"] and asked["days"] == second["days"]
