"""Forged form posts: refused by the origin a browser declares and by a token in each form.

`SameSite=Strict` does not stop a page on another port of the same host (it is the same site),
so every form carries a token only this server's pages know. The sign-in form has no session
yet, so its token is a random value set as a cookie and echoed in the form (double submit); a
page on another port can set cookies for the host, so the browser's `Origin` and
`Sec-Fetch-Site` headers must also say the post comes from this origin.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request

from truce.server.errors import CsrfRefused
from truce.services.sessions import same_token

LOGIN_COOKIE = "truce_login"
FIELD = "csrf"


def check_origin(request: Request) -> None:
    """Refuse a post a browser says comes from another origin (another port included)."""
    origin = request.headers.get("origin")
    if origin is not None and (
        origin == "null" or urlsplit(origin).netloc != request.headers.get("host")
    ):
        raise CsrfRefused(f"a form posted from {origin} is refused; post it from this server")
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        raise CsrfRefused(f"a {site} form post is refused; post it from this server's pages")


def check_form(request: Request, given: str | None, expected: str | None) -> None:
    check_origin(request)
    if expected is None or not same_token(given, expected):
        raise CsrfRefused("the form's token is missing or stale")
