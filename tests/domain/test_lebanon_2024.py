"""The Israel-Lebanon cessation of hostilities of November 2024, judged on its public record.

The public record (sources in examples/agreements/lebanon-2024.yaml and in every claim of
examples/claims/lebanon-2024.jsonl): in force at 04:00 Beirut time on 27 Nov 2024; Israel to
withdraw south of the Blue Line within 60 days while the Lebanese army deploys south of the
Litani, a period that ran out at dawn on Sunday 26 Jan 2025. Israel left Khiam on 11 Dec and
Naqoura on 6 Jan; its Prime Minister's Office said on 24 Jan it would stay past the deadline; on
26 Jan Lebanon's health ministry reported 22 killed by Israeli fire as residents tried to return.
That evening the White House said the arrangement continued until 18 Feb 2025, and Lebanon
confirmed in the early hours of 27 Jan (version 2 of the spec, in force from 00:00 on 27 Jan).
On 18 Feb Israel left the border villages but kept five hilltop positions. The Lebanese army
deployed at five locations around Khiam on 11 Dec, in four western villages on 7 Jan and in 11
border villages from the evening of 17 Feb (a `deployment`, a provision the spec declares,
PLOVER MOBILIZE, CAMEO 154). Breaches: the IDF
said it struck a Hezbollah rocket site on 28 Nov against a threat (excepted as self-defence,
which point 4 allows the two states); the Lebanese army alleged Israeli fire on villages on
27-28 Nov; Hezbollah fired two mortars at Mount Dov at about 17:00 on 2 Dec and claimed them;
the IDF struck targets across Lebanon that evening in response.

A breach claim is `confirmed` when the actor itself acknowledged the act, `alleged` otherwise.
"""

from __future__ import annotations

from typing import Any

from tests.domain import example_record as example
from tests.domain.example_record import EXAMPLES
from truce.domain.spec import AgreementSpec
from truce.spec_yaml import check_spec

VERSIONS = example.versions("lebanon-2024")
FIRST, EXTENDED = VERSIONS
RECORD = example.record("lebanon-2024", FIRST)


def _state(at: str, versions: list[AgreementSpec] = VERSIONS) -> dict[str, Any]:
    """The answer at a Beirut local instant, by both engine paths, which must agree."""
    return example.state(at, versions, RECORD)


def _row(state: dict[str, Any], verdict: str) -> dict[str, Any]:
    return example.row(state, verdict)


def _phase(state: dict[str, Any], phase: str) -> dict[str, Any]:
    return next(p for p in state["phases"] if p["id"] == phase)


def test_the_claims_file_is_sourced_and_accepted_by_the_spec() -> None:
    assert len(RECORD) == 17
    assert all(claim.sources and claim.sources[0].outlet for claim in RECORD)


def test_version_2_moves_only_the_withdrawal_deadlines() -> None:
    for path in (
        EXAMPLES / "agreements" / "lebanon-2024.yaml",
        EXAMPLES / "agreements" / "versions" / "lebanon-2024.v2.yaml",
    ):
        assert check_spec(path.read_text(encoding="utf-8"), str(path)) == []
    first, extended = FIRST.model_dump(), EXTENDED.model_dump()
    assert {key for key in first if first[key] != extended[key]} == {
        "effective_from",
        "sources",
        "terms",
    }
    changed = [a["id"] for a, b in zip(first["terms"], extended["terms"], strict=True) if a != b]
    assert changed == [
        "withdrawal-from-villages",
        "withdrawal-from-five-points",
        "laf-deployment",
    ]
    assert (FIRST.effective_from, str(EXTENDED.effective_from)) == (None, "2025-01-27 00:00:00")


def test_in_force_at_four_in_the_morning_of_27_november() -> None:
    assert _state("2024-11-27T03:59")["state"] == "pending"
    state = _state("2024-11-27T04:00")
    assert (state["state"], state["phase"], state["phase_day"]) == (
        "active",
        "withdrawal-period",
        1,
    )
    # 60 x 24 h from 04:00 on 27 Nov: 04:00 on Sunday 26 Jan 2025 (UTC+2 all winter).
    assert _phase(state, "withdrawal-period")["ends_at"] == "2025-01-26T04:00:00+02:00"
    assert state["judged_by"] == {"version": 1, "of": 2, "effective_from": None}


def test_the_first_week_breaches_land_on_the_right_clause() -> None:
    before = _state("2024-12-02T16:00")
    # By then: the Lebanese army's allegation of 28 Nov (alleged) and the IDF's own strike of
    # 28 Nov against what it called a threat, listed under the self-defence exception.
    israel = _row(before, "no-offensive-operations/israel")
    assert israel["status"] == "alleged"
    assert (
        "1 act(s) under the term's exceptions (self-defence), not counted" in israel["explanation"]
    )
    assert _row(before, "no-operations-against-israel/hezbollah")["status"] == "in_progress"
    # Hezbollah's two mortars at about 17:00 on 2 Dec, which it claimed: a confirmed breach; it
    # has no self-defence exception (point 4 names the two states).
    evening = _state("2024-12-02T18:00")
    assert _row(evening, "no-operations-against-israel/hezbollah")["status"] == "violated"
    # The IDF's strikes that evening, which it announced, are dated to the day: known from its end.
    assert _row(evening, "no-offensive-operations/israel")["status"] == "alleged"
    night = _state("2024-12-03T00:00")
    assert _row(night, "no-offensive-operations/israel")["status"] == "violated"
    assert night["breaches_by_party"] == {
        "hezbollah": {"confirmed": 1},
        "israel": {"alleged": 1, "confirmed": 2},
    }
    clauses = {b["event_id"]: b["clause"] for b in night["breaches"]}
    assert clauses == {
        "d2-israeli-fire-villages": "no-offensive-operations",
        "d2-baysariyeh-strike": None,  # excepted: on no clause
        "d6-israeli-strikes": "no-offensive-operations",
        "d6-mount-dov-mortars": "no-operations-against-israel",
    }
    assert _row(night, "lebanese-state-operations/lebanon")["status"] == "in_progress"


def test_khiam_on_day_15_is_not_the_withdrawal_from_the_border_villages() -> None:
    state = _state("2024-12-12T00:00")
    # 11 Dec 04:00 is 14 x 24 h after the start: day 15 runs to 04:00 on 12 Dec.
    assert state["phase_day"] == 15
    row = _row(state, "withdrawal-from-villages")
    assert (row["status"], row["ends_at"]) == ("in_progress", "2025-01-26T04:00:00+02:00")


def test_on_26_january_version_1_judges_the_missed_deadline() -> None:
    state = _state("2025-01-26T12:00")
    assert (state["spec_version"], state["judged_by"]) == (
        1,
        {"version": 1, "of": 2, "effective_from": None},
    )
    # The period ended at 04:00; the cessation runs on open-ended.
    assert (state["phase"], state["day"]) == ("cessation", 61)
    villages = _row(state, "withdrawal-from-villages")
    assert (villages["status"], villages["ends_at"]) == (
        "no_record",
        "2025-01-26T04:00:00+02:00",
    )
    points = _row(state, "withdrawal-from-five-points")
    assert (points["due"], points["delivered"], points["balance"], points["status"]) == (
        5,
        0,
        -5,
        "no_record",
    )


def test_from_27_january_version_2_and_the_extension_to_18_february_judge() -> None:
    state = _state("2025-01-27T12:00")
    assert (state["spec_version"], state["judged_by"]) == (
        2,
        {"version": 2, "of": 2, "effective_from": "2025-01-27T00:00:00+02:00"},
    )
    # The White House's "until February 18" reopens the expired period to the end of 18 Feb:
    # from 04:00 on 26 Jan to 00:00 on 19 Feb is 23 days 20 hours, 23.833 days.
    period = _phase(state, "withdrawal-period")
    assert (period["base_ends_at"], period["ends_at"], period["extended_days"]) == (
        "2025-01-26T04:00:00+02:00",
        "2025-02-19T00:00:00+02:00",
        23.833,
    )
    assert (state["phase"], state["phase_day"]) == ("withdrawal-period", 62)
    villages = _row(state, "withdrawal-from-villages")
    assert (villages["status"], villages["ends_at"]) == (
        "in_progress",
        "2025-02-19T00:00:00+02:00",
    )
    # Recording version 2 does not rewrite 26 January: version 1 still judged that day.
    assert _state("2025-01-26T23:59")["spec_version"] == 1
    # Without the amendment, the extension moves the period but the deadline stays missed.
    alone = _state("2025-01-27T12:00", [FIRST])
    assert _row(alone, "withdrawal-from-villages")["status"] == "no_record"


def test_18_february_the_deadline_day_is_undetermined_until_it_is_over() -> None:
    state = _state("2025-02-18T12:00")
    # 18 Feb 04:00 is 83 x 24 h after the start: day 84.
    assert state["phase_day"] == 84
    villages = _row(state, "withdrawal-from-villages")
    assert villages["status"] == "undetermined"
    assert (
        "undetermined by date precision: 1 event(s) dated only to the day"
        in villages["explanation"]
    )
    # A claim of 0 cannot change a quota of 5 either way: still in progress, 0 of 5.
    points = _row(state, "withdrawal-from-five-points")
    assert (points["delivered"], points["status"]) == (0, "in_progress")


def test_after_18_february_all_but_five_points() -> None:
    state = _state("2025-02-19T00:00")
    assert (state["phase"], state["spec_version"]) == ("cessation", 2)
    villages = _row(state, "withdrawal-from-villages")
    assert villages["status"] == "met"
    # "None of the five vacated" is on record: a shortfall, not an absence of evidence.
    points = _row(state, "withdrawal-from-five-points")
    assert (points["due"], points["delivered"], points["balance"], points["status"]) == (
        5,
        0,
        -5,
        "unmet",
    )
    # The 26 Jan fire on returning residents, alleged by Lebanon's health ministry.
    assert state["breaches_by_party"]["israel"] == {"alleged": 2, "confirmed": 2}
    # Judged by version 1 alone, the 18 Feb withdrawal is a late one: unmet.
    alone = _state("2025-02-19T00:00", [FIRST])
    assert _row(alone, "withdrawal-from-villages")["status"] == "unmet"


def test_the_lebanese_army_deploys_into_the_border_villages_by_18_february() -> None:
    # Khiam (11 Dec) and the western sector (6-7 Jan) are on record, the border villages not yet.
    before = _row(_state("2025-01-26T12:00"), "laf-deployment")
    assert (before["status"], before["ends_at"]) == ("no_record", "2025-01-26T04:00:00+02:00")
    during = _row(_state("2025-02-18T12:00"), "laf-deployment")
    assert (during["status"], during["ends_at"]) == ("undetermined", "2025-02-19T00:00:00+02:00")
    # The army's deployment into 11 border villages from the evening of 17 Feb, dated 18 Feb.
    assert _row(_state("2025-02-19T00:00"), "laf-deployment")["status"] == "met"
    assert {p.id for p in EXTENDED.provisions} == {"deployment"}
