"""A seeded synthetic record for the Gaza 2023 example: N claims spread over the pause.

Mix (by claim): releases by Hamas (women/children, some foreign nationals), releases by Israel,
aid deliveries, alleged breaches, meetings and statements; 1-3 claims per event from different
outlets, with about 1 event in 100 carrying a conflicting figure.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from truce.domain.claim_input import with_content_id
from truce.domain.claims import Claim, ClaimStatus, DatePrecision, EventType, Source

ZONE = ZoneInfo("Asia/Jerusalem")
START = datetime(2023, 11, 24, 7, 0, tzinfo=ZONE)
OUTLETS = ["Reuters", "AP", "AFP", "Al Jazeera", "Times of Israel", "Haaretz", "BBC", "CNN"]
KINDS = [
    (0.45, EventType.RELEASE, "hamas", "hostages", ("women", "children")),
    (0.10, EventType.RELEASE, "hamas", "hostages", ("foreign-nationals",)),
    (0.25, EventType.RELEASE, "israel", "prisoners", ("women", "minors")),
    (0.12, EventType.AID_DELIVERY, "israel", "aid-trucks", ("food",)),
    (0.05, EventType.BREACH, "hamas", None, ("armed-attack",)),
    (0.03, EventType.STATEMENT, "qatar", None, ()),
]


def claims(n: int, seed: int = 7, days: int = 7) -> Iterator[Claim]:
    rng = random.Random(seed)
    weights = [k[0] for k in KINDS]
    made = event_no = 0
    while made < n:
        event_no += 1
        _, kind, actor, subject, categories = rng.choices(KINDS, weights)[0]
        when = START + timedelta(seconds=rng.randrange(days * 86400))
        quantity = (
            rng.randint(1, 15) if kind in (EventType.RELEASE, EventType.AID_DELIVERY) else None
        )
        copies = min(rng.choice((1, 1, 2, 3)), n - made)
        conflicting = copies > 1 and quantity is not None and rng.random() < 0.02
        for copy in range(copies):
            figure = quantity + copy if conflicting and quantity is not None else quantity
            yield with_content_id(
                Claim(
                    id="",
                    agreement="gaza-2023-11",
                    type=kind,
                    date=when,
                    date_precision=DatePrecision.EXACT,
                    event_id=f"e{event_no}",
                    actor=actor,
                    quantity=figure,
                    subject=subject,
                    categories=categories,
                    status=ClaimStatus.ALLEGED
                    if kind is EventType.BREACH
                    else ClaimStatus.REPORTED,
                    sources=(Source(outlet=OUTLETS[(event_no + copy) % len(OUTLETS)]),),
                )
            )
            made += 1
