"""The rules' tests judge the rules: each runs with the learned recall path (`learn.recall`)
off, since what a fitted model adds to one invented sentence is no rule's behaviour (its effect
is judged by cross-validation, `truce.extract.cv`). `test_learn.py` tests the path itself, on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from truce.extract.switches import switched_off


@pytest.fixture(autouse=True)
def _rules_alone(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.module.__name__.rsplit(".", 1)[-1] == "test_learn":
        yield
        return
    with switched_off(["learn.recall"]):
        yield
