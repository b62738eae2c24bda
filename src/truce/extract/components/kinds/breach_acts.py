"""Breaches told as acts, without a breach word (branch `exbreach`).

Two rules, each switchable (`truce.extract.switches`):

- `breach.during_truce`: a hostile act the sentence places inside the truce's time, "Israeli
  troops fired on journalists less than a day after the ceasefire began", "during the ceasefire
  period, the ELN kidnapped ...", "throughout the truce junta forces have been battling ...",
  "seized several ships during the period following the armistice". The time phrase is what
  makes the act an allegation of breach; an act with no such phrase is left to the trigger
  table (a strike in wartime is no breach).
- `breach.launched`: "launched at least 243 attacks", "launch retaliatory strikes", "launched
  ballistic missiles", "launched an extensive offensive": an attack launched, whatever the
  weapon (the trigger table's `launched` needs "drone", "missile", "rocket" or "air" before it).

And one that drops allegations that are none (`breach.not_alleged`): "possible violations of
the ceasefire are analyzed", "expected violations", "human rights violations", "every Russian
violation" (a breach spoken of in general or of something other than the truce).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from truce.extract.components.sentence_view import Sentence, hypothetical, search
from truce.extract.lexicon_numbers import COUNT, QUALIFIERS, count_value
from truce.extract.model import Quantity, calendar_day
from truce.extract.switches import on
from truce.extract.triggers import TRUCE_NOUN

# The truce's own time: during it, after it began, within a day of it (not after it ended).
_ENDED = r"(?!\s+(?:had\s+|has\s+|was\s+)?(?:ended|expired|collapsed|lapsed|broke\s+down|over))"
_DURING = re.compile(
    rf"\b(?:during|throughout|in\s+the\s+course\s+of)\s+(?:the|a|an|this|its|their)\s+"
    rf"(?:[\w'’-]+\s+){{0,3}}?{TRUCE_NOUN}\b|"
    rf"\b(?:period|days?|weeks?|hours?|minutes?|a\s+day|a\s+week)\s+(?:following|since|after|into)"
    rf"\s+the\s+(?:[\w'’-]+\s+){{0,2}}?{TRUCE_NOUN}\b{_ENDED}|"
    rf"\bwithin\s+(?:(?:a|an|one|two|three|a\s+few|\d+)\s+)?(?:day|hours?|minutes?|days)\s+of\s+"
    rf"the\s+(?:[\w'’-]+\s+){{0,2}}?{TRUCE_NOUN}\b{_ENDED}",
    re.IGNORECASE,
)
_DURING_CUES = (
    "during",
    "throughout",
    "course of",
    "following",
    "after",
    "within",
    "into",
    "since",
)
_TRUCE_CUES = ("truce", "ceasefire", "cease-fire", "armistice", "cessation", "pause")
# A hostile act, told as done (past tense or a progressive).
_ACT = re.compile(
    r"\b(?:fired\s+(?:on|at|upon)|opened\s+fire|struck|bombed|shelled|attacked|raided|stormed|"
    r"kidnapped|abducted|seized|shot\s+(?:at|dead)|launched|targeted|advanced|"
    r"(?:have|has|had)\s+been\s+(?:battling|fighting|attacking|shelling|bombing|firing)|"
    r"(?:was|were)\s+(?:battling|fighting|attacking|shelling|bombing|firing|seizing))\b",
    re.IGNORECASE,
)

_LAUNCHED = re.compile(
    r"\blaunch(?:ed|es)?\s+(?!(?:any|no|its|their|his|her)\b)(?:(?:at\s+least|more\s+than|over|some|about|nearly)\s+)?"
    r"(?:[\w,’'“”\"-]+\s+){0,4}?(?:attacks?|strikes?|air ?strikes?|offensives?|assaults?|"
    r"missiles?|rockets?|raids?|incursions?)\b",
    re.IGNORECASE,
)
_LAUNCHED_CUES = ("launch",)

# "possible violations", "human rights violations", "every violation", "any movement that
# violates": no allegation.
_NOT_ALLEGED = re.compile(
    r"\b(?:(?:possible|potential|expected|future|eventual|hypothetical|human\s+rights|"
    r"every|each)\s+(?:[A-Z][\w'’-]*\s+)?|any\s+(?:[\w-]+\s+){1,2}(?:that|which|who)\s+)$",
    re.IGNORECASE,
)
# "Breaking the News" (a name) or "breaking the news": no truce broken.
_NEWS_AFTER = re.compile(r"\s*news\b", re.IGNORECASE)

# The words that let the kind run on a sentence for these rules: the acts' own words (every
# match of `_ACT` and `_LAUNCHED` holds one). Not a truce noun or "after": in a report about a
# truce most sentences have one.
_ACT_CUES = (
    *("fired", "opened fire", "struck", "bombed", "shelled", "attacked", "raided", "stormed"),
    *("kidnapped", "abducted", "seized", "shot", "targeted", "advanced", "battling"),
    *("fighting", "attacking", "shelling", "bombing", "firing", "seizing"),
)
CUES = (*_ACT_CUES, *_LAUNCHED_CUES)
# An attack launched in a time clause, or in a sentence dated long before the report, is the
# war's history: "since Israel launched its offensive", "launched an offensive in April 2019".
_TIME_CLAUSE = re.compile(r"\b(?:since|after|when|before|until|who)\b[^,;]*$", re.IGNORECASE)
_HISTORY = timedelta(days=30)
# An attack that ends the truce is told as its end: "launched a massive assault, shattering the
# ceasefire", "launches strikes, ending ceasefire".
_ENDS_THE_TRUCE = re.compile(
    rf"\b(?:shatter\w*|end(?:s|ed|ing)|collaps\w*)\s+(?:the\s+|an?\s+|its\s+)?"
    rf"(?:[\w'’-]+\s+){{0,3}}?{TRUCE_NOUN}\b",
    re.IGNORECASE,
)


def history(s: Sentence, at: int, published: date | None) -> bool:
    if _TIME_CLAUSE.search(s.text, 0, at) or _ENDS_THE_TRUCE.search(s.text):
        return True
    if published is None:
        return False
    limit = calendar_day(published) - _HISTORY
    return any(t.date is not None and calendar_day(t.date) < limit for t in s.times)


def not_alleged(text: str, match: re.Match[str]) -> bool:
    """Whether the breach word `match` is spoken of in general or is not the truce's."""
    if not on("breach.not_alleged"):
        return False
    if _NEWS_AFTER.match(text, match.end()):
        return True
    return _NOT_ALLEGED.search(text, max(0, match.start() - 40), match.start()) is not None


def act_in_truce(s: Sentence, published: date | None = None) -> re.Match[str] | None:
    """The hostile act of a sentence that places it in the truce's time (`breach.during_truce`),
    else an attack launched (`breach.launched`); none in an if-clause."""
    lower = s.lower or s.text.lower()
    timed = any(c in lower for c in _TRUCE_CUES) and any(c in lower for c in _DURING_CUES)
    if timed and on("breach.during_truce") and search(_DURING, s) is not None:
        act = search(_ACT, s)
        if act is not None and not hypothetical(s.text, act.start()):
            return act
    if "launch" in lower and on("breach.launched"):
        launched = search(_LAUNCHED, s)
        if launched is None or hypothetical(s.text, launched.start()):
            return None
        return None if history(s, launched.start(), published) else launched
    return None


# Rule `breach.tally`: how many violations or attacks the allegation counts: "violated the
# ceasefire over 100 times", "nearly 3,000 Israeli violations", "more than 590 incidents",
# "logging 65 strikes", "carried out 26 assaults", "breached nine times", "twice breaching".
_TALLY = re.compile(
    rf"(?:\b(?P<q>at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to)\s+)?"
    rf"\b(?P<n>{COUNT})\s+(?:[A-Z][\w'’-]*\s+|ceasefire\s+|"
    rf"truce\s+)?(?P<u>times|violations|breaches|incidents|attacks|strikes|air\s?strikes|"
    rf"assaults|raids)\b|\b(?P<twice>twice)\b",
    re.IGNORECASE,
)
_BREACH_WORD = re.compile(r"\b(?:violat|breach)", re.IGNORECASE)
_UNITS = {"times": "violations", "violations": "violations", "breaches": "violations"}
_UNITS |= {"incidents": "violations", "assaults": "assaults"}


def tally(s: Sentence) -> list[Quantity]:
    """The first count of violations or attacks in the sentence, as the breach's tally."""
    if not on("breach.tally"):
        return []
    m = _TALLY.search(s.text)
    if m is None or hypothetical(s.text, m.start()):
        return []
    worded = _BREACH_WORD.search(s.text) is not None
    if m["twice"]:
        value, unit, qualifier = 2.0, "violations" if worded else "attacks", "exact"
    else:
        value = count_value(m["n"])
        said = m["u"].lower()
        unit = _UNITS.get(said, "attacks")
        if said == "times" and not worded:
            unit = "attacks"
        qualifier = QUALIFIERS.get(" ".join((m["q"] or "").lower().split()), "exact")
    return [Quantity(value, qualifier, unit, (s.start + m.start(), s.start + m.end()))]
