"""The India-Pakistan understanding of 10 May 2025, followed at instants a person can check.

The public record (examples/claims/india-pakistan-2025.jsonl, every claim sourced): Pakistan's
DGMO called India's at 15:35 IST on 10 May; both sides were to stop all firing and military
action on land, in the air and at sea from 17:00 IST, with no end date, and the DGMOs were to
talk again on 12 May at 12:00. That night India reported drones and explosions over Srinagar
(from about 21:00), drones over Udhampur and Jammu and firing along the Line of Control; its
Foreign Secretary spoke of repeated violations close to midnight, and Pakistan's Foreign Office
of violations by India "in some areas". The night of 11-12 May was the first calm one. The
DGMOs talked at 17:00 on 12 May (deferred from noon); drones were seen near Samba that evening.
On 15 May Pakistan's foreign minister said the ceasefire had been extended to 18 May; the
Indian Army said on 18 May it has no expiry date. Nothing else is alleged to 1 June.

Days are calendar days in India's zone: day 1 is 10 May.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from truce.domain.claim_input import ClaimInput
from truce.spec_yaml import load_spec_file

ROOT = Path(__file__).resolve().parents[2] / "examples"
SPEC, _ = load_spec_file(ROOT / "agreements" / "india-pakistan-2025.yaml")
RECORD = ROOT / "claims" / "india-pakistan-2025.jsonl"
CLAIMS = [
    ClaimInput.model_validate(json.loads(line)).to_claim(SPEC.zone)
    for line in RECORD.read_text(encoding="utf-8").splitlines()
]
DAY_DATED = "(dated only to the day: it may fall outside the term's time in force)"


@pytest.fixture(scope="module")
def at(kit: Any) -> Any:
    cache: dict[str, dict[str, Any]] = {}

    def state(local: str) -> dict[str, Any]:
        if local not in cache:
            cache[local] = kit.state(SPEC, CLAIMS, local)
        return cache[local]

    return state


def _breaches(state: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    return {b["event_id"]: (b["party"], b["clause"]) for b in state["breaches"]}


def test_before_17_00_nothing_is_in_force(at: Any, kit: Any) -> None:
    s = at("2025-05-10T16:00")
    assert (s["state"], s["phase"]) == ("pending", None)
    assert s["starts_at"] == "2025-05-10T17:00:00+05:30"
    assert kit.statuses(s, "no-military-action") == ["upcoming", "upcoming"]


def test_at_22_00_srinagar_is_an_alleged_breach_by_pakistan(at: Any, kit: Any) -> None:
    s = at("2025-05-10T22:00")
    assert (s["state"], s["phase"], s["day"]) == ("active", "cessation", 1)
    # Open-ended: no end, however long it runs.
    assert s["ends_at"] is None
    # Only the Srinagar report carries a time (21:00); the day-dated ones are known at midnight.
    assert _breaches(s) == {"srinagar-drones": ("pakistan", "no-military-action")}
    assert kit.obligation(s, "no-military-action/pakistan")["status"] == "alleged"
    assert kit.obligation(s, "no-military-action/india")["status"] == "in_progress"


def test_after_the_first_night_every_report_lands_on_the_cessation(at: Any, kit: Any) -> None:
    s = at("2025-05-11T00:00")
    assert s["day"] == 2
    # Reports dated only to 10 May may fall before 17:00 or after it: listed under the
    # cessation, each saying so, never outside every clause. The Pakistani Foreign Office's
    # "violations in some areas" names no domain, and land, air and sea together are every one.
    assert _breaches(s) == {
        "jammu-drones": ("pakistan", "no-military-action"),
        "loc-firing": ("pakistan", "no-military-action"),
        "pakistan-fo-violations": ("india", "no-military-action"),
        "srinagar-drones": ("pakistan", "no-military-action"),
    }
    notes = {b["event_id"]: b["explanation"] for b in s["breaches"]}
    assert notes["loc-firing"].endswith(DAY_DATED)
    assert not notes["srinagar-drones"].endswith(DAY_DATED)
    pakistan = kit.obligation(s, "no-military-action/pakistan")
    # Srinagar (21:00), Jammu/Udhampur and the Line of Control: 3, none confirmed, 2 day-dated.
    assert pakistan["status"] == "alleged"
    assert pakistan["explanation"].startswith("3 alleged breach(es) by pakistan, none confirmed")
    assert "; 2 of them dated only to the day" in pakistan["explanation"]
    assert kit.obligation(s, "no-military-action/india")["status"] == "alleged"
    assert s["breaches_by_party"] == {"pakistan": {"alleged": 3}, "india": {"alleged": 1}}


def test_the_dgmo_talks_set_for_noon_were_held_at_17_00(at: Any, kit: Any) -> None:
    noon = kit.obligation(at("2025-05-12T12:00"), "dgmo-talks")
    # The term is the day of the talks: still open at noon ...
    assert (noon["status"], noon["ends_at"]) == ("in_progress", "2025-05-13T00:00:00+05:30")
    evening = kit.obligation(at("2025-05-12T17:30"), "dgmo-talks")
    # ... met when the talks were held.
    assert (evening["status"], evening["met_at"]) == ("met", "2025-05-12T17:00:00+05:30")


def test_the_samba_drones_of_12_may_are_known_by_its_end(at: Any) -> None:
    assert "samba-drones" not in _breaches(at("2025-05-12T23:00"))
    s = at("2025-05-13T00:00")
    # Dated to 12 May, wholly inside the cessation: no doubt about the clause.
    assert _breaches(s)["samba-drones"] == ("pakistan", "no-military-action")
    samba = next(b for b in s["breaches"] if b["event_id"] == "samba-drones")
    assert not samba["explanation"].endswith(DAY_DATED)


def test_an_extension_of_an_open_ended_cessation_is_warned_about(at: Any) -> None:
    before = at("2025-05-15T00:00")
    assert before["warnings"] == []
    s = at("2025-05-20T00:00")
    # 10 May is day 1, so 20 May is day 11; the cessation runs on with no end.
    assert (s["state"], s["day"], s["ends_at"]) == ("active", 11, None)
    # "Extended until 18 May" changes nothing on a phase with no end; it is not dropped
    # silently either.
    assert s["warnings"] == [
        "extension extension-to-18-may not applied: phase 'cessation' has no end to extend"
        " (it is open-ended)"
    ]
    assert s["extensions"] == []


def test_the_calm_that_followed(at: Any, kit: Any) -> None:
    s = at("2025-06-01T00:00")
    # Day 23 (10 May is day 1); nothing alleged after the Samba drones of 12 May.
    assert (s["state"], s["day"]) == ("active", 23)
    assert s["breaches_by_party"] == {"pakistan": {"alleged": 4}, "india": {"alleged": 1}}
    assert max(b["date"] for b in s["breaches"]) == "2025-05-12T00:00:00+05:30"
    assert kit.obligation(s, "dgmo-talks")["status"] == "met"
    # 18 claims, one event each.
    assert (s["counts"]["claims"], s["counts"]["events"]) == (18, 18)
    assert s["metadata"]["form"] == "verbal"
