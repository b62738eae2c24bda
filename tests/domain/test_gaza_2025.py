"""The January 2025 Gaza exchange, followed at instants a person can check by hand.

Release figures as publicly reported (AP, Reuters): 3 civilian women on 19 Jan for 90 prisoners
freed in the night; 4 female soldiers on 25 Jan for 200; on 30 Jan a civilian woman, a female
soldier and an 80-year-old man for 110, with five Thai nationals freed outside the deal; on
22 Feb six men, whose prisoners Israel held back until the night of 26-27 Feb.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from truce.domain.claims import Claim
from truce.spec_yaml import load_spec_file

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "agreements" / "gaza-2025-01.yaml"
SPEC, _ = load_spec_file(EXAMPLE)
ZONE = "Asia/Jerusalem"
RATIO = "prisoners-per-hostage"


def _claims(kit: Any) -> list[Claim]:
    def hostages(n: int, when: str, *categories: str) -> Claim:
        freed: Claim = kit.release(
            "hamas", n, when, zone=ZONE, agreement=SPEC.id, categories=[*categories, "living"]
        )
        return freed

    def prisoners(n: int, when: str) -> Claim:
        freed: Claim = kit.release("israel", n, when, zone=ZONE, agreement=SPEC.id)
        return freed

    return [
        hostages(3, "2025-01-19T16:30", "civilian-women"),
        prisoners(90, "2025-01-20T01:30"),
        hostages(4, "2025-01-25T12:00", "female-soldiers"),
        prisoners(200, "2025-01-25T17:00"),
        hostages(1, "2025-01-30T11:00", "civilian-women"),
        hostages(1, "2025-01-30T12:00", "female-soldiers"),
        hostages(1, "2025-01-30T13:00", "elderly"),
        hostages(5, "2025-01-30T13:30", "outside-deal"),  # the Thai nationals
        prisoners(110, "2025-01-30T23:00"),
        hostages(6, "2025-02-22T12:00", "men"),
        prisoners(620, "2025-02-27T00:30"),
    ]


def _row(kit: Any, state: dict[str, Any], verdict: str) -> tuple[Any, ...]:
    row = kit.obligation(state, verdict)
    return row["due"], row["delivered"], row["balance"], row["status"]


def test_after_the_four_soldiers_of_25_january(kit: Any) -> None:
    state = kit.state(SPEC, _claims(kit)[:4], "2025-01-25T18:00")
    # Day 1 (19 Jan): 3 x 30 = 90, paid at 01:30 the next night; day 7: 4 x 50 = 200.
    assert _row(kit, state, f"{RATIO}/day-1") == (90, 90, 0, "met")
    assert kit.obligation(state, f"{RATIO}/day-1")["met_at"] == "2025-01-20T01:30:00+02:00"
    assert _row(kit, state, f"{RATIO}/day-7") == (200, 200, 0, "met")
    assert _row(kit, state, "first-seven") == (7, 7, 0, "met")


def test_30_january_counts_three_for_the_deal_not_the_thai_nationals(kit: Any) -> None:
    claims = _claims(kit)[:9]
    state = kit.state(SPEC, claims, "2025-01-30T15:00")
    # 30 for the civilian woman, 50 for the soldier, 30 for the elderly man: 110, not yet paid.
    assert _row(kit, state, f"{RATIO}/day-12") == (110, 0, -110, "in_progress")
    # 3 + 4 + 3 = 10 of the deal's 33 hostages, not 15.
    assert kit.obligation(state, "phase-1-releases")["delivered"] == 10
    assert kit.obligation(state, "weekly-releases/week-2")["delivered"] == 3
    night = kit.state(SPEC, claims, "2025-01-31T12:00")
    assert _row(kit, night, f"{RATIO}/day-12") == (110, 110, 0, "met")


def test_the_withheld_22_february_batch_is_owed_until_27_february(kit: Any) -> None:
    claims = _claims(kit)
    # 22 Feb is day 35; six men at 30 each are owed 180 from the moment they were freed.
    held = kit.state(SPEC, claims, "2025-02-24T12:00")
    assert _row(kit, held, f"{RATIO}/day-35") == (180, 0, -180, "in_progress")
    assert (
        "180 owed since 2025-02-22T12:00+02:00 (2.0 day(s))"
        in kit.obligation(held, f"{RATIO}/day-35")["explanation"]
    )
    paid = kit.state(SPEC, claims, "2025-02-27T12:00")
    assert _row(kit, paid, f"{RATIO}/day-35") == (180, 180, 0, "met")
    assert kit.obligation(paid, f"{RATIO}/day-35")["met_at"] == "2025-02-27T00:30:00+02:00"


def test_at_the_end_of_1_march_every_batch_is_met_and_the_quota_is_not(kit: Any) -> None:
    state = kit.state(SPEC, _claims(kit), "2025-03-02T00:00")
    phase = next(p for p in state["phases"] if p["id"] == "phase-1")
    assert phase["ends_at"] == "2025-03-02T00:00:00+02:00"
    assert kit.statuses(state, RATIO) == ["met"] * 4
    # 10 + 6 = 16 of 33 on this partial record (the 1, 8 and 15 Feb releases are left out).
    assert _row(kit, state, "phase-1-releases") == (33, 16, -17, "unmet")
