"""Readers: files, directories and globs in; `Article`s (or a `ReadError` per bad document) out.

| input                               | how                                         | Article per |
|-------------------------------------|---------------------------------------------|-------------|
| .txt (+ NAME.meta.json beside it)   | decoded text; url, published... from meta   | file        |
| .html, .htm, sniffed `<html`        | trafilatura main text, page title and date  | file        |
| .rss, .atom, .xml sniffed as a feed | feedparser; summaries made plain text       | entry       |
| .jsonl, .ndjson                     | {"text" or "html", "url", "published", ...} | line        |
| .warc, .warc.gz                     | warcio; `response` records holding HTML     | record      |
| any of these + .gz, .bz2 or .xz     | decompressed by suffix                      |             |

Nothing is fetched from the network. Documents come out in input order; a bad document never
stops the batch. `published` is the date for documents that carry none of their own.
"""

from __future__ import annotations

import glob
import lzma
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from truce.extract.guards import CORRUPT_ARCHIVE, HINTS, UNREADABLE
from truce.extract.model import Article
from truce.extract.readers.formats import (
    Result,
    read_feed,
    read_html_file,
    read_jsonl,
    read_text_file,
    read_warc,
)
from truce.extract.readers.html import looks_like_html
from truce.extract.readers.source import COMPRESSED, ReadError, Refused, open_binary

__all__ = ["ReadError", "read_articles"]

Reader = Callable[[Path, date | None], Result]

_BY_SUFFIX: dict[str, Reader] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".xhtml": read_html_file,
    ".rss": read_feed,
    ".atom": read_feed,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".warc": read_warc,
}
_GLOB_CHARS = frozenset("*?[")


def read_articles(
    paths: Iterable[str | Path], published: date | None = None
) -> Iterator[Article | ReadError]:
    """Every document under `paths`, in order, as an Article or as the ReadError that explains
    why it could not be read."""
    for given in paths:
        files = _expand(given)
        if not files:
            yield ReadError(str(given), UNREADABLE, "no such file", HINTS[UNREADABLE])
        for path in files:
            yield from _read_file(path, published)


def _expand(given: str | Path) -> list[Path]:
    path = Path(given)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and _is_document(p))
    if path.exists() or not _GLOB_CHARS & set(str(given)):
        return [path] if path.exists() else []
    matches = (Path(m) for m in sorted(glob.glob(str(given), recursive=True)))
    return [p for p in matches if p.is_file() and _is_document(p)]


def _is_document(path: Path) -> bool:
    # Sidecars describe a document; they are not documents themselves.
    return not path.name.startswith(".") and not path.name.endswith(".meta.json")


def _read_file(path: Path, published: date | None) -> Iterator[Article | ReadError]:
    compressed = path.suffix.lower() in COMPRESSED
    try:
        yield from _reader_for(path)(path, published)
    except Refused as refused:
        yield refused.error(path.name)
    except (EOFError, zlib.error, lzma.LZMAError, OSError) as exc:
        code = CORRUPT_ARCHIVE if compressed and path.is_file() else UNREADABLE
        yield ReadError(path.name, code, f"cannot read the file: {exc}", HINTS[code])
    except Exception as exc:  # a parser's surprise on one file must not stop a corpus
        yield ReadError(path.name, UNREADABLE, f"cannot read the file: {exc!r}", HINTS[UNREADABLE])


def _reader_for(path: Path) -> Reader:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-2:] == [".warc", ".gz"]:
        return read_warc
    inner = suffixes[-2] if len(suffixes) > 1 and suffixes[-1] in COMPRESSED else path.suffix
    reader = _BY_SUFFIX.get(inner.lower())
    return reader if reader is not None else _sniff(path)


def _sniff(path: Path) -> Reader:
    with open_binary(path) as stream:
        head = stream.read(4096)
    if head.startswith(b"WARC/"):
        return read_warc
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n").lower()
    if "<rss" in text or "<feed" in text or "<rdf:rdf" in text:
        return read_feed
    if looks_like_html(text):
        return read_html_file
    return read_text_file
