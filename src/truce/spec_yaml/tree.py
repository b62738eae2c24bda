"""The parsed YAML tree: where each node sits in the file, and the plain data pydantic reads.

ruamel's round-trip loader records a line and column for every key, value and list item; we keep
that tree beside a plain copy so that any path into the spec can be turned back into a position.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

PathStep = str | int


class TooManyNodes(Exception):
    """Raised when aliases would expand the document beyond any plausible spec."""


def to_plain(node: Any, budget: int = 100_000) -> Any:
    """Copy a ruamel tree into dicts, lists and builtin scalars.

    The budget bounds the copy because an alias-heavy document ("billion laughs") is small on disk
    but expands exponentially when each alias is copied.
    """
    remaining = [budget]

    def copy(value: Any) -> Any:
        remaining[0] -= 1
        if remaining[0] < 0:
            raise TooManyNodes
        if isinstance(value, dict):
            return {copy(k): copy(v) for k, v in value.items()}
        if isinstance(value, list):
            return [copy(v) for v in value]
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int):
            return int(value)
        if isinstance(value, float):
            return float(value)
        if isinstance(value, str):
            return str(value)
        if isinstance(value, datetime):
            return datetime(
                value.year,
                value.month,
                value.day,
                value.hour,
                value.minute,
                value.second,
                value.microsecond,
                tzinfo=value.tzinfo,
            )
        if isinstance(value, date):
            return date(value.year, value.month, value.day)
        return value

    return copy(node)


def position(root: Any, path: Sequence[PathStep], *, key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at `path`, or of its deepest ancestor in the file.

    With `key=True` and a path ending in a mapping key, the key itself is pointed at rather than
    its value: that is where an unknown field or a bad dictionary key is written.
    A path that runs past the document (a field left out) stops at the deepest mapping or list
    that exists, which is where the missing entry belongs.
    """
    line, col = _own_position(root)
    node = root
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, CommentedMap) and step in node:
            line, col = node.lc.key(step) if key and last else node.lc.value(step)
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            line, col = node.lc.item(step)
            node = node[step]
        else:
            break
    return line + 1, col + 1


def _own_position(node: Any) -> tuple[int, int]:
    if isinstance(node, CommentedMap | CommentedSeq):
        return node.lc.line, node.lc.col
    return 0, 0
