"""The ledger as a whole: verify, export; and who is asking, and the users (admins only)."""

from __future__ import annotations

import io
from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from truce.io.export import export_claims
from truce.server.deps import LedgerDep, PrincipalDep, Reader, UserManager
from truce.services import users as user_service
from truce.services.access import Role

router = APIRouter(prefix="/api", tags=["ledger"])

MEDIA = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}


class NewUser(BaseModel):
    name: str = Field(..., min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][\w.@-]*$")
    role: str = Field(..., description="admin, mediator, observer or party:ID", max_length=220)


@router.get("/health", summary="Liveness; needs no token")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/me", summary="Who the token belongs to")
def me(who: PrincipalDep) -> dict[str, Any]:
    return {"name": who.name, "role": str(who.role)}


@router.get("/verify", summary="Recompute the chain and check every projection against it")
def verify(
    ledger: LedgerDep, who: Reader, head: str | None = Query(None, description="a noted head hash")
) -> dict[str, Any]:
    return ledger.verify(head).as_dict()


@router.get("/export", summary="Every claim of an agreement as JSON Lines, CSV or Parquet")
def export(
    ledger: LedgerDep,
    who: Reader,
    agreement: str = Query(...),
    format: Literal["jsonl", "csv", "parquet"] = Query("jsonl"),
) -> Response:
    claims = ledger.claims(agreement)
    if format == "parquet":
        binary = io.BytesIO()
        export_claims(claims, format, binary)
        content = binary.getvalue()
    else:
        text = io.StringIO()
        export_claims(claims, format, text)
        content = text.getvalue().encode("utf-8")
    name = f"{agreement}.{format}"
    return Response(
        content,
        media_type=MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/users", summary="Users of this server")
def users(ledger: LedgerDep, who: UserManager) -> list[dict[str, object]]:
    return [u.as_dict() for u in user_service.list_users(ledger)]


@router.post("/users", status_code=201, summary="Add a user; the token is shown only here")
def add_user(body: NewUser, ledger: LedgerDep, who: UserManager) -> dict[str, object]:
    role = Role.parse(body.role)
    user, token = user_service.add_user(ledger, body.name, str(role), who.name)
    return {**user.as_dict(), "token": token}
