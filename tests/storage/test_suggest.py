"""The claims near a candidate and the agreements of an event id, on SQLite and PostgreSQL:
the right rows, bounded, and found through the indexes of migration 0010 rather than a scan."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import text

from tests.conftest import ClaimFactory, gaza_spec
from truce.storage.ledger import Ledger
from truce.storage.suggest import ROWS, claims_near, event_agreements

DAY = date(2023, 11, 25)
NOON = datetime.fromisoformat("2023-11-25T12:00+02:00")


def _ledger(url: str, make_claim: ClaimFactory) -> Ledger:
    ledger = Ledger.init(url)
    ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
    ledger.add_agreement(gaza_spec(id="other"), "id: other\n", "ana")
    claims = [
        make_claim(1, date=NOON, quantity=10, event_id="same"),
        make_claim(2, date=NOON + timedelta(days=1), quantity=6, event_id="next-day-close"),
        make_claim(3, date=NOON, quantity=None, event_id="no-figure"),
        make_claim(4, date=NOON, quantity=30, event_id="far-figure"),
        make_claim(5, date=NOON + timedelta(days=3), quantity=10, event_id="far-day"),
        make_claim(6, date=NOON, quantity=10, actor="israel", event_id="other-actor"),
        make_claim(7, date=NOON, quantity=10, agreement="other", event_id="elsewhere"),
        # Many of one figure on the day: a query returns at most ROWS of them.
        *(make_claim(100 + n, date=NOON, quantity=10, event_id=f"crowd-{n}") for n in range(60)),
    ]
    ledger.append_claims(claims, "ana")
    return ledger


def test_near_claims_are_of_the_agreement_type_actor_days_and_figures(
    ledger_url: str, make_claim: ClaimFactory
) -> None:
    ledger = _ledger(ledger_url, make_claim)
    try:
        rows = claims_near(ledger.engine, "gaza-2023-11", "release", "hamas", DAY, 10)
        events = {r.event_id for r in rows}
        assert {"same", "next-day-close", "no-figure"} <= events
        assert not events & {"far-figure", "far-day", "other-actor", "elsewhere"}
        assert len(rows) <= 3 * ROWS and len(rows) == len({r.id for r in rows})
        # No actor: the days' claims of every actor, by date; no figure: every figure.
        anyone = {r.event_id for r in claims_near(ledger.engine, "gaza-2023-11", "release",
                                                  None, DAY, None)}  # fmt: skip
        assert "other-actor" in anyone and "elsewhere" not in anyone
        assert claims_near(ledger.engine, "gaza-2023-11", "breach", "hamas", DAY, 10) == []
        assert event_agreements(ledger.engine, "elsewhere") == ["other"]
        assert event_agreements(ledger.engine, "same") == ["gaza-2023-11"]
        assert event_agreements(ledger.engine, "never") == []
    finally:
        ledger.close()


def test_the_lookups_use_the_indexes_not_a_scan(tmp_path, make_claim: ClaimFactory) -> None:  # type: ignore[no-untyped-def]
    ledger = _ledger(str(tmp_path / "plans.db"), make_claim)
    try:
        with ledger.engine.connect() as conn:
            by_figure = conn.execute(text(
                "EXPLAIN QUERY PLAN SELECT id FROM claims WHERE agreement = 'gaza-2023-11' "
                "AND type = 'release' AND actor = 'hamas' AND quantity = 10 "
                "AND date >= '2023-11-25' AND date < '2023-11-26' ORDER BY date LIMIT 40"
            )).all()  # fmt: skip
            by_event = conn.execute(text(
                "EXPLAIN QUERY PLAN SELECT DISTINCT agreement FROM claims WHERE event_id = 'x'"
            )).all()  # fmt: skip
        assert "ix_claims_lookalike" in str(by_figure) and "SCAN claims" not in str(by_figure)
        assert "ix_claims_event_id" in str(by_event)
    finally:
        ledger.close()
