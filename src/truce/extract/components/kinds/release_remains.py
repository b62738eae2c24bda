"""Remains handed over: the dead a side holds, returned as a release of their own (gold
guideline: a handover of remains is a release, counted by the dead it returns).

- "Hamas handed over the remains of 21 out of 28": 21, not 28 (the count of the whole).
- "Israel returned 135 Palestinian bodies", "the handover of two hostages' remains by X".
- "handed over the remains of another captive": one.
- "the handover of all the remains" (no count) is what is wanted, not a handover.
The count's unit is the holder's: the document's armed group holds hostages, its state holds
people (a body is no longer a prisoner); the word "hostage" or "captive" in the phrase wins.
"""

from __future__ import annotations

import re

from truce.extract.components.kinds.common import Context
from truce.extract.components.sentence_view import (
    Sentence,
    by_actor,
    candidate,
    categories,
    finditer,
    subject_before,
)
from truce.extract.lexicon_numbers import SMALL_NUMBERS
from truce.extract.model import Candidate, Quantity
from truce.extract.switches import on

# The handing over, then at most four words (no verb, no "to" or "and": "returned home to find
# bodies" hands over nothing), then the dead.
_HAND = (
    r"handed\s+over|hand(?:s|ing)?\s+over|handover\s+of|returned|return(?:s|ing)?|"
    r"return\s+of|released|releas(?:es|ing)|release\s+of|freed|repatriated|repatriation\s+of|"
    r"transferred|transfer\s+of"
)
_WORD = r"(?!(?:to|and|or|was|were|had|has|have|in|on|at|after|before|from)\b)[\w\u2019'-]+"
REMAINS = re.compile(
    rf"\b(?:{_HAND})\s+(?:{_WORD}\s+){{0,3}}?(?:remains|bodies)\b",
    re.IGNORECASE,
)
# After "the remains of": a count of its own, or one ("another captive", "a hostage").
_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
_ONE = re.compile(r"(?:another|a|an|one)\s+(?![\w-]*s\b)", re.IGNORECASE)
# A bare count (the quantities component keeps none without a unit: "135 Palestinian bodies").
_NUMBER = re.compile(
    r"\b(?:\d{1,3}(?:,\d{3})+|\d+|(?:"
    + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True))
    + r")(?:-(?:"
    + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True))
    + r"))?)\b",
    re.IGNORECASE,
)
# A handover named as a noun tells one only with its count ("the handover of two hostages'
# remains by Hamas"), not "the return of deceased hostages' bodies remains a key issue".
_NOUN = re.compile(r"(?:handover|return|release|repatriation|transfer)\s+of\b", re.IGNORECASE)
_HELD = re.compile(r"\b(?:hostage|captive|abductee)", re.IGNORECASE)


def remains(
    s: Sentence, context: Context, found: list[tuple[re.Match[str], Quantity | None, int]]
) -> list[Candidate]:
    """One release per handover of remains the sentence tells (`found` by `handovers`)."""
    out: list[Candidate] = []
    for match, count, phrase_end in found:
        if count is None and _NOUN.match(match.group()):
            continue  # "tied talks to the handover of all the remains": wanted, not done
        trigger = s.start + match.start()
        phrase = s.text[match.start() : phrase_end - s.start]
        group, state = context.holders
        actor = subject_before(s, trigger) or by_actor(s, s.start + match.end())
        held = bool(_HELD.search(phrase))
        if actor is None:
            actor = group if held or state is None else state
        c = candidate("release", s, trigger, context.article)
        c.actor = actor
        if count is not None:
            unit = count.unit if count.unit in {"hostages", "prisoners"} else None
            if unit is None:
                unit = "hostages" if held or (actor is not None and actor == group) else "people"
            c.quantities = [Quantity(count.value, count.qualifier, unit, count.span)]
        c.categories = categories(phrase)
        out.append(c)
    return out


def handovers(s: Sentence) -> list[tuple[re.Match[str], Quantity | None, int]]:
    """Each handover of remains: its match, its count and where the phrase naming the dead
    ends (an offset in the article)."""
    if not on("release.remains"):
        return []
    lowered = s.lower or s.text.lower()
    if "remains" not in lowered and "bodies" not in lowered:
        return []
    return [(m, *_count(s, m)) for m in finditer(REMAINS, s)]


def _count(s: Sentence, match: re.Match[str]) -> tuple[Quantity | None, int]:
    """The count of the dead handed over, and where the phrase naming them ends."""
    end = s.start + match.end()
    inside = _NUMBER.search(s.text, match.start(), match.end())
    if inside is not None:
        return _bare(s, inside), end
    of = _OF.match(s.text, match.end())
    if of is None:
        return None, end
    at = s.start + of.end()
    after = [q for q in s.quantities if q.span[0] == at]
    if after:
        return after[0], after[0].span[1]
    number = _NUMBER.match(s.text, of.end())
    if number is not None:
        return _bare(s, number), s.start + number.end() + 40
    one = _ONE.match(s.text, of.end())
    if one is not None:
        word_end = re.match(r"[\w\u2019'-]+(?:\s+[\w\u2019'-]+)?", s.text[one.end() :])
        stop = s.start + one.end() + (word_end.end() if word_end else 0)
        return Quantity(1.0, "exact", None, (at, s.start + one.end())), stop
    return None, s.start + of.end() + 40


def _bare(s: Sentence, number: re.Match[str]) -> Quantity:
    words = number.group().lower().replace(",", "")
    if words.isdigit():
        value = float(words)
    else:
        value = float(sum(SMALL_NUMBERS[w] for w in words.split("-")))
    return Quantity(value, "exact", None, (s.start + number.start(), s.start + number.end()))
