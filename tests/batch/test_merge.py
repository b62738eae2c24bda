"""The merge and the near-duplicate search on data built by hand."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from truce.batch.dedup import find_copies
from truce.batch.fingerprint import signature, text_hash, words
from truce.batch.merge import Mention, merge, sort_key

DAY = date(2023, 11, 30)


def mention(document: str, figure: float | None, **changes: Any) -> Mention:
    fields: dict[str, Any] = {
        "document": document, "candidate": f"{document}#1", "original": None,
        "type": "release", "modality": "occurred", "actor": "hamas", "target": None,
        "date": DAY, "precision": "day", "categories": (), "figure": figure,
        "qualifier": "exact" if figure is not None else None,
        "unit": "hostages" if figure is not None else None,
        "source": {"outlet": document.upper(), "published": DAY},
    }  # fmt: skip
    return Mention(**{**fields, **changes})


def events(*mentions: Mention) -> list[dict[str, Any]]:
    return list(merge(sorted(mentions, key=sort_key)))


def test_conflicting_figures_are_one_disputed_event_with_both_readings() -> None:
    (event,) = events(mention("a", 8), mention("b", 10), mention("c", 8, original="a"))
    assert event["disputed"] and event["figure"] == 8
    assert [(r["figure"], r["reports"]) for r in event["readings"]] == [(8, 1), (10, 1)]
    assert (event["reports"], event["copies"], event["mentions"]) == (2, 1, 3)


def test_figures_far_apart_or_of_other_units_or_categories_are_other_events() -> None:
    found = events(
        mention("a", 13),
        mention("b", 39),
        mention("c", 12, unit="prisoners"),
        mention("d", 11, categories=("foreign-nationals",)),
        mention("e", 13, categories=("women",)),
    )
    assert sorted((e["figure"], e["unit"], e["categories"]) for e in found) == [
        (11, "hostages", ["foreign-nationals"]),
        (12, "prisoners", []),
        (13, "hostages", ["women"]),
        (39, "hostages", []),
    ]
    assert not any(e["disputed"] for e in found)


def test_a_bound_that_agrees_with_a_figure_is_not_a_dispute() -> None:
    (event,) = events(mention("a", 10, qualifier="at_least"), mention("b", 13))
    assert not event["disputed"] and len(event["readings"]) == 2


def test_other_days_types_and_actors_are_other_events() -> None:
    found = events(
        mention("a", 8),
        mention("b", 8, date=date(2023, 11, 29)),
        mention("c", 8, actor="israel"),
        mention("d", 8, modality="planned"),
    )
    assert len(found) == 4


def test_a_week_mention_joins_the_one_event_of_its_week_and_a_bare_one_corroborates() -> None:
    (event,) = events(
        mention("a", 8),
        mention("b", 9, date=date(2023, 11, 27), precision="week"),
        mention("c", None),
    )
    assert [r["figure"] for r in event["readings"]] == [8, 9, None]
    assert event["date"] == DAY and event["date_precision"] == "day"


def test_event_ids_do_not_depend_on_the_order_of_documents() -> None:
    one = events(mention("a", 8), mention("b", 10))
    two = events(mention("z", 10), mention("y", 8))
    assert one[0]["event_id"] == two[0]["event_id"]


WIRE = (
    "Hamas freed eight Israeli hostages on Thursday, the seventh day of the truce in Gaza, the "
    "Israeli military said, after mediators secured another last-minute extension of the pause. "
    "The hostages, all women, were handed to the Red Cross in two groups and driven across the "
    "border into Israel, the military said in a statement late on Thursday."
)
OTHER = (
    "Israel said ten hostages had been released on the seventh day of the pause, counting two "
    "women with Russian citizenship freed a day earlier; Hamas did not comment on the count."
)


def test_exact_and_near_copies_are_found_and_other_reports_are_not() -> None:
    texts = [
        "Share on Facebook | Email\n" + WIRE + "\nRead more at the Courier.",
        WIRE,
        OTHER,
        WIRE.upper().replace(",", ""),
    ]
    tokens = [words(t) for t in texts]
    published = np.array([d.toordinal() for d in [DAY, date(2023, 11, 29), DAY, DAY]])
    text_keys = np.array([int(text_hash(t)[:16], 16) for t in tokens], dtype=np.uint64)
    signatures = np.array([np.frombuffer(signature(t), dtype="<u4") for t in tokens])
    valid = np.ones(len(texts), dtype=bool)
    copies = find_copies(text_keys, signatures, valid, published)
    # The earliest published is the original; the exact copy (case and commas aside) scores 1.
    assert [(c.document, c.original) for c in copies] == [(0, 1), (3, 1)]
    assert copies[1].similarity == 1.0 and 0.35 <= copies[0].similarity < 1.0
