"""Reading claims from JSON Lines and CSV files, one result per line: a claim or a line error.

A bad line never stops the read; the importer decides what to do with errors (by default it
writes nothing if any line is bad). Problems with the file as a whole (binary, empty, not UTF-8)
raise `InputFileError`, since no line of such a file can be trusted.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal

from truce.domain.claim_checks import Vocabulary
from truce.domain.claims import Claim
from truce.errors import (
    EmptyInputFile,
    InputFileError,
    MalformedLine,
    TruceError,
    UnknownInputFormat,
    UnreadableInputFile,
)
from truce.io import json_text
from truce.io.claim_fields import CSV_COLUMNS, ZoneFor, csv_record, record_to_claim
from truce.io.csv_rows import rows_under_header
from truce.io.errors import LineError
from truce.services.admission import admit

if TYPE_CHECKING:
    from truce.storage.ledger import Ledger

Format = Literal["jsonl", "csv"]
FORMATS: dict[str, Format] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
# Enough of the start of a file to tell text from binary.
SNIFF_BYTES = 8192


@dataclass
class ImportBatch:
    claims: list[Claim] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


def detect_format(path: str | Path, fmt: str | None = None) -> Format:
    if fmt is not None:
        if fmt not in ("jsonl", "csv"):
            raise UnknownInputFormat(f"unknown claims format {fmt!r}", hint="use jsonl or csv")
        return fmt  # type: ignore[return-value]
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UnknownInputFormat(f"cannot tell the format of {path} from its extension")
    return FORMATS[suffix]


def read_claims(
    path: str | Path,
    zone_for: ZoneFor,
    fmt: str | None = None,
    admit: Callable[[Claim], Claim] | None = None,
) -> Iterator[Claim | LineError]:
    """Each line's claim (with its content id) or the error that line has, in file order.

    `admit`, when given, is the agreement's check of each claim (see `truce.services.admission`)."""
    kind = detect_format(path, fmt)
    name = str(path)
    with text_lines(path) as lines:
        records = _jsonl(lines, name) if kind == "jsonl" else _csv(lines, name)
        seen = False
        for lineno, record in records:
            seen = True
            if isinstance(record, LineError):
                yield record
                continue
            try:
                claim = record_to_claim(record, zone_for)
                yield admit(claim) if admit is not None else claim
            except TruceError as exc:
                yield LineError.from_error(name, lineno, exc)
        if not seen:
            raise EmptyInputFile(f"{name} has no claims (only blank lines)")


def load_claims_file(
    path: str | Path, ledger: Ledger, fmt: str | None = None, allow_unknown: bool = False
) -> ImportBatch:
    """Read a claims file, resolving each agreement from the ledger and checking each claim
    against it (`allow_unknown` keeps claims it does not cover, flagged)."""
    zone_for, checked = agreement_checks(ledger, allow_unknown)
    batch = ImportBatch()
    for item in read_claims(path, zone_for, fmt, checked):
        if isinstance(item, LineError):
            batch.errors.append(item)
        else:
            batch.claims.append(item)
    return batch


def agreement_checks(
    ledger: Ledger, allow_unknown: bool = False
) -> tuple[ZoneFor, Callable[[Claim], Claim]]:
    """(the time zone of an agreement, the check of a claim against its agreement), each
    agreement read from the ledger once; an unknown agreement raises its error per claim."""
    known: dict[str, Vocabulary | TruceError] = {}

    def words_for(agreement: str) -> Vocabulary:
        if agreement not in known:
            try:
                known[agreement] = Vocabulary(ledger.agreement(agreement)[0])
            except TruceError as exc:
                known[agreement] = exc
        found = known[agreement]
        if isinstance(found, TruceError):
            raise found
        return found

    def checked(claim: Claim) -> Claim:
        return admit(words_for(claim.agreement), claim, allow_unknown)

    return (lambda a: words_for(a).spec.zone), checked


@contextmanager
def text_lines(path: str | Path) -> Iterator[Iterator[str]]:
    """An input file's lines as text, for a claims file and a field file alike: the file opened,
    refused if it is empty or binary, decoded line by line, and closed however reading ends."""
    name = str(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    except OSError as exc:
        raise InputFileError(f"cannot read {name}: {exc.strerror}") from None
    try:
        check_text(handle, name)
        yield decoded_lines(handle, name)
    finally:
        handle.close()


def check_text(handle: BinaryIO, name: str) -> None:
    head = handle.read(SNIFF_BYTES)
    handle.seek(0)
    if not head.strip():
        raise EmptyInputFile(f"{name} is empty")
    if b"\x00" in head:
        raise UnreadableInputFile(f"{name} looks like a binary file, not JSON Lines or CSV")


def decoded_lines(handle: BinaryIO, name: str) -> Iterator[str]:
    # Decoding line by line pins an encoding error to its line, which a text-mode read cannot.
    for lineno, raw in enumerate(handle, 1):
        if lineno == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnreadableInputFile(
                f"{name}:{lineno}: not UTF-8 text (byte {exc.start + 1} of the line)"
            ) from None


def _jsonl(lines: Iterator[str], name: str) -> Iterator[tuple[int, object]]:
    for lineno, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            yield lineno, json_text.loads(text)
        except ValueError as exc:
            message = f"not valid JSON: {getattr(exc, 'msg', exc)}"
            if hasattr(exc, "colno"):
                message += f" at column {exc.colno}"
            yield lineno, LineError.from_error(name, lineno, MalformedLine(message))


def _csv(lines: Iterator[str], name: str) -> Iterator[tuple[int, object]]:
    reader = csv.reader(lines)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        yield 1, LineError.from_error(name, 1, MalformedLine(f"unreadable CSV header: {exc}"))
        return
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        problem = MalformedLine(
            f"unknown column(s) {', '.join(unknown)}",
            hint="columns are the claim fields (agreement, type, date, ...), `sources` as JSON "
            "or source_outlet/source_url/source_speaker/source_role/source_anonymous/source_via",
        )
        yield 1, LineError.from_error(name, 1, problem)
        return
    rows = rows_under_header(
        reader, len(header), name, count_hint="quote cells that contain commas"
    )
    for start, row in rows:
        if isinstance(row, LineError):
            yield start, row
            continue
        try:
            yield start, csv_record(dict(zip(header, row, strict=True)))
        except TruceError as exc:
            yield start, LineError.from_error(name, start, exc)
