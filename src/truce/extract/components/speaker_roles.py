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
"""

from __future__ import annotations

import re
from functools import lru_cache

from truce.extract.components.actors import find_actors, gazetteer_off
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
    "leads": "leader",
    "chairs": "chair",
    "commands": "commander",
    "represents": "representative",
    "speaks for": "spokesperson",
}
_RELATIVE_ROLE = re.compile(
    rf"\s*who\s+(?P<verb>heads|leads|chairs|commands|represents|speaks\s+for)\s+"
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
