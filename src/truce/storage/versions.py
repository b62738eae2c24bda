"""An agreement's recorded versions, kept beside its snapshot so a status need not scan the chain.

Versions are chain entries of kind `agreement`; the chain has no index by kind, so finding them
reads every entry (1.5 s at a million claims). The versions found are kept in
`<key>.versions.json` with the chain entry (seq and hash) they were read at; the next reader
checks that entry is still in the chain and reads only the entries after it, by seq.
"""

from __future__ import annotations

import json
import os
import uuid
from contextlib import suppress
from pathlib import Path

from sqlalchemy import Connection, select

from truce.storage.tables import entries
from truce.storage.writes import read_head


def version_payloads(conn: Connection, agreement: str, path: Path | None) -> list[str]:
    """The payloads of the agreement's version entries, oldest first."""
    found: list[str] = []
    since = 0
    kept = _read(path, agreement) if path is not None else None
    if kept is not None:
        seq, digest, payloads = kept
        held = conn.execute(select(entries.c.hash).where(entries.c.seq == seq)).scalar()
        if held == digest:
            since, found = seq, payloads
    head = read_head(conn)
    query = (
        select(entries.c.payload)
        .where(entries.c.seq > since, entries.c.kind == "agreement", entries.c.ref == agreement)
        .order_by(entries.c.seq)
    )
    if head is not None:
        query = query.where(entries.c.seq <= head.seq)
    new = [row.payload for row in conn.execute(query)]
    found = found + new
    if path is not None and head is not None and (new or kept is None or since != head.seq):
        _write(path, agreement, head.seq, head.hash, found)
    return found


def _read(path: Path, agreement: str) -> tuple[int, str, list[str]] | None:
    try:
        data = json.loads(path.with_suffix(".versions.json").read_text(encoding="utf-8"))
        if data["agreement"] != agreement:
            return None
        return int(data["seq"]), str(data["hash"]), [str(p) for p in data["payloads"]]
    except (OSError, KeyError, TypeError, ValueError):
        return None


def _write(path: Path, agreement: str, seq: int, digest: str, payloads: list[str]) -> None:
    """Best effort, as the snapshot: a file not written costs the next reader a scan."""
    data = {"agreement": agreement, "seq": seq, "hash": digest, "payloads": payloads}
    target = path.with_suffix(".versions.json")
    partial = target.with_name(f"{target.name}.{uuid.uuid4().hex}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(data), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
