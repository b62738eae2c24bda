"""Alerts end to end: a webhook receiver on loopback gets each change once, signed with the
webhook's secret; the Atom feed lists the same changes; a write made by the CLI on the ledger a
running `truce serve` shares reaches the webhook through the server's watcher."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import httpx

from tests.server.conftest import Server, error_of
from tests.server.live import serving

ATOM = "{http://www.w3.org/2005/Atom}"


@contextmanager
def receiver() -> Iterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    """A webhook receiver on a free loopback port; yields its URL and what it received."""
    got: list[tuple[dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            got.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/hook", got
    finally:
        httpd.shutdown()
        httpd.server_close()


def _signed(secret: str, headers: dict[str, str], body: bytes) -> bool:
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["x-truce-signature"])


BREACH = {
    "agreement": "gaza-2023-11",
    "type": "breach",
    "date": "2023-11-27T10:00+02:00",
    "actor": "israel",
    "target": "hamas",
    "event_id": "d4-new-breach",
    "sources": [{"outlet": "Test Wire"}],
}


def test_each_change_reaches_the_webhook_once_signed_and_the_feed(server: Server) -> None:
    with receiver() as (url, got):
        made = server.post("/api/webhooks", json={"url": url, "agreement": "gaza-2023-11"})
        assert made.status_code == 201, made.text
        secret = made.json()["secret"]
        assert "secret" not in server.get("/api/webhooks").json()[0]

        first = server.get("/api/agreements/gaza-2023-11/changes", user="observer").json()
        assert {"breach_recorded", "dispute_opened"} <= {a["kind"] for a in first}
        assert len(got) == 1 and _signed(secret, *got[0])
        assert server.get("/api/agreements/gaza-2023-11/changes", user="observer").json() == first
        assert len(got) == 1  # looking again tells nothing new

        assert server.post("/api/claims", user="mediator", json=BREACH).status_code == 201
        after = server.get("/api/agreements/gaza-2023-11/changes", user="observer").json()
        assert after[0]["kind"] == "breach_recorded" and after[0]["key"] == "d4-new-breach"
        assert len(got) == 2
        headers, body = got[1]
        assert _signed(secret, headers, body) and not _signed("wrong", headers, body)
        sent = json.loads(body)
        assert [c["key"] for c in sent["changes"]] == ["d4-new-breach"]
        assert headers["x-truce-event"] == "verdicts.changed"

        feed = server.get("/agreements/gaza-2023-11/feed.atom", user="observer")
        assert feed.headers["content-type"].startswith("application/atom+xml")
        root = ET.fromstring(feed.content)
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == len(after)
        assert entries[0].findtext(f"{ATOM}title") == after[0]["title"]
        assert entries[0].find(f"{ATOM}category").get("term") == "breach_recorded"  # type: ignore[union-attr]


def test_webhooks_are_for_admins_and_http_addresses_only(server: Server) -> None:
    hostile = server.post("/api/webhooks", json={"url": "javascript:alert(1)"})
    assert hostile.status_code == 422 and error_of(hostile)["code"]
    refused = server.post("/api/webhooks", user="mediator", json={"url": "https://a.example/"})
    assert refused.status_code == 403 and error_of(refused)["code"] == "A403"
    assert server.get("/api/webhooks", user="observer").status_code == 403
    missing = server.client.delete("/api/webhooks/999", headers=server.auth("admin"))
    assert missing.status_code == 404 and error_of(missing)["code"] == "A450"


def test_a_cli_write_reaches_the_webhook_through_the_watcher(tmp_path: Path) -> None:
    db = str(tmp_path / "watched.db")
    with receiver() as (url, got), serving(db, env={"TRUCE_ALERTS_INTERVAL_S": "0.5"}) as live:
        token = live.admin_token
        made = httpx.post(f"{live.url}/api/webhooks", json={"url": url},
                          headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        assert made.status_code == 201, made.text
        secret = made.json()["secret"]
        deadline = time.monotonic() + 30
        while not got and time.monotonic() < deadline:
            time.sleep(0.2)  # the watcher's first look at every agreement
        assert got, "the watcher never looked"
        seen = len(got)
        subprocess.run(
            [sys.executable, "-m", "truce", "record", "-a", "gaza-2023-11", "-t", "breach",
             "-d", "2023-11-27T11:00+02:00", "--actor", "hamas", "--target", "israel",
             "--event-id", "cli-breach", "--outlet", "Test Wire"],
            env={**os.environ, "TRUCE_DB": db}, check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
            b"cli-breach" in body for _, body in got[seen:]
        ):
            time.sleep(0.2)
        told = [(h, b) for h, b in got[seen:] if b"cli-breach" in b]
        assert len(told) == 1 and _signed(secret, *told[0])
