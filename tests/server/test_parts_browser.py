"""Sub-counts in Debian's Chromium at 1280 x 900 and 390 x 844, on a fresh `truce serve`: a
release of 13 hostages, 5 of them foreign nationals outside the deal, recorded through the API.

The day-5 quota card reads what it counted and what it left out, in words a screen reader reads
(a labelled list, not colour alone); at phone width nothing scrolls sideways and the line stays
inside the card."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.browser import launched, screenshot_folder
from tests.server.conftest import release
from tests.server.live import serving

playwright_api = pytest.importorskip("playwright.sync_api")
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
AT = "2023-11-29T12:00"
LINE = "8 counted of 13: 5 excluded (foreign-nationals)"


def _sign_in(page: Any, url: str, token: str) -> None:
    page.goto(f"{url}/login")
    page.fill("#token", token)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")


def test_the_quota_card_shows_counted_and_excluded_at_both_widths(
    tmp_path: Path, chromium_path: Path
) -> None:
    shots = screenshot_folder(tmp_path)
    with serving(str(tmp_path / "parts.db")) as live:
        token = live.admin_token
        assert token
        body = release(date="2023-11-28T20:00", quantity=13, event_id="d5-mixed",
                       parts={"foreign-nationals": 5})  # fmt: skip
        done = httpx.post(f"{live.url}/api/claims", json=body, timeout=60,
                          headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        assert done.status_code == 201, done.text
        with launched(chromium_path) as browser:
            for name, size in WIDTHS.items():
                page = browser.new_page(viewport=size, is_mobile=name == "phone")
                page.set_default_timeout(15_000)
                _sign_in(page, live.url, token)
                page.goto(f"{live.url}/agreements/gaza-2023-11?at={AT}")
                row = page.locator('[id="ob-daily-hostages/day-5"]')
                row.scroll_into_view_if_needed()
                line = row.locator("span.parts")
                assert line.inner_text() == LINE
                listed = row.get_by_role("list", name="by sub-count")
                items = [i.inner_text() for i in listed.get_by_role("listitem").all()]
                assert items == [
                    "8 other: counted",
                    "5 foreign-nationals: excluded by the term (foreign-nationals)",
                ]
                # Other days' quota cards read no claim with parts: no breakdown on them.
                assert page.locator('[id="ob-daily-hostages/day-4"] ul.parts').count() == 0
                wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert wide <= 0, f"{name}: the page scrolls sideways by {wide} px"
                for box in (line.bounding_box(), listed.bounding_box()):
                    assert box and box["x"] >= 0 and box["x"] + box["width"] <= size["width"]
                # The day table says the 5 are outside the terms, apart from those counted.
                day5 = page.locator("table#days tr", has_text="2023-11-28")
                assert day5.count() == 1
                assert "outside the terms (foreign-nationals)" in day5.inner_text()
                page.screenshot(path=str(shots / f"parts-{name}.png"))
                page.close()
