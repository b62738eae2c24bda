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


def test_day_precision_counts_in_its_agreement_day_once_known(kit: Any) -> None:
    spec = kit.spec([DAILY])
    # The pause starts 07:00 Jan 1; "2024-01-02" stands for all of Jan 2 and is placed at its
    # midday, inside day 2 (07:00 Jan 2 to 07:00 Jan 3). It is surely past only at midnight.
    claims = [kit.release("hamas", 10, "2024-01-02")]
    assert _delivered(kit.state(spec, claims, "2024-01-02T12:00"))[:2] == [0, 0]
    assert _delivered(kit.state(spec, claims, "2024-01-03T00:00"))[:2] == [0, 10]


def test_week_precision(kit: Any) -> None:
    spec = kit.spec([DAILY])
    # 2024-W01 is Mon Jan 1 to Mon Jan 8: placed at 12:00 Jan 4 (day 4), known from Jan 8.
    claims = [kit.release("hamas", 10, "2024-W01")]
    assert _delivered(kit.state(spec, claims, "2024-01-07T23:00")) == [0, 0, 0, 0]
    assert _delivered(kit.state(spec, claims, "2024-01-08T00:00")) == [0, 0, 0, 10]


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
