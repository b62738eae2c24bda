"""The dashboard on a phone (390 x 844) and the summary at a glance, in Debian's Chromium.

Nothing may scroll sideways on any page; tables become stacked cards with the status and the
Accept/Reject buttons on screen; the chart's day labels stay legible; the summary says the
state and what needs attention in words, with times in their zone and no microseconds.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.browser import launched, screenshot_folder
from tests.server.live import serving
from tests.server.test_browser import REPORT

playwright_api = pytest.importorskip("playwright.sync_api")
PHONE = {"width": 390, "height": 844}
AT = "2023-12-01T08:00"
PAGES = (
    "/",
    f"/agreements/gaza-2023-11?at={AT}",
    "/agreements/gaza-2023-11?at=2023-11-26T12:00",
    "/agreements/minsk-2015",
    "/agreements/gaza-2023-11/claims",
    "/review?agreement=gaza-2023-11",
    "/docs",
)


def _sideways(page: Any) -> int:
    """How far the page reaches past the viewport's right edge, in CSS pixels."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def _sign_in(page: Any, url: str, token: str) -> None:
    page.goto(f"{url}/login")
    assert _sideways(page) <= 0
    box = page.locator("#token").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    page.fill("#token", token)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")


def test_no_page_scrolls_sideways_on_a_phone(tmp_path: Path, chromium_path: Path) -> None:
    shots = screenshot_folder(tmp_path)
    with serving(str(tmp_path / "phone.db")) as live:
        token = live.admin_token
        assert token
        queued = httpx.post(
            f"{live.url}/api/review/ingest",
            params={"agreement": "gaza-2023-11", "published": "2023-11-30"},
            files={"file": ("day7-wire.txt", REPORT.encode(), "text/plain")},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )
        assert queued.json()["queued"] >= 1, queued.text
        with launched(chromium_path) as browser:
            page = browser.new_page(viewport=PHONE, device_scale_factor=2, is_mobile=True)
            page.set_default_timeout(15_000)
            _sign_in(page, live.url, token)
            for path in PAGES:
                page.goto(f"{live.url}{path}")
                assert _sideways(page) <= 0, f"{path} scrolls sideways by {_sideways(page)} px"
            page.goto(f"{live.url}/agreements/gaza-2023-11?at={AT}")
            # The status of every obligation card is on screen, not cut off to the right.
            for badge in page.locator("#obligations .status").all()[:12]:
                box = badge.bounding_box()
                assert box and box["x"] + box["width"] <= PHONE["width"]
            # Day labels under the chart: thinned, and at least 8 px high once scaled down.
            label = page.locator("svg.chart text.day").first.bounding_box()
            assert label and label["height"] >= 8
            # The summary's four figures sit two to a row, so the first screen shows them all.
            tops = {round(c.bounding_box()["y"]) for c in page.locator("#summary .card").all()}
            assert len(tops) == 2, f"the summary's cards take {len(tops)} rows at 390 px"
            page.screenshot(path=str(shots / "phone-agreement.png"))  # the first screen
            page.locator("#obligations").scroll_into_view_if_needed()
            page.screenshot(path=str(shots / "phone-obligations.png"))
            page.goto(f"{live.url}/review?agreement=gaza-2023-11")
            for name in ("Accept", "Reject"):
                button = page.locator("#candidates button", has_text=name).first
                box = button.bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
            page.screenshot(path=str(shots / "phone-review.png"))


def test_the_summary_says_the_state_and_what_needs_attention(
    tmp_path: Path,
    chromium_path: Path,
) -> None:
    with serving(str(tmp_path / "glance.db")) as live:
        token = live.admin_token
        assert token
        with launched(chromium_path) as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(15_000)
            _sign_in(page, live.url, token)
            page.goto(f"{live.url}/agreements/gaza-2023-11?at={AT}")
            assert page.locator("#state").inner_text().lower() == "ended"
            clock = page.locator("#clock").inner_text()
            assert clock.startswith("ended ") and "UTC+02:00" in clock
            moment = page.locator("#at").inner_text()
            assert moment == "Fri 01 Dec 2023, 08:00 UTC+02:00"  # no seconds, no microseconds
            assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d", page.inner_text("#summary"))
            attention = page.locator("#attention").inner_text()
            assert "undetermined" in attention or "unmet" in attention
            assert "summary tone-" in page.inner_html("main")
            # A period with nothing recorded reads as a gap, not as a negative debt.
            for row in page.locator("#obligations tr", has_text="no_record").all():
                assert (
                    "none recorded" in row.inner_text()
                    and "-" not in row.locator("td[data-label=balance]").inner_text()
                )
            page.goto(f"{live.url}/agreements/gaza-2023-11?at=2023-11-26T12:00")
            assert page.locator("#state").inner_text().lower() == "active"
            assert re.fullmatch(r"day 3 of \d+", page.locator("#clock").inner_text())
            # Minsk records breaches only: no empty "Releases per day" chart.
            page.goto(f"{live.url}/agreements/minsk-2015")
            assert page.locator("h2", has_text="Releases per day").count() == 0
