"""Claims held to the agreement's own ids: what each problem says, aliases, look-alikes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tests.conftest import ClaimFactory, gaza_spec
from truce.domain.claim_checks import claim_problems, lookalikes, unchecked, with_actor_ids
from truce.domain.claims import DatePrecision, EventType

SPEC = gaza_spec(
    parties=[{"id": "israel"}, {"id": "hamas", "aliases": ["Qassam Brigades"]}],
    excluded=[{"id": "pij"}],
)
JERUSALEM = ZoneInfo("Asia/Jerusalem")


def test_a_claim_in_the_agreements_terms_has_no_problems(make_claim: ClaimFactory) -> None:
    assert claim_problems(SPEC, make_claim(target="israel", phase="pause")) == []
    # Mediators and excluded groups are actors too; a breach's kinds need no subject.
    breach = make_claim(type=EventType.BREACH, actor="pij", target="qatar", subject=None,
                        quantity=None, categories=("rocket-fire",))  # fmt: skip
    assert claim_problems(SPEC, breach) == []


def test_each_unknown_id_is_named_with_what_the_agreement_allows(
    make_claim: ClaimFactory,
) -> None:
    claim = make_claim(actor="hamsa", target="isreal", phase="no-such-phase")
    problems = claim_problems(SPEC, claim)
    assert problems == [
        "actor 'hamsa' is not an actor of gaza-2023-11; parties: israel, hamas; "
        "mediators: qatar; excluded: pij",
        "target 'isreal' is not an actor of gaza-2023-11; parties: israel, hamas; "
        "mediators: qatar; excluded: pij",
        "phase 'no-such-phase' is not a phase of gaza-2023-11; phases: pause",
    ]
    assert claim_problems(SPEC, make_claim(subject="hostagez")) == [
        "subject 'hostagez' is not a subject of gaza-2023-11; subjects: hostages"
    ]
    assert claim_problems(SPEC, make_claim(categories=("womn", "children", "men"))) == [
        "categories 'womn', 'men' not declared for subject 'hostages'; "
        "its categories: women, children"
    ]


def test_a_declared_alias_becomes_the_actors_id(make_claim: ClaimFactory) -> None:
    claim = with_actor_ids(SPEC, make_claim(actor="qassam brigades", target="ISRAEL"))
    assert (claim.actor, claim.target) == ("hamas", "israel")
    plain = make_claim()
    assert with_actor_ids(SPEC, plain) is plain


def test_unchecked_reads_the_flag_a_kept_claim_carries(make_claim: ClaimFactory) -> None:
    assert unchecked(make_claim(extra={"unchecked": ["actor 'x' ..."]})) == ["actor 'x' ..."]
    assert unchecked(make_claim(extra={"unchecked": "not a list"})) == []


def test_a_claim_like_a_recorded_event_under_another_id_is_found(
    make_claim: ClaimFactory,
) -> None:
    # Day 2 recorded at 23:00 local; the same handover recorded again as a day-precision claim.
    recorded = make_claim(event_id="d2-hostages", date=datetime(2023, 11, 25, 21, tzinfo=UTC))
    again = make_claim(
        1,
        date=datetime(2023, 11, 25, tzinfo=JERUSALEM),
        date_precision=DatePrecision.DAY,
    )
    assert lookalikes(again, [recorded], JERUSALEM) == [recorded]
    # Sharing the event id, giving another figure, another day or another actor: not alike.
    shared = replace(again, event_id="d2-hostages")
    assert lookalikes(shared, [recorded], JERUSALEM) == []
    assert lookalikes(make_claim(2, quantity=12), [recorded], JERUSALEM) == []
    assert lookalikes(make_claim(3, actor="israel"), [recorded], JERUSALEM) == []
    next_day = make_claim(4, date=datetime(2023, 11, 26, 12, tzinfo=UTC))
    assert lookalikes(next_day, [recorded], JERUSALEM) == []
    # 23:30 UTC on the 24th is already the 25th in Jerusalem: days are the agreement's.
    late = make_claim(5, date=datetime(2023, 11, 24, 23, 30, tzinfo=UTC))
    assert lookalikes(late, [recorded], JERUSALEM) == [recorded]
    # A week or month is not a day; a claim without a figure is not compared.
    weekly = make_claim(6, date_precision=DatePrecision.WEEK)
    assert lookalikes(weekly, [recorded], JERUSALEM) == []
    assert lookalikes(make_claim(7, quantity=None), [recorded], JERUSALEM) == []
