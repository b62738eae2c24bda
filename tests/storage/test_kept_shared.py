"""What is kept lives in the ledger's database (`storage.kept_place`), so a second process or host
with a cache folder of its own serves the first's kept answers and frame without judging or
regrouping; a damaged row is rejected and made again; an append makes them stale. On a real
SQLite file and the real PostgreSQL."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text

from tests.storage.gaza_record import AGREEMENT, _late_claims, _reference, _spec
from tests.storage.kept_rows import KeptRow
from truce import services
from truce.storage import Ledger, held, kept_breaches, kept_frame
from truce.storage.db import make_engine

SRC = Path(__file__).resolve().parents[2] / "src"
AT = "2023-11-28T12:00"
# Another process, its cache folder its own: judges "now" and AT, and draws the page's frame.
FIRST_HOST = """
import sys
from pathlib import Path
from truce import services
from truce.storage import Ledger
from truce.storage.db import make_engine
with Ledger(make_engine(sys.argv[1]), Path(sys.argv[2])) as ledger:
    services.status(ledger, sys.argv[3])
    services.status(ledger, sys.argv[3], sys.argv[4])
    ledger.events(sys.argv[3])
"""


@pytest.fixture
def url(gaza_url: str) -> str:
    return gaza_url


def _host(url: str, folder: Path) -> Ledger:
    """The ledger as one host opens it: its own engine and its own cache folder."""
    return Ledger(make_engine(url), folder)


def _built_here(folder: Path) -> list[Path]:
    """The snapshot files a host wrote: it read the projection and grouped the claims."""
    return sorted(folder.glob("*.arrow")) if folder.exists() else []


def test_a_second_process_serves_the_firsts_kept_answers_without_judging(
    url: str, tmp_path: Path, judged: list[str]
) -> None:
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    first = subprocess.run(
        [sys.executable, "-c", FIRST_HOST, url, str(tmp_path / "one"), AGREEMENT, AT],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert _built_here(tmp_path / "one")  # the first process built and judged
    with _host(url, tmp_path / "two") as second:
        at = services.status(second, AGREEMENT, AT)
        now = services.status(second, AGREEMENT)
        frame = second.events(AGREEMENT)
        assert judged == []  # neither judged here
        assert _built_here(tmp_path / "two") == []  # nor the frame built here
        assert at == _reference(second, AT)
        assert now == {**_reference(second, now["at"]), "at": now["at"]}
        built, _ = second.frame(AGREEMENT)  # now built here, from the projection
        assert list(frame.keys) == list(built.keys)
        assert np.array_equal(frame.members, built.members)
        assert np.array_equal(frame.at, built.at) and frame.actors == built.actors


def test_two_hosts_in_one_process_share_and_an_append_invalidates(
    url: str, tmp_path: Path, judged: list[str]
) -> None:
    spec, _ = _spec()
    with _host(url, tmp_path / "one") as one, _host(url, tmp_path / "two") as two:
        first = services.status(one, AGREEMENT, AT)
        one.events(AGREEMENT)
        assert services.status(two, AGREEMENT, AT) == first and len(judged) == 1
        two.append_claims(_late_claims(spec)[:3], "analyst")  # the head moves
        store = two.answers(AGREEMENT)
        assert store.read(store.head(), "2023-11-28T12:00:00+02:00") is None
        assert held.read(store, store.head(), 0.0) is None
        after = services.status(two, AGREEMENT, AT)
        assert len(judged) == 2 and after != first and after == _reference(two, AT)
        assert services.status(one, AGREEMENT, AT) == after and len(judged) == 2
        # The frame kept at the old head is not served at the new one: built again, and kept.
        frame = one.events(AGREEMENT)
        assert frame.claims == two.frame(AGREEMENT)[0].claims
        assert _built_here(tmp_path / "one")


@pytest.mark.parametrize("name", ["answer", "now", "frame", "breaches"])
def test_a_damaged_row_is_rejected_and_made_again(
    url: str, tmp_path: Path, judged: list[str], name: str
) -> None:
    with _host(url, tmp_path / "one") as one, _host(url, tmp_path / "two") as two:
        first = services.status(one, AGREEMENT, AT)
        services.status(one, AGREEMENT)
        good_frame = one.events(AGREEMENT)
        rows = {
            "answer": [r for r in _rows(one) if r.name.startswith("answer/")][0],
            "now": KeptRow(one, AGREEMENT, held.NAME),
            "frame": KeptRow(one, AGREEMENT, kept_frame.NAME),
            "breaches": KeptRow(one, AGREEMENT, kept_breaches.NAME),
        }
        row = rows[name]
        whole = row.read_bytes()
        header, body = whole.split(b"\n", 1)
        row.write_bytes(header + b"\n" + body[:-8] + b"\x00" * 8)  # same length, other bytes
        judged.clear()
        if name == "answer":
            assert services.status(two, AGREEMENT, AT) == first and len(judged) == 1
        elif name == "now":
            now = services.status(two, AGREEMENT)
            assert len(judged) == 1 and now == {**_reference(two, now["at"]), "at": now["at"]}
        elif name == "frame":
            frame = two.events(AGREEMENT)
            assert _built_here(tmp_path / "two")  # rejected: built from the projection
            assert list(frame.keys) == list(good_frame.keys)
        else:
            store = two.answers(AGREEMENT)
            assert kept_breaches.read(store) is None
            services.status(two, AGREEMENT, "2023-11-29T12:00")
            assert kept_breaches.read(store) is not None
        assert row.read_bytes() != header + b"\n" + body[:-8] + b"\x00" * 8  # made again
        if name != "now":  # "now" is judged at another instant: another text
            assert (
                json.loads(row.read_bytes().split(b"\n", 1)[0])["sha256"]
                == json.loads(header)["sha256"]
                or name == "breaches"
            )


def _rows(ledger: Ledger) -> list[KeptRow]:
    from tests.storage.kept_rows import kept_rows

    return kept_rows(ledger, AGREEMENT)


def test_a_cache_that_cannot_be_written_is_logged_and_ignored(
    url: str, tmp_path: Path, judged: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    spec, _ = _spec()
    with _host(url, tmp_path / "one") as one:
        with one.engine.begin() as conn:  # the cache gone: every read and write of it fails
            conn.execute(text("DROP TABLE kept"))
        with caplog.at_level(logging.WARNING, logger="truce.kept"):
            assert services.status(one, AGREEMENT, AT) == _reference(one, AT)
            one.events(AGREEMENT)
            one.append_claims(_late_claims(spec)[:1], "analyst")  # appends never depend on it
            assert services.status(one, AGREEMENT, AT) == _reference(one, AT)
        assert len(judged) == 2
        assert "could not keep" in caplog.text and "could not read kept" in caplog.text
