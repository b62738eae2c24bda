"""Reading the spec model's own structure: which model sits where, and how to name its types.

Error hints and the generated reference both come from here, so neither can drift from the model.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from truce.domain.spec import AgreementSpec

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


def strip_annotated(tp: Any) -> Any:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp


def union_members(tp: Any) -> tuple[Any, ...]:
    tp = strip_annotated(tp)
    if get_origin(tp) in (Union, types.UnionType):
        return get_args(tp)
    return (tp,)


def without_none(tp: Any) -> Any:
    members = [m for m in union_members(tp) if m is not type(None)]
    return members[0] if len(members) == 1 else tp


def term_kind(model: type[BaseModel]) -> str | None:
    """The `kind` tag of a term model, or None for models that are not terms."""
    field = model.model_fields.get("kind")
    if field is None or get_origin(field.annotation) is not Literal:
        return None
    return str(get_args(field.annotation)[0])


def term_models() -> list[type[BaseModel]]:
    """The term models in the order the `Term` union lists them."""
    terms = AgreementSpec.model_fields["terms"].annotation
    members = union_members(get_args(terms)[0])
    return [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]


def term_kinds() -> list[str]:
    return [kind for model in term_models() if (kind := term_kind(model))]


def model_at(loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model whose mapping sits at a pydantic error location, or None if it is not a model.

    Pydantic puts a discriminated union's tag into the location (`terms.0.quota.at_least`), so a
    string that names one of the union's tags selects that member.
    """
    tp: Any = AgreementSpec
    for step in loc:
        tp = without_none(strip_annotated(tp))
        members = union_members(tp)
        if len(members) > 1:
            chosen = [m for m in members if isinstance(m, type) and term_kind(m) == step]
            if not chosen:
                return None
            tp = chosen[0]
            continue
        origin = get_origin(tp)
        if origin is list and isinstance(step, int):
            tp = get_args(tp)[0]
        elif origin is dict:
            tp = get_args(tp)[1]
        elif isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(step, str):
            field = tp.model_fields.get(step)
            if field is None:
                return None
            tp = field.annotation
        else:
            return None
    tp = without_none(strip_annotated(tp))
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def all_models() -> list[type[BaseModel]]:
    """Every model reachable from AgreementSpec, in the order a reader meets them."""
    found: list[type[BaseModel]] = []

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp not in found:
                found.append(tp)
                for field in tp.model_fields.values():
                    visit(field.annotation)
        else:
            for arg in get_args(tp):
                visit(arg)

    visit(AgreementSpec)
    return found


def field_at(loc: Sequence[str | int]) -> FieldInfo | None:
    """The field a location ends in, or None when it ends in a list item or dict value."""
    if not loc or not isinstance(loc[-1], str):
        return None
    model = model_at(loc[:-1])
    return model.model_fields.get(loc[-1]) if model else None


def type_name(tp: Any) -> str:
    """How the reference names a field's type: `list[Slug]`, `When`, `"day" | "week"`."""
    if _is_slug(tp):
        return "Slug"
    origin = get_origin(tp)
    if origin is Annotated:
        return type_name(get_args(tp)[0])
    if origin in (Union, types.UnionType):
        if all(
            isinstance(m, type) and issubclass(m, BaseModel) and term_kind(m) for m in get_args(tp)
        ):
            return "Term"
        names = [type_name(m) for m in get_args(tp) if m is not type(None)]
        return " | ".join(names)
    if origin is Literal:
        return " | ".join(f'"{v}"' for v in get_args(tp))
    if origin is list:
        return f"list[{type_name(get_args(tp)[0])}]"
    if origin is dict:
        key, value = get_args(tp)
        return f"map[{type_name(key)}, {type_name(value)}]"
    if tp is datetime:
        return "datetime"
    if isinstance(tp, type):
        return tp.__name__
    return str(tp)


def field_type_name(field: FieldInfo) -> str:
    if _has_slug_pattern(field.metadata):
        return "Slug"
    return type_name(field.annotation)


def enum_values(tp: Any) -> list[str] | None:
    tp = without_none(strip_annotated(tp))
    if isinstance(tp, type) and issubclass(tp, Enum):
        return [str(member.value) for member in tp]
    return None


def _is_slug(tp: Any) -> bool:
    if get_origin(tp) is not Annotated:
        return False
    base, *extras = get_args(tp)
    return base is str and any(
        isinstance(extra, FieldInfo) and _has_slug_pattern(extra.metadata) for extra in extras
    )


def _has_slug_pattern(metadata: list[Any]) -> bool:
    return any(getattr(item, "pattern", None) == SLUG_PATTERN for item in metadata)
