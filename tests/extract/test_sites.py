"""Named sites the GeoNames town list lacks (crossings, a prison, an airport, villages), and
where an event is placed when its sentence names only a town inside a region. Invented text."""

from __future__ import annotations

import pytest

from truce.extract.components.places import place_in
from truce.extract.places_resolve import region_of, resolve
from truce.extract.sites import SITES, site_named


@pytest.mark.parametrize(
    ("written", "name", "country", "precision"),
    [
        ("Kerem Shalom", "Kerem Shalom crossing", "ISR", 1),
        ("the Kerem Shalom border crossing", "Kerem Shalom crossing", "ISR", 1),
        ("Kerem Abu Salem crossing", "Kerem Shalom crossing", "ISR", 1),
        ("Rafah crossing", "Rafah crossing", "PSE", 1),
        ("Ofer prison, near Ramallah", "Ofer Prison", "PSE", 1),
        ("Sana'a airport", "Sanaa International Airport", "YEM", 1),
        ("near Khiam", "Khiam", "LBN", 2),
        ("the outskirts of Bint Jbeil", "Bint Jbeil", "LBN", 2),
    ],
)
def test_sites_resolve_with_their_coordinates(
    written: str, name: str, country: str, precision: int
) -> None:
    place = resolve(written, ["PSE", "ISR", "LBN", "YEM"])
    assert place is not None
    assert (place.name, place.country, place.geo_precision) == (name, country, precision)
    site = next(s for s in SITES if s.name == name)
    assert (place.lat, place.lon, place.time_zone) == (site.lat, site.lon, site.time_zone)
    # Its admin1 is the one of the nearest GeoNames town in its country.
    assert place.admin1 is not None and place.admin1.startswith(
        {"ISR": "IL.", "PSE": "PS.", "LBN": "LB.", "YEM": "YE."}[country]
    )


def test_a_town_a_crossing_is_named_after_stays_the_town() -> None:
    rafah = resolve("Rafah", ["PSE", "ISR"])
    assert rafah is not None and rafah.name != "Rafah crossing"
    assert site_named("rafah") is None and site_named("sanaa") is None
    assert site_named("kerem shalom crossing point") is not None


def test_every_site_lies_in_its_country() -> None:
    # Rough boxes around each country (degrees): a site with swapped or mistyped coordinates
    # falls outside its own.
    boxes = {
        "ISR": (29.4, 33.4, 34.2, 35.9),
        "PSE": (31.2, 32.6, 34.2, 35.6),
        "LBN": (33.0, 34.7, 35.1, 36.7),
        "YEM": (12.0, 19.0, 42.0, 54.0),
        "AZE": (38.3, 41.95, 44.7, 50.4),
        "KHM": (10.4, 14.7, 102.3, 107.7),
    }
    for site in SITES:
        south, north, west, east = boxes[site.country]
        assert south <= site.lat <= north and west <= site.lon <= east, site.name


@pytest.mark.parametrize(
    ("evidence", "place"),
    [
        ("preparing to release three captives from Deir al-Balah in central Gaza", "Deir al-Balah"),
        ("trucks moved into the Israeli-controlled Kerem Shalom crossing", "Kerem Shalom crossing"),
        ("two flights a week in and out of Sana'a airport", "Sana'a airport"),
        ("a drone struck a car in Khiam in southern Lebanon", "Khiam"),
        ("a drone struck a car in southern Lebanon", "southern Lebanon"),
    ],
)
def test_the_most_precise_place_the_evidence_names(evidence: str, place: str) -> None:
    assert place_in(evidence) == place


def test_the_region_of_an_admin1_else_the_country() -> None:
    gaza = region_of("PS.GZ", "PSE")
    assert gaza is not None and (gaza.name, gaza.geo_precision) == ("Gaza Strip", 3)
    yemen = region_of("YE.25", "YEM")
    assert yemen is not None and (yemen.name, yemen.country) == ("Yemen", "YEM")


def test_each_sites_admin1_is_its_nearest_towns() -> None:
    from truce.extract.places_resolve import _index, country_codes

    cities = [e for found in _index().cities.values() for e in found]
    for site in SITES:
        codes = country_codes([site.country])
        towns = [e for e in cities if e.iso2 in codes]
        nearest = min(towns, key=lambda e: (e.lat - site.lat) ** 2 + (e.lon - site.lon) ** 2)
        assert site.admin1 == nearest.admin1, site.name
