"""The API reference at /docs, rendered here from the OpenAPI document, and the stylesheet.

FastAPI's default /docs loads Swagger UI's script from a third-party CDN, which the pages'
policy forbids and which would run someone else's code next to a signed-in session. The
reference lists each operation from /openapi.json (the machine-readable document, unchanged).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from truce.server.chart import swatch_css

router = APIRouter(include_in_schema=False)
STYLESHEET = Path(__file__).parent / "static" / "truce.css"
METHODS = ("get", "post", "put", "patch", "delete")


@router.get("/static/truce.css")
def stylesheet() -> Response:
    text = STYLESHEET.read_text(encoding="utf-8") + swatch_css()
    return Response(text, media_type="text/css", headers={"Cache-Control": "max-age=3600"})


@router.get("/docs", response_class=HTMLResponse)
def reference(request: Request) -> Response:
    from truce.server.pages import templates

    schema: dict[str, Any] = request.app.openapi()
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                op = item[method]
                operations.append({
                    "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                    "tags": op.get("tags", []),
                    "parameters": [(p["name"], p["in"], p.get("required", False))
                                   for p in op.get("parameters", [])],
                    "body": bool(op.get("requestBody")),
                })  # fmt: skip
    data = {"info": schema.get("info", {}), "operations": operations}
    context = {"who": None, "data": data, "may_review": False, "csrf": None}
    return templates.TemplateResponse(request, "reference.html", context)
