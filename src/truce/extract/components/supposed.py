"""A breach told only as supposed is no event (branch `exprec2`).

Rule `breach.supposed_modality`: a breach in a sentence told as planned or conditional ("any
attempt to leave the town after midnight would be viewed as a violation of the truce", "forces
will reserve their right to respond once the other side has breached the agreement", "if you
do, it is a major violation") is a threat or a supposition. The gold codes no breach of either
modality (dev: 149 occurred, 11 denied, none planned or conditional), while the rules gave 8
such breaches, all wrong, in 7 conflicts.

(A meeting told as conditional, "will meet in Cairo if the truce holds", was tried the same
way and left out: cross-validated by conflict it raised one fold by 0.001 and the pool by
nothing.)

The sentence's modality is `components/modality.py`'s; the breach rules' own guards
(`sentence_view.hypothetical`, `breach.supposed`) look at the words around the trigger, this
at how the sentence as a whole is told.
"""

from __future__ import annotations

from truce.extract.model import Candidate
from truce.extract.switches import on

_SUPPOSED = frozenset({"planned", "conditional"})


def drop_supposed(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates but the breaches told only as supposed."""
    if not on("breach.supposed_modality"):
        return candidates
    return [c for c in candidates if not (c.type == "breach" and c.modality in _SUPPOSED)]
