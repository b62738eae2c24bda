"""Round 5 of the statement rules: a party's stance told in ways `statement._STANCE` misses.

- `statement.more_verbs`: verbs of saying that take a position ("Hamas stated its commitment",
  "the TPLF tweeted that", "Hamas promised"), with adverbs before them ("additionally alleged",
  "had previously requested").
- `statement.office_subject`: the party's office comes between its name and the verb ("a
  Hamas spokesman welcomed", "the US State Department had previously requested", "M23
  negotiator John Doe rejected").
- `statement.participle`: a party's act told with a stance in a participle after it ("the RSF
  declared a truce, pledging to protect aid convoys", "UNSMIL echoed the concern, urging an end
  to hostilities") is a statement besides the act, in the participle's own modality.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from truce.extract.switches import on

Matcher = Callable[[str, int], "re.Match[str] | None"]

MORE_VERBS = re.compile(
    r"\s*(?:,[^,.;]{1,80},\s*)?(?:(?:has|have|had|also|additionally|further|previously|"
    r"earlier|later|again|publicly|on\s+\w+day)\s+)*"
    r"(?P<verb>stated|states|tweeted|tweets|promised|promises|alleged|alleges|requested|"
    r"requests)\b",
    re.IGNORECASE,
)
# Plain verbs of saying: beside the events of their sentence they tell those events, no position.
SPEECH_ONLY: tuple[str, ...] = ("stat", "tweet")
CUES: tuple[str, ...] = ("stated", "states", "tweet", "promise", "alleg", "request")
# The words that let a sentence with no speech verb and no other trigger be read at all.
SENTENCE_CUES: tuple[str, ...] = ("stated", "tweeted", "promised", "alleged", "requested")
# An office of the party named just before it, and the holder's name if one follows.
_OFFICE = re.compile(
    r"(?:['’]s)?\s+(?:State\s+Department|(?:foreign|defen[cs]e|interior|information)\s+"
    r"ministry|(?:military\s+|army\s+|senior\s+|government\s+)?(?:officials?|spokes(?:man|woman|"
    r"person)|negotiators?|envoy|leader|commander|chief|delegation|minister))"
    r"(?-i:\s+[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s+)?[A-Z][\w'’-]+){0,2})?(?=[\s,])",
    re.IGNORECASE,
)


def more_verbs(text: str, at: int) -> re.Match[str] | None:
    """A stance verb of `MORE_VERBS` right after a party's name ending at `at`."""
    if not on("statement.more_verbs"):
        return None
    return MORE_VERBS.match(text, at)


def after_office(text: str, at: int, verb_at: Matcher) -> re.Match[str] | None:
    """The stance verb `verb_at` finds after the office of the party whose name ends at `at`
    (`statement.office_subject`)."""
    if not on("statement.office_subject"):
        return None
    office = _OFFICE.match(text, at)
    return None if office is None else verb_at(text, office.end())


# ", pledging to protect convoys", ", while urging the parties to": a stance in a participle.
PARTICIPLE = re.compile(
    r",\s+(?:while\s+|and\s+)?(?:also\s+)?(?P<verb>pledging|urging|calling\s+(?:on|upon|for)|"
    r"demanding|vowing|stressing|insisting|promising|welcoming|condemning|rejecting)\b"
)
PARTICIPLE_CUES: tuple[str, ...] = ("pledging", "urging", "calling", "demanding", "vowing")
PARTICIPLE_CUES += ("stressing", "insisting", "promising", "welcoming", "condemning")
PARTICIPLE_CUES += ("rejecting",)
# The participles that announce an intention: planned (gold guideline).
INTENT: tuple[str, ...] = ("pledging", "vowing", "promising")


def participle(text: str) -> re.Match[str] | None:
    """The stance participle after a comma in `text`, if the rule is on."""
    if not on("statement.participle"):
        return None
    return PARTICIPLE.search(text)
