"""The previous judgment's breach rows kept beside the answers (`storage.kept_breaches`): after
an append of releases the next status reuses them and equals a judgment from no snapshot; an
append of a breach, a damaged file, or a file of other rules is judged afresh."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.storage.kept_rows import KeptRow
from truce import services
from truce.domain.claim_input import ClaimInput
from truce.domain.claims import Claim
from truce.domain.engine import evaluate
from truce.domain.spec import AgreementSpec
from truce.services import kept_pages
from truce.storage import Ledger, kept_breaches

AGREEMENT = "kept"
AT = "2024-01-04T00:00"
TEXT = f"""
id: {AGREEMENT}
title: A pause with breaches
timezone: UTC
parties: [{{id: hamas, name: Hamas}}, {{id: israel, name: Israel}}]
phases:
  - {{id: pause, start: {{at: "2024-01-01T07:00"}}, duration: {{days: 4}}}}
terms:
  - {{id: daily, kind: quota, phase: pause, party: hamas, subject: hostages, at_least: 10,
      per: day}}
  - {{id: no-fire, kind: prohibition, phase: pause, clause: Art. 1}}
"""


def _spec() -> AgreementSpec:
    return AgreementSpec.model_validate(YAML(typ="safe").load(TEXT))


def _claim(**fields: Any) -> Claim:
    row = {"agreement": AGREEMENT, "sources": [{"outlet": "AP"}], **fields}
    return ClaimInput.model_validate(row).to_claim(_spec().zone)


def _breach(date: str, actor: str, **fields: Any) -> Claim:
    return _claim(type="breach", date=date, actor=actor, **fields)


def _release(date: str, quantity: int, **fields: Any) -> Claim:
    return _claim(type="release", date=date, actor="hamas", subject="hostages",
                  quantity=quantity, **fields)  # fmt: skip


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    with Ledger.init(ledger_url) as ledger:
        ledger.add_agreement(_spec(), TEXT, "analyst")
        claims = [_breach(f"2024-01-0{d}T1{d}:00", "hamas", event_id=f"b{d}") for d in (1, 2, 3)]
        claims += [_breach("2024-01-02T09:00", "israel", event_id="b9", status="confirmed")]
        ledger.append_claims([*claims, _release("2024-01-02T12:00", 4)], "analyst")
        yield ledger


def _file(ledger: Ledger, name: str = kept_breaches.NAME) -> KeptRow:
    return KeptRow(ledger, AGREEMENT, name)


def _fresh(ledger: Ledger) -> dict[str, Any]:
    """A judgment with nothing kept: the object path over every claim."""
    spec, _ = ledger.agreement(AGREEMENT)
    return evaluate(spec, ledger.claims(AGREEMENT), services.parse_instant(AT, spec.zone))


def test_an_append_of_releases_reuses_the_kept_rows(ledger: Ledger) -> None:
    first = services.status(ledger, AGREEMENT, AT)
    assert first == _fresh(ledger)
    path = _file(ledger)
    written = path.read_bytes()
    assert len(first["breaches"]) == 4
    ledger.append_claims([_release("2024-01-03T12:00", 11)], "analyst")
    store = ledger.answers(AGREEMENT)
    read = kept_breaches.read(store)
    assert read is not None and read.decoded() is read and read.rows == first["breaches"]
    after = services.status(ledger, AGREEMENT, AT)
    assert after == _fresh(ledger)
    assert path.read_bytes() == written  # the same block: reused, not written again
    assert [o["status"] for o in after["obligations"] if o["term"] == "daily"][2] == "met"


def test_an_append_of_a_breach_is_judged_afresh(ledger: Ledger) -> None:
    services.status(ledger, AGREEMENT, AT)
    written = _file(ledger).read_bytes()
    confirmed = _breach("2024-01-01T11:00", "hamas", event_id="b1", status="confirmed",
                        sources=[{"outlet": "UN monitors"}])  # fmt: skip
    ledger.append_claims([confirmed], "analyst")
    after = services.status(ledger, AGREEMENT, AT)
    assert after == _fresh(ledger)
    hamas = [o for o in after["obligations"] if o["id"] == "no-fire/hamas"]
    assert hamas[0]["status"] == "violated"
    assert _file(ledger).read_bytes() != written


@pytest.mark.parametrize("damage", ["body", "header", "rules"])
def test_a_damaged_or_foreign_file_is_not_read(ledger: Ledger, damage: str) -> None:
    services.status(ledger, AGREEMENT, AT)
    path = _file(ledger)
    head, body = path.read_bytes().split(b"\n", 1)
    about = json.loads(head)
    if damage == "body":  # the rows of another judgment, the header left as it was
        body = body.replace(b"b2", b"b7")
    elif damage == "header":
        about["sha256"] = "0" * 64
    else:
        about["rules"] = "other rules"
    path.write_bytes(json.dumps(about).encode() + b"\n" + body)
    assert kept_breaches.read(ledger.answers(AGREEMENT)) is None
    ledger.append_claims([_release("2024-01-03T12:00", 11)], "analyst")
    assert services.status(ledger, AGREEMENT, AT) == _fresh(ledger)
    assert kept_breaches.read(ledger.answers(AGREEMENT)) is not None  # written again


def test_a_status_now_after_an_append_of_releases_reuses_the_kept_rows(ledger: Ledger) -> None:
    services.status(ledger, AGREEMENT)  # "now": past the pause, every breach known
    path = _file(ledger, kept_breaches.NOW)
    written, stamp = path.read_bytes(), path.written()
    ledger.append_claims([_release("2024-01-03T12:00", 11)], "analyst")
    # Asked about an instant before the pause's end, the block does not hold: judged afresh,
    # and kept beside the block of "now", which it leaves as it was.
    assert services.status(ledger, AGREEMENT, AT) == _fresh(ledger)
    assert _file(ledger).exists() and path.read_bytes() == written
    after = services.status(ledger, AGREEMENT)
    # The same block: reused, not written again (a row written again has a new stamp).
    assert path.read_bytes() == written and path.written() == stamp
    spec, _ = ledger.agreement(AGREEMENT)
    when = datetime.fromisoformat(after["at"])
    assert after == evaluate(spec, ledger.claims(AGREEMENT), when)


def test_a_block_read_again_is_the_one_kept_unless_its_header_changed(ledger: Ledger) -> None:
    """Within a process the block kept or read last is not parsed again while its header (which
    holds the body's SHA-256) is the same; a body kept since under another header is read."""
    first = services.status(ledger, AGREEMENT, AT)
    store = ledger.answers(AGREEMENT)
    read = kept_breaches.read(store)
    assert read is not None and read is kept_breaches.read(store)  # the block kept, not parsed
    assert read.decoded() is read and read.rows == first["breaches"]
    # Another process keeps another block: the rows of another judgment, under its own header.
    path = _file(ledger)
    _, body = path.read_bytes().split(b"\n", 1)
    body = body.replace(b"b2", b"b7")
    about = kept_breaches._header(store, body)
    path.write_bytes(json.dumps(about).encode() + b"\n" + body)
    other = kept_breaches.read(store)
    assert other is not None and other is not read
    decoded = other.decoded()
    assert decoded is not None and "b7" in {r["event_id"] for r in decoded.rows}
    assert kept_breaches.read(store) is other  # and that one is not parsed again either


def test_an_answer_that_reuses_the_rows_is_written_as_json_dumps_writes_it(ledger: Ledger) -> None:
    """`answer_json` writes the "now" block's rows and explanations once and splices them in:
    the text is `json.dumps`'s, for the answer kept after an append that reused them too."""
    store = ledger.answers(AGREEMENT)
    first = services.status(ledger, AGREEMENT)
    assert kept_breaches.answer_json(store, first) == json.dumps(first)
    # Releases whose sources give two figures: a dispute, explained after the breaches.
    disputed = [_release("2024-01-03T12:00", n, event_id="r3", sources=[{"outlet": o}])
                for n, o in ((11, "AP"), (12, "Reuters"))]  # fmt: skip
    ledger.append_claims(disputed, "analyst")
    after = services.status(ledger, AGREEMENT)
    assert after["disputes"] and after["explanations"][-1]["for"] == "dispute/r3"
    block = kept_breaches.read(store, now=True)
    assert block is not None and after["breaches"] is block.rows  # the block's very rows
    for _ in range(2):  # written, then spliced from the text written
        assert kept_breaches.answer_json(store, after) == json.dumps(after)
    assert (
        kept_breaches._LAST[kept_breaches._where(store, kept_breaches.NOW)].texts is not None
    )  # spliced
    # Any other answer, or one whose rows or explanations are not the block's, as it is.
    moved = {**after, "explanations": after["explanations"][1:]}
    copied = {**after, "breaches": [dict(r) for r in after["breaches"]]}
    tricky = {**after, "title": json.dumps(after["breaches"])}  # the rows' text elsewhere too
    marked = {**after, "title": kept_breaches._ROWS}  # a stand-in's own text in the answer
    for other in (moved, copied, tricky, marked, {"breaches": after["breaches"]}):
        assert kept_breaches.answer_json(store, other) == json.dumps(other)


def test_an_answer_at_an_instant_is_kept_as_the_status_apis_bytes(ledger: Ledger) -> None:
    """An answer at an instant does not go through `answer_json`: it is kept as the status API's
    bytes (`services.answer_bytes`), and read back as the very answer."""
    store = ledger.answers(AGREEMENT)
    answer = services.status(ledger, AGREEMENT, AT)
    kept = store.read(store.head(), services.parse_instant(AT, _spec().zone).isoformat())
    assert kept is not None and kept.text.encode() == services.answer_bytes(answer)
    assert json.loads(kept.text) == answer == _fresh(ledger)


def test_a_block_put_off_is_held_at_once_and_written_when_the_writes_run(ledger: Ledger) -> None:
    """The status API at a new instant writes the block once its answer is sent
    (`kept_pages.sent_first`): meanwhile the process holds it (the answer's JSON reuses its rows'
    text), and once the writes run it is kept, and reused by the next judgment as a block kept
    at once would be."""
    store = ledger.answers(AGREEMENT)
    answer, writes = kept_pages.sent_first(lambda: services.status(ledger, AGREEMENT, AT))
    assert answer == _fresh(ledger)
    assert store.get(kept_breaches.NAME) is None  # not written yet
    held = kept_breaches._LAST[kept_breaches._where(store, kept_breaches.NAME)]
    assert held.about is None and held.block.rows is answer["breaches"]
    writes()
    found = kept_breaches.read(store)
    assert found is not None and found.decoded() is found and found.rows == answer["breaches"]
    written = _file(ledger).read_bytes()
    ledger.append_claims([_release("2024-01-03T12:00", 11)], "analyst")
    kept_breaches._LAST.clear()  # as a process that never held it
    assert services.status(ledger, AGREEMENT, AT) == _fresh(ledger)
    assert _file(ledger).read_bytes() == written  # reused, not written again


def test_a_judgment_before_the_writes_run_reads_what_was_kept_before(ledger: Ledger) -> None:
    store = ledger.answers(AGREEMENT)
    _, writes = kept_pages.sent_first(lambda: services.status(ledger, AGREEMENT, AT))
    ledger.append_claims([_release("2024-01-03T12:00", 11)], "analyst")
    kept_breaches._LAST.clear()
    assert kept_breaches.read(store) is None  # nothing kept yet: judged from nothing
    assert services.status(ledger, AGREEMENT, AT) == _fresh(ledger)
    writes()  # the older block, written late: a cache, read only where it agrees with the record
    ledger.append_claims([_release("2024-01-03T13:00", 2)], "analyst")
    assert services.status(ledger, AGREEMENT, AT) == _fresh(ledger)


@pytest.fixture
def fingerprinted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many breach events each fingerprint the engine worked out hashed, in order
    (`ColumnIndex.fingerprint`, unchanged, counted)."""
    from truce.domain.engine.columns import ColumnIndex

    counted: list[int] = []
    real = ColumnIndex.fingerprint

    def counting(self: ColumnIndex, types: Any) -> str:
        found = real(self, types)
        counted.append(len(self.frame))
        return found

    monkeypatch.setattr(ColumnIndex, "fingerprint", counting)
    return counted


def test_a_new_instant_on_a_head_judged_before_does_not_hash_its_breach_events_again(
    ledger: Ledger, fingerprinted: list[int]
) -> None:
    """The block's key hashes every breach event of the record, whatever the instant: worked
    out once per chain head. After an append (through another handle on the ledger, as another
    process would) it is worked out again, and every answer is a fresh judgment's."""
    spec, _ = ledger.agreement(AGREEMENT)

    def fresh(at: str) -> dict[str, Any]:
        return evaluate(spec, ledger.claims(AGREEMENT), services.parse_instant(at, spec.zone))

    instants = ["2024-01-02T00:00", "2024-01-01T07:00", "2024-01-04T23:59", "2023-12-31T00:00"]
    for at in instants:  # before the pause, at its first instant, inside it, on its last day
        assert services.status(ledger, AGREEMENT, at) == fresh(at)
    services.status(ledger, AGREEMENT)
    assert len(fingerprinted) == 1
    with Ledger.open(ledger.engine.url.render_as_string(hide_password=False)) as other:
        other.append_claims([_breach("2024-01-03T19:00", "israel", event_id="b10")], "analyst")
    assert services.status(ledger, AGREEMENT, "2024-01-03T20:00") == fresh("2024-01-03T20:00")
    assert len(fingerprinted) == 2
    assert services.status(ledger, AGREEMENT, AT) == fresh(AT)  # the block read changed too
    assert len(fingerprinted) == 2
