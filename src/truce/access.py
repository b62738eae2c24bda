"""Who may do what: the roles of a monitoring team, as pure rules with no I/O.

An observer only reads. A party submits claims in its own name and corrects only what it
submitted. A mediator records, confirms, disputes and retracts anyone's claims and decides the
review queue. An admin does all of that and manages agreements and users.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from truce.errors import TruceError

PARTY_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class RoleError(TruceError):
    code = "U101"
    default_hint = "write admin, mediator, observer or party:ID (e.g. party:israel)"


class Forbidden(TruceError):
    code = "A403"
    default_hint = "ask an admin for a token with a role that may do this"


class Action(StrEnum):
    READ = "read"
    SUBMIT_CLAIM = "submit claims"
    RECORD_CLAIM = "record claims for any source"
    CHANGE_STATUS = "confirm, dispute or retract claims"
    REVIEW = "decide the review queue"
    MANAGE_AGREEMENTS = "add agreements"
    MANAGE_USERS = "manage users"


_GRANTS: dict[str, frozenset[Action]] = {
    "observer": frozenset({Action.READ}),
    "party": frozenset({Action.READ, Action.SUBMIT_CLAIM}),
    "mediator": frozenset(
        {Action.READ, Action.SUBMIT_CLAIM, Action.RECORD_CLAIM, Action.CHANGE_STATUS, Action.REVIEW}
    ),
    "admin": frozenset(Action),
}

# The statuses a party may give its own submissions; the rest are the mediators' verdicts.
PARTY_STATUSES = frozenset({"alleged", "reported"})


@dataclass(frozen=True, slots=True)
class Role:
    kind: str  # admin | mediator | party | observer
    party: str | None = None

    @classmethod
    def parse(cls, text: str) -> Role:
        value = text.strip().lower()
        if value in ("admin", "mediator", "observer"):
            return cls(value)
        if value.startswith("party:"):
            party = value.removeprefix("party:")
            if PARTY_ID.match(party):
                return cls("party", party)
        raise RoleError(f"unknown role {text!r}")

    def __str__(self) -> str:
        return f"party:{self.party}" if self.kind == "party" else self.kind

    def may(self, action: Action) -> bool:
        return action in _GRANTS[self.kind]


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated user: the name every write records, and the role that bounds it."""

    name: str
    role: Role

    def require(self, action: Action) -> None:
        if not self.role.may(action):
            raise Forbidden(f"{self.name} ({self.role}) may not {action.value}")


def check_submission(who: Principal, claim: dict[str, object], parties: set[str]) -> None:
    """A claim submitted by `who`: parties only in their own name and never as a verdict."""
    who.require(Action.SUBMIT_CLAIM)
    if who.role.may(Action.RECORD_CLAIM):
        return
    party = who.role.party
    status = str(claim.get("status") or "reported")
    if status not in PARTY_STATUSES:
        raise Forbidden(
            f"a party submits claims as alleged or reported, not {status}",
            hint="leave status out or set it to alleged or reported; mediators confirm",
        )
    if party not in parties:
        raise Forbidden(f"{party} is not a party to {claim.get('agreement')}")
    sources = claim.get("sources") or []
    if not isinstance(sources, list):
        return  # the claim's own validation reports the malformed field
    for source in sources:
        named = {source.get("speaker"), source.get("outlet")} if isinstance(source, dict) else set()
        if party not in named:
            raise Forbidden(
                f"{who.name} submits for {party} and may not cite another source",
                hint=f"give each source speaker or outlet {party!r}, or leave sources out",
            )


def own_source(party: str) -> dict[str, object]:
    """The source stamped on a party's submission that names none."""
    return {"speaker": party, "role": "party submission", "anonymous": False}
