"""Actor mentions: names, aliases and metonyms from the gazetteer, plus an agreement's aliases.

Matching is on word tokens, not characters: a regex splits the text once and a trie of
tokens is walked from each token. That keeps the cost per article to one pass over its tokens,
where one big regex alternation would try every name at every character.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from itertools import accumulate, compress
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract import switches
from truce.extract.gazetteer import (
    ENTRIES,
    GOVERNMENT,
    GOVERNMENT_DESCRIPTIONS,
    GOVERNMENT_OF,
    JUNTA,
    JUNTA_DESCRIPTIONS,
    JUNTAS,
    REBELS,
    SUCCESSIONS,
    Entry,
    build_entries,
)
from truce.extract.model import ActorMention, Candidate
from truce.extract.pipeline import annotate, annotation, doc_text

# A word, a possessive suffix, or one punctuation mark: "Qatar’s" -> "qatar", "'s", and
# "Qatari-brokered" -> "qatari", "-", "brokered", so a demonym is found inside a compound.
_TOKEN = re.compile(r"[^\W_]+|['’]s\b|[^\w\s]")

# A trie over tokens: each node maps a token to the next node; `_END` holds what the phrase
# ending at that node names. Acronyms are stored under their exact form, prefixed with `=`.
Node = dict[str, Any]
_END = ""
_ACRONYM = "="  # marks a lower-case key that an acronym shares: look up the exact form too


def _is_acronym(name: str) -> bool:
    """Short upper-case names ("UN", "IS", "US", "WHO") only match as written: not "us", "who"."""
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


# The gazetteer's own switches (truce.extract.switches): which parts of it are in the trie.
GAZETTEER_SWITCHES = (
    "actors.newer_parties",
    "actors.newer_officials",
    "actors.state_is_its_government",
    "actors.army_by_context",
)


@lru_cache(maxsize=8)
def _entries(off: frozenset[str]) -> dict[str, Entry]:
    return ENTRIES if not off else build_entries(off)


def gazetteer_off() -> frozenset[str]:
    """The gazetteer's switches that are off now (none, outside cross-validation)."""
    if not switches.OFF:
        return frozenset()
    asked = {
        "actors.newer_parties": switches.on("actors.newer_parties"),
        "actors.newer_officials": switches.on("actors.newer_officials"),
        "actors.state_is_its_government": switches.on("actors.state_is_its_government"),
        "actors.army_by_context": switches.on("actors.army_by_context"),
    }
    return frozenset(name for name in GAZETTEER_SWITCHES if not asked[name])


@lru_cache(maxsize=32)
def _trie(aliases: tuple[tuple[str, str], ...], off: frozenset[str] = frozenset()) -> Node:
    entries = dict(_entries(off))
    # An alias names the actor itself, not one of its officials, places or people.
    kinds: dict[str, str] = {}
    for actor, kind, _ in entries.values():
        if kind in ("state", "armed-group", "agency"):
            kinds.setdefault(actor, kind)
    for name, actor in aliases:
        entries[name] = (actor, kinds.get(actor, "organisation"), None)
    root: Node = {}
    for name, entry in entries.items():
        exact = _is_acronym(name)
        node = root
        for token in _TOKEN.findall(name.replace("’", "'")):
            if exact:
                node.setdefault(token.lower(), {})[_ACRONYM] = True
            node = node.setdefault("=" + token if exact else token.lower(), {})
        node[_END] = entry
    return root


# The same tokens with the text between them: `split` keeps both in one C call, and the running
# sum of their lengths gives every token's offsets without a match object per token.
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
# Without an underscore, `\w` is `[^\W_]`, which the engine tests more slowly.
_TOKEN_SPLIT_NO_UNDERSCORE = re.compile(r"(\w+|['’]s\b|[^\w\s])")


def find_actors(
    text: str, aliases: Mapping[str, str] | None = None, start: int = 0, end: int | None = None
) -> list[ActorMention]:
    """Longest non-overlapping actor mentions in `text[start:end]`, in order, absolute offsets."""
    root = _trie(tuple(sorted((aliases or {}).items())), gazetteer_off())
    plain = text.replace("’", "'")
    lowered = plain.lower()
    if len(lowered) != len(plain):  # a few characters grow when lowered; offsets must hold
        lowered = plain
    # `_TOKEN` has no lookbehind, so tokenising the slice finds what `finditer(lowered, start,
    # end)` finds (the slice's end is the end of the string for `\b`, as `endpos` is).
    segment = lowered[start:end]
    split = _TOKEN_SPLIT if "_" in segment else _TOKEN_SPLIT_NO_UNDERSCORE
    parts = split.split(segment)
    keys = parts[1::2]
    offsets = list(accumulate(map(len, parts), initial=start))
    starts, ends = offsets[1::2], offsets[2::2]
    mentions: list[ActorMention] = []
    resume = 0
    # Most tokens start no name: only those that do are visited.
    for i in compress(range(len(keys)), map(root.__contains__, keys)):
        if i < resume:
            continue
        size, entry = _longest(root, plain, starts, ends, keys, i)
        if entry is None:
            continue
        actor, kind, country = entry
        span = (starts[i], ends[i + size - 1])
        mentions.append(ActorMention(actor, kind, span, text[span[0] : span[1]], country))
        resume = i + size
    if any(m.kind == "description" for m in mentions):
        mentions = _described(mentions)
    return mentions


_DESCRIBED_KIND = {REBELS: "armed-group", GOVERNMENT: "state", JUNTA: "state"}
_GOVERNMENT_PHRASES = frozenset(p.lower() for p in GOVERNMENT_DESCRIPTIONS + JUNTA_DESCRIPTIONS)


def government_described(mention: ActorMention) -> bool:
    """Whether the mention is a description of a government ("the authorities") that the
    document's sides resolved to a state."""
    return mention.kind == "state" and mention.text.lower() in _GOVERNMENT_PHRASES


_SIDE_KINDS = frozenset(("state", "armed-group", "agency", "official", "place"))


def _described(mentions: list[ActorMention]) -> list[ActorMention]:
    """Descriptions ("the rebels", "government forces") as the side the other mentions make
    them (`actors.by_context`), else as their default id; one with neither is no mention."""
    if switches.on("actors.by_context"):
        sides = _sides([m for m in mentions if m.kind in _SIDE_KINDS])
    else:
        sides = dict.fromkeys((REBELS, GOVERNMENT, JUNTA))
    out = []
    for m in mentions:
        if m.kind != "description":
            out.append(m)
            continue
        assert m.country is not None
        actor = sides[m.country] or m.actor
        if actor:
            out.append(ActorMention(actor, _DESCRIBED_KIND[m.country], m.span, m.text))
    return out


def _sides(named: list[ActorMention]) -> dict[str, str | None]:
    """The rebels and the government of the document's conflict: its most named non-state side
    that `GOVERNMENT_OF` knows and that side's government. A junta is the most named junta
    (`JUNTAS`), whether or not its foes are named. With no such side named, none: "the rebels"
    in a report naming only Ukraine and Russia are not known to be anyone."""
    counts = Counter(m.actor for m in named)
    groups = [g for g in counts if g in GOVERNMENT_OF]
    group = max(groups, key=lambda g: counts[g]) if groups else None  # ties: the first named
    government = GOVERNMENT_OF[group] if group else None
    juntas = [a for a in counts if a in JUNTAS]
    junta = max(juntas, key=lambda a: counts[a]) if juntas else None
    if government in JUNTAS:
        junta = government
    return {REBELS: group, GOVERNMENT: government, JUNTA: junta}


def _longest(
    node: Node, plain: str, starts: list[int], ends: list[int], keys: list[str], i: int
) -> tuple[int, Entry | None]:
    """The longest phrase starting at token `i` below `node` (0, None when there is none)."""
    # Down a single path (no acronym at this token) the answer is the deepest phrase end on it.
    best: tuple[int, Entry | None] = (0, None)
    depth = 0
    while True:
        if i >= len(keys):
            return best
        child = node.get(keys[i])
        if child is None:
            # Only an acronym written exactly goes on from here; mostly the path ends.
            if "=" + plain[starts[i] : ends[i]] not in node:
                return best
            break
        if _ACRONYM in child:
            break
        depth += 1
        if _END in child:
            best = (depth, child[_END])
        node = child
        i += 1
    size, entry = _branching(node, plain, starts, ends, keys, i)
    return (depth + size, entry) if entry is not None else best


def _branching(
    node: Node, plain: str, starts: list[int], ends: list[int], keys: list[str], i: int
) -> tuple[int, Entry | None]:
    """`_longest` at a token that may also be an acronym written exactly."""
    children = [node.get(keys[i])]
    if children[0] is None or _ACRONYM in children[0]:
        children.append(node.get("=" + plain[starts[i] : ends[i]]))
    best: tuple[int, Entry | None] = (0, None)
    for child in children:
        if child is None:
            continue
        size, entry = _longest(child, plain, starts, ends, keys, i + 1)
        if entry is not None and size + 1 > best[0]:
            best = (size + 1, entry)
        elif _END in child and best[0] == 0:
            best = (1, child[_END])
    return best


@Language.factory("truce_actors_v1", default_config={"aliases": {}}, assigns=["doc._.actors"])
def make_actors(nlp: Language, name: str, aliases: dict[str, str]) -> ActorsComponent:
    return ActorsComponent(aliases)


class ActorsComponent:
    def __init__(self, aliases: Mapping[str, str]) -> None:
        self.aliases = dict(aliases)

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_actors(doc_text(doc), self.aliases, 0, annotation(doc, "body_end"))
        article = annotation(doc, "article")
        annotate(
            doc, "actors", in_power(mentions, article.published if article is not None else None)
        )
        return doc


def in_power(mentions: list[ActorMention], published: date | None) -> list[ActorMention]:
    """The mentions with a movement that had taken its state's capital by `published` named as
    that state (`SUCCESSIONS`; rule `actors.holds_the_capital`): "the Taliban" in a report of
    2025 is the government in Kabul, in one of 2020 the insurgency. An undated report keeps the
    movement's own id."""
    if published is None or not switches.on("actors.holds_the_capital"):
        return mentions
    named: list[ActorMention] = []
    for mention in mentions:
        succession = SUCCESSIONS.get(mention.actor)
        if succession is not None and published >= succession[1]:
            mention = ActorMention(succession[0], "state", mention.span, mention.text)
        named.append(mention)
    return named


# The kinds whose target is the other side: the accused side's foe, the side a party speaks to or
# of (gold README: "target: the other side of a breach or statement").
_TARGETED = frozenset(("breach", "statement"))


def target_of(c: Candidate, sides: list[str]) -> str | None:
    """The side `c`'s actor acts on (`doc.target`): of the document's two sides (`story.sides`),
    the one that is not the actor; for a statement only when its sentence names that side (a
    breach is always against the other side of the truce, a statement need not be)."""
    if c.type not in _TARGETED or c.actor is None or c.actor not in sides:
        return None
    others = [side for side in sides if side != c.actor]
    if c.type == "statement":
        others = [side for side in others if side in c.participants]
    return others[0] if others else None
