"""Two servers ("two hosts": two app instances, each with its own engine and cache folder) on one
ledger: the second shows the agreement page, now and at an instant, and the status API from what
the first kept in the database, judging nothing and building no frame; an append made through
either is judged once and seen by both; a damaged kept page is built again. SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.server.conftest import Server, release, running
from tests.storage.kept_rows import KeptRow, kept_rows
from truce.server.app import create_app
from truce.server.settings import ServerSettings
from truce.services import agreement_status, kept_pages
from truce.storage import Ledger
from truce.storage.db import make_engine

A = "gaza-2023-11"
PAGE = f"/agreements/{A}"
DAY4 = {"at": "2023-11-27T12:00"}


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The judgments the engine made, "now" or the instant (a kept answer read is none)."""
    made: list[str] = []
    real: Callable[..., Any] = agreement_status._judged

    def counted(ledger: Any, agreement: str, spec: Any, when: Any, horizon: Any = None) -> Any:
        made.append("now" if horizon is not None else when.isoformat())
        return real(ledger, agreement, spec, when, horizon)

    monkeypatch.setattr(agreement_status, "_judged", counted)
    return made


@pytest.fixture
def hosts(ledger_url: str, tmp_path: Path) -> Iterator[tuple[Server, Server, Path]]:
    with running(ledger_url) as one:
        folder = tmp_path / "second-host-cache"
        ledger = Ledger(make_engine(ledger_url), folder)
        app = create_app(ServerSettings(db=ledger_url, bootstrap_admin=False), ledger)
        two = Server(TestClient(app, raise_server_exceptions=False), ledger, one.tokens)
        try:
            yield one, two, folder
        finally:
            two.client.close()
            ledger.close()


def _same_page(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same state, days and charts (each shown at the instant it was asked)."""
    same = ("days", "totals", "grid", "chart", "breach_chart", "parts", "title")
    return {k: a[k] for k in same} == {k: b[k] for k in same} and (
        a["status"]["obligations"] == b["status"]["obligations"]
    )


def test_the_second_host_shows_the_firsts_pages_without_judging(
    hosts: tuple[Server, Server, Path], judged: list[str]
) -> None:
    one, two, folder = hosts
    first_now = one.get(f"{PAGE}.json").json()
    first_day4 = one.get(f"{PAGE}.json", params=DAY4).json()
    first_api = one.get(f"/api/agreements/{A}/status", params=DAY4)
    first_api_now = one.get(f"/api/agreements/{A}/status").json()
    assert len(judged) == 2  # now, and day 4
    assert KeptRow(one.ledger, A, "page/now").exists()  # kept with its span, as judged
    now = two.get(f"{PAGE}.json").json()
    day4 = two.get(f"{PAGE}.json", params=DAY4).json()
    api = two.get(f"/api/agreements/{A}/status", params=DAY4)
    api_now = two.get(f"/api/agreements/{A}/status").json()
    html = two.get(PAGE)
    assert judged == ["now", judged[1]]  # nothing judged by the second host
    assert not list(folder.glob("*.arrow"))  # nor its frame built from the claims
    assert _same_page(now, first_now) and day4 == first_day4
    assert api.status_code == 200 and api.json() == first_api.json()
    assert {**api_now, "at": ""} == {**first_api_now, "at": ""}
    assert {r.name for r in kept_rows(one.ledger, A, kept_pages.API)} == {
        f"{kept_pages.API}now",
        kept_pages._name(kept_pages.API, DAY4["at"]),
    }  # the API's bytes, kept
    assert html.status_code == 200 and first_now["title"] in html.text


def test_an_append_is_judged_once_and_seen_by_both(
    hosts: tuple[Server, Server, Path], judged: list[str]
) -> None:
    one, two, _ = hosts
    claims = one.get(f"{PAGE}.json").json()["status"]["counts"]["claims"]
    assert two.post("/api/claims", "mediator", json=release(quantity=9)).status_code == 201
    judged.clear()
    after = one.get(f"{PAGE}.json").json()
    assert after["status"]["counts"]["claims"] == claims + 1
    assert two.get(f"{PAGE}.json").json()["status"]["counts"]["claims"] == claims + 1
    assert judged == ["now"]


def test_a_damaged_kept_page_is_built_again(
    hosts: tuple[Server, Server, Path], judged: list[str]
) -> None:
    one, two, _ = hosts
    first = one.get(f"{PAGE}.json", params=DAY4).json()
    (row,) = [r for r in kept_rows(one.ledger, A, kept_pages.PREFIX) if r.name != "page/now"]
    header, body = row.read_bytes().split(b"\n", 1)
    forged = body.replace(b'"met"', b'"unmet"', 1)
    assert forged != body
    row.write_bytes(header + b"\n" + forged)
    assert two.get(f"{PAGE}.json", params=DAY4).json() == first
    assert KeptRow(one.ledger, A, row.name).read_bytes() == header + b"\n" + body  # kept anew
    assert len(judged) == 1  # the answer was still good: only the page was built again
