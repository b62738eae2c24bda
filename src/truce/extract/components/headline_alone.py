"""A headline is no event of its own: the body tells what a monitor records.

Rule `doc.headline_alone`: a page's headlines, kickers, section headings and related-story
headlines ("Port city truce holds as talks open", "Envoys weigh a second phase") stand on a line
of their own with no closing mark. When the body retells the event, `repeats.py` merges the
headline into the body's mention; what is left of a headline after that merge is a second
headline with other words or counts ("Rebels free dozens" above "The rebels freed 31 captives"),
a heading, or another story's headline, and it is dropped.

Not a headline: a line that ends on a dash or an open word ("must align with last", a paragraph
wrapped at a fixed width), one followed by a line that goes on in lower case, and the text's last
line (a page cut short ends like one).
"""

from __future__ import annotations

import re

from truce.extract.components.headline_lines import heading_like
from truce.extract.model import Candidate
from truce.extract.switches import on

_NEXT_LINE = re.compile(r"\S")


def is_headline(text: str, span: tuple[int, int]) -> bool:
    """Whether the sentence at `span` is a headline's line (see the module's rules)."""
    raw = text[span[0] : span[1]]
    line = raw.strip()
    end = span[0] + len(raw.rstrip())  # a sentence may hold the line break after it
    if "\n" in line or len(line.split()) < 2 or not heading_like(line):
        return False
    after = text.find("\n", end)
    if after < 0 or text[end:after].strip():
        return False  # the text's last line, or a line that goes on after the sentence
    following = _NEXT_LINE.search(text, after)
    if following is None:
        return False
    first = text[following.start()]
    return first.isupper() or first.isdigit() or first in "\"“‘'"


def drop_lone_headlines(candidates: list[Candidate], text: str) -> list[Candidate]:
    """The candidates but those read from a headline's line alone (their sentence spans)."""
    if not on("doc.headline_alone"):
        return candidates
    return [c for c in candidates if c.mentions or not is_headline(text, c.span)]
