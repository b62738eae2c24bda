"""The review form in Debian's Chromium against a real `truce serve`, at 1280 x 900 and 390 x 844:
documents head their candidates, every button is on screen and nothing scrolls sideways (the
edits open), axe-core finds nothing, and the keyboard alone edits a candidate, accepts it, and
files another under a suggested event."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.browser import launched, screenshot_folder
from tests.server.live import serving
from tests.server.test_review_form import TEN, WIRE

playwright_api = pytest.importorskip("playwright.sync_api")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _ingest(url: str, token: str, name: str, body: bytes, published: str | None) -> None:
    params = {"agreement": "gaza-2023-11"} | ({"published": published} if published else {})
    done = httpx.post(f"{url}/api/review/ingest", params=params, files={"file": (name, body)},
                      headers={"Authorization": f"Bearer {token}"}, timeout=60)  # fmt: skip
    assert done.status_code == 201 and done.json()["queued"] >= 1, done.text


def _api(url: str, token: str, path: str) -> Any:
    return httpx.get(f"{url}{path}", headers={"Authorization": f"Bearer {token}"}).json()


def _sign_in(page: Any, url: str, token: str) -> None:
    page.goto(f"{url}/login")
    page.fill("#token", token)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")


def _on_screen(page: Any, locator: Any, width: int) -> None:
    box = locator.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (locator, box)


def _sideways(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def test_the_form_fits_both_widths_and_passes_axe(tmp_path: Path, chromium_path: Path) -> None:
    shots = screenshot_folder(tmp_path)
    with serving(str(tmp_path / "form.db")) as live:
        token = live.admin_token
        assert token
        _ingest(live.url, token, "ten.txt", TEN.encode(), "2023-11-29")
        _ingest(live.url, token, "wire.jsonl", json.dumps(WIRE).encode(), None)
        with launched(chromium_path) as browser:
            for name, size in SIZES.items():
                page = browser.new_page(viewport=size, is_mobile=name == "phone")
                page.set_default_timeout(15_000)
                _sign_in(page, live.url, token)
                page.goto(f"{live.url}/review?agreement=gaza-2023-11")
                headers = page.locator("section.document h2").all_inner_texts()
                assert headers[0] == "Two more hostages freed" and len(headers) == 2
                wire = page.locator("section.document").first
                assert "Example Wire" in wire.locator(".doc-meta").inner_text()
                assert wire.locator("tr[data-candidate]").count() >= 1
                ten = page.locator("section.document").nth(1)
                attach = ten.locator("button[name=attach]", has_text="d7-hostages")
                assert "the day after (2023-11-30)" in ten.locator(".suggestions").inner_text()
                for button in (page.locator("#candidates button", has_text="Accept").first,
                               page.locator("#candidates button", has_text="Reject").first,
                               attach):  # fmt: skip
                    button.scroll_into_view_if_needed()
                    _on_screen(page, button, size["width"])
                assert _sideways(page) <= 0
                ten.scroll_into_view_if_needed()
                page.screenshot(path=str(shots / f"review-suggestions-{name}.png"))
                for summary in page.locator("form.accept summary").all():
                    summary.click()
                place = wire.locator("input[name=place_lon]")
                assert place.is_visible()
                _on_screen(page, place, size["width"])
                assert _sideways(page) <= 0, f"{name}: {_sideways(page)} px sideways, edits open"
                violations = axe_api.Axe().run(page).response["violations"]
                assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
                wire.scroll_into_view_if_needed()
                page.screenshot(path=str(shots / f"review-form-{name}.png"))
                page.close()


def test_the_keyboard_edits_accepts_and_attaches(tmp_path: Path, chromium_path: Path) -> None:
    with serving(str(tmp_path / "keys.db")) as live:
        token = live.admin_token
        assert token
        _ingest(live.url, token, "ten.txt", TEN.encode(), "2023-11-29")
        _ingest(live.url, token, "wire.jsonl", json.dumps(WIRE).encode(), None)
        with launched(chromium_path) as browser:
            page = browser.new_page(viewport=SIZES["desktop"])
            page.set_default_timeout(15_000)
            _sign_in(page, live.url, token)
            page.goto(f"{live.url}/review?agreement=gaza-2023-11")
            wire = page.locator("section.document").first
            candidate = wire.locator("tr[data-candidate]").first.get_attribute("data-candidate")
            wire.locator("input[name=quantity]").focus()
            keys = page.keyboard
            keys.type("2")
            keys.press("Tab")
            assert page.evaluate("document.activeElement.name") == "date"
            keys.press("Tab")
            assert page.evaluate("document.activeElement.textContent") == "Accept"
            keys.press("Tab")
            assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
            keys.press("Enter")  # opens the edits
            typed = {"event_id": "ev-pair-30", "actor": "hamas", "target": "israel",
                     "categories": "women", "parts": "",  # no sub-counts typed
                     "place_name": "Kerem Shalom", "place_country": "ISR",
                     "place_lat": "31.2283", "place_lon": "34.2836"}  # fmt: skip
            for box, value in typed.items():
                keys.press("Tab")
                assert page.evaluate("document.activeElement.name") == box
                keys.press("Control+A")
                keys.type(value)
            keys.press("Enter")  # Enter in a box submits with Accept, the form's first button
            page.wait_for_selector("#accepted")
            notice = page.locator("#accepted").inner_text()
            assert candidate in notice and "ev-pair-30" in notice
            decided = _api(live.url, token, f"/api/review/{candidate}")
            claim = _api(live.url, token, f"/api/claims/{decided['claim_id']}")
            assert (claim["event_id"], claim["quantity"], claim["target"]) == (
                "ev-pair-30", 2, "israel")  # fmt: skip
            assert claim["extra"]["place"]["country"] == "ISR"
            assert claim["sources"][0]["url"] == WIRE["url"] and claim["quote"]
            # The other document's candidate: Tab to the suggestion's button, Enter.
            attach = page.locator("button[name=attach]", has_text="d7-hostages")
            row = page.locator("tr[data-candidate]", has=attach)
            other = row.get_attribute("data-candidate")
            row.locator("summary").focus()
            for _ in range(12):  # past the earlier suggestions' buttons
                if page.evaluate("document.activeElement.value") == "d7-hostages":
                    break
                keys.press("Tab")
            assert page.evaluate("document.activeElement.value") == "d7-hostages"
            keys.press("Enter")
            page.wait_for_selector("#accepted")
            decided = _api(live.url, token, f"/api/review/{other}")
            claim = _api(live.url, token, f"/api/claims/{decided['claim_id']}")
            assert claim["event_id"] == "d7-hostages"
