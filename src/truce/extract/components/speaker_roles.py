"""Speakers the gazetteer does not list: the role a sentence gives a person, and the party that
role names (round 6, branch `exspeak`).

A person the lists do not know ("Karim Haddad said") is still a speaker; what makes their words a
party's statement is the role news copy puts beside the name:

- `speaker.appositive`: an appositive after the name, in the three places copy puts it: "said
  Karim Haddad, a spokesman for the army.", "according to Karim Haddad, the council's envoy,",
  "Karim Haddad, who heads the council, said" (a relative clause saying what the person leads).
- `speaker.office_demonym`: a nationality that qualifies an office ("the Syrian interior
  ministry's spokesman", "Syrian Interior Minister Karim Haddad") names that state as the party;
  a nationality alone ("a Syrian shopkeeper") names none.
- `speaker.named_before`: a person named again by surname alone ("Haddad said") keeps the role
  the text gave them when it first named them in full.
- `statement.titled_stance`: such a person taking a position in a verb of their own ("President
  Karim Haddad condemned the raid") makes a statement, as a party named there would.
- `statement.titled_person`: a person with an office ("Interior Minister Karim Haddad said", "Karim
  Haddad, the council's envoy, said") whose party the sentence does not give still speaks as an
  official: a statement with no actor. A name with no office (a resident, an analyst) is none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from truce.extract.components.actors import find_actors, gazetteer_off
from truce.extract.model import SourceRef
from truce.extract.switches import on

# The nouns of a role that speaks for a body.
_ROLE_NOUNS = (
    r"spokes(?:man|woman|person)|minister|president|envoy|chief|negotiator|director|secretary|"
    r"leader|head|commander|official|ambassador|representative|advis[eo]r|general|governor|"
    r"premier|chair(?:man|woman)?|deputy|aide|member|delegate|mediator|coordinator"
)
# What may end an appositive: a comma, a stop, a colon or semicolon, or the sentence's end.
_END = r"(?=\s*(?:[,;:]|\.(?:\s|$)|$))"
_APPOSITIVE = re.compile(
    rf",\s+(?P<role>(?:(?:an?|the)\s+)?(?:[\w'’-]+\s+){{0,5}}?(?:{_ROLE_NOUNS})\b"
    rf"[^,;:.“”\"]{{0,80}}?){_END}",
    re.IGNORECASE,
)
# "who heads the council": the verb's noun is the role ("head of the council").
_LEADS = {
    "heads": "head",
    "headed": "head",
    "leads": "leader",
    "led": "leader",
    "chairs": "chair",
    "chaired": "chair",
    "commands": "commander",
    "represents": "representative",
    "speaks for": "spokesperson",
}
_RELATIVE_ROLE = re.compile(
    r"\s*who\s+(?P<verb>heads|headed|leads|led|chairs|chaired|commands|represents|"
    rf"speaks\s+for)\s+"
    rf"(?P<body>[^,;:.“”\"]{{2,80}}?){_END}",
    re.IGNORECASE,
)
# An office a nationality may qualify (with up to two words between: "Syrian interior ministry").
_OFFICE_AFTER = re.compile(
    rf"(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{_ROLE_NOUNS}|ministry|presidency|government|army|"
    r"military|forces|armed\s+forces|foreign\s+office|cabinet|delegation|authorities|mission)\b",
    re.IGNORECASE,
)


def relative_role(chunk: str) -> str | None:
    """ "who heads the presidential council" -> "head of the presidential council": the role a
    relative clause after a person's name gives (rule `speaker.appositive`)."""
    if "who" not in chunk or not on("speaker.appositive"):
        return None
    match = _RELATIVE_ROLE.fullmatch(chunk)
    if match is None:
        return None
    verb = " ".join(match["verb"].lower().split())
    return f"{_LEADS[verb]} of {match['body'].strip()}"


_ROLE_NOUN = re.compile(rf"\b(?:{_ROLE_NOUNS})\b", re.IGNORECASE)


def names_a_role(phrase: str) -> bool:
    """Whether `phrase` holds a noun of a role that speaks for a body ("the US senior adviser
    for African affairs"), for an appositive before a name (rule `speaker.appositive`)."""
    return on("speaker.appositive") and _ROLE_NOUN.search(phrase) is not None


def role_after(text: str, at: int) -> str | None:
    """The role an appositive right after a person's name ending at `at` gives: ", a spokesman
    for the army," or ", who heads the council," (rule `speaker.appositive`)."""
    if not on("speaker.appositive") or text[at : at + 1] != ",":
        return None
    match = _APPOSITIVE.match(text, at)
    if match is not None:
        return match["role"].strip()
    comma = text.find(",", at + 1)
    return relative_role(text[at + 1 : comma if comma > 0 else len(text)].rstrip(". "))


def office_party(phrase: str | None) -> str | None:
    """The state whose nationality qualifies an office in `phrase` ("the Syrian interior
    ministry's spokesman" -> syria); none for a nationality alone (rule
    `speaker.office_demonym`)."""
    if not phrase or not on("speaker.office_demonym"):
        return None
    return _office_party(phrase, gazetteer_off())


@lru_cache(maxsize=4096)
def _office_party(phrase: str, _off: frozenset[str]) -> str | None:
    for mention in find_actors(phrase):
        if mention.kind == "demonym" and _OFFICE_AFTER.match(phrase, mention.span[1]):
            return mention.actor
    return None


# Each search for a surname's title reads the whole text, so a document gets at most this many:
# the cost stays linear in its length however many people it names.
MAX_PEOPLE = 32
_NAME_WORD = r"[A-Z][\w'’-]+"


def titled_name(text: str, surname: str) -> tuple[str, str] | None:
    """(name, title) where `text` first names `surname` in full after a title ("Syrian Interior
    Minister Karim Haddad"; rule `speaker.named_before`)."""
    from truce.extract.components.speakers import person_and_title

    if not re.fullmatch(_NAME_WORD, surname):
        return None
    pattern = re.compile(rf"(?:{_NAME_WORD}['’]s\s+|{_NAME_WORD}\s+){{2,6}}{re.escape(surname)}\b")
    for match in pattern.finditer(text):
        titled = person_and_title(match[0])
        if titled is not None:
            return titled
    return None


_PERSON = re.compile(r"[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s+|ibn\s+)?[A-Z][\w'’-]+){1,3}")


def titled_person(source: SourceRef, sentence: str) -> bool:
    """Whether the speaker is a person named in `sentence` with an office, title before the
    name or role beside it (rule `statement.titled_person`); "he said" of them is not enough,
    since what follows a first statement is mostly its detail."""
    if not source.speaker or source.anonymous or not on("statement.titled_person"):
        return False
    if source.speaker.split()[-1] not in sentence:
        return False
    from truce.extract.components.speakers import person_and_title

    if person_and_title(source.speaker) is not None:
        return True
    role = source.role or ""
    return _ROLE_NOUN.search(role) is not None and _PERSON.fullmatch(source.speaker) is not None


# A run of capitalised words ending in a name: a title and a name, maybe ("President Karim Haddad").
_CAPITALISED_RUN = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w'’-]*\s+){1,5}(?:(?:al-|el-|bin\s+|ibn\s+)?[A-Z][\w'’-]+)"
)


def titled_people(sentence: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, name, title) of each person named after an office in `sentence`
    ("President Karim Haddad"; rule `statement.titled_stance`)."""
    if not on("statement.titled_stance"):
        return
    from truce.extract.components.speakers import person_and_title

    for match in _CAPITALISED_RUN.finditer(sentence):
        titled = person_and_title(match[0])
        if titled is None:
            continue
        name, title = titled
        first, _, rest = name.partition(" ")
        if _ROLE_NOUN.fullmatch(first) and " " in rest:  # "Chief Negotiator Karim Haddad"
            name, title = rest, f"{title} {first}"
        yield match.start(), match.end(), name, title
