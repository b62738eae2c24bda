"""Truce ends: a truce expiring, collapsing or ended, said of the truce itself ("the truce
expired", "resumed its offensive, ending the truce"), not in a time clause ("after the truce
ended"), nor in what was supposed to happen ("the pause, supposed to expire on Tuesday"), nor
in what only might ("the truce could collapse", "threatened to end the truce"), nor a truce
ending a war ("the ceasefire that ended an 11-day conflict": the war ends, not the truce).
"""

from __future__ import annotations

import dataclasses
import re

from truce.domain.claims import EventType
from truce.extract.components.kinds.common import (
    Context,
    KindRule,
    counterfactual,
    first_trigger,
    speculative,
)
from truce.extract.components.sentence_view import Sentence, candidate, finditer, of_the_truce
from truce.extract.model import Candidate
from truce.extract.switches import on
from truce.extract.triggers import PREFILTER_WORDS, TRIGGERS, TRUCE_NOUN, TRUCE_NOUNS, has_cue

KIND = EventType.CEASEFIRE_END

# What a truce ends when it is the subject: "ended an 11-day conflict", "to end 12 days of
# escalating conflict", "ended months of cross-border warfare", "to end border clashes".
# The words between may not open a clause or a time ("ended on Friday as fighting resumed").
_A_WAR = re.compile(
    r"\s+(?:(?!(?:on|at|in|as|after|before|when|while|with|and|but|amid|following|since)\b)"
    r"[\w'’-]+\s+){0,5}?(?:wars?|conflicts?|fighting|hostilities|operations?|offensives?|"
    r"warfare|bloodshed|clashes|violence|escalation|bombardment|bombing|campaign)\b",
    re.IGNORECASE,
)

# The end triggers that can take an object ("was ended" cannot).
_TRANSITIVE = re.compile(r"(?:(?:has|had)\s+)?ended|(?:to|would|will)\s+end", re.IGNORECASE)


def ends_a_war(text: str, match: re.Match[str]) -> bool:
    """Whether the end trigger takes a war as its object ("ended an 11-day conflict"), with no
    truce named in between: then the truce ended the war."""
    if not on("end.ended_a_war") or not _TRANSITIVE.fullmatch(match.group()):
        return False
    war = _A_WAR.match(text, match.end())
    return war is not None and TRUCE_NOUNS.search(war.group()) is None


# Rule `end.noun`: a truce's end told as a noun after a time word, in narration: "following
# the end of the humanitarian pause", "days after the expiry of a previous ceasefire".
_END_NOUN = re.compile(
    rf"\b(?:after|following|since|with|upon)\s+the\s+(?:end|expiry|expiration|collapse|"
    rf"breakdown)\s+of\s+(?:the|a|an|its|their|this|that)\s+(?:[\w'’-]+\s+){{0,3}}?"
    rf"{TRUCE_NOUN}\b",
    re.IGNORECASE,
)
# Words of a speaker: the end then lies in what was said ("he adds", "the ministry stressed
# that ..."), which the statement tells.
_SPOKEN = re.compile(
    r"[\"“”]|\b(?:said|says|adds?|added|stressed|noted|warned|stated|told|argued|insisted)\b",
    re.IGNORECASE,
)


def end_nouns(s: Sentence) -> list[re.Match[str]]:
    """The sentence's `_END_NOUN`s, when it narrates (occurred, no words of a speaker)."""
    if not on("end.noun") or s.modality != "occurred":
        return []
    lowered = s.lower or s.text.lower()
    if " of " not in lowered or _SPOKEN.search(s.text):
        return []
    return list(_END_NOUN.finditer(s.text))


# Rule `end.extended_instead`: a truce "set to end" or "due to expire" that the sentence says
# was or will be extended does not end: "the truce will be extended by one day, just as the
# pause was set to end", "the deal that was due to expire at midnight would be extended".
_DUE_TO = re.compile(
    r"\b(?:due|set|scheduled|slated|expected)\s+(?:to\s+)?(?:\w+ly\s+)?$", re.IGNORECASE
)
_EXTENDED = re.compile(r"\b(?:extend(?:ed|s|ing)?|prolong(?:ed)?|renew(?:ed)?)\b", re.IGNORECASE)


def extended_instead(text: str, match: re.Match[str]) -> bool:
    if not on("end.extended_instead"):
        return False
    if _DUE_TO.search(text, max(0, match.start() - 40), match.start()) is None:
        return False
    return _EXTENDED.search(text) is not None


# Rule `end.scheduled_past` (branch exprec3): in a report that tells the truce extended, a truce
# that "was set to expire at midnight", "was otherwise due to end on Tuesday", "was to end on
# June 20" is told by when it was meant to end, not that it ended (`end.extended_instead` for
# the extension told in another sentence, or as a noun: "announced an extension"). On dev the
# rules gave three such ends, all wrong, and no right end was told so. A report that tells no
# extension keeps its planned end ("the truce was due to expire at midnight on Sunday").
_WAS_DUE = re.compile(
    r"\b(?:was|were)\s+(?:\w+\s+)?(?:(?:due|set|scheduled|slated|supposed|meant|expected)\s+)?"
    r"(?:to\s+)?$",
    re.IGNORECASE,
)
_TOLD_EXTENDED = re.compile(
    r"\b(?:extend(?:ed|s|ing)?|extension|prolong(?:ed|s|ing)?|renew(?:ed|s|ing)?)\b", re.IGNORECASE
)


def scheduled_past(text: str, match: re.Match[str], document: str) -> bool:
    if not on("end.scheduled_past"):
        return False
    before = _WAS_DUE.search(text, max(0, match.start() - 50), match.start())
    if before is None:
        return False
    # The trigger may hold the "to" ("to end"); "was ended" is no schedule.
    due = match.group().lower().startswith("to ") or before.group().rstrip().lower().endswith("to")
    return due and _TOLD_EXTENDED.search(document) is not None


# Rule `end.more_verbs` (branch exmiss): a truce's end in verbs the trigger table lacks. The
# truce as subject: "the ceasefire broke down within minutes", "the holiday truce came to an
# end on Tuesday", "a truce brokered on Tuesday quickly failed" (no modal, negation or time
# word between, and "failed" alone or "failed to hold"); the truce as object: "renewed its
# operations, ending the temporary truce", "collapsing the recent ceasefire", "abandoned their
# own ceasefire", "revoked the unilateral ceasefire", "will lift tonight a ceasefire",
# "announced an end to the week-long ceasefire". A "halt" is no truce here ("lifted the halt
# on aid"), nor a "pause on" something.
_ENDED_TRUCE = (
    r"(?:truce|ceasefire|cease-fire|armistice|cessation of hostilities|pause(?!\s+(?:on|in)\b))"
)
_TRUCE_FAILED = re.compile(
    rf"\b{_ENDED_TRUCE}s?\b,?(?:\s+(?!(?:could|might|may|would|not|never|almost|nearly|if|when|"
    rf"after|before|"
    rf"since|until|unless|risks?|threaten\w*)\b)[\w'’-]+,?){{0,6}}?\s+"
    r"(?:came to an end|comes? to an end|broke down|breaks? down|(?:has|had) broken down|"
    r"fell apart|falls? apart|unravell?ed|(?:has |had )?(?:quickly |soon |effectively )?"
    r"failed(?:\s+to\s+hold)?(?!\s+to\b))\b",
    re.IGNORECASE,
)
_TRUCE_ENDED = re.compile(
    r"\b(?:ending|collapsing|abandon(?:ed|ing|s)?|revok(?:ed|ing|es?)|lift(?:ed|ing|s)?|"
    r"scrapp(?:ed|ing)|call(?:ed|ing|s)\s+off|terminat(?:ed|ing|es?)|an\s+end\s+to)\s+"
    r"(?:(?!the\b|an?\b)\w+\s+)?(?:the|an?|its|their|his|her|this|that)\s+"
    rf"(?:[\w'’-]+\s+){{0,3}}?{_ENDED_TRUCE}\b",
    re.IGNORECASE,
)
_ENDED_TRUCE_CUES = ("truce", "ceasefire", "cease-fire", "armistice", "cessation", "pause")
END_VERB_CUES = (
    *("broke down", "broken down", "breaks down", "break down", "apart", "unravel", "failed"),
    *("abandon", "revok", "lift", "scrapp", "called off", "calling off", "calls off", "terminat"),
)


# An end only threatened on a condition after it ("will lift the ceasefire if ..."), or one
# party accuses the other of ("accused Israel of unilaterally ending the ceasefire"): no end.
_IF_AFTER = re.compile(r"[^.;]{0,40}?\b(?:if|unless)\b", re.IGNORECASE)
_ACCUSED_OF = re.compile(r"\baccus\w*\s+[^.;]{0,60}?\bof\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def more_ends(s: Sentence) -> list[re.Match[str]]:
    """The sentence's ends in `end.more_verbs`'s words."""
    if not on("end.more_verbs"):
        return []
    lowered = s.lower or s.text.lower()
    if not any(map(lowered.__contains__, _ENDED_TRUCE_CUES)):
        return []  # both patterns name the truce: most sentences the cue words offer do not
    found = list(finditer(_TRUCE_FAILED, s)) + list(finditer(_TRUCE_ENDED, s))
    return sorted(
        (
            m
            for m in found
            if not _IF_AFTER.match(s.text, m.end())
            and not _ACCUSED_OF.search(s.text, max(0, m.start() - 90), m.start())
        ),
        key=lambda m: m.start(),
    )


# Rule `end.until_planned` (2026-12-08, lead): a truce's planned end told by the day or hour it
# lasts until, the way schedules are announced: "the ceasefire will last until January 29",
# "the truce would run until April 22", "which is to last until at least Tuesday morning", "will
# take effect at midnight on May 8 and continue through May 10", "ordered a ceasefire from 12:00
# on January 6 to 24:00 on January 7", "pause its operations from 18:00 today until midnight".
# The planned end is its own event beside the start or the terms the sentence also tells. Not
# when the sentence extends a truce ("extended the ceasefire until the end of May": the
# extension tells the new end), nor for what lasted ("clashes continued until 3 a.m."): the
# truce names the subject, with a modal or a schedule before the verb, or the "from ... until"
# pair is the truce's. The end's day is the time the "until" opens, which the times component
# must have read right after it.
_LASTS = (
    r"(?:last|run|continue|hold|remain\s+in\s+(?:effect|force|place)|"
    r"(?:be|stay)\s+in\s+(?:effect|force|place)|be\s+valid)"
)
_SCHEDULED = (
    r"(?:will|would|shall|(?:is|are|was|were)\s+to|(?:is|are|was|were)\s+(?:\w+ly\s+)?"
    r"(?:set|scheduled|slated|expected|due)\s+to|and)"
)
_UNTIL = r"(?P<until>until|till|through|to)"
_TRUCE_LASTS = re.compile(
    rf"\b{_ENDED_TRUCE}s?\b,?(?:\s+(?!(?:but|while|whereas|although|though|if|unless|when)\b)"
    rf"[\w'’(),:.-]+){{0,14}}?\s+{_SCHEDULED}\s+{_LASTS}\b,?(?:\s+[\w'’:.-]+,?){{0,4}}?\s+{_UNTIL}\s",
    re.IGNORECASE,
)
_FROM_UNTIL = re.compile(rf"\bfrom\s+(?:[\w'’:.()-]+\s+){{1,8}}?{_UNTIL}\s", re.IGNORECASE)
_PAST_SPAN = re.compile(r"\b(?:lasted|ran|held|remained|was\s+valid|were\s+valid)\b", re.IGNORECASE)
_EXTENDS = re.compile(r"\b(?:extend\w*|extension|prolong\w*|renew\w*)\b", re.IGNORECASE)
# Between the "until" and the time the times component read: a qualifier or the hour's words.
_TO_TIME = re.compile(
    r"\s*(?:at\s+least\s+|the\s+end\s+of\s+|midnight\s+|noon\s+|on\s+|of\s+)*", re.IGNORECASE
)
_HOUR = re.compile(r"\s*(?:midnight|noon|sundown|dawn)\b", re.IGNORECASE)
UNTIL_CUES = ("until", "till", "through", "from")
# What cued this kind before `end.until_planned`: the trigger table's words and the verbs'.
_OWN_CUES = (*PREFILTER_WORDS[KIND.value], *END_VERB_CUES)


def until_planned(s: Sentence) -> list[re.Match[str]]:
    """The sentence's "until" opening its truce's planned end (`end.until_planned`)."""
    if not on("end.until_planned"):
        return []
    lowered = s.lower or s.text.lower()
    if not any(map(lowered.__contains__, _ENDED_TRUCE_CUES)) or _EXTENDS.search(s.text):
        return []
    found = list(_TRUCE_LASTS.finditer(s.text))
    if not found and not _PAST_SPAN.search(s.text):
        found = list(_FROM_UNTIL.finditer(s.text))
    return [m for m in found if _time_after(s, m.end("until"))]


def _time_after(s: Sentence, offset: int) -> bool:
    """Whether a time the times component read begins at `offset`, or after a qualifier."""
    words = _TO_TIME.match(s.text, offset)
    reach = (words.end() if words else offset) - offset
    if _HOUR.match(s.text, offset):
        return True  # "until midnight on Easter Sunday": a time, though no day is read
    return any(0 <= t.span[0] - s.start - offset <= reach for t in s.times)


def extract(s: Sentence, context: Context) -> list[Candidate]:
    if not has_cue(s.lower or s.text.lower(), _OWN_CUES):
        return _planned_until(s, context)  # cued by `UNTIL_CUES` alone: nothing else can match
    nouns = end_nouns(s) + more_ends(s)
    if (first_trigger(KIND, s) is None and not nouns) or not context.names_the_truce(s):
        return _planned_until(s, context)
    matches = list(finditer(TRIGGERS[KIND], s))
    if nouns:
        matches = sorted(matches + nouns, key=lambda m: m.start())
    match = next(
        (
            m
            for m in matches
            if of_the_truce(KIND, s.text, m)
            and not counterfactual(s.text, m)
            and not speculative(s.text, m)
            and not ends_a_war(s.text, m)
            and not extended_instead(s.text, m)
            and not scheduled_past(s.text, m, context.article.text)
        ),
        None,
    )
    if match is None:
        return _planned_until(s, context)
    return [candidate(KIND.value, s, s.start + match.start(), context.article)]


def _planned_until(s: Sentence, context: Context) -> list[Candidate]:
    """A planned end in `until_planned`'s words, when no other end trigger served."""
    for match in until_planned(s):
        if counterfactual(s.text, match) or speculative(s.text, match):
            continue
        if not context.names_the_truce(s):
            return []
        found = candidate(KIND.value, s, s.start + match.start("until"), context.article)
        return [dataclasses.replace(found, modality="planned")]
    return []


RULE = KindRule(KIND, extract, cues=(*END_VERB_CUES, *UNTIL_CUES))
