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

from truce.extract.pipeline import doc_text, sentence_spans

_I = re.IGNORECASE

_EVENT_VERBS = (
    r"(?:releas|free|violat|breach|attack|fir|strik|shell|hand(?:ed)? over|withdraw|open|"
    r"kill|target|fight|enter|deliver|allow)"
)

_CONDITIONAL = re.compile(
    r"(?<!\bas )\bif\b|\bunless\b|\bas long as\b|\bprovided that\b|\bon condition that\b|"
    r"\bso long as\b|\bin case\b|\bnot\b[^.;]*\buntil\b",
    _I,
)
_DENIED = re.compile(
    r"\bden(?:y|ies|ied|ying)\b|\brejected\b[^.;]*\b(?:claims?|accusations?|allegations?|reports?)\b|"
    r"\bdismiss(?:ed|es)?\b[^.;]*\bas\b|"
    r"\b(?:strictly |fully )?(?:observed|respected|abided by|complied with)\b[^.;]*"
    r"\b(?:truce|ceasefire|agreement|deal)\b|"
    rf"\b(?:did|do|does|had|has|have) not\s+(?:\w+\s+)?{_EVENT_VERBS}\w*|"
    rf"\bnever\s+{_EVENT_VERBS}\w*|"
    rf"\bno\b[^.;]{{0,60}}\b(?:were|was|had been|have been)\s+{_EVENT_VERBS}\w*",
    _I,
)
_HOPED = re.compile(
    r"\bhop(?:e|es|ed|ing)\s+(?:that|to|for)\b|\bhopeful\b|\b(?:our|their|his|her|a|some|"
    r"new|glimmer of) hope\b|\b(?:working|trying|seeking|striving|pushing) to\b|"
    r"\baim(?:s|ed|ing)? (?:to|at)\b|\bsought to\b|\bwants? (?:to|an?)\b",
    _I,
)
_PLANNED = re.compile(
    r"\bwill\b|\bwould\b|\b(?:is|are|was|were) (?:to|due|expected to|scheduled to|set to|"
    r"planned|planning to|poised to|slated to)\b|\bplans? to\b|\bscheduled (?:to|for)\b|"
    r"\bdue to (?:take|start|begin|end|expire|be|run|resume|meet|arrive)\b|\bshall\b|"
    r"\bintends? to\b|\bgoing to\b|'ll\b",
    _I,
)

# Where a reported clause begins: the content after a speech verb can differ in modality
# from the speech itself ("said the mediator would use the extension").
_SPEECH = re.compile(
    r"\b(?:said|says|say|told \w+(?: \w+)?|announced|added|stressed|warned|confirmed|"
    r"acknowledged|declared)(?: that)?\b|;",
    _I,
)
_COORDINATION = re.compile(
    r", but\b|, while\b|, whereas\b|, and\b|\band that\b|\bbut that\b|, adding\b|, saying\b|"
    r", raising\b|, confirming\b|, prompting\b",
    _I,
)


# Substrings each pattern needs before it can match: checking them on the lowered text costs a
# fraction of running the pattern, and most clauses hold none of them.
_CUES: dict[re.Pattern[str], tuple[str, ...]] = {
    _CONDITIONAL: ("if", "unless", "as long", "provided", "condition", "in case", "until"),
    _DENIED: (
        "den",
        "reject",
        "dismiss",
        "observed",
        "respected",
        "abided",
        "complied",
        " not",
        "never",
        "no ",
    ),
    _HOPED: ("hop", "working", "trying", "seeking", "striving", "pushing", "aim", "sought", "want"),
    _PLANNED: (
        "will",
        "would",
        " is ",
        " are ",
        " was ",
        " were ",
        "due",
        "plan",
        "schedul",
        "shall",
        "intend",
        "going to",
        "'ll",
    ),
}


def _found(pattern: re.Pattern[str], text: str, lowered: str) -> bool:
    return any(cue in lowered for cue in _CUES[pattern]) and pattern.search(text) is not None


def modality_of(sentence: str) -> str:
    """occurred | planned | conditional | denied | hoped, for the sentence as a whole."""
    if _found(_CONDITIONAL, sentence, sentence.lower()):
        return "conditional"
    return _unconditional(sentence)


def _unconditional(text: str) -> str:
    lowered = text.lower()
    if _found(_DENIED, text, lowered):
        return "denied"
    if _found(_HOPED, text, lowered):
        return "hoped"
    if _found(_PLANNED, text, lowered):
        return "planned"
    return "occurred"


def modality_at(sentence: str, offset: int) -> str:
    """The modality of the clause around `offset` (a character offset into `sentence`).

    A condition reaches every coordinated clause of the statement it closes ("would mirror
    Russia's actions, and that Kyiv was ready to extend ... if Moscow observed it"), so it is
    looked for in the whole reported segment; the other modalities only in the clause.
    """
    segment = _around(sentence, offset, _SPEECH, keep_left=True)
    reported = sentence[segment[0] : segment[1]]
    if _found(_CONDITIONAL, reported, reported.lower()):
        return "conditional"
    start, end = _around(sentence, offset, _COORDINATION, keep_left=False, within=segment)
    return _unconditional(sentence[start:end])


def _around(
    text: str,
    offset: int,
    boundary: re.Pattern[str],
    keep_left: bool,
    within: tuple[int, int] | None = None,
) -> tuple[int, int]:
    """The span between the boundaries on either side of `offset`. A speech verb belongs to
    the clause before it (`keep_left`), a conjunction to the clause after it."""
    lo, hi = within or (0, len(text))
    cuts = [m.end() if keep_left else m.start() for m in boundary.finditer(text, lo, hi)]
    start = max([lo, *(c for c in cuts if c <= offset)])
    end = min([hi, *(c for c in cuts if c > offset)])
    return start, end


@Language.component("truce_modality_v1", assigns=["doc._.modalities"])
def modality_component(doc: Doc) -> Doc:
    text = doc_text(doc)
    doc._.modalities = {
        i: modality_of(text[start:end]) for i, (start, end) in enumerate(sentence_spans(doc))
    }
    return doc
