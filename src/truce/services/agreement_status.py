"""An agreement's status at an instant: judged, or read back from the kept answers."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from truce.compact_json import compact_json
from truce.domain.engine import evaluate_frame
from truce.domain.engine.answer import shown_instant
from truce.domain.engine.answer_floats import answer_floats
from truce.domain.engine.answer_model import StatusAnswer
from truce.domain.engine.horizon import Horizon
from truce.domain.spec import AgreementSpec
from truce.pretty import indented_json
from truce.services import parsed_answers
from truce.services.instants import parse_instant
from truce.services.single_flight import Shared, SingleFlight
from truce.storage import held, judge_lock, kept_breaches
from truce.storage.answers import AnswerStore, Kept
from truce.storage.ledger import Ledger
from truce.storage.snapshot import Head

log = logging.getLogger("truce.judge")


def status(ledger: Ledger, agreement: str, at: str | None = None) -> dict[str, Any]:
    """The agreement's state at `at` (default now), as plain data (docs/status.md)."""
    return _data(_status(ledger, agreement, at, printed=False)[0])


def _data(found: str | dict[str, Any]) -> dict[str, Any]:
    return json.loads(found) if isinstance(found, str) else found


def status_json(ledger: Ledger, agreement: str, at: str) -> bytes:
    """`status` at the instant `at` as the status API's bytes: compact UTF-8 JSON, written by
    `compact_json` (`answer_bytes`). A judgment made here keeps those very bytes as the answer's
    text, and they are not written twice."""
    made: list[bytes] = []
    found = _status(ledger, agreement, at, printed=False, made=made)[0]
    return made[0] if made else answer_bytes(_data(found))


def answer_bytes(data: dict[str, Any]) -> bytes:
    """A status answer as the status API sends it: compact, UTF-8, every float named by
    `answer_floats` (the answer's contract, checked by the tests on every answer the engine
    makes)."""
    return compact_json(data, answer_floats(data))


def status_text(ledger: Ledger, agreement: str, at: str | None = None) -> str:
    """`status` as the JSON text `truce status --json` prints (`pretty.json_text`): the text of
    the answer as `status_answer` types it (the engine's answer is that answer key for key,
    which the tests check on every answer the engine makes there, rather than each answer here:
    0.6 s at a million claims; tests/domain/engine/test_answer_floats.py)."""
    found = _status(ledger, agreement, at, printed=True)[0]
    return found if isinstance(found, str) else _printed(found)


def status_holding(ledger: Ledger, agreement: str) -> tuple[dict[str, Any], float]:
    """The answer for now, and the instant until which it holds with no new claims (now
    itself when nothing says it holds longer): for pages and watchers that ask again."""
    served, found = _status(ledger, agreement, None, printed=False)
    answer = _data(served)
    now = datetime.fromisoformat(answer["at"]).timestamp()
    return answer, found[1] if found is not None and found[0] <= now < found[1] else now


def answer_head(ledger: Ledger, agreement: str) -> object:
    """The chain head the agreement's kept answers are keyed by: equal heads, same record."""
    return ledger.answers(agreement).head()


def status_answer(ledger: Ledger, agreement: str, at: str | None = None) -> StatusAnswer:
    """`status`, checked against the answer's contract and typed (docs/status.md)."""
    return StatusAnswer.of(status(ledger, agreement, at))


Span = tuple[float, float]


def _status(
    ledger: Ledger, agreement: str, at: str | None, printed: bool, made: list[bytes] | None = None
) -> tuple[str | dict[str, Any], Span | None]:
    """The answer as JSON text (as printed, if `printed`) or as data judged now, and the span
    [T, U) of the kept "now" answer it was served from or kept as (None for any other).

    An answer to an explicit instant is kept (`storage.answers`) and read back while the chain
    and the judging code are unchanged: as printed when asked for printed, else in the standard
    library's compact form, a third of the time to write. A status "now" is kept with the span
    of instants it holds for (`storage.held`), and serves any instant in that span, and those
    before it back to the last at which it could have read otherwise. A judgment under way for
    the same head and instant (another request's, the server's background warm) is waited for,
    never run twice (`_judge_once`). `made`: where an answer at an instant judged here leaves its
    bytes as kept (`answer_bytes`)."""
    spec, _ = ledger.agreement(agreement)
    when = parse_instant(at, spec.zone)
    now = at is None or at == "now"
    store = ledger.answers(agreement)
    head = store.head()
    if store.usable:
        found = _read(store, head, spec, when, None if now else when.isoformat(), printed)
        if found is not None:
            return found
    # Judged once across processes too (`storage.judge_lock`): who waited reads what was kept.
    with judge_lock.holding(store, head, "now" if now else when.isoformat()) as waited:
        if waited:
            if now:  # still under way: "now" is later than the instant the other judged at
                when = parse_instant(None, spec.zone)
            found = _read(store, head, spec, when, None if now else when.isoformat(), printed)
            if found is not None:
                return found
        return _judge_and_keep(ledger, agreement, spec, when, head, now, printed, made)


def _judge_and_keep(
    ledger: Ledger,
    agreement: str,
    spec: AgreementSpec,
    when: datetime,
    head: Head,
    now: bool,
    printed: bool,
    made: list[bytes] | None = None,
) -> tuple[str | dict[str, Any], Span | None]:
    """Judge (once in this process: `_judge_once`) and keep the answer, as `_status` returns it;
    an answer at an instant kept as its compact bytes (`answer_bytes`), left in `made`."""
    store = ledger.answers(agreement)
    judgment = _judge_once(ledger, agreement, spec, when, head, now)
    if judgment.waited:  # another caller judged and kept it: read what it kept
        found = _read(store, head, spec, when, None if now else when.isoformat(), printed)
        if found is not None:
            return found
    data = judgment.value.at(when, spec.zone)
    if data is None:  # judged "now" by another caller, but it no longer holds: judge here
        horizon = Horizon(when.timestamp()) if now else None
        data = _judged(ledger, agreement, spec, when, horizon)
        judgment = Shared(_Judgment(data, horizon), waited=False)
    if not store.usable:
        return (_printed(data) if printed else data), None
    span = judgment.value.span()
    if judgment.waited:
        return (_printed(data) if printed else data), span
    if now:
        horizon = judgment.value.horizon
        assert horizon is not None
        text = _printed(data) if printed else kept_breaches.answer_json(store, data)
        kept_span = (horizon.since, horizon.at, horizon.until)
        about = held.keep(store, head, kept_span, data["at"], Kept(text, printed))
        # Held as data too: what the text says, never parsed from it in this process.
        parsed_answers.remember(store, parsed_answers.NOW, about, data)
        return (text if printed else data), span
    asked = when.isoformat()
    if printed:
        text = _printed(data)
    else:  # read back by `json.loads` alone: the API's bytes serve as the text kept
        body = answer_bytes(data)
        text = body.decode("utf-8")
        if made is not None:
            made.append(body)
    about = store.keep(head, asked, text, printed=printed)
    parsed_answers.remember(store, parsed_answers.AT, about, data)
    return (text if printed else data), None


def _read(
    store: AnswerStore,
    head: Head,
    spec: AgreementSpec,
    when: datetime,
    asked: str | None,
    printed: bool,
) -> tuple[str | dict[str, Any], Span | None] | None:
    """The kept answer for `when` on `head`: the "now" answer whose span holds it (with that
    span), or the one kept for `asked` (None: asked about now); None when neither is kept.
    As data, each is parsed once per process and answer kept (`parsed_answers`)."""
    instant = when.timestamp()
    if not printed and parsed_answers.holding(store, parsed_answers.NOW):
        holds = held.header(store, head, instant)
        data = parsed_answers.recall(store, parsed_answers.NOW, holds[0] if holds else None)
        if holds is not None and data is not None:
            return {**data, "at": shown_instant(instant, spec.zone)}, holds[1]
    found = held.read(store, head, instant)
    if found is not None:
        if printed and not found.kept.printed:  # printed once, then kept as printed
            data = json.loads(found.kept.text)
            found = replace(found, kept=Kept(_printed(data), printed=True))
            kept_span = (found.since, found.judged_at, found.until)
            about = held.keep(store, head, kept_span, found.shown, found.kept)
            parsed_answers.remember(store, parsed_answers.NOW, about, data)
        shown = shown_instant(instant, spec.zone)
        span = (found.judged_at, found.until)
        if not printed:  # as data: parsed once, held, and the instant set there
            data = json.loads(found.kept.text)
            parsed_answers.remember(store, parsed_answers.NOW, found.kept.about, data)
            return {**data, "at": shown}, span
        moved = found.printed_at(shown)
        if moved is None:
            moved = _printed({**json.loads(found.kept.text), "at": shown})
        return moved, span
    if asked is None:
        return None
    if not printed and parsed_answers.holding(store, parsed_answers.AT):
        known = parsed_answers.recall(store, parsed_answers.AT, store.header(head, asked))
        if known is not None:
            return known, None
    kept = store.read(head, asked)
    if kept is None:
        return None
    if not printed:  # as data: parsed once and held
        data = json.loads(kept.text)
        parsed_answers.remember(store, parsed_answers.AT, kept.about, data)
        return dict(data), None
    if kept.printed:
        return kept.text, None
    data = json.loads(kept.text)
    text = _printed(data)
    about = store.keep(head, asked, text, printed=True)
    parsed_answers.remember(store, parsed_answers.AT, about, data)
    return text, None


@dataclass(frozen=True)
class _Judgment:
    data: dict[str, Any]
    horizon: Horizon | None  # a "now" judgment's: the span of instants it holds for

    def at(self, when: datetime, zone: ZoneInfo) -> dict[str, Any] | None:
        """The answer as it reads at `when`: itself, or a "now" answer with the instant shown
        swapped when `when` is in its span; None when it no longer holds at `when`."""
        if self.horizon is None:
            return self.data
        # A "now" asked while this one was judged is answered at the later of the two instants:
        # its request was still under way when this was judged.
        instant = max(when.timestamp(), self.horizon.at)
        if instant == self.horizon.at:
            return self.data
        if not self.horizon.at <= instant < self.horizon.until:
            return None
        return {**self.data, "at": shown_instant(instant, zone)}

    def span(self) -> Span | None:
        """The instants [T, U) a "now" judgment holds for; None for an explicit instant's."""
        return None if self.horizon is None else (self.horizon.at, self.horizon.until)


_FLIGHTS: SingleFlight[_Judgment] = SingleFlight()


def _judge_once(
    ledger: Ledger, agreement: str, spec: AgreementSpec, when: datetime, head: Head, now: bool
) -> Shared[_Judgment]:
    """Judge, unless the same judgment (ledger, agreement, head, instant or "now") is under way
    in this process: then wait for it. Waiting is the honest choice: a page that waits a
    judgment shows the state at its head; one that showed the previous head's answer meanwhile
    would show a state the ledger has moved past as current."""

    def judge() -> _Judgment:
        horizon = Horizon(when.timestamp()) if now else None
        log.info("judging %s at %s on head %s", agreement, "now" if now else when, head.seq)
        return _Judgment(_judged(ledger, agreement, spec, when, horizon), horizon)

    where = (repr(ledger.engine.url), str(ledger.answers(agreement).folder()))
    return _FLIGHTS.run((*where, agreement, head, "now" if now else when.isoformat()), judge)


def judging(ledger: Ledger, agreement: str) -> bool:
    """Whether a "now" judgment of the agreement at the current head is under way here."""
    store = ledger.answers(agreement)
    where = (repr(ledger.engine.url), str(store.folder()))
    return _FLIGHTS.running((*where, agreement, store.head(), "now"))


def _printed(data: dict[str, Any]) -> str:
    return indented_json(data, answer_floats(data))


def _judged(
    ledger: Ledger,
    agreement: str,
    spec: AgreementSpec,
    when: datetime,
    horizon: Horizon | None = None,
) -> dict[str, Any]:
    versions = ledger.agreement_versions(agreement)
    frame, fetch, head = ledger.frame_at(agreement)
    store = ledger.answers(agreement)
    # The previous judgment's breach rows, to reuse where they hold (`engine.kept`), "now" too;
    # and the record's breach fingerprints if a judgment on its head worked them out.
    memory = kept_breaches.memory(store, now=horizon is not None, head=head)
    answer = evaluate_frame(spec, frame, fetch, when, versions, horizon, memory)
    if memory is not None:
        kept_breaches.keep(store, memory, now=horizon is not None)
    return answer
