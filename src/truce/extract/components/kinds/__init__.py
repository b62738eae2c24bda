"""The event kinds extraction knows, one module per kind, in one table keyed by the domain's
event types (`truce.domain.claims.EventType`).

A sentence is offered to each kind in the table's order when the kind is cued (see
`common.KindRule`); the statement rule comes last, since it reads what the others found in the
sentence. A built-in type with no rule is in `NOT_EXTRACTED`, with the reason.
"""

from __future__ import annotations

from truce.domain.claims import EventType
from truce.extract.components.kinds import (
    agreement_term,
    aid_delivery,
    breach,
    casualty_claim,
    ceasefire_end,
    ceasefire_extension,
    ceasefire_start,
    meeting,
    release,
    statement,
)
from truce.extract.components.kinds.common import Context, KindRule

RULES: dict[EventType, KindRule] = {
    rule.kind: rule
    for rule in (
        release.RULE,
        ceasefire_start.RULE,
        ceasefire_extension.RULE,
        ceasefire_end.RULE,
        breach.RULE,
        meeting.RULE,
        casualty_claim.RULE,
        aid_delivery.RULE,
        agreement_term.RULE,
        statement.RULE,
    )
}

NOT_EXTRACTED: dict[EventType, str] = {
    EventType.WITHDRAWAL: "no trigger words nor annotated examples yet: pull-backs of forces "
    "and weapons are recorded by hand or declared in a spec's provisions",
}

__all__ = ["NOT_EXTRACTED", "RULES", "Context", "KindRule"]
