"""JSON text parsed with a bound on nesting, for every input a user or a client hands us.

`json.loads` recurses once per level: a line of 2,000 brackets raises RecursionError, and one of
900 loads but breaks whatever walks it next (validation, the ledger's canonical form). No claim,
report or request nests beyond a few levels, so deeper is refused as malformed JSON.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 64


def loads(text: str | bytes) -> Any:
    """`json.loads`, raising `json.JSONDecodeError` for JSON nested deeper than `MAX_DEPTH`."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise _too_deep(text) from None
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
    doc = text if isinstance(text, str) else text.decode("utf-8", "replace")
    return json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", doc[:200], 0)
