"""Actor mentions: names, aliases and metonyms from the gazetteer, plus an agreement's aliases.

Matching is on word tokens, not characters: a regex splits the text once and a trie of
tokens is walked from each token. That keeps the cost per article to one pass over its tokens,
where one big regex alternation would try every name at every character.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.gazetteer import ENTRIES, Entry
from truce.extract.model import ActorMention
from truce.extract.pipeline import doc_text

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


@lru_cache(maxsize=32)
def _trie(aliases: tuple[tuple[str, str], ...]) -> Node:
    entries = dict(ENTRIES)
    # An alias names the actor itself, not one of its officials, places or people.
    kinds: dict[str, str] = {}
    for actor, kind, _ in ENTRIES.values():
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


def find_actors(
    text: str, aliases: Mapping[str, str] | None = None, start: int = 0, end: int | None = None
) -> list[ActorMention]:
    """Longest non-overlapping actor mentions in `text[start:end]`, in order, absolute offsets."""
    root = _trie(tuple(sorted((aliases or {}).items())))
    plain = text.replace("’", "'")
    lowered = plain.lower()
    if len(lowered) != len(plain):  # a few characters grow when lowered; offsets must hold
        lowered = plain
    tokens = list(_TOKEN.finditer(lowered, start, len(text) if end is None else end))
    keys = [m.group() for m in tokens]
    mentions: list[ActorMention] = []
    i, count = 0, len(keys)
    while i < count:
        if keys[i] not in root:  # most tokens start no name: skip them without a call
            i += 1
            continue
        size, entry = _longest(root, plain, tokens, keys, i)
        if entry is None:
            i += 1
            continue
        actor, kind, country = entry
        span = (tokens[i].start(), tokens[i + size - 1].end())
        mentions.append(ActorMention(actor, kind, span, text[span[0] : span[1]], country))
        i += size
    return mentions


def _longest(
    node: Node, plain: str, tokens: list[re.Match[str]], keys: list[str], i: int
) -> tuple[int, Entry | None]:
    """The longest phrase starting at token `i` below `node` (0, None when there is none)."""
    if i >= len(keys):
        return 0, None
    children = [node.get(keys[i])]
    if children[0] is None or _ACRONYM in children[0]:
        children.append(node.get("=" + plain[tokens[i].start() : tokens[i].end()]))
    best: tuple[int, Entry | None] = (0, None)
    for child in children:
        if child is None:
            continue
        size, entry = _longest(child, plain, tokens, keys, i + 1)
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
        doc._.actors = find_actors(doc_text(doc), self.aliases, 0, doc._.body_end)
        return doc
