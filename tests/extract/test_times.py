from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from truce.extract.components.times import find_times
from truce.extract.model import Article

SEED = Path(__file__).parents[2] / "eval" / "gold" / "documents" / "seed-2023-11-28.txt"
TUESDAY = date(2023, 11, 28)


def resolve(
    text: str, published: date | None = TUESDAY
) -> list[tuple[str | None, str | None, str]]:
    return [
        (ref.date.isoformat() if ref.date else None, ref.precision, ref.text)
        for ref in find_times(text, published)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The pause began on Friday.", "2023-11-24"),
        ("He said on Tuesday that", "2023-11-28"),  # the publication weekday is that day
        ("The talks were held last Tuesday.", "2023-11-21"),
        ("The next round is due on Friday.", "2023-12-01"),
        ("Hamas will free them on Thursday.", "2023-11-30"),
        ("Talks resume next Monday.", "2023-12-04"),
        ("The truce is expected to end on Tuesday.", "2023-11-28"),
        ("He said the army would strike if Hamas did not comply by Saturday.", "2023-12-02"),
        ("Both sides were to begin the pullback by Monday.", "2023-11-27"),
    ],
)
def test_weekdays_look_back_unless_the_clause_looks_ahead(text: str, expected: str) -> None:
    [(resolved, precision, _)] = resolve(text)
    assert (resolved, precision) == (expected, "day")


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("today", "2023-11-28", "day"),
        ("tonight", "2023-11-28", "day"),
        ("this morning", "2023-11-28", "day"),
        ("yesterday", "2023-11-27", "day"),
        ("shelling overnight", "2023-11-27", "day"),
        ("during the night", "2023-11-27", "day"),
        ("tomorrow", "2023-11-29", "day"),
        ("last week", "2023-11-20", "week"),
        ("this week", "2023-11-27", "week"),
        ("in recent days", "2023-11-22", "week"),
        ("over the past week", "2023-11-22", "week"),
        ("in the past few days", "2023-11-22", "week"),
        ("in the next 48 hours", "2023-11-28", "day"),
        ("within the next 24 hours", "2023-11-28", "day"),
        ("in the coming days", "2023-11-28", "day"),
        ("earlier this month", "2023-11-01", "month"),
        ("on Saturday and Sunday", "2023-11-25", "week"),
    ],
)
def test_relative_expressions(text: str, expected: str, precision: str) -> None:
    [(resolved, got_precision, _)] = resolve(text)
    assert (resolved, got_precision) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("on 24 November", "2023-11-24", "day"),
        ("on November 24", "2023-11-24", "day"),
        ("on Nov. 24, 2022", "2022-11-24", "day"),
        ("on 2023-11-24", "2023-11-24", "day"),
        ("The war began on October 7", "2023-10-07", "day"),
        ("The truce began on December 20", "2022-12-20", "day"),  # past: not next month
        ("Talks could resume on December 20", "2023-12-20", "day"),
        ("fighting in early October", "2023-10-01", "month"),
        ("renewed in June", "2023-06-01", "month"),
        ("late November", "2023-11-01", "month"),
        ("by mid-January", "2023-01-01", "month"),
        ("a truce agreed in December", "2022-12-01", "month"),
        ("since September 2014", "2014-09-01", "month"),
    ],
)
def test_dates_and_months(text: str, expected: str, precision: str) -> None:
    [(resolved, got_precision, _)] = resolve(text)
    assert (resolved, got_precision) == (expected, precision)


@pytest.mark.parametrize(
    "text",
    ["in 2014", "on 24/11/2023", "at 07:00", "at midnight", "you may go", "a long march"],
)
def test_skipped(text: str) -> None:
    assert resolve(text) == []


def test_clock_times_attach_to_their_day_with_the_gmt_offset() -> None:
    refs = find_times("The pause began at 7 a.m. (0500 GMT) on Friday.", TUESDAY)
    assert [(r.date, r.precision, r.text) for r in refs] == [
        (
            datetime(2023, 11, 24, 7, tzinfo=timezone(timedelta(hours=2))),
            "exact",
            "7 a.m. (0500 GMT) on Friday",
        )
    ]


def test_midnight_on_a_weekday_is_the_next_morning_and_gmt_may_name_its_own_day() -> None:
    saturday = date(2016, 2, 27)
    [ref] = find_times("It took effect at midnight (2200 GMT on Friday).", saturday)
    assert ref.date == datetime(2016, 2, 27, 0, tzinfo=timezone(timedelta(hours=2)))
    [ref] = find_times(
        "The truce is due to end at midnight on Sunday (2100 GMT).", date(2025, 4, 20)
    )
    assert ref.date == datetime(2025, 4, 21, 0, tzinfo=timezone(timedelta(hours=3)))
    [ref] = find_times("Fighting is to stop at midnight on Feb. 15.", date(2015, 2, 12))
    assert ref.date == datetime(2015, 2, 15, 0)


def test_a_clock_time_alone_is_the_day_of_the_report() -> None:
    [ref] = find_times("The truce expired at 7 a.m. (0500 GMT).", TUESDAY)
    assert (ref.date, ref.precision) == (
        datetime(2023, 11, 28, 7, tzinfo=timezone(timedelta(hours=2))),
        "exact",
    )


# The clock times no day has are in test_round9_exprec2.py; here, every two-digit clock.
@settings(max_examples=200, deadline=None)
@given(st.integers(0, 99), st.integers(0, 99), st.sampled_from(["", " a.m.", " pm", " GMT"]))
def test_any_two_digit_clock_is_read_or_skipped_never_raised_on(h: int, m: int, tail: str) -> None:
    find_times(f"The truce began at {h:02d}:{m:02d}{tail} on Friday ({h:02d}{m:02d} GMT).", TUESDAY)


def test_unresolvable_without_a_publication_date() -> None:
    assert resolve("on Friday, and on Nov. 24, 2023", None) == [
        (None, None, "Friday"),
        ("2023-11-24", "day", "Nov. 24, 2023"),
    ]


def test_offsets_are_absolute_and_bounded() -> None:
    text = "On Monday. On Friday. On Sunday."
    [ref] = find_times(text, TUESDAY, 11, 21)
    assert (ref.span, ref.text, ref.date) == ((14, 20), "Friday", date(2023, 11, 24))


def test_seed() -> None:
    assert resolve(SEED.read_text(encoding="utf-8")) == [
        ("2023-11-28", "day", "Tuesday"),
        ("2023-11-24", "day", "Friday"),
        ("2023-11-27", "day", "Monday"),
        ("2023-11-28", "day", "Tuesday"),
        ("2023-11-28", "day", "in the next 48 hours"),
        ("2023-11-22", "week", "in recent days"),
        ("2023-10-01", "month", "in early October"),
        ("2023-10-07", "day", "October 7"),
    ]


def test_component_reads_the_article_date() -> None:
    from truce.extract import pipeline  # noqa: F401  (registers the Doc extensions)

    nlp = spacy.blank("en")
    nlp.add_pipe("truce_times_v1")
    doc = nlp.make_doc("It began on Friday. Posted on Monday")
    doc._.article = Article(text=doc.text, document="x", published=TUESDAY)
    doc._.body_end = 19
    refs = nlp.get_pipe("truce_times_v1")(doc)._.times
    assert [(r.date, r.text) for r in refs] == [(date(2023, 11, 24), "Friday")]


_FRAGMENTS = st.sampled_from(
    ["on", "Friday", "last", "next", "week", "October", "7", "2023", "at", "7 a.m.",
     "(0500 GMT)", "midnight", "will", "said", "in", "early", "recent days", "overnight",
     "Nov.", "24,", "the next 48 hours", ".", "if", "that", "May", "and", "Sunday"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_FRAGMENTS, st.text(max_size=3)), max_size=20),
    st.dates(date(1990, 1, 1), date(2100, 1, 1)),
    st.integers(0, 40),
    st.integers(0, 150),
)
def test_spans_are_in_bounds_and_match_their_text(
    parts: list[str], published: date, start: int, length: int
) -> None:
    text = " ".join(parts)
    start = min(start, len(text))
    end = min(len(text), start + length)
    for ref in find_times(text, published, start, end):
        assert start <= ref.span[0] < ref.span[1] <= end
        assert text[ref.span[0] : ref.span[1]] == ref.text
        assert (ref.date is None) == (ref.precision is None)


@pytest.mark.parametrize(
    ("text", "local", "offset_minutes"),
    [
        ("The ceasefire took effect at 5 PM IST on Saturday.", "2023-11-25T17:00:00", 330),
        ("It begins at 7am (05:00 GMT) on Friday.", "2023-11-24T07:00:00", 120),
        ("Shelling stopped at 6 a.m. MSK on Friday.", "2023-11-24T06:00:00", 180),
    ],
)
def test_zone_abbreviations_and_gmt_with_a_colon(
    text: str, local: str, offset_minutes: int
) -> None:
    [ref] = find_times(text, TUESDAY)
    assert ref.precision == "exact" and isinstance(ref.date, datetime)
    assert ref.date.replace(tzinfo=None).isoformat() == local
    assert ref.date.utcoffset() == timedelta(minutes=offset_minutes)


def test_capital_am_pm_and_at_opening_a_sentence() -> None:
    [ref] = find_times("At 4:00 AM local time, the truce came into effect.", TUESDAY)
    assert (ref.date.replace(tzinfo=None).isoformat(), ref.precision) == (  # type: ignore[union-attr]
        "2023-11-28T04:00:00",
        "exact",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops will withdraw over the next 60 days.", None),
        ("Troops will withdraw within the next thirty days.", None),
        ("The start will be announced within the next 24 hours.", "2023-11-28"),
        ("Talks may resume in the coming two days.", "2023-11-28"),
        ("The truce was breached nine times over the past 24 hours.", "2023-11-27"),
    ],
)
def test_windows_longer_than_a_week_date_nothing(text: str, expected: str | None) -> None:
    [(found, _, _)] = resolve(text)
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The first group left on Nov. 20. The following day 30 more were freed.", "2023-11-21"),
        (
            "A convoy crossed on Sunday, the first since the truce began a day earlier.",
            "2023-11-25",
        ),
        ("The previous day, talks stalled.", "2023-11-27"),
        ("A day later, the envoy arrived.", "2023-11-29"),
        ("The talks began in October. The next day the envoy left.", None),
    ],
)
def test_a_day_counted_from_the_storys_last_date(text: str, expected: str | None) -> None:
    shifted = [ref for ref in resolve(text) if "day" in ref[2].lower() and ref[2][0] in "TtAa"]
    assert [found for found, _, _ in shifted] == ([expected] if expected else [])


def test_a_day_before_an_event_is_not_counted_from_a_date() -> None:
    assert resolve("Clashes on Sunday, a day before the truce was due to start.") == [
        ("2023-11-26", "day", "Sunday")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He could not say how many prisoners will be released on Friday.", "2023-12-01"),
        ("The captives are to be freed on Thursday, mediators said.", "2023-11-30"),
        ("Yemen's parties agreed to a two-month truce starting Saturday.", "2023-12-02"),
        ("We are expecting a handover on Friday.", "2023-12-01"),
        # A passive that already happened still looks back.
        ("Thirteen hostages were released on Friday.", "2023-11-24"),
        ("Both sides were to begin the pullback by Monday.", "2023-11-27"),
    ],
)
def test_passives_and_starts_told_ahead_look_ahead(text: str, expected: str) -> None:
    [(resolved, precision, _)] = resolve(text)
    assert (resolved, precision) == (expected, "day")


def test_future_cues_switched_off_read_the_passive_as_past() -> None:
    from truce.extract.switches import switched_off

    with switched_off(["date.future_cues"]):
        [(resolved, _, _)] = resolve("Some 39 prisoners will be released on Friday.")
    assert resolved == "2023-11-24"


def test_a_weekday_written_before_a_date_is_that_date() -> None:
    monday = date(2025, 6, 2)
    # Friday before 2 June is the 30th; the text names the 23rd.
    assert resolve("The exchange began on Friday, May 23.", monday) == [
        ("2025-05-23", "day", "Friday, May 23")
    ]
    # The clock before it takes the date, not the publication day.
    [(stamp, precision, _)] = resolve(
        "The truce is to begin at 02:00 a.m. local time on Friday, May 21.", date(2021, 5, 20)
    )
    assert (stamp, precision) == ("2021-05-21T02:00:00", "exact")
    # A weekday followed by something else stays a weekday of its own.
    assert [r[0] for r in resolve("On Friday, 24 hostages and 39 prisoners were freed.")] == [
        "2023-11-24"
    ]


def test_weekday_with_date_switched_off_reads_the_weekday_alone() -> None:
    from truce.extract.switches import switched_off

    with switched_off(["date.weekday_with_date"]):
        found = resolve("The exchange began on Friday, May 23.", date(2025, 6, 2))
    assert [r[0] for r in found] == ["2025-05-30", "2025-05-23"]


def test_a_clock_time_told_ahead_is_on_the_day_named_ahead_before_it() -> None:
    from truce.extract.switches import switched_off

    text = (
        "The truce will begin on Friday morning, Qatar said. Speaking on Tuesday, its "
        "spokesman said the truce will begin at 7am (05:00 GMT)."
    )
    stamps = [r[0] for r in resolve(text) if r[1] == "exact"]
    assert stamps == ["2023-12-01T07:00:00+02:00"]
    with switched_off(["date.clock_story_day"]):
        stamps = [r[0] for r in resolve(text) if r[1] == "exact"]
    assert stamps == ["2023-11-28T07:00:00+02:00"]
    # Told in the past, a clock time stays on the day of the report.
    past = "The truce will begin on Friday. The army said it struck at 7am (05:00 GMT)."
    assert [r[0] for r in resolve(past) if r[1] == "exact"] == ["2023-11-28T07:00:00+02:00"]


def test_earlier_or_later_in_the_day_is_the_day_the_story_is_at() -> None:
    from truce.extract.switches import switched_off

    assert resolve("The cabinet met earlier in the day.") == [
        ("2023-11-28", "day", "earlier in the day")
    ]
    text = "Hamas freed 13 hostages on Friday. Later in the day, Israel freed 39 prisoners."
    assert [r[0] for r in resolve(text)] == ["2023-11-24", "2023-11-24"]
    with switched_off(["date.same_day"]):
        assert [r[0] for r in resolve(text)] == ["2023-11-24"]
