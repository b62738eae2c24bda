"""Claims keep their quantity's qualifier through the ledger, verify and export; claims without
one (every claim recorded before qualifiers) read as exact and keep their ids."""

from __future__ import annotations

import io
import json
from zoneinfo import ZoneInfo

from tests.conftest import ClaimFactory, gaza_spec
from truce.domain.claim_input import ClaimInput
from truce.domain.readings import Qualifier
from truce.io.claim_fields import record_to_claim
from truce.io.export import export_claims
from truce.services import status
from truce.storage.ledger import Ledger

ZONE = ZoneInfo("Asia/Jerusalem")


def _fields(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {"agreement": "gaza-2023-11", "type": "release",
                               "date": "2023-11-24T16:00", "actor": "hamas", "quantity": 10,
                               "subject": "hostages", "sources": [{"outlet": "AFP"}]}  # fmt: skip
    return {**base, **changes}


def test_status_reads_the_qualifier_column(ledger_url: str) -> None:
    # The round trip and a changed value: tests/storage/test_claim_extras.py.
    at_least = ClaimInput.model_validate(_fields(qualifier="at_least")).to_claim(ZONE)
    exact = ClaimInput.model_validate(_fields(quantity=13, event_id="e")).to_claim(ZONE)
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
        ledger.append_claims([at_least, exact], "ana")
        assert status(ledger, "gaza-2023-11", "2023-11-30")["disputes"] == []


def test_exports_import_again_with_the_same_ids(make_claim: ClaimFactory) -> None:
    claims = [make_claim(1, qualifier=Qualifier.MORE_THAN), make_claim(2)]
    for fmt in ("jsonl", "csv"):
        out = io.StringIO()
        export_claims(claims, fmt, out)
        text = out.getvalue()
        if fmt == "jsonl":
            records = [json.loads(line) for line in text.splitlines()]
        else:
            import csv

            records = [
                {k: v for k, v in row.items() if v and k not in ("sources", "categories", "extra")}
                for row in csv.DictReader(io.StringIO(text))
            ]
            for record, claim in zip(records, claims, strict=True):
                record["sources"] = [s.as_dict() for s in claim.sources]
                record["categories"] = list(claim.categories)
                record["quantity"] = int(record["quantity"])
        again = [record_to_claim(r, lambda _: ZoneInfo("UTC")) for r in records]
        assert [(c.id, c.qualifier) for c in again] == [(c.id, c.qualifier) for c in claims]
