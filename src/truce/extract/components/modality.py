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
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)\b|rejected\b[^.;]*\b(?:claims?|accusations?|allegations?|"
    r"reports?)\b|dismiss(?:ed|es)?\b[^.;]*\bas\b|"
    r"(?:observed|respected|abided by|complied with)\b[^.;]*\b(?:truce|ceasefire|agreement|deal)\b|"
    rf"(?:did|do|does|had|has|have) not\s+(?:\w+\s+)?{_EVENT_VERBS}|"
    rf"never\s+{_EVENT_VERBS}|"
    rf"no\b[^.;]{{0,60}}\b(?:were|was|had been|have been)\s+{_EVENT_VERBS})"
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

# The only characters that re.IGNORECASE matches against an ASCII letter other than through
# str.lower(): "İ" (whose lower() is two characters), "ı" and "ſ" (which match i and s).
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def _fold(text: str) -> str:
    """`text` lowered, character for character, so that a lowercase pattern matches it where
    the same pattern with re.IGNORECASE would match `text`."""
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.translate(_FOLD)
    return text.lower()


def modality_of(sentence: str) -> str:
    """occurred | planned | conditional | denied | hoped, for the sentence as a whole."""
    lowered = _fold(sentence)
    if _CONDITIONAL.search(lowered):
        return "conditional"
    return _unconditional(lowered)


def _unconditional(lowered: str) -> str:
    if _DENIED.search(lowered):
        return "denied"
    if _HOPED.search(lowered):
        return "hoped"
    if _PLANNED.search(lowered):
        return "planned"
    return "occurred"


def modality_at(sentence: str, offset: int) -> str:
    """The modality of the clause around `offset` (a character offset into `sentence`).

    A condition reaches every coordinated clause of the statement it closes ("would mirror
    Russia's actions, and that Kyiv was ready to extend ... if Moscow observed it"), so it is
    looked for in the whole reported segment; the other modalities only in the clause.
    """
    lowered = _fold(sentence)
    segment = _around(lowered, offset, _SPEECH, keep_left=True)
    if _CONDITIONAL.search(lowered[segment[0] : segment[1]]):
        return "conditional"
    start, end = _around(lowered, offset, _COORDINATION, keep_left=False, within=segment)
    return _unconditional(lowered[start:end])


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
    doc._.modalities = {
        i: modality_of(text[start:end]) for i, (start, end) in enumerate(sentence_spans(doc))
    }
    return doc
