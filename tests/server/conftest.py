"""A real truce app on a real ledger (SQLite file and PostgreSQL), with one user per role."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests import conftest as shared
from tests.conftest import postgres_database
from tests.server.browser import chromium_or_skip
from truce.server.app import create_app
from truce.server.bootstrap import prepare
from truce.server.settings import ServerSettings
from truce.services import instants
from truce.storage.ledger import Ledger
from truce.storage.users import UserStore

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "eval" / "gold" / "documents" / "seed-2023-11-28.txt"  # the repo's copy
GAZA_YAML = ROOT / "examples" / "agreements" / "gaza-2023-11.yaml"

ROLES = {
    "admin": "admin",
    "mediator": "mediator",
    "observer": "observer",
    "israel-desk": "party:israel",
    "hamas-desk": "party:hamas",
}


@dataclass
class Server:
    client: TestClient
    ledger: Ledger
    tokens: dict[str, str] = field(default_factory=dict)

    def auth(self, user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[user]}"}

    def get(self, path: str, user: str = "admin", **kw: Any) -> Any:
        return self.client.get(path, headers=self.auth(user), **kw)

    def post(self, path: str, user: str = "admin", **kw: Any) -> Any:
        return self.client.post(path, headers=self.auth(user), **kw)

    def sign_in(self, user: str) -> Session | None:
        """Sign in through the real form, in a browser of its own (the shared client keeps no
        cookie); None when the sign-in is refused."""
        browser = TestClient(self.client.app)
        form = browser.get("/login")
        login_csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert login_csrf, form.text
        signed = browser.post("/login", data={"token": self.tokens[user], "next": "/",
                              "csrf": login_csrf[1]}, follow_redirects=False)  # fmt: skip
        if signed.status_code != 303:
            return None
        page = browser.get("/")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf, page.text
        return Session(browser, browser.cookies["truce_session"], csrf[1])


@dataclass
class Session:
    """A signed-in browser: its cookie jar holds the session; forms need `csrf`."""

    browser: TestClient
    cookie: str
    csrf: str


# Day 2 of the Gaza pause at noon: where a moved clock starts (`clock`).
GAZA_DAY_2 = datetime.fromisoformat("2023-11-25T12:00:00+02:00").timestamp()


class Clock:
    """The instant "now" is judged and shown at (`services.instants.now_s`): set `at` to move it."""

    def __init__(self, at: float) -> None:
        self.at = at

    def __call__(self) -> float:
        return self.at


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The test's own clock, at `GAZA_DAY_2`: a span can be crossed without waiting for it."""
    moved = Clock(GAZA_DAY_2)
    monkeypatch.setattr(instants, "now_s", moved)
    return moved


@contextmanager
def running(url: str, **settings: Any) -> Iterator[Server]:
    s = start(url, **settings)
    try:
        yield s
    finally:
        s.client.close()
        s.ledger.close()


def start(url: str, **settings: Any) -> Server:
    # The role matrix sends many unknown tokens from one client; the limit is tested apart.
    settings.setdefault("auth_failure_burst", 10_000)
    config = ServerSettings(db=url, bootstrap_admin=False, **settings)
    if config.load_example and shared.TEMPLATES is not None:
        # A blank ledger becomes a copy of the session's served example, which `prepare` built
        # once: prepare then finds it at the head revision and the example already there.
        shared.TEMPLATES.fill(url, "served", _served)
    started = prepare(config)
    store = UserStore(started.ledger.engine)
    tokens = {name: store.add(name, role, "test")[1] for name, role in ROLES.items()}
    client = TestClient(create_app(config, started.ledger), raise_server_exceptions=False)
    return Server(client, started.ledger, tokens)


def _served(url: str) -> None:
    """The state `prepare` leaves a new ledger in: migrated, the bundled example loaded."""
    prepare(ServerSettings(db=url, bootstrap_admin=False)).ledger.close()


@pytest.fixture
def server(ledger_url: str) -> Iterator[Server]:
    """The bundled example served from SQLite and from PostgreSQL."""
    with running(ledger_url) as s:
        yield s


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def shared_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """One server per module and backend, for tests that only add (never assume emptiness)."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([str(tmp_path_factory.mktemp("shared") / "served.db")])
    else:
        urls = postgres_database()
    with running(next(urls)) as s:
        yield s
    next(urls, None)  # drops the PostgreSQL database


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[Server]:
    with running(str(tmp_path / "served.db")) as s:
        yield s


def release(**changes: Any) -> dict[str, Any]:
    """A claim body: hamas releases hostages on day 2 of the Gaza pause."""
    body: dict[str, Any] = {
        "agreement": "gaza-2023-11",
        "type": "release",
        "date": "2023-11-25T18:30",
        "actor": "hamas",
        "target": "israel",
        "quantity": 13,
        "subject": "hostages",
        "sources": [{"outlet": "AFP", "speaker": "Majed al-Ansari", "role": "spokesman"}],
    }
    body.update(changes)
    return body


def error_of(response: Any) -> dict[str, Any]:
    """The one error shape; fails the test if the body has any other."""
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"status", "code", "message", "hint", "details"}, error
    assert error["status"] == response.status_code
    assert error["message"] and error["hint"]
    assert isinstance(error["details"], list)
    return dict(error)


@pytest.fixture
def chromium_path() -> Path:
    """Debian's chromium for the browser tests (tests/server/browser.py)."""
    return chromium_or_skip()
