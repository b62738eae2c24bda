"""Ranking the recorded events a candidate may be one with, with the reasons in words."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from truce.domain.suggest import SHOWN, Seen, Wanted, close, suggestions, why

ZONE = ZoneInfo("Asia/Jerusalem")
WANTED = Wanted("release", "hamas", "israel", date(2023, 11, 29), 10)


def seen(claim: str, event: str | None, when: str, quantity: int | None = 10,
         actor: str | None = "hamas", target: str | None = "israel") -> Seen:  # fmt: skip
    return Seen(claim, event, datetime.fromisoformat(when), actor, target, quantity)


def test_each_match_says_why() -> None:
    score, reasons = why(WANTED, seen("c1", "d6", "2023-11-29T21:00+02:00"), ZONE)
    assert reasons == ("same type (release)", "same actor (hamas)", "same target (israel)",
                       "same day (2023-11-29)", "same figure (10)")  # fmt: skip
    assert score == 10
    _, reasons = why(WANTED, seen("c2", "d7", "2023-11-30T09:00+02:00", 6, target=None), ZONE)
    assert reasons[-2:] == ("the day after (2023-11-30)", "close figure (6 against 10)")


def test_the_local_day_counts_not_the_written_one() -> None:
    # 23:30 UTC on the 28th is 01:30 on the 29th in Jerusalem: the same local day.
    _, reasons = why(WANTED, seen("c1", "e", "2023-11-28T23:30+00:00"), ZONE)
    assert "same day (2023-11-29)" in reasons


def test_another_actor_a_far_day_or_a_far_figure_is_no_match() -> None:
    assert why(WANTED, seen("c", "e", "2023-11-29T12:00+02:00", actor="israel"), ZONE)[0] == 0
    assert why(WANTED, seen("c", "e", "2023-12-01T12:00+02:00"), ZONE)[0] == 0
    assert why(WANTED, seen("c", "e", "2023-11-29T12:00+02:00", 21), ZONE)[0] == 0
    assert not close(0, 1) and close(5, 10) and not close(4, 10)


def test_a_candidate_without_actor_or_figure_matches_on_type_and_day() -> None:
    loose = Wanted("breach", None, None, date(2023, 11, 29), None)
    score, reasons = why(loose, seen("c", "e", "2023-11-29T12:00+02:00", None, "israel"), ZONE)
    assert score == 3 and reasons == ("same type (breach)", "same day (2023-11-29)")


def test_events_rank_best_first_grouped_and_bounded() -> None:
    recorded = [
        seen("a1", "d7", "2023-11-30T10:00+02:00", 8),
        seen("a2", "d7", "2023-11-30T11:00+02:00", 10),
        seen("b1", "d6", "2023-11-29T21:00+02:00"),
        seen("x1", None, "2023-11-29T22:00+02:00", 7),  # an event of one claim, by its id
        seen("far", "dfar", "2023-12-03T10:00+02:00"),
        *(seen(f"m{n}", f"m{n}", "2023-11-28T10:00+02:00", 9) for n in range(10)),
    ]
    found = suggestions(WANTED, recorded, ZONE)
    assert len(found) == SHOWN
    assert [s.event_id for s in found[:3]] == ["d6", "d7", "x1"]
    d7 = found[1]
    assert d7.claims == ("a1", "a2") and d7.figures == (8, 10) and "same figure (10)" in d7.reasons
    assert "dfar" not in {s.event_id for s in found}
