"""Two `truce serve` processes on one ledger judge each new head once between them (issue 12,
`storage.judge_lock`).

Real processes on the real PostgreSQL database and on one SQLite file. Each logs a line per
judgment (`truce.judge`, switched on for these processes by a `sitecustomize` on their path);
the lines of both are counted per chain head. After each append, the two servers are asked
"now" at the same moment: one judges, the other waits for it and reads what it kept.
"""

from __future__ import annotations

import re
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import postgres_database
from tests.server.conftest import release
from tests.server.live import Live, serving

A = "gaza-2023-11"
STATUS = f"/api/agreements/{A}/status"
ROUNDS = 3
SITE = """import logging
logging.basicConfig(format="%(name)s: %(message)s")
logging.getLogger("truce.judge").setLevel(logging.INFO)
"""
JUDGED = re.compile(rf"truce\.judge: judging {A} at now on head (\d+)")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_at(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "shared.db")
        return
    urls = postgres_database()
    yield next(urls)
    next(urls, None)


def judged_now(*servers: Live) -> Counter[int]:
    """How many "now" judgments each head had, in the logs of every server (stopped first)."""
    found: Counter[int] = Counter()
    for live in servers:
        live.process.terminate()
        live.process.wait(30)
        assert live.process.stdout is not None
        found.update(int(seq) for seq in JUDGED.findall(live.process.stdout.read()))
    return found


def ask_together(clients: list[httpx.Client], path: str) -> list[httpx.Response]:
    """`path` asked of every client at the same moment (one thread each)."""
    together = threading.Barrier(len(clients))
    answers: list[httpx.Response | None] = [None] * len(clients)

    def ask(k: int) -> None:
        together.wait(10)
        answers[k] = clients[k].get(path)

    threads = [threading.Thread(target=ask, args=(k,)) for k in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert all(a is not None for a in answers)
    return [a for a in answers if a is not None]


def test_two_servers_judge_each_new_head_once(ledger_at: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITE, encoding="utf-8")
    path = ":".join(p for p in (str(site), *sys.path) if p)
    # No background warm: the two requests below are the only judges.
    env = {"PYTHONPATH": path, "TRUCE_WARM_ANSWERS": "0"}
    with (
        serving(ledger_at, env=env) as one,
        serving(ledger_at, "--no-example", expect_token=False, env=env) as two,
    ):
        auth = {"Authorization": f"Bearer {one.admin_token}"}
        clients = [httpx.Client(base_url=s.url, headers=auth, timeout=120) for s in (one, two)]
        counts = [c.get(STATUS).json()["counts"]["claims"] for c in clients]
        assert counts[0] == counts[1]
        heads = []
        for n in range(ROUNDS):
            posted = clients[0].post("/api/claims", json=release(quantity=n + 1))
            assert posted.status_code == 201, posted.text
            heads.append(posted.json()["seq"])
            answers = ask_together(clients, STATUS)
            assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
            got = [a.json() for a in answers]
            # Both at the new head: the one that waited read the other's answer, not an older one.
            assert [g["counts"]["claims"] for g in got] == [counts[0] + n + 1] * 2
            assert {**got[0], "at": None} == {**got[1], "at": None}
        for c in clients:
            c.close()
        judged = judged_now(one, two)
    assert [judged[seq] for seq in heads] == [1] * ROUNDS, judged
