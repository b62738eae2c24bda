"""Checking a SQLite ledger's chain in C, in processes beside the one verifying: what
`verify_range` tries first on a SQLite file.

The compiled module (`_chaincheck.c`, built with the package where a C compiler and the SQLite
and OpenSSL headers are at hand) reads a range's entries in seq order, each beside the claims row
at its seq, rebuilds each entry's canonical form with the escaping of Python's `json` and hashes
it, holds each `prev_hash` to the hash before it, and writes each claims row into the payload
template (`chain.CLAIM_PAYLOAD`, filled as `verify_range._FastChecker` fills it, a JSON column
only when a strict reader of RFC 8259 JSON reads it as one value of its kind, which Python's
`json` then reads alike) to compare with the entry's payload, and holds every text to UTF-8
that Python's `sqlite3` reads. It makes no Python object per entry. A range passes only when
every check the entry-by-entry pass makes would pass, as on PostgreSQL (`verify_server`): a
match cannot be wrong (the escaping is one-to-one, SHA-256 does not collide), and the verifying
process reads any range that does not pass again entry by entry, which names every problem as
before.

The module runs only here, as a script (`python -I verify_compiled.py`, the standard library and
the module, so it starts in a few hundredths of a second), one process per share of the ranges.
Each opens the file read-only through its own SQLite connection and holds no other: two copies
of SQLite in one process would drop each other's locks (docs/ledger.md, "one SQLite library per
process"), and the ranges are of entries up to a head read before, which no write changes.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Sequence
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# How a slot of the payload template is filled (`_chaincheck.c`'s modes).
STRING, COUNT, LIST, OPTIONAL_OBJECT, OPTIONAL_LIST, OPTIONAL_STRING = range(6)
# The entry's columns, then its claims row's id, recorder and payload (the C code's 0..10).
_LEADING = (
    "e.seq", "e.kind", "e.ref", "e.payload", "e.recorded_by", "e.recorded_at", "e.prev_hash",
    "e.hash", "c.id", "c.recorded_by", "c.payload",
)  # fmt: skip
_FROM = "FROM entries e LEFT JOIN claims c ON c.seq = e.seq AND e.kind = 'claim'"

# A range to check: its first seq (None: unbounded below), its last, and the seq expected first
# with the hash it links to. What comes back for it: (entries, claim entries, last hash, head
# seq, the other kinds' entries as (seq, kind, ref, payload)), or None to read it again.
Range = tuple[int | None, int, int, str]
Found = tuple[int, int, str | None, int | None, list[tuple[int, str, str, str]]]


def _module_file() -> Path | None:
    spec = importlib.util.find_spec("truce.storage._chaincheck")
    return Path(spec.origin) if spec is not None and spec.origin else None


def available() -> bool:
    """Whether the compiled module was built with the package."""
    return _module_file() is not None


def _plan() -> tuple[list[tuple[str, str, int, int]], str, str]:
    """The template's slots (text before, member key, mode, column), the text closing it, and
    the SQL columns the slots read."""
    from truce.domain.claim_fields import (
        BY_NAME,
        COUNTS,
        JSON_FIELDS,
        OPTIONAL_PAYLOAD_KEYS,
        PAYLOAD_KEYS,
    )

    slots: list[tuple[str, str, int, int]] = []
    values: list[str] = []
    before = "{"
    for key in sorted(PAYLOAD_KEYS):
        name = encode_basestring(key) + ":"
        if key in OPTIONAL_PAYLOAD_KEYS:
            if key in JSON_FIELDS:
                mode = OPTIONAL_OBJECT if BY_NAME[key].kind == "object" else OPTIONAL_LIST
            else:
                mode = OPTIONAL_STRING
            key_text, after = name, ""
        else:
            mode = COUNT if key in COUNTS else LIST if key in JSON_FIELDS else STRING
            before, key_text, after = before + name, "", ","
        slots.append((before, key_text, mode, len(_LEADING) + len(values)))
        values.append(f"c.{key}")
        before = after
    columns = ", ".join((*_LEADING, *values))
    return slots, before.removesuffix(",") + "}", columns


def request(head_hash: str | None) -> dict[str, Any]:
    """What a checking process needs besides its ranges: the SQL (?1 the range's first seq,
    ?2 its last), the template's plan and the head hash looked for."""
    slots, tail, columns = _plan()
    select = f"SELECT {columns} {_FROM} WHERE"
    return {
        "sql_from": f"{select} e.seq >= ?1 AND e.seq <= ?2 ORDER BY e.seq",
        "sql_up_to": f"{select} ?1 IS NULL AND e.seq <= ?2 ORDER BY e.seq",
        "slots": slots,
        "tail": tail,
        "head": head_hash,
    }


def check_ranges(path: str, ranges: Sequence[Range], head_hash: str | None,
                 processes: int) -> list[Found | None]:  # fmt: skip
    """Each range of the SQLite file `path` checked by the compiled module, shared in order
    between `processes` processes beside this one; None for a range to read entry by entry
    (all of them where the module is not built or a process fails)."""
    module = _module_file()
    if module is None or not ranges:
        return [None] * len(ranges)
    asked = request(head_hash)
    size = -(-len(ranges) // max(1, processes))
    shares = [list(ranges[i : i + size]) for i in range(0, len(ranges), size)]
    running = []
    for share in shares:
        process = subprocess.Popen(
            [sys.executable, "-I", __file__, path, str(module)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdin is not None
        with process.stdin:
            process.stdin.write(json.dumps({**asked, "ranges": share}))
        running.append(process)
    found: list[Found | None] = []
    for process, share in zip(running, shares, strict=True):
        assert process.stdout is not None
        with process.stdout:
            out = process.stdout.read()
        try:
            answers = json.loads(out) if process.wait() == 0 else None
        except ValueError:
            answers = None
        if not isinstance(answers, list) or len(answers) != len(share):
            answers = [None] * len(share)
        found += [_found(a) for a in answers]
    return found


def _found(answer: Any) -> Found | None:
    if answer is None:
        return None
    count, claims, last, head_seq, others = answer
    return count, claims, last, head_seq, [tuple(o) for o in others]


def _check(module: Any, path: str, asked: dict[str, Any], lo: int | None, hi: int,
           expected: int, prev: str) -> list[Any] | None:  # fmt: skip
    sql = asked["sql_up_to"] if lo is None else asked["sql_from"]
    slots = tuple(tuple(s) for s in asked["slots"])
    found = module.check(path, sql, lo, hi, expected, prev, asked["head"], slots, asked["tail"])
    if found is None or found[0] != hi - expected + 1:  # entries missing at the range's end
        return None
    return list(found)


def main(argv: list[str]) -> None:
    """`verify_compiled.py FILE MODULE`: the request (`request()` and its ranges) as JSON on
    standard input; a JSON list with each range's answer on standard output."""
    path, module_file = argv
    spec = importlib.util.spec_from_file_location("_chaincheck", module_file)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {module_file}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    asked = json.load(sys.stdin)
    answers = [_check(module, path, asked, *r) for r in asked["ranges"]]
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
