"""Claims lists in the database, on SQLite and the real PostgreSQL: paging through every page of
any filtered, sorted list yields exactly the claims the filter keeps, each once, in order — held
against the same filter and order computed in Python from every claim."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from tests.conftest import GAZA_YAML, gaza_spec, postgres_database
from truce.domain.claim_input import with_content_id
from truce.domain.claims import Claim, ClaimStatus, EventType, Source
from truce.storage import Ledger, claim_query
from truce.storage.claim_query import SORTS, ClaimFilter, Order
from truce.storage.tables import claims
from truce.storage.tables import claims as claims_table

AGREEMENT = "gaza-2023-11"
ZONES = [UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5))]
OUTLETS = ["Reuters", "AP", "Al_Jazeera", "50% Wire", None]
PLACES = [None, {"name": "Khan Yunis", "lat": 31.3, "lon": 34.3, "country": "PSE"},
          {"name": "Rafah", "lat": 31.28, "lon": 34.25, "country": "PSE"}]  # fmt: skip
TYPES = [EventType.RELEASE, EventType.BREACH, EventType.AID_DELIVERY, EventType.STATEMENT]


def _claims(n: int) -> list[Claim]:
    rng = random.Random(7)
    made = []
    for i in range(n):
        place = rng.choice(PLACES)
        outlet = rng.choice(OUTLETS)
        made.append(with_content_id(Claim(
            id="", agreement=AGREEMENT, type=rng.choice(TYPES),
            date=datetime(2023, 11, 24, tzinfo=rng.choice(ZONES))
            + timedelta(hours=rng.randrange(0, 24 * 8)),
            actor=rng.choice(["hamas", "israel", None]),
            quantity=rng.choice([None, 0, 3, 13, 13, 40]),
            status=rng.choice(list(ClaimStatus)),
            location=rng.choice([None, "near Khan Yunis", "Gaza City", "RAFAH crossing"]),
            sources=(Source(outlet=outlet, speaker=rng.choice(["Majed al-Ansari", None])),),
            extra={"place": place, "n": i} if place else {"n": i},
        )))  # fmt: skip
    return made


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def listed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Ledger, list[Claim]]]:
    def build(url: str) -> Iterator[tuple[Ledger, list[Claim]]]:
        with Ledger.init(url) as ledger:
            ledger.add_agreement(gaza_spec(), GAZA_YAML, None)
            ledger.append_claims(_claims(160), "analyst")
            day = datetime(2023, 11, 25, tzinfo=UTC)
            other = with_content_id(Claim(id="", agreement="other", type="breach", date=day))
            ledger.add_agreement(gaza_spec(id="other"), GAZA_YAML, None)
            ledger.append_claims([other], "desk")
            yield ledger, ledger.claims(AGREEMENT)

    if request.param == "sqlite":
        snapshots = tmp_path_factory.mktemp("list")
        yield from build(str(Path(snapshots) / "list.db"))
    else:
        for url in postgres_database():
            yield from build(url)


def _expected(claims: list[Claim], f: ClaimFilter, order: Order) -> list[str]:
    def kept(c: Claim) -> bool:
        written = c.date.isoformat()
        checks = [
            f.type is None or c.type == f.type,
            f.actor is None or c.actor == f.actor,
            f.status is None or c.status.value == f.status,
            f.date_from is None or written >= f.date_from.isoformat(),
            f.date_to is None or written < (f.date_to + timedelta(days=1)).isoformat(),
        ]
        if f.place:
            place = c.extra.get("place")
            names = [c.location or "", place["name"] if isinstance(place, dict) else ""]
            checks.append(any(f.place.casefold() in n.casefold() for n in names))
        if f.source:
            names = [n for s in c.sources for n in (s.outlet, s.speaker, s.via) if n]
            checks.append(f.source.casefold() in {n.casefold() for n in names})
        return all(checks)

    seqs = {c.id: i for i, c in enumerate(claims)}

    def key(c: Claim) -> tuple[Any, ...]:
        values: dict[str, Any] = {"date": c.date.isoformat(), "type": str(c.type), "actor": c.actor,
                                  "quantity": c.quantity, "status": c.status.value}  # fmt: skip
        names = {"date": ("date",), "type": ("type", "date"), "recorded": ()}.get(
            order.column, (order.column,)
        )
        # NULL sorts as the smallest value: (0, None) before (1, anything).
        return (*((0, 0) if values[n] is None else (1, values[n]) for n in names), seqs[c.id])

    return [c.id for c in sorted(filter(kept, claims), key=key, reverse=order.descending)]


filters = st.builds(
    ClaimFilter,
    agreement=st.just(AGREEMENT),
    type=st.sampled_from([None, *(str(t) for t in TYPES), "meeting"]),
    actor=st.sampled_from([None, "hamas", "israel", "nobody"]),
    status=st.sampled_from([None, "confirmed", "alleged"]),
    date_from=st.sampled_from([None, date(2023, 11, 24), date(2023, 11, 27)]),
    date_to=st.sampled_from([None, date(2023, 11, 26), date(2023, 11, 30)]),
    place=st.sampled_from([None, "khan", "RAFAH", "%", "_", "Gaza"]),
    source=st.sampled_from([None, "reuters", "Al_Jazeera", "AlXJazeera", "50% Wire", "%"]),
)
orders = st.builds(Order, column=st.sampled_from(sorted(SORTS)), descending=st.booleans())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(where=filters, order=orders, per_page=st.integers(1, 40))
def test_every_page_together_is_the_filtered_list_once_in_order(
    listed: tuple[Ledger, list[Claim]], where: ClaimFilter, order: Order, per_page: int
) -> None:
    ledger, claims = listed
    expected = _expected(claims, where, order)
    assert claim_query.count(ledger.engine, where) == len(expected)
    seen: list[str] = []
    for offset in range(0, len(expected) + per_page, per_page):
        seen += [c.id for c in claim_query.page(ledger.engine, where, order, offset, per_page)]
    assert seen == expected
    # Given the exact total and the head, the second half is read from the end, turned round.
    head = ledger.head().seq  # type: ignore[union-attr]
    assert claim_query.count(ledger.engine, where, through=head) == len(expected)
    total = len(expected)
    backwards: list[str] = []
    for offset in range(0, total + per_page, per_page):
        found = claim_query.page(ledger.engine, where, order, offset, per_page, total, head)
        backwards += [c.id for c in found]
    assert backwards == expected
    assert [c.id for c in claim_query.stream(ledger.engine, where, order)] == expected


def test_pages_are_whole_claims_and_wildcards_are_literal(
    listed: tuple[Ledger, list[Claim]],
) -> None:
    ledger, claims = listed
    first = claim_query.page(ledger.engine, ClaimFilter(AGREEMENT), Order(), 0, 5)
    assert first == claims[:5]  # the claims as the ledger builds them, every field
    assert claim_query.count(ledger.engine, ClaimFilter(AGREEMENT, source="%")) == 0
    whole = ClaimFilter(AGREEMENT)
    assert claim_query.count(ledger.engine, whole, cap=10) == 11  # "more than 10"
    assert claim_query.count(ledger.engine, whole, cap=1000) == 160
    placed = sum(isinstance(c.extra.get("place"), dict) for c in claims)
    assert 0 < claim_query.count(ledger.engine, ClaimFilter(AGREEMENT, placed=True)) == placed
    # The data exercises every filter: each keeps some claims and leaves out others.
    for narrow in ({"place": "khan"}, {"source": "reuters"}, {"source": "50% Wire"},
                   {"date_to": date(2023, 11, 26)}, {"actor": "hamas"}):  # fmt: skip
        assert 0 < claim_query.count(ledger.engine, ClaimFilter(AGREEMENT, **narrow)) < 160
    assert claim_query.count(ledger.engine, ClaimFilter("other")) == 1
    assert claim_query.page(ledger.engine, ClaimFilter(AGREEMENT), Order(), 10_000, 5) == []


def test_a_page_and_a_count_use_an_index_on_sqlite(tmp_path: Path) -> None:
    """The plan, not a timing: sorted by date, a page is read from the date index (no sort of
    the whole agreement), and so on for every sortable column."""
    with Ledger.init(str(tmp_path / "plan.db")) as ledger:
        for column in SORTS:
            where, order = ClaimFilter(AGREEMENT), Order(column, descending=True)
            picked = (
                select(claims.c.seq)
                .where(*claim_query.conditions(where))
                .order_by(*claim_query._order_by(ledger.engine, order))
                .limit(50)
            )
            sql = str(picked.compile(ledger.engine, compile_kwargs={"literal_binds": True}))
            with ledger.engine.connect() as conn:
                plan = " ".join(r[-1] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert "USING" in plan and "INDEX" in plan, (column, plan)
            assert "TEMP B-TREE FOR ORDER BY" not in plan, (column, plan)


def test_a_page_read_from_the_end_ignores_claims_after_its_head(
    listed: tuple[Ledger, list[Claim]],
) -> None:
    """A late page is counted and read through the head it is served for: claims appended
    after that head (here: the last 19) neither shift it nor appear in it."""
    ledger, claims = listed
    where = ClaimFilter(AGREEMENT)
    with ledger.engine.connect() as conn:
        query = select(claims_table.c.seq).where(claims_table.c.id == claims[-20].id)
        head = conn.execute(query).scalar_one()
    total = claim_query.count(ledger.engine, where, through=head)
    assert total == len(claims) - 19
    last = claim_query.page(ledger.engine, where, Order(), total - 7, 10, total, head)
    assert [c.id for c in last] == [c.id for c in claims[-26:-19]]
    assert claim_query.page(ledger.engine, where, Order(), total, 10, total, head) == []
