"""Speakers the gazetteer does not list: the party a person's office names, and an official
whose party the sentence does not give (round 6, branch `exspeak`).

A person the lists do not know ("Karim Haddad said") is still a speaker; what makes their words a
statement is the office news copy puts beside the name:

- `speaker.office_demonym`: a nationality that qualifies an office ("the Syrian interior
  ministry's spokesman", "Syrian Interior Minister Karim Haddad") names that state as the party;
  a nationality alone ("a Syrian shopkeeper") names none.
- `statement.titled_person`: a person named with an office ("Interior Minister Karim Haddad
  said", "Karim Haddad, the council's envoy, said") whose party the sentence does not give still
  speaks as an official: a statement with no actor. A name with no office (a resident, an
  analyst) is none, and so is "he said" of an official named before.
"""

from __future__ import annotations

import re
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
_ROLE_NOUN = re.compile(rf"\b(?:{_ROLE_NOUNS})\b", re.IGNORECASE)
# An office a nationality may qualify (with up to two words between: "Syrian interior ministry").
_OFFICE_AFTER = re.compile(
    rf"(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{_ROLE_NOUNS}|ministry|presidency|government|army|"
    r"military|forces|armed\s+forces|foreign\s+office|cabinet|delegation|authorities|mission)\b",
    re.IGNORECASE,
)
# A person's name: two to four capitalised words, with the particles Arabic names carry.
_PERSON = re.compile(r"[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s+|ibn\s+)?[A-Z][\w'’-]+){1,3}")


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
