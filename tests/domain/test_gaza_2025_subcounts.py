"""The January 2025 Gaza exchange recorded as reporters gave it: whole figures with sub-counts.

- 30 Jan 2025: eight hostages freed, three Israelis and five Thai nationals (AP, Reuters,
  30 Jan 2025): Arbel Yehud, a civilian woman; Agam Berger, a female soldier; Gadi Moses,
  80; the five Thais freed through Thailand's own contacts, outside the deal.
- 20 Jan 2025, about 01:00: Israel freed 90 prisoners, "69 women and 21 children" (Al
  Jazeera, 20 Jan 2025, https://www.aljazeera.com/news/2025/1/20/who-are-the-palestinian-
  prisoners-released-by-israel; the Times of Israel noted reports of 62 to 69 women).

Checked by hand: the deal counts 3 of the 8 (not the Thais), and owes 30 + 50 + 30 = 110
prisoners for them, as when each hostage is a claim of its own (tests/domain/test_gaza_2025.py).
"""

from __future__ import annotations

from typing import Any

from tests.domain.test_gaza_2025 import RATIO, SPEC, ZONE, _claims, _row
from truce.domain.claims import Claim

AP = [{"outlet": "AP"}]
AL_JAZEERA = [
    {"outlet": "Al Jazeera",
     "url": "https://www.aljazeera.com/news/2025/1/20/who-are-the-palestinian-prisoners-released-by-israel"}
]  # fmt: skip
EIGHT = {"outside-deal": 5, "civilian-women": 1, "female-soldiers": 1, "elderly": 1}


def _with_subcounts(kit: Any) -> list[Claim]:
    """The record of test_gaza_2025 with the 30 Jan hostages as one claim of 8 with parts, and
    the 20 Jan prisoners as 90 with theirs."""
    record = _claims(kit)
    eight = kit.release("hamas", 8, "2025-01-30T13:30", zone=ZONE, agreement=SPEC.id,
                        categories=["living"], parts=EIGHT, sources=AP)  # fmt: skip
    ninety = kit.release("israel", 90, "2025-01-20T01:30", zone=ZONE, agreement=SPEC.id,
                         parts={"women": 69, "minors": 21}, sources=AL_JAZEERA)  # fmt: skip
    return [record[0], ninety, *record[2:4], eight, *record[8:]]


def test_30_january_as_eight_with_parts_counts_three_for_the_deal(kit: Any) -> None:
    claims = _with_subcounts(kit)[:6]
    state = kit.state(SPEC, claims, "2025-01-30T15:00")
    # 30 for the civilian woman, 50 for the soldier, 30 for the elderly man: 110, not yet paid.
    assert _row(kit, state, f"{RATIO}/day-12") == (110, 0, -110, "in_progress")
    ratio = kit.obligation(state, f"{RATIO}/day-12")["explanation"]
    assert "delivered 3 hostages" in ratio  # the Thais are outside the deal, not units
    # 3 + 4 + 3 = 10 of the deal's 33 hostages, not 15.
    assert kit.obligation(state, "phase-1-releases")["delivered"] == 10
    week = kit.obligation(state, "weekly-releases/week-2")
    assert week["delivered"] == 3
    assert "counted from sub-counts: 3 of 8" in week["explanation"]
    night = kit.state(SPEC, claims, "2025-01-31T12:00")
    assert _row(kit, night, f"{RATIO}/day-12") == (110, 110, 0, "met")


def test_the_90_prisoners_count_whole_whatever_their_parts(kit: Any) -> None:
    state = kit.state(SPEC, _with_subcounts(kit)[:2], "2025-01-20T12:00")
    assert _row(kit, state, f"{RATIO}/day-1") == (90, 90, 0, "met")


def test_sub_counts_give_the_verdicts_of_one_claim_per_hostage(kit: Any) -> None:
    for at in ("2025-01-30T15:00", "2025-02-24T12:00", "2025-03-02T00:00"):
        split = kit.state(SPEC, _claims(kit), at)["obligations"]
        whole = kit.state(SPEC, _with_subcounts(kit), at)["obligations"]
        figures = [(o["id"], o["due"], o["delivered"], o["status"]) for o in split]
        assert [(o["id"], o["due"], o["delivered"], o["status"]) for o in whole] == figures
