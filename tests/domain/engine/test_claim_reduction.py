"""From claims to events: corrections, retractions, date precision and disputed figures."""

from __future__ import annotations

from typing import Any

DAILY = {
    "id": "daily",
    "kind": "quota",
    "phase": "pause",
    "party": "hamas",
    "subject": "hostages",
    "at_least": 10,
    "per": "day",
}


PAUSE_AT_MIDNIGHT: dict[str, Any] = {
    "id": "pause",
    "start": {"at": "2024-01-01T00:00"},
    "duration": {"days": 4},
}


def _delivered(state: dict[str, Any]) -> list[Any]:
    return [o["delivered"] for o in state["obligations"] if o["term"] == "daily"]


def test_a_correction_replaces_the_claim_it_supersedes(kit: Any) -> None:
    spec = kit.spec([DAILY])
    first = kit.release("hamas", 10, "2024-01-01T12:00")
    fixed = kit.release("hamas", 12, "2024-01-01T12:00", supersedes=first.id)
    again = kit.release("hamas", 11, "2024-01-01T12:00", supersedes=fixed.id)
    s = kit.state(spec, [first, fixed], "2024-01-06T00:00")
    assert _delivered(s)[0] == 12
    assert (s["counts"]["claims"], s["counts"]["events"], s["counts"]["superseded"]) == (2, 1, 1)
    s = kit.state(spec, [first, fixed, again], "2024-01-06T00:00")
    assert _delivered(s)[0] == 11
    assert s["counts"]["superseded"] == 2


def test_retracted_claims_are_excluded(kit: Any) -> None:
    spec = kit.spec([DAILY, {"id": "no-fire", "kind": "prohibition", "phase": "pause"}])
    breach = kit.claim("breach", "2024-01-01T12:00", actor="israel", status="alleged")
    withdrawn = kit.claim(
        "breach", "2024-01-01T12:00", actor="israel", status="retracted", supersedes=breach.id
    )
    claims = [
        kit.release("hamas", 15, "2024-01-01T12:00", event_id="d1"),
        kit.release("hamas", 10, "2024-01-01T12:00", event_id="d1", status="retracted"),
        breach,
        withdrawn,
    ]
    s = kit.state(spec, claims, "2024-01-06T00:00")
    # The retracted 10 is no rival figure: no dispute, 15 delivered.
    assert (_delivered(s)[0], s["disputes"]) == (15, [])
    assert (s["breaches"], s["breaches_by_party"]) == ([], {})
    assert (s["counts"]["retracted"], s["counts"]["superseded"]) == (2, 1)


def test_a_day_dated_claim_across_a_day_boundary_is_undetermined(kit: Any) -> None:
    spec = kit.spec([DAILY])
    # The pause starts 07:00 Jan 1, so day 1 ends 07:00 Jan 2. "2024-01-02" is all of Jan 2:
    # its 10 may belong to day 1 (00:00-07:00) or to day 2. Neither day is short for sure, and
    # neither is met for sure: both are undetermined, with the claim named.
    claim = kit.release("hamas", 10, "2024-01-02")
    for at in ("2024-01-02T12:00", "2024-01-03T00:00", "2024-01-06T00:00"):
        s = kit.state(spec, [claim], at)
        assert _delivered(s)[:2] == [0, 0]
        assert kit.statuses(s, "daily")[:2] == ["undetermined", "undetermined"]
    row = kit.obligation(s, "daily/day-1")
    assert "dated only to the day" in row["explanation"]
    assert kit.explanation(s, "daily/day-1")["claims"] == [claim.id]
    assert kit.statuses(s, "daily")[2:] == ["no_record", "no_record"]


def test_a_day_dated_claim_inside_a_window_counts_at_the_end_of_its_day(kit: Any) -> None:
    spec = kit.spec([DAILY], phases=[{**PAUSE_AT_MIDNIGHT}])
    claim = kit.release("hamas", 10, "2024-01-02")
    # During Jan 2 the release may not have happened yet: it may count, so day 2 is
    # undetermined, not a shortfall; from midnight it surely happened, inside day 2.
    during = kit.state(spec, [claim], "2024-01-02T12:00")
    assert kit.statuses(during, "daily")[:2] == ["no_record", "undetermined"]
    after = kit.state(spec, [claim], "2024-01-03T00:00")
    assert _delivered(after)[:2] == [0, 10]
    assert kit.statuses(after, "daily")[:2] == ["no_record", "met"]


def test_week_precision(kit: Any) -> None:
    spec = kit.spec([DAILY], phases=[{**PAUSE_AT_MIDNIGHT, "duration": {"days": 7}}])
    # 2024-W01 is Mon Jan 1 to Mon Jan 8: any day of the pause may hold the 10.
    claims = [kit.release("hamas", 10, "2024-W01")]
    s = kit.state(spec, claims, "2024-01-09T00:00")
    assert _delivered(s) == [0] * 7
    assert kit.statuses(s, "daily") == ["undetermined"] * 7


def _group(kit: Any, *figures: tuple[int | None, str]) -> list[Any]:
    return [
        kit.release(
            "hamas",
            q,
            "2024-01-01T12:00",
            event_id="d1",
            status=status,
            sources=[{"outlet": f"outlet {i}"}],
        )
        for i, (q, status) in enumerate(figures)
    ]


def _readings(state: dict[str, Any]) -> list[tuple[Any, bool]]:
    [dispute] = state["disputes"]
    return [(r["quantity"], r["leading"]) for r in dispute["readings"]]


def test_lowest_figure_leads_among_equals(kit: Any) -> None:
    spec = kit.spec([DAILY])
    s = kit.state(spec, _group(kit, (10, "reported"), (8, "reported")), "2024-01-06T00:00")
    assert _readings(s) == [(8, True), (10, False)]
    assert _delivered(s)[0] == 8
    [dispute] = s["disputes"]
    assert dispute["verdicts"] == [{"id": "daily/day-1", "by_reading": {"8": "unmet", "10": "met"}}]
    assert kit.obligation(s, "daily/day-1")["disputed"] is True


def test_confirmed_claim_outranks_reported_ones(kit: Any) -> None:
    spec = kit.spec([DAILY])
    s = kit.state(spec, _group(kit, (8, "reported"), (10, "confirmed")), "2024-01-06T00:00")
    assert _readings(s) == [(10, True), (8, False)]
    assert _delivered(s)[0] == 10
    claims = _group(kit, (12, "confirmed"), (7, "reported"), (9, "confirmed"))
    s = kit.state(spec, claims, "2024-01-06T00:00")
    # Lowest of the confirmed figures leads; the others follow in ascending order.
    assert _readings(s) == [(9, True), (7, False), (12, False)]


def test_best_claim_without_a_figure(kit: Any) -> None:
    spec = kit.spec([DAILY])
    # A confirmation that gives no number says the event happened, not how many: the figures
    # come from the reported claims, and the lower one leads.
    claims = _group(kit, (None, "confirmed"), (10, "reported"), (8, "reported"))
    s = kit.state(spec, claims, "2024-01-06T00:00")
    assert _readings(s) == [(8, True), (10, False)]
    assert _delivered(s)[0] == 8


def test_dispute_that_changes_no_verdict(kit: Any) -> None:
    spec = kit.spec([DAILY])
    s = kit.state(spec, _group(kit, (12, "reported"), (15, "reported")), "2024-01-06T00:00")
    [dispute] = s["disputes"]
    assert (dispute["verdict_differs"], dispute["verdicts"]) == (False, [])
    assert kit.obligation(s, "daily/day-1")["disputed"] is False
