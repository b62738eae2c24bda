"""Matching a run's events with known ones by the in-run merge's rule, on invented events."""

from __future__ import annotations

from datetime import date

from truce.batch.known import Known, KnownEvent, Recorded, match_record, shape
from truce.domain.mention import block, slot

DAY = date(2023, 11, 24)
RELEASE = block("release", "occurred", "hamas", None)


def known(*events: tuple[str, date, str, float | None, tuple[str, ...]]) -> Known:
    found = Known()
    for event_id, day, precision, figure, categories in events:
        event = KnownEvent(event_id, day, precision, "hostages", set(categories), False)
        found.add(slot(RELEASE, day), event, Recorded(figure, "exact", "claim", f"c-{event_id}"))
    return found


def new(day: date, figure: float | None, precision: str = "day", cats: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    figures = [] if figure is None else [figure]
    return shape("release", "occurred", "hamas", None, day, precision, "hostages", cats, figures)


def test_a_figure_within_a_factor_of_two_on_the_same_day_is_the_same_event() -> None:
    ledger = known(("e13", DAY, "day", 13, ()), ("e39", DAY, "day", 39, ()))
    assert ledger.match(new(DAY, 10)).event_id == "e13"  # type: ignore[union-attr]
    assert ledger.match(new(DAY, 36)).event_id == "e39"  # type: ignore[union-attr]
    assert ledger.match(new(DAY, 100)) is None
    assert ledger.match(new(date(2023, 11, 25), 13)) is None  # another day


def test_other_blocks_and_disjoint_categories_do_not_match() -> None:
    ledger = known(("women", DAY, "day", 13, ("women", "children")))
    assert ledger.match(new(DAY, 11, cats=("foreign-nationals",))) is None
    assert ledger.match(new(DAY, 11, cats=("women",))) is not None
    other = shape("release", "occurred", "israel", None, DAY, "day", "hostages", (), [13])
    assert ledger.match(other) is None


def test_a_week_event_joins_the_one_day_event_of_its_window() -> None:
    inside = date(2023, 11, 27)
    assert known(("d", inside, "day", 13, ())).match(new(DAY, 12, "week")).event_id == "d"  # type: ignore[union-attr]
    two = known(("a", inside, "day", 13, ()), ("b", date(2023, 11, 28), "day", 12, ()))
    assert two.match(new(DAY, 12, "week")) is None


def test_an_event_without_a_figure_joins_the_only_event_of_its_day() -> None:
    assert known(("only", DAY, "day", 13, ())).match(new(DAY, None)).event_id == "only"  # type: ignore[union-attr]
    assert known(("a", DAY, "day", 13, ()), ("b", DAY, "day", 39, ())).match(new(DAY, None)) is None


def test_a_new_figure_disputes_the_recorded_one_by_the_interval_rule() -> None:
    event = KnownEvent("e", DAY, "day", "hostages", set(), True)
    event.readings.append(Recorded(13, "exact", "claim", "c1"))
    assert match_record(event, [(10, "at_least")])["disputed"] is False  # type: ignore[index]
    assert match_record(event, [(8, "exact")])["disputed"] is True  # type: ignore[index]
    assert match_record(event, [(13, "exact")])["recorded"] == [  # type: ignore[index]
        {"figure": 13, "qualifier": "exact", "claim": "c1"}
    ]
    assert match_record(None, [(8, "exact")]) is None
