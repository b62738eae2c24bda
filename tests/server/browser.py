"""What every browser test shares: Debian's Chromium, headless, with the project's flags; the
folder screenshots go to; and a browser opened and closed around a test's steps."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_or_skip() -> Path:
    """Debian's chromium; a failure under CI when it is missing, else a visible skip."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but /usr/bin/chromium is missing (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return CHROMIUM


@contextmanager
def launched(chromium: Path) -> Iterator[Any]:
    """A headless Chromium (never Playwright's own download), closed however the steps end."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def signed_in(browser: Any, url: str, token: str) -> Any:
    """A new page of `browser` signed in at the server `url` through the sign-in form."""
    page = browser.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{url}/login")
    page.fill("#token", token)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")
    return page


def screenshot_folder(tmp_path: Path) -> Path:
    """Where screenshots go: TRUCE_SCREENSHOTS (docs/img for the docs' own) or a temp folder."""
    target = Path(os.environ.get("TRUCE_SCREENSHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target
