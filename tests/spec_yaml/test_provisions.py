"""The `provisions` key: declared event types, and the checks on every `type` a spec names."""

from __future__ import annotations

import pytest

from truce.domain.provisions import BUILT_IN
from truce.errors import SpecErrors
from truce.spec_yaml import check_spec, dump_spec, load_spec

BASE = """\
id: lebanon-demo
title: Demo
timezone: Asia/Beirut
parties:
  - {id: israel}
  - {id: lebanon}
subjects:
  - {id: troops}
phases:
  - id: withdrawal
    start: {at: "2024-11-27T04:00"}
    duration: {days: 60}
"""

PROVISIONS = """\
provisions:
  - id: deployment
    label: Deployment of the Lebanese Armed Forces south of the Litani
    pax_category: "Security sector: withdrawal of foreign forces"
    plover: MOBILIZE
    cameo: "0861"
"""

QUOTA = """\
terms:
  - id: deploy
    kind: quota
    phase: withdrawal
    party: lebanon
    subject: troops
    type: {type}
    at_least: 5000
    by: {{day: 60}}
"""


def test_a_declared_provision_is_read_and_known() -> None:
    spec = load_spec(BASE + PROVISIONS + QUOTA.format(type="deployment"), "x.yaml")
    declared = spec.provision_table()["deployment"]
    assert (declared.plover, declared.cameo, declared.counts) == ("MOBILIZE", "0861", "delivery")
    assert declared.pax_category == "Security sector: withdrawal of foreign forces"
    # The built-in types stay, with their codes.
    assert spec.provision_table()["release"] == BUILT_IN["release"]
    # A dump reads back to the same spec.
    assert load_spec(dump_spec(spec), "again.yaml") == spec


def test_a_provision_with_a_built_in_id_is_refused() -> None:
    text = BASE + "provisions:\n  - {id: withdrawal, label: pull-back to the Blue Line}\n"
    errors = check_spec(text, "x.yaml")
    assert [e.code for e in errors] == ["S400"]
    assert errors[0].render().startswith("x.yaml:14:")
    assert "built-in event type" in errors[0].message
    assert "write `type: withdrawal`" in errors[0].hint


def test_a_type_neither_built_in_nor_declared_is_refused_naming_the_known_ones() -> None:
    errors = check_spec(BASE + QUOTA.format(type="deployment"), "x.yaml")
    assert [e.code for e in errors] == ["S401"]
    assert "terms[0].type: unknown event type 'deployment'" in errors[0].message
    assert "release" in errors[0].hint and "withdrawal" in errors[0].hint
    assert "provisions" in errors[0].hint and "did you mean" not in errors[0].hint


def test_an_unknown_type_in_a_selector_and_a_phase_start() -> None:
    text = BASE.replace('{at: "2024-11-27T04:00"}', "{on_event: truce-signed}") + (
        "terms:\n  - id: talks\n    kind: deadline\n    match: {type: crossing-opened}\n"
        '    by: {at: "2024-12-01T00:00"}\n'
    )
    errors = check_spec(text, "x.yaml")
    assert [(e.code, e.message.split(":")[0]) for e in errors] == [
        ("S401", "phases[0].start.on_event"),
        ("S401", "terms[0].match.type"),
    ]


def test_a_count_of_statements_is_refused() -> None:
    errors = check_spec(BASE + QUOTA.format(type="statement"), "x.yaml")
    assert [e.code for e in errors] == ["S402"]
    assert "deadline" in errors[0].hint and "deployment" in errors[0].hint


def test_a_declared_occurrence_cannot_be_counted() -> None:
    text = (
        BASE
        + "provisions:\n  - {id: monitors-meet, counts: occurrence}\n"
        + QUOTA.format(type="monitors-meet")
    )
    assert [e.code for e in check_spec(text, "x.yaml")] == ["S402"]


def test_a_provision_declared_twice_and_a_bad_code() -> None:
    text = BASE + "provisions:\n  - {id: deployment}\n  - {id: deployment, cameo: 86}\n"
    # `cameo: 86` is a number, not text (CAMEO codes keep leading zeros): a bad value.
    [error] = check_spec(text, "x.yaml")
    assert (error.code, error.message) == (
        "S106",
        "provisions[1].cameo: input should be a valid string (got 86)",
    )
    with pytest.raises(SpecErrors):
        load_spec(text.replace("{id: deployment}", "{id: x, plover: ATTACK}"), "x.yaml")
    fixed = text.replace("cameo: 86", 'cameo: "086"')
    assert [e.code for e in check_spec(fixed, "x.yaml")] == ["S111"]


def test_every_built_in_type_has_its_codes() -> None:
    plover = {"RETREAT", "REJECT", "ASSAULT", "CONSULT", "SUPPORT", None}
    for provision in BUILT_IN.values():
        assert provision.plover in plover, provision
        assert provision.cameo and provision.cameo.isdigit(), provision
        assert provision.pax_category, provision
    # The published CAMEO-to-PLOVER crosswalk's codes where the extractor had others.
    assert (BUILT_IN["breach"].cameo, BUILT_IN["breach"].plover) == ("196", "ASSAULT")
    assert (BUILT_IN["aid_delivery"].cameo, BUILT_IN["aid_delivery"].plover) == (
        "0863",
        "RETREAT",
    )
    assert BUILT_IN["ceasefire_extension"].plover == "RETREAT"
    deliveries = {p.id for p in BUILT_IN.values() if p.counts == "delivery"}
    assert deliveries == {"release", "aid_delivery", "withdrawal"}


def test_selector_refinements_are_read_and_checked() -> None:
    term = (
        'terms:\n  - id: talks\n    kind: deadline\n    by: {at: "2024-12-01T00:00"}\n'
        "    match: {type: meeting, location: [Naqoura], participants: [israel, unifil],\n"
        "            topic: [withdrawal]}\n"
    )
    [error] = check_spec(BASE + term, "x.yaml")
    assert error.code == "S107"
    assert error.message == "terms[0].match.participants[1]: unknown participant 'unifil'"
    assert "israel, lebanon" in error.hint
    spec = load_spec(BASE + term.replace("unifil", "lebanon"), "x.yaml")
    match = spec.terms[0].match  # type: ignore[union-attr]
    assert (match.location, match.participants, match.topic) == (
        ["Naqoura"],
        ["israel", "lebanon"],
        ["withdrawal"],
    )


def test_the_built_in_modes_follow_the_crosswalk() -> None:
    modes = {p.id: p.plover_mode for p in BUILT_IN.values() if p.plover_mode}
    assert modes == {
        "release": "release",
        "ceasefire_start": "ceasefire",
        "ceasefire_extension": "ceasefire",
        "ceasefire_end": "yield",
        "aid_delivery": "access",
        "withdrawal": "disarm",
    }
