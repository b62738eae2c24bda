"""Where a party's stance verb may stand in its clause, besides right after its name.

- `statement.ly_adverbs`: any adverb in "-ly" between the party and its verb ("the rebels
  additionally alleged", "the ministry had previously requested", "Egypt reportedly
  rejected"), not only the few adverbs `statement._STANCE` lists.
- `statement.coordinated_stance`: a stance verb coordinated with the party's first verb ("the
  United States confirmed the truce and called for restraint", "the president condemned the
  raid and urged calm"): the verb right after "and", in the party's clause (no semicolon, full
  stop or reported "that" between), with the party the sentence's subject (its first party,
  near the start).

Each gives the offset where `statement._STANCE` (or the more stances) is tried again; the
caller keeps its own verb tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from truce.extract.switches import on

# "additionally", "previously", "publicly": one or two adverbs, after an optional auxiliary.
# Not the adjectives and nouns in "-ly" that stand there ("the daily", "the family", "Italy").
_LY = re.compile(
    r"\s*(?:(?:has|have|had|also)\s+)?(?:(?!(?:daily|weekly|monthly|early|only|family)\b)"
    r"[a-z]{3,}ly\s+){1,2}(?=[a-z])"
)
# "and" opening a second verb of the same subject; the clause ends at ";", a full stop, or
# a reported clause ("said that ...": its subject is another).
_AND = re.compile(r"\band\s+(?:(?:also|then|later|[a-z]{3,}ly)\s+)?(?=[a-z])")
_CLAUSE_END = re.compile(r"[;.!?]\s|\bthat\b|\bwho\b|\bwhich\b|\bwhile\b|\bbut\b")
# The subject opens the sentence, after at most a short opener and its comma ("On Tuesday,
# the ministry ..."), not inside a leading phrase ("After speaking with Netanyahu, Trump ...").
_SUBJECT_PREFIX = re.compile(
    r"\s*(?:(?:On|In|At|Late|Early|Earlier|Later|Meanwhile|However|But|And|Also|Separately|"
    r"Then|Now|Today|Yesterday|Last)\b[^,]{0,30},\s*)?(?:(?:the|The)\s+)?"
)


def after_adverbs(text: str, at: int) -> int | None:
    """Where the verb may begin when "-ly" adverbs follow the party's name ending at `at`."""
    if not on("statement.ly_adverbs"):
        return None
    match = _LY.match(text, at)
    return match.end() if match else None


def coordinated(text: str, at: int, start_of_mention: int) -> Iterator[int]:
    """Where a coordinated verb may begin after the party's name ending at `at` (its first
    verb and object between), when the party, starting at `start_of_mention`, is the
    sentence's subject (`text` is the sentence)."""
    if not on("statement.coordinated_stance"):
        return
    opener = _SUBJECT_PREFIX.match(text)
    if opener is None or opener.end() < start_of_mention:
        return
    end = _CLAUSE_END.search(text, at)
    stop = end.start() if end else len(text)
    for match in _AND.finditer(text, at, stop):
        yield match.end()
