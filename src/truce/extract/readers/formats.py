"""One reader per input format. Each yields Articles and ReadErrors for one file, in file order;
a problem with one entry is that entry's error, a problem with the whole file is raised as
`Refused` and reported once by the caller."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from truce.extract.guards import (
    BAD_METADATA,
    CORRUPT_ARCHIVE,
    ENORMOUS,
    MALFORMED_FEED,
    MALFORMED_LINE,
)
from truce.extract.model import Article
from truce.extract.readers.source import (
    MAX_RAW_BYTES,
    ReadError,
    Refused,
    decode,
    make_article,
    open_binary,
    optional_str,
    parse_published,
    read_limited,
)
from truce.io import json_text

Result = Iterator[Article | ReadError]


def sidecar_meta(path: Path) -> dict[str, Any]:
    """NAME.meta.json beside NAME.txt (as in eval/gold/documents), or nothing."""
    name = path.name
    for suffix in (".gz", ".bz2", ".xz", ".txt"):
        name = name.removesuffix(suffix)
    meta_path = path.with_name(name + ".meta.json")
    if not meta_path.is_file():
        return {}
    try:
        meta = json_text.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Refused(BAD_METADATA, f"{meta_path.name} is not readable JSON: {exc}") from exc
    if not isinstance(meta, dict):
        raise Refused(BAD_METADATA, f"{meta_path.name} is not a JSON object")
    return meta


def page_to_article(
    html: str,
    document: str,
    *,
    url: str | None = None,
    default_published: date | None = None,
    outlet: str | None = None,
) -> Article | ReadError:
    """`readers.html.page_to_article`, its module (lxml, trafilatura) loaded by the first page:
    a run over plain text never loads it."""
    from truce.extract.readers.html import page_to_article as read

    return read(html, document, url=url, default_published=default_published, outlet=outlet)


def read_text_file(path: Path, default_published: date | None) -> Result:
    meta = sidecar_meta(path)
    with open_binary(path) as stream:
        text = decode(read_limited(stream))
    yield make_article(
        text,
        path.name,
        url=optional_str(meta.get("url")),
        published=parse_published(meta.get("published")),
        default_published=default_published,
        outlet=optional_str(meta.get("outlet")),
        title=optional_str(meta.get("title")),
    )


def read_html_file(path: Path, default_published: date | None) -> Result:
    with open_binary(path) as stream:
        html = decode(read_limited(stream))
    yield page_to_article(html, path.name, default_published=default_published)


def read_jsonl(path: Path, default_published: date | None) -> Result:
    with open_binary(path) as stream:
        for number, raw in enumerate(stream, start=1):
            document = f"{path.name}#{number}"
            if raw.strip():
                yield jsonl_line(raw, document, default_published)


def jsonl_line(raw: bytes, document: str, default_published: date | None) -> Article | ReadError:
    """One JSON Lines record; public so a reader of a byte range (truce batch) reads it alike."""
    try:
        return _jsonl_record(raw, document, default_published)
    except Refused as refused:
        return refused.error(document)


def _jsonl_record(raw: bytes, document: str, default_published: date | None) -> Article | ReadError:
    if len(raw) > MAX_RAW_BYTES:
        raise Refused(ENORMOUS, f"the line is larger than {MAX_RAW_BYTES:,} bytes")
    try:
        record = json_text.loads(decode(raw))
    except json.JSONDecodeError as exc:
        raise Refused(MALFORMED_LINE, f"not JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(record, dict):
        raise Refused(MALFORMED_LINE, f"a JSON {type(record).__name__}, not an object")
    url = optional_str(record.get("url"))
    published = parse_published(record.get("published"))
    outlet = optional_str(record.get("outlet"))
    name = url or document
    if isinstance(record.get("text"), str):
        return make_article(
            record["text"],
            name,
            url=url,
            published=published,
            default_published=default_published,
            outlet=outlet,
            title=optional_str(record.get("title")),
        )
    if isinstance(record.get("html"), str):
        return page_to_article(
            record["html"],
            name,
            url=url,
            default_published=published or default_published,
            outlet=outlet,
        )
    raise Refused(MALFORMED_LINE, 'the object has no "text" or "html" string')


def read_feed(path: Path, default_published: date | None) -> Result:
    with open_binary(path) as stream:
        data = read_limited(stream)
    import feedparser  # here: a plain-text run never loads the feed, WARC and HTML readers

    from truce.extract.readers.html import fragment_to_text

    # A stream, never a string: feedparser fetches any string that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        reason = parsed.get("bozo_exception") or "no entries"
        raise Refused(MALFORMED_FEED, f"not an RSS or Atom feed with entries ({reason})")
    outlet = optional_str(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        document = optional_str(entry.get("link")) or f"{path.name}#{number}"
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else entry.get("summary", "")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        yield make_article(
            fragment_to_text(body or ""),
            document,
            url=optional_str(entry.get("link")),
            published=published,
            default_published=default_published,
            outlet=outlet,
            title=optional_str(entry.get("title")),
        )


def read_warc(path: Path, default_published: date | None) -> Result:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    # warcio undoes the per-record gzip of .warc.gz itself, so the raw bytes go in.
    with path.open("rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                found = warc_record(record, f"{path.name}#{number}", default_published)
                if found is not None:
                    yield found
        except ArchiveLoadFailed as exc:
            raise Refused(CORRUPT_ARCHIVE, f"not a readable WARC file: {exc}") from exc


def warc_record(
    record: Any, fallback_name: str, default_published: date | None
) -> Article | ReadError | None:
    """One WARC record's article, None for a record that holds no HTML response; public so a
    reader of a range of records (truce batch) reads them alike."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    url = optional_str(record.rec_headers.get_header("WARC-Target-URI"))
    document = url or fallback_name
    try:
        payload = read_limited(record.content_stream())
        html = decode(payload, _charset(content_type))
    except Refused as refused:
        return refused.error(document)
    return page_to_article(html, document, url=url, default_published=default_published)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None
