"""Counts in a report: "at least 10 hostages", "four-day", "some 1,400 deaths", "dozens of people".

One regex finds every number-like phrase; each hit is then checked against a short window on
either side (dates, clock times, money, labels) and given a qualifier and a unit. Nothing is
compiled per call.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.lexicon_numbers import (
    AGE_NOUNS,
    LABEL_WORDS,
    MODIFIERS,
    MONTHS,
    MULTIPLIERS,
    ORDINALS,
    PEOPLE_LIKE,
    QUALIFIERS,
    SMALL_NUMBERS,
    TENS,
    TIME_UNITS,
    UNITS,
    VAGUE,
    VAGUE_HUNDREDS,
    VAGUE_TENS,
    lowered,
    word_alternation,
)
from truce.extract.model import Quantity
from truce.extract.pipeline import annotate, annotation, doc_text
from truce.extract.switches import on

_UNITS_1_9 = "one|two|three|four|five|six|seven|eight|nine"
_SMALL = "|".join(sorted((w for w in SMALL_NUMBERS if w not in TENS), key=len, reverse=True))
_UNDER_100 = rf"(?:(?:{'|'.join(TENS)})(?:-(?:{_UNITS_1_9}))?|{_SMALL})"
_WORD_NUMBER = (
    rf"(?:(?:a|{_UNDER_100})\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?{_UNDER_100})?"
    rf"|(?:a|{_UNDER_100})\s+dozen|{_UNDER_100}(?:\s+(?:thousand|million))?)"
)
_NUMBER = re.compile(
    r"(?<![\w/.#+:\-$£€=&?])(?:"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w%]|[.,:]\d)"
    r"(?:\s+(?P<mult>million|billion|thousand)\b)?"
    r"|(?P<ordd>\d+)(?:st|nd|rd|th)\b"
    r"|(?P<vague>(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds"
    r"|thousands|millions)\b"
    rf"|(?P<another>another)\b(?!\s+(?:\d|{_UNDER_100}\b))"
    rf"|(?P<ordw>{'|'.join(ORDINALS)})\b"
    rf"|(?P<words>{_WORD_NUMBER})\b"
    r")",
    re.IGNORECASE,
)
_LOWER_NUMBER = re.compile(_NUMBER.pattern)


# "a" alone is too common to try; it only starts a number before these words.
_STARTERS = [*SMALL_NUMBERS, *ORDINALS, "another", "dozens", "scores", "hundreds", "thousands"]
_STARTERS += ["millions", "tens", "a hundred", "a thousand", "a million", "a dozen"]
_CANDIDATE = re.compile(rf"(?<!\w)(?:\d|(?:{word_alternation(_STARTERS)})\b)", re.IGNORECASE)
# The same two on the lowered text (see `lowered`), where no case folding is needed; a candidate
# past the first follows a non-word character, and searching for that character first lets the
# engine skip through words in C.
_LOWER_CANDIDATE = re.compile(_CANDIDATE.pattern)
_LOWER_CANDIDATE_AFTER = re.compile(r"\W" + _CANDIDATE.pattern)
_QUALIFIER = re.compile(
    r"\b(?P<q>" + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIERS) + r")\s+$",
    re.IGNORECASE,
)
# Cheap tests run before the patterns anchored on `$`, which are tried at every position of their
# window: the last word each can end on.
_QUALIFIER_ENDS = tuple({q.split()[-1] for q in QUALIFIERS})
_TOLL_ENDS = (
    *("kill", "kills", "killed", "killing", "of", "at", "to", "reached"),
    *("wounding", "wounded", "injuring", "injured"),
)
_CURRENCY_ENDS = ("$", "£", "€", "US", "USD", "EUR")
_MONTH_ENDS = (*MONTHS, *(f"{month}." for month in MONTHS))
_ASCII_LETTERS = string.ascii_letters
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s*$")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH_NAMES})\.?\s+$")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})\b")
_NOT_A_COUNT_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s+cent\b|a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|hrs\b|h\b|"
    r"o['’]clock\b|local\s+time\b|dollars\b|euros\b|pounds\b|[\-.]\d|\s\d{2,4}[\s.\-]\d)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:[$£€]|\bUS|\bUSD|\bEUR)\s*$")
_LIST_ITEM = re.compile(r"(?:^|\n)[ \t]*$")
_COMPOUND = re.compile(r"-(?P<u>day|week|month|hour|year|minute)s?(?P<old>-old)?\b", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z’']*(?:-[A-Za-z]+)?)")
_OF_DETERMINER = re.compile(r"[ \t]+of(?:[ \t]+(?:the|its|their|these|those|them))?(?=[ \t])")
_RATIO = re.compile(r"[ \t]+for\s+(?:every|each)\b", re.IGNORECASE)
_TOLL_BEFORE = re.compile(
    r"\b(?:(?P<k>killing|killed|kills|kill|claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of"
    r"|cost\s+the\s+lives\s+of|death\s+toll\s+(?:of|at|to|rose\s+to|reached|stood\s+at))"
    r"|(?P<w>wounding|wounded|injuring|injured))\s+$",
    re.IGNORECASE,
)
_AUXILIARY = r"\b(?:have|has|had|were|was|are|is)\b"
_TOLL_AFTER = re.compile(
    # The first auxiliary after the noun must be the toll's: "50 were freed and 3 were killed"
    # gives no toll to the 50.
    rf"(?:(?!{_AUXILIARY})[^.,;:\n]){{0,60}}?\b(?:have|has|had|were|was|are|is)\s+(?:been\s+)?(?:reported\s+)?"
    r"(?:(?P<v>killed|dead|wounded|injured)|(?:taken|held)\s+(?P<h>hostage|captive))\b",
    re.IGNORECASE,
)
# A headline's toll has no auxiliary: "2 Palestinians killed, 11 wounded".
_TOLL_BARE = re.compile(r"[ \t]+(?P<v>killed|wounded|injured)\b", re.IGNORECASE)
_YEAR = re.compile(r"19\d\d|20\d\d|2100")
_UNIT_NOUN_NEXT = re.compile(
    r"[ \t]+(?:" + "|".join(u for u, v in UNITS.items() if v not in TIME_UNITS) + r")\b",
    re.IGNORECASE,
)
_OVER_VERBS = {"hand", "hands", "handed", "handing", "turn", "turns", "turned", "turning", "took"}
_DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish", "i", "an")


def _word_value(phrase: str) -> float:
    total = current = 0
    for word in re.split(r"[\s\-]+", phrase.lower()):
        if word == "a":
            current = 1
        elif word in SMALL_NUMBERS:
            current += SMALL_NUMBERS[word]
        elif word == "dozen":
            current *= 12
        elif word == "hundred":
            current *= 100
        elif word in MULTIPLIERS:
            total += current * MULTIPLIERS[word]
            current = 0
    return float(total + current)


def _vague_value(phrase: str) -> float:
    words = phrase.lower().split()
    if words[0] == "tens":
        return float(VAGUE_TENS[words[-1]])
    if words[0] == "hundreds" and len(words) > 1:
        return float(VAGUE_HUNDREDS.get(words[-1], 100_000_000))
    return float(VAGUE[words[0]])


# Whether captives are alive, as releases tell it (`quantity.alive_or_dead`).
_ALIVE_OR_DEAD = {"living", "surviving", "deceased"}


def _is_modifier(word: str) -> bool:
    lower = word.lower()
    if lower in MODIFIERS:
        return True
    if lower in _ALIVE_OR_DEAD and on("quantity.alive_or_dead"):
        return True  # "20 living hostages", "the 4 deceased captives"
    if word.islower() and len(word) > 4 and word.endswith("ly"):
        return True  # an adverb before the next modifier: "22 badly wounded soldiers"
    # Nationality adjectives are open-ended ("Emirati", "Lebanese"); capitalisation marks them.
    return word[:1].isupper() and lower.endswith(_DEMONYM_SUFFIXES) and not lower.endswith("s")


def _unit_after(text: str, pos: int) -> tuple[str | None, int, bool]:
    """The unit of the count ending at `pos`, where its phrase ends, and whether it is an age."""
    compound = _COMPOUND.match(text, pos) if text.startswith("-", pos) else None
    if compound:
        return UNITS[compound["u"].lower() + "s"], compound.end(), bool(compound["old"])
    of = _OF_DETERMINER.match(text, pos)
    cursor = of.end() if of else pos
    # A word that is both a unit and a modifier ("wounded") is the unit unless a noun that is
    # one follows it: "22 wounded" are casualties, "22 wounded soldiers" are soldiers.
    held: tuple[str, int] | None = None
    for _ in range(4):
        word = _NEXT_WORD.match(text, cursor)
        if not word:
            break
        lower = word[1].lower().removesuffix("'s").removesuffix("’s")
        if lower in UNITS and not (lower in MODIFIERS and held is None):
            return UNITS[lower], word.end(), False
        if lower in UNITS:
            held = (UNITS[lower], word.end())
        elif lower == "and" and cursor > pos:
            pass  # "78 Israeli and dual-national hostages": modifiers joined
        elif not _is_modifier(word[1]):
            break
        cursor = word.end()
    return (held[0], held[1], False) if held else (None, pos, False)


def _is_excluded_digit(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 14) : start]
    after = text[end : end + 14]
    if _NOT_A_COUNT_AFTER.match(after) or _MONTH_AFTER.match(after):
        return True
    stripped = before.rstrip()  # `str.isspace` is exactly `\s`
    if stripped.endswith(_CURRENCY_ENDS) and _CURRENCY_BEFORE.search(before):
        return True
    if stripped.endswith(_MONTH_ENDS) and _MONTH_BEFORE.search(before):
        return True
    # The ASCII letters before an optional full stop and spaces: what `_WORD_BEFORE` finds.
    word = stripped.removesuffix(".")
    label = word[len(word.rstrip(_ASCII_LETTERS)) :]
    if label and label.lower() in LABEL_WORDS:
        return True
    return after[:1] in {".", ")"} and _LIST_ITEM.search(before) is not None


def _ends_with(low: str | None, start: int, end: int, words: tuple[str, ...]) -> bool:
    """False only when `low[start:end]` cannot end in one of `words` and then white space; always
    True without a lowered text."""
    if low is None:
        return True
    window = low[start:end]
    stripped = window.rstrip()
    return len(stripped) < len(window) and stripped.endswith(words)


def _qualifier_before(text: str, low: str | None, start: int) -> tuple[str, int, str]:
    if not _ends_with(low, max(0, start - 24), start, _QUALIFIER_ENDS):
        return "exact", start, ""
    found = _QUALIFIER.search(text, max(0, start - 24), start)
    if not found:
        return "exact", start, ""
    phrase = " ".join(found["q"].lower().split())
    if phrase == "over":
        before = _WORD_BEFORE.search(text, max(0, found.start() - 16), found.start())
        # "men over 50" is an age, "handed over 22" a verb's particle: neither is a bound.
        if before and before[1].lower() in AGE_NOUNS | _OVER_VERBS:
            return "exact", start, ""
    return QUALIFIERS[phrase], found.start("q"), phrase


def _numbers(text: str, low: str | None) -> Iterator[re.Match[str]]:
    """Every number-like phrase, left to right, none overlapping the one before. On the lowered
    text the groups hold lower-case words: their readers lower them anyway."""
    if low is None:
        resume = 0
        for found in _CANDIDATE.finditer(text):
            if found.start() < resume:
                continue
            number = _NUMBER.match(text, found.start())
            if number is not None:
                resume = number.end()
                yield number
        return
    # What `_LOWER_CANDIDATE.finditer(low)` finds; a candidate after the first follows a
    # character outside \w, which the other pattern consumes.
    pos = resume = 0
    while True:
        candidate = _LOWER_CANDIDATE.match(low, pos)
        if candidate is not None:
            at, pos = candidate.start(), candidate.end()
        else:
            following = _LOWER_CANDIDATE_AFTER.search(low, pos)
            if following is None:
                return
            at, pos = following.start() + 1, following.end()
        if at < resume:
            continue
        match = _LOWER_NUMBER.match(low, at)
        if match is not None:
            resume = match.end()
            yield match


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every count in `text[start:end]`, with absolute offsets, in text order."""
    end = len(text) if end is None else min(end, len(text))
    segment = text[start:end]
    low = lowered(segment)
    found: list[Quantity] = []
    for match in _numbers(segment, low):
        kind = match.lastgroup
        if kind == "mult" or (match["digits"] is not None):
            kind = "digits"
        num_start, num_end = match.span()
        qualifier, span_start, phrase = _qualifier_before(segment, low, num_start)
        if kind in {"ordd", "ordw"}:
            # Ordinals are positions, except in a deadline: "no later than the 16th day".
            if phrase not in {"no later than the"}:
                continue
            value = float(match["ordd"] or ORDINALS[match["ordw"].lower()])
        elif kind == "digits":
            if _is_excluded_digit(segment, num_start, match.end("digits")):
                continue
            if _YEAR.fullmatch(match["digits"]) and not _UNIT_NOUN_NEXT.match(segment, num_end):
                continue  # a bare year is a date; "2000 trucks" is still a count
            value = float(match["digits"].replace(",", ""))
            if match["mult"]:
                value *= MULTIPLIERS[match["mult"].lower()]
        elif kind == "vague":
            value = _vague_value(match["vague"])
            if qualifier == "exact":
                qualifier = "at_least"
        elif kind == "another":
            value = 1.0
        else:
            value = _word_value(match["words"])
        unit, unit_end, is_age = _unit_after(segment, num_end)
        if is_age:
            continue
        if unit in TIME_UNITS and phrase == "over":
            # "over 60 days" is the period, not a bound on it.
            qualifier, span_start = "exact", num_start
        if unit is None or unit in PEOPLE_LIKE:
            toll_start = max(0, span_start - 40)
            toll = (
                _TOLL_BEFORE.search(segment, toll_start, span_start)
                if _ends_with(low, toll_start, span_start, _TOLL_ENDS)
                else None
            )
            if toll:
                unit = "killed" if toll["k"] else "wounded"
            else:
                at = unit_end if unit else num_end
                after = _TOLL_BARE.match(segment, at) or _TOLL_AFTER.match(segment, at)
                if after and after.groupdict().get("h"):
                    unit = "hostages"
                elif after:
                    unit = "killed" if after["v"].lower() in {"killed", "dead"} else "wounded"
        if unit is None:
            if kind in {"vague", "another"} and qualifier in {"exact", "at_least"}:
                continue
            if qualifier == "exact" and _RATIO.match(segment, num_end) is None:
                continue
        span_end = max(unit_end, num_end)
        found.append(Quantity(value, qualifier, unit, (start + span_start, start + span_end)))
    return found


@Language.component("truce_quantities_v1", assigns=["doc._.quantities"])
def quantities_component(doc: Doc) -> Doc:
    annotate(doc, "quantities", find_quantities(doc_text(doc), 0, annotation(doc, "body_end")))
    return doc
