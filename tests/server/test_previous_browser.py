"""The agreement page asked while the new head is judged, with TRUCE_PREVIOUS_WHILE_JUDGING on:
the previous head's page, labelled as such, reloading itself until it is current (issue 12,
`server.previous_view`).

A real `truce serve` process and Debian's chromium at desktop and phone widths, axe-core
included. The judgment of the new head is held under way by the test: a `sitecustomize` on the
server's path makes the engine's judgment wait while a file the test owns exists (the engine
still judges, once released). Default off: the page waits for the judgment, as before.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.browser import launched, screenshot_folder
from tests.server.conftest import release
from tests.server.live import serving

playwright_api = pytest.importorskip("playwright.sync_api")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")

A = "gaza-2023-11"
PAGE = f"/agreements/{A}"
WIDTHS = ({"width": 1280, "height": 900}, {"width": 390, "height": 844})
SITE = """import os, time
hold = os.environ.get("DASHNOW_HOLD")
if hold:
    from truce.services import agreement_status
    judged = agreement_status._judged
    def held(*args, **kw):
        while os.path.exists(hold):
            time.sleep(0.05)
        return judged(*args, **kw)
    agreement_status._judged = held
"""


def violations(page: Any) -> list[str]:
    found = axe_api.Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {n['target']}" for v in found for n in v["nodes"]]


def claims_shown(html: str) -> int:
    found = re.search(r'id="claim-count">(\d+)<', html)
    assert found, html[:2000]
    return int(found[1])


def test_a_page_asked_while_the_new_head_is_judged_shows_the_previous_labelled(
    tmp_path: Path, chromium_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITE, encoding="utf-8")
    hold = tmp_path / "hold"
    env = {
        "PYTHONPATH": ":".join(p for p in (str(site), *sys.path) if p),
        "DASHNOW_HOLD": str(hold),
        "TRUCE_PREVIOUS_WHILE_JUDGING": "1",
    }
    shots = screenshot_folder(tmp_path)
    with serving(str(tmp_path / "ledger.db"), env=env) as live:
        auth = {"Authorization": f"Bearer {live.admin_token}"}
        api = httpx.Client(base_url=live.url, headers=auth, timeout=60)
        first = api.get(PAGE)
        assert first.status_code == 200 and 'id="previous"' not in first.text
        before = claims_shown(first.text)
        hold.touch()  # the next judgment waits until the file goes
        posted = api.post("/api/claims", json=release(quantity=9))
        assert posted.status_code == 201, posted.text
        seq = posted.json()["seq"]
        # The warm starts judging the new head at once; from then the page is the previous one.
        labelled = api.get(PAGE)
        for _ in range(200):
            if 'id="previous"' in labelled.text:
                break
            labelled = api.get(PAGE)
        assert 'id="previous"' in labelled.text
        assert (
            labelled.headers["Refresh"] == "3" and labelled.headers["Cache-Control"] == "no-store"
        )
        assert claims_shown(labelled.text) == before  # the previous head's page, unchanged
        assert f"chain head {seq - 1}, 1 ledger entry ago" in labelled.text
        assert f"at head {seq} now" in labelled.text
        # Its twins never show a previous head: the .json waits (here: until released).
        with pytest.raises(httpx.ReadTimeout):
            api.get(f"{PAGE}.json", timeout=1)
        found: dict[str, list[str]] = {}
        with launched(chromium_path) as browser:
            for size in WIDTHS:
                page = browser.new_page(viewport=size)
                page.set_default_timeout(30_000)
                page.goto(f"{live.url}/login")
                page.fill("#token", live.admin_token or "")
                page.click("button[type=submit]")
                page.wait_for_url(f"{live.url}/")
                page.goto(f"{live.url}{PAGE}")
                banner = page.locator("#previous")
                assert banner.is_visible()
                assert "not the current state" in banner.inner_text()
                assert page.locator("#claim-count").inner_text() == str(before)
                sideways = page.evaluate("document.documentElement.scrollWidth - innerWidth")
                assert sideways <= 0, (size, sideways)
                found[str(size["width"])] = violations(page)
                page.screenshot(path=str(shots / f"previous-head-{size['width']}.png"))
                if size["width"] == WIDTHS[-1]["width"]:
                    hold.unlink()  # the judgment ends; the page reloads itself and is current
                    page.wait_for_selector("#previous", state="detached", timeout=60_000)
                    page.wait_for_load_state()
                    assert page.locator("#claim-count").inner_text() == str(before + 1)
                page.close()
        assert found == {"1280": [], "390": []}
        after = api.get(PAGE)
        assert 'id="previous"' not in after.text and claims_shown(after.text) == before + 1
        assert api.get(f"{PAGE}.json").json()["status"]["counts"]["claims"] == before + 1
        api.close()


def test_by_default_a_page_asked_while_the_new_head_is_judged_waits(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITE, encoding="utf-8")
    hold = tmp_path / "hold"
    env = {"PYTHONPATH": ":".join(p for p in (str(site), *sys.path) if p),
           "DASHNOW_HOLD": str(hold)}  # fmt: skip
    with serving(str(tmp_path / "ledger.db"), env=env) as live:
        auth = {"Authorization": f"Bearer {live.admin_token}"}
        with httpx.Client(base_url=live.url, headers=auth, timeout=60) as api:
            before = claims_shown(api.get(PAGE).text)
            hold.touch()
            assert api.post("/api/claims", json=release(quantity=9)).status_code == 201
            with pytest.raises(httpx.ReadTimeout):  # it waits for the judgment under way
                api.get(PAGE, timeout=2)
            hold.unlink()
            shown = api.get(PAGE).text
            assert 'id="previous"' not in shown and claims_shown(shown) == before + 1
