"""Claim figures: one range on both backends, refused at the door past it, BIGINT in storage."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import GAZA_YAML, gaza_spec
from truce import services
from truce.domain.bounds import MAX_QUANTITY
from truce.errors import BadQuantity
from truce.storage import schema
from truce.storage.ledger import Ledger

RELEASE = {
    "agreement": "gaza-2023-11",
    "type": "release",
    "date": "2023-11-24T16:00:00+02:00",
    "actor": "hamas",
    "subject": "hostages",
}


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, "test")
        yield ledger


def test_the_largest_figure_is_stored_and_read_back_on_both_backends(ledger: Ledger) -> None:
    result = services.record_claim(ledger, {**RELEASE, "quantity": MAX_QUANTITY}, "test")
    [claim_id] = result.added
    assert ledger.claim(claim_id).quantity == MAX_QUANTITY
    [claim] = ledger.claims("gaza-2023-11")
    assert claim.quantity == MAX_QUANTITY
    # The column path reads the same figure (its snapshot holds int64).
    at = datetime(2023, 11, 25, 12, tzinfo=ZoneInfo("Asia/Jerusalem")).isoformat()
    state = services.status(ledger, "gaza-2023-11", at)
    assert state["counts"]["events"] == 1


@pytest.mark.parametrize("figure", [2**63, 2**53, -1, True, 13.0, 13.5, "13", [13]], ids=repr)
def test_a_figure_out_of_range_or_not_a_whole_number_is_refused_with_its_code(
    ledger: Ledger, figure: object
) -> None:
    with pytest.raises(BadQuantity) as caught:
        services.record_claim(ledger, {**RELEASE, "quantity": figure}, "test")
    assert caught.value.code == "V502" and "9007199254740991" in caught.value.hint
    assert ledger.claims("gaza-2023-11") == []


@pytest.mark.postgres
def test_the_migration_widens_an_existing_postgres_column(pg_url: str) -> None:
    from alembic import command

    engine = create_engine(pg_url)
    config = schema._config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    assert _quantity_type(pg_url) == "integer"
    with Ledger.init(pg_url) as ledger:
        ledger.add_agreement(gaza_spec(), GAZA_YAML, "test")
        services.record_claim(ledger, {**RELEASE, "quantity": 2**40}, "test")
        assert ledger.claims("gaza-2023-11")[0].quantity == 2**40
    assert _quantity_type(pg_url) == "bigint"
    engine.dispose()


def _quantity_type(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT data_type FROM information_schema.columns "
                "WHERE table_name = 'claims' AND column_name = 'quantity'"
            )
        ).scalar_one()
    engine.dispose()
    return str(found)
