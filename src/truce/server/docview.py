"""A source report with the spans each candidate or claim was read from marked in place.

The text is cut into pieces at every span's start and end, so overlapping spans need no nesting:
each piece knows which spans cover it (`marks`), which begin there (`starts`, the anchors a
candidate or claim links back to) and which end there (`ends`, where each span's own numbered
link sits). A long report is shown a page of `PAGE_CHARS` characters at a time; a span that
crosses a page's edge is marked on both pages. The template escapes every piece: a report's
HTML is text here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from truce.errors import TruceError

PAGE_CHARS = 20_000


class UnknownDocument(TruceError):
    code = "A460"
    default_hint = "pick a document from the agreement's list at /agreements/{agreement}/documents"


@dataclass(frozen=True)
class Span:
    key: str  # "c1", "k2": unique on the page, the anchor `at-{key}`
    number: int  # what the reader sees: [1], [2]...
    start: int
    end: int


@dataclass
class Piece:
    text: str
    marks: list[int] = field(default_factory=list)  # numbers of the spans covering this piece
    starts: list[str] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)


def spans_of(given: Any, chars: int) -> list[tuple[int, int]]:
    """The well-formed (start, end) pairs in `given` that lie inside a text of `chars`
    characters; anything else (a hand-edited payload, an older shape) is left out."""
    found = []
    for pair in given if isinstance(given, list) else []:
        if (
            isinstance(pair, list | tuple)
            and len(pair) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in pair)
            and 0 <= pair[0] < pair[1] <= chars
        ):
            found.append((pair[0], pair[1]))
    return sorted(set(found))


def page_count(chars: int) -> int:
    return max(1, -(-chars // PAGE_CHARS))


def page_of(offset: int) -> int:
    return offset // PAGE_CHARS + 1


def pieces(text: str, spans: list[Span], page: int) -> list[Piece]:
    """The page's text cut at every boundary of the spans that touch it."""
    low = (page - 1) * PAGE_CHARS
    high = min(len(text), low + PAGE_CHARS)
    shown = [s for s in spans if s.start < high and s.end > low]
    cuts = sorted({low, high} | {min(max(p, low), high) for s in shown for p in (s.start, s.end)})
    out = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        out.append(Piece(text[left:right],
                         marks=[s.number for s in shown if s.start <= left and s.end >= right],
                         starts=[s.key for s in shown if s.start == left],
                         ends=[s.number for s in shown if s.end == right]))  # fmt: skip
    return out


def document_link(agreement: str, digest: str, span: Any, key: str | None = None) -> str | None:
    """Where a candidate's or claim's span is in its document's view; None without a span."""
    pairs = spans_of([span], 1 << 62)
    if not pairs:
        return None
    page = page_of(pairs[0][0])
    link = f"/agreements/{quote(agreement, safe='')}/documents/{quote(digest, safe='')}"
    return link + (f"?page={page}" if page > 1 else "") + (f"#at-{key}" if key else "")
