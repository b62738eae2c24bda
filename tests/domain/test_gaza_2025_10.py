"""Phase one of the October 2025 Gaza agreement, followed at instants a person can check by hand.

The public record (examples/claims/gaza-2025-10.jsonl, every claim sourced): the pull-back to
the yellow line was complete at 12:00 on Friday 10 October (CENTCOM, via the US envoy), which
started the ceasefire and the 72 hours for the living hostages: day N of phase one is the N-th
24 hours from then, so day 3 ends at 12:00 on Monday 13 October (Israel was on UTC+3 until
26 October, UTC+2 after). On Monday Hamas freed all 20 living hostages in two groups, 7 and 13;
most outlets date them to the day only, an AFP report stamped 11:08 has both groups out by then.
Israel freed 1,968 the same day (Reuters had 1,966): 250 serving life sentences and 1,718
Gazan detainees. The
remains of the 28 dead hostages came over weeks: 4 on 13 Oct (one a Nepali), 3 on 14 Oct (and
a body that was none of the hostages), 2 on 15 Oct, 1 on 17 Oct, 2 on 18 Oct (one a Thai), 1 on
20 Oct, 2 on 21 Oct, 2 on 30 Oct (and 3 bodies that were none of them on 31 Oct), 3 on 2 Nov:
20 of 28. For each Israeli hostage's remains Israel returned 15 Gazans' remains, the day after
each handover: 45, 45, 30, 15, 15, 15, 30, 30 and 45 (14, 15, 16, 18, 19, 21, 22, 31 Oct and
3 Nov), 270 in all. Alleged breaches: Rafah and the strikes that followed on 19 and 28 Oct, the
aid halt of 19 Oct, and two accusations about the exchange (13 and 28 Oct).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.spec_yaml import load_spec_file

ROOT = Path(__file__).resolve().parents[2] / "examples"
SPEC, _ = load_spec_file(ROOT / "agreements" / "gaza-2025-10.yaml")
ROWS = [
    json.loads(line) for line in (ROOT / "claims" / "gaza-2025-10.jsonl").read_text().splitlines()
]
RATIO = "remains-for-remains"


def _claims(rows: list[dict[str, Any]]) -> list[Claim]:
    return [ClaimInput.model_validate(row).to_claim(SPEC.zone) for row in rows]


CLAIMS = _claims(ROWS)
# The same record as if only the outlets that said "on Monday" had reported the living hostages.
DAY_ONLY = _claims(
    [r for r in ROWS if not (r["event_id"].startswith("living") and "T" in r["date"])]
)


@pytest.fixture(scope="module")
def at(kit: Any) -> Any:
    cache: dict[str, dict[str, Any]] = {}

    def state(local: str) -> dict[str, Any]:
        if local not in cache:
            cache[local] = kit.state(SPEC, CLAIMS, local)
        return cache[local]

    return state


def _row(kit: Any, state: dict[str, Any], verdict: str) -> tuple[Any, ...]:
    row = kit.obligation(state, verdict)
    return row["due"], row["delivered"], row["balance"], row["status"]


def test_before_the_pull_back_the_phase_is_pending(at: Any) -> None:
    s = at("2025-10-10T11:00")
    assert (s["state"], s["phase"]) == ("pending", None)
    assert s["starts_at"] == "2025-10-10T12:00:00+03:00"


def test_the_pull_back_at_noon_starts_the_clock_and_meets_its_term(at: Any, kit: Any) -> None:
    s = at("2025-10-10T13:00")
    assert (s["state"], s["phase"], s["day"]) == ("active", "phase-1", 1)
    # Phase one has no end date: it runs until phase two is agreed.
    assert s["ends_at"] is None
    pull_back = kit.obligation(s, "yellow-line-pullback")
    assert (pull_back["status"], pull_back["met_at"]) == ("met", "2025-10-10T12:00:00+03:00")


def test_monday_10_00_nothing_known_yet(at: Any, kit: Any) -> None:
    s = at("2025-10-13T10:00")
    # 12:00 on 12 Oct to 12:00 on 13 Oct is day 3.
    assert s["day"] == 3
    # The handovers that morning are on record only with the 11:08 report or the day's end.
    assert _row(kit, s, "living-hostages") == (20, 0, -20, "in_progress")
    # The prisoners, dated only to Monday, may yet be freed after 10:00.
    life = kit.obligation(s, "life-sentence-prisoners")
    assert (life["status"], life["delivered"]) == ("undetermined", 0)
    assert "dated only to the day" in life["explanation"]


def test_monday_noon_the_20_are_out_in_time_and_no_remains_are(at: Any, kit: Any) -> None:
    s = at("2025-10-13T12:00")
    # 12:00 on 13 Oct is the first instant of day 4.
    assert s["day"] == 4
    living = kit.obligation(s, "living-hostages")
    # 7 + 13 = 20, on record at 11:08, 52 minutes inside the 72 hours.
    assert (living["due"], living["delivered"], living["status"]) == (20, 20, "met")
    assert living["met_at"] == "2025-10-13T11:08:00+03:00"
    assert living["ends_at"] == "2025-10-13T12:00:00+03:00"
    # No remains are on record by the deadline (the four came that evening).
    assert _row(kit, s, "remains-within-72h") == (28, 0, -28, "no_record")


def test_a_release_reported_only_as_on_monday(kit: Any) -> None:
    """Without the 11:08 report, "freed on Monday" straddles the Monday-noon deadline."""
    ids = {c.id for c in DAY_ONLY if c.event_id and c.event_id.startswith("living")}
    for instant in ("2025-10-13T10:00", "2025-10-13T12:00"):
        row = kit.obligation(kit.state(SPEC, DAY_ONLY, instant), "living-hostages")
        assert (row["status"], row["delivered"], row["due"]) == ("undetermined", 0, 20)
        # The reason names the precision, the claims, and the instant the day has not passed.
        assert (
            "undetermined by date precision: 2 event(s) dated only to the day" in row["explanation"]
        )
        assert f"or after {instant}+03:00" in row["explanation"]
        named = row["explanation"].split("the day (")[1].split(")")[0]
        assert set(named.split(", ")) == ids
    end = kit.state(SPEC, DAY_ONLY, "2025-10-14T00:00")
    # By the end of Monday the 20 are surely out: counted where the whole day is in the window,
    # 7 + 13 = 20 of 20 ...
    assert _row(kit, end, "all-living-hostages") == (20, 20, 0, "met")
    # ... while whether they were out by 12:00 the sources do not say, and never will.
    late = kit.obligation(end, "living-hostages")
    assert (late["status"], late["delivered"]) == ("undetermined", 0)
    assert late["explanation"].endswith("may fall either side of an edge of the window")
    # At 23:59 on Monday the day is not over: nothing is counted yet.
    before = kit.state(SPEC, DAY_ONLY, "2025-10-13T23:59")
    assert kit.obligation(before, "all-living-hostages")["status"] == "undetermined"


def test_end_of_monday_prisoners_and_the_first_remains(at: Any, kit: Any) -> None:
    s = at("2025-10-14T00:00")
    assert _row(kit, s, "life-sentence-prisoners") == (250, 250, 0, "met")
    # 1,718 freed against "1,700": 18 more. "More than 1,700" agrees with 1,718: one reading.
    assert _row(kit, s, "gaza-detainees") == (1700, 1718, 18, "met")
    # The total is told three ways: 1,968 (the prison service, via the BBC and via Anadolu),
    # 1,966 (officials to Reuters), "nearly 2,000" (which allows both). Two independent sources
    # give 1,968 exactly: it leads. No term counts the total, so no verdict turns on it.
    (total,) = s["disputes"]
    assert total["event_id"] == "prisoners-total"
    assert [(r["quantity"], r["leading"]) for r in total["readings"]] == [
        (1968, True),
        (1966, False),
        (2000, False),
    ]
    assert (total["verdict_differs"], total["verdicts"]) == (False, [])
    # 3 Israelis + 1 Nepali = 4 of 28 that evening: too few whichever side of noon they fell.
    assert kit.obligation(s, "remains-within-72h")["status"] == "unmet"
    assert _row(kit, s, "all-remains") == (28, 4, -24, "in_progress")
    # The Nepali student's remains are owed nothing (factor 0); the 3 Israelis 3 x 15 = 45,
    # owed from the handover (placed at noon: dated to the day) until Israel's return.
    assert _row(kit, s, f"{RATIO}/event-1") == (0, 0, 0, "met")
    assert _row(kit, s, f"{RATIO}/event-2") == (45, 0, -45, "in_progress")


def test_the_remains_for_remains_batches_by_3_november(at: Any, kit: Any) -> None:
    s = at("2025-11-03T23:00")
    # 3 + 1 + 3 + 2 + 1 + 1 + 1 + 1 + 2 + 2 + 3 = 20 of 28 (the 4 bodies that were none of
    # the hostages left out).
    assert _row(kit, s, "all-remains") == (28, 20, -8, "in_progress")
    batches = [o for o in s["obligations"] if o["term"] == RATIO]
    # Israelis x 15 per handover; the Nepali (event 1) and the Thai (event 6) at 0.
    assert [b["due"] for b in batches] == [0, 45, 45, 30, 15, 0, 15, 15, 30, 30, 45]
    # 45 + 45 + 30 + 15 + 15 + 15 + 30 + 30 = 225 returned by 31 Oct; 3 Nov's 45 is dated to
    # the day and known only at its end.
    assert [b["status"] for b in batches] == ["met"] * 10 + ["in_progress"]
    assert _row(kit, s, f"{RATIO}/event-11") == (45, 0, -45, "in_progress")
    # Paid the day after each handover, e.g. 30 Oct's two by 31 Oct's 30 (Israel on UTC+2 by
    # then), dated only to the day: surely paid by the end of 31 October, not at its noon.
    assert batches[9]["met_at"] == "2025-11-01T00:00:00+02:00"
    done = at("2025-11-04T00:00")
    assert kit.statuses(done, RATIO) == ["met"] * 11
    # 270 owed (18 Israelis x 15) and 270 returned.
    assert sum(o["delivered"] for o in done["obligations"] if o["term"] == RATIO) == 270


def test_each_alleged_breach_lands_on_its_clause(at: Any) -> None:
    s = at("2025-11-03T23:00")
    clauses = {b["event_id"]: b["clause"] for b in s["breaches"]}
    # The exchange and aid accusations fall under the exchange clause, never the ceasefire.
    assert clauses == {
        "katz-1013": "exchange-and-aid",
        "aid-halt-1019": "exchange-and-aid",
        "rafah-1019": "no-hostilities",
        "strikes-1019": "no-hostilities",
        "rafah-1028": "no-hostilities",
        "strikes-1028": "no-hostilities",
        "tzarfati-1028": "exchange-and-aid",
    }
    # Hamas: Katz 13 Oct, Rafah 19 and 28 Oct, Tzarfati 28 Oct; Israel: the aid halt and the
    # strikes of 19 and 28 Oct. All alleged, none confirmed.
    assert s["breaches_by_party"] == {"hamas": {"alleged": 4}, "israel": {"alleged": 3}}
    statuses = {o["id"]: o["status"] for o in s["obligations"] if o["kind"] == "prohibition"}
    assert set(statuses.values()) == {"alleged"}
    # On 18 Oct only the exchange accusation of 13 Oct was on record.
    early = at("2025-10-18T12:00")
    assert early["breaches_by_party"] == {"hamas": {"alleged": 1}}
    assert [b["clause"] for b in early["breaches"]] == ["exchange-and-aid"]


def test_no_daily_truck_count_is_on_record(at: Any, kit: Any) -> None:
    s = at("2025-11-03T23:00")
    # From 12:00 IDT on 10 Oct (09:00 UTC) to 23:00 IST on 3 Nov (21:00 UTC): 24 days and 12
    # hours, so day 25; no outlet reports a day's full count of trucks, so every closed day is
    # absence of evidence, not a shortfall.
    assert s["day"] == 25
    days = kit.statuses(s, "daily-aid")
    assert days == ["no_record"] * 24 + ["in_progress"]


def test_the_record_counts(at: Any) -> None:
    s = at("2025-11-04T00:00")
    # 50 claims; the two living-hostage handovers (3 claims each), the two prisoner releases
    # (2 and 3 claims) and their total (4 claims) are 5 events: 50 - 15 + 5 = 40.
    assert (s["counts"]["claims"], s["counts"]["events"]) == (50, 40)
    assert s["metadata"]["countries"] == ["ISR", "PSE"]
