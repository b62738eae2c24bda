"""When the scorer takes two spellings of a name as one: an acronym and the name it shortens.

Reports and annotators name one body two ways, often in one report: "the Israel Defense Forces
(IDF)", then "the IDF"; "the Rapid Support Forces" and "RSF". An extractor that keeps the form
the sentence uses is right either way, so the scorer (actor, speaker, "via") takes an acronym
and a spelled-out name as one name when the acronym's letters are the initials of the name's
significant words, in order (a skipped word such as "of" may give its letter too):
"IDF" = "Israel Defense Forces", "HTS" = "Hayat Tahrir al-Sham", "UN" = "the United Nations",
"COGAT" = "Coordinator of Government Activities in the Territories"; and a curly apostrophe
is a straight one. Nothing looser: "Israeli military" and "IDF" stay two names, and so do two
different spelled-out names.
"""

from __future__ import annotations

import re

# Words an acronym skips: articles, prepositions and the Arabic article in hyphenated names.
_SKIPPED = frozenset({"a", "an", "the", "of", "for", "and", "in", "on", "to", "al", "el", "de"})
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")


_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def fold(name: str) -> str:
    """The form two spellings are compared in: spaces collapsed, case folded, a curly
    apostrophe read as a straight one ("Ukraine’s armed forces" = "Ukraine's armed forces")."""
    return " ".join(name.split()).casefold().translate(_QUOTES)


def _words(name: str) -> list[str]:
    return [w.strip(".,'’") for w in re.split(r"[\s\-–/]+", name.strip()) if w.strip(".,'’")]


def initials(name: str) -> str:
    """The upper-case initials of a name's significant words ("Hayat Tahrir al-Sham" -> "HTS")."""
    return "".join(w[0].upper() for w in _words(name) if w.casefold() not in _SKIPPED)


def _spells(letters: str, words: list[str]) -> bool:
    """Every significant word gives its initial, in order; a skipped word may give its own or
    not ("COGAT" = Coordinator of Government Activities in the Territories)."""
    if not words:
        return not letters
    first, rest = words[0], words[1:]
    takes = bool(letters) and letters[0] == first[0].upper() and _spells(letters[1:], rest)
    return takes or (first.casefold() in _SKIPPED and _spells(letters, rest))


def is_acronym_of(short: str, long: str) -> bool:
    """`short` is written as an acronym and is the initials of `long`, which has 2+ words."""
    short = short.strip().removeprefix("the ").strip()
    words = _words(long)
    if not _ACRONYM.fullmatch(short) or len(words) < 2:
        return False
    return _spells(short.replace("&", ""), words)


def same_name(a: object, b: object) -> bool:
    """Two recorded values name the same body: equal once folded, or one the other's acronym.
    Values that are not both text compare as they are."""
    if not (isinstance(a, str) and isinstance(b, str)):
        return a == b
    if fold(a) == fold(b):
        return True
    return is_acronym_of(a, b) or is_acronym_of(b, a)
