"""What every reader shares: the error it yields, decoding bytes, dates, and building an Article."""

from __future__ import annotations

import bz2
import email.utils
import gzip
import lzma
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, cast

from truce.extract.guards import (
    BAD_METADATA,
    BINARY,
    ENORMOUS,
    HINTS,
    MAX_TEXT_CHARS,
    UNDECODABLE,
    check_text,
)
from truce.extract.model import Article

# UTF-8 takes up to four bytes a character and markup wraps the text, so a raw document larger
# than this cannot hold an acceptable text; stop reading rather than load it whole.
MAX_RAW_BYTES = 4 * MAX_TEXT_CHARS

COMPRESSED = frozenset({".gz", ".bz2", ".xz"})


@dataclass(frozen=True)
class ReadError:
    """One document that could not be read; the batch goes on without it."""

    document: str
    code: str
    message: str
    hint: str

    def render(self) -> str:
        return f"{self.document}: [{self.code}] {self.message} — {self.hint}"

    def as_dict(self) -> dict[str, str]:
        return {
            "document": self.document,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class Refused(Exception):
    """Raised inside a reader for a problem that ends one document (or one whole file)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def error(self, document: str) -> ReadError:
        return ReadError(document, self.code, self.message, HINTS[self.code])


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when its suffix says it is compressed."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return cast(IO[bytes], gzip.open(path, "rb"))
    if suffix == ".bz2":
        return cast(IO[bytes], bz2.open(path, "rb"))
    if suffix == ".xz":
        return cast(IO[bytes], lzma.open(path, "rb"))
    return path.open("rb")


def read_limited(stream: IO[bytes]) -> bytes:
    data = stream.read(MAX_RAW_BYTES + 1)
    if len(data) > MAX_RAW_BYTES:
        raise Refused(ENORMOUS, f"the document is larger than {MAX_RAW_BYTES:,} bytes")
    return data


def decode(data: bytes, declared: str | None = None) -> str:
    """Text from bytes: the declared charset, then UTF-8 (with or without BOM), then cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 is full of NUL bytes; recognise it by its BOM before calling it binary.
        declared = "utf-16"
    elif b"\x00" in data[:65536]:
        raise Refused(BINARY, "the file holds NUL bytes: it is binary, not text")
    for encoding in (declared, "utf-8-sig", "cp1252"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise Refused(UNDECODABLE, "the bytes are neither UTF-8 nor Windows-1252 text")


def parse_published(value: object) -> date | None:
    """A publication date from ISO 8601 (date or datetime) or RFC 2822, as feeds write them."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
        try:
            return email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError):
            pass
    raise Refused(BAD_METADATA, f"published date {value!r} is not understood")


def optional_str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def make_article(
    text: str,
    document: str,
    *,
    url: str | None = None,
    published: date | None = None,
    default_published: date | None = None,
    outlet: str | None = None,
    title: str | None = None,
) -> Article | ReadError:
    """An Article, or the ReadError saying why this text cannot be one."""
    problem = check_text(text)
    if problem is not None:
        return ReadError(document, problem.code, problem.message, problem.hint)
    return Article(
        text=text,
        document=document,
        url=url,
        published=published or default_published,
        outlet=outlet,
        title=title,
    )
