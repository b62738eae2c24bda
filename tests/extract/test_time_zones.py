"""Clock times without a GMT equivalent: the zone of the place named with them or of the
dateline, and none where the dateline's places keep different clocks."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from truce.extract.components.times import find_times
from truce.extract.time_zones import clock_zone, dateline_zones

_PUBLISHED = date(2024, 7, 10)  # a Wednesday, in summer time where there is one


def _exact(text: str) -> datetime:
    (ref,) = [r for r in find_times(text, _PUBLISHED) if r.precision == "exact"]
    assert isinstance(ref.date, datetime)
    return ref.date


def test_a_dateline_s_place_gives_the_clock_its_zone() -> None:
    stamp = _exact("AMMAN, July 10 (Desk) - The talks resumed at 3 p.m. on Tuesday.")
    assert stamp.isoformat() == "2024-07-09T15:00:00+03:00"


def test_places_on_one_clock_share_it_and_places_on_two_give_no_zone() -> None:
    same = _exact("GAZA/JERUSALEM, July 10 (Desk) - The crossing opened at 8 a.m. on Tuesday.")
    assert same.utcoffset() == timedelta(hours=3)  # both on Israel's summer time
    split = _exact("DOHA/CAIRO/LONDON, July 10 (Desk) - Talks began at 8 a.m. on Tuesday.")
    assert split.tzinfo is None


def test_a_place_named_with_the_time_beats_the_dateline() -> None:
    stamp = _exact("LONDON, July 10 (Desk) - The pause will begin at 9 p.m. Moscow time on Friday.")
    assert stamp.isoformat() == "2024-07-12T21:00:00+03:00"


def test_no_dateline_or_an_unknown_place_gives_no_zone() -> None:
    assert _exact("The truce began at 6 a.m. on Tuesday.").tzinfo is None
    assert _exact("SPRINGFIELD, July 10 - The truce began at 6 a.m. on Tuesday.").tzinfo is None


def test_a_gmt_equivalent_is_kept_over_the_dateline() -> None:
    stamp = _exact("KYIV, July 10 (Desk) - It took effect at 7 p.m. (1500 GMT) on Tuesday.")
    assert stamp.utcoffset() == timedelta(hours=4)


def test_the_offset_follows_summer_time_on_the_day() -> None:
    assert dateline_zones("BEIRUT, Jan 5 (Desk) - x") == ["Asia/Beirut"]
    winter = clock_zone("7 a.m.", datetime(2024, 1, 5, 7), ["Asia/Beirut"])
    summer = clock_zone("7 a.m.", datetime(2024, 7, 5, 7), ["Asia/Beirut"])
    assert winter is not None and summer is not None
    assert datetime(2024, 1, 5, 7, tzinfo=winter).utcoffset() == timedelta(hours=2)
    assert datetime(2024, 7, 5, 7, tzinfo=summer).utcoffset() == timedelta(hours=3)


def test_a_dateline_city_off_the_list_takes_its_zone_from_the_gazetteer() -> None:
    assert dateline_zones("DONETSK, Ukraine, Feb 3 (Agency) - Shelling resumed.") == ["Europe/Kyiv"]
    assert dateline_zones("ALEPPO, Syria, Dec 1 (Agency) - Shelling resumed.") == ["Asia/Damascus"]
    # The country the dateline names picks among namesakes (GeoNames has a Donetsk in Russia).
    assert dateline_zones("DONETSK, Russia, Feb 3 (Agency) - x") == ["Europe/Moscow"]
    # A country opening the text is no clock: it may span several.
    assert dateline_zones("RUSSIA, Dec 1 (Agency) - Shelling resumed.") is None


def test_a_clock_named_after_a_gazetteer_city_takes_its_zone() -> None:
    when = datetime(2024, 7, 10, 18, 0)
    zone = clock_zone(" 6 p.m. Aleppo time", when, None)
    assert zone is not None and when.replace(tzinfo=zone).utcoffset() == timedelta(hours=3)
