"""One agreement's claims as columns: what `frame.reduce_columns` groups into events.

The ledger builds these from its snapshot (`storage.columnar`); `columns_from_claims` builds them
from `Claim` objects, for tests and small records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from truce.domain.claim_checks import unchecked
from truce.domain.claims import Claim, ClaimStatus, DatePrecision
from truce.domain.leading import grade_points, source_key
from truce.domain.readings import QUALIFIER_CODE

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Flags = npt.NDArray[np.bool_]
Words = npt.NDArray[np.uint64]

# Codes are positions in these tuples; stored snapshots depend on them, so only ever append.
# Event types are open (a spec declares provisions), so they are coded per record instead,
# like actors: `ClaimColumns.types`.
STATUSES: tuple[ClaimStatus, ...] = tuple(ClaimStatus)
PRECISIONS: tuple[DatePrecision, ...] = tuple(DatePrecision)
STATUS_CODE = {s: i for i, s in enumerate(STATUSES)}
PRECISION_CODE = {p: i for i, p in enumerate(PRECISIONS)}
NONE = -1  # the code of an absent actor or subject


@dataclass
class ClaimColumns:
    """One agreement's claims as columns, in ledger order (row i is the i-th claim)."""

    ids: Sequence[str]
    # The event each claim is about (its event_id, else its own id), as a code into
    # `group_keys`; `group_rank` orders the codes as their keys sort.
    group: Ints
    group_keys: Sequence[str]
    group_rank: Ints
    targets: set[str]  # the ids that some claim supersedes
    dates: Sequence[str]  # ISO text of each date; read only for month-precision dates
    grade: Ints  # reliability grade (Z9 when none) as its rank among the grades present
    type: Ints  # index into `types`
    status: Ints
    precision: Ints
    ts: Floats  # epoch seconds of each date
    quantity: Ints  # 0 where the claim gives no figure
    has_quantity: Flags
    qualifier: Ints  # how each figure was put, as a code (domain.readings.QUALIFIER_CODE)
    actor: Ints  # index into `actors`, NONE when absent
    subject: Ints  # index into `subjects`, NONE when absent
    categories: Ints  # index into `category_sets`
    actors: list[str]
    subjects: list[str]
    category_sets: list[tuple[str, ...]]
    # Claims kept with `--allow-unknown` (their `extra` says what the agreement does not declare).
    unchecked: Flags
    # What `domain.leading` weighs a figure by: each claim's grade points, and who it counts as
    # (a code into `source_keys`, NONE for a claim that names no outlet: a source of its own).
    points: Ints
    source: Ints
    source_keys: list[str]
    # Sub-counts (`engine.subcounts`): a code into `part_sets`, NONE for a claim without parts.
    parts: Ints
    part_sets: list[tuple[tuple[str, int], ...]]
    # The event types present, in order of first sight (built-in or declared alike).
    types: list[str] = field(default_factory=list)
    # The ids as rows of words that order as the ids do (`id_words`), when every id has one
    # UTF-8 length; None otherwise (they are then compared as strings).
    id_words: Words | None = None


def id_words(data: bytes | memoryview, count: int) -> Words | None:
    """`count` ids of one UTF-8 length, given as their bytes end to end, as rows of big-endian
    64-bit words: compared word by word, rows order as the ids do (UTF-8 keeps the code points'
    order, and ids of one length compare byte by byte). None for no ids."""
    if count == 0 or len(data) % count:
        return None
    width = len(data) // count
    padded = np.zeros((count, -(-width // 8) * 8), dtype=np.uint8)
    padded[:, :width] = np.frombuffer(data, dtype=np.uint8).reshape(count, width)
    words: Words = padded.view(">u8").astype(np.uint64)
    return words


def ranks(keys: Sequence[str]) -> Ints:
    """Each key's position in sorted order."""
    rank = np.empty(len(keys), dtype=np.int64)
    rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    return rank


class _Codes:
    """Codes for repeated values, in order of first sight."""

    def tuples(self) -> list[tuple[str, ...]]:
        return [v for v in self.values if isinstance(v, tuple)]

    def __init__(self) -> None:
        self.values: list[object] = []
        self._index: dict[object, int] = {}

    def code(self, value: object) -> int:
        found = self._index.get(value)
        if found is None:
            found = self._index[value] = len(self.values)
            self.values.append(value)
        return found


def columns_from_claims(claims: Sequence[Claim]) -> ClaimColumns:
    """Columns of `Claim` objects (used by tests and small records; the ledger keeps its own)."""
    actors, subjects, sets, types = _Codes(), _Codes(), _Codes(), _Codes()
    n = len(claims)

    def ints(values: Sequence[int]) -> Ints:
        return np.fromiter(values, dtype=np.int64, count=n)

    groups = _Codes()
    group = ints([groups.code(c.event_id or c.id) for c in claims])
    keys = [str(k) for k in groups.values]
    grades = sorted({c.reliability or "Z9" for c in claims})
    sources, part_sets = _Codes(), _Codes()
    keys_of = [source_key(c.sources, c.id) for c in claims]
    encoded = [c.id.encode() for c in claims]
    same_length = len({len(e) for e in encoded}) == 1
    return ClaimColumns(
        ids=[c.id for c in claims],
        group=group,
        group_keys=keys,
        group_rank=ranks(keys),
        targets={c.supersedes for c in claims if c.supersedes},
        dates=[c.date.isoformat() for c in claims],
        grade=ints([grades.index(c.reliability or "Z9") for c in claims]),
        type=ints([types.code(str(c.type)) for c in claims]),
        status=ints([STATUS_CODE[c.status] for c in claims]),
        precision=ints([PRECISION_CODE[c.date_precision] for c in claims]),
        ts=np.fromiter((c.date.timestamp() for c in claims), dtype=np.float64, count=n),
        quantity=ints([c.quantity or 0 for c in claims]),
        has_quantity=np.fromiter((c.quantity is not None for c in claims), bool, count=n),
        qualifier=ints([QUALIFIER_CODE[c.qualifier] for c in claims]),
        actor=ints([NONE if c.actor is None else actors.code(c.actor) for c in claims]),
        subject=ints([NONE if c.subject is None else subjects.code(c.subject) for c in claims]),
        categories=ints([sets.code(c.categories) for c in claims]),
        actors=[str(v) for v in actors.values],
        subjects=[str(v) for v in subjects.values],
        category_sets=sets.tuples(),
        unchecked=np.fromiter((bool(unchecked(c)) for c in claims), bool, count=n),
        points=ints([grade_points(c.reliability) for c in claims]),
        source=ints([NONE if k.startswith("claim:") else sources.code(k) for k in keys_of]),
        source_keys=[str(v) for v in sources.values],
        parts=ints([part_sets.code(c.parts) if c.parts else NONE for c in claims]),
        part_sets=part_sets.tuples(),  # type: ignore[arg-type]
        types=[str(v) for v in types.values],
        id_words=id_words(b"".join(encoded), n) if same_length else None,
    )
