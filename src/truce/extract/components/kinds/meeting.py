"""Meetings: talks between parties the sentence names, or talks placed in a named city ("talks
in Jeddah"); not a source "briefed on the talks", not "met by" (a welcome), not meeting a
standard ("meets the needs of"), and not talks named only as the way to something else
("reached after negotiations in Jeddah") unless dated ("at the talks on May 16").
"""

from __future__ import annotations

import re

from truce.domain.claims import EventType
from truce.extract.components.kinds.common import Context, KindRule, dated, first_trigger
from truce.extract.components.sentence_view import Sentence, candidate, finditer, parties
from truce.extract.model import Candidate
from truce.extract.switches import on
from truce.extract.triggers import TRIGGERS, has_cue

KIND = EventType.MEETING

SOURCE_OF_TALKS = re.compile(
    r"\b(?:briefed on|familiar with|close to|involved in|with knowledge of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Talks placed in a named city meet even when the sentence names no party: "talks in Jeddah",
# "met in Turkey's Istanbul", "at a meeting in Istanbul", "a summit in Luanda".
TALKS_IN = re.compile(
    r"(?:talks|met|meeting|summit|negotiations)\s+(?:in|at)\s+(?:[A-Z][\w-]+['’]s\s+)?"
    r"([A-Z][\w-]+)"
)
# "meets the needs of", "meet their demands": meeting a standard, not a party.
_MEET_A_STANDARD = re.compile(
    r"meets?\s+(?:the|their|its|our|all)\s+(?:[\w-]+\s+){0,2}?(?:needs|demands|requirements|"
    r"conditions|aspirations|targets?|obligations|criteria|expectations)\b",
    re.IGNORECASE,
)
# Talks named as the way to something else or as what stopped: "reached after negotiations
# in Jeddah", "brokered through direct talks", "a suspension of the talks", "to intensify
# negotiations". Such a mention reports a meeting only with its date ("at the talks on May 16").
_TALKS_AS_MEANS = re.compile(
    r"\b(?:after|through|following|via|as\s+a\s+result\s+of|suspension\s+of|suspend(?:ed|ing)?|"
    r"intensify|resume|resumption\s+of|pause\s+in)\s+(?:the\s+|a\s+|recent\s+|direct\s+|"
    r"formal\s+|further\s+|[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# Talks named only as a prospect, an offer or an aim: "the start of negotiations on the second
# phase", "open to further discussions", "ready to discuss a freeze", "beginning talks on the
# cessation", "opening the door to negotiations", "before entering political talks", "will
# involve discussions"; talks asked for ("wants talks to begin"); or a meeting as the time of
# something else ("a key demand before peace talks", "ahead of a meeting with Carney"). Such a
# mention reports no meeting unless dated (rule `meeting.talks_ahead`; a party's offer stays
# its statement).
_TALKS_AHEAD = re.compile(
    r"\b(?:(?:start|beginning|launch|opening|onset)\s+of|"
    r"(?:open|ready|willing|prepared|eager)\s+(?:to|for)|"
    # talks wanted or asked for: "wants talks to begin without conditions", "called for talks"
    r"wants?|wanted|calls?\s+for|called\s+for|urg(?:es|ed)|demand(?:s|ed)?|"
    # a meeting as the time of something else: "before peace talks", "ahead of a meeting with"
    r"before|ahead\s+of|prior\s+to|"
    r"begin(?:s|ning)?|enter(?:s|ing)?(?:\s+into)?|involve|"
    r"(?:door|way|path|road)\s+(?:to|for))\s+"
    r"(?:the\s+|a\s+|an\s+|any\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_MEETING_NOUN = re.compile(r"talks|negotiations?|discussions?|meeting|summit", re.IGNORECASE)
# Rule `meeting.talks_held`: talks told as held, over a span or from a day: "after five days of
# discussions in Geneva", "following weeks of talks", "negotiations that started on May 6".
# Such talks are a meeting even as the way to a deal.
_SPAN_OF = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|a\s+few|few)\s+"
    r"(?:[\w-]+\s+)?(?:days|weeks|months|rounds)\s+of\s+(?:[\w-]+\s+)?$|"
    r"\b(?:days|weeks|months)\s+of\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_STARTED_ON = re.compile(
    r"\s+(?:that|which)\s+(?:had\s+)?(?:started|began|opened)\s+(?:on|in)\b", re.IGNORECASE
)


def talks_held(text: str, match: re.Match[str]) -> bool:
    """Whether the talks of `match` are told as held (`_SPAN_OF` before, `_STARTED_ON` after)."""
    if not on("meeting.talks_held") or not _MEETING_NOUN.fullmatch(match.group()):
        return False
    if _SPAN_OF.search(text, max(0, match.start() - 40), match.start()):
        return True
    return _STARTED_ON.match(text, match.end()) is not None


# Rule `meeting.held_no_party`: a meeting told as held, or set to be, needs no party in its
# sentence: "Follow-up meetings will be held in the coming days", "Follow-up meetings are
# slated for next week", "the next round of discussions will take place on May 25", "The
# committee has held its first meeting", "chair a meeting to reassess the accord". Not talks
# "held up" or "held back", nor prisoners "held" (no meeting noun before "held").
HELD = re.compile(
    r"\b(?:meetings?|talks|negotiations|discussions|summit)\s+(?:(?:will|would|is|are|was|were|"
    r"has|have|had)\s+)?(?:(?:be|been)\s+)?(?:held|slated|scheduled|convened|took\s+place|"
    r"take\s+place|takes\s+place)\b(?!\s+(?:up|back)\b)|"
    r"\b(?:held|hold|holds|holding|chair|chaired|chairs|host|hosted|hosts|convened?)\s+"
    r"(?:a|an|the|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?(?:meetings?|summit)\b",
    re.IGNORECASE,
)


def _held(s: Sentence) -> re.Match[str] | None:
    if not on("meeting.held_no_party") or not has_cue(s.lower or s.text.lower(), _HELD_CUES):
        return None
    return next((m for m in finditer(HELD, s) if meets(s.text, m, s)), None)


# A meeting set ahead in words the modality cues lack: "are slated", "is scheduled".
_SET_AHEAD = re.compile(r"\b(?:is|are)\s+(?:slated|scheduled)\b", re.IGNORECASE)
_HELD_CUES = ("held", "slated", "scheduled", "convene", "place", "hold", "chair", "host")


def extract(s: Sentence, context: Context) -> list[Candidate]:
    if first_trigger(KIND, s, _held) is None:
        return []
    match = next((m for m in finditer(TRIGGERS[KIND], s) if meets(s.text, m, s)), None)
    venue = TALKS_IN.match(s.text, match.start()) if match is not None else None
    if match is None or not (parties(s.actors) or venue):
        match = _held(s)
    if match is None:
        return []
    c = candidate(KIND.value, s, s.start + match.start(), context.article)
    if _SET_AHEAD.search(match.group()) and c.modality == "occurred":
        c.modality = "planned"  # "meetings are slated for next week": set, not yet held
    # A proper name ("Doha") over a description of it ("the Qatari capital").
    places = sorted(
        (m for m in s.actors if m.kind == "place"),
        key=lambda m: m.text.lower().startswith("the "),
    )
    c.location = places[0].text if places else venue[1] if venue else None
    if on("meeting.venue_after") and venue is None:
        after = venue_after(s.text, match.start())
        c.location = after or c.location
    if places and places[0].text.isupper() and on("place.not_dateline"):
        # Rule `place.not_dateline`: "BOGOTA.- ... delegations are meeting in Havana": a
        # dateline in capitals is where the report was filed, not where the parties met.
        from truce.extract.components.places import place_in

        where = venue[1] if venue else place_in(s.text, where_only=True)
        c.location = where or c.location
    return [c]


# Rule `meeting.venue_after`: where the talks are held is the place named after them ("talks
# scheduled in Istanbul", "negotiations on Tuesday in the Kenyan capital Nairobi", "will meet
# next week at Ofer"), within the clause that names them, over a place the sentence names for
# another reason ("Kabul's commitment", "Pakistan and Afghanistan"); the venue cue `TALKS_IN`
# already reads "talks in X" written together.
_VENUE_REACH = 90  # characters after the trigger: a few words of time or purpose, one clause
_CLAUSE_END = re.compile(r"[;:•]|,\s+(?:and|but|while|which|who)\b|\.(?:\s|$)")


# "in the Kenyan capital Nairobi", "in the City of Ghadames": the name after the kind of place.
_VENUE_NAMED = re.compile(
    r"\b(?:in|at)\s+the\s+(?:[A-Z][\w-]+\s+)?(?i:capital|city|town)(?:\s+(?i:city))?\s+"
    r"(?:of\s+)?(?P<place>[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)"
)


def venue_after(text: str, at: int) -> str | None:
    """The place named after "in", "at" or "near" within the clause from `at` (a meeting's
    trigger), when the gazetteer knows it; else None."""
    from truce.extract.components.places import place_in
    from truce.extract.places_resolve import resolve

    window = text[at : at + _VENUE_REACH]
    stop = _CLAUSE_END.search(window)
    clause = window[: stop.start()] if stop else window
    named = _VENUE_NAMED.search(clause)
    place = named["place"] if named else place_in(clause, where_only=True, finer=False)
    if place is None or len(place) < 3 or resolve(place) is None:
        return None  # "the Oslo Accords": no place
    return place


# Rule `meeting.negotiated_deal`: "negotiated" with the deal as its object tells the deal, not a
# meeting: "Russia said it had negotiated a ceasefire between Armenia and Azerbaijan", "Egypt
# negotiated the ceasefire that ended the war", "the mediators negotiated the release of 50
# hostages". (Talks "negotiated" on a day, or "negotiated for hours", are left to the rest.)
_NEGOTIATED_DEAL = re.compile(
    r"negotiated\s+(?:an?|the|their|its|this|that)\s+(?:[\w'’-]+\s+){0,3}?(?:ceasefire|cease-fire|"
    r"truce|deal|agreement|accord|pause|release|exchange|swap|handover|withdrawal)s?\b",
    re.IGNORECASE,
)
# Rule `meeting.by_phone`: talks held by telephone are a call, not a meeting: "had telephone
# talks with Netanyahu", "a phone conversation", "discussed a number of matters over call on
# Thursday", "spoke by phone". (A meeting named beside a call, "calls and meetings", stays.)
_PHONE_BEFORE = re.compile(r"\b(?:tele)?phone\s+$", re.IGNORECASE)
_PHONE_AFTER = re.compile(
    r"(?:\s+[\w'’-]+){0,6}?\s+(?:over\s+(?:the\s+|a\s+)?(?:phone|call|telephone|hotline)|"
    r"by\s+(?:tele)?phone|on\s+the\s+(?:tele)?phone)\b",
    re.IGNORECASE,
)


def _by_phone(text: str, match: re.Match[str]) -> bool:
    if not on("meeting.by_phone"):
        return False
    if _PHONE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        return True
    return _PHONE_AFTER.match(text, match.end()) is not None


def meets(text: str, match: re.Match[str], s: Sentence | None = None) -> bool:
    """Whether a meeting trigger reports parties meeting (see the module's docstring)."""
    if text[match.start() : match.end() + 3].lower() == "met by":
        return False
    if on("meeting.negotiated_deal") and _NEGOTIATED_DEAL.match(text, match.start()):
        return False
    if _by_phone(text, match):
        return False
    if _MEET_A_STANDARD.match(text, match.start()):
        return False
    if (
        s is not None
        and _MEETING_NOUN.fullmatch(match.group())
        and _TALKS_AS_MEANS.search(text, max(0, match.start() - 60), match.start())
        and not dated(s, match)
        and not talks_held(text, match)
    ):
        return False
    if (
        s is not None
        and on("meeting.talks_ahead")
        and _TALKS_AHEAD.search(text, max(0, match.start() - 40), match.start())
        and not dated(s, match)
    ):
        return False
    return SOURCE_OF_TALKS.search(text, 0, match.start()) is None


RULE = KindRule(KIND, extract)
