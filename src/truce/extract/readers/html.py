"""HTML pages and fragments to text: the page's main text by trafilatura, its title and date from
its metadata (htmldate, fast search only, on the parsed tree so nothing is ever fetched)."""

from __future__ import annotations

import re
from datetime import date

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.utils import load_html

from truce.extract.guards import EMPTY, NO_MAIN_TEXT
from truce.extract.model import Article
from truce.extract.readers.source import ReadError, Refused, make_article, parse_published

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "pre",
    ]
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def looks_like_html(head: str) -> bool:
    lowered = head[:2048].lower()
    return "<html" in lowered or "<!doctype html" in lowered


def page_to_article(
    html: str,
    document: str,
    *,
    url: str | None = None,
    default_published: date | None = None,
    outlet: str | None = None,
) -> Article | ReadError:
    tree = load_html(html)
    if tree is None:
        return Refused(EMPTY, "the page has no HTML to read").error(document)
    text = trafilatura.extract(html, include_comments=False, favor_precision=True)
    if not text or not text.strip():
        return Refused(NO_MAIN_TEXT, "no article text found in the page").error(document)
    meta = trafilatura.extract_metadata(
        tree, default_url=url, date_config={"extensive_search": False, "original_date": True}
    )
    try:
        published = parse_published(meta.date)
    except Refused:
        published = None  # a page date we cannot read is no worse than none
    return make_article(
        text,
        document,
        url=url or meta.url,
        published=published,
        default_published=default_published,
        outlet=outlet or meta.sitename,
        title=meta.title,
    )


def fragment_to_text(fragment: str) -> str:
    """Readable text from an HTML fragment (a feed summary): one line per block element."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
