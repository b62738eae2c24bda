"""What the learned candidate model (`learn.py`) reads of a candidate: feature names, each a
fact about the candidate or a word of its sentence, never the sentence itself.

- the rules' own signals: the confidence features (`calibration.features`: type, the trigger
  alternative that told it, modality, date precision, has count / date / place / speaker /
  quote, the type crossed with each);
- where it sits: the sentence's place in the document (the first 300 characters, which hold
  the headline and lead, then by fifths), how many candidates the document and the sentence
  give, how many of its own type the document gives;
- the words of its sentence, lower case, digits as `0`: each word and each pair of neighbouring
  words, once alone and once crossed with the candidate's type (a word can tell a right breach
  and a wrong statement apart), and the words of the candidate's own span (`span`, its
  clauses) apart from the rest of the sentence.

The same function serves the pipeline (`components/learned.py`) and fitting (`learn.py`), so a
model is applied to exactly the features it was fitted on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from truce.extract.calibration import features as rule_features

_WORD = re.compile(r"[^\W\d_]+|\d+")
_DIGITS = re.compile(r"\d")
LEAD_CHARS = 300  # the headline and lead sit in the first few hundred characters


_ASCII_WORD = re.compile(r"[a-z]+|[0-9]+")


def words(text: str) -> list[str]:
    """Lower-case words with each digit as 0 ("24" -> "00"): a figure's size, not its value."""
    return _lowered_words(text.lower())


def _lowered_words(lowered: str) -> list[str]:
    if lowered.isascii():  # the same words, by a pattern several times faster on ASCII
        return [w if w[0] > "9" else "0" * len(w) for w in _ASCII_WORD.findall(lowered)]
    return _WORD.findall(_DIGITS.sub("0", lowered))


def _grams(prefix: str, kind: str, tokens: Sequence[str]) -> list[str]:
    out = [f"{prefix}{w}" for w in tokens]
    out += [f"{prefix}{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    return out + [f"{kind}|{f}" for f in out]


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n <= 5 else "6+"


def features(
    candidate: dict[str, Any], text: str, siblings: Sequence[dict[str, Any]] = ()
) -> list[str]:
    """The candidate's features; `siblings` are every candidate of its document (itself
    included), for the counts."""
    kind = str(candidate.get("type"))
    sentence = candidate.get("sentence_span") or candidate.get("span") or (0, 0)
    own = candidate.get("span") or sentence
    start, end = int(sentence[0]), int(sentence[1])
    out = list(rule_features(candidate, text))
    where = "lead" if start < LEAD_CHARS else f"fifth{min(4, 5 * start // max(len(text), 1))}"
    kinds = Counter(str(s.get("type")) for s in siblings)
    same_sentence = sum(
        1 for s in siblings if (s.get("sentence_span") or s.get("span")) == sentence
    )
    out += [
        f"where={where}",
        f"{kind}|where={where}",
        f"doc_candidates={_bucket(len(siblings))}",
        f"{kind}|doc_same_type={_bucket(kinds[kind])}",
        f"sentence_candidates={_bucket(same_sentence)}",
    ]
    inside = words(text[int(own[0]) : int(own[1])])
    rest = words(text[start : int(own[0])]) + words(text[int(own[1]) : end])
    out += _grams("w=", kind, inside)
    out += _grams("o=", kind, rest) if rest else []
    return sorted(set(out))


# Words that stand where a figure would ("two hostages", "dozens of trucks"): with the
# figures, the first word of a number-shape feature (`number_shapes`).
NUMBER_WORDS = frozenset(
    {
        *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
        *("eleven", "twelve", "dozen", "dozens", "hundred", "hundreds", "thousand"),
        *("thousands", "million", "millions", "several", "scores"),
    }
)
STEM = 5  # a number-shape feature keeps the first letters of the word after the figure


def number_shapes(tokens: Sequence[str]) -> list[str]:
    """The word after each figure, whatever its size or spelling: "0 hostages", "000
    hostages" and "two hostages" are all `n=N_hosta` (the word's first `STEM` letters, so
    "hostage" is the same), a figure before a figure `n=N_0`. What a count counts carries
    across conflicts better than the pair of words, whose figure is written by its size."""
    out = []
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a[0] <= "9" or a in NUMBER_WORDS:
            out.append("n=N_" + (b[:STEM] if b[0] > "9" else "0"))
    return out


def sentence_features(text: str, span: tuple[int, int]) -> list[str]:
    """A sentence's features for the sentence model (`learn_sentences.py`): the kinds the
    rules' cue words cue in it (`events.cues_of`), whether it has an attack word or a
    quotation mark, its words and pairs of words, the words after its figures
    (`number_shapes`), and whether it sits in the headline and lead."""
    return sorted(sentence_feature_set(text, span))


Cues = tuple[frozenset[str], bool, frozenset[str]]


def sentence_parts(
    text: str, span: tuple[int, int], cues: Cues | None = None
) -> tuple[list[str], list[str]]:
    """A sentence's words (digits as 0) and its features that are not words: what
    `sentence_feature_set` is made of (`learn_sentences.Lookup` reads them without it)."""
    sentence = text[span[0] : span[1]]
    lowered = sentence.lower()
    tokens = _lowered_words(lowered)
    if cues is None:
        from truce.extract.components.events import cues_of

        cues = cues_of(lowered)
    cued, attack, named = cues
    flags = [f"cue={getattr(k, 'value', k)}" for k in cued]
    flags += [f"cue={n}" for n in named]
    if attack:
        flags.append("attack")
    if '"' in sentence or "“" in sentence or "”" in sentence:
        flags.append("quote")
    if span[0] < LEAD_CHARS:
        flags.append("lead")
    return tokens, flags


def sentence_feature_set(text: str, span: tuple[int, int], cues: Cues | None = None) -> set[str]:
    """`sentence_features` unordered; `cues` are `events.cues_of` of the lowered sentence
    when the events component has found them."""
    tokens, flags = sentence_parts(text, span, cues)
    out = set(flags)
    out.update("w=" + w for w in tokens)
    out.update(f"w={a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False))
    out.update(number_shapes(tokens))
    return out
