"""Checks on a ratio term's categories: no category of the counted subject may count for nothing
without the spec saying so (the January 2025 Gaza spec once owed 0 prisoners for men)."""

from __future__ import annotations

from collections.abc import Iterator

from truce.domain.spec import RatioTerm, Subject
from truce.domain.spec_problem import Path, Problem, unknown


def ratio_problems(path: Path, term: RatioTerm, subjects: dict[str, Subject]) -> Iterator[Problem]:
    counted = term.per_unit_of
    subject = subjects.get(counted.subject or "")
    if subject is None:
        return
    for j, category in enumerate(term.unweighted):
        if category not in subject.categories:
            what = f"category of {subject.id!r}"
            yield unknown((*path, "unweighted", j), what, category, subject.categories)
    if not subject.categories or not (term.factors or counted.categories):
        return  # one factor for every unit: nothing is left out
    if not counted.categories and term.factor is not None:
        return  # `factor` written out is the factor for every category without its own
    covered = {*term.factors, *counted.categories, *counted.exclude, *term.unweighted}
    missing = [c for c in subject.categories if c not in covered]
    if not missing:
        return
    names = ", ".join(missing)
    where = "factors" if term.factors else "per_unit_of"
    example = missing[0]
    yield Problem(
        (*path, where),
        f"ratio {term.id!r} gives no factor for {names} of {subject.id!r}: their releases would "
        "count for nothing",
        f"give each a factor under `factors` (`{example}: 30`, or `{example}: 0` if none are "
        "owed), list it under `per_unit_of.exclude`, or under `unweighted` if it describes "
        "another dimension (living/deceased)",
        kind="ratio_incomplete",
    )
