"""Who may do what: the roles of a monitoring team, as pure rules with no I/O.

An observer only reads. A party submits claims in its own name and corrects only what it
submitted. A mediator records, confirms, disputes and retracts anyone's claims and decides the
review queue. An admin does all of that and manages agreements and users.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from truce.domain.claims import Claim
from truce.errors import TruceError

PARTY_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class RoleError(TruceError):
    code = "U101"
    default_hint = "write admin, mediator, observer or party:ID (e.g. party:israel)"


class Forbidden(TruceError):
    code = "A403"
    default_hint = "ask an admin for a token with a role that may do this"


class SupersedeRefused(Forbidden):
    code = "A420"
    default_hint = "submit a new claim of your own instead; mediators weigh both"


class GradeRefused(Forbidden):
    code = "A421"
    default_hint = "leave reliability out; mediators grade claims (POST /api/claims/{id}/status)"


class Action(StrEnum):
    READ = "read"
    READ_QUEUE = "read the review queue"
    SUBMIT_CLAIM = "submit claims"
    RECORD_CLAIM = "record claims for any source"
    CHANGE_STATUS = "confirm, dispute or retract claims"
    REVIEW = "decide the review queue"
    MANAGE_AGREEMENTS = "add agreements"
    MANAGE_USERS = "manage users"


_GRANTS: dict[str, frozenset[Action]] = {
    # Anyone, when an admin publishes the record (`--public`): the record, not the work queue.
    "public": frozenset({Action.READ}),
    "observer": frozenset({Action.READ, Action.READ_QUEUE}),
    "party": frozenset({Action.READ, Action.READ_QUEUE, Action.SUBMIT_CLAIM}),
    "mediator": frozenset(
        {
            Action.READ,
            Action.READ_QUEUE,
            Action.SUBMIT_CLAIM,
            Action.RECORD_CLAIM,
            Action.CHANGE_STATUS,
            Action.REVIEW,
        }
    ),  # fmt: skip
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


# Who reads a published record without signing in (never a user: no token, no writes).
PUBLIC = Principal("public", Role("public"))


def operator(name: str | None) -> Principal:
    """Whoever runs the CLI on the database itself: they can write its tables directly, so they
    hold every right; the rules still keep their claims consistent (e.g. same-agreement
    corrections)."""
    return Principal(name or "operator", Role("admin"))


def check_submission(who: Principal, claim: dict[str, object], parties: set[str]) -> None:
    """A claim submitted by `who`: parties only in their own name and never as a verdict."""
    who.require(Action.SUBMIT_CLAIM)
    if who.role.may(Action.RECORD_CLAIM):
        return
    party = who.role.party
    if claim.get("reliability"):
        raise GradeRefused(
            f"{who.name} ({who.role}) may not grade claims; reliability is a mediator's verdict"
        )
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


def check_supersede(
    who: Principal, claim: Claim, target: Claim | None, replaced_by: list[Claim]
) -> None:
    """May `who` record `claim`, which supersedes `target` (None: no such claim is known)?

    `replaced_by` are the claims that already supersede the target. Superseding removes a claim
    from every answer, so a party may do it only to a claim of its own that is still its own
    word: one it recorded, with a party's status, that no one else has superseded (a mediator's
    verdict supersedes the claim it rules on). Mediators and admins correct anyone's claims.
    """
    who.require(Action.SUBMIT_CLAIM)
    wanted = claim.supersedes
    if target is not None and target.agreement != claim.agreement:
        raise SupersedeRefused(
            f"{claim.id or 'the claim'} is about {claim.agreement} but supersedes {wanted}, a "
            f"claim about {target.agreement}",
            hint="a correction must be about the same agreement as the claim it corrects",
        )
    if who.role.may(Action.RECORD_CLAIM):
        return
    if target is None:
        # Claim ids are content hashes, so a party could otherwise supersede a verdict before
        # it is recorded.
        raise SupersedeRefused(f"{who.name} may supersede only a recorded claim; {wanted} is not")
    if target.recorded_by != who.name:
        raise SupersedeRefused(
            f"{who.name} may correct only claims it recorded; {target.id} was recorded by "
            f"{target.recorded_by or 'someone else'}"
        )
    if target.status.value not in PARTY_STATUSES:
        raise SupersedeRefused(
            f"{target.id} is {target.status.value}, a mediator's verdict; {who.name} may not "
            "supersede it"
        )
    ruled = [c for c in replaced_by if c.recorded_by != who.name]
    if ruled:
        raise SupersedeRefused(
            f"{target.id} was already superseded by {ruled[0].id}, recorded by "
            f"{ruled[0].recorded_by or 'someone else'}; {who.name} may not supersede it again"
        )


def own_source(party: str) -> dict[str, object]:
    """The source stamped on a party's submission that names none."""
    return {"speaker": party, "role": "party submission", "anonymous": False}
