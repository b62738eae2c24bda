"""Sub-counts through the ledger: on a seeded synthetic record in which one Hamas release in
seven gives parts (some of them foreign nationals the Gaza quotas exclude), the pages built
from the event frame equal their references built from every claim, parts included:

- the day table (releases split into what the terms count and what they leave out);
- the timeline's pages (each row with its claim's parts);
- the status the services serve (column path) and the object path's, `parts` rows and all.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from tests.server.conftest import GAZA_YAML as GAZA
from truce import services
from truce.domain.claim_input import with_content_id
from truce.domain.claims import Claim
from truce.domain.engine import evaluate
from truce.server.counting import exclusions
from truce.server.day_rows import frame_rows
from truce.server.timeline_page import timeline_page
from truce.server.views import day_table
from truce.storage import Ledger

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import synthetic  # noqa: E402

AGREEMENT = "gaza-2023-11"


def _with_parts(claims: list[Claim]) -> list[Claim]:
    """Every seventh Hamas release of 3 or more gives parts: a third of it foreign nationals,
    and (every other time) one woman."""
    out = []
    for i, c in enumerate(claims):
        if c.actor == "hamas" and (c.quantity or 0) >= 3 and i % 7 == 0:
            parts = [("foreign-nationals", c.quantity // 3)] + ([("women", 1)] if i % 2 else [])
            c = with_content_id(replace(c, parts=tuple(sorted(parts))))
        out.append(c)
    return out


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    path = tmp_path_factory.mktemp("parts") / "parts.db"
    with Ledger.init(str(path)) as opened:
        services.add_agreement_file(opened, GAZA, "bench")  # the real spec and its terms
        opened.append_claims(_with_parts(list(synthetic.claims(2_000, days=9))), "bench")
        yield opened


@pytest.mark.parametrize("at", ["2023-11-26T12:00", "2023-11-30T06:59", "2023-12-05"])
def test_frame_pages_and_the_served_status_agree_with_their_references(
    ledger: Ledger, at: str
) -> None:
    spec, _ = ledger.agreement(AGREEMENT)
    status = services.status_answer(ledger, AGREEMENT, at).as_data()
    # The served answer (the column path, through the snapshot) is the object path's.
    claims = list(ledger.claims(AGREEMENT))
    assert evaluate(spec, claims, datetime.fromisoformat(status["at"])) == status
    with_parts = [o for o in status["obligations"] if o["parts"]]
    assert with_parts and any(not p["counted"] for o in with_parts for p in o["parts"])
    timeline = services.agreement_timeline(ledger, AGREEMENT, status["at"])
    assert any(r["parts"] for r in timeline)
    reference = day_table(timeline, status, exclusions(spec))
    frame, _ = ledger.frame(AGREEMENT)
    rows = frame_rows(spec, frame, datetime.fromisoformat(status["at"]))
    assert day_table(rows, status, exclusions(spec)) == reference
    outside = [r for d in reference for r in d["releases"] if r["outside"]]
    assert outside  # the parts left out are drawn apart
    paged = []
    for offset in range(0, len(timeline) + 300, 300):
        paged += timeline_page(ledger, AGREEMENT, status["at"], offset, 300)
    assert paged == timeline
