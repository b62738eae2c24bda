"""Speakers named as the gold conventions name them: a person by name, without the title.

The attribution component keeps the phrase the sentence uses; reports title and name a
speaker in many ways across one text. Three rewrites, over the whole document:

- a title before a name ("Indian Foreign Secretary Vikram Misri") is the person, the title
  going to `role`;
- a surname alone ("Misri said") is the person named in full earlier ("Vikram Misri");
- a bare title ("the Israeli prime minister said") is the person the text names with that
  title ("Israeli Prime Minister Benjamin Netanyahu").

An institution ("the Health Ministry", "Israel Defense Forces") is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from truce.extract.components.sentence_view import named_in
from truce.extract.gazetteer import ALL_SURNAMES
from truce.extract.model import Candidate
from truce.extract.switches import on

# Words that make a capitalised run an office or a body, not a person's name.
_OFFICE_WORDS = frozenset(
    [
        "president",
        "prime",
        "minister",
        "ministry",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "office",
        "official",
        "officials",
        "chief",
        "envoy",
        "special",
        "head",
        "deputy",
        "director",
        "general",
        "commander",
        "ambassador",
        "ombudsman",
        "press",
        "house",
        "forces",
        "army",
        "military",
        "government",
        "authority",
        "authorities",
        "council",
        "committee",
        "agency",
        "brigades",
        "movement",
        "front",
        "party",
        "union",
        "nations",
        "department",
        "foreign",
        "defence",
        "defense",
        "interior",
        "health",
        "affairs",
        "security",
        "national",
        "state",
        "states",
        "republic",
        "king",
        "queen",
        "emir",
        "sheikh",
        "crown",
        "prince",
        "leader",
        "representative",
        "coordinator",
        "mission",
        "group",
        "ministers",
        "cabinet",
        "senator",
        "governor",
        "mayor",
        "colonel",
        "lieutenant",
        "major",
        "captain",
        "sergeant",
        "admiral",
        "marshal",
        "news",
        "center",
        "centre",
        "service",
        "services",
        "commission",
        "court",
        "project",
        "institute",
        "observatory",
        "network",
        "organisation",
        "organization",
        "company",
        "corporation",
    ]
)
# Words that cannot stand in a person's name either, though they make no title.
_CONNECTORS = frozenset(("the", "of", "and", "for"))
_NAME_WORD = r"[A-Z][\w'’-]+"
_NAME_TOKEN = re.compile(r"^(?:al-|el-|abu-)?[A-Z][\w'’-]*$")
_JOINERS = frozenset(("bin", "ibn", "de", "van", "von", "abu", "al", "el"))


def _is_person(name: str) -> bool:
    words = re.split(r"[\s-]+", name.lower())
    return len(words) >= 2 and not any(w in _OFFICE_WORDS or w in _CONNECTORS for w in words)


def _titled(speaker: str) -> tuple[str, str] | None:
    """(name, title) when the phrase ends in a person's name after a title."""
    return _titled_as(speaker, on("speakers.title_ends_open"))


@lru_cache(maxsize=4096)
def _titled_as(speaker: str, open_ends: bool) -> tuple[str, str] | None:
    """`_titled`, with rule `speakers.title_ends_open` on or off (a key of the cache)."""
    words = speaker.split()
    for n in (3, 2):  # the longest name first: "Majed bin Mohammed Al Ansari" keeps its parts
        if len(words) <= n:
            continue
        name_words, title_words = words[-n:], words[:-n]
        if not all(_NAME_TOKEN.match(w) or w in _JOINERS for w in name_words):
            continue
        name = " ".join(name_words)
        if not _is_person(name):
            continue
        title = " ".join(title_words).strip(" ,")
        if open_ends and _ends_open(title):
            continue  # "Syrian Observatory for Human Rights": one body's name, not a title
        if not any(w.lower() in _OFFICE_WORDS for w in re.split(r"[\s-]+", title)):
            continue  # "Rami Abdel Rahman" is one name, not a title and a name
        return name, title
    return None


# Rule `speakers.title_ends_open`: a title runs up to the name it precedes; one ending in a
# preposition or a conjunction ("Syrian Observatory for", "Committee to", "Ministry of") is the
# first part of a body's name that goes on ("Syrian Observatory for Human Rights"), no title.
_OPEN_WORDS = frozenset(("for", "of", "to", "and", "the", "on", "in"))


def _ends_open(title: str) -> bool:
    words = title.split()
    return bool(words) and words[-1].lower() in _OPEN_WORDS


def person_and_title(phrase: str) -> tuple[str, str] | None:
    """(name, title) when `phrase` ends in a person's name after a title ("Special Envoy Hans
    Grundberg" -> ("Hans Grundberg", "Special Envoy"))."""
    return _titled(phrase)


def _title_and_surname(speaker: str) -> tuple[str, str] | None:
    """(surname, title) for "Foreign Secretary Misri": office words, then one name."""
    words = speaker.split()
    if len(words) < 2 or not re.fullmatch(_NAME_WORD, words[-1]):
        return None
    if words[-1].lower() in _OFFICE_WORDS:
        return None
    if not all(w.lower() in _OFFICE_WORDS for w in words[:-1]):
        return None
    return words[-1], " ".join(words[:-1])


@lru_cache(maxsize=4096)
def _full_from_surname(surname: str, text: str, honorifics: bool = False) -> str | None:
    """The name in full the text gives a surname, titles dropped from its front (with
    `honorifics`, rule `speakers.honorific_titles`, courtesy titles and ranks too)."""
    pattern = re.compile(rf"\b((?:{_NAME_WORD}[ \t]+){{1,2}}){re.escape(surname)}\b")
    for match in pattern.finditer(text):
        name = f"{match[1].strip()} {surname}"
        first = name.split()
        # Drop titles from the front: "Secretary Vikram Misri" -> "Vikram Misri".
        while first and (
            first[0].lower() in _OFFICE_WORDS or (honorifics and _honorific_word(first[0]))
        ):
            first = first[1:]
        if len(first) >= 2 and _is_person(" ".join(first)):
            return " ".join(first)
    return None


# Rule `speakers.honorific_titles`: a courtesy title or a rank's abbreviation before a name is
# no part of it ("Mr Pompeo", "Lt Gen Ghai", "Adviser Tzachi Hanegbi", "Minister Natthapon"):
# the name alone, and a single name the person the text names in full (as a surname, or as the
# given name before the family name: "Natthapon Nakpanich").
_HONORIFICS = frozenset(
    ("mr", "mrs", "ms", "dr", "lt", "gen", "col", "maj", "capt", "brig", "adviser", "advisor")
)


def _honorific_word(word: str) -> bool:
    return word.lower().rstrip(".") in _HONORIFICS


def _without_honorific(speaker: str, text: str) -> tuple[str, str | None] | None:
    """(name, title or None) when `speaker` opens with a run of title words holding an
    honorific or a rank's abbreviation; None when it does not, or no name follows."""
    words = speaker.split()
    run = 0
    while run < len(words) and (_honorific_word(words[run]) or words[run].lower() in _OFFICE_WORDS):
        run += 1
    if run == 0 or run == len(words):
        return None
    rest = words[run:]
    if not all(_NAME_TOKEN.match(w) or w in _JOINERS for w in rest):
        return None
    if not any(_honorific_word(w) for w in words[:run]):
        # "Minister Natthapon": an office and one name, the given name of one named in full
        full = _full_of_single(rest[0], text) if len(rest) == 1 else rest[0]
        return (full, " ".join(words[:run])) if full != rest[0] else None
    title_words = [w for w in words[:run] if w.lower().rstrip(".") not in ("mr", "mrs", "ms", "dr")]
    title = " ".join(title_words) or None
    if len(rest) >= 2:
        return (" ".join(rest), title) if _is_person(" ".join(rest)) else None
    return _full_of_single(rest[0], text), title


@lru_cache(maxsize=4096)
def _full_of_single(name: str, text: str) -> str:
    """The person a single name stands for: its fullest mention in the text as a surname, its
    honorifics dropped, else as a given name before a family name; else the name itself."""
    as_surname = _full_from_surname(name, text, honorifics=True)
    if as_surname is not None:
        return as_surname
    if name in ALL_SURNAMES:
        return name  # "President Trump": a surname the gazetteer knows, never a given name
    # The given name after an office, then the family name: "Defense Minister Natthapon
    # Nakpanich".
    given = re.compile(rf"\b([A-Za-z]+)[ \t]+{re.escape(name)}[ \t]+({_NAME_WORD})\b")
    for match in given.finditer(text):
        full = f"{name} {match[2]}"
        office = match[1].lower() in _OFFICE_WORDS or _honorific_word(match[1])
        if office and not _honorific_word(match[2]) and _is_person(full):
            return full
    return name


@lru_cache(maxsize=4096)
def _named_holder(title: str, text: str) -> str | None:
    words = title.split()
    if not 2 <= len(words) <= 5 or not words[-1].islower():
        return None
    pattern = re.compile(rf"(?i:{re.escape(title)})\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})")
    for match in pattern.finditer(text):
        if _is_person(match[1]):
            return match[1]
    return None


# Each look-up below reads the whole text, so a document gets at most this many (distinct
# speakers): the cost stays linear in its length however many speakers it quotes.
MAX_LOOKUPS = 32


def name_speakers(candidates: list[Candidate], text: str) -> None:
    """Rewrite each candidate's speaker in place (see the module's docstring)."""
    lowered: str | None = None
    looked: dict[str, str | None] = {}
    more = on("speakers.honorific_titles")
    for c in candidates:
        speaker = c.source.speaker
        if not speaker:
            continue
        if more:
            honorific = _without_honorific(speaker, text)
            if honorific is not None:
                speaker, role = honorific
                c.source = replace(c.source, speaker=speaker, role=c.source.role or role)
        titled = _titled(speaker)
        if titled is not None:
            c.source = replace(c.source, speaker=titled[0], role=c.source.role or titled[1])
            continue
        titled_surname = _title_and_surname(speaker)
        if titled_surname is not None:  # "Foreign Secretary Misri": the Misri named in full
            if len(looked) < MAX_LOOKUPS or titled_surname[0] in looked:
                found = looked.setdefault(
                    titled_surname[0], _full_from_surname(titled_surname[0], text, more)
                )
                if found is not None:
                    role = c.source.role or titled_surname[1]
                    c.source = replace(c.source, speaker=found, role=role)
            continue
        surname = re.fullmatch(_NAME_WORD, speaker) is not None
        if not surname and not speaker.split()[-1].islower():
            continue  # neither a surname nor a bare title ("the Israeli prime minister")
        if speaker not in looked:
            if len(looked) >= MAX_LOOKUPS:
                continue
            if surname:
                known = named_in(speaker, with_demonyms=True) is not None
                looked[speaker] = None if known else _full_from_surname(speaker, text, more)
                if known and speaker in ALL_SURNAMES and on("speakers.known_surname"):
                    # "Trump hailed ...": the person the gazetteer knows, as the text spells
                    # the name when it gives it in full
                    full = ALL_SURNAMES[speaker]
                    looked[speaker] = _full_from_surname(speaker, text, more) or full
            else:
                lowered = lowered if lowered is not None else text.lower()
                # The text must give the title twice: where it speaks, and with the name.
                twice = lowered.count(speaker.lower()) >= 2
                looked[speaker] = _named_holder(speaker, text) if twice else None
        found = looked[speaker]
        if found is None:
            continue
        if surname:
            c.source = replace(c.source, speaker=found)
        else:
            c.source = replace(c.source, speaker=found, role=c.source.role or speaker)


def author_narrates(candidates: list[Candidate], text: str, title: str | None) -> None:
    """In a text written in the first person under a headline naming its author ("Special Envoy
    Hans Grundberg opening remarks to the press"), the events the narration tells are the
    author's words (real set README, "First-person texts"): they take the author as speaker.
    Done on the events, not the sentences, so that narration is not a statement of its own."""
    from truce.extract.components.attribution import first_person_author

    author = first_person_author(text, title)
    if author is None:
        return
    for c in candidates:
        if c.source.speaker is None and not c.source.anonymous:
            c.source = replace(author, via=c.source.via)
