"""A claim's place: one check for every door, refusing what is no place."""

from __future__ import annotations

import pytest

from truce.domain.place import check_place


def test_a_place_is_normalised_and_keeps_what_a_gazetteer_adds() -> None:
    given = {"name": " Rafah ", "country": "ps", "lat": "31.29", "lon": 34.25, "geo_precision": 2,
             "inferred": True}  # fmt: skip
    place = check_place(given)
    assert place == {"name": "Rafah", "country": "PSE", "lat": 31.29, "lon": 34.25,
                     "geo_precision": 2, "inferred": True}  # fmt: skip
    assert check_place({"name": "Khan Younis"}) == {"name": "Khan Younis"}


@pytest.mark.parametrize(
    ("place", "words"),
    [
        ({"name": "X", "lat": 91, "lon": 0}, "place.lat"),
        ({"name": "X", "lat": 0, "lon": -180.5}, "place.lon"),
        ({"name": "X", "lat": "north", "lon": 1}, "place.lat"),
        ({"name": "X", "lat": float("nan"), "lon": 1}, "place.lat"),
        ({"name": "X", "lat": 31.2}, "both lat and lon"),
        ({"name": "X", "country": "ZZZ"}, "not an ISO 3166-1 country code"),
        ({"name": "   "}, "place.name"),
        ({"country": "PSE"}, "place.name"),
        ({"name": "x" * 201}, "place.name"),
        ("Rafah", "must be an object"),
        (["Rafah"], "must be an object"),
    ],
)
def test_what_is_no_place_is_refused_saying_why(place: object, words: str) -> None:
    with pytest.raises(ValueError) as refused:
        check_place(place)
    assert words in str(refused.value)
