"""The Armenia-Azerbaijan-Russia statement on Nagorno-Karabakh of November 2020, on its record.

The public record (sources in examples/agreements/karabakh-2020.yaml and in every claim of
examples/claims/karabakh-2020.jsonl): signed on 9 Nov 2020, in force from 00:00 Moscow time on
10 Nov (01:00 in Baku). Armenia to return Kalbajar before 15 Nov, Aghdam before 20 Nov and
Lachin by 1 Dec; on 15 Nov Azerbaijan announced it had agreed, at Armenia's request through
Russia, to move Kalbajar to 25 Nov (version 2 of the spec, in force from 00:00 on 15 Nov).
Azerbaijani units entered Aghdam on 20 Nov, Kalbajar on 25 Nov and Lachin in the early hours of
1 Dec. Russia's contingent: 1,960 troops, 90 armoured personnel carriers and 380 vehicles;
Shoigu reported its deployment complete on 20 Nov (1,960 personnel, 552 pieces of equipment),
and the joint Russian-Turkish monitoring centre opened in the Aghdam district on 30 Jan 2021
(declared provision `deployment`, PLOVER AID, CAMEO 074). Under point 8, bodies were exchanged
from 13-14 Nov (100 to Armenia as Armenian media put it, six to Azerbaijan; declared provision
`remains-return`) and prisoners on 14 Dec (44 to Armenia, 12 to Azerbaijan). Breaches:
Azerbaijan said three soldiers were killed near Sur on 26 Nov and one near Hadrut on 8 Dec; its
forces took the Hadrut villages of Hin Tagher and Khtsaberd on 12 Dec, an operation it
acknowledged; on 12 May 2021 its troops crossed 3.5 km into Armenia at Sev Lich lake, on the
state border, outside the conflict zone the statement covers.

A breach claim is `confirmed` when the actor itself acknowledged the act, `alleged` otherwise.
"""

from __future__ import annotations

from typing import Any

from tests.domain import example_record as example
from tests.domain.example_record import EXAMPLES
from truce.domain.spec import AgreementSpec
from truce.spec_yaml import check_spec

VERSIONS = example.versions("karabakh-2020")
FIRST, AMENDED = VERSIONS
RECORD = example.record("karabakh-2020", FIRST)


def _state(at: str, versions: list[AgreementSpec] = VERSIONS) -> dict[str, Any]:
    """The answer at a Baku local instant, by both engine paths, which must agree."""
    return example.state(at, versions, RECORD)


def _row(state: dict[str, Any], verdict: str) -> dict[str, Any]:
    return example.row(state, verdict)


def _status(state: dict[str, Any], verdict: str) -> str:
    status: str = _row(state, verdict)["status"]
    return status


def test_the_claims_file_is_sourced_and_accepted_by_the_spec() -> None:
    assert len(RECORD) == 16
    assert all(claim.sources and claim.sources[0].outlet for claim in RECORD)


def test_version_2_moves_only_the_kalbajar_deadline() -> None:
    for path in (
        EXAMPLES / "agreements" / "karabakh-2020.yaml",
        EXAMPLES / "agreements" / "versions" / "karabakh-2020.v2.yaml",
    ):
        assert check_spec(path.read_text(encoding="utf-8"), str(path)) == []
    first, amended = FIRST.model_dump(), AMENDED.model_dump()
    assert {key for key in first if first[key] != amended[key]} == {
        "effective_from",
        "sources",
        "terms",
    }
    changed = [a["id"] for a, b in zip(first["terms"], amended["terms"], strict=True) if a != b]
    assert changed == ["kalbajar-returned"]
    assert (FIRST.effective_from, str(AMENDED.effective_from)) == (None, "2020-11-15 00:00:00")


def test_in_force_at_midnight_moscow_time() -> None:
    assert _state("2020-11-10T00:59")["state"] == "pending"
    state = _state("2020-11-10T01:00")
    assert (state["state"], state["phase"], state["phase_day"]) == ("active", "peacekeeping", 1)
    # 00:00 in Moscow (UTC+3) is 01:00 in Baku (UTC+4).
    assert state["starts_at"] == "2020-11-10T01:00:00+04:00"
    # Five years on the calendar clock: 60 months end with 9 Nov 2025, at midnight; 1,826 days
    # counted from the start date's midnight (2020-11-10 to 2025-11-10, with 2024's 29 Feb).
    assert (state["ends_at"], state["days_total"]) == ("2025-11-10T00:00:00+04:00", 1826)


def test_the_first_bodies_exchanged_on_14_november_count_once_the_day_is_over() -> None:
    during = _state("2020-11-14T12:00")
    assert _status(during, "remains-returned-by-azerbaijan") == "undetermined"
    assert _status(during, "remains-returned-by-armenia") == "undetermined"
    after = _state("2020-11-15T00:00")
    by_azerbaijan = _row(after, "remains-returned-by-azerbaijan")
    assert (by_azerbaijan["delivered"], by_azerbaijan["status"]) == (100, "met")
    by_armenia = _row(after, "remains-returned-by-armenia")
    assert (by_armenia["delivered"], by_armenia["status"]) == (6, "met")


def test_kalbajar_before_and_after_the_amendment_of_15_november() -> None:
    before = _state("2020-11-14T12:00")
    assert before["judged_by"] == {"version": 1, "of": 2, "effective_from": None}
    row = _row(before, "kalbajar-returned")
    # "Before 15 November", read as the end of 15 Nov, Baku time.
    assert (row["status"], row["ends_at"]) == ("in_progress", "2020-11-16T00:00:00+04:00")
    after = _state("2020-11-16T12:00")
    assert after["judged_by"] == {
        "version": 2,
        "of": 2,
        "effective_from": "2020-11-15T00:00:00+04:00",
    }
    row = _row(after, "kalbajar-returned")
    assert (row["status"], row["ends_at"]) == ("in_progress", "2020-11-26T00:00:00+04:00")
    # Without the amendment the 15 Nov deadline has passed with nothing on record.
    assert _status(_state("2020-11-16T12:00", [FIRST]), "kalbajar-returned") == "no_record"


def test_aghdam_on_20_november_is_undetermined_until_the_day_is_over() -> None:
    noon = _state("2020-11-20T12:00")
    assert noon["phase_day"] == 11  # 10 Nov is day 1
    row = _row(noon, "aghdam-returned")
    assert row["status"] == "undetermined"
    assert "undetermined by date precision: 1 event(s) dated only to the day" in row["explanation"]
    assert _status(_state("2020-11-21T00:00"), "aghdam-returned") == "met"


def test_kalbajar_on_25_november_met_under_the_amended_deadline_late_under_the_first() -> None:
    assert _status(_state("2020-11-25T12:00"), "kalbajar-returned") == "undetermined"
    assert _status(_state("2020-11-26T00:00"), "kalbajar-returned") == "met"
    # Version 1 alone: the handover is on record, ten days after its deadline.
    assert _status(_state("2020-11-26T00:00", [FIRST]), "kalbajar-returned") == "unmet"


def test_lachin_on_1_december_closes_the_handovers() -> None:
    assert _status(_state("2020-12-01T12:00"), "lachin-returned") == "undetermined"
    state = _state("2020-12-02T00:00")
    assert [_status(state, t) for t in ("aghdam-returned", "kalbajar-returned")] == [
        "met",
        "met",
    ]
    row = _row(state, "lachin-returned")
    assert (row["status"], row["ends_at"]) == ("met", "2020-12-02T00:00:00+04:00")


def test_the_prisoner_exchange_of_14_december() -> None:
    before = _state("2020-12-13T12:00")
    assert _status(before, "pows-returned-by-azerbaijan") == "in_progress"
    # The exchange is dated to the day: from its first instant it may or may not have happened.
    assert _status(_state("2020-12-14T00:00"), "pows-returned-by-azerbaijan") == "undetermined"
    after = _state("2020-12-15T00:00")
    assert _row(after, "pows-returned-by-azerbaijan")["delivered"] == 44
    assert _row(after, "pows-returned-by-armenia")["delivered"] == 12
    assert _status(after, "pows-returned-by-armenia") == "met"


def test_breaches_count_in_the_conflict_zone_only() -> None:
    state = _state("2021-06-01T00:00")
    # Hin Tagher and Khtsaberd, 12 Dec: acknowledged by Baku as an operation, so confirmed.
    assert _status(state, "no-hostilities/azerbaijan") == "violated"
    # Sur (26 Nov) and Hadrut (8 Dec), as Azerbaijan reported them: alleged.
    assert _status(state, "no-hostilities/armenia") == "alleged"
    clauses = {b["event_id"]: b["clause"] for b in state["breaches"]}
    assert clauses == {
        "sur-attack": "no-hostilities",
        "hadrut-soldier-killed": "no-hostilities",
        "hadrut-villages-attack": "no-hostilities",
        "sev-lich-incursion": None,  # Syunik, on the state border: outside the zone
    }
    assert state["breaches_by_party"] == {
        "armenia": {"alleged": 2},
        "azerbaijan": {"alleged": 1, "confirmed": 1},
    }


def test_the_russian_contingent_is_deployed_by_the_last_handover() -> None:
    # Shoigu's report to Putin on 20 Nov: 1,960 personnel and 552 pieces of equipment moved in,
    # against the statement's 1,960 troops and 90 APCs + 380 vehicles = 470 pieces.
    noon = _state("2020-11-20T12:00")
    assert _status(noon, "peacekeepers-deployed") == "undetermined"
    state = _state("2020-11-21T00:00")
    troops = _row(state, "peacekeepers-deployed")
    assert (troops["due"], troops["delivered"], troops["balance"], troops["status"]) == (
        1960,
        1960,
        0,
        "met",
    )
    equipment = _row(state, "equipment-deployed")
    # 552 - 470 = 82 more than the statement listed.
    assert (equipment["due"], equipment["delivered"], equipment["balance"]) == (470, 552, 82)
    assert equipment["status"] == "met"


def test_the_joint_monitoring_centre_opens_on_30_january_2021() -> None:
    assert _status(_state("2021-01-29T12:00"), "monitoring-centre") == "in_progress"
    assert _status(_state("2021-01-31T00:00"), "monitoring-centre") == "met"
