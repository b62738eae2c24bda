"""A real `truce serve` process on a loopback port, for tests that need a server over TCP."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

START_TIMEOUT_S = 60


@dataclass
class Live:
    url: str
    admin_token: str | None
    process: subprocess.Popen[str]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(
    db: str, *args: str, expect_token: bool = True, env: dict[str, str] | None = None
) -> Iterator[Live]:
    """`truce serve` on a loopback port the server itself picks (`--port 0`, then read from the
    line it prints), so test processes running side by side never race for one; `env` adds
    TRUCE_* settings."""
    env = {**os.environ, "TRUCE_DB": db, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "truce", "serve", "--port", "0", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = ""
    token = None
    lines: list[str] = []
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                raise AssertionError("truce serve exited:\n" + "".join(lines))
            lines.append(line)
            serving_at = re.search(r"truce serving .* at (http://127\.0\.0\.1:\d+)/", line)
            if serving_at:
                url = serving_at.group(1)
                break
            # The token alone on its line: the database's name ("truce_test_gw0_...") is not one.
            found = re.fullmatch(r"\s*(truce_[A-Za-z0-9_-]{20,})\s*", line)
            if found:
                token = found.group(1)
        assert url, "truce serve never said where it listens:\n" + "".join(lines)
        _wait_healthy(url, deadline)
        if expect_token:
            assert token, "".join(lines)
        yield Live(url, token, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_healthy(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} never answered")
