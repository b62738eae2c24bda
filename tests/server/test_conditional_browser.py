"""Debian's Chromium on a real `truce serve`: a page visited again is revalidated with its tag
(`server.conditional`), answered 304, shown from what the browser kept, and its form posts."""

from __future__ import annotations

from pathlib import Path

from tests.server.browser import launched, signed_in
from tests.server.live import serving

A = "gaza-2023-11"


def test_the_browser_revalidates_a_page_shows_it_and_its_form_posts(
    tmp_path: Path, chromium_path: Path
) -> None:
    with serving(str(tmp_path / "served.db")) as live, launched(chromium_path) as browser:
        assert live.admin_token
        page = signed_in(browser, live.url, live.admin_token)
        url = f"{live.url}/agreements/{A}/claims?type=release"
        first = page.goto(url)
        assert first is not None and first.status == 200
        tag = first.header_value("etag")
        assert tag and first.header_value("cache-control") == "private, no-cache"
        token = page.locator("#record input[name=csrf]").get_attribute("value")
        found = page.locator("#found").inner_text()
        again = page.goto(url)
        assert again is not None
        assert again.request.header_value("if-none-match") == tag
        # Answered 304: no body came, and the headers are the 304's (no Content-Type); Chromium
        # reports the page it kept as the answer, 200.
        assert first.request.sizes()["responseBodySize"] > 1000
        assert again.request.sizes()["responseBodySize"] == 0
        assert "content-type" not in again.all_headers() and again.status == 200
        assert page.locator("#found").inner_text() == found
        assert page.locator("#record input[name=csrf]").get_attribute("value") == token
        page.locator("#record summary").click()
        form = page.locator("#record form")
        form.locator("select[name=type]").select_option("release")
        form.locator("input[name=date]").fill("2023-11-27T10:00")
        form.locator("select[name=actor]").select_option("hamas")
        form.locator("input[name=quantity]").fill("3")
        form.locator("input[name=outlet]").fill("Revalidated Wire")
        form.locator("button[type=submit]").click()
        page.wait_for_selector("#recorded")
        # A release more: the list is sent anew, with a new tag.
        after = page.goto(url)
        assert after is not None and after.status == 200 and after.header_value("etag") != tag
        assert page.locator("#found").inner_text() != found
