"""Rule `attribution.ministry_of_the_place`: "Two people were killed in southern Lebanon, the
Health Ministry said": a ministry named bare is the ministry of the land the report places the
event in, "Lebanese Health Ministry" (the gold names the institution on the record with its
state, eval/gold/README.md "source"). The land is the first state (or Gaza) named after "in" in
the candidate's sentence, else in the report; with none, the speaker stays as written.
"""

from __future__ import annotations

import re
from dataclasses import replace

from truce.extract.gazetteer import STATES
from truce.extract.model import Candidate
from truce.extract.switches import on

_BARE = re.compile(
    r"(?i:(?:health|defen[cs]e|foreign|interior)\s+ministry"
    r"|ministry\s+of\s+(?:health|defen[cs]e|foreign\s+affairs|interior))"
)
# A state's adjective by its names ("Lebanon" -> "Lebanese"); Gaza keeps its name.
_ADJECTIVE = {
    name: adjectives[0] for names, adjectives, _ in STATES.values() if adjectives for name in names
}
_ADJECTIVE |= {"Gaza": "Gaza", "Gaza Strip": "Gaza"}
_LAND = re.compile(
    r"\bin\s+(?:(?:the\s+)?(?:southern|northern|eastern|western|central|south|north|east|west)"
    r"\s+|the\s+)?(?P<land>"
    + "|".join(sorted(map(re.escape, _ADJECTIVE), key=len, reverse=True))
    + r")\b"
)


def qualify_ministries(candidates: list[Candidate], text: str) -> None:
    """Give a bare ministry speaker its land's adjective, in place (see the module)."""
    if not on("attribution.ministry_of_the_place"):
        return
    whole: str | None | bool = False  # the report's land, looked up once when needed
    for c in candidates:
        speaker = c.source.speaker
        if not speaker or _BARE.fullmatch(speaker) is None:
            continue
        found = _LAND.search(text, c.span[0], c.span[1])
        land = found["land"] if found else None
        if land is None:
            if whole is False:
                anywhere = _LAND.search(text)
                whole = anywhere["land"] if anywhere else None
            land = whole if isinstance(whole, str) else None
        if land is not None:
            c.source = replace(c.source, speaker=f"{_ADJECTIVE[land]} {speaker}")
