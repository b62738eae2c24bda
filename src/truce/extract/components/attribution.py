"""Attribution: who says each sentence, through whom, and the quotation it holds.

Sentences are read in order because a speaker is often named once and then referred to
("he added", "the source said"), and a quotation may open in one sentence and close in the
next, with the speaker named only at its end.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.components.actors import government_described
from truce.extract.components.pronoun_stance import PRONOUN_STANCE
from truce.extract.components.relays import (
    AGENCY as _AGENCY,
)
from truce.extract.components.relays import (
    AGENCY_LIST_RE,
    LEAD_CHARS,
    QUOTED_BY,
    aired_outlet,
    document_relay,
    is_outlet,
    outlet_named,
    told_outlet,
    trailing_agency,
)
from truce.extract.gazetteer import ALL_OFFICIALS as OFFICIALS
from truce.extract.gazetteer import ALL_SURNAMES as SURNAMES
from truce.extract.gazetteer import ARMED_GROUPS, NEWER_GROUPS, STATES
from truce.extract.model import ActorMention, Attribution, SourceRef, Span
from truce.extract.pipeline import annotate, annotation, doc_text, sentence_spans
from truce.extract.switches import on
from truce.extract.triggers import TRUCE_NOUN

_OPEN, _CLOSE = '“"', '”"'
_MARK = re.compile('[“”"]')
_VERB_WORDS = (
    "said", "says", "told", "tells", "announced", "confirmed", "added", "acknowledged", "stressed",
    "noted", "warned", "declared", "insisted", "explained", "stated", "accused", "denied", "denies",
    "claimed", "urged", "welcomed", "thanked", "went on to say", "reported",
)  # fmt: skip
# "explosions reported in Srinagar": a participle saying where, not a speaker reporting.
_PARTICIPLE = r"(?<!reported(?= (?:in|at|near|along|across|from|around)\b))"
# Rule `attribution.reported_at_least`: "the ministry reported at least three deaths" reports a
# figure: "at least" and "at most" after "reported" are no place it happened in.
_FIGURE = r"(?<!reported(?= (?:in|at(?! (?:least|most)\b)|near|along|across|from|around)\b))"
_ADVERBS = r"(?:(?:further|also|later|then|again|separately|had|has|have)\s+)*"
# Rule `attribution.more_verbs`: "Lebanese security forces say", "the network documented 321
# deaths", "the minister later verified that", "had informed parliament that": speakers too, of
# the events found (`speaker_by_more_verbs`), not sentences that make statements of their own.
_MORE_VERB_WORDS = ("say", "documented", "verified", "informed")
_MORE_ONLY = re.compile(rf"\b(?:{'|'.join(_MORE_VERB_WORDS)})\b")


# Rule `attribution.claimed_toll`: "claimed" before lives ("the bombing has claimed over 250
# lives", "fighting has claimed the lives of dozens", "claimed thousands of civilian lives") tells
# a toll: what runs before it is the cause of the deaths, not a speaker.
_CLAIMED_TOLL = re.compile(
    r"\s+(?:the\s+lives?\s+of\b|"
    r"(?:(?:more|fewer)\s+than\s+|over\s+|at\s+least\s+|about\s+|nearly\s+|almost\s+|"
    r"some\s+|around\s+|close\s+to\s+|up\s+to\s+)?"
    r"(?:\d[\d,.]*(?:\s+(?:million|thousand|hundred))?|(?:hundreds|thousands|dozens|tens)\s+of)"
    r"(?:\s+[a-z-]+){0,2}?\s+lives\b)",
    re.IGNORECASE,
)


def _claimed_toll(masked: str, verb: re.Match[str]) -> bool:
    """Rule `attribution.claimed_toll` (see `_CLAIMED_TOLL`)."""
    if not verb[0].endswith("claimed"):
        return False
    return on("attribution.claimed_toll") and _CLAIMED_TOLL.match(masked, verb.end()) is not None


def _verbs(words: tuple[str, ...], after: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The speech verbs alone, and with the adverbs that may run before them."""
    says = rf"\b(?:{'|'.join(words)})\b(?! by\b){after}"
    return re.compile(says), re.compile(_ADVERBS + says)


# The speech verbs alone: every match of _VERB_RE holds one, so where this finds none there is
# none, and _VERB_RE's first match cannot start before the letters and spaces running up to the
# first one found (its adverbs are lowercase words between spaces). Scanning for these literals
# is a fraction of running _VERB_RE, whose adverb loop is tried at every position.
_VERB_WORD, _VERB_RE = _verbs(_VERB_WORDS, _PARTICIPLE)
_VERB_WORD_FIGURE, _VERB_RE_FIGURE = _verbs(_VERB_WORDS, _FIGURE)
_MORE_WORDS = _VERB_WORDS + _MORE_VERB_WORDS
_MORE_WORD, _MORE_RE = _verbs(_MORE_WORDS, _PARTICIPLE)
_MORE_WORD_FIGURE, _MORE_RE_FIGURE = _verbs(_MORE_WORDS, _FIGURE)
_CHAIN = "abcdefghijklmnopqrstuvwxyz" + "".join(
    c for c in map(chr, range(0x3000 + 1)) if c.isspace()
)  # what _VERB's adverbs and `\s+` between them are made of (no whitespace lies above U+3000)
_CITED = re.compile(
    rf"\b(?P<via>{_AGENCY}|[A-Z][\w.]*(?: [A-Z][\w.]*)*) (?:cited|quoted) "
    r"(?P<np>[^,]+?) as (?:saying|telling)\b"
)
_CITED_BY = re.compile(rf"(?P<np>[^,]+), (?:cited|quoted) by (?P<via>{_AGENCY}|[A-Z][\w ]+)")
_ACCORDING = re.compile(r"\b(?i:according) to (?P<np>[^,.;]+)(?P<rel>, (?:who|which)[^,.;]+)?")
# Rule `attribution.abbreviation_dots`: "according to the U.S. State Department", '"...," said
# the U.N. envoy': the full stop after a lone capital letter, before another capital,
# abbreviates a word of the name; it ends no phrase ("U" is no speaker).
_INITIAL = r"(?<![A-Za-z])[A-Z]\.(?=[A-Z]|\s+[A-Z])"
_ACCORDING_DOTS = re.compile(
    rf"\b(?i:according) to (?P<np>(?:{_INITIAL}|[^,.;])+)(?P<rel>, (?:who|which)[^,.;]+)?"
)
_TAIL_SPLIT_DOTS = re.compile(r"[,;]|(?<!(?<![A-Za-z])[A-Z])\.")
_REPORTED = re.compile(rf"\b(?P<via>{_AGENCY}) (?:reported|said|quoted)\b")
_LEAD_ADVERB = re.compile(
    r"(?:(?:Later|Earlier)(?:\s+(?:this|last|that)\s+(?:month|week|year|day))?|Meanwhile|"
    r"However|Also|Then|Separately|Previously|Now|Today),?\s+"
)
# Rule `attribution.subject_cleanup`: what opens a sentence without being part of its subject:
# a conjunction ("But a spokesman for the ministry said") and the date marker some corpora put
# before the text (" date 2025-04-03 Myanmar's ruling military declared").
_LEAD_JUNK = re.compile(r"(?:\s*date \d{4}-\d{2}-\d{2}\b)?\s*(?:(?:But|And|Yet|So),?\s+)?")
# Rule `attribution.own_truce`: "the junta declared a temporary ceasefire", "the groups announced
# a two-week pause": a party announcing its own truce is the writer's news of an act, not a
# source speaking (the party is the truce's actor). The noun phrase the verb takes holds a truce
# noun before any clause or quotation opens. A person declaring one speaks ("Putin announced").
_OWN_TRUCE = re.compile(
    rf"\s+(?:(?:an?|the|its|their|his|her)\s+)?(?:(?!(?:that|to|it|this|which|on)\b)[\w’'-]+\s+){{0,5}}?"
    rf"(?:{TRUCE_NOUN}s?|extension|extensions)\b",
    re.IGNORECASE,
)
# Rule `attribution.spokesman_for`: "a spokesman for the Armenian Defense Ministry said": the
# institution speaks on the record through its unnamed spokesman (gold README, "source").
_SPOKESMAN_FOR = re.compile(
    r"(?:an?|the)\s+(?:(?:chief|senior|deputy|official|military)\s+)?"
    r"(?P<role>spokes(?:man|woman|person)|representative)\s+(?:for|of)\s+(?P<np>(?:the\s+)?[A-Z].*)$",
    re.IGNORECASE,
)
_JUNK_STARTS = frozenset("dBAYS")
_OWN_TRUCE_VERBS = frozenset(("announced", "declared", "announces", "declares"))
_REPORTED_BY = re.compile(
    r"\b(?:reported|announced|stated|said|confirmed)\s+by\s+(?P<np>(?:the\s+)?[A-Z][^,.;]*)"
)
# A person's name after a title the gazetteer knows as an office.
_HOLDER = re.compile(r"[A-Z][\w'’-]+(?:\s+(?:al-|bin\s+)?[A-Z][\w'’-]+){1,3}")
_ENDS_IN_NAME = re.compile(r"(?<![\w-])[A-Z][\w'’-]+(?:\s+(?:al-)?[A-Z][\w'’-]+){1,2}$")
# "was announced", "were reported": a passive speech verb has no speaker before it.
_AUXILIARIES = frozenset(("was", "were", "is", "are", "be", "been", "being"))
# Asides between a subject and its verb: "Pakistan, however, denied".
_ASIDE = re.compile(
    r"\s*(?:however|meanwhile|though|too|also|in turn|for (?:its|his|her|their) part|"
    r"in (?:a|its|his|her|their) statement|in response|separately|later|earlier|among others)\s*",
    re.I,
)
# "Speaking after the meeting, Ivan Petrov": the participle clause before the speaker.
_SPEAKING = re.compile(r"^.*?\b(?:[Ss]peaking|[Aa]ddressing|[Ww]riting)\b[^,]*,\s*")
_RELATIVE = re.compile(r"^\s*(?:who|whom|whose|which|speaking|citing|a|an)\b", re.I)
_ANAPHOR = re.compile(
    r"^(?:he|she|they|it|the (?:group|source|official|person|movement|ministry|spokesman|"
    r"spokeswoman|minister|envoy|mediator|president|diplomat|statement)|one of them)$",
    re.I,
)
_ANONYMOUS = re.compile(
    r"\b(?:sources?|officials?|person|people|diplomats?|aides?|insiders?|residents|witnesses|"
    r"officers?|commanders?)\b",
    re.I,
)
_ANONYMITY = re.compile(
    r"\b(?:unnamed|anonymous|anonymity|not to be (?:named|identified)|declined to be "
    r"(?:named|identified)|familiar with|briefed on|close to|involved in)\b",
    re.I,
)
# Rule `attribution.anonymous_needs_person`: an unnamed source is someone: a person's noun
# (`_ANONYMOUS`), a role (`_ROLE_ONLY`) or a body that reports ("local media", "monitors"). A
# document ("according to the agreement", "a copy of the declaration seen by AP") or a stray
# phrase before a speech verb ("with airstrikes reported", "has already claimed") is no source:
# the writer narrates.
_WHO = re.compile(
    r"\b(?:spokes(?:man|woman|person)|minister|president|envoy|chief|negotiator|director|"
    r"secretary|leader|head|media|press|monitors?|mediators?|medics?|activists?|analysts?|"
    r"observers?|rescuers?|staff|workers?|doctors?|police|army|military|forces|troops|he|she|"
    r"they|we|i|group|ministry|government|authorities|agency|office|team|committee|council|junta|"
    r"rebels?|militants?|militias?|fighters|insurgents|guerrillas?|regime|administration|cabinet)\b",
    re.I,
)
_ROLE_ONLY = re.compile(
    r"\b(?:spokes(?:man|woman|person)|minister|president|envoy|chief|"
    r"negotiator|director|secretary|leader|head)\b",
    re.I,
)
_TRIM = re.compile(r"\s+(?:at|in|on|during|after|before|from|when|while|to)\s.*$|[.\s]+$")
_SUBORDINATE = re.compile(
    r"\b(?:after|before|when|while|because|since|although|though|as|"
    r"that|where|once)\s"
)
_OFFICE_HOLDER = re.compile(r"\b(?:minister|president|secretary|envoy|governor|king)$", re.I)
_DASH = re.compile(r" [-–—] ")  # "Friday – the Israeli military said": after the dash
_ARTICLE = re.compile(r"^(?:the|The)\s+")
_AGE = re.compile(r"\s*\d{1,3}\s*")
_DESCRIBED = re.compile(
    r"(?P<role>(?:[a-z][\w-]*\s+){1,3})(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})"
)
_HEAD_SPLIT = re.compile(r"[,;:”\"]")
# A head ending in a closing quotation mark (and a comma): the speaker follows the verb.
_QUOTE_ENDS = ("”", '"', "”,", '",')
# The passive's auxiliary stands within this many characters before the verb.
_PASSIVE_REACH = 40
_TAIL_SPLIT = re.compile(r"[,;.]")
_QUANTIFIER = re.compile(r"^(?:an?|one|two|some)(?: unnamed| anonymous)? ", re.I)
_POSSESSIVE = re.compile(r"^([A-Z][\w ]*?)['’]s ")
_SHEIKH = re.compile(r"^Sheikh ")
_DEMONYM = {names[0]: adjectives[0] for names, adjectives, _ in STATES.values() if adjectives}
_SEAT_OF = {a: names[0] for a, (names, _, _) in STATES.items()}
# An armed group's name as the gazetteer gives it first ("Houthis", "Rapid Support Forces").
GROUP_NAMES = {g: names[0] for g, names in ARMED_GROUPS.items()} | {
    g: names[0] for g, (names, _) in NEWER_GROUPS.items()
}
_ADJECTIVES = frozenset(
    adjective for _, adjectives, _ in STATES.values() for adjective in adjectives
)
# "A statement from the junta information team said": the team speaks.
_STATEMENT_FROM = re.compile(
    r"(?:an?|the|their|its)\s+(?:joint\s+|brief\s+|written\s+|separate\s+)?"
    r"(?:statement|communiqu[eé]|announcement)\s+(?:from|by|issued\s+by|released\s+by)\s+",
    re.IGNORECASE,
)
# After an inverted speech verb: the speaker's phrase, ending its clause.
_NAMED_TAIL = re.compile(r"\s+(?P<np>[^,;.:“”\"]+?)\s*(?:[,;:]|\.(?:\s|$)|$)")
_SPEAKING_KINDS = frozenset(("state", "armed-group", "agency", "official", "organisation"))


def attribute(
    text: str,
    sentences: Sequence[tuple[int, int]],
    actors: Sequence[ActorMention],
    outlet: str | None = None,
) -> dict[int, Attribution]:
    """For each sentence (character spans into `text`), its source and quotation.

    `outlet` is the publishing outlet: a source who "told" it is not relayed by anyone else.
    """
    spans = _quotes(text, sentences)
    inside = _by_sentence(spans, sentences)
    quotes = [within[0] if within else None for within in inside]
    reader = _Reader(text, actors, outlet)
    # The writer's narration: the agency's when the copy credits one ("— Report from Reuters").
    narration = SourceRef(via=document_relay(text, outlet))
    result: dict[int, Attribution] = {}
    pending: list[int] = []  # sentences of a quotation whose speaker is named at its end
    for i, (start, end) in enumerate(sentences):
        quote = quotes[i]
        found = reader.source(start, end, inside[i])
        if found is None and quote is not None and quote[1] > end:
            pending.append(i)
            continue
        if found is None and quote is not None and (pending or _opens(text, start, quote)):
            found = reader.last  # a further quoted sentence goes on with the last speaker
        if found is not None and reader.role_only and i + 1 < len(sentences):
            found = _named_later(reader, found, sentences[i + 1])
        if found is None and on("attribution.reported_anonymously"):
            found = _reported(text, start, end, narration)
        for j in [*pending, i]:
            result[j] = Attribution(found or narration, quotes[j])
        pending = []
    for j in pending:
        result[j] = Attribution(narration, quotes[j])
    return result


def speaker_by_more_verbs(
    text: str, span: Span, actors: Sequence[ActorMention], outlet: str | None
) -> SourceRef | None:
    """Rule `attribution.more_verbs`: the source of the sentence `span` read with the longer
    list of speech verbs, when it holds one of them; None when it names no one that way."""
    if not on("attribution.more_verbs"):
        return None
    sentence = text[span[0] : span[1]]
    if not any(word in sentence for word in _MORE_VERB_WORDS):
        return None  # a cheap test before the pattern
    if _MORE_ONLY.search(sentence) is None:
        return None
    reader = _Reader(text, actors, outlet, more=True)
    found = reader.source(*span, _quotes(text, [span]))
    return found if found is not None and found.speaker is not None else None


# Rule `attribution.reported_anonymously`: "the truce will reportedly be monitored by Egypt",
# "there have been multiple reports of continued air strikes", "local sources report that": the
# writer tells what unnamed others report (gold: anonymous, no speaker).
_REPORTEDLY = re.compile(
    r"\b(?:reportedly|sources\s+(?:report|say)|there\s+(?:have|has)\s+been\s+(?:\w+\s+)?"
    r"reports|reports\s+(?:\w+\s+){0,3}?that)\b",
    re.IGNORECASE,
)


def _reported(text: str, start: int, end: int, narration: SourceRef) -> SourceRef | None:
    """An unnamed source for a sentence with no speaker that tells what is reported."""
    if text.find("eport", start, end) < 0 and text.find("ources", start, end) < 0:
        return None  # a cheap test before the pattern: most sentences have neither
    if _REPORTEDLY.search(text, start, end) is None:
        return None
    return SourceRef(None, "reports", True, narration.via)


# A headline that names whose words the page gives: "Special Envoy Hans Grundberg opening remarks
# to the press", "Statement by Prime Minister Ivan Petrov".
_REMARKS_TITLE = re.compile(
    r"^(?:(?:statement|remarks|address|briefing)\s+(?:by|of)\s+(?P<after>[^,:;|–-]+?)\s*(?:[,:;|–-]|on\b|$)"
    r"|(?P<before>[^,:;|–-]+?)(?:['’]s)?\s+(?:(?:opening|closing|introductory|press)\s+)?"
    r"(?:remarks|statement|briefing|address)\b)",
    re.IGNORECASE,
)
# Narration in the first person: "I want to welcome you", "We signed it as witnesses".
_FIRST_PERSON = re.compile(r"(?:^|[.!?]\s+|\n\s*|,\s+)(?:I|We)\s+[a-z]")


def first_person_author(text: str, title: str | None) -> SourceRef | None:
    """The author of a text written in the first person, when its headline names them: the
    speaker of its narration (real set README, "First-person texts")."""
    if not title or not on("attribution.remarks_author"):
        return None
    match = _REMARKS_TITLE.search(title.strip())
    if match is None or len(_FIRST_PERSON.findall(text[: LEAD_CHARS * 2])) < 2:
        return None
    who = (match["after"] or match["before"] or "").strip()
    from truce.extract.components.speakers import person_and_title

    named = person_and_title(who)
    if named is not None:
        return SourceRef(named[0], named[1])
    if _is_name(who) and len(who.split()) <= 4:
        return SourceRef(_full_name(who))
    return None


def _by_sentence(spans: list[Span], sentences: Sequence[tuple[int, int]]) -> list[Sequence[Span]]:
    """For each sentence, the quotations overlapping it, in their order. `_quotes` gives them
    in order and apart (starts and ends rising), so each sentence's are a slice found by
    binary search."""
    starts = [q[0] for q in spans]
    ends = [q[1] for q in spans]
    if starts != sorted(starts) or ends != sorted(ends):  # sentences given out of order
        return [[q for q in spans if q[0] < end and q[1] > start] for start, end in sentences]
    return [spans[bisect_right(ends, start) : bisect_left(starts, end)] for start, end in sentences]


def _opens(text: str, start: int, quote: Span) -> bool:
    """Whether the sentence begins inside a quotation (its mark may end the sentence before)."""
    first = start
    while first < len(text) and text[first].isspace():  # what lstrip() would take off
        first += 1
    return quote[0] <= first + 1


def _quotes(text: str, sentences: Sequence[tuple[int, int]]) -> list[Span]:
    """Every quotation, without its marks; one left open runs on into the next sentences."""
    spans: list[Span] = []
    open_at: int | None = None
    for start, end in sentences:
        for mark in _MARK.finditer(text, start, end):
            pos, char = mark.start(), mark[0]
            if open_at is None and char in _OPEN:
                if char == '"' and _closes_a_word(text, pos):
                    continue  # a stray closing mark ('... Sapphire."' at a paragraph's end)
                open_at = pos + 1
            elif open_at is not None and char in _CLOSE:
                close = pos
                while close > open_at and text[close - 1] in ", ":
                    close -= 1  # the comma before "he said" belongs to the report, not the words
                spans.append((open_at, close))
                open_at = None
    if open_at is not None and sentences:
        spans.append((open_at, sentences[-1][1]))
    return spans


# When the speaker spoke, between the speaker and the verb: "Ukrainian President Volodymyr
# Zelenskyy on Sunday said", "the ministry late on Friday said", "the envoy earlier today said".
_TIME_WORDS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning")
    + ("afternoon", "evening", "night", "yesterday", "today", "earlier", "later", "also")
    + ("again", "separately")
)


def _timed(subject: str) -> bool:
    """Whether the subject may end in a time (a cheap test before _TIME_BEFORE_VERB)."""
    last = subject[subject.rfind(" ") + 1 :].lower()
    return last in _TIME_WORDS or last.isdigit()


_TIME_BEFORE_VERB = re.compile(
    r"\s+(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?(?:(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\s+\d{1,2})$|\s+(?:earlier|later|also|again|separately)$",
    re.IGNORECASE,
)


def _closes_a_word(text: str, pos: int) -> bool:
    """Whether a straight quotation mark sits where only a closing one can: right after a word
    or a full stop and before a space, a line break or the end of the text."""
    if not on("attribution.stray_close"):
        return False
    after = text[pos + 1 : pos + 2]
    return pos > 0 and not text[pos - 1].isspace() and (not after or after.isspace())


# Rule `attribution.described_outlet`: a news agency named with what it is ("Palestinian news
# agency WAFA", "Russian state media TASS", "the official SANA news agency") relays, as "Reuters
# reported" does: no one speaks, the agency is `via` (real set README: "An agency reporting a
# fact in another outlet's copy is `via`"). Broadcasters and papers ("Israel's public
# broadcaster KAN", "TV channel Fana") are left as speakers: in the dev reports they air a
# statement whose speaker the sentence names elsewhere, and a statement without a speaker is
# dropped (measured: two matched statements lost).
_AGENCY_NOUN = r"(?:news\s+agency|(?:state\s+)?media|agency)"
_OUTLET_WORD = r"(?:al-|el-)?[A-Z][\w.&'’-]*"
_MEDIUM_BEFORE = re.compile(
    r"(?:[»«•*-]\s*)?(?:the\s+)?(?:[A-Z][\w-]*(?:['’]s)?\s+){0,2}"
    r"(?:(?:state|state-run|state-owned|official|public|national|local)\s+)*"
    rf"{_AGENCY_NOUN}\s+(?P<name>{_OUTLET_WORD}(?:\s+{_OUTLET_WORD}){{0,3}})"
)
_MEDIUM_AFTER = re.compile(
    r"(?:[»«•*-]\s*)?(?:the\s+)?(?:(?:state|state-run|state-owned|official)\s+)*"
    rf"(?P<name>{_OUTLET_WORD}(?:\s+{_OUTLET_WORD}){{0,2}})\s+news\s+agency"
)


def described_outlet(subject: str) -> str | None:
    """The agency's name when `subject` names a news agency by what it is and its name, else
    None. A name that is a state's adjective or a party's ("Iranian news agency", "Houthi-run
    news agency") names no agency of its own."""
    if "agency" not in subject and "media" not in subject:
        return None  # a cheap test before the patterns: each needs one of these words
    match = _MEDIUM_BEFORE.fullmatch(subject) or _MEDIUM_AFTER.fullmatch(subject)
    if match is None:
        return None
    name = match["name"]
    first = name.split()[0]
    party_made = "-" in first and first[:3] not in ("al-", "el-")  # "Houthi-run"
    if first in _ADJECTIVES or first in _DEMONYM or party_made:
        return None
    return name


def _named_later(reader: _Reader, found: SourceRef, following: tuple[int, int]) -> SourceRef:
    """A speaker given only by role ("Qatar's foreign ministry spokesman") and named in the
    next sentence takes that name, keeping the role."""
    reader.role_only = False
    probe = _Reader(reader.text, reader.actors, reader.outlet)
    later = probe.source(*following, _quotes(reader.text, [following]))
    if later is None or later.speaker is None or later.anonymous or not probe.personal:
        return found
    if found.speaker is not None:
        reader.roles[later.speaker] = found.speaker
    return SourceRef(later.speaker, found.speaker, False, found.via)


class _Reader:
    """Reads sentences in order, remembering the last speakers for "he" and "the source"."""

    def __init__(
        self,
        text: str,
        actors: Sequence[ActorMention],
        outlet: str | None,
        more: bool = False,
    ) -> None:
        self.text = text
        self.actors = actors
        self.outlet = outlet
        self.more = more  # read the longer list of speech verbs (rule `attribution.more_verbs`)
        self.last: SourceRef | None = None
        self.last_named: SourceRef | None = None
        self.last_anonymous: SourceRef | None = None
        self.role_only = False  # the last speaker was a title with no name
        self.personal = False  # the last speaker is a person's name
        self.roles: dict[str, str] = {}  # names given a role earlier in the document
        self.relays: dict[str, str] = {}  # speakers and the agency that relayed them
        # Mentions by start, to find those inside a phrase by binary search; only when no
        # mention ends before it starts (then one inside also starts inside).
        self.by_start = sorted(range(len(actors)), key=lambda k: actors[k].span[0])
        self.starts = [actors[k].span[0] for k in self.by_start]
        self.sane = all(m.span[0] <= m.span[1] for m in actors)

    def source(self, start: int, end: int, quotes: Sequence[Span]) -> SourceRef | None:
        masked = _mask(self.text, start, end, quotes)
        found = self._find(masked, start)
        if found is not None and found.speaker is not None:
            # A speaker relayed once ("the ministry said, according to TASS") is relayed so
            # throughout: the copy has it from that agency.
            if found.via is not None:
                self.relays.setdefault(found.speaker, found.via)
            elif found.speaker in self.relays:
                found = replace(found, via=self.relays[found.speaker])
        if found is not None:
            self.last = found
            if found.anonymous:
                self.last_anonymous = found
            elif found.speaker is not None:
                self.last_named = found
        return found

    def _find(self, masked: str, base: int) -> SourceRef | None:
        # Cheap substring tests first: these patterns backtrack on every capital letter.
        cited = "cited" in masked or "quoted" in masked
        if cited and (match := _CITED.search(masked)):
            via = outlet_named(match["via"])
            return self._via(self._speaker(match["np"], base + match.start("np")), via)
        if cited and (match := _CITED_BY.search(masked)):
            via = outlet_named(match["via"])
            return self._via(self._speaker(match["np"], base + match.start("np")), via)
        if "quoted" in masked and (match := QUOTED_BY.search(masked)):
            np = _SPEAKING.sub("", match["np"])
            offset = base + match.end("np") - len(np)
            return self._via(self._speaker(np, offset), outlet_named(match["via"]))
        according = _ACCORDING_DOTS if on("attribution.abbreviation_dots") else _ACCORDING
        if "ccording to" in masked and (match := according.search(masked)):
            return self._according(match, base)
        figure = "reported at" in masked and on("attribution.reported_at_least")
        more = self.more
        words = _MORE_WORDS if more else _VERB_WORDS
        verb_word, verb_re = (
            ((_MORE_WORD_FIGURE, _MORE_RE_FIGURE) if figure else (_MORE_WORD, _MORE_RE))
            if more
            else ((_VERB_WORD_FIGURE, _VERB_RE_FIGURE) if figure else (_VERB_WORD, _VERB_RE))
        )
        first = verb_word.search(masked) if any(map(masked.__contains__, words)) else None
        head = masked[: first.start()] if first else ""
        verbs = verb_re.finditer(masked, len(head.rstrip(_CHAIN))) if first else ()
        for verb in verbs:
            head = masked[: verb.start()]
            if _passive(head):
                continue  # "the agreement was announced": no one speaks
            if _claimed_toll(masked, verb):
                continue  # "the bombing has claimed over 250 lives": a toll, no one speaks
            found = self._said(masked, base, head, verb)
            if found is not None and self._own_truce(masked, verb, found):
                continue  # "the junta declared a ceasefire": narration of its act
            if found is not None:
                return found
        if on("attribution.pronoun_stance") and (match := PRONOUN_STANCE.match(masked)):
            # "He vowed to press on", "The ministry emphasized that ...": the last speaker
            return self._speaker(match["np"], base + match.start("np"))
        reporting = "reported" in masked or "said" in masked or "quoted" in masked
        if reporting and (match := _REPORTED.search(masked)):
            return SourceRef(via=match["via"])
        return None

    def _own_truce(self, masked: str, verb: re.Match[str], found: SourceRef) -> bool:
        """Rule `attribution.own_truce` (see `_OWN_TRUCE`)."""
        if self.personal or (found.speaker is None and not found.anonymous):
            return False
        if verb[0].rsplit(None, 1)[-1] not in _OWN_TRUCE_VERBS:
            return False
        return on("attribution.own_truce") and _OWN_TRUCE.match(masked, verb.end()) is not None

    def _according(self, match: re.Match[str], base: int) -> SourceRef:
        """ "according to X": X speaks; a relative clause after X only tells whether X is
        anonymous ("according to a source, who asked not to be named")."""
        np = match["np"].strip()
        if AGENCY_LIST_RE.fullmatch(np):
            # "This was reported by the defence ministry, according to TASS"
            by = _REPORTED_BY.search(match.string)
            if by is None:
                return SourceRef(via=np)
            return self._via(self._speaker(by["np"], base + by.start("np")), np)
        if on("attribution.described_outlet") and (relay := described_outlet(np)):
            return SourceRef(via=relay)  # "according to the official SANA news agency"
        if match["rel"] and _ANONYMITY.search(match["rel"]):
            np = np + match["rel"]
        return self._speaker(np, base + match.start("np"))

    def _said(self, masked: str, base: int, head: str, verb: re.Match[str]) -> SourceRef | None:
        """The speaker of a speech verb: before it, or after it when the order is inverted."""
        chunks = _HEAD_SPLIT.split(head)
        inverted = not head.strip() or head.rstrip().endswith(_QUOTE_ENDS)
        if not inverted and head.rstrip().endswith(",") and on("attribution.said_after_comma"):
            inverted = self._named_after(masked, base, verb.end())
        while chunks and not chunks[-1].strip():
            chunks.pop()
        while (
            len(chunks) > 1
            and not _only_opening(chunks)
            and (
                _RELATIVE.match(chunks[-1])
                or _AGE.fullmatch(chunks[-1])
                or _ASIDE.fullmatch(chunks[-1])
            )
        ):
            chunks.pop()  # "Rakesh Sharma, 52, said", "Pakistan, however, denied"
        if inverted:
            tail = masked[verb.end() :]
            dots = _TAIL_SPLIT_DOTS if on("attribution.abbreviation_dots") else _TAIL_SPLIT
            subject = _TRIM.sub("", dots.split(tail.strip(), maxsplit=1)[0])
            offset = base + verb.end() + len(tail) - len(tail.lstrip())
            appositive = ""
        else:
            role_next = len(chunks) > 1 and chunks[-1].lstrip()[:1].islower()
            if role_next and (
                _role_after_name(chunks[-2], chunks[-1])
                or _description_after_name(chunks[-2], chunks[-1])
            ):
                chunks[-2], chunks[-1] = chunks[-1], chunks[-2]  # "Ali Hassan, a spokesman, said"
            subject = chunks[-1] if chunks else ""
            if "\n" in subject.strip() and on("attribution.line_break"):
                subject = subject.strip().rsplit("\n", 1)[-1]  # a dateline or headline before
            subject = _SUBORDINATE.split(_DASH.split(subject)[-1])[-1].strip()
            if _timed(subject) and on("attribution.time_before_verb"):
                subject = _TIME_BEFORE_VERB.sub("", subject)  # "X on Sunday said": X
            offset = base + head.rfind(subject)
            appositive = chunks[-2] if len(chunks) > 1 else ""
            if not _ROLE_ONLY.search(appositive) and not _ANONYMOUS.search(appositive):
                appositive = ""  # a quotation or a clause, not a title
        if not subject or len(subject.split()) > 14:
            return None
        listed = len(chunks) > 1 and " and " in subject and _is_name(chunks[-2].strip())
        if listed:
            return SourceRef()  # "Biden, Macron ... and Guterres welcomed": many speak, none alone
        if subject.startswith("and "):  # "..., and Qatar's foreign ministry said"
            subject, offset = subject[4:], offset + 4
        elif subject.startswith(("but ", "yet ")) and on("attribution.but_clause"):
            # "... came into effect at midnight, but the army has accused the RSF of ..."
            subject, offset = subject[4:], offset + 4
        if is_outlet(subject):
            return SourceRef(via=subject)  # "Reuters reported": the outlet relays, no one speaks
        if on("attribution.described_outlet") and (relay := described_outlet(subject)):
            return SourceRef(via=relay)  # "Palestinian news agency WAFA reported": WAFA relays
        found = self._speaker(subject, offset, appositive)
        via = told_outlet(masked, verb.start()) if verb[0].endswith("told") else None
        if via is None and masked.find(",", verb.end()) >= 0:
            via = trailing_agency(masked, verb.end())
        aired = masked.find(" on ", verb.end()) >= 0 or "interview with" in masked
        if via is None and aired:
            via = aired_outlet(masked, verb.end())
        return self._via(found, via)

    def _named_after(self, masked: str, base: int, at: int) -> bool:
        """ "..., December 18, said Yahya Sarea, a Houthi official": after a comma, a speech verb
        followed by a name (a person's, or a party's phrase) that ends its clause is inverted;
        "Egypt, which brokered it, said the talks went well" goes on with a clause."""
        tail = masked[at:]
        match = _NAMED_TAIL.match(tail)
        if match is None:
            return False
        phrase = match["np"]
        if _is_name(phrase) and len(phrase.split()) <= 5:
            return True
        if not phrase.startswith(("the ", "The ")) or len(phrase.split()) > 6:
            return False
        lo = base + at + match.start("np")
        return any(m.kind in _SPEAKING_KINDS for m in self._inside(lo, lo + len(phrase)))

    def _inside(self, lo: int, hi: int) -> list[ActorMention]:
        """The mentions within [lo, hi], in the order given."""
        if not self.sane:
            return [m for m in self.actors if lo <= m.span[0] and m.span[1] <= hi]
        found = self.by_start[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)]
        return [self.actors[k] for k in sorted(found) if self.actors[k].span[1] <= hi]

    def _via(self, found: SourceRef, via: str | None) -> SourceRef:
        if via is None or via == self.outlet:
            return found
        return replace(found, via=via)

    def _speaker(self, np: str, offset: int, appositive: str = "") -> SourceRef:
        np = np.strip()
        if on("speakers.not_a_clause"):
            clause = _not_a_clause(np)
            if clause is None:
                return SourceRef()  # "Israel has threatened to kill anyone who ...": no name
            offset, np = offset + clause[0], clause[1]
        opening = np[:1] in _JUNK_STARTS  # " date 2025-..." was stripped to "date 2025-..."
        junk = _LEAD_JUNK.match(np) if opening and on("attribution.subject_cleanup") else None
        if junk and junk.end() and junk.end() < len(np):
            np, offset = np[junk.end() :], offset + junk.end()
        lead = _LEAD_ADVERB.match(np)
        if lead:  # "Later the ministry said"
            np, offset = np[lead.end() :], offset + lead.end()
        cue = "spokes" in np or "epresentative" in np  # a cheap test before the pattern
        spokesman = _SPOKESMAN_FOR.match(np) if cue and on("attribution.spokesman_for") else None
        if spokesman and _ARTICLE.sub("", spokesman["np"])[:1].isupper():
            institution = self._speaker(spokesman["np"], offset + spokesman.start("np"))
            if institution.speaker is not None and not institution.anonymous and not self.personal:
                return replace(institution, role=spokesman["role"].lower())
        statement = _STATEMENT_FROM.match(np)
        if statement and on("attribution.statement_from"):  # "A statement from the army said"
            np, offset = np[statement.end() :], offset + statement.end()
        self.role_only = self.personal = False
        if _ANAPHOR.match(np):
            word = np.lower()
            if word in ("he", "she"):
                self.personal = True
                return self.last_named or self.last or SourceRef()
            if word.startswith(("the source", "the official", "the person", "one of")):
                return self.last_anonymous or self.last or SourceRef()
            return self.last or SourceRef()
        inside = self._inside(offset, offset + len(np))
        end = offset + len(np)
        np = _ARTICLE.sub("", np)
        people = [m for m in inside if m.kind == "official" and _is_name(m.text)]
        official = next((m for m in people if _full_name(m.text) in OFFICIALS), None)
        official = official or next(iter(people), None)
        if len({m.text for m in people}) > 1 and " and " in np:
            return SourceRef()  # "Macron and Guterres welcomed": several speak, none alone
        if official is not None:
            self.personal = True
            holder = self.text[official.span[1] : end].strip()
            if _HOLDER.fullmatch(holder) and _full_name(official.text) not in OFFICIALS:
                # "Pakistan's Foreign Minister Ishaq Dar": the title and the name whole, which
                # speakers.py parts once the events know whose side speaks
                return SourceRef(f"{_ARTICLE.sub('', official.text)} {holder}")
            name = _full_name(official.text)
            role = appositive.strip() or self.roles.get(name) or OFFICIALS.get(name, ("", ""))[1]
            return SourceRef(name, _ARTICLE.sub("", role) if role else None)
        whole = len(inside) == 1 and inside[0].text.lower() in (np.lower(), f"the {np.lower()}")
        if whole and government_described(inside[0]):
            adjectives = STATES.get(inside[0].actor, ((), (), ()))[1]
            if adjectives and on("attribution.government_by_context"):
                return SourceRef(f"{adjectives[0]} government")  # "the authorities said"
        noun = _ANONYMOUS.search(np)
        if noun and (
            _ANONYMITY.search(np)
            or not inside
            or np[:1].islower()
            or noun[0].endswith(("s", "people"))
            or np.split()[0] in ("A", "An", "One", "Two", "Some", "Several")
        ):
            return SourceRef(
                None,
                _ARTICLE.sub(
                    "",
                    _QUANTIFIER.sub("", np),
                ),
                True,
            )
        if inside:
            if _ROLE_ONLY.search(np):
                self.role_only = True
            if len(inside) == 1 and inside[0].kind == "place" and inside[0].text.endswith(np):
                return SourceRef(_SEAT_OF.get(inside[0].actor, np))
            plain = _plain_party(np, inside)
            if plain is not None:
                return SourceRef(plain)
            group = _group_described(np, inside)
            if group is not None:
                return SourceRef(group)
            return SourceRef(_outlet_alone(_institution(np)))
        described = _DESCRIBED.fullmatch(np)
        if described is not None:  # "shopkeeper Rakesh Sharma": a person, by trade and name
            self.personal = True
            return SourceRef(described["name"], described["role"].strip())
        if np[:1].isupper():
            self.personal = _is_name(np)
            speaker = np if self.personal else _institution(np)
            return SourceRef(speaker, _ARTICLE.sub("", appositive.strip()) or None)
        if not _WHO.search(np) and on("attribution.anonymous_needs_person"):
            return SourceRef()  # "according to the agreement", "with airstrikes reported"
        return SourceRef(None, np, True)


# Rule `speakers.not_a_clause`: what runs before a speech verb is sometimes no noun phrase but
# a clause or a fragment of one: a bullet's dash or an opening subordinator ("- The Israel
# Defense Forces", "Although both sides"), a trailing adverb ("Hamas had repeatedly warned"),
# or a finite verb inside it ("Israel has threatened to kill anyone who crosses a unilaterally
# declared", "deal promised by the Taliban will begin", "- Israel suspends aid transfers to Gaza
# after reported"). A name holds no finite auxiliary and ends in no preposition.
_CLAUSE_OPENING = re.compile(
    r"^(?:[-–—•]\s*|(?:Although|Though|While|Whereas|If|When|Because)\s+)+(?=\S)"
)
_CLAUSE_TAIL = re.compile(
    r"(?:\s+(?:had|has|have))?\s+(?!(?:family|ally|rally|assembly|supply)$)[a-z]{2,}ly$"
)
_FINITE = re.compile(r"\s(?:has|have|had|will|would|is|are|was|were)\s")
_OPEN_END = re.compile(
    r"\s(?:after|before|to|of|in|on|at|by|with|for|from|that|and|but|a|an|the|what|who)$"
)


def _not_a_clause(np: str) -> tuple[int, str] | None:
    """Rule `speakers.not_a_clause`: the phrase before a speech verb with a bullet, an opening
    subordinator and a trailing adverb taken off (and how many characters went from its
    start), or None when what is left is a clause rather than a name."""
    start = 0
    opening = _CLAUSE_OPENING.match(np)
    if opening and opening.end() < len(np):
        start, np = opening.end(), np[opening.end() :]
    tail = _CLAUSE_TAIL.search(np)
    if tail and tail.start() > 0:
        np = np[: tail.start()]
    if _FINITE.search(np) or _OPEN_END.search(np):
        return None
    return start, np


def _passive(head: str) -> bool:
    """Whether the words before a speech verb make it passive ("was announced", "were
    quickly reported"): an auxiliary, maybe an adverb in -ly, then the verb."""
    words = head[-_PASSIVE_REACH:].split()
    if not words or head[-1:].isalnum():
        return False
    last = words[-1].lower()
    if last in _AUXILIARIES:
        return True
    return len(words) > 1 and last.endswith("ly") and words[-2].lower() in _AUXILIARIES


# Rule `attribution.time_not_name`: "On Wednesday, a defence ministry official accused": a time
# opening the sentence is no name before a role.
_OPENING_TIME = re.compile(
    r"(?:On|Late|Early|Last|This|Next|By|Since|Until|Earlier|Later|In|At)\s", re.IGNORECASE
)


_OPENING_WORD = re.compile(
    r"(?:Later|Earlier|Meanwhile|However|Also|Then|Separately|Previously|Now|Today|Yesterday|"
    r"Overnight|Nevertheless|Still)$"
)


def _only_opening(chunks: list[str]) -> bool:
    """ "On Wednesday, a ministry official accused": when the one chunk left before the last
    would be a time or an opening adverb, the last ("a ministry official") is the subject, not
    an apposition to drop (rule `attribution.time_not_name`)."""
    if len(chunks) != 2 or not on("attribution.time_not_name"):
        return False
    first = chunks[0].strip()
    opening = _OPENING_TIME.match(first) is not None and len(first.split()) <= 4
    return opening or _OPENING_WORD.match(first) is not None


def _role_after_name(first: str, second: str) -> bool:
    """ "Ali Hassan, deputy director of the agency", "UN aid official Ali Hassan, interim
    chief of the agency": a phrase ending in a name, then the name's role."""
    first, second = first.strip(), second.strip()
    if _OPENING_TIME.match(first) and on("attribution.time_not_name"):
        return False
    named = _ENDS_IN_NAME.search(first) is not None and len(first.split()) <= 8
    return named and second[:1].islower() and bool(_ROLE_ONLY.search(second))


# Rule `attribution.name_before_description`: what a body is, in an appositive after its name.
_DESCRIPTION = re.compile(
    r"(?:the|a|an)\s[^,;:]*?\b(?:wing|arm|branch|group|faction|movement|militia|"
    r"organi[sz]ation|alliance|coalition|force|forces|body|umbrella)\b",
    re.I,
)
_ONE_NAME = re.compile(r"(?<![\w-])[A-Z][\w'’-]{2,}$")


def _description_after_name(first: str, second: str) -> bool:
    """Rule `attribution.name_before_description`: "Al-Qassam Brigades, the armed wing of
    Hamas, said", "the RSF, a paramilitary group, said": the body speaks by its name (the gold's
    speaker is the name), not by the phrase that describes it."""
    if not on("attribution.name_before_description"):
        return False
    first, second = first.strip(), second.strip()
    if _OPENING_TIME.match(first) or _DESCRIPTION.match(second) is None:
        return False
    if _OPENING_WORD.match(first) and on("speakers.described"):
        return False  # "However, the militant organisation said": the description speaks
    named = _ENDS_IN_NAME.search(first) is not None or _ONE_NAME.search(first) is not None
    return named and len(first.split()) <= 8


def _institution(np: str) -> str:
    """ "Russia's defence ministry" -> "Russian defence ministry", "Gaza's health ministry" ->
    "Gaza health ministry": one spelling for an organ however the sentence words it."""

    def adjective(match: re.Match[str]) -> str:
        if _OFFICE_HOLDER.search(match[1]):
            return f"{match[1]}'s "  # "the Israeli prime minister's office": an office's name
        return _DEMONYM.get(match[1], match[1]) + " "

    if on("attribution.possessive_as_written") and _as_written(np):
        return np
    return _POSSESSIVE.sub(adjective, np).replace("’", "'")


def _as_written(np: str) -> bool:
    """Rule `attribution.possessive_as_written`: "Azerbaijan’s Foreign Ministry", "Thailand's
    foreign ministry": a state's organ keeps the name the report gives it (the gold's speaker is
    the phrase as written, not "Azerbaijani Foreign Ministry"). Not an office's name ("the
    prime minister's office") nor a broadcaster ("Israel's Channel 12", named by itself)."""
    match = _POSSESSIVE.match(np)
    if match is None or match[1] not in _DEMONYM or _OFFICE_HOLDER.search(match[1]):
        return False
    rest = np[match.end() :]
    return not (_CHANNEL.fullmatch(rest) or is_outlet(rest) or _OFFICE_HOLDER.search(rest))


# What may follow a group's name in its description: "(PIJ) armed group", "organization".
_GROUP_TAIL = re.compile(
    r"(?:\s*\([A-Z][A-Za-z.-]{1,8}\))?(?:\s+(?:armed\s+group|militant\s+group|group|"
    r"organi[sz]ation|movement))?",
)


def _plain_party(np: str, inside: list[ActorMention]) -> str | None:
    """ "The Palestinian Islamic Jihad (PIJ) armed group" -> "Palestinian Islamic Jihad": an
    armed group speaks by its name, without its acronym in brackets or a noun for what it is."""
    one = len({m.actor for m in inside}) == 1 and inside[0].kind == "armed-group"
    if not one or not on("attribution.plain_party"):
        return None
    name = _ARTICLE.sub("", inside[0].text)
    at = np.find(name)
    if at < 0 or np[:at].strip() or not _GROUP_TAIL.fullmatch(np[at + len(name) :]):
        return None
    return name if np[at + len(name) :].strip() else None


# Rule `attribution.group_described`: "Sudan's paramilitary Rapid Support Forces (RSF)", "the
# Yemeni Houthi rebels": one armed group with words saying what it is and where it is from speaks
# by its name (the gazetteer's first), as the gold names parties.
_DESCRIPTORS = frozenset(
    ("the", "of", "paramilitary", "militant", "militants", "armed", "rebel", "rebels", "group")
    + ("movement", "organisation", "organization", "faction", "fighters", "insurgent")
    + ("insurgents",)
)
_BRACKET = re.compile(r"\([A-Z][A-Za-z.-]{1,8}\)")


def _group_described(np: str, inside: list[ActorMention]) -> str | None:
    groups = {m.actor for m in inside if m.kind == "armed-group"}
    if len(groups) != 1 or not on("attribution.group_described"):
        return None
    if any(m.kind not in ("armed-group", "state", "place") for m in inside):
        return None
    (group,) = groups
    names = GROUP_NAMES.get(group)
    if not names:
        return None
    if len(inside) == 1 and _ARTICLE.sub("", inside[0].text) == np:
        # the group's own alias: a short name ("RSF") or one with what it is ("Houthi rebels")
        # gives the name; another proper name ("al-Qassam Brigades", a wing) is kept
        described = np.isupper() or any(w in _DESCRIPTORS for w in np.lower().split())
        return names if described and np != names else None
    rest = _BRACKET.sub(" ", np)
    for m in sorted(inside, key=lambda m: -len(m.text)):
        rest = rest.replace(_ARTICLE.sub("", m.text), " ")
    words = rest.replace("'s", " ").replace("’s", " ").lower().split()
    if any(w not in _DESCRIPTORS for w in words):
        return None
    return names if np != names else None


# A broadcaster named by its channel number ("Channel 12") or as outlets name themselves.
_CHANNEL = re.compile(r"(?:Channel|Kan|Radio)\s+\d+|Kan")


def _outlet_alone(name: str) -> str:
    """ "Israeli Channel 12" -> "Channel 12", "Iranian Press TV" -> "Press TV": an outlet is
    named as it names itself, without its country's adjective."""
    if not on("attribution.outlet_own_name"):
        return name
    first, _, rest = name.partition(" ")
    if not rest or first not in _ADJECTIVES:
        return name
    return rest if _CHANNEL.fullmatch(rest) or is_outlet(rest) else name


def _is_name(text: str) -> bool:
    words = text.split()
    return (
        bool(words)
        and all(w[:1].isupper() or w in ("al", "bin", "de", "van") or "-" in w for w in words)
        and not text.isupper()
    )


def _full_name(text: str) -> str:
    text = text.replace("’", "'")
    return SURNAMES.get(text, _SHEIKH.sub("", text))


def _mask(text: str, start: int, end: int, quotes: Sequence[Span]) -> str:
    """The sentence with quoted words blanked, so speech verbs inside a quote are not taken
    as attribution; offsets are kept."""
    masked = text[start:end]
    for q_start, q_end in quotes:
        lo, hi = max(q_start, start) - start, min(q_end, end) - start
        if lo < hi:
            masked = masked[:lo] + "_" * (hi - lo) + masked[hi:]
    return masked


@Language.component(
    "truce_attribution_v1", requires=["doc._.actors"], assigns=["doc._.attributions"]
)
def attribution_component(doc: Doc) -> Doc:
    body_end = annotation(doc, "body_end")
    sentences = [
        (start, end) for start, end in sentence_spans(doc) if body_end is None or start < body_end
    ]
    article = annotation(doc, "article")
    outlet = getattr(article, "outlet", None)
    annotate(
        doc,
        "attributions",
        attribute(doc_text(doc), sentences, annotation(doc, "actors") or [], outlet),
    )
    return doc
