"""The claims list in Debian's Chromium at desktop and phone widths: the filter form worked by
its labels and the keyboard, the filters kept in the URL, sorting and paging by links, the
filtered CSV downloaded and opened, cards and nothing sideways at 390 px, axe-core clean."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.server.browser import launched, screenshot_folder
from tests.server.live import serving

playwright_api = pytest.importorskip("playwright.sync_api")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")
WIDTHS = ({"width": 1280, "height": 900}, {"width": 390, "height": 844})
CLAIMS = "/agreements/gaza-2023-11/claims"


def _violations(page: Any) -> list[str]:
    results = axe_api.Axe().run(page)
    return [f"{v['id']}: {n['target']}" for v in results.response["violations"] for n in v["nodes"]]


def _api_ids(url: str, token: str, **params: str) -> list[str]:
    body = httpx.get(f"{url}/api/claims", params={"agreement": "gaza-2023-11", "limit": 1000,
                     **params}, headers={"Authorization": f"Bearer {token}"}).json()  # fmt: skip
    return [c["id"] for c in body["claims"]]


def test_the_filter_form_at_both_widths(tmp_path: Path, chromium_path: Path) -> None:
    shots = screenshot_folder(tmp_path)
    with serving(str(tmp_path / "lists.db")) as live:
        token = live.admin_token
        assert token
        wanted = _api_ids(live.url, token, type="release", sort="-quantity",
                          **{"from": "2023-11-24", "to": "2023-11-30"})  # fmt: skip
        assert 20 < len(wanted) < len(_api_ids(live.url, token))
        with launched(chromium_path) as browser:
            for size in WIDTHS:
                context = browser.new_context(viewport=size, accept_downloads=True)
                page = context.new_page()
                page.set_default_timeout(20_000)
                page.goto(f"{live.url}/login")
                page.fill("#token", token)
                page.click("button[type=submit]")
                page.wait_for_url(f"{live.url}/")
                page.goto(f"{live.url}{CLAIMS}")
                # Filled through the labels a person reads, submitted from the keyboard.
                page.get_by_label("type").first.select_option("release")
                page.get_by_label("from").fill("2023-11-24")
                page.get_by_label("to", exact=True).fill("2023-11-30")
                page.get_by_label("sort by").select_option("-quantity")
                page.get_by_label("per page").select_option("10")
                page.get_by_label("source or outlet").press("Enter")
                page.wait_for_url("**type=release**")
                query = parse_qs(urlsplit(page.url).query)
                assert query["type"] == ["release"] and query["from"] == ["2023-11-24"]
                assert query["sort"] == ["-quantity"] and query["per_page"] == ["10"]
                assert page.locator("#found b").inner_text() == str(len(wanted))
                shown = page.locator("#claims tr[id^=claim-]")
                ids = [
                    i.removeprefix("claim-") for i in shown.evaluate_all("r => r.map(e => e.id)")
                ]
                assert ids == wanted[:10]
                assert _violations(page) == [], size
                if size["width"] == 390:
                    sideways = page.evaluate("document.documentElement.scrollWidth - innerWidth")
                    assert sideways <= 0
                    display = shown.first.evaluate("e => getComputedStyle(e).display")
                    assert display == "block"  # a card, not a table row
                page.screenshot(path=str(shots / f"claims-filtered-{size['width']}.png"),
                                full_page=True)  # fmt: skip
                # The next page keeps every filter and continues the order.
                page.locator("nav.pager a[rel=next]").click()
                page.wait_for_url("**page=2**")
                later = shown.evaluate_all("r => r.map(e => e.id.slice(6))")
                assert later == wanted[10:20]
                # The download is the filtered list, whole (every page), as the page orders it.
                with page.expect_download() as caught:
                    page.get_by_role("link", name="CSV").click()
                saved = tmp_path / f"list-{size['width']}.csv"
                caught.value.save_as(saved)
                with saved.open(newline="", encoding="utf-8") as handle:
                    assert [r["id"] for r in csv.DictReader(handle)] == wanted
                if size["width"] > 640:  # a column head sorts; its state is announced
                    page.get_by_role("link", name="date").first.click()
                    page.wait_for_url("**sort=date**")
                    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("date")
                else:  # cards have no heads: the form's sort, from the keyboard
                    page.get_by_label("sort by").select_option("date")
                    page.get_by_role("button", name="Show").press("Enter")
                    page.wait_for_url("**sort=date**")
                dates = shown.evaluate_all("r => r.map(e => e.querySelector('time').dateTime)")
                assert dates == sorted(dates) and "page=" not in page.url.replace("per_page", "")
                context.close()
