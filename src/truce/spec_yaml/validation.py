"""Turning pydantic's validation errors and the model's consistency problems into SpecErrors.

Each error is placed on the key or value it is about, and its hint is built from the model (the
allowed fields, kinds and enum values), so hints stay right when the model grows.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from truce.domain.agreement_meta import RELATED_WITHOUT_TARGET, UNKNOWN_COUNTRY
from truce.domain.provision_checks import NOT_DELIVERY, PROVISION_CLASH, UNKNOWN_TYPE
from truce.domain.spec import AgreementSpec
from truce.domain.spec_checks import Problem
from truce.errors import Location, SpecError
from truce.spec_yaml import codes
from truce.spec_yaml.schema import (
    all_models,
    field_at,
    field_type_name,
    model_at,
    strip_annotated,
    term_kind,
    term_kinds,
)
from truce.spec_yaml.tree import PathStep, position

_HINTS_BY_TYPE = {
    "string_pattern_mismatch": "write lowercase letters, digits and hyphens, e.g. `gaza-2023-11`",
    "string_type": "write text; quote it if it looks like a number, date or `yes`/`no`",
    "int_type": "write a whole number, e.g. 10",
    "int_parsing": "write a whole number, e.g. 10",
    "int_from_float": "write a whole number, e.g. 10",
    "float_type": "write a number, e.g. 3 or 1.5",
    "float_parsing": "write a number, e.g. 3 or 1.5",
    "datetime_type": "write a local date and time, e.g. 2023-11-24T07:00",
    "datetime_parsing": "write a local date and time, e.g. 2023-11-24T07:00",
    "datetime_from_date_parsing": "write a local date and time, e.g. 2023-11-24T07:00",
    "list_type": "write a list: `[a, b]`, or one `- item` per line",
    "too_short": "list at least one item",
    "bool_type": "write true or false",
}


# Pydantic error types the metadata model raises, each with its own code.
_OWN_CODES: dict[str, type[SpecError]] = {
    UNKNOWN_COUNTRY: codes.UnknownCountry,
    RELATED_WITHOUT_TARGET: codes.RelatedWithoutTarget,
}


# Problem kinds found by the consistency checks, each with its own code.
_KIND_CODES: dict[str, type[SpecError]] = {
    PROVISION_CLASH: codes.ProvisionClash,
    UNKNOWN_TYPE: codes.UnknownEventType,
    NOT_DELIVERY: codes.NotADelivery,
}


def from_validation_error(exc: ValidationError, root: Any, path: str) -> list[SpecError]:
    errors = exc.errors(include_url=False)
    # A misspelt key shows up twice, as unknown and as missing; the unknown-field error already
    # says "did you mean ...", so the missing-field twin would only repeat it.
    extras: dict[tuple[Any, ...], list[str]] = {}
    for err in errors:
        if err["type"] == "extra_forbidden":
            extras.setdefault(tuple(err["loc"][:-1]), []).append(str(err["loc"][-1]))
    return [
        _translate(err, root, path)
        for err in errors
        if not (
            err["type"] == "missing"
            and difflib.get_close_matches(
                str(err["loc"][-1]), extras.get(tuple(err["loc"][:-1]), []), n=1
            )
        )
    ]


def from_problem(problem: Problem, root: Any, path: str) -> SpecError:
    at_key = len(problem.path) >= 2 and problem.path[-2] in _dict_fields()
    line, col = position(root, problem.path, key=at_key)
    if problem.kind == "cap_below_duration":
        cls: type[SpecError] = codes.CapBelowDuration
    elif problem.kind == "ratio_incomplete":
        cls = codes.RatioCategoryMissing
    elif problem.kind in _KIND_CODES:
        cls = _KIND_CODES[problem.kind]
    elif problem.message.startswith("unknown "):
        cls = codes.UnresolvedReference
    elif "used twice" in problem.message:
        cls = codes.DuplicateId
    else:
        cls = codes.InconsistentSpec
    message = f"{dotted(problem.path)}: {problem.message}"
    return cls(message, hint=problem.hint, location=Location(path, line, col))


def dotted(path: Sequence[PathStep]) -> str:
    """`terms[2].per_unit_of.type`: how a path reads in a message."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(top level)"


def _translate(err: ErrorDetails, root: Any, path: str) -> SpecError:
    loc, at_key = _clean(tuple(err["loc"]))
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    where = dotted(loc)

    def at(p: Sequence[PathStep], *, key: bool = False) -> Location:
        line, col = position(root, p, key=key)
        return Location(path, line, col)

    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = list(model.model_fields) if (model := model_at(_tagged(err, -1))) else []
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        hint += ("allowed here: " + ", ".join(allowed)) if allowed else "remove it"
        return codes.UnknownField(
            f"unknown field {name!r} in {_owner(loc[:-1], model)}",
            hint=hint,
            location=at(loc, key=True),
        )
    if kind == "missing":
        field = field_at(_tagged(err))
        type_hint = f"<{field_type_name(field)}>" if field else "<value>"
        hint = f"add `{loc[-1]}: {type_hint}`"
        if field and field.description:
            hint += f" ({field.description})"
        return codes.MissingField(
            f"missing field {str(loc[-1])!r} in {_owner(loc[:-1], model_at(_tagged(err, -1)))}",
            hint=hint,
            location=at(loc[:-1]),
        )
    if kind == "union_tag_not_found":
        return codes.MissingField(
            f"{where}: a term needs a `kind`",
            hint="add `kind:` with one of: " + ", ".join(term_kinds()),
            location=at(loc),
        )
    if kind == "union_tag_invalid":
        return codes.BadValue(
            f"{where}.kind: unknown term kind {ctx.get('tag')!r}",
            hint="write one of: " + ", ".join(term_kinds()),
            location=at((*loc, "kind")),
        )
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return codes.BadValue(
            f"{where}: {err['input']!r} is not one of the allowed values",
            hint=f"write one of: {expected}",
            location=at(loc, key=at_key),
        )
    if kind in _OWN_CODES:
        return _OWN_CODES[kind](f"{where}: {err['msg']}", location=at(loc))
    if kind == "value_error":
        message, sep, rest = str(ctx.get("error", err["msg"])).partition(": write ")
        model = model_at(_tagged(err))
        if sep:
            hint = f"write {rest}"
        elif model and model.__doc__:
            hint = f"{model.__name__}: {model.__doc__.strip().splitlines()[0]}"
        else:
            hint = SpecError.default_hint
        return codes.BadValue(f"{where}: {message}", hint=hint, location=at(loc))
    if kind == "string_pattern_mismatch":
        return codes.BadValue(
            f"{where}: {_short(err['input'])} is not a valid id",
            hint=_HINTS_BY_TYPE[kind],
            location=at(loc, key=at_key),
        )
    return codes.BadValue(
        f"{where}: {err['msg'][0].lower()}{err['msg'][1:]} (got {_short(err['input'])})",
        hint=_hint_for(kind, ctx, _tagged(err)),
        location=at(loc, key=at_key),
    )


def _hint_for(kind: str, ctx: dict[str, Any], loc: tuple[PathStep, ...]) -> str:
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        return f"write a number {'at least' if 'ge' in ctx else 'above'} {bound}"
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        shown = f"{bound:,.0f}" if isinstance(bound, float) and bound.is_integer() else str(bound)
        return f"write a number {'at most' if 'le' in ctx else 'below'} {shown}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        model = model_at(loc)
        fields = ", ".join(model.model_fields) if model else "the documented fields"
        return f"write a mapping with fields {fields}, e.g. `{{key: value}}`"
    if kind in _HINTS_BY_TYPE:
        return _HINTS_BY_TYPE[kind]
    field = field_at(loc)
    if field and field.description:
        return f"write {field_type_name(field)}: {field.description}"
    return SpecError.default_hint


def _clean(loc: tuple[PathStep, ...]) -> tuple[tuple[PathStep, ...], bool]:
    """Drop discriminator tags from a pydantic location, and note a dict-key error."""
    at_key = bool(loc) and loc[-1] == "[key]"
    if at_key:
        loc = loc[:-1]
    clean: list[PathStep] = []
    for i, step in enumerate(loc):
        if (
            isinstance(step, str)
            and i > 0
            and isinstance(loc[i - 1], int)
            and model_at(loc[:i]) is None
            and model_at(loc[: i + 1]) is not None
        ):
            continue
        clean.append(step)
    return tuple(clean), at_key


def _tagged(err: ErrorDetails, end: int | None = None) -> tuple[PathStep, ...]:
    loc = tuple(s for s in err["loc"] if s != "[key]")
    return loc[:end] if end is not None else loc


def _owner(loc: Sequence[PathStep], model: type[BaseModel] | None) -> str:
    """`terms[2] (a 'ratio' term)`: where a mapping is and what it should be."""
    if model is AgreementSpec or not loc:
        return "the agreement (top level)"
    if model is None:
        return dotted(loc)
    kind = term_kind(model)
    return f"{dotted(loc)} (a {kind!r} term)" if kind else f"{dotted(loc)} ({model.__name__})"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _dict_fields() -> set[str]:
    return {
        name
        for model in all_models()
        for name, field in model.model_fields.items()
        if get_origin(strip_annotated(field.annotation)) is dict
    }
