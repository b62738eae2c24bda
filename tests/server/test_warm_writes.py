"""The page right after an append is handed over before the background warm writes what it keeps
for other processes (issue 12: `storage.put_off`, `services.kept_pages.writes_after`).

A real app with its warm thread on a real ledger (SQLite; PostgreSQL with CI=true). The warm's
writes of the kept frame, the page's data and the status API's bytes are held at a gate (the real
write runs once it opens): the page asked right after an append answers, at the new head, while
they are held; once they run, the rows are there, at the new head.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.server.conftest import release, running
from tests.server.test_warm import wait_for
from tests.storage.kept_rows import kept_rows
from truce.services import agreement_status
from truce.storage import kept_place

A = "gaza-2023-11"
PAGE = f"/agreements/{A}"
HELD_S = 10.0  # a gate never opened lets the write through after this (the test then fails)


class Gate:
    """The warm thread's writes of kept frames, pages and API bytes, held until opened."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.open = threading.Event()
        self.timed_out = False

    def wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def write_many(engine: Any, agreement: str, rows: list[Any], *args: Any, **kw: Any) -> Any:
            kept_for_others = any(r.name == "frame" or r.name.startswith(("page/", "api/"))
                                  for r in rows)  # fmt: skip
            if threading.current_thread().name == "truce-warm" and kept_for_others:
                self.reached.set()
                self.timed_out = self.timed_out or not self.open.wait(HELD_S)
            return real(engine, agreement, rows, *args, **kw)

        return write_many


def _seq(row: Any) -> int:
    header = row.read_bytes().split(b"\n", 1)[0]
    return int(json.loads(header)["seq"])


def test_the_page_right_after_an_append_answers_while_the_kept_writes_wait(
    ledger_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate()
    judging, go = threading.Event(), threading.Event()
    real_judged: Callable[..., Any] = agreement_status._judged

    def judged(*args: Any, **kw: Any) -> Any:
        if threading.current_thread().name == "truce-warm":
            judging.set()
            go.wait(30)  # until the page is asked: it waits for this judgment
        return real_judged(*args, **kw)

    with running(ledger_url, warm_poll_s=0.2) as s, s.client:
        warmer = s.client.app.state.warmer  # type: ignore[attr-defined]
        before = s.get(f"{PAGE}.json").json()["status"]["counts"]["claims"]
        assert s.get(f"/api/agreements/{A}/status").status_code == 200  # asked: warmed too
        monkeypatch.setattr(kept_place, "write_many", gate.wrap(kept_place.write_many))
        monkeypatch.setattr(agreement_status, "_judged", judged)
        warmed = warmer.warmed
        assert s.post("/api/claims", "mediator", json=release(quantity=9)).status_code == 201
        assert judging.wait(30), "the warm never judged the new head"
        answered: list[tuple[Any, bool]] = []

        def ask() -> None:
            page = s.get(f"{PAGE}.json")
            answered.append((page, not gate.timed_out and not gate.open.is_set()))

        asking = threading.Thread(target=ask)
        asking.start()
        time.sleep(0.3)  # the request is waiting for the warm's page (not a timed assertion)
        go.set()
        asking.join(60)
        gate.open.set()
        [(page, held)] = answered
        assert page.status_code == 200
        assert page.json()["status"]["counts"]["claims"] == before + 1
        assert held, "the page waited for the warm's writes"
        wait_for(lambda: warmer.warmed >= warmed + 2)  # the page, then the status API
        assert gate.reached.is_set()  # written by the warm, once the page was out
        head = s.ledger.head()
        assert head is not None
        for name in ("frame", "page/now", "api/now"):
            rows = [r for r in kept_rows(s.ledger, A, name) if r.name == name]
            assert [_seq(r) for r in rows] == [head.seq], name
        assert not gate.timed_out
