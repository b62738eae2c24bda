"""Agreements: a spec file added to the ledger, and the bundled examples loaded in one step."""

from __future__ import annotations

from pathlib import Path

from truce.domain.spec import AgreementSpec
from truce.errors import ExampleDamaged
from truce.spec_yaml import load_spec, load_spec_file
from truce.storage.ledger import Ledger
from truce.storage.records import AppendResult, Entry


def add_agreement_text(
    ledger: Ledger, yaml_text: str, name: str, recorded_by: str | None
) -> tuple[AgreementSpec, Entry]:
    """A spec given as YAML text (`name` says where it came from in errors), checked and added
    as the agreement or its new version."""
    spec = load_spec(yaml_text, name)
    return spec, ledger.add_agreement(spec, yaml_text, recorded_by)


def add_agreement_file(ledger: Ledger, path: str | Path, recorded_by: str | None) -> Entry:
    spec, text = load_spec_file(path)
    return ledger.add_agreement(spec, text, recorded_by)


EXAMPLE_RECORD = "gaza-2023-11.jsonl"


def load_bundled_example(ledger: Ledger, by: str) -> AppendResult:
    """Every bundled agreement, and the day-by-day record of the Gaza 2023 pause."""
    from truce.examples import examples_dir
    from truce.io.claims_file import load_claims_file

    root = examples_dir()
    for spec_path in sorted((root / "agreements").glob("*.yaml")):
        add_agreement_file(ledger, spec_path, by)
    batch = load_claims_file(root / "claims" / EXAMPLE_RECORD, ledger)
    if batch.errors:
        raise ExampleDamaged(batch.errors[0].render())
    return ledger.append_claims(batch.claims, by)
