"""The breach list and the prohibitions' verdicts of the previous judgment, reused after an
append that touched none of what they read.

An append of releases changes totals that most other terms and disputes read, but leaves tens
of thousands of breach events as they were; building those events and rendering their rows is a
large part of a judgment. What the prohibitions (`prohibitions.prohibition`) and the breach
list (`answer._breaches`) read is: the spec that judges, the instant, the events of the breach
types (each as its id, its instants and its claims' ids; a claim id names one claim for good in
a ledger), whether any event is loosely dated (`has_loose`), and each prohibition's window.
The first four make the block's `key`; each verdict set and the rows also keep the windows they
were worked out under. When all agree with the previous judgment's, its results are used as they
were rendered; anything else is judged afresh, and kept for the next judgment.

The engine stays pure: the caller passes what the previous judgment left (`Memory.prior`, plain
data read back from where it kept it) and keeps what this one leaves (`Memory.now`). A judgment
that follows the instant (`horizon.Instant`, a status "now") reuses a block too: the comparisons
a skipped prohibition would have made with its window's edges are made all the same (`_noted`),
and those with the events' instants are noted by the index as it is built; so its horizon ends
no later than a full judgment's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from truce.domain.claims import EventType
from truce.domain.engine.assess import Assessment, Evaluator, TermResult
from truce.domain.engine.events import Event
from truce.domain.engine.horizon import Instant
from truce.domain.engine.index import EventIndex
from truce.domain.engine.verdicts import Explanation, Verdict
from truce.domain.spec import AgreementSpec, ProhibitionTerm, Term

FORMAT = 4  # 3 carried disputed events (`kept_disputes`, removed): read as nothing kept
Window = list[float | None]  # [start, end] as `Assessment.window` gives it


@dataclass
class Block:
    """One judgment's prohibition verdicts and breach rows, with what they were read under."""

    key: str
    # The instants [lo, hi) on the same side of every edge the kept results compared the
    # instant with as the one they were judged at (None: unbounded on that side).
    cell: Window = field(default_factory=lambda: [None, None])
    terms: dict[str, tuple[Window, list[dict[str, Any]]]] = field(default_factory=dict)
    windows: list[Window] | None = None  # every prohibition's, when the rows were rendered
    rows: list[dict[str, Any]] = field(default_factory=list)
    explanations: list[dict[str, Any]] = field(default_factory=list)
    # Rows and explanations as read back, decoded only when used (`decoded`).
    encoded: tuple[Any, Any] | None = field(default=None, compare=False, repr=False)
    # Once decoded: the rows and explanations read, and their encoded form, which a block
    # that reuses those very lists writes again as it was read (`as_data`), not encoded anew.
    read: tuple[Any, Any, Any] | None = field(default=None, compare=False, repr=False)
    # The rows it indexed by event id, and that index (`shared_rows`): worked out once.
    row_index: tuple[Any, dict[str, int]] | None = field(default=None, compare=False, repr=False)

    def decoded(self) -> Block | None:
        """The block with its rows decoded; None when they cannot be."""
        if self.encoded is not None:
            try:
                rows, explanations = (_records(t) for t in self.encoded)
            except (AttributeError, KeyError, TypeError, ValueError, IndexError):
                return None
            self.read = (rows, explanations, self.encoded)
            self.rows, self.explanations, self.encoded = rows, explanations, None
        return self

    def reusing(self, other: Block) -> None:
        """Note that this block's rows and explanations are `other`'s, as it decoded them."""
        self.read = other.read

    def as_data(self) -> dict[str, Any]:
        rows, explanations = self.encoded or self._encoded()
        return {
            "format": FORMAT,
            "key": self.key,
            "cell": self.cell,
            "terms": {k: [w, v] for k, (w, v) in self.terms.items()},
            "windows": self.windows,
            "rows": rows,
            "explanations": explanations,
        }

    def _encoded(self) -> tuple[Any, Any]:
        read = self.read
        if read is not None and read[0] is self.rows and read[1] is self.explanations:
            encoded: tuple[Any, Any] = read[2]
            return encoded
        return _columns(self.rows), _columns(self.explanations)

    @staticmethod
    def of(data: Any) -> Block | None:
        """A block read back as plain data; None for anything that is not one."""
        try:
            if data.get("format") != FORMAT:
                return None
            terms = {str(k): (list(w), list(v)) for k, (w, v) in data["terms"].items()}
            lo, hi = data["cell"]
            cell = [None if lo is None else float(lo), None if hi is None else float(hi)]
            return Block(
                str(data["key"]),
                cell,
                terms,
                data["windows"],
                encoded=(data["rows"], data["explanations"]),
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            return None


_PLAIN = (str, int, float, bool, type(None))
_PLAIN_SET: frozenset[type] = frozenset(_PLAIN)
_NUMBERS: frozenset[type] = frozenset((int, float, bool))  # 1 == 1.0 == True


def _columns(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Records with the same keys as columns, each a list of its distinct values and a code
    per record: tens of thousands of breach rows repeat a few parties, statuses and texts,
    and a short list of numbers reads back several times faster than as many objects.
    Records of other shapes are kept as they are. Worked out a column at a time, the values
    told apart by their type as well (1, 1.0 and True are three values)."""
    keys = list(records[0]) if records else []
    shape = tuple(keys)
    if not all(tuple(record) == shape for record in records):
        return {"records": records}
    columns = []
    for key in keys:
        values = [record[key] for record in records]
        kinds = set(map(type, values))
        if kinds <= _PLAIN_SET and len(kinds & _NUMBERS) <= 1:
            # No two values of different types are equal here: each value marks itself.
            codes = {value: code for code, value in enumerate(dict.fromkeys(values))}
            columns.append({"values": list(codes), "codes": [codes[v] for v in values]})
            continue
        if kinds <= _PLAIN_SET:
            marks: list[object] = list(zip(map(type, values), values, strict=True))
        elif list in kinds and kinds <= _PLAIN_SET | {list}:
            items = {type(v) for value in values if type(value) is list for v in value}
            if not items <= _PLAIN_SET:
                return {"records": records}
            typed = len(items & _NUMBERS) > 1  # [1] and [True] would compare equal
            if kinds == {list} and not typed:  # lists alone: each its items as a tuple
                marks = list(map(tuple, values))
            else:
                marks = [_marked(value, typed) for value in values]
        else:
            return {"records": records}
        # Each distinct mark's code in the order first met, and the value it was first met as.
        coded = {mark: code for code, mark in enumerate(dict.fromkeys(marks))}
        firsts = dict(zip(marks[::-1], values[::-1], strict=True))
        columns.append(
            {"values": [firsts[mark] for mark in coded], "codes": [coded[m] for m in marks]}
        )
    return {"keys": keys, "columns": columns}


def _marked(value: Any, typed: bool) -> object:
    """A plain value or a list of them as `_columns` tells values apart (`typed`: each item of
    a list with its type, where the column's lists mix numbers of two types)."""
    if type(value) is not list:
        return (type(value), value)
    return (list, *[(type(v), v) for v in value]) if typed else (list, *value)


def _records(table: dict[str, Any]) -> list[dict[str, Any]]:
    if "records" in table:
        return list(table["records"])
    keys = table["keys"]
    read = []
    for column in table["columns"]:
        values = column["values"]
        if any(type(v) is list for v in values):  # a list of its own for each record
            fresh = [type(v) is list for v in values]
            read.append([list(values[c]) if fresh[c] else values[c] for c in column["codes"]])
        else:
            read.append([values[c] for c in column["codes"]])
    return [dict(zip(keys, row, strict=True)) for row in zip(*read, strict=True)]


@dataclass
class Memory:
    """What the previous judgment left, and what this one leaves (None: nothing to keep)."""

    prior: Block | None = None
    now: Block | None = None
    # The breach events' fingerprints (`EventIndex.fingerprint`, by the types read) of the very
    # record judged: given by a caller that worked them out on the same chain head (every event
    # of the record, whatever the instant), else filled here as they are worked out.
    fingerprints: dict[tuple[str, ...], str] = field(default_factory=dict)
    # The events judgments of the very record built in this process, by id (an event is its
    # claims, whatever the instant): given by a caller that holds them per chain head, and filled
    # as events are built (`columns.ColumnIndex`). A status "now" builds every breach event known.
    events: dict[str, Event] = field(default_factory=dict)
    # Another judgment's block (a status "now"'s, for a judgment at an instant), whose rows serve
    # the breach events whose clause reads the same here (`shared_rows`); cleared by the engine
    # when it was not read from the same spec and breach events.
    other: Block | None = None


class Told(Explanation):
    """An explanation as the previous judgment rendered it."""

    def __init__(self, told: dict[str, Any]) -> None:
        super().__init__(told["clause"], told["text"])
        self.told = told

    def as_dict(self, for_id: str) -> dict[str, Any]:
        return {**self.told, "for": for_id}


_FIELDS = (
    "id",
    "term",
    "kind",
    "party",
    "subject",
    "status",
    "period",
    "starts_at",
    "ends_at",
    "due",
    "delivered",
    "met_at",
    "limit",
)


def breach_types(spec: AgreementSpec) -> list[str]:
    """The event types the prohibitions and the breach list read."""
    found = {str(EventType.BREACH)}
    found |= {str(t.type) for t in spec.terms if isinstance(t, ProhibitionTerm)}
    return sorted(found)


def block_key(
    spec: AgreementSpec,
    version: object,
    index: EventIndex,
    fingerprints: dict[tuple[str, ...], str] | None = None,
    loose: bool | None = None,
) -> str:
    """What every kept result reads but the windows and the instant: spec, breach events,
    looseness (`loose`, if given, in place of the index's). `fingerprints`: the record's, by
    breach types, read and filled (`Memory`)."""
    digest = hashlib.sha256()
    has_loose = index.has_loose if loose is None else loose
    for part in (repr(spec), repr(version), repr(has_loose)):
        digest.update(part.encode())
        digest.update(b"\0")
    types = tuple(breach_types(spec))
    found = None if fingerprints is None else fingerprints.get(types)
    if found is None:
        found = index.fingerprint(types)
        if fingerprints is not None:
            fingerprints[types] = found
    digest.update(found.encode())
    return digest.hexdigest()


def cell_of(spec: AgreementSpec, index: EventIndex, windows: Iterable[Window], at: float) -> Window:
    """The instants [lo, hi) around `at` on the same side of every edge the prohibitions and
    the breach list compare the instant with: the breach events' `at`, `known_at` and `since`
    (`EventIndex.edges`), and the windows' ends. Each such comparison (`at < b`, `b <= at`,
    `at >= b`, `b > at`) reads the same for every instant of the cell."""
    at = float(at)
    edges = [float(e) for w in windows for e in w if e is not None]
    lo, hi = index.edges(breach_types(spec), at)
    for edge in edges:
        if edge <= at and (lo is None or edge > lo):
            lo = edge
        elif edge > at and (hi is None or edge < hi):
            hi = edge
    return [lo, hi]


def holds(cell: Window, at: float) -> bool:
    """Whether `at` lies in `cell` (read as a plain number: the edges are noted elsewhere)."""
    lo, hi = cell
    at = float(at)
    return (lo is None or lo <= at) and (hi is None or at < hi)


def _noted(ctx: Assessment, window: Window) -> None:
    """The comparisons `prohibitions.prohibition` makes with its window's edges, made for a
    judgment that follows the instant (they note where its result could change)."""
    if isinstance(ctx.at, Instant):
        start, end = window
        if start is not None:
            _ = ctx.at < start
        if end is not None:
            _ = ctx.at >= end


def window_of(a: Assessment, term: Term) -> Window:
    start, end = a.window(term)
    return [start, end]


def evaluators(base: dict[str, Evaluator], memory: Memory, at: float) -> dict[str, Evaluator]:
    """`base` with prohibitions read from `memory.prior` where their window and key agree and
    `at` lies in its cell, and every prohibition's result noted in `memory.now`."""
    now, prior = memory.now, memory.prior
    assert now is not None
    same = prior is not None and prior.key == now.key and holds(prior.cell, at)
    judge = base["prohibition"]

    def prohibition(term: Any, ctx: Assessment) -> TermResult:
        window = window_of(ctx, term)
        kept = prior.terms.get(term.id) if same and prior is not None else None
        if kept is not None and kept[0] == window:
            _noted(ctx, window)
            result = TermResult([_verdict(v) for v in kept[1]])
        else:
            result = judge(term, ctx)
        now.terms[term.id] = (window, [_record(v) for v in result.verdicts])
        return result

    return {**base, "prohibition": prohibition}


def _record(v: Verdict) -> dict[str, Any]:
    record = {name: getattr(v, name) for name in _FIELDS}
    exp = v.explanation
    record["explanation"] = exp.told if isinstance(exp, Told) else exp.as_dict(v.id)
    return record


def _verdict(record: dict[str, Any]) -> Verdict:
    fields = {name: record[name] for name in _FIELDS}
    return Verdict(**fields, explanation=Told(record["explanation"]))


def kept_rows(memory: Memory | None, windows: Iterable[Window], at: float) -> Block | None:
    """The previous judgment's breach rows, if they were rendered under the same key and
    windows, `at` in their cell."""
    if memory is None or memory.now is None or memory.prior is None:
        return None
    prior, listed = memory.prior, list(windows)
    if prior.key != memory.now.key or prior.windows != listed:
        return None
    if not holds(prior.cell, at):
        return None
    return prior.decoded()
