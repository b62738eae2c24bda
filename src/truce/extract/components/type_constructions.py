"""Which type a sentence is, read off its construction (branch `extype`).

The dev false candidates held out by conflict that overlap a gold event of another type
(`bench/type_confusion.py --held-out`) are most often a speaker's sentence read as a
`statement` where the gold codes what the speaker tells: a deal's provisions, or a breach by
the other side. Three constructions decide the type, each a named rule:

- `type.terms_told`: "the agreement stipulates that", "it provides for 600 trucks a day",
  "the ceasefire also called for", "Israel has agreed to withdraw", "neither side will target
  the other, Oman said": a speaker telling what a deal sets is the deal's `agreement_term`
  (its speaker kept as the source), not a statement of the speaker's position.
- `type.accusation_is_breach`: "accused Ukraine of violating the truce", "claims Hamas broke
  the ceasefire", "had used the ceasefire to rearm whilst violating it 300 times", "armed
  groups prevented the entry of the convoy": an accusation of a violation is the gold's
  `breach` (alleged by its speaker), not a statement.
- `type.took_effect_is_start`: "a Gaza Strip ceasefire came into effect early Thursday", "the
  ceasefire is to begin at 02:00", "a ceasefire agreed between the parties will begin on
  Tuesday": a truce taking effect, with no party agreeing to anything in the sentence, is the
  truce's start and no `agreement_term` ("X and Y agreed to a truce which will go into effect
  at 8pm" keeps its term: the gold codes both).
- `type.release_told`: "said in a statement that the remains will be transferred at 9 pm",
  "announced it would release eight policemen", "at least 50 hostages would be freed, said the
  statement": a speaker telling captives' release is the gold's `release` (planned, with its
  source), not a statement; "received a list of hostages to be released" stays one (the list,
  not the release, is what is told).
- `type.aid_told`: "a second official said that 600 aid trucks would go in", "the UN said the
  first trucks carrying aid had entered Gaza", "WFP said it had been able to start
  distributing food": a speaker telling aid moving is the gold's `aid_delivery` (with its
  source), not a statement; a call for aid to go in ("called for the opening of all crossings
  to allow more aid to reach") stays a statement.
- `type.talks_ahead`: "looks forward to ... beginning talks on the cessation of hostilities",
  "a plan for a three-month ceasefire to be followed by comprehensive peace talks", "agreed
  to begin substantive negotiations", "to pave the way for upcoming peace talks": talks named
  as an aim, with no day of their own ("will begin talks on June 20" stays), are no
  `meeting` (the gold codes the sentence's statement, start or term). `meeting.talks_ahead`
  reads the words just before a meeting's trigger; this reads the candidate's own words, the
  learned path's meetings among them.

A candidate read as the other type where a candidate of that type already covers its
sentence is dropped, not retyped: the sentence's event is told once.
"""

from __future__ import annotations

import re

from truce.extract.model import Candidate
from truce.extract.switches import on

_TERMS_TOLD = re.compile(
    r"\bstipulat(?:es|ed)\b|\bprovides? for\b|"
    r"\b(?:deal|agreement|cease-?fire|truce|plan|accord)\s+(?:also\s+)?"
    r"(?:includes?|requires?|envisag(?:es|ed)|calls?\s+for|called\s+for)\b|"
    r"\bneither side will\b|"
    r"\bagreed to (?:release|free|allow|withdraw|open|halt|stop|exchange|hand over|let|cease)\b|"
    r"\bwould be (?:released|freed) over\b",
    re.IGNORECASE,
)
_ACCUSATION = re.compile(
    r"\baccus\w*\s+(?:[\w-]+\s+){0,5}?of\s+(?:violat|break|breach)\w*|"
    r"\b(?:violated|broke|breached)\s+(?:the\s+|a\s+)?(?:cease-?fire|truce|framework|agreement|"
    r"deal)\b|\bwhilst violating it\b|\bwhile violating it\b|"
    r"\b(?:blocked|prevented)\s+the\s+entry\s+of\b",
    re.IGNORECASE,
)
# "would act if either side violated the truce": a violation inside a condition alleges none.
_CONDITION = re.compile(
    r"\b(?:if|unless|whether|should)\b|\bany\s+(?:further\s+|new\s+)?(?:violation|breach|attack)",
    re.IGNORECASE,
)
# The truce itself the subject: no comma between it and the verb ("Under the deal, both sides
# are to begin pulling back" is the sides' act, a term).
_TRUCE = r"\b(?:cease-?fire|truce|deal|agreement|pause)\b[^.;:,]{0,80}?"
_TAKES_EFFECT = re.compile(
    rf"{_TRUCE}\b(?:c[ao]me|took|went|goes|go|taking|take)\s+into\s+(?:full\s+)?effect\b|"
    rf"{_TRUCE}\b(?:is|was|are)\s+(?:due\s+|set\s+|slated\s+)?to\s+(?:begin|start|take\s+effect)\b|"
    rf"{_TRUCE}\bwill\s+(?:begin|start)\b",
    re.IGNORECASE,
)
# A party agreeing in the sentence: the gold codes the term beside the start ("the ceasefire
# agreed between the parties" names the truce, no party's act of agreeing).
_PARTY_AGREES = re.compile(
    r"\bagreed\b(?!\s+(?:between|by)\b)|\bagrees?\b|\breached\b|\bsigned\b|\bstipulat",
    re.IGNORECASE,
)

_CAPTIVES = r"(?:hostages|prisoners|captives|detainees|remains|bodies|policemen|soldiers|POWs)"
_RELEASE_TOLD = re.compile(
    rf"\b{_CAPTIVES}\b[^.;]{{0,60}}?\b(?:will|would)\s+be\s+(?:released|freed|transferred|"
    r"handed\s+over|returned)\b|"
    rf"\b(?:will|would)\s+(?:release|free|hand\s+over|return)\s+(?:[\w-]+\s+){{0,3}}?{_CAPTIVES}\b",
    re.IGNORECASE,
)
# "a list of hostages to be released", "choosing which prisoners would be released": the list
# or the choice is what is told, not the release.
_A_LIST = re.compile(
    rf"\b(?:list|lists|names)\s+of\b|\bwhich\s+(?:[\w-]+\s+){{0,3}}?{_CAPTIVES}\b",
    re.IGNORECASE,
)
_GOODS = r"(?:trucks|lorries|convoys?|aid|fuel|food|supplies)"
_AID_TOLD = re.compile(
    rf"\b(?:{_GOODS}|ship\s+carrying|vessels?\s+carrying)\b[^.;]{{0,60}}?\b(?:would|will|to)\s+"
    r"(?:go\s+in|be\s+dispatched|enter|follow|arrive|reach)\b|"
    rf"\b{_GOODS}\b[^.;]{{0,40}}?\b(?:had|have|has)\s+(?:entered|arrived|reached)\b|"
    r"\bstart(?:ed)?\s+distributing\b|\ballowed\s+to\s+enter\b|\bintroduction\s+of\s+fuel\b",
    re.IGNORECASE,
)
_A_CALL = re.compile(r"\b(?:call(?:s|ed|ing)?\s+(?:for|on)|urg\w+|demand\w*)\b", re.IGNORECASE)
_TALKS_AHEAD = re.compile(
    r"\b(?:look(?:s|ing)?\s+forward\s+to|to\s+be\s+followed\s+by|commenc\w+|beginning|begin|"
    r"oversee|pav(?:e|es|ing)\s+the\s+way\s+for)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:talks|negotiations|discussions|dialogue)\b",
    re.IGNORECASE,
)


# "will begin talks on June 20 in Cairo": talks given a day are a planned meeting.
_A_DAY_AFTER = re.compile(
    r"[^.;]{0,40}?\b(?:on|from|by|next)\s+(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|"
    r"Dec)[a-z]*\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|week\b|month\b)"
)


def _talks_ahead(own: str) -> bool:
    match = _TALKS_AHEAD.search(own)
    return match is not None and _A_DAY_AFTER.match(own, match.end()) is None


def _covered(candidates: list[Candidate], kind: str, c: Candidate) -> bool:
    a, b = c.sentence_span or c.span
    for o in candidates:
        oa, ob = o.sentence_span or o.span
        if o.type == kind and o is not c and oa < b and a < ob:
            return True
    return False


def read_types(
    candidates: list[Candidate], text: str, others: list[Candidate] | None = None
) -> list[Candidate]:
    """The candidates with each one whose construction tells another type retyped (or dropped
    where a candidate of that type, among them or `others`, covers its sentence)."""
    every = candidates + (others or [])
    kept: list[Candidate] = []
    for c in candidates:
        own = text[c.span[0] : c.span[1]]
        to: str | None = None
        if c.type == "statement" and on("type.terms_told") and _TERMS_TOLD.search(own):
            to = "agreement_term"
        elif (
            c.type == "statement"
            and on("type.accusation_is_breach")
            and c.modality == "occurred"
            and _ACCUSATION.search(own)
            and not _CONDITION.search(own)
        ):
            to = "breach"
        elif c.type == "agreement_term" and on("type.took_effect_is_start"):
            a, b = c.sentence_span or c.span
            sentence = text[a:b]
            if _TAKES_EFFECT.search(sentence) and not _PARTY_AGREES.search(sentence):
                continue  # the truce's start, which the start rules read
        elif (
            c.type == "statement"
            and on("type.release_told")
            and _RELEASE_TOLD.search(own)
            and not _A_LIST.search(own)
        ):
            to = "release"
        elif (
            c.type == "statement"
            and on("type.aid_told")
            and _AID_TOLD.search(own)
            and not _A_CALL.search(own)
        ):
            to = "aid_delivery"
        elif c.type == "meeting" and on("type.talks_ahead") and _talks_ahead(own):
            continue
        if to is not None and not on(f"kind.{to}"):
            continue  # the type it tells is switched off: no event of it, nor a statement
        if to is not None:
            if _covered(every, to, c):
                continue
            c.type = to
            if to == "breach":
                c.modality = "occurred"
        kept.append(c)
    return kept
