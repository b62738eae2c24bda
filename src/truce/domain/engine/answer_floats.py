"""Every float a status answer can hold, found where its contract (`answer_model.StatusAnswer`)
allows one: for `compact_json`, which must be told them.

At a million claims the answer holds about two million values, and a walk of all of them costs
0.23 s of CPU, more than writing the answer (0.03 s). The contract says where a float may be: in
the figures (`Number` fields: due, delivered, days, a reading's quantity...) and in what it leaves
open (`metadata`). The walk goes there only: through 13 obligations, a phase, an extension and
5,180 disputes' readings, not the 28,729 breach rows and 33,920 explanations, which hold none.
The plan is read off the models' annotations, so a field added to the contract is walked as it
is typed; tests/domain/engine/test_answer_floats.py checks on every answer the engine makes in
the tests that this finds every float a walk of everything finds.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from truce.domain.engine.answer_model import StatusAnswer

# Where floats may be: FLOAT a value itself; ANY anywhere under it; a plan (key -> shape) in a
# row; ("list", shape) in each item; ("dict", shape) in each value.
FLOAT, ANY = "float", "any"
Shape = Any


def answer_floats(answer: dict[str, Any]) -> Iterator[float]:
    """The floats in `answer` (a status answer as the engine makes it)."""
    return _floats(answer, _plan(StatusAnswer))


def _floats(value: Any, shape: Shape) -> Iterator[float]:
    if shape == FLOAT:
        if isinstance(value, float):
            yield value
    elif shape == ANY:
        yield from every_float(value)
    elif isinstance(shape, dict):
        if isinstance(value, dict):
            for key, inner in shape.items():
                if key in value:
                    yield from _floats(value[key], inner)
    else:
        kind, inner = shape
        if kind == "dict" and isinstance(value, dict):
            items: Any = value.values()
        elif kind == "list" and isinstance(value, list | tuple):
            items = value
        else:  # not the contract's shape: the tests' walk of everything would say so
            return
        for item in items:
            yield from _floats(item, inner)


def every_float(value: Any) -> Iterator[float]:
    """Every float in `value`, wherever it is (the walk for values of no known shape)."""
    stack = [value]
    while stack:
        found = stack.pop()
        if isinstance(found, dict):
            stack.extend(found.values())
        elif isinstance(found, list | tuple):
            stack.extend(found)
        elif isinstance(found, float):
            yield found


@cache
def _plan(model: type[BaseModel]) -> dict[str, Shape]:
    """Per key of `model`'s rows (as they are written: aliases), where its floats may be."""
    plan = {}
    for name, field in model.model_fields.items():
        shape = _shape(field.annotation)
        if shape is not None:
            plan[field.alias or name] = shape
    return plan


def _shape(annotation: Any) -> Shape | None:
    """Where a value of this type may hold floats; None where it cannot."""
    origin, args = get_origin(annotation), get_args(annotation)
    if annotation is Any:
        return ANY
    if annotation is float:
        return FLOAT
    if origin is Annotated:
        return _shape(args[0])
    if origin is Union or origin is types.UnionType:
        return _merged([s for s in map(_shape, args) if s is not None])
    if origin is list:
        inner = _shape(args[0])
        return None if inner is None else ("list", inner)
    if origin is dict:
        inner = _shape(args[1])
        return None if inner is None else ("dict", inner)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _plan(annotation) or None
    if origin is None and not isinstance(annotation, type):
        return ANY  # a type this walk cannot read: look everywhere
    return None  # str, int, bool, None, Literal[...]


def _merged(shapes: list[Shape]) -> Shape | None:
    """One shape for a value of any of `shapes` (a union)."""
    if not shapes:
        return None
    if all(s == shapes[0] for s in shapes):
        return shapes[0]
    if all(isinstance(s, dict) for s in shapes):  # rows of either model: each key's shapes
        keys = dict.fromkeys(k for s in shapes for k in s)
        return {k: _merged([s[k] for s in shapes if k in s]) for k in keys}
    return ANY
