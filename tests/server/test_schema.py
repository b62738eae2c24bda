"""The API against its own OpenAPI document, with inputs generated from it (schemathesis).

Valid and invalid inputs alike must never make the server fail (no 5xx), and every refusal must
come in the one error shape. Every operation the document lists is exercised.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from tests.server.conftest import Server, running

EXAMPLES_PER_OPERATION = 20


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(str(tmp_path_factory.mktemp("fuzz") / "fuzz.db")) as server:
        yield server


def _operations(server: Server) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", server.client.app)
    return [result.ok() for result in schema.get_all_operations()]


def _check(server: Server, case: Any) -> None:
    response = case.call(headers=server.auth("admin"))
    where = f"{case.method} {case.formatted_path}"
    assert response.status_code < 500, (where, response.text)
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}, (where, body)
        assert {"status", "code", "message", "hint", "details"} == set(body["error"]), where
        assert body["error"]["status"] == response.status_code, where


def test_every_operation_is_listed(fuzzed: Server) -> None:
    listed = {f"{op.method.upper()} {op.path}" for op in _operations(fuzzed)}
    assert {"POST /api/claims", "GET /api/agreements/{agreement}/status", "POST /api/users",
            "POST /api/review/{candidate_id}/accept", "GET /api/verify"} <= listed  # fmt: skip
    assert len(listed) >= 24


@pytest.mark.parametrize(
    "mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]
)
def test_generated_requests(fuzzed: Server, mode: Any) -> None:
    exercised = 0
    for operation in _operations(fuzzed):

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: Any) -> None:
            _check(fuzzed, case)

        try:
            run()
            exercised += 1
        except Unsatisfiable:
            # No invalid input exists for an operation without parameters or body.
            assert mode is schemathesis.GenerationMode.NEGATIVE
    assert exercised >= 15
