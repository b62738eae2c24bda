"""Modality: whether a sentence reports what happened, what is planned, hoped for, conditional,
or denied.

Precedence is conditional > denied > hoped > planned > occurred. The gold set
(`eval/gold/annotations.jsonl`) moved conditional above denied: "would end ... if Hamas did not
return the hostages" is conditional, and the negation sits inside the condition. Hoped stays
above planned ("We are hopeful that ... we will be getting" is hoped). Narrator negation alone
("the truce does not cover Islamic State") is not a denial in the gold set: denial is an actor
disputing that it did something, or asserting it complied.

A term in force whose content is conditional ("extend days as long as Hamas ...") is still an
occurred `agreement_term`; that is the event component's call, not this one's.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.pipeline import annotate, doc_text, sentence_spans
from truce.extract.switches import on

_EVENT_VERBS = (
    r"(?:releas|free|violat|breach|attack|fir|strik|shell|hand(?:ed)? over|withdraw|open|"
    r"kill|target|fight|enter|deliver|allow)"
)

# Every pattern runs on `_fold(text)`, lowered, without re.IGNORECASE: matching stays the same
# (see `_fold`), offsets do not move, and literals can be rejected by their first character.
# Where a match's span is not used, a leading `\b` is taken out of the alternation and
# trailing `\w*` / optional prefixes that cannot decide whether there is a match are left off.
_CONDITIONAL = re.compile(
    r"\b(?:(?<!\bas )if|unless|as long as|provided that|on condition that|so long as|in case|"
    r"not\b[^.;]*\buntil)\b"
)
# A threat, or a response promised to whatever the other side may do, is conditional (gold
# guideline): "threatened to end the truce", "will respond forcefully to any violation",
# "would strike back against any offensives", "any future act of terrorism would be considered
# an act of war".
_THREAT = re.compile(
    r"\bthreat(?:en|ens|ened|ening)\s+to\b|"
    r"\b(?:respond|retaliat|react|answer|strik(?:e|es|ing)\s+back|hit(?:s|ting)?\s+back)\w*\s+"
    r"(?:[\w-]+\s+){0,3}?(?:to|against|for)\s+any\b|"
    r"\bany\s+(?:[\w-]+\s+){0,5}?(?:would|will)\s+be\s+(?:considered|treated|regarded|seen|"
    r"met|answered)\b"
)
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)\b|rejected\b[^.;]*\b(?:claims?|accusations?|allegations?|"
    r"reports?)\b|dismiss(?:ed|es)?\b[^.;]*\bas\b|"
    r"(?:observed|respected|abided by|complied with)\b[^.;]*\b(?:truce|ceasefire|agreement|deal)\b|"
    rf"(?:did|do|does|had|has|have) not\s+(?:\w+\s+)?{_EVENT_VERBS}|"
    rf"never\s+{_EVENT_VERBS}|"
    rf"no\b[^.;]{{0,60}}\b(?:were|was|had been|have been)\s+{_EVENT_VERBS})"
)
# "We hope this process will lead to", "I hope it will happen": a hope with its clause and no
# "that" (not "had hoped would be", a relative clause).
_HOPE_CLAUSE = re.compile(
    r"\bhop(?:e|es|ing)\s+(?:really\s+)?(?:it|this|these|the|we|they|he|she|you|all|our|"
    r"their|both)\b"
)
_HOPED = re.compile(
    r"\b(?:hop(?:e|es|ed|ing)\s+(?:that|to|for)\b|hopeful\b|(?:our|their|his|her|a|some|"
    r"new|glimmer of) hope\b|(?:working|trying|seeking|striving|pushing) to\b|"
    r"aim(?:s|ed|ing)? (?:to|at)\b|sought to\b|wants? (?:to|an?)\b)"
)
_PLANNED = re.compile(
    r"\b(?:will|would|(?:is|are|was|were) (?:to|due|expected to|scheduled to|set to|"
    r"planned|planning to|poised to|slated to)|plans? to|scheduled (?:to|for)|"
    r"due to (?:take|start|begin|end|expire|be|run|resume|meet|arrive)|shall|"
    r"intends? to|going to)\b|'ll\b"
)

# Where a reported clause begins: the content after a speech verb can differ in modality
# from the speech itself ("said the mediator would use the extension").
_SPEECH = re.compile(
    r"\b(?:said|says|say|told \w+(?: \w+)?|announced|added|stressed|warned|confirmed|"
    r"acknowledged|declared)(?: that)?\b|;"
)
_COORDINATION = re.compile(
    r", (?:but|while|whereas|and|adding|saying|raising|confirming|prompting)\b|"
    r"\b(?:and|but) that\b"
)
# The same two without their word boundaries: every match of theirs holds a match of these.
# Each branch opens on a literal, so the engine skips in C to the characters that can start
# one; a clause with no match needs no walk through the boundaries at all.
_SPEECH_CUE = re.compile(
    r"sa(?:id|ys?)|told|announced|added|stressed|warned|confirmed|acknowledged|declared|;"
)
_COORDINATION_CUE = re.compile(
    r", (?:but|while|whereas|and|adding|saying|raising|confirming|prompting)|(?:and|but) that"
)


# Substrings each pattern needs before it runs, looked for in the plain `str.lower()` of the
# text (not its fold): checking them costs a fraction of running the pattern, and most clauses
# hold none of them. They decide the result as much as the patterns do.
def _conditional(cued: str, folded: str) -> bool:
    return (
        "if" in cued
        or "unless" in cued
        or "as long" in cued
        or "provided" in cued
        or "condition" in cued
        or "in case" in cued
        or "until" in cued
    ) and _CONDITIONAL.search(folded) is not None


def _denied(cued: str, folded: str) -> bool:
    return (
        "den" in cued
        or "reject" in cued
        or "dismiss" in cued
        or "observed" in cued
        or "respected" in cued
        or "abided" in cued
        or "complied" in cued
        or " not" in cued
        or "never" in cued
        or "no " in cued
    ) and _DENIED.search(folded) is not None


def _hoped(cued: str, folded: str) -> bool:
    if "hop" in cued and on("modality.hope_clause") and _HOPE_CLAUSE.search(folded):
        return True
    return (
        "hop" in cued
        or "working" in cued
        or "trying" in cued
        or "seeking" in cued
        or "striving" in cued
        or "pushing" in cued
        or "aim" in cued
        or "sought" in cued
        or "want" in cued
    ) and any(not _participle(folded, m) for m in _HOPED.finditer(folded))


# "a 60-day truce aimed at ending the conflict", "killed trying to reach the north", "Egypt,
# working to secure a deal, ...": a participle describing a noun tells no one's hope; a verb
# with its subject or auxiliary does ("Qatar is working to", "they aimed to", "it aims to").
_PARTICIPLE_HOPE = re.compile(r"(?:working|trying|seeking|striving|pushing|aiming)\b|aimed\s+at\b")
_FINITE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|am|keep|keeps|kept|continues?|continued|we|they|i|he|"
    r"she|it|who|which|that)\s+(?:(?:still|also|now|actively|\w+ly)\s+)?$|['’]re\s+$"
)


def _participle(folded: str, match: re.Match[str]) -> bool:
    """Whether the hope word is a participle describing a noun (see above)."""
    if not on("modality.participle_aim") or not _PARTICIPLE_HOPE.match(folded, match.start()):
        return False
    return _FINITE_BEFORE.search(folded, max(0, match.start() - 30), match.start()) is None


def _planned(cued: str, folded: str) -> bool:
    return (
        "will" in cued
        or "would" in cued
        or " is " in cued
        or " are " in cued
        or " was " in cued
        or " were " in cued
        or "due" in cued
        or "plan" in cued
        or "schedul" in cued
        or "shall" in cued
        or "intend" in cued
        or "going to" in cued
        or "'ll" in cued
    ) and _PLANNED.search(folded) is not None


# The only characters that re.IGNORECASE matches against an ASCII letter other than through
# str.lower(): "İ" (whose lower() is two characters), "ı" and "ſ" (which match i and s).
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def _fold(text: str) -> tuple[str, str]:
    """`text.lower()` (for the cue words) and `text` lowered character for character, so that a
    lowercase pattern matches it where the same pattern with re.IGNORECASE would match `text`;
    the two are the same string unless `text` holds one of the three letters above."""
    lowered = text.lower()
    if "İ" in text or "ı" in text or "ſ" in text:
        return lowered, text.translate(_FOLD).lower()
    return lowered, lowered


def modality_of(sentence: str) -> str:
    """occurred | planned | conditional | denied | hoped, for the sentence as a whole."""
    cued, folded = _fold(sentence)
    if _conditional(cued, folded):
        return "conditional"
    return _unconditional(cued, folded)


def _threat(cued: str, folded: str) -> bool:
    """A threat is its clause's own: unlike an if-clause it does not reach the clauses
    coordinated with it."""
    threat = "threat" in cued or "any" in cued
    return threat and on("modality.threat") and _THREAT.search(folded) is not None


def _unconditional(cued: str, folded: str) -> str:
    if _threat(cued, folded):
        return "conditional"
    if _denied(cued, folded):
        return "denied"
    if _hoped(cued, folded):
        return "hoped"
    if _planned(cued, folded):
        return "planned"
    return "occurred"


# A relative clause set off by commas tells its own time: "The truce, which began on Friday,
# will last until 30 April" (began: occurred; last: planned). An offset inside it takes the
# clause's modality; an offset outside it reads the sentence without it.
_RELATIVE = re.compile(r", (?:which|who) [^,;]{3,120},")


def _relatives(folded: str) -> list[tuple[int, int]]:
    if ", wh" not in folded or not on("modality.relative_clause"):
        return []
    return [m.span() for m in _RELATIVE.finditer(folded)]


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span spaced out, offsets kept."""
    for lo, hi in spans:
        text = text[:lo] + " " * (hi - lo) + text[hi:]
    return text


def single_clause(sentence: str) -> bool:
    """Whether the sentence has no clause boundary `modality_at` would cut at: then every
    offset in it has the sentence's own modality."""
    folded = _fold(sentence)[1]
    if _with_phrase(folded) or _calls_cued(folded) or _relatives(folded):
        return False
    return _SPEECH_CUE.search(folded) is None and _COORDINATION_CUE.search(folded) is None


# A phrase of its own after ", with": "took effect at 5 PM, with plans for further talks
# scheduled for May 12", "the exchange is slated to proceed, with Russia reporting a swap of
# 270". It belongs to no clause before it, and none before it to it.
_WITH = re.compile(r", with\b")


def _with_phrase(folded: str, lo: int = 0, hi: int | None = None) -> bool:
    hi = len(folded) if hi is None else hi
    return ", with" in folded[lo:hi] and on("modality.with_phrase")


def modality_at(
    sentence: str, offset: int, whole: str | None = None, single: bool | None = None
) -> str:
    """The modality of the clause around `offset` (a character offset into `sentence`).

    A condition reaches every coordinated clause of the statement it closes ("would mirror
    Russia's actions, and that Kyiv was ready to extend ... if Moscow observed it"), so it is
    looked for in the whole reported segment; the other modalities only in the clause.

    `whole` is `modality_of(sentence)` when the caller has it: a sentence with no clause
    boundary is one clause, whose modality that is (`single`: `single_clause(sentence)`, when
    the caller has that too).
    """
    if whole is not None and (single if single is not None else single_clause(sentence)):
        return whole
    lowered, folded = _fold(sentence)
    relatives = _relatives(folded)
    if relatives:
        inside = next(((lo, hi) for lo, hi in relatives if lo < offset < hi), None)
        if inside is not None:
            lo, hi = inside
            return _unconditional(lowered[lo:hi], folded[lo:hi])
        sentence, folded = _blank(sentence, relatives), _blank(folded, relatives)
        lowered = folded if lowered is folded else _blank(lowered, relatives)
    # Cue words are looked for in the lowered part (as if it were lowered alone, which only
    # differs in ς for σ), unless lowering moved offsets or the fold differs from lower().
    exact = lowered is folded
    segment = (0, len(folded))
    if _SPEECH_CUE.search(folded) is not None:
        segment = _around(folded, offset, _SPEECH, keep_left=True)
    lo, hi = segment
    cued = lowered[lo:hi] if exact else sentence[lo:hi].lower()
    if _conditional(cued, folded[lo:hi]):
        return "conditional"
    if _COORDINATION_CUE.search(folded, lo, hi) is not None:
        lo, hi = _around(folded, offset, _COORDINATION, keep_left=False, within=segment)
    if _with_phrase(folded, lo, hi):
        lo, hi = _around(folded, offset, _WITH, keep_left=False, within=(lo, hi))
    cued = lowered[lo:hi] if exact else sentence[lo:hi].lower()
    found = _unconditional(cued, folded[lo:hi])
    if found == "occurred" and _called_for(folded, lo, offset):
        return "planned"
    return found


# An event named as what someone calls for is asked, not done: "Egypt calls for a
# comprehensive and mutual ceasefire starting at 11:30 p.m.", "urged an immediate halt". (The
# call itself, a statement, keeps its own modality: a demand is occurred, gold guideline.)
_CALLED_FOR = re.compile(
    r"\b(?:(?:calls?|called|calling)\s+for|urg(?:es|ed|ing)|demand(?:s|ed|ing)?|"
    r"propos(?:es|ed|ing))\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}?$"
)


def _calls_cued(folded: str) -> bool:
    cued = "call" in folded or "urg" in folded or "demand" in folded or "propos" in folded
    return cued and on("modality.called_for")


def _called_for(folded: str, lo: int, offset: int) -> bool:
    """Whether the event at `offset` is the object of a call, a demand or a proposal."""
    if not _calls_cued(folded[lo:offset]):
        return False
    return _CALLED_FOR.search(folded, max(lo, offset - 60), offset) is not None


def _around(
    text: str,
    offset: int,
    boundary: re.Pattern[str],
    keep_left: bool,
    within: tuple[int, int] | None = None,
) -> tuple[int, int]:
    """The span between the boundaries on either side of `offset`. A speech verb belongs to
    the clause before it (`keep_left`), a conjunction to the clause after it."""
    start, end = within or (0, len(text))
    # Matches come in order and inside (start, end): the last cut at or before `offset` and
    # the first one after it are the bounds, and the scan stops there.
    for match in boundary.finditer(text, start, end):
        cut = match.end() if keep_left else match.start()
        if cut > offset:
            return start, cut
        start = cut
    return start, end


@Language.component("truce_modality_v1", assigns=["doc._.modalities"])
def modality_component(doc: Doc) -> Doc:
    text = doc_text(doc)
    modalities = {
        i: modality_of(text[start:end]) for i, (start, end) in enumerate(sentence_spans(doc))
    }
    annotate(doc, "modalities", modalities)
    return doc
