"""JSON text parsed with a bound on nesting, for every input a user or a client hands us.

`json.loads` recurses once per level: a line of 2,000 brackets raises RecursionError, and one of
900 loads but breaks whatever walks it next (validation, the ledger's canonical form). No claim,
report or request nests beyond a few levels, so deeper is refused as malformed JSON.

The standard library also reads `NaN`, `Infinity` and `-Infinity`, which are not JSON (RFC 8259):
they are refused here too (`NotJsonNumber`), and so is a number too large for a float (`1e400`,
which the standard library reads as infinity): no figure that is not finite comes in through a
file or a request body, and none is then written out where strict readers refuse it.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 64
NOT_JSON_NUMBERS = ("NaN", "Infinity", "-Infinity")


class NotJsonNumber(json.JSONDecodeError):
    """`NaN`, `Infinity` or `-Infinity` in the text: the standard library reads them, JSON has
    no such numbers."""

    def __init__(self, word: str, doc: str) -> None:
        if word in NOT_JSON_NUMBERS:
            told = f"{word} is not a JSON number (JSON has no NaN or infinity)"
        else:
            told = f"the number {word[:40]} is too large for a 64-bit float (it would be infinity)"
        super().__init__(f"{told}: write a finite number or null", doc, _position(doc, word))
        self.word = word


class _Constant(Exception):
    def __init__(self, word: str) -> None:
        self.word = word


def _refuse_constant(word: str) -> Any:
    raise _Constant(word)


def _finite_float(word: str) -> float:
    value = float(word)
    if math.isinf(value):
        raise _Constant(word)
    return value


def loads(text: str | bytes) -> Any:
    """`json.loads`, raising `json.JSONDecodeError` for JSON nested deeper than `MAX_DEPTH`, and
    `NotJsonNumber` (one) for `NaN`, `Infinity`, `-Infinity` or a number past a float's range."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise _too_deep(text) from None
    except _Constant as found:
        raise NotJsonNumber(found.word, _doc(text)) from None
    if depth(value) > MAX_DEPTH:
        raise _too_deep(text)
    return value


def depth(value: Any) -> int:
    """How many arrays and objects deep `value` goes, walked without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level + 1)
        if deepest > MAX_DEPTH:
            return deepest  # deep enough to refuse; no need to walk the rest
        stack.extend((child, level + 1) for child in children)
    return deepest


def _too_deep(text: str | bytes) -> json.JSONDecodeError:
    return json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", _doc(text)[:200], 0)


# A string (skipped whole, so a word inside one is not taken for the number), or a bare token.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?Infinity|NaN|-?[0-9][0-9.eE+-]*')


def _position(doc: str, word: str) -> int:
    """Where `word` first stands as a value in `doc` (not inside a string); 0 if nowhere."""
    for found in _TOKEN.finditer(doc):
        if found.group() == word:
            return found.start()
    return 0


def _doc(text: str | bytes) -> str:
    return text if isinstance(text, str) else text.decode("utf-8", "replace")
