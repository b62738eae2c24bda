"""The lock taken around judging a status (`storage.judge_lock`), on a real SQLite file and the
real PostgreSQL: the second taker of a judgment's lock waits for the first and is told it
waited; another judgment is not held up; a taker in another process waits too."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from truce.storage import Ledger, judge_lock
from truce.storage.answers import AnswerStore
from truce.storage.snapshot import Head

A = "gaza-2023-11"
HEAD = Head(7, "ab" * 32)


def other_slot(store: AnswerStore, asked: str) -> str:
    """An instant whose lock is another slot than `asked`'s."""
    taken = judge_lock.slot(store, HEAD, asked)
    for n in range(100):
        other = f"2023-11-{24 + n % 7}T{n % 24:02d}:00:00+02:00"
        if judge_lock.slot(store, HEAD, other) != taken:
            return other
    raise AssertionError("no other slot")


def test_the_second_taker_waits_for_the_first(ledger_url: str) -> None:
    with Ledger.init(ledger_url) as ledger:
        store = ledger.answers(A)
        assert store.usable
        inside = threading.Event()
        leave = threading.Event()
        seen: dict[str, object] = {}

        def first() -> None:
            with judge_lock.holding(store, HEAD, "now") as waited:
                seen["first"] = waited
                inside.set()
                leave.wait(30)

        def second() -> None:
            began = time.monotonic()
            with judge_lock.holding(store, HEAD, "now") as waited:
                seen["second"] = (waited, time.monotonic() - began)

        one = threading.Thread(target=first)
        one.start()
        assert inside.wait(30)
        # Another judgment, on another slot, is not held up by it.
        with judge_lock.holding(store, HEAD, other_slot(store, "now")) as waited:
            assert waited is False
        two = threading.Thread(target=second)
        two.start()
        time.sleep(0.5)
        assert "second" not in seen  # still waiting
        leave.set()
        one.join(30)
        two.join(30)
        assert seen["first"] is False
        waited, took = seen["second"]  # type: ignore[misc]
        assert waited is True and took >= 0.5


HOLDER = """
import sys, time
from truce.storage import Ledger, judge_lock
from truce.storage.snapshot import Head
with Ledger.open(sys.argv[1]) as ledger:
    with judge_lock.holding(ledger.answers("gaza-2023-11"), Head(7, "ab" * 32), "now") as w:
        print("held", w, flush=True)
        time.sleep(float(sys.argv[2]))
"""


def test_a_taker_in_another_process_waits(ledger_url: str, tmp_path: Path) -> None:
    with Ledger.init(ledger_url):
        pass  # the schema, before two processes open it
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, ledger_url, "1.5"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held False"
        with Ledger.open(ledger_url) as ledger:
            began = time.monotonic()
            with judge_lock.holding(ledger.answers(A), HEAD, "now") as waited:
                took = time.monotonic() - began
        assert waited is True and took > 0.3, took
    finally:
        holder.wait(30)


def test_nowhere_to_keep_answers_takes_no_lock() -> None:
    with Ledger.init("sqlite:///:memory:") as ledger:
        store = ledger.answers(A)
        assert not store.usable
        with judge_lock.holding(store, HEAD, "now") as waited:
            assert waited is False
