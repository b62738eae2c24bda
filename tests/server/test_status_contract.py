"""The status route's OpenAPI document describes every key of the answer, and what the route
serves fits that description and the golden answers written before the answer was typed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.server.conftest import Server

GOLDEN = Path(__file__).resolve().parents[1] / "domain" / "engine" / "golden"
ROUTE = "/api/agreements/{agreement}/status"


def _openapi(server: Server) -> dict[str, Any]:
    document: dict[str, Any] = server.client.get("/openapi.json").json()
    return document


def _status_schema(document: dict[str, Any]) -> dict[str, Any]:
    ok = document["paths"][ROUTE]["get"]["responses"]["200"]
    return dict(ok["content"]["application/json"]["schema"])


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    name = ref.rsplit("/", 1)[-1]
    return dict(document["components"]["schemas"][name])


def test_the_status_schema_names_every_key(server: Server) -> None:
    document = _openapi(server)
    answer = _resolve(document, _status_schema(document))
    assert answer.get("type") == "object" and answer.get("properties"), answer
    keys = set(answer["properties"])
    assert {"state", "obligations", "extensions", "breaches", "disputes", "explanations"} <= keys
    assert {"counts", "out_of_range", "unchecked", "spec_version", "judged_by"} <= keys
    assert set(answer["required"]) == keys  # every key is always there
    schemas = document["components"]["schemas"]
    assert "undetermined" in schemas["Obligation"]["properties"]["status"]["enum"]
    assert "for" in schemas["Explanation"]["properties"]  # the key as served, not `for_`
    assert schemas["Obligation"]["properties"]["delivered"]["description"]


def test_the_served_answer_fits_its_schema_and_the_golden_answer(server: Server) -> None:
    document = _openapi(server)
    response = server.get(
        "/api/agreements/gaza-2023-11/status", "observer", params={"at": "2023-12-01T06:00"}
    )
    assert response.status_code == 200
    served = response.json()
    golden = json.loads((GOLDEN / "gaza-2023-11@2023-12-01T0600.json").read_text("utf-8"))
    assert served == golden
    # The document's key lists are the keys served, at the top and in every kind of row.
    schemas = document["components"]["schemas"]
    assert set(served) == set(_resolve(document, _status_schema(document))["properties"])
    rows = {"Obligation": "obligations", "Breach": "breaches", "Dispute": "disputes"}
    for name, key in rows.items():
        assert served[key], key
        for row in served[key]:
            assert set(row) == set(schemas[name]["properties"]), name
    assert set(served["counts"]) == set(schemas["RecordCounts"]["properties"])
