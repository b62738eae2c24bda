"""Every dashboard page passes axe-core with no violation, at desktop and phone widths, and can be
worked from the keyboard: a skip link first, then the page's own controls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.browser import launched
from tests.server.live import serving
from tests.server.test_browser import REPORT

playwright_api = pytest.importorskip("playwright.sync_api")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")
WIDTHS = ({"width": 1280, "height": 900}, {"width": 390, "height": 844})
PAGES = (
    "/login",
    "/",
    "/agreements/gaza-2023-11?at=2023-12-01T08:00",
    "/agreements/gaza-2023-11?at=2023-11-26T12:00",
    "/agreements/minsk-2015",
    "/agreements/gaza-2023-11/claims",
    "/review?agreement=gaza-2023-11",
    "/review?agreement=gaza-2023-11&status=accepted",
    "/docs",
    "/agreements/no-such-agreement",
)


def _violations(page: Any) -> list[str]:
    results = axe_api.Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {n['target']}"
        for v in results.response["violations"]
        for n in v["nodes"]
    ]


def test_no_page_has_an_accessibility_violation(tmp_path: Path, chromium_path: Path) -> None:
    with serving(str(tmp_path / "a11y.db")) as live:
        token = live.admin_token
        assert token
        httpx.post(
            f"{live.url}/api/review/ingest",
            params={"agreement": "gaza-2023-11", "published": "2023-11-30"},
            files={"file": ("day7-wire.txt", REPORT.encode(), "text/plain")},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        ).raise_for_status()
        found: dict[str, list[str]] = {}
        with launched(chromium_path) as browser:
            for size in WIDTHS:
                page = browser.new_page(viewport=size)
                page.set_default_timeout(15_000)
                page.goto(f"{live.url}/login")
                found[f"{size['width']} /login (signed out)"] = _violations(page)
                page.fill("#token", token)
                page.click("button[type=submit]")
                page.wait_for_url(f"{live.url}/")
                for path in PAGES:
                    page.goto(f"{live.url}{path}")
                    found[f"{size['width']} {path}"] = _violations(page)
                page.close()
        assert {k: v for k, v in found.items() if v} == {}
        assert len(found) == 2 * (len(PAGES) + 1)


def test_the_keyboard_reaches_the_content_first_and_then_the_controls(
    tmp_path: Path,
    chromium_path: Path,
) -> None:
    with serving(str(tmp_path / "keys.db")) as live:
        token = live.admin_token
        assert token
        with launched(chromium_path) as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(15_000)
            page.goto(f"{live.url}/login")
            # Sign in with the keyboard alone: skip link, then the token field, then Enter.
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.textContent") == "Skip to content"
            page.keyboard.press("Enter")
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.id") == "token"
            page.keyboard.type(token)
            page.keyboard.press("Enter")
            page.wait_for_url(f"{live.url}/")
            page.goto(f"{live.url}/agreements/gaza-2023-11?at=2023-11-26T12:00")
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.textContent") == "Skip to content"
            page.keyboard.press("Enter")
            page.keyboard.press("Tab")
            # The first control after the skip is in the summary (what needs attention), not the
            # header's links.
            inside = page.evaluate("document.activeElement.closest('main') !== null")
            assert inside
