"""Claims keep their sub-counts (`parts`) through the ledger on SQLite and PostgreSQL: stored,
read back as objects and as columns (status through the snapshot equals the object path, also
after an append regroups only what it touches), held to their entry by verify; claims without
parts keep the ids they always had."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from tests.conftest import gaza_spec
from truce import services
from truce.domain.claim_input import ClaimInput
from truce.domain.engine import evaluate
from truce.storage.ledger import Ledger
from truce.storage.tables import claims as claims_table

ZONE = ZoneInfo("Asia/Jerusalem")
AGREEMENT = "gaza-2023-11"
# Counting by category, so parts decide the verdicts.
TERMS = [
    {"id": "women-children", "kind": "quota", "phase": "pause", "party": "hamas",
     "subject": "hostages", "categories": ["women", "children"], "at_least": 10, "by": {"day": 2}},
    {"id": "exchange", "kind": "ratio", "phase": "pause", "party": "israel",
     "subject": "hostages", "per_unit_of": {"party": "hamas", "subject": "hostages"},
     "factors": {"women": 3, "children": 2}, "factor": 1, "per": "day"},
]  # fmt: skip


def _claim(**changes: object):  # type: ignore[no-untyped-def]
    fields: dict[str, object] = {"agreement": AGREEMENT, "type": "release", "actor": "hamas",
                                 "date": "2023-11-24T16:00", "quantity": 13,
                                 "subject": "hostages", "sources": [{"outlet": "AFP"}]}  # fmt: skip
    return ClaimInput.model_validate({**fields, **changes}).to_claim(ZONE)


def test_parts_are_stored_as_sorted_json_and_parts_slipped_onto_a_claim_are_caught(
    ledger_url: str,
) -> None:
    # The round trip and a changed value: tests/storage/test_claim_extras.py.
    parted = _claim(parts={"women": 4, "children": 9})
    plain = _claim(quantity=12, event_id="e2")
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(gaza_spec(terms=TERMS), "id: gaza-2023-11\n", "ana")
        ledger.append_claims([parted, plain], "ana")
        with ledger.engine.connect() as conn:
            stored = dict(conn.execute(select(claims_table.c.id, claims_table.c.parts)).all())
        assert stored == {parted.id: '{"children":9,"women":4}', plain.id: None}
        assert ledger.verify().ok
        with ledger.engine.begin() as conn:
            conn.execute(
                update(claims_table).where(claims_table.c.id == plain.id).values(parts='{"men":1}')
            )
        problems = ledger.verify().problems
        assert any(plain.id in p and "parts" in p for p in problems), problems


def test_status_through_the_columns_counts_parts_as_the_object_path(
    ledger_url: str, tmp_path: object, monkeypatch: object
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # type: ignore[attr-defined, operator]
    spec = gaza_spec(terms=TERMS)
    first = [
        _claim(parts={"women": 4, "children": 5}),
        _claim(
            quantity=20, date="2023-11-25", event_id="d2", parts={"children": 7}, reliability="B2"
        ),
        _claim(type="release", actor="israel", quantity=30, date="2023-11-24T20:00"),
    ]
    later = [_claim(quantity=6, date="2023-11-25T18:00", event_id="d2b", parts={"women": 6}),
             _claim(quantity=25, date="2023-11-25", event_id="d2", parts={"children": 9},
                    sources=[{"outlet": "Reuters"}])]  # fmt: skip
    instants = ["2023-11-24T18:00", "2023-11-25T12:00", "2023-11-26T08:00", "2023-11-29T12:00"]
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(spec, "id: gaza-2023-11\n", "ana")
        ledger.append_claims(first, "ana")
        for batch in ([], later):  # the second time through, after an append
            ledger.append_claims(batch, "ana")
            for at in instants:
                when = services.parse_instant(at, spec.zone)
                reference = evaluate(spec, ledger.claims(AGREEMENT), when,
                                     ledger.agreement_versions(AGREEMENT))  # fmt: skip
                assert services.status(ledger, AGREEMENT, at) == reference, at
        final = services.status(ledger, AGREEMENT, instants[2])
        row = next(o for o in final["obligations"] if o["id"] == "women-children")
        # 9 of the first 13 (4 women, 5 children); day two's event, led by the better graded
        # claim (20, 7 children; the 25 with 9 disputes it); the 6 women of the 25th evening.
        assert row["delivered"] == 9 + 7 + 6
