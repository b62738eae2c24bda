"""A party denying the allegations of a breach is a breach told as denied (branch `exprec3`).

Rule `breach.denied_allegation`: "Ukraine, however, has denied these allegations", "the
Defense Ministry denied this information, calling it a provocation", told after a breach in the
report, is what the gold codes as a `breach` of modality `denied` with the denier as its actor
(eval/real's dev gold: every denial of a breach is one, none is a statement), where the
statement rules read a speaker's denial as a `statement` of modality `denied`. The dev FP
taxonomy held out by conflict (`bench/fp_classes.py --taxonomy --held-out`) found 6 denied
statements wrong and 2 right; the denials of a charge that is no breach ("a charge that
Islamabad has denied" of backing an attack, "a claim the UAE denies" of supplying weapons)
stay statements, since their object is not an allegation, accusation or report told before.
"""

from __future__ import annotations

import re

from truce.extract.model import Candidate
from truce.extract.switches import on

# "denied these allegations", "denies the accusations", "denied this information",
# "rejected the claims", "denied the reports".
_DENIED_ALLEGATION = re.compile(
    r"\b(?:den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?)\s+(?:these|those|the|this|that|"
    r"such|all)\s+(?:\w+\s+)?(?:allegations?|accusations?|information|claims?|reports?)\b",
    re.IGNORECASE,
)


def denied_breaches(candidates: list[Candidate], text: str) -> list[Candidate]:
    """The candidates with each denial of a breach alleged before it told as that breach,
    denied by the party denying it."""
    if not on("breach.denied_allegation"):
        return candidates
    alleged = False
    for c in candidates:  # in the order of the text
        if c.type == "breach" and c.modality == "occurred":
            alleged = True
        elif (
            alleged
            and c.type == "statement"
            and c.modality == "denied"
            and _DENIED_ALLEGATION.search(text, c.span[0], c.span[1])
        ):
            c.type = "breach"
    return candidates
