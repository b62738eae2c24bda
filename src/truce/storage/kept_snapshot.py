"""The snapshot's claims kept in the ledger's database (`storage.kept_place`), so a process whose
cache folder holds no snapshot (a fresh server, another host, another user of a SQLite file) folds
an append into them instead of reading every claim of the projection again (a minute at a
million claims on a loaded PostgreSQL).

Three rows of the agreement, each checked against its header (snapshot format, rules, agreement,
chain head, length and SHA-256 of the body) before it is believed:

- `snapshot/claims`: the claims table of a snapshot's base (`storage.snapshot`: the projection
  rows up to the head it was built at, in seq order), as compressed Arrow IPC bytes, with the
  base's id and its row count;
- `snapshot/tail`: the rows appended since that base, up to a later head, with the base's id;
  rewritten by each process that folds an append in (small: a fold compacts it into a new base
  past a tenth of the claims);
- `frame` (`storage.kept_frame`): the event frame at some head, as pages keep it. Its rows are
  the agreement's claims in seq order up to its head, whichever base they came from, so a frame
  behind the tail is regrouped forward over the kept rows (`storage.regroup`), one ahead of it
  is joined by the rows between (read from the projection), and with none the claims are
  grouped again in memory: never all read again.

The claims and the tail are the projection's rows, not what the rules made of them: their
headers name the code that reads those rows (`rules_version.rows`), not the rules. A release
that changes only the rules (grouping, ranking, judging) finds them good and regroups them in
memory, keeping the new frame: the claims are not read again (a third of a head nobody judged
at a million claims; docs/status.md, "A head nobody judged").

The three are read in one statement, so never one row from before a write and another from
after it; a base and its frame are written in one transaction that drops the old tail, and a
tail is written only over the base it extends. Anything that does not match its header is not
read: a cache, never a source. What cannot be written is logged and ignored.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
from sqlalchemy import Connection, select
from sqlalchemy.exc import SQLAlchemyError

from truce.domain.engine.frame import EventFrame, reduce_columns
from truce.storage import kept_frame, kept_place, put_off, rules_version
from truce.storage.answers import AnswerStore, sized
from truce.storage.columnar import claim_columns, read_rows
from truce.storage.regroup import regroup
from truce.storage.snapshot import (
    Head,
    Stored,
    event_keys,
    frame_bytes,
    frame_of,
    still_in_chain,
    table_bytes,
    table_of,
)
from truce.storage.tables import kept

CLAIMS = "snapshot/claims"
TAIL = "snapshot/tail"
FRAME = kept_frame.NAME
# The kept claims' and tail's own format (their columns are `columnar.read_rows`'s table); the
# rules' version is not in it (`_rows_about`).
ROWS_FORMAT = "rows-1"
log = logging.getLogger("truce.kept")


@dataclass(frozen=True)
class KeptSnapshot:
    """The agreement's snapshot in the ledger's database (`storage.snapshot.Shared`)."""

    store: AnswerStore

    def read(self, conn: Connection) -> Stored | None:
        """The kept snapshot at the latest head it reaches, if its rows are good and still in
        the chain `conn` reads; its frame made up to that head if the kept one is not."""
        if not self.store.usable or not rules_version.rows():
            return None
        found = kept_place.read_many(self.store.engine, self.store.agreement, [CLAIMS, TAIL, FRAME])
        try:
            return self._stored(conn, found)
        except (pa.ArrowException, OSError, KeyError, TypeError, ValueError) as exc:
            log.warning("kept snapshot of %s unreadable: %s", self.store.agreement, exc)
            return None

    def keep(self, stored: Stored, new_base: bool) -> None:
        """Keep a new base (its claims and frame, the old tail dropped), or the tail of the base
        already kept. A tail whose base is not the one kept is not kept; if no good base is kept
        at all (a ledger whose snapshot was made before this was), the whole is. Best effort."""
        if not self.store.usable or not rules_version.rows():
            return
        if not new_base:
            kept_base = self._kept_base()
            if kept_base is not None and kept_base != stored.base:
                return  # another process's base: its tail is what readers fold
            if kept_base is not None and stored.tail is not None:
                row = self._tail_row(stored)
                unless = self._base_changed(stored.base)
                kept_place.write_many(self.store.engine, self.store.agreement, [row], unless=unless)
                return
        rows = [self._claims_row(stored), self._frame_row(stored)]
        drop: tuple[str, ...] = (TAIL,)
        if stored.tail is not None:
            rows.append(self._tail_row(stored))
            drop = ()
        kept_place.write_many(self.store.engine, self.store.agreement, rows, drop)

    def _stored(
        self, conn: Connection, found: dict[str, tuple[dict[str, Any], bytes]]
    ) -> Stored | None:
        if CLAIMS not in found:
            return None
        about, body = found[CLAIMS]
        since = _head(about)
        base = str(about["base"])
        if about != self._rows_header(since, body, {"base": base, "rows": about["rows"]}):
            return None
        claims = table_of(body)
        if claims.num_rows != about["rows"] or not still_in_chain(conn, since):
            return None
        tail, head = self._tail(conn, found.get(TAIL), base, since)
        parts = [claims] if tail is None else [claims, tail]
        made = self._frame(conn, found.get(FRAME), parts, head)
        if made is None:
            return None
        head, tail, frame = made
        return Stored(head, base, claims, tail, frame, event_keys(frame), since)

    def _tail(
        self, conn: Connection, found: tuple[dict[str, Any], bytes] | None, base: str, since: Head
    ) -> tuple[pa.Table | None, Head]:
        """The kept tail if it extends this base to a head still in the chain (and that head),
        else none (and the base's head)."""
        if found is None:
            return None, since
        about, body = found
        told = {"base": base, "since": [since.seq, since.hash], "rows": about.get("rows")}
        if about.get("base") != base or about != self._rows_header(_head(about), body, told):
            return None, since
        tail = table_of(body)
        if tail.num_rows != about["rows"] or not still_in_chain(conn, _head(about)):
            return None, since
        return tail, _head(about)

    def _frame(
        self,
        conn: Connection,
        found: tuple[dict[str, Any], bytes] | None,
        parts: list[pa.Table],
        head: Head,
    ) -> tuple[Head, pa.Table | None, EventFrame] | None:
        """The frame at `head` over `parts` (the claims and the tail), from the kept one wherever
        it stands; or the kept frame's own head if it is ahead, with the rows between read and
        added to the tail."""
        tail = parts[1] if len(parts) > 1 else None
        frame, at = None, None
        if found is not None:
            about, body = found
            at = _head(about)
            if about == self._header(at, body, {}) and still_in_chain(conn, at):
                frame = frame_of(body)
        if frame is None or at is None:
            log.info("no kept frame of %s to fold into: grouped again", self.store.agreement)
            grouped = reduce_columns(claim_columns(_whole(parts)))
            put_off.write(lambda: self._keep_frame(head, grouped))  # after the answer
            return head, tail, grouped
        if at == head:
            return head, tail, frame
        if at.seq > head.seq:  # the frame is ahead of the tail: the rows between, read
            between = read_rows(conn, self.store.agreement, head.seq, at.seq)
            if between.num_rows:
                tail = between if tail is None else pa.concat_tables([tail, between])
                tail = tail.combine_chunks()
            return at, tail, frame
        whole = _whole(parts)
        upto = int(np.searchsorted(whole["seq"].to_numpy(), at.seq, side="right"))
        if len(frame.members) and int(frame.members.max()) >= upto:
            return None
        before, after = whole.slice(0, upto), whole.slice(upto)
        return head, tail, regroup(frame, event_keys(frame), [before], after)

    def _keep_frame(self, head: Head, frame: EventFrame) -> None:
        """Keep the frame grouped again from the kept rows (the rules changed, or it was lost)."""
        row = self._row(FRAME, head, frame_bytes(frame), {})
        kept_place.write_many(self.store.engine, self.store.agreement, [row])

    def _kept_base(self) -> str | None:
        """The base of the claims kept, if they are of these rules and still in the chain;
        None if none is."""
        found = self.store.get(CLAIMS, body=False)
        if found is None:
            return None
        about, _ = found
        try:
            head = _head(about)
            with self.store.engine.connect() as conn:
                if not still_in_chain(conn, head):
                    return None
        except (KeyError, TypeError, ValueError, SQLAlchemyError):
            return None
        same = self._rows_about(head)
        if {k: about.get(k) for k in same} != same:
            return None
        return str(about.get("base"))

    def _base_changed(self, base: str) -> Any:
        def changed(conn: Connection) -> bool:
            query = select(kept.c.header).where(
                kept.c.agreement == self.store.agreement, kept.c.name == CLAIMS
            )
            header = conn.execute(query).scalar()
            try:
                return header is None or json.loads(header).get("base") != base
            except (AttributeError, ValueError):
                return True

        return changed

    def _claims_row(self, stored: Stored) -> kept_place.Row:
        body = table_bytes(stored.claims)
        told = {"base": stored.base, "rows": stored.claims.num_rows}
        return self._row(CLAIMS, stored.claims_head, body, told, rows=True)

    def _tail_row(self, stored: Stored) -> kept_place.Row:
        assert stored.tail is not None
        body = table_bytes(stored.tail)
        since = stored.claims_head
        told = {"base": stored.base, "since": [since.seq, since.hash], "rows": stored.tail.num_rows}
        return self._row(TAIL, stored.head, body, told, rows=True)

    def _frame_row(self, stored: Stored) -> kept_place.Row:
        return self._row(FRAME, stored.head, frame_bytes(stored.frame, stored.keys), {})

    def _row(
        self, name: str, head: Head, body: bytes, told: dict[str, Any], rows: bool = False
    ) -> kept_place.Row:
        header = self._rows_header(head, body, told) if rows else self._header(head, body, told)
        return kept_place.Row(name, header, body, (head.seq, head.hash), pack=False)

    def _rows_about(self, head: Head) -> dict[str, Any]:
        """What the kept claims and tail were made with: the code that reads the projection's
        rows (not the rules, which only group them), the agreement and the chain head."""
        return {
            "format": ROWS_FORMAT,
            "read": rules_version.rows(),
            "agreement": self.store.agreement,
            "seq": head.seq,
            "hash": head.hash,
        }

    def _rows_header(self, head: Head, body: bytes, told: dict[str, Any]) -> dict[str, Any]:
        return self._rows_about(head) | told | sized(body)

    def _header(self, head: Head, body: bytes, told: dict[str, Any]) -> dict[str, Any]:
        # The frame's is `storage.kept_frame`'s: what the format, rules and head say, and size.
        return self.store.judged_with(head) | told | sized(body)


def _head(about: dict[str, Any]) -> Head:
    return Head(int(about["seq"]), str(about["hash"]))


def _whole(parts: list[pa.Table]) -> pa.Table:
    return parts[0] if len(parts) == 1 else pa.concat_tables(parts).combine_chunks()
