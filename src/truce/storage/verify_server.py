"""Checking a range of the chain inside PostgreSQL: what `verify_range` tries first there.

The server rebuilds each entry's canonical form from its row (`to_json` escapes a string as
`json` does) and hashes it (`sha256`), holds each `prev_hash` to the hash of the entry before,
and writes each claim entry's claims row into the payload template (`chain.CLAIM_PAYLOAD`, as
`verify_range._FastChecker` writes it) to compare with the entry's payload; only counts come
back. A range passes only when every check the entry-by-entry pass makes would pass: its seqs
run on from the one expected without a gap, every hash and link holds, every kind is known and
every claim entry has its claims row at its seq with its id, recorder and payload, spelling out
exactly that payload. A match cannot be wrong (JSON escaping is one-to-one and SHA-256 does not
collide), but a mismatch can be the server's spelling rather than damage, so any range that
does not pass is read and checked again entry by entry, which names every problem as before.
The server is trusted no more than before: the entry-by-entry pass also takes its rows as the
server returns them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from truce.domain.claim_fields import (
    BY_NAME,
    COUNTS,
    JSON_FIELDS,
    OPTIONAL_PAYLOAD_KEYS,
    PAYLOAD_KEYS,
)

# Seqs per range: one query's worth on the server, and what is read again when it fails.
RANGE = 50_000


@dataclass
class Passed:
    """A range that passed: what the entry-by-entry pass would have recorded for it."""

    entries: int
    claim_entries: int
    last_hash: str | None
    head_seq: int | None
    # Entries of other kinds than claim, in seq order: (seq, kind, ref, payload).
    others: list[tuple[int, str, str, str]] = field(default_factory=list)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _json_text(column: str) -> str:
    return f"coalesce(to_json({column})::text, 'null')"


def _payload_sql() -> str:
    """The claim payload template filled from the claims row `c`, as SQL; NULL where a column
    holds what `_FastChecker._same` refuses (a JSON column not one value of its kind)."""
    pieces: list[str] = []
    literal = "{"
    for key in sorted(PAYLOAD_KEYS):
        column = f"c.{key}"
        name = encode_basestring(key) + ":"
        if key in OPTIONAL_PAYLOAD_KEYS:
            if key in JSON_FIELDS:
                kind = "object" if BY_NAME[key].kind == "object" else "array"
                value = f"CASE WHEN json_typeof({column}::json) = '{kind}' THEN {column} END"
            else:
                value = f"to_json({column})::text"
            member = (f"CASE WHEN coalesce({column}, '') = '' THEN '' "
                      f"ELSE {_literal(name)} || ({value}) || ',' END")  # fmt: skip
            pieces += [_literal(literal), member]
            literal = ""
            continue
        if key in COUNTS:
            value = f"coalesce({column}::text, 'null')"
        elif key in JSON_FIELDS:
            held = f"coalesce(nullif({column}, ''), '[]')"
            value = f"CASE WHEN json_typeof({held}::json) = 'array' THEN {held} END"
        else:
            value = _json_text(column)
        pieces += [_literal(literal + name), f"({value})"]
        literal = ","
    pieces.append("'}'")
    return " || ".join(pieces)


_BODY = (
    "'{\"kind\":' || to_json(kind)::text || ',\"payload\":' || to_json(payload)::text"
    " || ',\"prev_hash\":' || to_json(prev_hash)::text"
    " || ',\"recorded_at\":' || to_json(recorded_at)::text"
    f" || ',\"recorded_by\":' || {_json_text('recorded_by')}"
    " || ',\"ref\":' || to_json(ref)::text || ',\"seq\":' || seq::text || '}'"
)
_CHAIN = text(f"""
    WITH r AS (
        SELECT seq, kind, prev_hash, hash, lag(hash) OVER (ORDER BY seq) AS before,
               encode(sha256(convert_to({_BODY}, 'UTF8')), 'hex') AS rebuilt
        FROM entries WHERE (CAST(:lo AS integer) IS NULL OR seq >= :lo) AND seq <= :hi
    )
    SELECT count(*), min(seq), max(seq),
           count(*) FILTER (WHERE rebuilt IS DISTINCT FROM hash),
           count(*) FILTER (WHERE prev_hash IS DISTINCT FROM coalesce(before, :prev)),
           count(*) FILTER (WHERE kind = 'claim'),
           max(hash) FILTER (WHERE seq = :hi),
           max(seq) FILTER (WHERE hash = :head)
    FROM r
""")  # noqa: S608 (the SQL is built from constants only)
_CLAIMS = text(f"""
    SELECT count(DISTINCT e.seq)
    FROM entries e JOIN claims c ON c.seq = e.seq AND c.id = e.ref
    WHERE (CAST(:lo AS integer) IS NULL OR e.seq >= :lo) AND e.seq <= :hi
      AND (CAST(:lo AS integer) IS NULL OR c.seq >= :lo) AND c.seq <= :hi
      AND e.kind = 'claim'
      AND c.recorded_by IS NOT DISTINCT FROM e.recorded_by
      AND c.payload = e.payload
      AND ({_payload_sql()}) = e.payload
""")  # noqa: S608
_OTHERS = text("""
    SELECT seq, kind, ref, payload FROM entries
    WHERE (CAST(:lo AS integer) IS NULL OR seq >= :lo) AND seq <= :hi AND kind <> 'claim'
    ORDER BY seq
""")


def check_on_server(
    conn: Connection,
    lo: int | None,
    hi: int,
    start: tuple[int, str],
    head_hash: str | None,
    kinds: frozenset[str],
) -> Passed | None:
    """The tally of entries `lo <= seq <= hi` (lo None: unbounded below) when the range is
    clean, coming after seq `start[0] - 1` whose hash is `start[1]`; None when it must be read
    entry by entry."""
    expected_seq, prev = start
    params: dict[str, Any] = {"lo": lo, "hi": hi, "prev": prev, "head": head_hash}
    try:
        with conn.begin_nested():  # a JSON column that does not parse aborts only this
            count, first, last, bad_hashes, bad_links, claim_count, last_hash, head_seq = (
                conn.execute(_CHAIN, params).one()
            )
            if count != hi - expected_seq + 1 or bad_hashes or bad_links:
                return None
            if count and (first != expected_seq or last != hi):
                return None
            matching = conn.execute(_CLAIMS, params).scalar_one() if claim_count else 0
    except DBAPIError:
        return None
    if matching != claim_count:
        return None
    others: list[tuple[int, str, str, str]] = []
    if claim_count != count:
        for seq, kind, ref, payload in conn.execute(_OTHERS, params):
            if kind not in kinds:
                return None
            others.append((seq, kind, ref, payload))
    return Passed(count, claim_count, last_hash, head_seq, others)
