"""Status answers kept per chain head and instant: read back only while nothing that makes them
could have changed (an append, a supersession, a new spec version, the judging code, the
instant), and never when damaged or written by a judge that raced an append."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.storage.gaza_record import AGREEMENT, _late_claims, _record, _reference, _spec
from tests.storage.kept_rows import KeptRow, kept_rows
from truce import services
from truce.domain.engine.answer_model import StatusAnswer
from truce.pretty import json_text
from truce.services import parsed_answers
from truce.storage import Ledger, answers

SRC = Path(__file__).resolve().parents[2] / "src"
AT = "2023-11-28T12:00"
# Day 1 of the pause ends at 2023-11-25 07:00 local: its daily quota is judged on either side.
BEFORE_DAY_END, AFTER_DAY_END = "2023-11-25T06:59", "2023-11-25T07:01"


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    spec, text = _spec()
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_record(spec), "analyst")
        yield ledger


def _kept_files(ledger: Ledger) -> list[KeptRow]:
    return kept_rows(ledger, AGREEMENT, answers.PREFIX)


def test_a_kept_answer_is_the_judged_answer_and_what_json_prints(
    ledger: Ledger, judged: list[str]
) -> None:
    first = services.status(ledger, AGREEMENT, AT)
    assert len(judged) == 1 and len(_kept_files(ledger)) == 1
    again = services.status(ledger, AGREEMENT, AT)
    text = services.status_text(ledger, AGREEMENT, AT)
    assert len(judged) == 1  # both read back
    assert again == first == json.loads(text) == _reference(ledger, AT)
    assert text == json_text(services.status_answer(ledger, AGREEMENT, AT).as_data())


def test_an_answer_kept_as_data_is_printed_once_then_kept_as_printed(
    ledger: Ledger, judged: list[str]
) -> None:
    data = services.status(ledger, AGREEMENT, AT)
    (kept,) = _kept_files(ledger)
    assert b'"printed": false' in kept.read_bytes().split(b"\n", 1)[0]
    printed = services.status_text(ledger, AGREEMENT, AT)
    assert printed == json_text(StatusAnswer.of(data).as_data())
    assert b'"printed": true' in kept.read_bytes().split(b"\n", 1)[0]
    assert services.status_text(ledger, AGREEMENT, AT) == printed
    assert services.status(ledger, AGREEMENT, AT) == data  # the printed text serves data too
    assert len(judged) == 1


def test_an_append_a_supersession_and_a_new_version_are_each_judged_again(
    ledger: Ledger, judged: list[str]
) -> None:
    spec, text = _spec()
    old = services.status(ledger, AGREEMENT, AT)
    late = _late_claims(spec)
    ledger.append_claims(late[:3], "analyst")  # new readings of a release, and a breach
    appended = services.status(ledger, AGREEMENT, AT)
    assert appended != old and appended == _reference(ledger, AT)
    ledger.append_claims(late[3:], "analyst")  # a correction superseding the first release
    corrected = services.status(ledger, AGREEMENT, AT)
    assert corrected != appended and corrected == _reference(ledger, AT)
    services.change_status(ledger, late[2].id, "retracted", "mediator")
    retracted = services.status(ledger, AGREEMENT, AT)
    assert retracted != corrected and retracted == _reference(ledger, AT)
    moved = spec.model_copy(update={"title": "Renamed in version 2"})
    ledger.add_agreement(moved, text, "analyst")
    renamed = services.status(ledger, AGREEMENT, AT)
    assert renamed["title"] == "Renamed in version 2" and renamed == _reference(ledger, AT)
    assert renamed["judged_by"]["of"] == 2
    assert len(judged) == 5
    assert services.status(ledger, AGREEMENT, AT) == renamed and len(judged) == 5


def test_instants_on_each_side_of_a_deadline_are_kept_apart(
    ledger: Ledger, judged: list[str]
) -> None:
    before = services.status(ledger, AGREEMENT, BEFORE_DAY_END)
    after = services.status(ledger, AGREEMENT, AFTER_DAY_END)
    assert before != after
    verdicts = [{o["id"]: o["status"] for o in s["obligations"]} for s in (before, after)]
    assert verdicts[0] != verdicts[1]  # day 1's quota is judged once the day has ended
    for at, answer in ((BEFORE_DAY_END, before), (AFTER_DAY_END, after)):
        assert services.status(ledger, AGREEMENT, at) == answer == _reference(ledger, at)
    # The same instant written with another offset is asked anew (the answer echoes it).
    utc = services.status(ledger, AGREEMENT, "2023-11-25T04:59+00:00")
    assert utc["obligations"] == before["obligations"]
    assert len(judged) == 3 and len(_kept_files(ledger)) == 3


def test_new_judging_rules_never_read_the_old_rules_answer(
    ledger: Ledger, judged: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = services.status(ledger, AGREEMENT, AT)
    monkeypatch.setattr(answers, "rules", lambda: "rules of another engine")
    assert services.status(ledger, AGREEMENT, AT) == first
    assert len(judged) == 2
    monkeypatch.setattr(answers, "rules", lambda: "")  # source unreadable: nothing kept
    for kept in _kept_files(ledger):
        kept.unlink()
    services.status(ledger, AGREEMENT, AT)
    assert len(judged) == 3 and _kept_files(ledger) == []


def test_a_damaged_or_edited_answer_is_never_believed(ledger: Ledger, judged: list[str]) -> None:
    first = services.status(ledger, AGREEMENT, AT)
    (kept,) = _kept_files(ledger)
    header, body = kept.read_bytes().split(b"\n", 1)
    forged = body.replace(b'"state":"', b'"state":"x', 1)  # kept as the API's compact bytes
    assert forged != body
    for damaged in (header + b"\n" + forged, header + b"\n" + body[:-10], b"{not json\n" + body):
        kept.write_bytes(damaged)
        parsed_answers.forget()  # as a process that holds no answer parsed reads it
        assert services.status(ledger, AGREEMENT, AT) == first
        assert kept.read_bytes() == header + b"\n" + body  # judged again and kept again
    assert len(judged) == 4
    # A process that holds the answer it kept reads the header alone, which names that answer:
    # the damaged body is neither read nor believed.
    kept.write_bytes(header + b"\n" + forged)
    assert services.status(ledger, AGREEMENT, AT) == first and len(judged) == 4


def test_an_answer_judged_while_the_chain_moved_is_not_kept(ledger: Ledger) -> None:
    spec, _ = _spec()
    store = ledger.answers(AGREEMENT)
    head = store.head()
    stale = services.status_text(ledger, AGREEMENT, "now")
    ledger.append_claims(_late_claims(spec)[:1], "analyst")  # another writer, meanwhile
    store.keep(head, "2023-11-28T12:00:00+02:00", stale, printed=True)
    assert _kept_files(ledger) == []
    assert store.read(head, "2023-11-28T12:00:00+02:00") is None


def test_now_is_held_apart_and_old_heads_are_pruned(ledger: Ledger, judged: list[str]) -> None:
    spec, _ = _spec()
    first = services.status(ledger, AGREEMENT)
    again = services.status(ledger, AGREEMENT)
    text = services.status_text(ledger, AGREEMENT, "now")
    assert _kept_files(ledger) == [] and len(judged) == 1  # held apart, then served
    assert again["at"] >= first["at"] and json.loads(text)["at"] >= again["at"]
    assert {**again, "at": first["at"]} == first == {**json.loads(text), "at": first["at"]}
    instants = [f"2023-11-{day:02d}T12:00" for day in range(20, 20 + answers.KEEP + 2)]
    for at in instants:
        services.status(ledger, AGREEMENT, at)
    assert len(_kept_files(ledger)) == answers.KEEP
    ledger.append_claims(_late_claims(spec)[:1], "analyst")
    services.status(ledger, AGREEMENT, AT)
    assert len(_kept_files(ledger)) == 1  # the other head's answers are gone
    services.status(ledger, AGREEMENT)
    assert len(judged) == 2 + len(instants) + 1  # the new head's "now" is judged again


def test_two_processes_asking_at_once_print_the_judged_answer(ledger_url: str) -> None:
    """Two `truce status --json` processes race to judge and keep the same answer."""
    spec, text = _spec()
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_record(spec), "analyst")
        expected = json_text(_reference(ledger, AT))
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "truce", "--db", ledger_url, "status", AGREEMENT]
    command += ["--at", AT, "--json"]
    for _ in range(2):  # judged by both, then read back by both
        running = [subprocess.Popen(command, stdout=subprocess.PIPE, env=env) for _ in range(2)]
        outputs = [p.communicate(timeout=300)[0].decode() for p in running]
        assert [p.returncode for p in running] == [0, 0]
        assert outputs == [expected + "\n"] * 2
