"""A real `truce serve` under hostile clients on loopback: headers, slow and greedy connections,
unauthenticated uploads, and guessed tokens."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import error_of
from tests.server.live import Live, serving

HEADER_TIMEOUT_S = 1.5
MAX_CONNECTIONS = 6
TIMEOUT = 60


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    env = {"TRUCE_HEADER_TIMEOUT_S": str(HEADER_TIMEOUT_S),
           "TRUCE_MAX_CONNECTIONS": str(MAX_CONNECTIONS)}  # fmt: skip
    with serving(str(tmp_path_factory.mktemp("hard") / "served.db"), env=env) as server:
        yield server


def _connect(live: Live) -> socket.socket:
    host, port = live.url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=5)


def _closed_within(sock: socket.socket, seconds: float, trickle: bytes = b"") -> float | None:
    """How long until the server closed `sock` (sending `trickle` every 0.3 s meanwhile)."""
    start = time.monotonic()
    sock.settimeout(0.3)
    while time.monotonic() - start < seconds:
        try:
            if sock.recv(1024) == b"":
                return time.monotonic() - start
        except TimeoutError:
            try:
                if trickle:
                    sock.sendall(trickle)
            except OSError:
                return time.monotonic() - start
        except OSError:
            return time.monotonic() - start
    return None


def test_every_response_carries_the_security_headers(live: Live) -> None:
    api = {"Authorization": f"Bearer {live.admin_token}"}
    client = httpx.Client(base_url=live.url, timeout=TIMEOUT)
    responses = [
        client.get("/login"),
        client.get("/", follow_redirects=False),
        client.get("/agreements/gaza-2023-11", headers=api),
        client.get("/agreements/gaza-2023-11/claims", headers=api),
        client.get("/docs"),
        client.get("/openapi.json"),
        client.get("/static/truce.css"),
        client.get("/api/health"),
        client.get("/api/me"),  # 401 from the route
        client.post("/api/claims/import"),  # 401 before the body is read
        client.get("/nowhere"),
    ]
    for response in responses:
        headers = response.headers
        where = (response.request.method, response.request.url.path, response.status_code)
        policy = headers.get("content-security-policy", "")
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy, where
        assert "script-src" not in policy and "unsafe-inline" not in policy, where
        assert headers.get("x-content-type-options") == "nosniff", where
        assert headers.get("x-frame-options") == "DENY", where
        assert headers.get("referrer-policy") == "same-origin", where


def test_the_reference_loads_nothing_from_elsewhere(live: Live) -> None:
    page = httpx.get(f"{live.url}/docs", timeout=TIMEOUT)
    assert page.status_code == 200
    assert "<script" not in page.text
    assert not re.search(r'(src|href)="(https?:)?//', page.text)  # no third-party asset
    assert "/api/claims/import" in page.text and "/openapi.json" in page.text


def test_an_unauthenticated_upload_is_refused_before_its_body_is_read(live: Live) -> None:
    for auth in (b"", b"Authorization: Bearer truce_guessed\r\n"):
        with _connect(live) as sock:
            sock.sendall(
                b"POST /api/claims/import HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth
                + b"Content-Type: multipart/form-data; boundary=x\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n"
            )  # fmt: skip
            chunk = b"x" * 65_536  # the first 64 KiB of what would be 20 MB
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            started = time.monotonic()
            sock.settimeout(5)
            answer = sock.recv(4096)
            assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
            assert time.monotonic() - started < 5


def test_a_connection_that_never_finishes_its_headers_is_closed(live: Live) -> None:
    with _connect(live) as idle:
        assert _closed_within(idle, HEADER_TIMEOUT_S + 3) is not None
    with _connect(live) as slow:
        slow.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        took = _closed_within(slow, HEADER_TIMEOUT_S + 3, trickle=b"X-Slow: 1\r\n")
        assert took is not None and took < HEADER_TIMEOUT_S + 1.5
    assert httpx.get(f"{live.url}/api/health", timeout=TIMEOUT).status_code == 200


def test_connections_beyond_the_cap_are_closed_on_arrival(live: Live) -> None:
    held = [_connect(live) for _ in range(MAX_CONNECTIONS)]
    try:
        time.sleep(0.2)  # let the server accept them all
        with _connect(live) as extra:
            took = _closed_within(extra, 1.0)
            assert took is not None, "a connection beyond the cap was kept open"
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.2)
    assert httpx.get(f"{live.url}/api/health", timeout=TIMEOUT).status_code == 200


def test_failed_authentication_is_throttled_per_address(tmp_path: Path) -> None:
    with serving(str(tmp_path / "throttle.db")) as live:
        client = httpx.Client(base_url=live.url, timeout=TIMEOUT)
        bad = {"Authorization": "Bearer truce_guessed"}
        statuses = [client.get("/api/me", headers=bad).status_code for _ in range(10)]
        assert statuses == [401] * 10
        refused = client.get("/api/me", headers=bad)
        assert refused.status_code == 429 and error_of(refused)["code"] == "A429"
        assert int(refused.headers["retry-after"]) >= 1
        form = client.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
        login = client.post(
            "/login",
            data={"token": "truce_guessed", "csrf": csrf[1] if csrf else ""},
            headers={"Origin": live.url},
        )
        assert login.status_code == 429 and "A429" in login.text
        assert "retry-after" in login.headers
