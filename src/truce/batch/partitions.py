"""Corpus discovery: files, folders and globs into a deterministic list of partitions.

A partition is a small, self-describing unit of work: a run of whole files, a byte range of a
JSON Lines file (of its decompressed stream when compressed) or a range of WARC records. The
list depends only on the corpus and the partition size, so a restart finds the same partitions.
Discovery streams through each file once, holding one file's boundaries at a time.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from truce.extract.readers.source import COMPRESSED, open_binary

FILES, JSONL, WARC = "files", "jsonl", "warc"
_GLOB_CHARS = frozenset("*?[")
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


@dataclass(frozen=True)
class FileStamp:
    """What a restart checks to know a file is unchanged."""

    path: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str) -> FileStamp:
        try:
            stat = Path(path).stat()
        except OSError:
            return cls(path, -1, -1)  # missing: the reader reports it, a restart must agree
        return cls(path, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class Partition:
    index: int
    kind: str  # files | jsonl | warc
    files: tuple[FileStamp, ...]
    start: int = 0  # jsonl: offset in the decompressed stream; warc: offset of the first record
    end: int = -1  # exclusive, -1 to the end of the file; jsonl: an offset, warc: a record number
    first: int = 1  # the line or record number of `start`, for document names

    @property
    def paths(self) -> list[str]:
        return [f.path for f in self.files]

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "kind": self.kind,
            "files": [[f.path, f.size, f.mtime_ns] for f in self.files],
            "start": self.start,
            "end": self.end,
            "first": self.first,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Partition:
        files = tuple(FileStamp(str(p), int(s), int(m)) for p, s, m in data["files"])
        return cls(
            int(data["index"]),
            str(data["kind"]),
            files,
            int(data["start"]),
            int(data["end"]),
            int(data["first"]),
        )


def discover(paths: Iterable[str | Path], size: int) -> Iterator[Partition]:
    """The partitions of a corpus, each of at most `size` documents (files, lines or records)."""
    index = 0
    pending: list[FileStamp] = []

    def flush() -> Iterator[Partition]:
        nonlocal index, pending
        if pending:
            yield Partition(index, FILES, tuple(pending))
            index += 1
            pending = []

    for path in expand(paths):
        kind = kind_of(path)
        if kind == FILES:
            pending.append(FileStamp.of(path))
            if len(pending) >= size:
                yield from flush()
            continue
        yield from flush()
        for start, end, first in _ranges(path, kind, size):
            yield Partition(index, kind, (FileStamp.of(path),), start, end, first)
            index += 1
    yield from flush()


def expand(paths: Iterable[str | Path]) -> Iterator[str]:
    """Every file under `paths`, folders walked in sorted order; a path that names nothing is
    kept, so the reader reports it as a bad document."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.is_file() and _is_document(p))
        elif path.exists() or not _GLOB_CHARS & set(str(given)):
            found = [str(path)]
        else:
            matches = sorted(glob.glob(str(given), recursive=True))
            found = [m for m in matches if Path(m).is_file() and _is_document(Path(m))]
            found = found or [str(given)]
        yield from found


def names_nothing(given: str | Path) -> bool:
    """Whether a path given on the command line is neither a file, a folder, nor a glob that
    matches a document."""
    path = Path(given)
    if path.exists():
        return False
    if not _GLOB_CHARS & set(str(given)):
        return True
    matches = glob.glob(str(given), recursive=True)
    return not any(Path(m).is_file() and _is_document(Path(m)) for m in matches)


def _is_document(path: Path) -> bool:
    return not path.name.startswith(".") and not path.name.endswith(".meta.json")


def kind_of(path: str) -> str:
    suffixes = [s.lower() for s in Path(path).suffixes]
    if not suffixes or not Path(path).is_file():
        return FILES
    if suffixes[-1] in COMPRESSED:
        if suffixes[-2:] == [".warc", ".gz"]:
            return WARC  # one gzip member per record: warcio reads it from any record offset
        suffixes = suffixes[:-1] or [""]
    if suffixes[-1] in _JSONL_SUFFIXES:
        return JSONL
    return WARC if suffixes[-1] == ".warc" else FILES


def _ranges(path: str, kind: str, size: int) -> list[tuple[int, int, int]]:
    """One file's ranges; a file that cannot be walked is one range, whose reader reports it."""
    try:
        return list(_jsonl_ranges(path, size) if kind == JSONL else _warc_ranges(path, size))
    except Exception:  # damaged compression or archive: the reader says which and why
        return [(0, -1, 1)]


def _jsonl_ranges(path: str, size: int) -> Iterator[tuple[int, int, int]]:
    """Byte ranges of `size` non-blank lines each, with the number of each range's first line."""
    start = offset = count = 0
    first = number = 1
    with open_binary(Path(path)) as stream:
        for line in stream:
            if count == size and line.strip():
                yield start, offset, first
                start, first, count = offset, number, 0
            count += bool(line.strip())
            offset += len(line)
            number += 1
    yield start, -1, first


def _warc_ranges(path: str, size: int) -> Iterator[tuple[int, int, int]]:
    """Ranges of `size` records each (every record counts, as the reader numbers them)."""
    start, first = 0, 1
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        for number, _ in enumerate(records, start=1):
            if number > first and (number - first) % size == 0:
                offset = records.get_record_offset()
                yield start, number, first
                start, first = offset, number
    yield start, -1, first
