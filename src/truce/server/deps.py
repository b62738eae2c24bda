"""What routes receive by injection: the ledger, and who is asking."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from truce.access import Action, Principal, Role
from truce.server.errors import Unauthenticated
from truce.server.settings import ServerSettings
from truce.storage.ledger import Ledger
from truce.storage.users import UserStore

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


def current_principal(
    request: Request, ledger: Annotated[Ledger, Depends(get_ledger)]
) -> Principal:
    token = presented_token(request)
    if token is None:
        raise Unauthenticated("this route needs a token")
    user = UserStore(ledger.engine).by_token(token)
    if user is None:
        raise Unauthenticated("the token is unknown or was revoked")
    return Principal(user.name, Role.parse(user.role))


LedgerDep = Annotated[Ledger, Depends(get_ledger)]
SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
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
