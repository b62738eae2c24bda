"""The names claims lists filter by (`storage.claim_terms`), on SQLite and the real PostgreSQL:
kept with every append, filled by migration 0012 for claims recorded before it (with the review
queue's confidences), compared the same way on both back ends (casefolded, beyond ASCII), and
searched through indexes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command
from sqlalchemy import select, text

from tests.conftest import GAZA_YAML, gaza_spec
from tests.services.review.test_queue_order import expected, queue
from truce.domain.claim_input import with_content_id
from truce.domain.claims import Claim, EventType, Source
from truce.storage import Ledger, claim_query
from truce.storage.claim_query import ClaimFilter, Order
from truce.storage.review_page import confident_page
from truce.storage.schema import _config
from truce.storage.tables import claim_terms, claims, terms

A = "gaza-2023-11"
DAY = datetime(2023, 11, 25, 9, tzinfo=UTC)


def _claim(n: int, **fields: object) -> Claim:
    base = {"id": "", "agreement": A, "type": EventType.BREACH, "date": DAY + timedelta(hours=n),
            "notes": f"claim {n}"}  # fmt: skip
    return with_content_id(Claim(**{**base, **fields}))  # type: ignore[arg-type]


RECORD = [
    _claim(0, location="ÉGYPTE side of Kerem Shalom", sources=(Source(outlet="Al Jazeera"),)),
    _claim(
        1,
        extra={"place": {"name": "Straße nach Rafah", "country": "PSE"}},
        sources=(Source(outlet="Reuters", speaker="Majed al-Ansari", via="AFP"),),
    ),  # fmt: skip
    _claim(2, location="   ", sources=(Source(outlet="REUTERS"),)),
    _claim(3, location="50% of Khan_Yunis", extra={"place": "not an object"}),
    _claim(4, sources=(Source(outlet="x" * 450),)),
]


def _seqs(ledger: Ledger, **where: object) -> list[int]:
    found = claim_query.page(ledger.engine, ClaimFilter(A, **where), Order(), 0, 100)  # type: ignore[arg-type]
    return [int(c.notes.split()[-1]) for c in found if c.notes]


def _kept(ledger: Ledger) -> list[tuple[str, str, str, int]]:
    with ledger.engine.connect() as conn:
        rows = conn.execute(select(claim_terms).order_by(*claim_terms.c)).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_names_match_casefolded_and_literally_on_both_back_ends(ledger_url: str) -> None:
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, None)
        ledger.append_claims(RECORD, "analyst")
        assert _seqs(ledger, place="égypte") == [0]  # beyond ASCII, either case
        assert _seqs(ledger, place="STRASSE") == [1]  # ß casefolds to ss
        assert _seqs(ledger, place="rafah") == [1]  # the gazetteer place's name
        assert _seqs(ledger, place="of khan_y") == [3]
        assert _seqs(ledger, place="_") == [3]  # wildcards are literal
        assert _seqs(ledger, place="%") == [3]
        assert _seqs(ledger, place="not an object") == []  # only a place's name counts
        assert _seqs(ledger, place=" ") == [0, 1, 3]  # a blank location is no place
        assert _seqs(ledger, source="reuters") == [1, 2]
        assert _seqs(ledger, source="al-ansari") == []  # a source is named whole
        assert _seqs(ledger, source="MAJED AL-ANSARI") == [1]
        assert _seqs(ledger, source="afp") == [1]
        assert _seqs(ledger, source="x" * 450) == [4]  # kept by its first 400 characters
        assert _seqs(ledger, source="Reuters", date_from=DAY.date(), date_to=DAY.date()) == [1, 2]
        assert _seqs(ledger, source="Reuters", date_from=(DAY + timedelta(days=1)).date()) == []
        with ledger.engine.connect() as conn:
            names = conn.execute(select(terms.c.text).where(terms.c.kind == "source")).scalars()
            assert sorted(names) == ["afp", "al jazeera", "majed al-ansari", "reuters", "x" * 400]


def test_migration_0012_fills_the_names_of_claims_recorded_before_it(ledger_url: str) -> None:
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, None)
        ledger.append_claims(RECORD, "analyst")
        written = _kept(ledger)
        assert len(written) == 9
        ids = queue(ledger)  # the review queue's confidences are filled too
        config = _config()
        with ledger.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0011")
        with ledger.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        assert _kept(ledger) == written
        paged = confident_page(ledger.engine, A, "pending", 0, 10).candidates
        assert [q.id for q in paged] == expected(ids)
        assert _seqs(ledger, place="égypte") == [0]
        # Appends after the migration add to what it filled.
        ledger.append_claims([_claim(5, sources=(Source(outlet="Reuters"),))], "analyst")
        assert _seqs(ledger, source="reuters") == [1, 2, 5]


def test_an_outlet_on_one_day_and_a_place_are_index_seeks_on_sqlite(tmp_path: Path) -> None:
    """The plan, not a timing: neither filter reads every claim of the agreement (at 1M claims
    the place fragment did, 4.1 s, and an outlet on one day sorted the day's claims, 1.7 s),
    nor does the bound to the head a page is served for."""
    with Ledger.init(str(tmp_path / "plan.db")) as ledger:
        one_day = {"date_from": DAY.date(), "date_to": DAY.date()}
        for where in (ClaimFilter(A, place="khan"), ClaimFilter(A, source="Reuters", **one_day)):  # type: ignore[arg-type]
            picked = (
                select(claims.c.seq)
                .where(*claim_query.conditions(where), *claim_query._through(10**6))
                .order_by(*claim_query._order_by(ledger.engine, Order()))
                .limit(50)
            )
            sql = str(picked.compile(ledger.engine, compile_kwargs={"literal_binds": True}))
            with ledger.engine.connect() as conn:
                plan = [r[-1] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql))]
            assert not any(step.startswith("SCAN claims") for step in plan), plan
            assert not any("seq<" in step for step in plan), plan  # no walk of every claim by seq
            assert any("claim_terms" in step and "INDEX" in step for step in plan), plan


def test_names_left_by_a_rewritten_tail_are_not_read_as_the_new_claims(ledger_url: str) -> None:
    """Rows deleted outside the write path (verify reports it) leave names at their seqs; the
    claim appended at such a seq is listed by its own names only."""
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, None)
        ledger.append_claims(RECORD, "analyst")
        with ledger.engine.begin() as conn:
            last = conn.execute(select(claims.c.seq).order_by(claims.c.seq.desc())).scalar()
            conn.execute(text(f"DELETE FROM claims WHERE seq >= {last - 1}"))
            conn.execute(text(f"DELETE FROM entries WHERE seq >= {last - 1}"))
        ledger.append_claims([_claim(7), _claim(8, location="Rafah")], "rewriter")
        assert _seqs(ledger, place="khan") == []  # claim 3's place went with its row
        assert _seqs(ledger, place="rafah") == [1, 8]
        assert _seqs(ledger, source="x" * 400) == []
