"""Word lists for the quantity and time components, kept apart from the code that reads them so a
new unit, qualifier or month spelling is a one-line change here."""

from __future__ import annotations

import re
from typing import Any

SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
MULTIPLIERS: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
}  # fmt: skip

# ACLED's conventions for vague amounts, as the gold README adopts them.
VAGUE: dict[str, int] = {
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
}  # fmt: skip
VAGUE_TENS: dict[str, int] = {"thousands": 10_000, "millions": 10_000_000}  # "tens of thousands"
VAGUE_HUNDREDS: dict[str, int] = {"thousands": 100_000}  # "hundreds of thousands"

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip

# Longest phrase first: the alternation is tried left to right.
QUALIFIERS: dict[str, str] = {
    "no fewer than": "at_least",
    "a minimum of": "at_least",
    "at least": "at_least",
    "more than": "more_than",
    "in excess of": "over",
    "over": "over",
    "an estimated": "about",
    "approximately": "about",
    "roughly": "about",
    "around": "about",
    "about": "about",
    "some": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "as many as": "up_to",
    "no later than the": "up_to",
    "no later than": "up_to",
    "within the next": "up_to",
    "within": "up_to",
    "up to": "up_to",
    # The contract has no "below" qualifier; an upper bound is the nearest reading.
    "fewer than": "up_to",
    "less than": "up_to",
}

# One table from the noun after a count to the contract's unit.
UNITS: dict[str, str] = {
    "hostages": "hostages", "hostage": "hostages", "captives": "hostages",
    "abductees": "hostages",
    "prisoners": "prisoners", "prisoner": "prisoners", "detainees": "prisoners",
    "inmates": "prisoners", "pows": "prisoners",
    "days": "days", "day": "days", "hours": "hours", "hour": "hours", "weeks": "weeks",
    "week": "weeks", "months": "months", "month": "months", "years": "years", "year": "years",
    "minutes": "minutes",
    "killed": "killed", "dead": "killed", "deaths": "killed", "fatalities": "killed",
    "lives": "killed",
    "wounded": "wounded", "injured": "wounded", "injuries": "wounded",
    "trucks": "trucks", "truck": "trucks", "lorries": "trucks", "lorry": "trucks",
    "ships": "ships", "ship": "ships", "vessels": "ships", "tankers": "ships",
    "flights": "flights", "flight": "flights",
    "soldiers": "soldiers", "soldier": "soldiers", "servicemen": "soldiers",
    "troops": "soldiers", "fighters": "soldiers", "combatants": "soldiers",
    "groups": "groups", "factions": "groups",
    "people": "people", "persons": "people", "person": "people", "civilians": "people",
    "civilian": "people", "women": "people", "children": "people", "minors": "people",
    "men": "people", "boys": "people", "girls": "people", "teenagers": "people",
    "nationals": "people", "residents": "people", "palestinians": "people",
    "israelis": "people", "ukrainians": "people", "russians": "people", "syrians": "people",
    "yemenis": "people", "lebanese": "people", "sudanese": "people", "thais": "people",
    "filipinos": "people", "americans": "people", "egyptians": "people",
    "citizens": "people", "citizen": "people", "defenders": "soldiers",
}  # fmt: skip
TIME_UNITS = {"days", "hours", "weeks", "months", "years", "minutes"}
PEOPLE_LIKE = {"people", "soldiers"}  # units that "killed 22 ..." turns into a toll

# Words that may stand between a count and its noun ("50 Israeli hostages").
MODIFIERS = {
    "more", "further", "additional", "other", "female", "male", "elderly", "civilian",
    "remaining", "foreign", "israeli", "palestinian", "thai", "filipino", "russian",
    "ukrainian", "syrian", "lebanese", "yemeni", "sudanese", "egyptian", "qatari",
    "american", "teenage", "young", "old", "sick", "wounded", "injured", "commercial",
    "aid", "humanitarian", "fuel", "armed", "rebel", "military", "security", "new",
    "fresh", "full", "consecutive", "straight", "initial", "first", "last", "next", "final",
    "held", "jailed", "captive", "detained", "dual-national", "dual", "captured",
}  # fmt: skip

# A digit after these is a label, not a count.
LABEL_WORDS = {
    "page", "p", "pp", "verse", "chapter", "article", "resolution", "no", "number",
    "flight", "route", "road", "highway", "section", "paragraph", "item", "line", "room",
    "box", "unit", "phase", "stage", "round", "vol", "volume", "id",
}  # fmt: skip
AGE_NOUNS = {"men", "women", "people", "those", "aged", "children", "boys", "girls", "adults"}

MONTHS: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5,
    "Sunday": 6,
}  # fmt: skip


def word_alternation(words: list[str]) -> str:
    """A regex alternation of `words` factored by shared prefixes.

    Python's `re` tries a flat alternation word by word at every character; factored, most
    positions fail on their first character. It made each component several times faster.
    """
    tree: dict[str, dict[str, Any]] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(tree)


# Characters that case-insensitive matching pairs with an ASCII letter although `str.lower()`
# does not turn them into it (dotless i, long s), or whose lowering is longer (dotted capital I).
_CASE_ODD = ("\u0130", "\u0131", "\u017f", "\u212a")


def lowered(text: str) -> str | None:
    """`text.lower()` when a case-sensitive pattern of lower-case ASCII words run on it finds
    what the same pattern with IGNORECASE finds on `text`, at the same offsets; else None."""
    if text.isascii():
        return text.lower()
    if any(char in text for char in _CASE_ODD):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


# A count as reports write it: digits with or without thousands commas ("14,000", "26"), or a
# small number in words, the longest words first ("nineteen" before "nine"). A regex source to
# put inside a group of a caller's pattern; `count_value` reads what it matched.
COUNT = r"\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True))


def count_value(written: str) -> float:
    """The value of a count `COUNT` matched: "14,000" -> 14000.0, "Nine" -> 9.0."""
    word = written.lower()
    return float(SMALL_NUMBERS[word] if word in SMALL_NUMBERS else word.replace(",", ""))
