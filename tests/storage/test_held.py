"""A status "now" kept with the span of instants it holds for (`storage.held`): served for any
instant of the span on the same chain head, and for the instants before it back to the last at
which its judgment could have read otherwise, equal to a fresh judgment there (Hypothesis), and
judged again past its end, before that, after an append, or when the file is damaged."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from sqlalchemy import event

from tests.storage.kept_rows import KeptRow
from truce import services
from truce.domain.claim_input import ClaimInput, with_content_id
from truce.domain.engine import evaluate
from truce.domain.engine.answer_model import StatusAnswer
from truce.domain.spec import AgreementSpec
from truce.pretty import json_text
from truce.services import instants, parsed_answers
from truce.storage import Ledger, held

AGREEMENT = "soon"
NOW = datetime.now(UTC).replace(microsecond=0)
ZONE = ZoneInfo("Asia/Jerusalem")
# The pause starts later than any "now" of the run, at noon in the agreement's zone, and the
# day-dated claim is of the next local day: its day must begin after the start, or the first
# change of the answer "now" is that day's midnight, not the start (the test's premise). With
# the claim dated by its UTC day, the test failed whenever it ran between about 19:00 and
# 22:00 UTC.
START = (NOW.astimezone(ZONE).replace(hour=12, minute=0, second=0) + timedelta(days=2)).astimezone(
    UTC
)


def _spec() -> tuple[AgreementSpec, str]:
    """A two-day pause starting soon, a daily release quota and a ratio: its answer "now"
    changes at the start, at each day's end, and when the phase ends."""
    text = f"""
id: {AGREEMENT}
title: A pause that starts soon
timezone: Asia/Jerusalem
parties: [{{id: hamas, name: Hamas}}, {{id: israel, name: Israel}}]
phases:
  - {{id: pause, start: {{at: "{START.isoformat()}"}}, duration: {{days: 2}}}}
terms:
  - {{id: daily, kind: quota, phase: pause, party: hamas, subject: hostages, at_least: 10,
      per: day}}
  - {{id: swap, kind: ratio, phase: pause, party: israel, subject: prisoners,
      per_unit_of: {{party: hamas, subject: hostages}}, factor: 3}}
"""
    return AgreementSpec.model_validate(YAML(typ="safe").load(text)), text


def _claims(spec: AgreementSpec) -> list[Any]:
    rows = [
        {"type": "release", "actor": "hamas", "subject": "hostages", "quantity": 12,
         "date": (START + timedelta(hours=5)).isoformat(), "sources": [{"outlet": "AP"}]},
        {"type": "release", "actor": "israel", "subject": "prisoners", "quantity": 30,
         "date": (START + timedelta(days=1)).astimezone(ZONE).date().isoformat(),
         "sources": [{"outlet": "AP"}]},
    ]  # fmt: skip
    return [ClaimInput.model_validate({"agreement": AGREEMENT, **r}).to_claim(spec.zone)
            for r in rows]  # fmt: skip


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    spec, text = _spec()
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(_claims(spec), "analyst")
        yield ledger


def _fresh(ledger: Ledger, when: datetime) -> dict[str, Any]:
    spec, _ = ledger.agreement(AGREEMENT)
    return evaluate(spec, ledger.claims(AGREEMENT), when, ledger.agreement_versions(AGREEMENT))


def _span(ledger: Ledger) -> tuple[float, float]:
    store = ledger.answers(AGREEMENT)
    found = held.span(store, store.head())
    assert found is not None
    return found


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(fraction=st.floats(0, 1, exclude_max=True), printed=st.booleans())
def test_now_serves_every_instant_of_its_span_as_a_fresh_judgment(
    ledger: Ledger, judged: list[str], fraction: float, printed: bool
) -> None:
    services.status(ledger, AGREEMENT)
    start, until = _span(ledger)
    assert until <= START.timestamp()  # nothing past the pause's start is promised
    later = datetime.fromtimestamp(start + fraction * (until - start), UTC)
    if later.timestamp() >= until:
        return
    count = len(judged)
    fresh = _fresh(ledger, later)
    if printed:
        text = services.status_text(ledger, AGREEMENT, later.isoformat())
        assert text == json_text(StatusAnswer.of(fresh).as_data())  # as `--json` prints it
        served = json.loads(text)
    else:
        served = services.status(ledger, AGREEMENT, later.isoformat())
    assert len(judged) == count  # read from the held answer, not judged
    assert served == fresh


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fraction=st.floats(0, 1, exclude_max=True),
    printed=st.booleans(),
    hours=st.sampled_from([-30, 3, 7, 29, 60]),
)
def test_now_serves_the_instants_before_it_back_to_its_since_and_no_earlier(
    ledger: Ledger,
    judged: list[str],
    fraction: float,
    printed: bool,
    hours: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The judgment "now" at T noted S, the latest instant before T at which any of its
    comparisons could have come out otherwise: `--at` an instant of [S, T) is the answer "now"
    shown at it; one before S is judged. "Now" here is before the pause, in it, and after."""
    monkeypatch.setattr(instants, "now_s", lambda: START.timestamp() + hours * 3600 + 0.5)
    parsed_answers.forget()
    services.status(ledger, AGREEMENT)
    store = ledger.answers(AGREEMENT)
    judged_at, _ = _span(ledger)
    found = held.header(store, store.head(), judged_at)
    assert found is not None
    since = found[0]["since"]
    first = judged_at - 30 * 86400 if since is None else since  # none: nothing earlier flips
    assert first <= judged_at
    asked = [_not_before(first + fraction * (judged_at - first))]
    if since is not None:
        asked += [_not_before(since), datetime.fromtimestamp(since - 1, UTC)]
    for n, when in enumerate(asked):
        count = len(judged)
        holds = held.header(store, store.head(), when.timestamp())
        if printed:
            served = json.loads(services.status_text(ledger, AGREEMENT, when.isoformat()))
        else:
            served = services.status(ledger, AGREEMENT, when.isoformat())
        if n < 2:  # [S, T): the answer "now", shown at the instant
            assert holds is not None and len(judged) == count, (when, since)
        else:  # before S: not the answer "now" (judged, or kept for that instant)
            assert holds is None
        assert served == _fresh(ledger, when), when


def _not_before(instant: float) -> datetime:
    """The first instant to the microsecond (as asked) not before `instant`."""
    moment = datetime.fromtimestamp(instant, UTC)
    return moment if moment.timestamp() >= instant else moment + timedelta(microseconds=1)


def test_past_its_span_an_answer_is_judged_again(ledger: Ledger, judged: list[str]) -> None:
    services.status(ledger, AGREEMENT)
    _, until = _span(ledger)
    assert until < math.inf
    past = datetime.fromtimestamp(until, UTC) + timedelta(minutes=1)
    answer = services.status(ledger, AGREEMENT, past.isoformat())
    assert len(judged) == 2 and answer == _fresh(ledger, past)
    assert answer["state"] != services.status(ledger, AGREEMENT)["state"]


def test_an_append_or_damage_means_judging_again(ledger: Ledger, judged: list[str]) -> None:
    spec, _ = _spec()
    services.status(ledger, AGREEMENT)
    late = with_content_id(replace(_claims(spec)[0], id="", quantity=20))
    ledger.append_claims([late], "analyst")
    services.status(ledger, AGREEMENT)
    assert len(judged) == 2
    path = KeptRow(ledger, AGREEMENT, held.NAME)
    body = path.read_bytes()
    path.write_bytes(body.replace(b'"state"', b'"State"', 1))
    # This process holds the answer it kept, named by the header: the body is not read.
    answer = services.status(ledger, AGREEMENT)
    assert len(judged) == 2 and answer == {**_fresh(ledger, NOW), "at": answer["at"]}
    parsed_answers.forget()  # as a process that holds no answer parsed reads it
    answer = services.status(ledger, AGREEMENT)
    assert len(judged) == 3 and answer == {**_fresh(ledger, NOW), "at": answer["at"]}


def test_status_holding_says_until_when(ledger: Ledger) -> None:
    answer, until = services.status_holding(ledger, AGREEMENT)
    assert until == _span(ledger)[1]
    assert datetime.fromisoformat(answer["at"]).timestamp() < until <= START.timestamp()


def test_a_held_header_for_another_head_or_a_damaged_text_is_not_served(ledger: Ledger) -> None:
    services.status(ledger, AGREEMENT)
    store = ledger.answers(AGREEMENT)
    head = store.head()
    instant = _span(ledger)[0]
    assert held.read(store, head, instant) is not None
    other = replace(head, seq=head.seq + 1)
    assert held.read(store, other, instant) is None and held.span(store, other) is None
    path = KeptRow(ledger, AGREEMENT, held.NAME)
    header, body = path.read_bytes().split(b"\n", 1)
    path.write_bytes(header + b"\n" + body[:-1] + b" ")  # same length, another text
    assert held.read(store, head, instant) is None
    assert held.span(store, head) == (instant, _span(ledger)[1])  # the header alone still says
    path.write_bytes(b"not json\n" + body)
    assert held.read(store, head, instant) is None and held.span(store, head) is None


def test_an_instant_outside_the_span_reads_the_header_and_not_the_text(
    ledger: Ledger, judged: list[str]
) -> None:
    """At a million claims the answer "now" is 19 MB: a status at an instant it does not hold
    for (before S, past U) reads its header alone, then judges; one inside reads its text.
    Watched as the statements the real database is sent."""
    services.status(ledger, AGREEMENT)
    parsed_answers.forget()  # as a process that holds no answer parsed
    _, until = _span(ledger)
    sent: list[tuple[str, tuple[str, ...]]] = []  # what each read of `kept` read, of which rows

    def watch(conn: Any, cursor: Any, statement: str, parameters: Any, *rest: Any) -> None:
        if " ".join(statement.split()).startswith("SELECT kept.header"):
            read = "body" if "kept.body" in statement.split("FROM")[0] else "header"
            named = parameters.values() if isinstance(parameters, dict) else parameters
            sent.append((read, tuple(str(p) for p in named if p != AGREEMENT)))

    def read(name: str) -> list[str]:
        return [what for what, rows in sent if name in rows]

    event.listen(ledger.engine, "before_cursor_execute", watch)
    try:
        past = datetime.fromtimestamp(until, UTC) + timedelta(minutes=1)
        assert services.status(ledger, AGREEMENT, past.isoformat()) == _fresh(ledger, past)
        assert len(judged) == 2
        assert "header" in read(held.NAME) and "body" not in read(held.NAME)
        sent.clear()
        inside = datetime.fromtimestamp(until - 1, UTC)
        assert services.status(ledger, AGREEMENT, inside.isoformat()) == _fresh(ledger, inside)
        assert len(judged) == 2  # read from the answer "now": its text read once
        assert read(held.NAME).count("body") == 1
    finally:
        event.remove(ledger.engine, "before_cursor_execute", watch)
