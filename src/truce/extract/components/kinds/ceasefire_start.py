"""Truce starts: a truce taking effect, named close by, or a party ordering its forces to stop.

- The table's trigger ("took effect", "began") or words it lacks ("entered into force", "has
  taken effect", "commenced", "will begin at 7am", "the start of the truce").
- Only a trigger whose subject is the truce counts ("began withdrawing ... a ceasefire that took
  effect": the second), or one a date follows in a time clause ("since the ceasefire took effect
  on April 2"), or an order to halt outside any if-clause, whose giver is the actor.
- The duration before the trigger is the truce's ("a four-day truce began").
"""

from __future__ import annotations

import re

from truce.domain.claims import EventType
from truce.extract.components.kinds.common import (
    DURATION_UNITS,
    Context,
    KindRule,
    counterfactual,
    dated,
    first_trigger,
    speculative,
)
from truce.extract.components.sentence_view import (
    NAMED_CUES,
    Sentence,
    candidate,
    finditer,
    hypothetical,
    near_truce_noun,
    of_the_truce,
    pronoun_time_clause,
    search,
    speaker_actor,
    subject_before,
)
from truce.extract.model import Candidate
from truce.extract.switches import on
from truce.extract.triggers import ORDERED_HALT, TRIGGERS, TRUCE_NOUN, has_cue

KIND = EventType.CEASEFIRE_START

# A truce's start in words the trigger table lacks (below), "entered into force", "has taken
# effect", "commenced", "will begin at 7am", "is due to come into effect", "was first
# enforced", and the noun phrase "the start of the truce" (which names the truce itself).
START_MORE = re.compile(
    # A truce begun by a party, named in the trigger: "Hezbollah commenced a ceasefire on
    # Wednesday"; or set to start on a day: "a two-month ceasefire starting Saturday". (Not
    # "announced a ceasefire": as often the deal's news, a term, as its start.) First, so
    # that the truce is part of the match.
    rf"\b(?:(?:commenced|began|started) (?:a|an|the|its|their) (?:[\w-]+ ){{0,2}}?{TRUCE_NOUN}|"
    rf"{TRUCE_NOUN} (?:[\w-]+ ){{0,3}}?starting|"
    rf"entered into (?:effect|force)|(?:has|have|had) taken effect|commenced|"
    rf"(?:will|would|shall) (?:begin|start)|(?:is|was|are|were) due to (?:begin|start|"
    rf"come into (?:effect|force)|take effect)|(?:was|were) (?:first |initially )?enforced|"
    rf"(?:start|beginning|onset) of the (?:\w+[ -])?{TRUCE_NOUN})\b",
    re.IGNORECASE,
)
# A party declaring a truce of its own, named by what kind of truce it is: "the government
# declared a humanitarian truce", "Putin announced the surprise 30-hour ceasefire", "the RSF
# said it was declaring a unilateral three-month ceasefire", "armed groups have also announced
# ceasefires". Not a truce "between" or "with" another side, nor "announced a ceasefire" or
# "the ceasefire" alone (as often the deal's news), nor a ceasefire "agreement" or "deal" (a
# term).
_MODIFIER = r"(?:(?!(?:of|to|that|extension|end|expiry)\b)[\w'’-]+\s+)"
DECLARED_ALONE = re.compile(
    rf"\b(?:(?:declared|declares|declaring|announced|announces|announcing|proclaimed)\s+"
    rf"(?:an?|its|their|his|her|the)\s+{_MODIFIER}{{1,3}}?|"
    rf"(?:(?<=ha[sd] )|(?<=have )|(?<=also ))(?:declared|announced)\s+)"
    rf"{TRUCE_NOUN}s?\b(?!\s+(?:between|with|agreement|deal|accord|proposal|plan)\b)",
    re.IGNORECASE,
)
START_MORE_CUES: tuple[str, ...] = ("entered", "taken effect", "commenced", "begin", "start")
START_MORE_CUES += ("due to", "enforced", "began")
_ORDERED_HALT = re.compile(ORDERED_HALT, re.IGNORECASE)


def start_matches(s: Sentence) -> list[re.Match[str]]:
    """Every start trigger of the sentence, the table's, START_MORE's and DECLARED_ALONE's, in
    order (worked out once per sentence: the rule asks up to three times)."""
    return s.once("ceasefire_start.start_matches", _start_matches)


def _start_matches(s: Sentence) -> list[re.Match[str]]:
    found = list(finditer(TRIGGERS[KIND], s))
    if s.has_cues("start:more"):
        found = sorted(found + list(finditer(START_MORE, s)), key=lambda m: m.start())
    if s.has_cues("start:declared") and on("start.declared_alone"):
        found = sorted(found + list(finditer(DECLARED_ALONE, s)), key=lambda m: m.start())
    more = _from_a_time(s) + own_truce(s) + _in_effect_since(s)
    if more:
        found = sorted(found + more, key=lambda m: m.start())
    return found


_DECLARED_CUES = ("declar", "announc", "proclaimed")

# Rule `start.from_a_time`: a truce agreed with the time it starts from, the time after a comma
# or before the whole: "agreed to a humanitarian truce, starting at midnight local time",
# "Starting in the early hours of this morning, the two sides agreed to a 60-day pause".
FROM_A_TIME = re.compile(
    rf"\b{TRUCE_NOUN}s?,\s+(?:starting|beginning|effective)\b|"
    rf"^\W*(?:starting|beginning|effective)\s+(?:in|at|from|on)?\b[^.;]{{0,60}}?\b"
    rf"(?:agreed|announced|declared)\s+(?:to\s+)?(?:an?|the|their|its)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"{TRUCE_NOUN}s?\b",
    re.IGNORECASE,
)
# Rule `start.reached_on_a_day`: a truce reached, declared or agreed on a day it names: "since
# Israel and Hamas reached a humanitarian truce on Nov. 24", "a ceasefire reached on May 14",
# "a ceasefire was declared on Wednesday", "The ceasefire was agreed at midnight on Saturday".
REACHED_ON = re.compile(
    rf"\breached\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?{TRUCE_NOUN}|"
    rf"\b{TRUCE_NOUN}\s+(?:was\s+|were\s+|had\s+been\s+)?(?:reached|declared|agreed)"
    rf"(?=\s+(?:on|at|early|late|last)\b)",
    re.IGNORECASE,
)
# Rule `start.truce_then_time`: a truce named with the time it starts from, past a closing
# quote or a few words: "an “immediate ceasefire” beginning at midnight", "a ceasefire on
# February 12, starting from 15 February", "a ceasefire agreement with immediate effect".
TRUCE_THEN_TIME = re.compile(
    # what `FROM_A_TIME` lacks between the truce and "starting": a closing quote, "agreement",
    # or "on <day>,"
    rf"\b{TRUCE_NOUN}s?(?:[”\"’'],?|(?:\s+(?:agreement|deal|accord))?\s+(?:on|from)\s+"
    rf"[\w ]{{1,20}}?,?|\s+(?:agreement|deal|accord),?)\s+(?:starting|beginning|effective)"
    rf"(?:\s+(?:from|at|on|as\s+of))?|"
    rf"\b{TRUCE_NOUN}s?(?:\s+(?:agreement|deal|accord))?\s+with\s+immediate\s+effect",
    re.IGNORECASE,
)
_TIME_REACH = 30  # how far after the trigger the time it starts from must begin
# A time the times component may leave without a date: "at midnight local time", "from 6 p.m.".
_CLOCK_AFTER = re.compile(
    r"\s+(?:(?:at|from|on)\s+)?(?:midnight|noon|\d|today|tonight|tomorrow|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)",
    re.IGNORECASE,
)
_TIME_CUES = ("starting", "beginning", "effective", "reached", "declared", "agreed", "effect")
# What cues the kind for them beyond the table's cues ("start", "begin", "effect", "declar").
_TIME_KIND_CUES = ("reached", "was agreed", "were agreed", "been agreed")


# Rule `start.stops_its_attacks`: a party announcing or ordering that it stops attacking starts
# a (partial) truce of its own: "Trump announced that the United States would stop bombing the
# Houthis", "announcing that they would halt fighting until Apr 22", "instructions issued by
# both sides to halt military activity". Not a call on another ("called on Israel to stop
# bombing"), nor a deal ("agreed to stop attacking energy facilities", a term).
STOPS_ITS_ATTACKS = re.compile(
    r"\b(?:announc\w*|declar\w*|order(?:ed|s|ing)|instructions?|decided|decision)\b"
    r"(?:(?!\b(?:call\w*\s+on|urg\w*|demand\w*|ask\w*|agreed)\b)[^.;]){0,80}?"
    r"\b(?:would|will|to)\s+(?:stop|halt|cease|suspend|end)\s+(?:all\s+)?(?:its\s+|their\s+)?"
    r"(?:[\w-]+\s+)?(?:bombing|attacks|strikes|air\s?strikes|fighting|hostilities|offensives?|"
    r"military\s+(?:activity|activities|operations|action))\b",
    re.IGNORECASE,
)
_OWN_CUES = ("stop", "halt", "cease", "suspend", "end")
# What cues the kind for them beyond "announc", "declar" and "ordered", which do already.
_OWN_KIND_CUES = ("instruction", "decided", "decision")
_ANNOUNCED_CUES = ("announc", "declar", "order", *_OWN_KIND_CUES)


def own_truce(s: Sentence) -> list[re.Match[str]]:
    """A party's own truce (`STOPS_ITS_ATTACKS`), with the rule on."""
    lowered = s.lower or s.text.lower()
    if not on("start.stops_its_attacks") or not has_cue(lowered, _OWN_CUES):
        return []
    if not has_cue(lowered, _ANNOUNCED_CUES):
        return []
    found = STOPS_ITS_ATTACKS.finditer(s.text)
    return [m for m in found if not hypothetical(s.text, m.start())]


_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through|to)\s+$", re.IGNORECASE)


def _dated_until(s: Sentence, day: object) -> bool:
    """Whether the sentence gives `day` as the day a truce runs to ("until April 30")."""
    return any(
        t.date == day and _UNTIL_BEFORE.search(s.text, 0, t.span[0] - s.start) for t in s.times
    )


def _own(match: re.Match[str]) -> bool:
    return STOPS_ITS_ATTACKS.fullmatch(match.group()) is not None


def _from_a_time(s: Sentence) -> list[re.Match[str]]:
    """The truces the sentence starts at a time it names (`FROM_A_TIME`, `REACHED_ON`)."""
    lowered = s.lower or s.text.lower()
    if not has_cue(lowered, _TIME_CUES):
        return []
    out = []
    if on("start.from_a_time"):
        for m in FROM_A_TIME.finditer(s.text):
            lo, hi = (m.end(), m.end() + _TIME_REACH) if m.start() > 0 else m.span()
            clock = m.start() > 0 and _CLOCK_AFTER.match(s.text, m.end()) is not None
            if clock or any(lo <= t.span[0] - s.start <= hi for t in s.times):
                out.append(m)
    if on("start.reached_on_a_day"):
        out += [m for m in REACHED_ON.finditer(s.text) if _day_after(s, m)]
    if on("start.truce_then_time"):
        for m in TRUCE_THEN_TIME.finditer(s.text):
            immediate = m.group().lower().endswith("effect")
            if immediate or _CLOCK_AFTER.match(s.text, m.end()) or _day_after(s, m):
                out.append(m)
    return out


def _day_after(s: Sentence, match: re.Match[str]) -> bool:
    at = s.start + match.end()
    return any(at <= t.span[0] <= at + _TIME_REACH and t.date is not None for t in s.times)


def from_a_time(match: re.Match[str]) -> bool:
    """Whether the trigger is one of `_from_a_time`'s (a truce named with its start)."""
    return (
        FROM_A_TIME.fullmatch(match.group()) is not None
        or REACHED_ON.fullmatch(match.group()) is not None
        or (on("start.truce_then_time") and TRUCE_THEN_TIME.fullmatch(match.group()) is not None)
    )


# Rule `start.deal_took_effect`: a start told as done of the deal, a phase of it, the peace or
# "it", with the time it took effect right after: "the agreement, which has been in effect
# since August 3", "The first phase took effect on Friday", "The temporary peace, which took
# effect on October 11", "saying it had taken effect hours earlier, at 8pm". Not in a time
# clause ("minutes after it took effect"), not with no time after it, not ahead ("will take
# effect": the table's and `START_MORE`'s own reading).
_DEAL_SUBJECT = re.compile(
    r"\b(?:it|(?:the|this|that|its|their)\s+(?:[\w'’-]+\s+){0,2}?(?:agreement|deal|accord|"
    r"peace|phase|armistice|understanding|arrangement))(?:,?\s+(?:which|that))?\s+"
    r"(?:had\s+|has\s+|have\s+)?(?:officially\s+|formally\s+|finally\s+)?$",
    re.IGNORECASE,
)
_TOOK_EFFECT = re.compile(
    r"\b(?:(?:had|has|have)\s+)?(?:took|taken|(?:came|went|entered)\s+into)\s+(?:effect|force)|"
    r"\b(?:had|has|have)\s+been\s+in\s+(?:effect|force)\s+since\b",
    re.IGNORECASE,
)
_IN_EFFECT_SINCE = re.compile(
    r"\b(?:had|has|have)\s+been\s+in\s+(?:effect|force)\s+since\b", re.IGNORECASE
)


# Rule `start.in_place_since` (branch exmiss): a truce "in place since" a day, or "in effect
# since" it after a comma, tells its start by that day: "a fragile ceasefire has been in place in
# the south since Nov. 27", "a fragile cessation of hostilities, in effect since February 27".
# Only with a date right after "since" ("in place since the war" tells no day).
_IN_PLACE_SINCE = re.compile(
    r"(?:\b(?:had|has|have)\s+been\s+|,\s*)in\s+(?:place|effect|force)"
    r"(?:\s+in\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)?\s+since\b",
    re.IGNORECASE,
)


def _in_effect_since(s: Sentence) -> list[re.Match[str]]:
    """ "has been in effect since <day>", which the trigger table lacks: the rule's own start
    matches."""
    lowered = s.lower or s.text.lower()
    found = []
    if on("start.deal_took_effect") and "been in " in lowered:
        found = list(_IN_EFFECT_SINCE.finditer(s.text))
    if on("start.in_place_since") and " since" in lowered:
        known = {m.span() for m in found}
        found += [
            m
            for m in _IN_PLACE_SINCE.finditer(s.text)
            if m.span() not in known and _since_a_day(s, m)
        ]
    return found


def _since_a_day(s: Sentence, match: re.Match[str]) -> bool:
    at = s.start + match.end()
    return any(at <= t.span[0] <= at + _TIME_REACH and t.date for t in s.times)


def _since_match(match: re.Match[str]) -> bool:
    return bool(
        _IN_EFFECT_SINCE.fullmatch(match.group()) or _IN_PLACE_SINCE.fullmatch(match.group())
    )


def deal_took_effect(s: Sentence, match: re.Match[str]) -> bool:
    """Whether the trigger is a start told as done of the deal or "it", with its time after."""
    if not on("start.deal_took_effect") or not _TOOK_EFFECT.search(match.group()):
        return False
    before = s.text[max(0, match.start() - 80) : match.start()]
    if _DEAL_SUBJECT.search(before) is None or hypothetical(s.text, match.start()):
        return False
    if pronoun_time_clause(s.text, match.start()):
        return False  # "minutes after it took effect": a time clause
    at = s.start + match.end()
    return any(at <= t.span[0] <= at + _TIME_REACH for t in s.times)


def _deal_started(s: Sentence) -> bool:
    """Whether some start trigger of the sentence is `deal_took_effect`'s (a sentence naming
    only "the first phase" or "the temporary peace" names no truce in words)."""
    lowered = s.lower or s.text.lower()
    if not on("start.deal_took_effect") or not has_cue(lowered, ("effect", "force")):
        return False
    return any(deal_took_effect(s, m) for m in start_matches(s))


# A declaration told with an appeal to the other side is the news of both, a statement ("Putin
# on Saturday declared a temporary truce ... and called on Kyiv to observe the same").
_APPEAL = re.compile(r"\b(?:call(?:ed|s)?\s+(?:on|upon)|urg(?:ed|es)|appeal(?:ed|s)?\s+to)\b", re.I)


def declared_alone(match: re.Match[str]) -> bool:
    """Whether the trigger is a party declaring a truce of its own (DECLARED_ALONE)."""
    return on("start.declared_alone") and DECLARED_ALONE.fullmatch(match.group()) is not None


def extract(s: Sentence, context: Context) -> list[Candidate]:
    if first_trigger(KIND, s, lambda s: next(iter(start_matches(s)), None)) is None:
        return []
    # An order to stop attacking is a truce in its own words.
    if (
        not context.names_the_truce(s)
        and _ordered_halt(s) is None
        and not own_truce(s)
        and not _deal_started(s)
    ):
        return []
    match = next(
        (
            m
            for m in start_matches(s)
            if (
                halts(m, s)
                or of_the_truce(KIND, s.text, m)
                or _dated_start(s, m)
                or from_a_time(m)
                or _own(m)
                or deal_took_effect(s, m)
            )
            and not counterfactual(s.text, m)
            and not speculative(s.text, m)
            and not _undated_declaration(s, m)
            and not other_subject(s.text, m)
            and not deadline_anchor(s.text, m)
        ),
        None,
    )
    if match is None:
        return []
    trigger = s.start + match.start()
    c = candidate(KIND.value, s, trigger, context.article)
    c.quantities = [q for q in s.quantities if q.unit in DURATION_UNITS and q.span[0] < trigger][:1]
    if _since_match(match):
        # "in effect since August 3": the day after "since" is the start's own day, which the
        # date rules leave aside as the start of a span (rule `date.since_clause`).
        at = s.start + match.end()
        since = [t for t in s.times if at <= t.span[0] <= at + _TIME_REACH and t.date]
        if since:
            c.date, c.date_precision = since[0].date, since[0].precision
    if halts(match, s) or _own(match):
        c.actor = subject_before(s, trigger) or speaker_actor(s)  # who gave the order
    if _own(match) and c.date is not None and _dated_until(s, c.date):
        c.date, c.date_precision = None, None  # "until April 30" is when it ends
    elif declared_alone(match):
        c.actor = subject_before(s, trigger) or speaker_actor(s)  # who declared it
    return [c]


# Rule `start.other_subject`: what "began" in a relative clause on talks or a war is they, not
# a truce: "a ceasefire reached through negotiations that started on May 6", "to end 12 days of
# escalating conflict that began with a surprise strike" (but "the first pause in a war began"
# is the pause's).
_OTHER_BEFORE = re.compile(
    r"\b(?:talks|negotiations|discussions|meeting|summit|war|conflict|fighting|escalation|"
    r"offensive|crisis|clashes|hostilities|violence)\s+(?:that|which)\s+"
    r"(?:had\s+|have\s+|has\s+)?$",
    re.IGNORECASE,
)


def other_subject(text: str, match: re.Match[str]) -> bool:
    if not on("start.other_subject"):
        return False
    return _OTHER_BEFORE.search(text, max(0, match.start() - 40), match.start()) is not None


# Rule `start.deadline_anchor`: "the start of the truce" as the point a deal's deadline counts
# from or runs up to is no start: "forces would pull back within 21 days of the start of the
# ceasefire", "not to seek advantage ... prior to the start of the ceasefire", "until the onset
# of the truce". A start placed as a time of its own ("following the start of the ceasefire",
# "since the start of the truce on October 10") still tells the start.
_DEADLINE_BEFORE = re.compile(
    r"\b(?:within\s+[^.;]{1,30}?\s+of|prior\s+to|(?:up\s+)?until|till|ahead\s+of|before)"
    r"\s+the\s+$",
    re.IGNORECASE,
)
_START_NOUN = re.compile(r"(?:start|beginning|onset)\s+of\b", re.IGNORECASE)


def deadline_anchor(text: str, match: re.Match[str]) -> bool:
    if not on("start.deadline_anchor") or not _START_NOUN.match(match.group()):
        return False
    return _DEADLINE_BEFORE.search(text, max(0, match.start() - 50), match.start()) is not None


def _dated_start(s: Sentence, match: re.Match[str]) -> bool:
    """A start named in a time clause, with its date: "since the ceasefire took effect on April
    2" reports when the truce began; "after the truce began" only places something else."""
    if not dated(s, match) or hypothetical(s.text, match.start()):
        return False
    return near_truce_noun(s.text, match.start(), match.start(), reach=40)


def _undated_declaration(s: Sentence, match: re.Match[str]) -> bool:
    """ "declared a truce" starts one when the sentence says from when ("declared an Easter
    truce from 6 p.m. on Saturday"); without a time after it, the declaration is the news, not
    the start ("Putin on Saturday declared a temporary truce ... and called on Kyiv to ..."),
    unless it is a party's own truce declared with no appeal beside it (DECLARED_ALONE)."""
    alone = declared_alone(match)
    declared = match.group().lower().startswith("declared")  # that alternative of the table
    if not (declared or alone) or not on("start.declared_needs_time"):
        return False
    if alone and _APPEAL.search(s.text) is None:
        return False  # a truce of its own declared, with no appeal beside it: its start
    at = s.start + match.end()
    return not any(t.span[0] >= at and t.date is not None for t in s.times)


def _ordered_halt(s: Sentence) -> re.Match[str] | None:
    lowered = s.lower or s.text.lower()
    return search(_ORDERED_HALT, s) if "ordered" in lowered else None


def halts(match: re.Match[str], s: Sentence) -> bool:
    """Whether a start trigger is an order to stop attacking, not inside an if-clause."""
    return _ORDERED_HALT.match(match.group()) is not None and not hypothetical(
        s.text, match.start()
    )


RULE = KindRule(
    KIND,
    extract,
    cues=(
        *("commenced", "starting", "in place"),
        *(*_DECLARED_CUES, *_TIME_KIND_CUES, *_OWN_KIND_CUES),
    ),
)
# The cue sets asked of each sentence, by name (`Sentence.has_cues`: the events component finds
# them in its one pass over the sentence's words).
NAMED_CUES["start:more"] = START_MORE_CUES
NAMED_CUES["start:declared"] = _DECLARED_CUES
