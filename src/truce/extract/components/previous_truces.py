"""Truces told of in the plural as past ones are no event of the report (branch `exprec3`).

Rule `doc.previous_truces`: "several previous ceasefire agreements have been violated",
"unlike previous ceasefires, the agreement reached in Jeddah was signed", "in previous
ceasefire agreements, Israel has promised", "as stipulated in prior peace agreements",
"attempted truces ... have usually collapsed": a candidate whose own words (`span`, after
`own_span`) speak of earlier truces in the plural tells the conflict's history, not an event
of the truce the report is about. The dev FP taxonomy held out by conflict
(`bench/fp_classes.py --taxonomy --held-out`, docs/extraction.md) found five such false
candidates (a breach, an end, two terms, a statement) in four conflicts and no right one; an
earlier truce in the singular ("days after the expiry of a previous humanitarian ceasefire",
"despite an earlier ceasefire") is left alone: the gold codes its end and its breaches when
the report tells them (Myanmar, Kyrgyzstan–Tajikistan).
"""

from __future__ import annotations

import re

from truce.extract.model import Candidate
from truce.extract.switches import on

_PREVIOUS_TRUCES = re.compile(
    r"\b(?:previous|prior|past|earlier|former|attempted|failed)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:cease-?fires|truces|(?:peace\s+|cease-?fire\s+|truce\s+)?(?:agreements|deals|accords))\b",
    re.IGNORECASE,
)


def drop_previous_truces(candidates: list[Candidate], text: str) -> list[Candidate]:
    """The candidates but those whose own words speak of earlier truces in the plural."""
    if not on("doc.previous_truces"):
        return candidates
    return [c for c in candidates if not _PREVIOUS_TRUCES.search(text, c.span[0], c.span[1])]
