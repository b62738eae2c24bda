"""Kept status answers as data, held by each process: parsed once per answer kept, not once
per page view.

Answers are kept as JSON text (`storage.held` for "now", with the span of instants it holds
for; `storage.answers` per instant asked). Every page view and read that needed one as data
parsed that text again: 19 MB, about 0.6 s at a million claims, on top of reading and checking
it. So each process holds, per ledger, agreement and kind (`NOW`, `AT`), the last answer it
kept or parsed, with the header it was kept under (`_LAST`: at most two per agreement, each
replaced by the next of its kind; at a million claims one "now" answer's objects, most of them
the breach rows the engine shares with `storage.kept_breaches`). The header names the chain
head, the instant or the span, the judging rules and the SHA-256 of the text: when the header
kept now is that one, the answer is that one, and neither its text nor its data is read again.
Another head, another instant, an instant outside the span, or an answer another process kept
since: the header differs, and the text is read and parsed as before (then held instead).

The data is shared by every reader, as one judgment's answer is shared by the requests that
waited for it (`services.single_flight`) and its breach rows by the next judgment
(`storage.kept_breaches`): an answer is read, never edited. Each reader gets a copy of its top
level only (for "now", with the instant it asked shown as "at").
tests/services/test_parsed_answers.py checks that the pages, the API and the alerts leave the
answer held as it was kept.
"""

from __future__ import annotations

import threading
from typing import Any

from truce.storage.answers import AnswerStore

# False holds nothing: every read parses the kept text (tests compare the two).
ENABLED = True
NOW = "now"  # the answer "now" (`storage.held`)
AT = "at"  # the last answer read or kept for an explicit instant (`storage.answers`)

# The last answer of each kind per (database, cache folder, agreement, kind): header and data.
_LAST: dict[tuple[str, str, str, str], tuple[dict[str, Any], dict[str, Any]]] = {}
_LOCK = threading.Lock()


def holding(store: AnswerStore, kind: str) -> bool:
    """Whether an answer of `kind` is held for the agreement (else its header need not be read)."""
    with _LOCK:
        return ENABLED and _where(store, kind) in _LAST


def recall(store: AnswerStore, kind: str, about: dict[str, Any] | None) -> dict[str, Any] | None:
    """A copy of the top level of the answer of `kind` held, if it was kept under the header
    `about` (the header kept now, or None: none is); else None."""
    with _LOCK:
        last = _LAST.get(_where(store, kind))
    if last is None or about is None or last[0] != about:
        return None
    return dict(last[1])


def remember(
    store: AnswerStore, kind: str, about: dict[str, Any] | None, data: dict[str, Any]
) -> None:
    """Hold `data` as the answer of `kind` kept under the header `about` (None: it was not kept;
    then nothing of its kind is held)."""
    with _LOCK:
        if about is None or not ENABLED:
            _LAST.pop(_where(store, kind), None)
        else:
            _LAST[_where(store, kind)] = (about, dict(data))  # its own top level


def size() -> int:
    """How many answers this process holds (at most two per agreement and ledger)."""
    with _LOCK:
        return len(_LAST)


def forget() -> None:
    """Hold nothing (tests: a process that never read an answer)."""
    with _LOCK:
        _LAST.clear()


def _where(store: AnswerStore, kind: str) -> tuple[str, str, str, str]:
    return (repr(store.engine.url), str(store.folder()), store.agreement, kind)
