"""What routes receive by injection: the ledger, and who is asking."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from truce.access import Action, Principal, Role
from truce.server.cache import HeadCache
from truce.server.errors import Unauthenticated
from truce.server.settings import ServerSettings
from truce.storage.ledger import Ledger
from truce.storage.users import UserStore, token_hash

COOKIE = "truce_token"


def get_ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


def get_settings(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


def presented_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(COOKIE) or None


def get_cache(request: Request) -> HeadCache:
    cache: HeadCache = request.app.state.cache
    return cache


def head_seq(request: Request) -> int:
    """The head this request reads at, read once and shared by its dependencies."""
    seq = getattr(request.state, "head_seq", None)
    if seq is None:
        seq = get_cache(request).head_seq()
        request.state.head_seq = seq
    return int(seq)


def principal_for(request: Request, token: str | None) -> Principal | None:
    """Who a token belongs to, as of this request's head (a revocation moves the head)."""
    if not token:
        return None
    ledger = get_ledger(request)

    def lookup() -> Principal | None:
        user = UserStore(ledger.engine).by_token(token)
        return None if user is None else Principal(user.name, Role.parse(user.role))

    return get_cache(request).get(("principal", token_hash(token)), head_seq(request), lookup)


def current_principal(request: Request) -> Principal:
    token = presented_token(request)
    if token is None:
        raise Unauthenticated("this route needs a token")
    who = principal_for(request, token)
    if who is None:
        raise Unauthenticated("the token is unknown or was revoked")
    return who


LedgerDep = Annotated[Ledger, Depends(get_ledger)]
SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
CacheDep = Annotated[HeadCache, Depends(get_cache)]
HeadSeq = Annotated[int, Depends(head_seq)]
PrincipalDep = Annotated[Principal, Depends(current_principal)]


def allowed(action: Action) -> Callable[[Principal], Principal]:
    """A dependency that admits only principals whose role may do `action`."""

    def check(who: PrincipalDep) -> Principal:
        who.require(action)
        return who

    return check


Reader = Annotated[Principal, Depends(allowed(Action.READ))]
Submitter = Annotated[Principal, Depends(allowed(Action.SUBMIT_CLAIM))]
Verdicter = Annotated[Principal, Depends(allowed(Action.CHANGE_STATUS))]
Reviewer = Annotated[Principal, Depends(allowed(Action.REVIEW))]
AgreementManager = Annotated[Principal, Depends(allowed(Action.MANAGE_AGREEMENTS))]
UserManager = Annotated[Principal, Depends(allowed(Action.MANAGE_USERS))]
