"""`GET /api/agreements/{id}/status` "now": its bytes kept per chain head and span (issue 12,
`server.now_status`).

A real app on a real SQLite ledger (the example), asked over HTTP in process. The clock is the
test's own: `services.instants.now_s` is moved to instants inside the Gaza pause, so the span of
the answer "now" (six hours on day 2) can be crossed without waiting for it. The engine's
judgments and the reads of the kept answer are counted by wrapping the real functions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.server.conftest import GAZA_DAY_2, Clock, Server, release, running
from truce.server import now_status
from truce.server.cache import HeadCache
from truce.services import agreement_status
from truce.services.held_now import now_span

A = "gaza-2023-11"
STATUS = f"/api/agreements/{A}/status"
T0 = GAZA_DAY_2  # where `clock` starts


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often the engine judged, the route read the kept answer back to cut it, and the
    status service looked for a kept answer."""
    seen = {"judged": 0, "read": 0, "looked": 0}

    def wrap(module: Any, name: str, what: str) -> None:
        real: Callable[..., Any] = getattr(module, name)

        def counting(*args: Any, **kw: Any) -> Any:
            seen[what] += 1
            return real(*args, **kw)

        monkeypatch.setattr(module, name, counting)

    wrap(agreement_status, "_judged", "judged")
    wrap(now_status, "_built", "read")
    wrap(agreement_status, "_read", "looked")
    return seen


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Server]:
    # No background warm: every judgment below is a request's.
    with running(str(tmp_path / "ledger.db"), warm_answers=False) as s, s.client:
        yield s


def now(s: Server) -> tuple[dict[str, Any], bytes]:
    answer = s.get(STATUS)
    assert answer.status_code == 200, answer.text
    return answer.json(), answer.content


def test_now_inside_its_span_is_a_lookup_shown_at_each_instant(
    served: Server, clock: Clock, counted: dict[str, int]
) -> None:
    s = served
    first, _ = now(s)
    assert (counted["judged"], counted["read"]) == (1, 0)
    looked = counted["looked"]
    span = now_span(s.ledger, A, T0)
    assert span is not None and span.since == T0 and span.until > T0 + 3600
    for later in (T0 + 1, T0 + 1800, span.until - 1):
        clock.at = later
        answer, body = now(s)
        # The same answer, showing the instant asked; made from the kept bytes, not re-read.
        assert answer == {**first, "at": answer["at"]}
        assert datetime.fromisoformat(answer["at"]).timestamp() == later
        assert body == json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()
    # Neither judged nor read back: the kept answer's text is not even opened.
    assert counted == {"judged": 1, "read": 0, "looked": looked}
    # What the engine says at that very instant, asked for explicitly (judged afresh):
    asked = s.get(STATUS, params={"at": answer["at"]}).json()
    assert asked == answer


def test_a_read_after_the_span_ends_is_judged_again(
    served: Server, clock: Clock, counted: dict[str, int]
) -> None:
    s = served
    first, _ = now(s)
    span = now_span(s.ledger, A, T0)
    assert span is not None
    clock.at = span.until  # the first instant at which the answer could read otherwise
    after, _ = now(s)
    assert counted["judged"] == 2
    assert datetime.fromisoformat(after["at"]).timestamp() == span.until
    assert after == s.get(STATUS, params={"at": after["at"]}).json()
    moved = now_span(s.ledger, A, span.until)
    assert moved is not None and moved.since == span.until
    clock.at = span.until + 60  # and the new span's bytes are kept in turn
    now(s)
    assert counted["judged"] == 3  # the explicit `?at=` above, then nothing more
    assert first["counts"]["claims"] == after["counts"]["claims"]  # no claim came


def test_a_read_after_an_append_is_judged_at_the_new_head(
    served: Server, clock: Clock, counted: dict[str, int]
) -> None:
    s = served
    first, _ = now(s)
    clock.at = T0 + 60
    posted = s.post("/api/claims", "mediator", json=release(quantity=9))
    assert posted.status_code == 201, posted.text
    after, _ = now(s)  # inside the old span, but on a new head
    assert counted["judged"] == 2
    assert after["counts"]["claims"] == first["counts"]["claims"] + 1
    span = now_span(s.ledger, A, T0 + 60)
    assert span is not None and span.seq == posted.json()["seq"] and span.since == T0 + 60
    clock.at = T0 + 120
    again, _ = now(s)
    assert again == {**after, "at": again["at"]} and counted["judged"] == 2


def test_a_kept_answer_not_built_here_is_read_once_per_span(
    served: Server, clock: Clock, counted: dict[str, int]
) -> None:
    """Another process judged and kept "now" (here: the cache is emptied, as in a server that
    just started): the first read inside the span reads it back once, the next ones do not."""
    s = served
    first, _ = now(s)
    s.client.app.state.cache = HeadCache(s.ledger)  # type: ignore[attr-defined]
    for later in (T0 + 5, T0 + 10, T0 + 15):
        clock.at = later
        answer, _ = now(s)
        assert answer == {**first, "at": answer["at"]}
    assert (counted["judged"], counted["read"]) == (1, 1)
