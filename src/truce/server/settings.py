"""The server's settings in one typed object, read from flags and TRUCE_* variables.

Unsafe combinations are refused at start-up rather than discovered in production: tokens must not
cross a network in clear, and nobody is an administrator without a token.
"""

from __future__ import annotations

import ipaddress

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from truce.errors import TruceError

LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


class UnsafeSettings(TruceError):
    code = "A100"
    default_hint = "see `truce serve --help` and the README's server section"


class ServerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRUCE_", extra="ignore")

    db: str = Field("truce.db", description="SQLite path or PostgreSQL URL of the ledger")
    host: str = Field("127.0.0.1", description="interface to listen on")
    port: int = Field(8000, ge=0, le=65535)
    secure_cookies: bool = Field(
        False, description="mark the session cookie Secure (required off loopback, behind TLS)"
    )
    max_body_bytes: int = Field(1_000_000, ge=1_000, description="largest JSON request body")
    max_upload_bytes: int = Field(20_000_000, ge=1_000, description="largest uploaded file")
    session_seconds: int = Field(
        8 * 3600, ge=1, description="a dashboard sign-in lasts this long, then signs in again"
    )
    auth_failure_burst: int = Field(
        10, ge=1, description="failed sign-ins or unknown tokens an address may make at once"
    )
    auth_failures_per_minute: float = Field(
        10.0, gt=0, description="and then per minute, on average; beyond, 429 with Retry-After"
    )
    header_timeout_s: float = Field(
        10.0, gt=0, description="a connection must send a request's headers within this time"
    )
    keep_alive_s: float = Field(5.0, gt=0, description="an idle kept-alive connection is closed")
    max_connections: int = Field(
        500, ge=1, description="open connections; more are closed on arrival"
    )
    alerts_interval_s: float = Field(
        60.0,
        ge=0,
        description="how often the watcher judges agreements with webhooks (0: never; "
        "reading the feed still observes)",
    )
    warm_answers: bool = Field(
        True,
        description="after an append, judge again in the background the pages and status "
        "answers asked for in the last 15 minutes, so the next view reads a kept answer",
    )
    warm_poll_s: float = Field(
        5.0,
        ge=0,
        description="how often the warm looks for appends made by another process (the CLI, "
        "another server) while pages were asked recently (0: only after this server's writes)",
    )
    previous_while_judging: bool = Field(
        False,
        description="while the new head's 'now' is judged, show the agreement page of the "
        "previous head, labelled as such and reloading itself, instead of waiting",
    )
    public_read: bool = Field(
        False,
        description="anyone may read the record without signing in, as `public` (no "
        "review queue, no writes, no tokens shown): for publishing a monitoring record",
    )
    load_example: bool = Field(
        True, description="put the bundled agreements and the Gaza 2023 record in an empty ledger"
    )
    bootstrap_admin: bool = Field(
        True, description="when the ledger has no users, create `admin` and print its token once"
    )

    @model_validator(mode="after")
    def _safe(self) -> ServerSettings:
        if not is_loopback(self.host) and not self.secure_cookies:
            raise ValueError(
                f"listening on {self.host} would send tokens over the network in clear; serve "
                "behind TLS and pass --secure-cookies (TRUCE_SECURE_COOKIES=1), or listen on "
                "127.0.0.1"
            )
        if self.max_upload_bytes < self.max_body_bytes:
            raise ValueError("max_upload_bytes must be at least max_body_bytes")
        return self


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def load_settings(**overrides: object) -> ServerSettings:
    """Settings from the environment with flags on top; a refusal becomes a coded error."""
    from pydantic import ValidationError

    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return ServerSettings(**given)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        raise UnsafeSettings(message) from None
