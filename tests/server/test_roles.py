"""Role checks on every write route, route by route and role by role (not sampled).

The matrix below must name every POST route the app has; a new write route without a row here
fails `test_the_matrix_covers_every_write_route`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.routing import APIRoute

from tests.server.conftest import ROLES, SEED, Server, error_of, release
from truce.server.app import ROUTERS

EVERYONE = set(ROLES)
WRITERS = {"admin", "mediator"}
SUBMITTERS = {"admin", "mediator", "israel-desk", "hamas-desk"}


@dataclass
class Case:
    route: str  # the route's path template, as the app declares it
    allowed: set[str]
    call: Callable[[Server, str, str], Any]  # (server, user, what `prepare` made) -> response

    def prepare(self, needs: Needs) -> str:
        if "{claim_id}" in self.route:
            return needs.claim()
        if "{candidate_id}" in self.route:
            return needs.candidate()
        if "{webhook_id}" in self.route:
            return needs.webhook()
        return str(needs.unique())


def _spec(name: str) -> str:
    return (
        f"id: copy-{name}\ntitle: copy\ntimezone: UTC\nparties: [{{id: a}}, {{id: b}}]\n"
        "phases: [{id: p, start: {at: '2024-01-01T00:00'}, duration: {days: 1}}]\n"
    )


def _own_claim(user: str, n: str) -> dict[str, Any]:
    """A claim every submitter may make: no sources, so a party's is stamped with its name."""
    body = release(date="2023-11-26T10:00", quantity=int(n) if n.isdigit() else 1)
    del body["sources"]
    if user == "israel-desk":
        body.update(actor="israel", subject="prisoners", target="hamas")
    return body


def _own_form(user: str, n: str) -> dict[str, str]:
    """The claims page's form with a claim every submitter may make in its own name."""
    actor = {"israel-desk": "israel", "hamas-desk": "hamas"}.get(user, "hamas")
    return {"type": "release", "date": "2023-11-26T10:00", "actor": actor,
            "quantity": n if n.isdigit() else "1"}  # fmt: skip


def _page_post(s: Server, user: str, path: str, data: dict[str, str] | None = None) -> Any:
    """A dashboard form posted from a browser signed in as `user` (or not at all, if refused)."""
    session = s.sign_in(user)
    if session is None:
        return s.client.post(path, data=data, follow_redirects=False)
    return session.browser.post(path, data={**(data or {}), "csrf": session.csrf},
                                follow_redirects=False)  # fmt: skip


CASES = [
    Case("/api/agreements", {"admin"},
         lambda s, u, x: s.post("/api/agreements", u, json={"yaml": _spec(x)})),
    Case("/api/agreements/validate", EVERYONE,
         lambda s, u, x: s.post("/api/agreements/validate", u, json={"yaml": _spec(x)})),
    Case("/api/claims", SUBMITTERS,
         lambda s, u, x: s.post("/api/claims", u, json=_own_claim(u, x))),
    Case("/api/claims/import", SUBMITTERS,
         lambda s, u, x: s.post("/api/claims/import", u, files={"file": (
             "c.jsonl", json.dumps(_own_claim(u, x)).encode(), "application/x-ndjson")})),
    Case("/api/claims/{claim_id}/supersede", WRITERS,
         lambda s, u, x: s.post(f"/api/claims/{x}/supersede", u, json=_own_claim(u, "7"))),
    Case("/api/claims/{claim_id}/status", WRITERS,
         lambda s, u, x: s.post(f"/api/claims/{x}/status", u, json={"status": "confirmed"})),
    Case("/api/review/ingest", WRITERS,
         lambda s, u, x: s.post("/api/review/ingest", u,
                                params={"agreement": "gaza-2023-11", "published": "2023-11-28"},
                                files={"file": (f"{u}.txt", SEED.read_bytes() + x.encode(),
                                                "text/plain")})),
    Case("/api/review/{candidate_id}/accept", WRITERS,
         lambda s, u, x: s.post(f"/api/review/{x}/accept", u,
                                json={"set": {"date": "2023-11-28"}})),
    Case("/api/review/{candidate_id}/edit", WRITERS,
         lambda s, u, x: s.post(f"/api/review/{x}/edit", u, json={"set": {"quantity": 7}})),
    Case("/api/review/{candidate_id}/reject", WRITERS,
         lambda s, u, x: s.post(f"/api/review/{x}/reject", u, json={"reason": "duplicate"})),
    # An agreement with no candidates: the rule runs, and accepts nothing the matrix needs.
    Case("/api/review/auto-accept", WRITERS,
         lambda s, u, x: s.post("/api/review/auto-accept", u,
                                params={"above": 1.0, "agreement": f"none-{x}"})),
    Case("/api/users", {"admin"},
         lambda s, u, x: s.post("/api/users", u, json={"name": f"new-{x}", "role": "observer"})),
    Case("/api/webhooks", {"admin"},
         lambda s, u, x: s.post("/api/webhooks", u, json={"url": f"https://hooks.example/{x}"})),
    Case("/api/webhooks/{webhook_id}", {"admin"},
         lambda s, u, x: s.client.delete(f"/api/webhooks/{x}", headers=s.auth(u))),
    Case("/agreements/{agreement}/claims", SUBMITTERS,
         lambda s, u, x: _page_post(s, u, "/agreements/gaza-2023-11/claims", _own_form(u, x))),
    Case("/review/{candidate_id}/accept", WRITERS,
         lambda s, u, x: _page_post(s, u, f"/review/{x}/accept", {"date": "2023-11-28"})),
    Case("/review/{candidate_id}/reject", WRITERS,
         lambda s, u, x: _page_post(s, u, f"/review/{x}/reject")),
]  # fmt: skip

# Writes open to anyone by design: signing in and out.
OPEN = {"/login", "/logout"}


class Needs:
    """What a case needs, made when asked: fresh names, a mediator's claim, a pending candidate.

    The server is shared by the whole module, so every call makes something new.
    """

    def __init__(self, server: Server) -> None:
        self.server = server
        self.n = 0
        self.pool: list[str] = []

    def unique(self) -> int:
        self.n += 1
        return self.n

    def claim(self) -> str:
        body = release(quantity=100 + self.unique())
        (claim_id,) = self.server.post("/api/claims", "mediator", json=body).json()["added"]
        return str(claim_id)

    def webhook(self) -> str:
        made = self.server.post("/api/webhooks", "admin",
                                json={"url": f"https://hooks.example/{self.unique()}"})  # fmt: skip
        return str(made.json()["id"])

    def candidate(self) -> str:
        if not self.pool:
            marker = f"\n(filed {self.unique()})".encode()
            self.server.post(
                "/api/review/ingest",
                "admin",
                params={"agreement": "gaza-2023-11", "published": "2023-11-28"},
                files={"file": ("seed.txt", SEED.read_bytes() + marker, "text/plain")},
            )
            queue = self.server.get(
                "/api/review", params={"status": "pending", "limit": 1000}
            ).json()["candidates"]
            self.pool = [q["id"] for q in queue]
            assert self.pool, "the seed should give candidates"
        return self.pool.pop()


@pytest.fixture(scope="module")
def needs(shared_server: Server) -> Needs:
    return Needs(shared_server)


def test_the_matrix_covers_every_write_route() -> None:
    writes = {
        r.path
        for router in ROUTERS
        for r in router.routes
        if isinstance(r, APIRoute) and r.methods & {"POST", "PUT", "PATCH", "DELETE"}
    }
    assert writes == {c.route for c in CASES} | OPEN


@pytest.mark.parametrize("case", CASES, ids=[c.route for c in CASES])
@pytest.mark.parametrize("user", sorted(ROLES))
def test_role_check(shared_server: Server, needs: Needs, case: Case, user: str) -> None:
    server = shared_server
    made = case.prepare(needs)
    before = server.ledger.head()
    response = case.call(server, user, made)
    if user in case.allowed:
        assert response.status_code < 400, (user, case.route, response.text)
    else:
        assert response.status_code == 403, (user, case.route, response.text)
        if case.route.startswith("/api"):
            # A403 for the role; A420 when the role may supersede but not this claim
            assert error_of(response)["code"] in {"A403", "A420"}
        else:  # the dashboard shows the same error as a page
            assert "A403" in response.text and "may not" in response.text
        assert server.ledger.head() == before  # a refused write leaves the chain as it was


@pytest.mark.parametrize("case", CASES, ids=[c.route for c in CASES])
def test_without_a_token_every_write_is_401(
    shared_server: Server, needs: Needs, case: Case
) -> None:
    server = shared_server
    anonymous = Server(server.client, server.ledger, {u: "truce_not-a-real-token" for u in ROLES})
    response = case.call(anonymous, "admin", case.prepare(needs))
    if case.route.startswith("/api"):
        assert response.status_code == 401
        assert error_of(response)["code"] == "A401"
    else:  # a dashboard form sends the browser to sign in
        assert response.status_code == 303 and "/login" in response.headers["location"]
