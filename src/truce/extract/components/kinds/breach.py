"""Breaches: one candidate per alleged breach in a sentence, with the party said to have done it.

A sentence often carries two sides of one quarrel ("its troops had observed the truce, and
accused Ukrainian forces of attacking ..."): each clause with a breach trigger is its own event.
Who is said to have done it depends on how the sentence puts it:

- "X accused Y of attacking ...": Y, the party between "accused" and "of";
- "Russian shelling continued", "Hamas violated ...": the party named just before the trigger;
- "its troops observed the truce", "Moscow denies that its troops ...": the party that speaks,
  since it answers for its own forces;
- otherwise the party in "by X" after the trigger.
"""

from __future__ import annotations

import re
from dataclasses import replace

from truce.domain.claims import EventType
from truce.extract.components.kinds import breach_acts, breach_comply
from truce.extract.components.kinds.common import Context, KindRule, first_trigger
from truce.extract.components.sentence_view import (
    Sentence,
    by_actor,
    candidate,
    finditer,
    hypothetical,
    parties,
    search,
    speaker_actor,
    subject_before,
)
from truce.extract.model import Article, Candidate
from truce.extract.switches import on
from truce.extract.triggers import TRIGGERS, TRUCE_NOUN

KIND = EventType.BREACH
_ACCUSED = re.compile(r"accus\w*\s", re.IGNORECASE)
_OWN_FORCES = re.compile(
    r"^(?:observed|respected|abided|complied|den(?:y|ies|ied|ying))\b", re.IGNORECASE
)
# Between two parties accused together: "Russia and Belarus", "Hamas, Islamic Jihad and ...",
# "the army as well as the RSF" (a possessive or a following noun of the first may come
# before: "Russia's army and ...", "Hamas fighters and ...").
_COORDINATED = re.compile(
    r"(?:['’]s)?(?:\s+[a-z][\w-]*){0,2}\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
    r"(?:the\s+)?",
)
# An armed group by a common noun: the document's main one.
_GENERIC_GROUP = re.compile(
    r"\bthe\s+(?:rebels|separatists|militants|insurgents|militias?|paramilitaries|"
    r"paramilitary|armed\s+group)\b",
    re.IGNORECASE,
)
# A breach spoken of in general ("deal strongly with any further breach", "any violation will
# be answered") alleges none.
_ANY = re.compile(r"\bany\s+(?:(?:further|new|other|future|such)\s+)?$", re.IGNORECASE)
# Attacks the sentence places outside the truce: "continued to carry out attacks right up until
# the moment the truce began", "the continued bombing in the first hours after the end of the
# pause", "ahead of the start of the truce".
_OUTSIDE_THE_TRUCE = re.compile(
    rf"\b(?:after\s+the\s+(?:end|expiry|collapse)\s+of\s+the|(?:right\s+)?up\s+until\s+"
    rf"(?:the\s+moment\s+)?the\s+{TRUCE_NOUN}\s+(?:began|took\s+effect|started)|"
    rf"(?:before|ahead\s+of)\s+the\s+(?:start\s+of\s+the\s+)?{TRUCE_NOUN})\b",
    re.IGNORECASE,
)
# "accused both sides of ...": one breach the text blames on both at once (no actor).
_BOTH = re.compile(r"accus\w*\s+both\b", re.IGNORECASE)
# A breach supposed, not alleged: "should Hezbollah breach the terms" (an inverted if), "a
# breach of the truce would result in ..." (what one would bring).
_SHOULD_BEFORE = re.compile(r"\bshould\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+$")
_A_BEFORE = re.compile(r"\ban?\s+$", re.IGNORECASE)
_WOULD_AFTER = re.compile(r"[^,;.]{0,40}?\bwould\b", re.IGNORECASE)  # used with match()


def _supposed(text: str, match: re.Match[str]) -> bool:
    if not on("breach.supposed"):
        return False
    before = max(0, match.start() - 40)
    if _SHOULD_BEFORE.search(text, before, match.start()):
        return True
    return bool(_A_BEFORE.search(text, before, match.start())) and bool(
        _WOULD_AFTER.match(text, match.end())
    )


# Rule `breach.mutual`: two sides accusing each other allege two breaches, one by each:
# "both sides have accused each other of violating the truce", "the two countries exchanged
# accusations of violating the ceasefire", "accusations of breaches have been fired back and
# forth between Russia and Ukraine".
_MUTUAL = re.compile(
    r"\b(?:accus\w*|blam\w*)\s+(?:each\s+other|one\s+another|the\s+other)\b|"
    r"\b(?:exchang|trad)\w*\s+(?:\w+\s+)?(?:accusations|allegations|blame|charges)\b|"
    r"\bback\s+and\s+forth\b|\beach\s+blaming\s+the\s+other\b",
    re.IGNORECASE,
)
_MUTUAL_CUES = ("other", "another", "exchang", "trad", "back and forth")


def mutual(s: Sentence) -> re.Match[str] | None:
    """Two sides accusing each other (`_MUTUAL`), if the sentence says so."""
    if not on("breach.mutual") or not any(c in (s.lower or s.text.lower()) for c in _MUTUAL_CUES):
        return None
    return _MUTUAL.search(s.text)


def _two_sides(s: Sentence, holders: tuple[str | None, str | None]) -> list[str | None]:
    """The two sides of a mutual accusation: the first two parties the sentence names, else
    the document's main armed group and main state."""
    named: list[str | None] = []
    for mention in parties(s.actors):
        if mention.actor not in named:
            named.append(mention.actor)
    for side in holders:
        if len(named) < 2 and side not in named:
            named.append(side)
    return (named + [None, None])[:2]


_PARTICIPLE = re.compile(r"(?:breach|violat)ing\b", re.IGNORECASE)
# What separates two allegations in one sentence: a comma or semicolon between the triggers.
_CLAUSE_BREAK = re.compile(r"[,;]")


# Rule `breach.fighting_went_on`: fighting told as going on, in words the trigger table's
# `continued` lacks: "hostilities have continued", "fighting nonetheless persisted", "the
# bombing campaign was continuing unabated", "the parties have kept fighting", "clashes broke
# out between the army and the RSF".
WENT_ON = re.compile(
    r"\b(?:fighting|hostilities|clashes|shelling|bombing|offensives?|violence|battles?)\b"
    r"[^.;]{0,60}?\b(?:persisted|persists|continu(?:ed|es|ing)|raged|went\s+on|unabated)\b|"
    r"\bkept\s+(?:on\s+)?(?:fighting|attacking|shelling|firing)\b|"
    r"\b(?:clashes|fighting)\s+(?:(?:\w+\s+)?broke\s+out|erupted)\b",
    re.IGNORECASE,
)
_MORE_CUES = (
    *("persist", "continu", "raged", "went on", "unabated", "kept", "broke out", "erupted"),
)


def _more_breach(s: Sentence) -> re.Match[str] | None:
    """The first attack `WENT_ON` finds, with its rule on, outside any if-clause and truce
    placed before or after."""
    if search(_OUTSIDE_THE_TRUCE, s) is not None and on("breach.outside_truce"):
        return None
    if not on("breach.fighting_went_on"):
        return None
    match = search(WENT_ON, s)
    if match is not None and on("breach.outbreak_in_truce") and _outbreak_outside(s, match):
        return None
    return match if match is not None and not hypothetical(s.text, match.start()) else None


# Rule `breach.outbreak_in_truce`: fighting that "broke out" or "erupted" is a breach only in a
# sentence that names the truce or the deal ("clashes broke out ... hours before the ceasefire
# would expire"); without one it tells how the war began ("after fighting erupted in mid-April",
# "clashes erupted over a dispute about a canal").
_OUTBREAK = re.compile(r"broke\s+out|erupted", re.IGNORECASE)
_TRUCE_NAMED = re.compile(rf"\b(?:{TRUCE_NOUN}|deal|agreement|accord)", re.IGNORECASE)


def _outbreak_outside(s: Sentence, match: re.Match[str]) -> bool:
    """`match` is an outbreak ("clashes broke out") and its sentence names no truce or deal."""
    return _OUTBREAK.search(match.group()) is not None and search(_TRUCE_NAMED, s) is None


def extract(s: Sentence, context: Context) -> list[Candidate]:
    if first_trigger(KIND, s) is None:
        more = _more_breach(s) or breach_acts.act_in_truce(s, context.article.published)
        comply = breach_comply.not_complying(s) if more is None else None
        more = more or comply
        if more is None:
            return []
        trigger = s.start + more.start()
        c = candidate(KIND.value, s, trigger, context.article)
        if comply is not None:
            breach_comply.told_as_done(c)
        c.actor = adjective_before(s, trigger) or subject_before(s, trigger)
        _add_tally(s, [c])
        return [c]
    found = breaches(s, context.article, context.holders[0])
    _add_tally(s, found)
    if found and mutual(s) is not None:
        # One breach alleged by each side against the other: the first found, twice.
        first = found[0]
        found = []
        for actor in _two_sides(s, context.holders):
            c = replace(first, participants=list(first.participants))
            c.actor = actor
            found.append(c)
    return found


def _add_tally(s: Sentence, found: list[Candidate]) -> None:
    """Each breach of the sentence with no count takes the sentence's tally (`breach.tally`)."""
    if not found:
        return
    counted = breach_acts.tally(s)
    for c in found:
        if not c.quantities:
            c.quantities = list(counted)


def breaches(s: Sentence, article: Article, group: str | None = None) -> list[Candidate]:
    """The breaches alleged in `s`; `group` is the document's main armed group, whom "the
    rebels" or "the militants" name."""
    out: list[Candidate] = []
    if on("breach.outside_truce") and search(_OUTSIDE_THE_TRUCE, s) is not None:
        return out
    previous_end: int | None = None
    for match in finditer(TRIGGERS["breach"], s):
        if previous_end is not None and (
            not _CLAUSE_BREAK.search(s.text, previous_end, match.start())
            or _PARTICIPLE.match(match.group())
        ):
            # The same allegation, worded twice ("violations ... violated"), or named by a
            # participle after it ("accused Hamas of firing rockets, breaching the truce").
            continue
        previous_end = match.end()
        general = on("breach.any") and _ANY.search(s.text, 0, match.start()) is not None
        general = general or breach_acts.not_alleged(s.text, match)
        if hypothetical(s.text, match.start()) or general or _supposed(s.text, match):
            continue  # "would strike if Hezbollah violated the deal", "any further breach"
        trigger = s.start + match.start()
        for actor in _culprits(s, match, group):
            c = candidate(KIND.value, s, trigger, article)
            c.actor = actor
            out.append(c)
    return out


def _culprits(s: Sentence, match: re.Match[str], group: str | None) -> list[str | None]:
    """Who the allegation is against: each of several parties accused together ("accused
    Russia and Belarus of shelling ...") is its own breach; otherwise the one culprit."""
    if _ACCUSED.match(match.group()) and _BOTH.match(match.group(), 0) and on("breach.both"):
        return [None]  # "accused both Israel and Iran of violating": both blamed at once
    if _ACCUSED.match(match.group()) and on("breach.several_accused"):
        accused = _accused(s, match, group)
        if accused:
            return list(accused)
    return [_culprit(s, match)]


def _accused(s: Sentence, match: re.Match[str], group: str | None) -> list[str]:
    """The parties between "accused" and "of": the first, and those coordinated with it. "The
    rebels" and the like stand for the document's main armed group."""
    lo, hi = s.start + match.start(), s.start + match.end()
    named = [(m.span, m.actor) for m in parties(s.actors) if lo <= m.span[0] < hi]
    if group is not None:
        generic = _GENERIC_GROUP.finditer(s.text, match.start(), match.end())
        named += [((s.start + g.start(), s.start + g.end()), group) for g in generic]
    named = sorted(set(named))  # "the rebels" may be a mention already (actors.by_context)
    if not named:
        return []
    found = [named[0][1]]
    for (previous, _), (span, actor) in zip(named, named[1:], strict=False):
        between = s.text[previous[1] - s.start : span[0] - s.start]
        if not _COORDINATED.fullmatch(between):
            break
        if actor not in found:
            found.append(actor)
    return found


def _culprit(s: Sentence, match: re.Match[str]) -> str | None:
    trigger = s.start + match.start()
    words = match.group()
    if _OWN_FORCES.match(words):
        return subject_before(s, trigger) or speaker_actor(s)
    return adjective_before(s, trigger) or subject_before(s, trigger) or by_actor(s, trigger)


def adjective_before(s: Sentence, trigger: int) -> str | None:
    """ "Russian shelling and assaults continued": the nationality just before the noun."""
    for mention in reversed(s.actors):
        if mention.kind == "demonym" and mention.span[1] <= trigger:
            between = s.text[mention.span[1] - s.start : trigger - s.start]
            return (
                mention.actor if len(between) <= 25 and not _CLAUSE_BREAK.search(between) else None
            )
    return None


# A breach named again as a thing already told: "these violations", "the breach, which
# involved ...", "the ceasefire violation comes on the heels of ...". Not "the latest
# violation" (a new one) nor "a breach" (none yet).
_ANAPHORIC = re.compile(
    r"\b(?:these|those|this|such|the)\s+(?:(?!latest\b|new\b|fresh\b|recent\b|first\b)"
    r"[\w-]+\s+)?(?:breach(?:es)?|violations?)\b(?!\s+of\s+(?:a|an)\b)",
    re.IGNORECASE,
)
# What the sentence adds to the breach it refers back to: "this breach was part of a pattern,
# including heavy shelling along the border".
_MORE = re.compile(r"\b(?:including|as well as|in addition to)\b", re.IGNORECASE)
_BREACH_NOUN = re.compile(r"\b(?:breach(?:es|ed)?|violat\w*)\b", re.IGNORECASE)


def drop_retold_breaches(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Without the breaches a sentence only refers back to: one whose first breach word is a
    noun after "these", "the" ... when the document has told a breach before it."""
    out: list[Candidate] = []
    told = False
    for c in candidates:
        if c.type == "breach":
            sentence = text[c.span[0] : c.span[1]]
            first = _BREACH_NOUN.search(sentence)
            again = first is not None and any(
                m.end() == first.end() for m in _ANAPHORIC.finditer(sentence)
            )
            more = again and _MORE.search(sentence, first.end()) is not None if first else False
            if told and again and not more:
                continue
            told = True
        out.append(c)
    return out


RULE = KindRule(KIND, extract, cues=(*_MORE_CUES, *breach_acts.CUES, *breach_comply.CUES))
