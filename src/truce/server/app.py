"""The truce server: the API, the dashboard and the error shape, on one ledger."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response

from truce import __version__
from truce.server import (
    agreement_pages,
    document_pages,
    errors,
    list_pages,
    login_pages,
    map_pages,
    pages,
    reference,
    review_pages,
    startup,
    unchanged,
)
from truce.server.api import agreements, alerts, claims, review
from truce.server.api import ledger as ledger_api
from truce.server.cache import HeadCache
from truce.server.compress import Compress
from truce.server.headers import SecurityHeaders
from truce.server.json_depth import JsonDepthLimit
from truce.server.limits import BodyLimit
from truce.server.previous_view import PreviousViews
from truce.server.settings import ServerSettings
from truce.server.startup import StartupBuild
from truce.server.throttle import FailureThrottle
from truce.server.warm import WarmAfterWrites, Warmer
from truce.server.watch import AlertWatcher
from truce.services.ledger import Ledger
from truce.services.users import user_by_token

ROUTERS = (
    agreements.router,
    claims.router,
    review.router,
    ledger_api.router,
    alerts.router,
    list_pages.router,
    login_pages.router,
    agreement_pages.router,
    review_pages.router,
    map_pages.router,
    document_pages.router,
    reference.router,
)

DESCRIPTION = """Auditable monitoring of ceasefire and exchange agreements.

Send `Authorization: Bearer TOKEN` with every request (tokens come from `truce user add`).
Every error has one shape: `{"error": {"status", "code", "message", "hint", "details"}}`.
"""


def create_app(settings: ServerSettings, ledger: Ledger) -> FastAPI:
    # /docs is our own page (truce.server.reference): the default one loads a CDN's script.
    cache = HeadCache(ledger)
    warmer = Warmer(cache, settings.warm_poll_s, enabled=settings.warm_answers)
    watcher = AlertWatcher(ledger, settings.alerts_interval_s, on_tick=warmer.poke)

    build = StartupBuild(ledger)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        startup.ready()
        build.start()
        watcher.start()
        warmer.start()
        yield
        build.stop()
        warmer.stop()
        watcher.stop()

    app = FastAPI(title="truce", version=__version__, description=DESCRIPTION, docs_url=None,
                  redoc_url=None, swagger_ui_oauth2_redirect_url=None,
                  lifespan=lifespan)  # fmt: skip
    app.state.watcher = watcher
    app.state.settings = settings
    app.state.ledger = ledger
    app.state.cache = cache
    app.state.warmer = warmer
    app.state.previous = PreviousViews()  # TRUCE_PREVIOUS_WHILE_JUDGING (server.previous_view)
    app.state.rendered = unchanged.Rendered()  # tags per key: 304s before rendering
    throttle = FailureThrottle(settings.auth_failure_burst, settings.auth_failures_per_minute)
    app.state.throttle = throttle
    for router in ROUTERS:
        app.include_router(router)
    app.add_exception_handler(pages.LoginRequired, pages.login_redirect)
    app.add_exception_handler(unchanged.NotModified, unchanged.response)
    errors.install(app, _error_page)
    # Added first so it runs inside the body cap: it reads whole bodies, at most the cap.
    app.add_middleware(JsonDepthLimit)
    app.add_middleware(
        BodyLimit,
        max_body=settings.max_body_bytes,
        max_upload=settings.max_upload_bytes,
        known=lambda token: user_by_token(ledger, token) is not None,
        throttle=throttle,
    )
    # Answers sent in one piece: tagged, compressed if accepted, each form kept by its tag.
    app.add_middleware(Compress)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(WarmAfterWrites, warmer=warmer)
    return app


def _error_page(request: Request, body: dict[str, Any]) -> Response:
    return pages.templates.TemplateResponse(
        request, "error.html", {"who": None, "data": body, "may_review": False}
    )
