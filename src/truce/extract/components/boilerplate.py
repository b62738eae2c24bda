"""Reader boilerplate: share bars, "Read more" links, comment prompts, cookie notices, credits.

Nothing is removed from the text (offsets must keep pointing into the original); the component
marks the lines to ignore and where the article body ends.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.model import Span
from truce.extract.pipeline import annotate, doc_text

_COOKIES = r"\bcookies?\b.*\b(accept|policy|consent|settings)\b"
_LINE_PATTERNS = [
    # Share bars: short items separated by pipes or bullets.
    r"^(share|tweet|email|print|whatsapp|facebook|linkedin|telegram)\b.*[|•·].*$",
    r"^(read more|related|see also|also read|recommended|more on this|watch)\s*[:\-–—]",
    r"^(no comments|post a comment|leave a (comment|reply)|\d+\s+comments?|comments?)\s*:?\s*$",
    r"^(subscribe|sign up|follow us|all rights reserved|copyright|©)",
    r"^\(?(reporting|writing|editing|additional reporting) by\b",
    _COOKIES,
    r"^(advertisement|sponsored|click here|tags?:)",
]
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _LINE_PATTERNS), re.IGNORECASE)
# What `_BOILERPLATE.search` finds, in two parts: the patterns anchored at the line's start,
# tried there only, and the cookie notice, looked for only in a line with "cook" in it.
_AT_START = re.compile("|".join(f"(?:{p})" for p in _LINE_PATTERNS if p != _COOKIES), re.IGNORECASE)
_COOKIE_NOTICE = re.compile(_COOKIES, re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    """Whether `_BOILERPLATE.search(line)` finds anything (`line` holds no line break: each
    pattern but the cookie notice's matches at its start only)."""
    if _AT_START.match(line) is not None:
        return True
    return "cook" in line.lower() and _COOKIE_NOTICE.search(line) is not None


_LINE = re.compile(r"[^\n]+")
MAX_LINE = 300


def find_boilerplate(text: str) -> tuple[list[Span], int]:
    """The boilerplate lines, and where the body ends (before a trailing run of them)."""
    lines = [(m.start(), m.end(), m.group().strip()) for m in _LINE.finditer(text)]
    spans: list[Span] = []
    flags: list[bool] = []
    for start, end, line in lines:
        # Boilerplate lines are short; a paragraph of prose never is.
        hit = bool(line) and len(line) < MAX_LINE and is_boilerplate(line)
        flags.append(hit)
        if hit:
            spans.append((start, end))
    body_end = len(text)
    for (start, _end, line), hit in zip(reversed(lines), reversed(flags), strict=True):
        if hit or not line:
            body_end = start
        else:
            break
    return spans, body_end


@Language.component("truce_boilerplate_v1", assigns=["doc._.body_end", "doc._.boilerplate"])
def boilerplate_component(doc: Doc) -> Doc:
    spans, body_end = find_boilerplate(doc_text(doc))
    annotate(doc, "boilerplate", spans)
    annotate(doc, "body_end", body_end)
    return doc
