"""Readers on real files written here: every good document becomes an Article, every bad one a
ReadError with its code, in input order, and nothing stops the batch."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
from datetime import date
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from truce.extract.model import Article
from truce.extract.readers import ReadError, read_articles

REPORT = (
    "Qatar said on Tuesday that the truce between Israel and Hamas had been extended for two more "
    "days, and that at least 10 hostages would be freed for each additional day of the pause. "
    "The mediators said they were working with both sides to keep the exchange on schedule."
)
FRENCH = (
    "Le cessez-le-feu entre les deux camps est entré en vigueur vendredi matin, a annoncé le "
    "médiateur, qui a salué un premier pas. Les otages doivent être libérés en échange de "
    "prisonniers au cours des quatre jours de trêve, selon un responsable."
)
PAGE = f"""<!DOCTYPE html>
<html><head><title>Truce extended by two days | Meridian Wire</title>
<meta property="og:site_name" content="Meridian Wire"></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Truce extended by two days</h1>
<time datetime="2023-11-28">28 November 2023</time>
<p>{REPORT}</p>
<p>Officials in Doha said the next exchange was expected later in the day, and that lists of the
people to be freed had been passed to both sides.</p></article>
<footer><p>Subscribe to our newsletter. Cookie settings. All rights reserved.</p></footer>
</body></html>"""
RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Gulf Ledger</title>
<item><title>Truce extended</title><link>https://example.org/a</link>
<pubDate>Tue, 28 Nov 2023 09:00:00 GMT</pubDate>
<description>&lt;p&gt;{REPORT}&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://example.org/b</link><description>{REPORT}</description></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Nile Wire</title><id>urn:x</id><updated>2023-11-27T00:00:00Z</updated>
<entry><title>Extension</title><id>urn:1</id><link href="https://example.org/atom/1"/>
<updated>2023-11-27T08:00:00Z</updated>
<content type="html">&lt;p&gt;{REPORT}&lt;/p&gt;</content></entry>
</feed>"""


def names(results: list[Article | ReadError]) -> list[tuple[str, str]]:
    return [(r.document, r.code if isinstance(r, ReadError) else "ok") for r in results]


def write_warc(path: Path) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for uri, content_type, body in [
            ("https://example.org/page", "text/html; charset=utf-8", PAGE.encode()),
            ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], "HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
        writer.write_record(writer.create_warc_record("https://example.org/", "request"))


def test_plain_text_takes_its_metadata_from_the_sidecar(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    meta = {"url": "https://example.org/r", "published": "2023-11-28", "outlet": "Meridian Wire"}
    (tmp_path / "report.meta.json").write_text(json.dumps(meta | {"title": "T"}), "utf-8")
    [article] = read_articles([tmp_path])
    assert isinstance(article, Article)
    assert (article.document, article.text, article.published) == (
        "report.txt",
        REPORT,
        date(2023, 11, 28),
    )
    assert (article.url, article.outlet, article.title) == (meta["url"], "Meridian Wire", "T")


def test_the_given_date_is_used_only_when_the_document_has_none(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.meta.json").write_text('{"published": "2023-11-24"}', encoding="utf-8")
    found = list(read_articles([tmp_path], published=date(2023, 11, 28)))
    assert [a.published for a in found if isinstance(a, Article)] == [
        date(2023, 11, 28),
        date(2023, 11, 24),
    ]


def test_html_keeps_the_article_and_drops_the_navigation(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [article] = read_articles([tmp_path / "page.html"])
    assert isinstance(article, Article)
    assert "at least 10 hostages" in article.text
    assert "Sport" not in article.text and "newsletter" not in article.text
    assert article.published == date(2023, 11, 28)
    assert article.title is not None and "Truce extended" in article.title


def test_feeds_give_one_article_per_entry(tmp_path: Path) -> None:
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "news.xml").write_text(ATOM, encoding="utf-8")
    found = list(read_articles([tmp_path / "news.rss", tmp_path / "news.xml"]))
    assert names(found) == [
        ("https://example.org/a", "ok"),
        ("https://example.org/b", "ok"),
        ("https://example.org/atom/1", "ok"),
    ]
    first, second, atom = found
    assert isinstance(first, Article) and isinstance(atom, Article) and isinstance(second, Article)
    assert first.text == REPORT and "<p>" not in first.text
    assert (first.published, first.outlet, first.title) == (
        date(2023, 11, 28),
        "Gulf Ledger",
        "Truce extended",
    )
    assert second.published is None
    assert (atom.published, atom.outlet) == (date(2023, 11, 27), "Nile Wire")


def test_json_lines_report_a_bad_line_and_go_on(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": REPORT, "published": "2023-11-28T10:00:00Z", "outlet": "X"}),
        "{not json",
        json.dumps({"html": PAGE, "url": "https://example.org/p"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"url": "https://example.org/none"}),
        json.dumps({"text": REPORT, "published": "the day after"}),
        json.dumps({"text": FRENCH}),
    ]
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines), encoding="utf-8")
    found = list(read_articles([tmp_path / "corpus.jsonl"]))
    assert names(found) == [
        ("corpus.jsonl#1", "ok"),
        ("corpus.jsonl#2", "X107"),
        ("https://example.org/p", "ok"),
        ("corpus.jsonl#5", "X107"),
        ("corpus.jsonl#6", "X107"),
        ("corpus.jsonl#7", "X110"),
        ("corpus.jsonl#8", "X104"),
    ]
    assert isinstance(found[0], Article) and found[0].published == date(2023, 11, 28)
    assert isinstance(found[2], Article) and "at least 10 hostages" in found[2].text


def test_warc_response_records_with_html_become_articles(tmp_path: Path) -> None:
    for name in ("crawl.warc", "crawl.warc.gz"):
        write_warc(tmp_path / name)
        found = list(read_articles([tmp_path / name]))
        assert names(found) == [("https://example.org/page", "ok")]
        assert isinstance(found[0], Article) and found[0].url == "https://example.org/page"
        assert found[0].published == date(2023, 11, 28)


def test_compressed_inputs_are_read_by_suffix(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(REPORT.encode()))
    (tmp_path / "b.jsonl.bz2").write_bytes(bz2.compress(json.dumps({"text": REPORT}).encode()))
    (tmp_path / "c.txt.gz").write_bytes(b"\x1f\x8b not really gzip")
    found = list(
        read_articles([tmp_path / "a.txt.gz", tmp_path / "b.jsonl.bz2", tmp_path / "c.txt.gz"])
    )
    assert names(found) == [("a.txt.gz", "ok"), ("b.jsonl.bz2#1", "ok"), ("c.txt.gz", "X109")]


def test_xz_inputs_are_read_and_a_damaged_one_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.xz").write_bytes(lzma.compress(json.dumps({"text": REPORT}).encode()))
    (tmp_path / "b.txt.xz").write_bytes(b"\xfd7zXZ\x00 not really xz")
    found = list(read_articles([tmp_path / "a.jsonl.xz", tmp_path / "b.txt.xz"]))
    assert names(found) == [("a.jsonl.xz#1", "ok"), ("b.txt.xz", "X109")]


def test_text_in_older_encodings_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + REPORT.encode())
    (tmp_path / "cp1252.txt").write_bytes(
        REPORT.replace("Qatar", "\u201cQatar\u201d").encode("cp1252")
    )
    (tmp_path / "utf16.txt").write_bytes(REPORT.encode("utf-16"))
    found = list(read_articles([tmp_path]))
    assert names(found) == [("bom.txt", "ok"), ("cp1252.txt", "ok"), ("utf16.txt", "ok")]
    assert [a.text[:7] for a in found if isinstance(a, Article)] == [
        "Qatar s",
        "\u201cQatar\u201d",
        "Qatar s",
    ]


def test_a_mixed_batch_keeps_going_and_keeps_its_order(tmp_path: Path) -> None:
    files = {
        "1-good.txt": REPORT.encode(),
        "2-binary.txt": bytes(range(256)) * 8,
        "3-empty.txt": b"",
        "4-huge.txt": (REPORT + "\n").encode() * (6_000_000 // len(REPORT)),
        "5-french.txt": FRENCH.encode(),
        "6-undecodable.txt": b"caf\x81 \x8d\x8f\x90\x9d",
        "7-no-extension": PAGE.encode(),
        "8-broken.rss": b"<rss><channel><title>x</title>",
        "9-good.txt": REPORT.encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    found = list(read_articles([tmp_path, tmp_path / "missing.txt", str(tmp_path / "*.nothing")]))
    assert names(found) == [
        ("1-good.txt", "ok"),
        ("2-binary.txt", "X102"),
        ("3-empty.txt", "X103"),
        ("4-huge.txt", "X105"),
        ("5-french.txt", "X104"),
        ("6-undecodable.txt", "X106"),
        ("7-no-extension", "ok"),
        ("8-broken.rss", "X108"),
        ("9-good.txt", "ok"),
        (str(tmp_path / "missing.txt"), "X101"),
        (str(tmp_path / "*.nothing"), "X101"),
    ]
    assert all(e.message and e.hint for e in found if isinstance(e, ReadError))


def test_globs_expand_and_sidecars_are_not_documents(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "sub" / "x.meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / "y.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "y.meta.json").write_text("[not an object]", encoding="utf-8")
    found = list(read_articles([str(tmp_path / "**" / "*.txt")]))
    assert names(found) == [("x.txt", "ok"), ("y.txt", "X110")]
