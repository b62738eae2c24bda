"""Which kept "now" answer holds at an instant: its chain head and span, for a reader that
keeps what it built from that answer for as long as the answer holds (`storage.held`)."""

from __future__ import annotations

from dataclasses import dataclass

from truce.storage import held
from truce.storage.ledger import Ledger


@dataclass(frozen=True)
class NowSpan:
    """The kept "now" answer's chain head and the instants [since, until) it holds for."""

    seq: int
    hash: str
    since: float
    until: float  # math.inf: nothing noted at which it could change


def now_span(ledger: Ledger, agreement: str, instant: float) -> NowSpan | None:
    """The span of the "now" answer kept at the current head, if it holds at `instant`; None
    when none is kept, it was judged on another head, or `instant` is outside its span. Reads the
    kept file's first line only."""
    store = ledger.answers(agreement)
    if not store.usable:
        return None
    head = store.head()
    found = held.span(store, head)
    if found is None or not found[0] <= instant < found[1]:
        return None
    return NowSpan(head.seq, head.hash, found[0], found[1])


def keeps_answers(ledger: Ledger, agreement: str) -> bool:
    """Whether the agreement's answers can be kept at all (a folder, the judging code's source)."""
    return ledger.answers(agreement).usable
