"""The answer to a status "now", kept with the span of instants it holds for.

An answer judged at instant T on chain head H holds, with no new claims, until the instant U its
judgment noted (`domain.engine.horizon`): asked again at any T' in [T, U) on the same head, the
engine would give the same answer but for the instant it shows. The judgment also noted the
instant S <= T since which none of its comparisons could have come out otherwise: at any instant
of [S, T) the answer reads the same too (at a million claims on an agreement that has ended, S
is about its last event, and `--at` any instant since then is this answer). So the last "now"
answer is kept as `now.held` (`storage.kept_place`: in the ledger's database), with a header
like the kept answers' (`storage.answers`: format, rules, head, length and SHA-256 of the text)
plus S, T, U and the instant as the answer shows it; it serves any status (now or `--at`) whose
instant falls in [S, U) while the head is H, with the shown instant swapped for the one asked.
A status "now" asks at T or later: its span is [T, U) (`span`, `server.now_status`). One per
agreement: the next "now" judgment replaces it. A cache, never a source: anything that does not
match is judged again.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from truce.storage.answers import AnswerStore, Kept, sized
from truce.storage.snapshot import Head

NAME = "now.held"


@dataclass(frozen=True)
class Held:
    """A kept answer, the instant it was judged at, and until when it holds."""

    kept: Kept
    judged_at: float
    until: float  # math.inf: no instant was noted at which it could change
    shown: str  # the answer's "at"
    since: float  # the earliest instant it holds for (-math.inf: no earlier one was noted)

    def printed_at(self, shown: str) -> str | None:
        """The printed text as it reads at another instant of its span, shown as `shown`; None
        when the text is not the printed form (or its "at" line cannot be found once)."""
        if not self.kept.printed:
            return None
        if shown == self.shown:
            return self.kept.text
        # Sorted keys, two-space indent: the top level's "at" is the only such line.
        old = f'\n  "at": {json.dumps(self.shown, ensure_ascii=False)},\n'
        if self.kept.text.count(old) != 1:
            return None
        return self.kept.text.replace(old, f'\n  "at": {json.dumps(shown, ensure_ascii=False)},\n')


def read(store: AnswerStore, head: Head, instant: float) -> Held | None:
    """The answer kept for the agreement that holds at `instant` on `head`, or None."""
    found = _load(store, head, instant)
    if found is None:
        return None
    about, (since, judged_at, until), body = found
    assert body is not None
    printed = about.get("printed") is True
    try:
        again = _header(store, head, body, printed, judged_at, about["until"], about["shown"])
        if about != again | {"since": about["since"]}:
            return None
        text = body.decode("utf-8")
        return Held(Kept(text, printed, about), judged_at, until, str(about["shown"]), since)
    except UnicodeDecodeError:
        return None


def header(
    store: AnswerStore, head: Head, instant: float
) -> tuple[dict[str, Any], tuple[float, float]] | None:
    """The header of the answer kept for the agreement if it holds at `instant` on `head`, and
    its span [T, U) as "now" (it holds from S); its text unread and unchecked (the header's
    SHA-256 names the text it was kept with: a reader that holds that text, or what it says,
    need not read it again)."""
    found = _load(store, head, instant, body=False)
    return None if found is None else (found[0], found[1][1:])


def span(store: AnswerStore, head: Head) -> tuple[float, float] | None:
    """The instants [T, U) the kept "now" answer holds for, if it was judged on `head` (its text
    unread: a watcher that saw the answer at an instant of the span, asking again within it,
    would see the same)."""
    found = _load(store, head, None, body=False)
    return None if found is None else found[1][1:]


def _load(
    store: AnswerStore, head: Head, instant: float | None, body: bool = True
) -> tuple[dict[str, Any], tuple[float, float, float], bytes | None] | None:
    """The one reader of the held answer: its header if it was judged on `head` with these rules
    (and holds at `instant`, if given), the instants (S, T, U), and its text if `body`. The text
    is checked against the header by the caller that reads it (`read`)."""
    if not store.usable:
        return None
    if body and instant is not None and _load(store, head, instant, body=False) is None:
        # Its header first: the text of an answer "now" at a million claims is 19 MB (2 MB
        # stored), read and unpacked for nothing when the instant asked is outside its span.
        return None
    found = store.get(NAME, body)
    if found is None:
        return None
    about, text = found
    if not store.made_with(about, head):
        return None
    try:
        judged_at = float(about["from"])
        until = math.inf if about["until"] is None else float(about["until"])
        since = -math.inf if about["since"] is None else float(about["since"])
    except (KeyError, TypeError, ValueError):
        return None
    if instant is not None and not min(since, judged_at) <= instant < until:
        return None
    return about, (min(since, judged_at), judged_at, until), text


def keep(
    store: AnswerStore,
    head: Head,
    span: tuple[float, float, float],
    shown: str,
    kept: Kept,
) -> dict[str, Any] | None:
    """Keep `kept`, judged at T on `head`, as holding for [S, U) (`span`: S, T, U); only if
    the chain is still at `head` (as `AnswerStore.keep`). Best effort: the header it was kept
    under, or None when it was not kept."""
    since, judged_at, until = span
    if not store.usable or until <= judged_at or since > judged_at or store.head() != head:
        return None
    body = kept.text.encode("utf-8")
    limit = None if math.isinf(until) else until
    about = _header(store, head, body, kept.printed, judged_at, limit, shown)
    about["since"] = None if math.isinf(since) else since
    return about if store.put(NAME, about, body, head) else None


def _header(
    store: AnswerStore,
    head: Head,
    body: bytes,
    printed: bool,
    judged_at: float,
    until: float | None,
    shown: str,
) -> dict[str, Any]:
    kept = {"from": judged_at, "until": until, "shown": shown, "printed": printed}
    return store.judged_with(head) | kept | sized(body)
