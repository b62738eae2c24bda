"""Discovery and range reading on real files: every document is read exactly once, under the
name `truce extract` gives it, however the corpus is cut into partitions."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from truce.batch.partitions import discover
from truce.batch.ranges import read_partition
from truce.extract.readers import read_articles

STORY = "Hamas freed {n} hostages on Friday, the Israeli military said, under the truce deal."


def write_warc(path: Path, count: int) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for n in range(count):
            html = (
                f"<html><head><title>Story {n}</title></head><body><article><p>"
                f"{STORY.format(n=n)} {STORY.format(n=n + 1)}</p></article></body></html>"
            )
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://example.org/{n}",
                "response",
                payload=io.BytesIO(html.encode()),
                http_headers=headers,
            )
            writer.write_record(record)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = [json.dumps({"text": STORY.format(n=n)}) for n in range(11)]
    raw = ("\n".join(lines[:4]) + "\n\n" + "\n".join(lines[4:]) + "\n").encode()
    (folder / "a.jsonl").write_bytes(raw)
    (folder / "b.jsonl.gz").write_bytes(gzip.compress(raw))
    (folder / "c.ndjson.bz2").write_bytes(bz2.compress(raw))
    (folder / "d.jsonl.xz").write_bytes(lzma.compress(raw))
    write_warc(folder / "e.warc", 7)
    write_warc(folder / "f.warc.gz", 7)
    for n in range(5):
        (folder / f"g{n}.txt").write_text(STORY.format(n=n))
    (folder / "g0.meta.json").write_text('{"published": "2023-11-24"}')
    return folder


def names(items: object) -> list[tuple[str, str]]:
    return [(i.document, getattr(i, "code", "ok")) for i in items]  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_every_document_is_read_once_with_its_usual_name(corpus: Path, size: int) -> None:
    whole = names(read_articles([corpus]))
    partitions = list(discover([corpus], size))
    assert [p.index for p in partitions] == list(range(len(partitions)))
    by_parts = names(item for p in partitions for _, item in read_partition(p, None))
    assert sorted(by_parts) == sorted(whole) and len(whole) == 4 * 11 + 2 * 7 + 5
    assert all(code == "ok" for _, code in whole)
    if size < 100:
        assert sum(1 for p in partitions if p.paths == [str(corpus / "b.jsonl.gz")]) > 1


def test_discovery_is_the_same_every_time_and_follows_the_partition_size(corpus: Path) -> None:
    first = [p.as_dict() for p in discover([corpus], 3)]
    assert first == [p.as_dict() for p in discover([corpus], 3)]
    for partition in discover([corpus], 3):
        assert len(list(read_partition(partition, None))) <= 3


def test_a_damaged_compressed_file_is_one_reported_document(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl.gz").write_bytes(b"\x1f\x8b not gzip at all")
    (tmp_path / "missing.txt").unlink(missing_ok=True)
    partitions = list(discover([tmp_path / "bad.jsonl.gz", tmp_path / "missing.txt"], 10))
    found = names(item for p in partitions for _, item in read_partition(p, None))
    assert [code for _, code in found] == ["X109", "X101"]
