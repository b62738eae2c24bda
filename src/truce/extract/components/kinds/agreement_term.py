"""Agreement terms: one candidate per provision a sentence states, with its own counts.

A sentence that sets out a deal often lists several provisions, coordinated: "18 ships are to be
allowed into Hodeidah, and two flights a week are to fly ..."; "30 for every civilian and 50 for
every female soldier". Each is a term of its own, so the sentence is cut where a new provision
opens (a semicolon or colon, ", and", or "and" before a count), and each part that states a
provision (a term trigger or a ratio in it, or a count after the first part) gives one term with
the counts of that part.

A ratio ("three prisoners for every hostage") is a term even where no deal is named.
"""

from __future__ import annotations

import re

from truce.domain.claims import EventType
from truce.extract.components.kinds.common import Context, KindRule, first_trigger
from truce.extract.components.kinds.term_clauses import CUES as CLAUSE_CUES
from truce.extract.components.kinds.term_clauses import (
    clauses,
    own_counts,
    while_breaks,
)
from truce.extract.components.kinds.term_guards import accepts_proposal, threat_if_violated
from truce.extract.components.kinds.term_parts import more_breaks, states_provision
from truce.extract.components.kinds.term_told import CUES as TOLD_CUES
from truce.extract.components.kinds.term_told import told
from truce.extract.components.sentence_view import (
    NAMED_CUES,
    Sentence,
    candidate,
    clause_end,
    finditer,
    search,
)
from truce.extract.lexicon_numbers import SMALL_NUMBERS, word_alternation
from truce.extract.model import Article, Candidate
from truce.extract.switches import on
from truce.extract.triggers import TRIGGERS

KIND = EventType.AGREEMENT_TERM
_COUNT = rf"(?:\d[\d,]*|{word_alternation(list(SMALL_NUMBERS))})"
# "three prisoners for every hostage"; or with the count after: "for every hostage freed, 30
# prisoners", "an extra day for every additional 10 hostages".
RATIO = re.compile(
    rf"\b{_COUNT}\s+(?:[a-z]+\s+)?for\s+(?:each|every)\s+(?!one\b|other\b)\w+|"
    rf"\bfor\s+(?:each|every)\s+(?:additional\s+|further\s+)?(?:{_COUNT}\s+)?(?:[\w-]+\s+)?"
    rf"(?:hostages?|prisoners?|captives?|detainees?|soldiers?)\b",
    re.IGNORECASE,
)
# A party saying it stands by the deal ("remained committed to the agreement as long as ...")
# states its position: a statement, not a term of the deal.
_COMMITMENT = re.compile(
    r"\b(?:remain(?:s|ed)?|is|was|are|were|stays?|stayed)\s+(?:fully\s+|still\s+)?committed\s+to\b",
    re.IGNORECASE,
)
_DEAL = r"(?:deal|agreement|accord|truce|ceasefire|cease-fire|armistice|pact|understanding)"
# What the deal is for: "the deal, brokered by Egypt, aims to de-escalate", "the second phase
# aims for a full withdrawal". Its aim is a term in force, though "aims" sounds like a hope.
_DEAL_AIM = re.compile(
    rf"(?:{_DEAL}|phase)\b[^.;]{{0,80}}?\baims?\s+(?:to|for|at)\b", re.IGNORECASE
)
# What a deal sets out, in the words reports use for it besides the trigger table's: "the accord
# mandates a phased withdrawal", "the agreement required a complete cessation", "it includes a
# monitoring mechanism", "a ceasefire agreement was reached", "decided on an immediate
# ceasefire", "both sides promised to stop", "agreed to swap 1,000 prisoners each".
DEAL_CONTENT = re.compile(
    rf"\b(?:(?:{_DEAL}|it|phase)\s+(?:also\s+)?(?:mandate[sd]|require[sd]|required|include[sd]|"
    rf"entail(?:s|ed)|stipulate[sd]|involves|(?:will|would)\s+involve|guarantees|"
    rf"(?:is|was)\s+[\"\u201c]?designed\s+to)\b|"
    rf"{_DEAL}\s+(?:\w+\s+){{0,4}}?(?:was|had\s+been|has\s+been|is)\s+(?:reached|announced|signed)\b|"
    # "a ceasefire agreement reached just hours earlier", "a truce between X and Y reached
    # last November" (not "the truce has reached its tenth day", "an agreement has not been
    # reached", nor the aside "the deal reached between X and Y expired").
    rf"{_DEAL}\s+(?:(?!(?:has|have|had|been|be|not|was|were|is|are)\b)[\w-]+\s+){{0,4}}?"
    rf"reached\s+(?!its\b|their\b|a\s+(?:point|stage)\b|[^.;]{{0,60}}?\b(?:expired|ended|"
    rf"collapsed|lapsed)\b)|"
    rf"(?:reached|signed)\s+(?:an?|the|their|its)\s+(?:[\w-]+\s+){{0,2}}{_DEAL}\b|"
    rf"decided\s+on\s+an?\s+(?:\w+\s+)?(?:ceasefire|truce|cessation)|"
    rf"(?:promised|pledged)\s+(?:not\s+)?to\s+(?:stop|halt|cease|suspend|withdraw|allow|release|"
    rf"refrain)\b|"
    rf"agreed\s+(?:to|on)\s+(?:an?\s+|the\s+)?(?:[\w,-]+\s+){{0,3}}?(?:swap|exchange|"
    rf"withdrawal|release|monitoring)\b|"
    # What the parties bound themselves to do or not to do: "agreed not to loot", "agreed to
    # suspend operations", "decided to create a monitoring mechanism".
    rf"(?:agreed|decided)\s+(?:not\s+to\b|to\s+(?:suspend|halt|stop|cease|refrain|create|"
    rf"establish|set\s+up|form|allow|open)\b)|"
    rf"{_DEAL_AIM.pattern}|"
    rf"retains?\s+the\s+right\b)",
    re.IGNORECASE,
)
# Words one of which every DEAL_CONTENT match holds: a sentence without them is not searched.
DEAL_CONTENT_CUES = (
    *("mandate", "require", "include", "entail", "stipulate", "involve", "guarantee"),
    *("designed", "reached", "announced", "signed", "decided on", "promised"),
    *("pledged", "agreed", "retain", "decided", "aim"),
)
# More verbs a deal sets out its content in (`term.deal_sets`): "the ceasefire also called for
# the army to withdraw", "the plan includes", "the agreement provided for", "the truce applies
# to all weapons", "which excludes territory held by X".
DEAL_SETS = re.compile(
    rf"\b(?:(?:{_DEAL}|plan|it)\s+(?:also\s+)?(?:calls?\s+for|called\s+for|provided\s+for|"
    rf"includes|included|envisions|envisages|foresees|applies\s+to|excludes)|"
    rf"which\s+(?:also\s+)?(?:excludes|applies\s+to))\b",
    re.IGNORECASE,
)
DEAL_SETS_CUES = ("call", "provided for", "include", "envis", "foresee", "applies", "exclude")
# Who will watch the deal is one of its terms (`term.monitored_by`): "the truce will reportedly
# be monitored by Egypt", "it will be monitored by a team of observers", "this would be
# supervised and monitored by an AU panel".
MONITORED_BY = re.compile(
    rf"\b(?:{_DEAL}|plan|it|this)\s+(?:will|would|shall|is\s+to)\s+(?:\w+ly\s+)?be\s+"
    rf"(?:jointly\s+)?(?:monitored|supervised|overseen|verified)\b",
    re.IGNORECASE,
)
# "no details of how the truce would be monitored": a question asked, not a term.
_ASKED = re.compile(r"\b(?:how|whether|if|who|when|why)\s+(?:the\s+|a\s+|this\s+)?$", re.I)
MONITORED_CUES = ("monitored", "supervised", "overseen", "verified")
# The parties agreeing together bind themselves to a term, named deal or not
# (`term.parties_agreed`): "both sides agreed to freeze all troop movements", "the parties
# agreed, with the support of the UN, to start", "the Libyans agreed to evacuate".
PARTIES_AGREED = re.compile(
    r"\b(?i:both\s+(?:sides|parties|countries|delegations)|the\s+(?:two\s+)?(?:sides|parties|"
    r"delegations|belligerents)|the\s+warring\s+(?:sides|parties)|they)\s+"
    r"|\b(?i:the)\s+[A-Z][a-z]+(?:ians|ans|is|ese)\s+"
)
_AGREED_TO = re.compile(
    r"(?:also\s+|have\s+|had\s+|all\s+)*agreed\s*(?:,[^,.;]{1,100},\s*)?(?:to|that|on)\b"
    # Agreeing to meet or talk is a meeting planned, not a term: "agreed to start talks".
    r"(?!\s+(?:start\s+|hold\s+|resume\s+|begin\s+|further\s+)*(?:meet|talks?|negotiat|discuss))",
    re.IGNORECASE,
)
# A deal welcomed is the object of a reaction (a statement), not a term stated.
_REACTION = re.compile(r"\bwelcom\w*\s+(?:the|a|an|this)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# A rate set ahead ("200 trucks of aid would enter daily", "10 hostages will be freed per day"):
# what a deal provides, not a delivery or a release of its own.
_RATE = re.compile(
    r"\b(?:daily|per\s+(?:day|week)|a\s+(?:day|week)|each\s+(?:day|week)|every\s+(?:day|week))\b",
    re.IGNORECASE,
)
_AHEAD = re.compile(r"\b(?:will|would|shall)\s+(?:also\s+)?\w+", re.IGNORECASE)


def rate_ahead(s: Sentence) -> re.Match[str] | None:
    """The future verb of a sentence that sets a rate ahead, if it does (see _RATE)."""
    lowered = s.lower or s.text.lower()
    if "da" not in lowered and "week" not in lowered:  # in every _RATE match
        return None
    if not on("term.rate_ahead"):
        return None
    return search(_AHEAD, s) if search(_RATE, s) is not None else None


_PROVISION_BREAK = re.compile(rf"[;:]\s|,\s+and\s|\sand\s+(?={_COUNT}\b)", re.IGNORECASE)


# Rule `term.signed_deal`: a deal signed, in the words the trigger table's `signed` lacks
# (more words before the noun, no article, a declaration or a joint statement, the passive):
# "signed a permanent ceasefire agreement", "have signed ceasefire deal in Qatar", "sign a
# declaration of principles", "signed a joint statement on the full cessation of hostilities",
# "the peace deal signed last November".
SIGNED_DEAL = re.compile(
    r"\bsign(?:ed|s|ing)?\s+(?:an?\s+|the\s+|their\s+|its\s+)?(?:[\w,-]+\s+){0,4}?"
    r"(?:agreement|deal|accord|declaration|joint\s+statement|decree|memorandum|truce|ceasefire|"
    r"cease-fire|armistice)\b|"
    r"\b(?:agreement|deal|accord|declaration|armistice)\s+(?:was\s+|were\s+|had\s+been\s+|"
    r"has\s+been\s+)?(?:also\s+)?signed\b",
    re.IGNORECASE,
)


# Rule `term.signed_before`: a deal referred to as signed earlier is no signing now: "refer
# the signed agreement to the Council", "Reda, who also signed the Pretoria agreement, said".
_SIGNED_BEFORE = re.compile(
    r"(?:\b(?:the|this|that|its|their|a|an)\s+|\b(?:who|which)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:also\s+|earlier\s+|previously\s+|once\s+)?)$",
    re.IGNORECASE,
)


def signed_deal(s: Sentence) -> re.Match[str] | None:
    """A deal signed (`SIGNED_DEAL`), with the rule on and "sign" in the sentence."""
    if not on("term.signed_deal") or "sign" not in (s.lower or s.text.lower()):
        return None
    return next((m for m in finditer(SIGNED_DEAL, s) if not signed_before(s, m)), None)


def signed_before(s: Sentence, match: re.Match[str]) -> bool:
    """Whether `match`, a signing or reaching of a deal, refers to one done before ("the
    signed agreement", "who also signed the accord"); "the deal was signed" tells one."""
    if not match.group().lower().startswith(("sign", "reached")):
        return False
    if not on("term.signed_before"):
        return False
    return _SIGNED_BEFORE.search(s.text, max(0, match.start() - 40), match.start()) is not None


def extract(s: Sentence, context: Context) -> list[Candidate]:
    found = first_trigger(
        KIND, s, ratio, lambda s: next(iter(deal_content(s)), None), rate_ahead, signed_deal
    )
    if found is None:
        return []
    # What a deal holds names the deal ("agreed to swap 1,000 prisoners each"), and a ratio
    # ("three prisoners for every hostage") is a term even with no deal named; so does
    # signing one ("signed a declaration of principles").
    if not context.names_the_truce(s) and not (ratio(s) or deal_content(s) or signed_deal(s)):
        return []
    no_provision = done_under_the_deal(s) or the_deal_as_a_whole(s)
    if threat_if_violated(s) or accepts_proposal(s):
        return []  # a party's position on the deal (term_guards)
    if no_provision and not (ratio(s) or deal_content(s) or rate_ahead(s)):
        return []
    return terms(s, context.article)


# A verb that looks ahead, as a term does: "would be freed", "are to", "will".
_LOOKS_AHEAD = re.compile(
    r"\b(?:will|would|shall|must|can|could|may|is\s+to|are\s+to|was\s+to|were\s+to)\b",
    re.IGNORECASE,
)


def done_under_the_deal(s: Sentence) -> bool:
    """An event told as done under a deal reports the deal at work, not one of its terms:
    "freed under the deal", "flights have resumed under the terms of the truce", "the fifth
    exchange under the first phase". True when "under the ..." is the sentence's only term
    word and no verb in it looks ahead ("Under the deal, 50 hostages would be freed" is a
    term)."""
    if "under the" not in (s.lower or s.text.lower()) or not on("term.done_under_deal"):
        return False
    matches = list(finditer(TRIGGERS[KIND], s))
    return (
        bool(matches)
        and all(m.group().lower().startswith("under the") for m in matches)
        and search(_LOOKS_AHEAD, s) is None
    )


# Keeping or breaking the deal as a whole: "its commitment to the terms of the ceasefire",
# "should abide by the terms of the truce".
_WHOLE_DEAL = re.compile(
    r"\b(?:commit\w*|abid\w*|compl(?:y|ied|ies|ying|iance)|adher\w*|respect\w*|observ\w*|"
    r"implement\w*|violat\w*|breach\w*|honou?r\w*)\s+(?:(?:to|by|with|of)\s+)?(?:all\s+)?"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


def the_deal_as_a_whole(s: Sentence) -> bool:
    """Whether every term word of the sentence is "terms of the" said of keeping or breaking
    the deal as a whole: no provision is named."""
    if "terms of the" not in (s.lower or s.text.lower()) or not on("term.deal_as_a_whole"):
        return False
    matches = list(finditer(TRIGGERS[KIND], s))
    return bool(matches) and all(
        m.group().lower().startswith("term")  # the "terms of the" alternative
        and _WHOLE_DEAL.search(s.text, max(0, m.start() - 30), m.start()) is not None
        for m in matches
    )


def terms(s: Sentence, article: Article) -> list[Candidate]:
    if search(_COMMITMENT, s) is not None:
        return []
    out: list[Candidate] = []
    anchors = [m.start() for m in finditer(TRIGGERS["agreement_term"], s)]
    anchors = sorted(anchors + [m.start() for m in deal_content(s)])
    lowered = s.lower or s.text.lower()
    anchors = sorted(set(anchors + [m.start() for m in clauses(s, lowered)]))
    if ratio(s) is not None:
        anchors = sorted(anchors + [m.start() for m in finditer(RATIO, s)])
    if rate_ahead(s) is not None:  # each provision's future verb: "will be delivered daily"
        anchors = sorted(anchors + [m.start() for m in finditer(_AHEAD, s)])
    signed = signed_deal(s)
    if signed is not None:
        anchors = sorted(anchors + [signed.start()])
    known, cued = _breaks(s, anchors)
    clause_breaks = set(known + cued)  # "while", "and that", ...: not a comma's "and"
    parts = _provisions(s.text, sorted(clause_breaks))
    clausal: list[Candidate] = []  # parts that are terms by their clause alone (term_parts)
    for index, (lo, hi) in enumerate(parts):
        anchor = next((a for a in anchors if lo <= a < hi), None)
        at = s.start + (anchor if anchor is not None else lo)
        # Within its part, up to a closing quote or semicolon after the provision.
        end = min(s.start + hi, clause_end(s, at))
        counts = [q for q in s.quantities if s.start + lo <= q.span[0] < end]
        weak = bool({lo, hi} & clause_breaks) and states_provision(s.text, lo, hi)
        if anchor is None and not (index and counts and out) and not weak:
            continue
        if anchor is not None and _REACTION.search(s.text, max(0, anchor - 60), anchor):
            continue  # "we welcome the ceasefire agreement reached by ...": a reaction
        c = candidate(KIND.value, s, at, article)
        if c.modality == "hoped" and not _DEAL_AIM.search(s.text, lo, hi):
            continue  # "our hope is to reach ..." is a wish, not a term
        # A term states a rule in force (gold guideline), even when the rule is an "if".
        c.modality = "denied" if c.modality == "denied" else "occurred"
        c.quantities = own_counts(s.text, s.start, counts)
        if anchor is None and not (index and counts and out):
            clausal.append(c)
            continue
        out.append(c)
    if out and clausal:  # the cue alone names no deal: another part must be a term
        out = sorted(out + clausal, key=lambda c: c.trigger or 0)
    return out


def deal_content(s: Sentence) -> list[re.Match[str]]:
    """What the sentence says a deal holds or that one was reached (DEAL_CONTENT); worked out
    once per sentence (the kind asks up to four times, and each time runs up to seven
    patterns)."""
    return s.once("term.deal_content", _deal_content)


def _deal_content(s: Sentence) -> list[re.Match[str]]:
    lowered = s.lower or s.text.lower()
    found = []
    if s.has_cues("term:deal_content") and on("term.deal_content"):
        found = [m for m in finditer(DEAL_CONTENT, s) if not signed_before(s, m)]
    if not found and s.has_cues("term:deal_sets") and on("term.deal_sets"):
        found = list(finditer(DEAL_SETS, s))
    if not found and s.has_cues("term:monitored") and on("term.monitored_by"):
        found = [
            m
            for m in finditer(MONITORED_BY, s)
            if not _ASKED.search(s.text, max(0, m.start() - 20), m.start())
        ]
    if not found:
        found = told(s, lowered)
    if not found:
        found = clauses(s, lowered)
    if not found and "agreed" in lowered and on("term.parties_agreed"):
        found = [m for m in finditer(PARTIES_AGREED, s) if _AGREED_TO.match(s.text, m.end())]
        if not found and on("term.two_parties_agreed"):
            found = [m for m in finditer(TWO_AGREED, s) if _AGREED_TO.match(s.text, m.end())]
    return found


# Rule `term.two_parties_agreed`: the two parties named by what they are, not as "sides":
# "the two DGMOs agreed to address each other's core concerns", "both neighboring countries
# have agreed to respect each other's sovereignty", "the two armies agreed to pull back",
# "Both the governments agreed on". One plural noun (in "s"), at most one word before it.
TWO_AGREED = re.compile(r"\b(?i:the\s+two|both(?:\s+the)?)\s+(?:[\w-]+\s+)?[\w-]+s\s+")


def ratio(s: Sentence) -> re.Match[str] | None:
    """The first ratio in the sentence; every ratio says "for each" or "for every"."""
    lowered = s.lower or s.text.lower()
    if "for each" not in lowered and "for every" not in lowered:  # in every RATIO match
        return None
    if not on("term.ratio"):
        return None
    return search(RATIO, s)


def _breaks(s: Sentence, anchors: list[int]) -> tuple[list[int], list[int]]:
    """Where the sentence's provisions part beyond `_PROVISION_BREAK`: before "while" and a
    withdrawal deadline (`term.withdraw_within`), and at the clause cues of `term_parts`; a
    second infinitive only next to a part that its clause alone makes a term ("are to begin
    pulling back ... and to complete the withdrawal within 14 days" is one provision). The
    breaks `while_breaks` finds, and those of `term_parts` apart: only a part next to one of
    them may be a term by its clause alone (not one after a comma's "and": "said the deal aims
    at ending the bloodshed, and will be the reason for ..." sets one)."""
    known = while_breaks(s)
    more = [(b, infinitive) for b, infinitive in more_breaks(s) if b not in known]
    if not more:
        return known, []
    parts = _provisions(s.text, sorted(known + [b for b, _ in more]))

    def clausal(lo: int, hi: int) -> bool:
        return not any(lo <= a < hi for a in anchors) and states_provision(s.text, lo, hi)

    kept = [
        b
        for b, infinitive in more
        if not infinitive or any(clausal(lo, hi) for lo, hi in parts if b in (lo, hi))
    ]
    return known, kept


def _provisions(text: str, more: list[int] | None = None) -> list[tuple[int, int]]:
    cuts = sorted([m.start() for m in _PROVISION_BREAK.finditer(text)] + (more or []))
    edges = [0, *cuts, len(text)]
    return [(a, b) for a, b in zip(edges, edges[1:], strict=False) if b > a]


_RATE_CUES = ("daily", "per day", "a day", "each day", "every day", "per week", "a week")
RULE = KindRule(
    KIND,
    extract,
    cues=DEAL_CONTENT_CUES
    + DEAL_SETS_CUES
    + MONITORED_CUES
    + _RATE_CUES
    + ("sign",)
    + TOLD_CUES
    + CLAUSE_CUES,
)
# The cue sets asked of each sentence, by name (`Sentence.has_cues`: the events component finds
# them in its one pass over the sentence's words).
NAMED_CUES["term:deal_content"] = DEAL_CONTENT_CUES
NAMED_CUES["term:deal_sets"] = DEAL_SETS_CUES
NAMED_CUES["term:monitored"] = MONITORED_CUES
