"""Prohibitions: breaches by party, alleged or confirmed, in force or not."""

from __future__ import annotations

from typing import Any

NO_FIRE = {"id": "no-fire", "kind": "prohibition", "phase": "pause", "clause": "Art. 1"}


def _breach(kit: Any, actor: str, date: str, **fields: Any) -> Any:
    return kit.claim("breach", date, actor=actor, **fields)


def test_alleged_and_confirmed_by_party(kit: Any) -> None:
    spec = kit.spec([NO_FIRE], excluded=[{"id": "isis"}])
    claims = [
        _breach(kit, "israel", "2024-01-01T12:00", status="alleged"),
        # One event, two claims: the confirmation outranks the allegation.
        _breach(kit, "hamas", "2024-01-02T12:00", status="alleged", event_id="b2"),
        _breach(
            kit,
            "hamas",
            "2024-01-02T12:00",
            status="confirmed",
            event_id="b2",
            sources=[{"outlet": "UN monitors"}],
        ),
        _breach(kit, "hamas", "2023-12-31T12:00", status="confirmed"),  # before the pause
        _breach(kit, "isis", "2024-01-03T12:00", status="confirmed"),  # not a party
    ]
    s = kit.state(spec, claims, "2024-01-06T00:00")
    statuses = {o["party"]: o["status"] for o in s["obligations"]}
    # Parties omitted: every party of the agreement is bound.
    assert statuses == {"israel": "alleged", "hamas": "violated"}
    assert kit.obligation(s, "no-fire/hamas")["explanation"] == "1 confirmed breach(es) by hamas"
    rows = {(b["party"], b["date"][:10]): b for b in s["breaches"]}
    assert rows[("israel", "2024-01-01")]["clause"] == "no-fire"
    assert rows[("hamas", "2024-01-02")]["statuses"] == ["alleged", "confirmed"]
    # Outside the pause and outside the agreement: listed, but under no clause.
    assert rows[("hamas", "2023-12-31")]["clause"] is None
    assert (
        rows[("isis", "2024-01-03")]["clause"],
        rows[("isis", "2024-01-03")]["excluded_party"],
    ) == (
        None,
        True,
    )
    assert s["breaches_by_party"] == {
        "hamas": {"confirmed": 2},
        "isis": {"confirmed": 1},
        "israel": {"alleged": 1},
    }
    # Sources are listed best-attested first: the confirming monitors, then the allegation.
    assert kit.explanation(s, "breach/b2")["sources"] == ["UN monitors", "Test Wire"]


def test_limited_to_listed_parties_and_kinds(kit: Any) -> None:
    term = {**NO_FIRE, "parties": ["hamas"], "categories": ["rocket-fire"]}
    spec = kit.spec([term])
    claims = [
        _breach(kit, "hamas", "2024-01-01T12:00", categories=["armed-attack"]),
        _breach(kit, "israel", "2024-01-01T13:00", categories=["rocket-fire"]),
    ]
    s = kit.state(spec, claims, "2024-01-06T00:00")
    assert [(o["id"], o["status"]) for o in s["obligations"]] == [("no-fire/hamas", "met")]
    assert [b["clause"] for b in s["breaches"]] == [None, None]


EXCHANGE = {
    "id": "exchange-terms",
    "kind": "prohibition",
    "phase": "pause",
    "clause": "Art. 3",
    "categories": ["exchange"],
}


def test_an_exchange_breach_lands_on_the_exchange_clause_not_on_hostilities(kit: Any) -> None:
    spec = kit.spec([NO_FIRE, EXCHANGE])
    claims = [
        _breach(kit, "hamas", "2024-01-02T12:00", status="confirmed", categories=["exchange"]),
    ]
    s = kit.state(spec, claims, "2024-01-06T00:00")
    assert kit.obligation(s, "exchange-terms/hamas")["status"] == "violated"
    # Before, the catch-all ceasefire took it first: a hostilities breach that never happened.
    assert kit.obligation(s, "no-fire/hamas")["status"] == "met"
    assert [b["clause"] for b in s["breaches"]] == ["exchange-terms"]


def test_a_prohibition_in_the_air_and_in_a_zone(kit: Any) -> None:
    flights = {**NO_FIRE, "id": "no-flights", "domains": ["air"], "zones": ["Rafah"]}
    spec = kit.spec([flights])
    claims = [
        _breach(kit, "israel", "2024-01-01T12:00", status="confirmed", categories=["land"]),
        _breach(
            kit, "israel", "2024-01-02T12:00", categories=["air"], location="Khan Younis, Gaza"
        ),
    ]
    s = kit.state(spec, claims, "2024-01-06T00:00")
    # A land raid and a flight elsewhere are outside its scope.
    assert kit.obligation(s, "no-flights/israel")["status"] == "met"
    assert [b["clause"] for b in s["breaches"]] == [None, None]
    over = _breach(kit, "israel", "2024-01-03T12:00", categories=["air"], location="east Rafah")
    s = kit.state(spec, [*claims, over], "2024-01-06T00:00")
    assert kit.obligation(s, "no-flights/israel")["status"] == "alleged"
    assert [b["clause"] for b in s["breaches"]] == [None, None, "no-flights"]


def test_an_act_under_an_exception_is_listed_not_counted(kit: Any) -> None:
    ceasefire = {**NO_FIRE, "exceptions": ["imminent-threat"]}
    spec = kit.spec([ceasefire])
    claims = [
        _breach(
            kit,
            "israel",
            "2024-01-02T12:00",
            status="confirmed",
            categories=["air", "imminent-threat"],
        ),
    ]
    s = kit.state(spec, claims, "2024-01-06T00:00")
    row = kit.obligation(s, "no-fire/israel")
    assert row["status"] == "met"
    assert (
        "1 act(s) under the term's exceptions (imminent-threat), not counted"
        in (row["explanation"])
    )
    assert kit.explanation(s, "no-fire/israel")["claims"] == [claims[0].id]
    assert [b["clause"] for b in s["breaches"]] == [None]


# A cessation from 17:00 on 1 Jan 2024 (UTC), open-ended.
EVENING = [{"id": "pause", "start": {"at": "2024-01-01T17:00"}}]


def test_a_breach_dated_to_the_day_the_prohibition_starts_is_listed_under_it(kit: Any) -> None:
    spec = kit.spec([NO_FIRE], phases=EVENING)
    night = _breach(kit, "hamas", "2024-01-01", status="alleged", event_id="night")
    s = kit.state(spec, [night], "2024-01-03T00:00")
    # 00:00-24:00 overlaps the cessation from 17:00: it may be a breach of it, or may precede it.
    # It is never set outside every clause (as it was when placed at noon, before 17:00).
    row = s["breaches"][0]
    assert row["clause"] == "no-fire"
    assert row["explanation"].endswith(
        "(dated only to the day: it may fall outside the term's time in force)"
    )
    verdict = kit.obligation(s, "no-fire/hamas")
    assert verdict["status"] == "alleged"
    assert "1 of them dated only to the day" in verdict["explanation"]


def test_a_confirmed_breach_that_may_precede_the_start_is_undetermined(kit: Any) -> None:
    spec = kit.spec([NO_FIRE], phases=EVENING)
    day = _breach(kit, "israel", "2024-01-01", status="confirmed")
    s = kit.state(spec, [day], "2024-01-03T00:00")
    assert kit.obligation(s, "no-fire/israel")["status"] == "undetermined"
    inside = _breach(kit, "israel", "2024-01-02", status="confirmed")
    s = kit.state(spec, [day, inside], "2024-01-03T00:00")
    # A confirmed breach wholly inside the cessation settles it.
    assert kit.obligation(s, "no-fire/israel")["status"] == "violated"


def test_a_breach_dated_to_a_day_wholly_before_the_start_stays_outside(kit: Any) -> None:
    spec = kit.spec([NO_FIRE], phases=EVENING)
    before = _breach(kit, "hamas", "2023-12-31", status="confirmed")
    s = kit.state(spec, [before], "2024-01-03T00:00")
    assert s["breaches"][0]["clause"] is None
    assert kit.obligation(s, "no-fire/hamas")["status"] == "in_progress"


def test_on_land_in_the_air_and_at_sea_is_every_domain(kit: Any) -> None:
    everywhere = {**NO_FIRE, "domains": ["land", "air", "sea"]}
    land = {**NO_FIRE, "id": "no-shelling", "domains": ["land"]}
    spec = kit.spec([everywhere, land])
    # "Violations in some areas": the claim names no domain.
    vague = _breach(kit, "israel", "2024-01-02T12:00", status="alleged")
    s = kit.state(spec, [vague], "2024-01-06T00:00")
    assert kit.obligation(s, "no-fire/israel")["status"] == "alleged"
    # A prohibition of one domain still takes only acts that name it.
    assert kit.obligation(s, "no-shelling/israel")["status"] == "met"
    assert s["breaches"][0]["clause"] == "no-fire"


def test_breach_rows_of_many_events_sharing_kinds_and_clauses(kit: Any) -> None:
    """Rows rendered in a loop that shares work between breaches (category lists sorted once
    per set, each clause's window found once): every row still reads as its own event does,
    by both engine paths (`kit.state`), and no two rows share a list."""
    spec = kit.spec([NO_FIRE, EXCHANGE], excluded=[{"id": "isis"}])
    kinds = [["exchange", "armed-attack"], ["armed-attack"], ["armed-attack", "exchange"]]
    claims = []
    for n in range(12):
        date = f"2024-01-0{1 + n % 6}T1{n % 10}:00"
        actor = ("hamas", "israel", "isis")[n % 3]
        claims.append(
            _breach(kit, actor, date, categories=kinds[n % 3], event_id=f"b{n}", status="alleged")
        )
        if n % 4 == 0:  # a second claim of another status: both listed, sorted
            second = _breach(kit, actor, date, categories=kinds[n % 3], event_id=f"b{n}",
                             status="confirmed", sources=[{"outlet": "UN monitors"}])  # fmt: skip
            claims.append(second)
    s = kit.state(spec, claims, "2024-01-08T00:00")
    rows = {b["event_id"]: b for b in s["breaches"]}
    assert len(rows) == 12
    for n in range(12):
        row = rows[f"b{n}"]
        in_pause = n % 6 < 4  # the pause runs four days from 1 Jan 07:00
        exchange = "exchange" in kinds[n % 3]
        bound = row["party"] != "isis"
        want = ("exchange-terms" if exchange else "no-fire") if in_pause and bound else None
        assert row["clause"] == want, row
        assert row["categories"] == sorted(kinds[n % 3])
        assert row["statuses"] == (["alleged", "confirmed"] if n % 4 == 0 else ["alleged"])
        assert row["excluded_party"] is (row["party"] == "isis")
        explanation = kit.explanation(s, f"breach/b{n}")
        assert explanation["claims"] == row["claims"]
        assert explanation["claims_total"] == len(row["claims"])
    lists = [id(r[k]) for r in s["breaches"] for k in ("categories", "statuses", "claims")]
    assert len(set(lists)) == len(lists)


def test_claims_at_one_instant_written_in_two_offsets_do_not_dispute_its_date(kit: Any) -> None:
    """An event whose claims all give the lead's instant is not date-disputed (the shortcut in
    `make_event`), whatever offset each wrote it in; a claim an hour off is."""
    spec = kit.spec([NO_FIRE])
    same = [
        _breach(kit, "hamas", "2024-01-02T12:00", event_id="b1", status="confirmed"),
        _breach(
            kit,
            "hamas",
            "2024-01-02T14:00+02:00",
            event_id="b1",
            sources=[{"outlet": "Other Wire"}],
        ),  # fmt: skip
    ]
    s = kit.state(spec, same, "2024-01-06T00:00")
    assert s["disputes"] == [] and len(s["breaches"]) == 1
    off = [*same[:1], _breach(kit, "hamas", "2024-01-02T13:00", event_id="b1",
                              sources=[{"outlet": "Other Wire"}])]  # fmt: skip
    s = kit.state(spec, off, "2024-01-06T00:00")
    assert [d["about"] for d in s["disputes"]] == ["date"]
