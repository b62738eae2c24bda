"""Alerts: what changed in an agreement's verdicts, as an Atom feed and as signed webhooks.

`observe` judges the agreement now, stores what changed since the last look (see
`truce.domain.changes` and `truce.storage.alerts`), and posts the new changes to the agreement's
webhooks. A webhook's body is JSON; its `X-Truce-Signature` header is
`sha256=` + the hex HMAC-SHA256 of the exact body bytes under the webhook's secret, which the
receiver recomputes and compares in constant time (docs/server.md shows how).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from collections.abc import Sequence
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from truce import services
from truce.compact_json import finite
from truce.domain.changes import digest
from truce.storage.alerts import Alert, AlertStore, Webhook
from truce.storage.ledger import Ledger

log = logging.getLogger("truce.alerts")
DELIVERY_TIMEOUT_S = 5.0
ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)  # feeds print Atom as the default namespace


def observe(ledger: Ledger, agreement: str, deliver: bool = True) -> list[Alert]:
    """Judge `agreement` now, keep and return what changed, and tell its webhooks."""
    return look(ledger, agreement, deliver)[0]


def look(ledger: Ledger, agreement: str, deliver: bool = True) -> tuple[list[Alert], float]:
    """`observe`, and the instant until which the answer it observed holds with no append."""
    answer, until = services.status_holding(ledger, agreement)
    store = AlertStore(ledger.engine)
    new = store.observe(agreement, digest(answer))
    if new and deliver:
        for hook in store.webhooks(agreement):
            post(hook, agreement, new)
    return new, until


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post(hook: Webhook, agreement: str, new: Sequence[Alert]) -> int | None:
    """POST the changes to one webhook; its HTTP status, or None when it could not be reached
    (logged, never raised: a receiver that is down must not stop the others or the server)."""
    body = json.dumps(  # text only; `finite` keeps it JSON whatever a change may come to hold
        finite({"agreement": agreement, "changes": [a.as_dict() for a in new]}),
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    request = urllib.request.Request(
        hook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "truce-alerts",
            "X-Truce-Event": "verdicts.changed",
            "X-Truce-Delivery": f"{agreement}:{new[-1].id}",
            "X-Truce-Signature": signature(hook.secret, body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=DELIVERY_TIMEOUT_S) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as exc:
        log.warning("webhook %s answered %s", hook.id, exc.code)
        return int(exc.code)
    except (urllib.error.URLError, OSError) as exc:
        log.warning("webhook %s unreachable: %s", hook.id, exc)
        return None


def atom_feed(agreement: str, title: str, alerts: Sequence[Alert], link: str) -> bytes:
    """An Atom 1.0 feed of an agreement's alerts, newest first."""
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", f"urn:truce:{agreement}:alerts")
    _text(feed, "title", f"{title}: what changed")
    updated = alerts[0].observed_at if alerts else 0
    _text(feed, "updated", _stamp(updated))
    ET.SubElement(feed, f"{{{ATOM}}}link", href=link, rel="alternate")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "truce")
    for alert in alerts:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"urn:truce:{agreement}:alert:{alert.id}")
        _text(entry, "title", alert.title)
        _text(entry, "updated", _stamp(alert.observed_at))
        ET.SubElement(entry, f"{{{ATOM}}}category", term=alert.kind)
        ET.SubElement(entry, f"{{{ATOM}}}link", href=link, rel="alternate")
        _text(entry, "content", alert.detail).set("type", "text")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = value
    return element


def _stamp(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
