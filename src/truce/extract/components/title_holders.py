"""Rule `speakers.title_holder`: a speaker left as a bare title is the person the report names
with that office.

"Omani Foreign Minister Sayyid Badr bin Hamad bin Hamood Albusaidi said": the attribution keeps
the title when the name runs past three words; "Israel's foreign minister said" when the report
names him elsewhere ("Foreign Minister Israel Katz told Army Radio"); "the Angolan Head of State
said" when an earlier speaker was given that title ("the Angolan President, João Lourenço"). The
gold names the person (gold README, "source": a speaker named earlier or later is resolved).

A title is a phrase of office words ("foreign minister", "head of state"), maybe after a
nationality; a body's office ("the prime minister's office") is not a person and stays. The
holder is, in this order:

- the one person another candidate of the report speaks as, with this title as role;
- the one person the text names right after the title's office words ("Foreign Minister Israel
  Katz", "Foreign Minister Sayyid Badr bin Hamad ..."), an honorific dropped, or right before
  the whole title as its apposition ("Rustem Umerov, Ukraine's Defense Minister").

Two different people found, or none: the title stays. Done on the candidates after the
statements' turns are joined, so a resolved name joins no turns that the title did not.
"""

from __future__ import annotations

import re
from dataclasses import replace

from truce.extract.components.speakers import _OFFICE_WORDS, _is_person
from truce.extract.gazetteer import STATES
from truce.extract.model import Candidate
from truce.extract.switches import on

# A person holds these offices; a body ("office", "ministry", "government") speaks as itself.
_PERSONAL = frozenset(
    ("minister", "president", "secretary", "envoy", "head", "spokesman", "spokeswoman")
    + ("spokesperson", "chief", "leader", "king", "emir", "commander", "ambassador", "governor")
)
_BODY = frozenset(("office", "ministry", "government", "council", "committee", "forces"))
# A state's one-word names and adjectives -> the state ("Israeli", "Israel" -> israel).
_STATE_OF = {
    word.casefold(): state
    for state, (names, adjectives, _) in STATES.items()
    for word in (*names, *adjectives)
    if " " not in word
}
_NATIONALITY = frozenset(_STATE_OF)
_FILLERS = frozenset(("of", "the", "state"))  # "head of state"
_HONORIFIC = r"(?:(?:Sayyid|Sheikh|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+)?"
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:(?:bin|ibn|al|el|de|van|von)\s+)?[A-Z][\w'’-]+){1,4}"


def _office(title: str) -> str | None:
    """The title's office words without its nationality ("Israeli foreign minister" -> "foreign
    minister"), or None when the phrase is not a person's title."""
    words = title.replace("’s", "").replace("'s", "").split()
    if not words:
        return None
    folded = [w.casefold() for w in words]
    if folded[0] == "the":
        words, folded = words[1:], folded[1:]
    while folded and folded[0] in _NATIONALITY:
        words, folded = words[1:], folded[1:]
    if not folded or any(w in _BODY for w in folded):
        return None
    if not all(w in _OFFICE_WORDS or w in _FILLERS for w in folded):
        return None
    if not any(w in _PERSONAL for w in folded):
        return None
    return " ".join(words)


def _named_in_text(title: str, office: str, text: str) -> str | None:
    """The one person the text names right after the office words (not with another state's
    adjective before them: "Egyptian Foreign Minister X" holds no Israeli office), or right
    before the whole title as its apposition ("Rustem Umerov, Ukraine's Defense Minister")."""
    state = _state(title)
    after = re.compile(
        rf"(?:(?P<adjective>[\w’'-]+)\s+)?(?i:{re.escape(office)}),?\s+{_HONORIFIC}(?P<name>{_NAME})"
    )
    before = re.compile(rf"(?P<name>{_NAME}),\s+(?:the\s+)?(?i:{_spelled(title)})\b")
    people = {m["name"] for m in before.finditer(text) if _is_person(m["name"])}
    for m in after.finditer(text):
        other = _STATE_OF.get((m["adjective"] or "").replace("’s", "").replace("'s", "").casefold())
        if _is_person(m["name"]) and (state is None or other is None or other == state):
            people.add(m["name"])
    return people.pop() if len(people) == 1 else None


def _state(title: str) -> str | None:
    """The state a title's first word names ("Israeli foreign minister" -> israel)."""
    words = title.replace("’s", "").replace("'s", "").split()
    words = words[1:] if words and words[0].casefold() == "the" else words
    return _STATE_OF.get(words[0].casefold()) if words else None


def _spelled(title: str) -> str:
    """The title as a pattern, either apostrophe in a possessive."""
    escaped = re.escape(title.removeprefix("the ").removeprefix("The "))
    return re.sub("['’]", "['’]", escaped)


def name_title_holders(candidates: list[Candidate], text: str) -> None:
    """Rewrite, in place, each speaker that is a bare title to the person holding it."""
    if not on("speakers.title_holder"):
        return
    by_role: dict[str, set[str]] = {}
    for c in candidates:
        speaker, role = c.source.speaker, c.source.role
        if speaker and role and _is_person(speaker):
            by_role.setdefault(role.casefold(), set()).add(speaker)
    found: dict[str, str | None] = {}
    for c in candidates:
        title = c.source.speaker
        if not title or c.source.anonymous:
            continue
        if title not in found:
            office = _office(title)
            holders = by_role.get(title.casefold(), set())
            if office is None:
                found[title] = None
            elif len(holders) == 1:
                found[title] = next(iter(holders))
            else:
                found[title] = None if holders else _named_in_text(title, office, text)
        holder = found[title]
        if holder is not None:
            c.source = replace(c.source, speaker=holder, role=c.source.role or title)
