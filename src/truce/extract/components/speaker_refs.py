"""A speaker referred to by a definite description: "the Palestinian group said", "the channel
added", "the military also warned".

Reports name a speaker once and then describe it by what it is. The gold resolves such a
description to the name given before (eval/gold/README.md, `source`: "a pronoun "he", "It",
"The group" ... is resolved to the name"). The description says what kind of speaker it is, so
it stands for the nearest earlier named speaker of that kind, not simply the last one:

- a group, movement, militia, faction or organisation: an armed group the report names
  ("Hamas said ... , the Palestinian group said" -> Hamas);
- a channel, broadcaster, network, newspaper, station or news agency: an outlet ("According
  to Israel's Channel 12 ... , the channel added" -> Channel 12), also one that only relayed
  ("..., Reuters reported. ... The news agency said" -> via Reuters);
- the military, the army, the ministry, the government: a speaker whose name holds that noun
  and every other word of the description ("the military" -> "Myanmar military"; "the foreign
  ministry" -> "Thai foreign ministry", not "Russian defence ministry").

A description that names its own party in capitals ("the Israeli military", "the Lebanese
army") is a name as written and left to the other rules; only the group and outlet kinds take a
nationality word ("the Palestinian group", "the Qatari broadcaster"), which describes rather
than names. With no earlier speaker of the kind the description is left as it was.

Rule `attribution.definite_speaker`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from truce.extract.model import SourceRef
from truce.extract.switches import on

_GROUPS = frozenset(("group", "movement", "militia", "faction", "organisation", "organization"))
_OUTLETS = frozenset(("channel", "broadcaster", "network", "newspaper", "station", "agency"))
_BODIES = frozenset(("military", "army", "ministry"))
_DESCRIPTION = re.compile(
    r"^(?:the|this|that)\s+(?P<words>(?:[\w'’-]+\s+){0,2}?)(?P<noun>group|movement|militia|"
    r"faction|organi[sz]ation|channel|broadcaster|network|newspaper|station|news\s+agency|"
    r"military|army|ministry)$",
    re.IGNORECASE,
)
# How many named speakers back a description may reach.
REACH = 6


def resolve_description(
    np: str,
    earlier: Sequence[SourceRef],
    is_group: Callable[[str], bool],
    is_outlet: Callable[[str], bool],
    adjectives: frozenset[str],
) -> SourceRef | None:
    """The earlier named speaker (`earlier`, oldest first) that the description `np` stands
    for, or None when `np` is no such description or none fits."""
    if " " not in np or not on("attribution.definite_speaker"):
        return None
    match = _DESCRIPTION.match(np)
    if match is None:
        return None
    noun = match["noun"].lower().split()[-1]
    words = match["words"].split()
    capitals = [w for w in words if w[:1].isupper()]
    if noun in _BODIES:
        if capitals:
            return None  # "the Israeli military": a name as written
        fits: Callable[[str], bool] = _holds([noun, *(w.lower() for w in words)])
    else:
        if any(w not in adjectives for w in capitals):
            return None  # "the Hamas movement", "the Al Jazeera network": a name
        fits = is_group if noun in _GROUPS else is_outlet
    for source in reversed(earlier[-REACH:]):
        if source.anonymous:
            continue
        if source.speaker is not None and fits(source.speaker):
            return source
        if source.speaker is None and noun in _OUTLETS and source.via and fits(source.via):
            return SourceRef(via=source.via)  # "Reuters reported ... the news agency said"
    return None


def _holds(words: list[str]) -> Callable[[str], bool]:
    def fits(speaker: str) -> bool:
        own = set(re.findall(r"[\w'’-]+", speaker.lower()))
        return all(w in own for w in words)

    return fits
