"""What changed in the verdicts: a JSON list and an Atom feed per agreement, and the webhooks
(admins only) that are told of each change, signed with HMAC-SHA256."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field, field_validator

from truce import services
from truce.domain.claim_input import is_web_address
from truce.server.deps import LedgerDep, Reader, UserManager
from truce.server.errors import UnknownWebhook
from truce.services import alert_delivery
from truce.services import alert_subscriptions as subscriptions

router = APIRouter(tags=["alerts"])


class NewWebhook(BaseModel):
    url: str = Field(..., max_length=2000, description="http(s) address that receives a POST")
    agreement: str | None = Field(
        None, max_length=200, description="only this agreement's changes (omit: every one)"
    )

    @field_validator("url")
    @classmethod
    def _web(cls, value: str) -> str:
        if not is_web_address(value):
            raise ValueError("a webhook must be an http:// or https:// address")
        return value


@router.get("/api/agreements/{agreement}/changes", summary="What changed in the verdicts")
def changes(
    agreement: str,
    ledger: LedgerDep,
    who: Reader,
    limit: int = Query(100, ge=1, le=1000),
) -> list[dict[str, Any]]:
    """Judges the agreement now first, so a deadline that has just passed is in the list."""
    alert_delivery.observe(ledger, agreement)
    return [a.as_dict() for a in subscriptions.recent_alerts(ledger, agreement, limit)]


@router.get(
    "/agreements/{agreement}/feed.atom",
    summary="An Atom feed of what changed in the verdicts",
    response_class=Response,
    include_in_schema=False,  # a page beside the agreement's, not an API operation
)
def feed(agreement: str, request: Request, ledger: LedgerDep, who: Reader) -> Response:
    alert_delivery.observe(ledger, agreement)
    spec, _ = ledger.agreement(agreement)
    recent = subscriptions.recent_alerts(ledger, agreement, 100)
    link = str(request.url_for("agreement_page", agreement=agreement))
    body = alert_delivery.atom_feed(agreement, spec.title, recent, link)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.post("/api/webhooks", status_code=201, summary="Add a webhook; its secret is shown once")
def add_webhook(body: NewWebhook, ledger: LedgerDep, who: UserManager) -> dict[str, Any]:
    if body.agreement is not None:
        services.status(ledger, body.agreement)  # an unknown agreement is refused here
    hook = subscriptions.add_webhook(ledger, body.agreement, body.url, who.name)
    return {**hook.public(), "secret": hook.secret}


@router.get("/api/webhooks", summary="Every webhook (never its secret)")
def list_webhooks(ledger: LedgerDep, who: UserManager) -> list[dict[str, Any]]:
    return [h.public() for h in subscriptions.webhooks(ledger)]


@router.delete("/api/webhooks/{webhook_id}", status_code=204, summary="Remove a webhook")
def remove_webhook(
    ledger: LedgerDep, who: UserManager, webhook_id: int = Path(..., ge=1, le=2**31 - 1)
) -> Response:
    if not subscriptions.remove_webhook(ledger, webhook_id):
        raise UnknownWebhook(f"no webhook {webhook_id}")
    return Response(status_code=204)
