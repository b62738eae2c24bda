"""Rule `speakers.described`: a speaker the sentence gives by what it is ("..., the Palestinian
group said", "the channel added", "the militant organisation said") is the one of that kind the
report named last before it (gold README, "source": "The group" is resolved to the name).

- a group, movement, organisation, militia or faction: the armed group named last before the
  sentence (its gazetteer name, "Hamas");
- a channel, broadcaster, network, station or newspaper: the outlet that spoke or relayed last
  before it ("According to Israeli Channel 12, ..." -> "Channel 12").

An opening word before the description ("However, the militant organisation said") is no name
the description stands after (`attribution._description_after_name`, asking this rule).

Only for a candidate the attribution left with no speaker or with the description itself as
speaker ("Palestinian group") or as an unnamed source's role ("militant organisation"), and only
when the description is the subject of a speech verb. Done on the candidates after the
statements' turns are joined: a speaker found here joins no turns (the rule
`attribution.definite_speaker`, which resolved such phrases while the sentences were read, was
dropped in round 9 because a resolved speaker made two statements one turn).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import replace

from truce.extract.components.attribution import GROUP_NAMES
from truce.extract.components.relays import is_outlet
from truce.extract.model import ActorMention, Attribution, Candidate
from truce.extract.switches import on

_GROUP_NOUNS = r"group|movement|organi[sz]ation|militia|faction"
_OUTLET_NOUNS = r"channel|broadcaster|network|station|newspaper"
_DESCRIBED = re.compile(
    r"(?:^\s*|[,;:”\"]\s*|\b(?:and|but)\s+)(?:[Tt]he)\s+(?P<desc>(?:[\w’'-]+\s+){0,2}?"
    rf"(?P<noun>{_GROUP_NOUNS}|{_OUTLET_NOUNS}))\s+"
    r"(?:(?:also|later|further|then)\s+)?"
    r"(?:said|says|added|told|stated|noted|warned|claimed|confirmed|reported|announced)\b"
)
_NOUN_WORDS = ("group", "movement", "organi", "militia", "faction") + (
    "channel",
    "broadcaster",
    "network",
    "station",
    "newspaper",
)
_CHANNEL = re.compile(r"\b(?:Channel|TV|Radio|Television)\b")


def _outlet(name: str | None) -> bool:
    return bool(name) and (is_outlet(name or "") or _CHANNEL.search(name or "") is not None)


def name_described(
    candidates: list[Candidate],
    text: str,
    sentences: Sequence[tuple[int, int]],
    attributions: Mapping[int, Attribution],
    actors: Sequence[ActorMention],
) -> None:
    """Give each candidate whose sentence speaks through a description the speaker it stands
    for (in place; see the module's docstring)."""
    if not on("speakers.described"):
        return
    starts = [s for s, _ in sentences]
    groups = sorted((m.span[0], m.actor) for m in actors if m.kind == "armed-group")
    for c in candidates:
        speaker = c.source.speaker
        if speaker is not None and " " not in speaker:
            continue  # a name of one word ("Hamas") is no description
        lowered = text[c.span[0] : c.span[1]].lower()
        if not any(noun in lowered for noun in _NOUN_WORDS):
            continue  # a cheap test before the pattern: most sentences name none of these
        match = _DESCRIBED.search(text, c.span[0], c.span[1])
        if match is None or (c.source.anonymous and not _described(c.source.role, match)):
            continue
        if speaker is not None and speaker.casefold() != match["desc"].casefold():
            continue  # someone else speaks in the sentence
        if match["noun"] in ("channel", "broadcaster", "network", "station", "newspaper"):
            found = _last_outlet(bisect_right(starts, c.span[0]) - 1, attributions)
        else:
            found = _last_group(groups, c.span[0])
        if found is not None:
            c.source = replace(c.source, speaker=found, anonymous=False)


def _described(role: str | None, match: re.Match[str]) -> bool:
    """Whether an unnamed source's role is the description itself ("militant organisation"):
    the definite description of a body named before, not a source left unnamed."""
    return bool(role) and (role or "").split()[-1].lower() == match["noun"]


def _last_outlet(index: int, attributions: Mapping[int, Attribution]) -> str | None:
    """The outlet that spoke or relayed in the sentences before `index`, the nearest first."""
    for i in range(index - 1, -1, -1):
        attribution = attributions.get(i)
        if attribution is None:
            continue
        source = attribution.source
        for name in (source.speaker, source.via):
            if _outlet(name):
                return name
    return None


def _last_group(groups: list[tuple[int, str]], before: int) -> str | None:
    """The armed group named last before `before`, by its gazetteer name."""
    at = bisect_right(groups, (before, "")) - 1
    return GROUP_NAMES.get(groups[at][1]) if at >= 0 else None
