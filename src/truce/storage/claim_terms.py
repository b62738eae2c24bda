"""The names a claims list filters by, kept beside each claim so a filter is an index seek.

A claim's sources and places live in JSON text (`claims.sources`, `claims.extra`) and free text
(`claims.location`), which no index can search: at a million claims an outlet on one day or a
place fragment read every row (1.7 s and 4.1 s). Each name is kept here casefolded, so matching
is the same comparison on SQLite and PostgreSQL (no back end's own idea of case):

- kind "source": each outlet, speaker and relaying source (`via`), matched whole;
- kind "place": the claim's location and its gazetteer place's name, matched by any fragment.

Written with the claim, in the same transaction (`storage.appends`); migration 0012 fills them
for claims recorded before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, Connection, delete, select

from truce.storage.tables import claim_terms, claims, terms
from truce.storage.writes import insert_rows

SOURCE = "source"
PLACE = "place"
SOURCE_KEYS = ("outlet", "speaker", "via")
# Longer names are kept, and matched, by their first TEXT_LIMIT characters (an index entry's
# size is bounded on PostgreSQL).
TEXT_LIMIT = 400


def folded(text: str) -> str:
    return text.casefold()[:TEXT_LIMIT]


class TermReader:
    """The (kind, text) names of projection rows, with each distinct sources text parsed once."""

    def __init__(self) -> None:
        self._sources: dict[str, frozenset[str]] = {}

    def names(self, location: str | None, extra: str | None, sources: str) -> set[tuple[str, str]]:
        found = {(SOURCE, name) for name in self._source_names(sources)}
        if location and location.strip():
            found.add((PLACE, folded(location)))
        if extra and '"place":' in extra:
            place = json.loads(extra).get("place")
            if isinstance(place, dict) and isinstance(place.get("name"), str):
                found.add((PLACE, folded(place["name"])))
        return found

    def _source_names(self, text: str) -> frozenset[str]:
        names = self._sources.get(text)
        if names is None:
            names = frozenset(
                folded(value)
                for source in json.loads(text or "[]")
                for key in SOURCE_KEYS
                if isinstance(value := source.get(key), str) and value
            )
            self._sources[text] = names
        return names


def rows_for(
    reader: TermReader, projection: Iterable[tuple[int, str, str | None, str | None, str]]
) -> list[tuple[str, str, str, int]]:
    """`claim_terms` rows for (seq, agreement, location, extra, sources) rows."""
    return [
        (agreement, kind, text, seq)
        for seq, agreement, location, extra, sources in projection
        for kind, text in sorted(reader.names(location, extra, sources))
    ]


def write(
    conn: Connection, rows: Sequence[tuple[str, str, str, int]], first: int | None = None
) -> None:
    """Insert `claim_terms` rows, and into `terms` the names not seen before.

    With `first` (the first seq the rows are appended at), names kept at or after it are
    removed first: none exist unless claims rows were deleted outside the write path (a
    rewritten tail, which verify reports), and a name must never be read as a later claim's."""
    if first is not None:
        conn.execute(delete(claim_terms).where(claim_terms.c.seq >= first))
    if not rows:
        return
    distinct = sorted({(kind, text) for _, kind, text, _ in rows})
    known: set[tuple[str, str]] = set()
    for start in range(0, len(distinct), 500):
        part = distinct[start : start + 500]
        query = select(terms.c.kind, terms.c.text).where(terms.c.text.in_([t for _, t in part]))
        known.update((k, t) for k, t in conn.execute(query))
    new = [row for row in distinct if row not in known]
    if new:
        insert_rows(conn, terms, new)
    insert_rows(conn, claim_terms, rows)


def matching(agreement: str, kind: str, text: ColumnElement[bool]) -> ColumnElement[bool]:
    """Claims of `agreement` carrying a name of `kind` that `text` (a condition on
    `terms.c.text`) accepts."""
    names = select(terms.c.text).where(terms.c.kind == kind, text)
    seqs = select(claim_terms.c.seq).where(
        claim_terms.c.agreement == agreement,
        claim_terms.c.kind == kind,
        claim_terms.c.text.in_(names),
    )
    return claims.c.seq.in_(seqs)
