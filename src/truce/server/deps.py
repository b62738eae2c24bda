"""What routes receive by injection: the ledger, and who is asking.

The API knows callers only by `Authorization: Bearer TOKEN`. A browser's session cookie is
never an API credential: the browser sends it by itself, to every port of the host, so a
forged request would carry it too. Pages accept either, and check forms posted under a session
for their CSRF token (`truce.server.csrf`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from truce.server.cache import HeadCache
from truce.server.errors import Unauthenticated
from truce.server.settings import ServerSettings
from truce.server.throttle import FailureThrottle
from truce.server.warm import Warmer
from truce.services.access import PUBLIC, Action, Principal, Role
from truce.services.ledger import Ledger
from truce.services.sessions import session_user
from truce.services.users import token_hash, user_by_token

SESSION_COOKIE = "truce_session"
# With TLS the cookie takes the __Host- prefix: browsers then refuse it unless it is Secure,
# host-only and for Path=/, so no other site or subdomain can set or shadow it.
SECURE_SESSION_COOKIE = "__Host-truce_session"


def get_ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


def get_settings(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


def session_cookie(settings: ServerSettings) -> str:
    return SECURE_SESSION_COOKIE if settings.secure_cookies else SESSION_COOKIE


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def get_throttle(request: Request) -> FailureThrottle:
    throttle: FailureThrottle = request.app.state.throttle
    return throttle


def get_cache(request: Request) -> HeadCache:
    cache: HeadCache = request.app.state.cache
    return cache


def get_warmer(request: Request) -> Warmer:
    warmer: Warmer = request.app.state.warmer
    return warmer


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
        user = user_by_token(ledger, token)
        return None if user is None else Principal(user.name, Role.parse(user.role))

    return get_cache(request).get(("principal", token_hash(token)), head_seq(request), lookup)


def authenticate(request: Request, token: str) -> Principal:
    """The token's user; an address that keeps presenting unknown tokens is slowed down."""
    throttle, address = get_throttle(request), client_address(request)
    throttle.check(address)
    who = principal_for(request, token)
    if who is None:
        throttle.failed(address)
        raise Unauthenticated("the token is unknown or was revoked")
    return who


def current_principal(request: Request) -> Principal:
    token = bearer_token(request)
    if token is None:
        if get_settings(request).public_read:
            return PUBLIC
        if request.cookies.get(session_cookie(get_settings(request))):
            raise Unauthenticated(
                "the API does not accept the dashboard's session cookie",
                hint="send `Authorization: Bearer TOKEN` (tokens come from `truce user add`)",
            )
        raise Unauthenticated("this route needs a token")
    return authenticate(request, token)


def session_principal(request: Request) -> Principal | None:
    """The user of the browser session this request carries, if it is live."""
    settings = get_settings(request)
    session_id = request.cookies.get(session_cookie(settings))
    if not session_id:
        return None
    user = session_user(get_ledger(request), session_id, settings.session_seconds)
    if user is None:
        return None
    request.state.session_id = session_id
    return Principal(user.name, Role.parse(user.role))


LedgerDep = Annotated[Ledger, Depends(get_ledger)]
SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
CacheDep = Annotated[HeadCache, Depends(get_cache)]
HeadSeq = Annotated[int, Depends(head_seq)]
WarmerDep = Annotated[Warmer, Depends(get_warmer)]
PrincipalDep = Annotated[Principal, Depends(current_principal)]


def allowed(action: Action) -> Callable[[Principal], Principal]:
    """A dependency that admits only principals whose role may do `action`."""

    def check(who: PrincipalDep) -> Principal:
        who.require(action)
        return who

    return check


Reader = Annotated[Principal, Depends(allowed(Action.READ))]
QueueReader = Annotated[Principal, Depends(allowed(Action.READ_QUEUE))]
Submitter = Annotated[Principal, Depends(allowed(Action.SUBMIT_CLAIM))]
Verdicter = Annotated[Principal, Depends(allowed(Action.CHANGE_STATUS))]
Reviewer = Annotated[Principal, Depends(allowed(Action.REVIEW))]
AgreementManager = Annotated[Principal, Depends(allowed(Action.MANAGE_AGREEMENTS))]
UserManager = Annotated[Principal, Depends(allowed(Action.MANAGE_USERS))]
