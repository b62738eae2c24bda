"""Hostile reports of a given size, built the same way every time, for the extraction caps.

`mixed` is what broke the server: runs of tens of kilobytes with no full stop (each cue word in
them a trigger), a quotation mark never closed, and event sentences repeated. `dense` is only
event sentences, so it gives far more candidates than a document may.
"""

from __future__ import annotations

EVENT = (
    "Israel released 39 Palestinian prisoners on Friday and Hamas freed 13 Israeli hostages "
    "under the truce, which began at 7 a.m., Qatar's foreign ministry said. "
)
# English prose with no event in it: it must reach the pipeline (not be refused as non-English)
# and cost what any text costs.
FILLER = (
    "the weather in the region stayed warm and dry for most of the week and the roads were "
    "busy with families going back to see what was left of their homes and "
)
# One trigger-bearing stretch inside each unpunctuated run: a candidate per cue in a run of
# tens of kilobytes is what made evidence cost the square of the sentence.
CUE = "Israel released 39 prisoners and Hamas freed 13 hostages and "


def mixed(size: int) -> str:
    """`size` characters: a dateline, an open quotation, then blocks of one 20,000-character
    run without punctuation (a few cues in it) and four event sentences."""
    parts = ["GAZA, Nov 24 (Reuters) -\n\n", '"The pause holds ']
    length = sum(len(p) for p in parts)
    while length < size:
        run = (FILLER * 200)[:20_000]
        step = len(run) // 4
        run = "".join(run[i : i + step] + CUE for i in range(0, len(run), step))
        block = run + ". " + EVENT * 4
        parts.append(block)
        length += len(block)
    return "".join(parts)[:size]


def dense(size: int) -> str:
    """`size` characters of event sentences only."""
    return ("GAZA, Nov 24 (Reuters) -\n\n" + EVENT * (size // len(EVENT) + 1))[:size]
