"""Rule `doc.fullest_mention`: a merged event is read from its fullest mention.

   Truce begins in Zenda
   A truce between the two armies began in Zenda at 6am on Monday, officials said.

A report prints an event more than once (headline, teaser, standfirst, body) and the merges
(`repeats.merge_repeats`, `statement_turns.merge_turns`) keep every mention in `mentions`. The
evaluation set marks the fullest occurrence (the body copy), and a monitor reads the fields
there too. So once the merges are done, a candidate whose span is a headline-like mention, or
which has a mention telling more of the event's arguments (a figure, a date word, the party or
speaker, the place), takes that mention's span and its reading's fields; the rest stay its
`mentions`. Its own span wins a tie: the merges already prefer the longer body mention.
"""

from __future__ import annotations

import re
from dataclasses import replace

from truce.extract.components.repeats import _CLOSERS, _key  # a headline's line, as there
from truce.extract.model import Candidate, Span

_FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundreds?|thousands?|dozens?|millions?)\b",
    re.IGNORECASE,
)
_DATE_WORD = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|"
    r"tomorrow|january|february|march|april|june|july|august|september|october|november|"
    r"december|midnight|noon|may\s+\d{1,2}|\d{1,2}\s+may|\d{1,2}:\d{2})\b"
    r"|\d(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.|gmt|utc)(?!\w)",  # "may" alone is a verb
    re.IGNORECASE,
)

_WORD = re.compile(r"\w+")


def fullest_mentions(candidates: list[Candidate], text: str, title: str | None) -> None:
    """Move each merged candidate's span to its fullest mention (see the module's doc)."""
    title_key = _key(title) if title else ""
    end = len(text.rstrip())
    for c in candidates:
        readings = {r.span: r for r in c.absorbed if r.span in c.mentions and r.span != c.span}
        if not readings:
            continue
        worth = {s: _worth(c, text, s, title_key, end) for s in [c.span, *readings]}
        best = max(readings, key=lambda span: (worth[span], -span[0]))
        if worth[best] > worth[c.span]:
            _read_from(c, readings[best])


def _worth(c: Candidate, text: str, span: Span, title_key: str, end: int) -> tuple[bool, int, bool]:
    """A mention's worth as `c`'s span: words besides a headline, then the arguments they
    carry, then no headline."""
    headline, rest = _headline(text, span, title_key, end)
    return (bool(rest.strip()), _arguments(c, rest), not headline)


def _headline(text: str, span: Span, title_key: str, end: int) -> tuple[bool, str]:
    """Whether the mention opens with headline lines (the page's title, or lines of their own
    with no closing punctuation, the page's last excepted: a text cut short ends like one), and
    its words after them."""
    said = text[span[0] : span[1]].strip()
    opens = False
    while said:
        first, newline, rest = said.partition("\n")
        titled = bool(title_key) and _key(first).startswith(title_key)
        bare = first.rstrip("\u201c\u2018( ")
        if not titled and (bare.endswith(_CLOSERS) or not (newline or span[1] < end)):
            break
        opens, said = True, rest.strip()
    return opens, said


def _arguments(c: Candidate, said: str) -> int:
    """How many of the event's arguments the mention's words carry: a figure, a date word, the
    party or the speaker, the place (when a kind's rule read one: the document's place rule
    runs after the merges, on the span chosen here)."""
    words = set(_WORD.findall(said.casefold()))
    names = f"{c.source.speaker or ''} {(c.actor or '').replace('-', ' ')}".casefold()
    # Any word of the speaker's or the party's name: "the ministry" names the Ministry of
    # Defence, "he" names nobody.
    named = any(len(w) > 3 and w in words for w in _WORD.findall(names))
    placed = bool(c.location) and str(c.location).casefold() in said.casefold()
    return bool(_FIGURE.search(said)) + bool(_DATE_WORD.search(said)) + named + placed


def _read_from(c: Candidate, reading: Candidate) -> None:
    """`c` takes the reading's span, trigger and fields (its own where the reading has none);
    what it was until now is one of its readings from now on."""
    c.absorbed = [*c.absorbed, replace(c, absorbed=[])]
    c.trigger = reading.trigger
    for name in ("span", "actor", "target", "date", "date_precision", "location", "quote"):
        setattr(c, name, getattr(reading, name) or getattr(c, name))
    c.quantities = reading.quantities or c.quantities
    if reading.source.speaker or reading.source.anonymous:
        c.source = reading.source
    c.modality = reading.modality
