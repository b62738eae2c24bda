"""Reading one partition's documents, in order, as Articles or ReadErrors, with the same names
and codes `truce extract` gives them (a line is `FILE#N`, a WARC record its URL or `FILE#N`)."""

from __future__ import annotations

import lzma
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO

from warcio.archiveiterator import ArchiveIterator

from truce.batch.partitions import FILES, JSONL, Partition
from truce.extract.guards import CORRUPT_ARCHIVE, HINTS, UNREADABLE
from truce.extract.model import Article
from truce.extract.readers import ReadError, read_articles
from truce.extract.readers.formats import jsonl_line, warc_record
from truce.extract.readers.source import COMPRESSED, open_binary

Item = Article | ReadError
_CHUNK = 1 << 20


def read_partition(partition: Partition, published: date | None) -> Iterator[tuple[str, Item]]:
    """Each document of the partition with the path of the file it came from."""
    if partition.kind == FILES:
        for name in partition.paths:
            yield from ((name, item) for item in read_articles([name], published))
        return
    name = partition.paths[0]
    for item in _range(Path(name), partition, published):
        yield name, item


def _range(path: Path, partition: Partition, published: date | None) -> Iterator[Item]:
    try:
        if partition.kind == JSONL:
            yield from _jsonl(path, partition, published)
        else:
            yield from _warc(path, partition, published)
    except (EOFError, zlib.error, lzma.LZMAError, OSError) as exc:
        code = CORRUPT_ARCHIVE if path.suffix.lower() in COMPRESSED else UNREADABLE
        yield _damaged(path, partition, code, exc)
    except Exception as exc:  # a parser's surprise ends this range, never the batch
        yield _damaged(path, partition, CORRUPT_ARCHIVE, exc)


def _damaged(path: Path, partition: Partition, code: str, exc: Exception) -> ReadError:
    where = f"{path.name}@{partition.start}"
    return ReadError(where, code, f"cannot read the file from here on: {exc}", HINTS[code])


def _jsonl(path: Path, partition: Partition, published: date | None) -> Iterator[Item]:
    with open_binary(path) as stream:
        _skip(stream, partition.start, compressed=path.suffix.lower() in COMPRESSED)
        offset, number = partition.start, partition.first
        for raw in stream:
            if partition.end >= 0 and offset >= partition.end:
                return
            if raw.strip():
                yield jsonl_line(raw, f"{path.name}#{number}", published)
            offset += len(raw)
            number += 1


def _skip(stream: IO[bytes], count: int, *, compressed: bool) -> None:
    """Move `count` bytes into the stream: a seek on a plain file; a compressed one is read
    through, since it can only be decompressed from its start."""
    if not compressed:
        stream.seek(count)
        return
    while count > 0:
        got = len(stream.read(min(count, _CHUNK)))
        if got == 0:
            raise EOFError("the file is shorter than when the corpus was discovered")
        count -= got


def _warc(path: Path, partition: Partition, published: date | None) -> Iterator[Item]:
    with path.open("rb") as stream:
        stream.seek(partition.start)
        records = ArchiveIterator(stream)
        for number, record in enumerate(records, start=partition.first):
            if partition.end >= 0 and number >= partition.end:
                return
            found = warc_record(record, f"{path.name}#{number}", published)
            if found is not None:
                yield found
