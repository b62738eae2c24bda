"""The map and the document view in Debian's Chromium at 1280x900 and 390x844, against a real
`truce serve`: the markers where the places are, filters and `?at=` narrowing what is drawn,
marks around exactly the evidence, links both ways, axe-core clean, nothing sideways on a phone,
and not one request leaving loopback. Screenshots go to TRUCE_SCREENSHOTS (docs/img)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.browser import launched, screenshot_folder
from tests.server.live import serving

playwright_api = pytest.importorskip("playwright.sync_api")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
HOSTILE = (
    "GAZA, Nov 28 (Wire) - <b>Hamas</b> released eleven hostages on Monday night, "
    "Qatar's foreign ministry said. <script>document.title='owned'</script> "
    "Israel freed 33 Palestinian prisoners, the prison service said.\n"
)
PLACED = [  # (type, actor, target, date, where): where is a typed location, or coordinates
    ("release", "hamas", "israel", "2023-11-25T18:30", "Khan Younis"),
    ("breach", "israel", "hamas", "2023-11-26T10:00", (31.2969, 34.2435, "Rafah")),
    ("casualty_claim", "hamas", "israel", "2023-11-29T09:00", "Gaza City"),
]


def _record(url: str, token: str) -> dict[str, str]:
    ids = {}
    for kind, actor, target, when, where in PLACED:
        body: dict[str, Any] = {"agreement": "gaza-2023-11", "type": kind, "date": when,
                                "actor": actor, "target": target,
                                "sources": [{"outlet": "Wire"}]}  # fmt: skip
        if isinstance(where, str):
            body["location"] = where
        else:
            body["extra"] = {"place": {"name": where[2], "lat": where[0], "lon": where[1]}}
        if kind == "release":
            body |= {"quantity": 13, "subject": "hostages"}
        made = httpx.post(f"{url}/api/claims", json=body,
                          headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        assert made.status_code == 201, made.text
        ids[kind] = made.json()["added"][0]
    return ids


def _violations(page: Any) -> list[str]:
    found = axe_api.Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {n['target']}" for v in found for n in v["nodes"]]


def _markers(page: Any) -> dict[str, dict[str, float]]:
    """Each drawn marker's kind -> its centre on screen and the place its label names."""
    return page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('svg.map a.pt-link')].map(a => {
            const b = a.querySelector('.pt').getBoundingClientRect();
            return [a.dataset.kind, {x: b.x + b.width / 2, y: b.y + b.height / 2,
                    label: a.getAttribute('aria-label')}]; }))""")


def test_map_and_document_view_in_a_browser(tmp_path: Path, chromium_path: Path) -> None:
    shots = screenshot_folder(tmp_path)
    with serving(str(tmp_path / "mapdoc.db")) as live:
        token = live.admin_token
        assert token
        ids = _record(live.url, token)
        ingested = httpx.post(
            f"{live.url}/api/review/ingest",
            params={"agreement": "gaza-2023-11", "published": "2023-11-28"},
            files={"file": ("wire <i>28.txt", HOSTILE.encode(), "text/plain")},
            headers={"Authorization": f"Bearer {token}"},
            timeout=120,  # the first ingest loads the language model; the machine may be busy
        )
        assert ingested.json()["queued"] >= 2, ingested.text
        local = live.url
        problems: dict[str, list[str]] = {}
        with launched(chromium_path) as browser:
            for name, size in WIDTHS.items():
                page = browser.new_page(viewport=size)
                page.set_default_timeout(20_000)
                asked: list[str] = []
                failed: list[str] = []
                page.on("request", lambda r, asked=asked: asked.append(r.url))
                page.on("response", lambda r, failed=failed: failed.append(f"{r.status} {r.url}")
                        if r.status >= 400 else None)  # fmt: skip
                # Anything not for this server is refused and remembered, so a stray fetch fails.
                page.route("**/*", lambda route: route.continue_()
                           if route.request.url.startswith(local) else route.abort())  # fmt: skip
                page.goto(f"{live.url}/login?next=/agreements/gaza-2023-11")
                page.fill("#token", token)
                page.click("button[type=submit]")
                page.wait_for_url("**/agreements/gaza-2023-11")
                page.click("#map-link")
                page.wait_for_url("**/agreements/gaza-2023-11/map**")

                # As at the 27th: the casualty claim of the 29th and the meeting in Doha on the
                # 28th are still to come, so only Khan Younis and Rafah are drawn.
                page.goto(f"{live.url}/agreements/gaza-2023-11/map?at=2023-11-27T12:00")
                drawn = _markers(page)
                assert set(drawn) == {"release", "breach"}, drawn
                assert drawn["release"]["label"] == "Khan Younis: 1 handover (release)"
                assert drawn["breach"]["label"] == "Rafah: 1 breach alleged"
                # Rafah lies south-west of Khan Younis: lower and further left on the map.
                assert drawn["breach"]["y"] > drawn["release"]["y"]
                assert drawn["breach"]["x"] < drawn["release"]["x"]
                rows = page.locator("#map-table tr[id^=ev-]")
                assert rows.count() == 2
                labels = page.locator("svg.map text.label").all_text_contents()
                assert sorted(labels) == ["Khan Younis", "Rafah"]
                assert page.locator("svg.map path.land").count() == 1  # the outlines are there
                assert (page.locator("svg.map .scale text").text_content() or "").endswith(" km")
                problems[f"{name} map"] = _violations(page)
                assert (
                    page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
                )
                page.screenshot(path=str(shots / f"map-{name}.png"), full_page=name == "desktop")

                # Later, everything; then the party filter leaves Israel's breach alone.
                page.goto(f"{live.url}/agreements/gaza-2023-11/map?at=2023-12-01T08:00")
                assert set(_markers(page)) == {"release", "breach", "casualty_claim", "other"}
                page.select_option("#f-party", "israel")
                page.click(".map-filters button[type=submit]")
                page.wait_for_url("**party=israel**")
                assert set(_markers(page)) == {"breach"}
                page.locator("svg.map a.pt-link").first.click()
                assert page.url.endswith(f"#ev-{ids['breach']}")
                page.goto(f"{live.url}/agreements/gaza-2023-11/map?at=2023-12-01T08:00"
                          "&type=casualty_claim&from=2023-11-29&to=2023-11-29")  # fmt: skip
                assert set(_markers(page)) == {"casualty_claim"}
                page.goto(f"{live.url}/agreements/gaza-2023-11/map?from=2023-11-30&to=2023-11-01")
                assert "A461" in page.content()

                # The review queue links to the spot in the document; the mark there is exactly
                # the evidence, and links back to the candidate.
                page.goto(f"{live.url}/review?agreement=gaza-2023-11")
                row = page.locator("tr[data-candidate]", has_text="Israel freed").first
                candidate = row.get_attribute("data-candidate")
                row.locator("a.in-document").click()
                page.wait_for_url("**/documents/**")
                assert page.url.endswith(f"#at-candidate-{candidate}")
                text = page.locator("#doc-text")
                assert "<script>document.title='owned'</script>" in text.inner_text()
                assert page.locator("#doc-text script, #doc-text b").count() == 0
                assert page.title() != "owned"
                target = page.locator(f"[id='at-candidate-{candidate}'] + mark")
                shown = target.locator("a").evaluate("a => a.firstChild.textContent")
                queued = httpx.get(f"{live.url}/review.json", params={"agreement": "gaza-2023-11"},
                                   headers={"Authorization": f"Bearer {token}"}).json()  # fmt: skip
                span = next(q["candidate"]["span"] for q in queued["candidates"]
                            if q["id"] == candidate)  # fmt: skip
                assert shown == HOSTILE[span[0] : span[1]]
                assert shown.endswith(
                    "Israel freed 33 Palestinian prisoners, the prison service said."
                )
                assert page.locator("#doc-text mark").count() >= 2
                problems[f"{name} document"] = _violations(page)
                assert (
                    page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
                )
                page.screenshot(
                    path=str(shots / f"document-{name}.png"), full_page=name == "desktop"
                )
                target.locator("a").click()
                page.wait_for_url("**/review?**")
                assert page.url.endswith(f"#candidate-{candidate}")
                assert page.locator(f"[id='candidate-{candidate}']").count() == 1

                page.goto(f"{live.url}/agreements/gaza-2023-11/documents")
                problems[f"{name} documents"] = _violations(page)
                assert page.locator("#documents a").inner_text() == "wire <i>28.txt"

                outside = [u for u in asked if not u.startswith(live.url)]
                assert asked and not outside, outside
                assert [f for f in failed if "A461" not in f and "from=2023-11-30" not in f] == []
                page.close()
        assert not any(problems.values()), problems
