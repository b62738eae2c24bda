"""Places resolved in the offline GeoNames gazetteer: spellings, the parties' countries first,
ACLED's geo_precision, and the structured place riding on the candidate. Invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from truce.extract.components.places import place_in
from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.places_resolve import resolve


@pytest.mark.parametrize(
    ("written", "countries", "country", "zone"),
    [
        ("Khan Younis", ["PSE", "ISR"], "PSE", "Asia/Gaza"),
        ("Khan Yunis", [], "PSE", "Asia/Gaza"),
        ("Kiev", [], "UKR", "Europe/Kyiv"),
        ("Rafah", ["PSE", "ISR"], "PSE", "Asia/Gaza"),
        ("Sumy", ["UKR", "RUS"], "UKR", "Europe/Kyiv"),
        ("Aleppo", [], "SYR", "Asia/Damascus"),
        ("Taez", ["YEM"], "YEM", "Asia/Aden"),
        ("Hodeidah", [], "YEM", "Asia/Aden"),
        ("Sana'a", [], "YEM", "Asia/Aden"),
        ("Khartoum", [], "SDN", "Africa/Khartoum"),
        ("El Fasher", ["SDN"], "SDN", "Africa/Khartoum"),
        ("Nabatieh", ["LBN", "ISR"], "LBN", "Asia/Beirut"),
        ("Tyre", ["LBN", "ISR"], "LBN", "Asia/Beirut"),
        ("Deir el-Balah", ["PSE"], "PSE", "Asia/Gaza"),
    ],
)
def test_a_town_is_found_under_its_common_spellings(
    written: str, countries: list[str], country: str, zone: str
) -> None:
    place = resolve(written, countries)
    assert place is not None
    assert (place.country, place.time_zone, place.geo_precision) == (country, zone, 1)
    assert place.admin1 and place.admin1.startswith(place.admin1[:2])
    assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_variants_of_one_name_meet_on_one_place() -> None:
    pairs = [("Khan Younis", "Khan Yunis"), ("Kyiv", "Kiev"), ("Sanaa", "Sana'a")]
    pairs += [("Hodeidah", "Hudaydah"), ("Taiz", "Taez")]
    for one, other in pairs:
        assert resolve(one) == resolve(other), (one, other)


def test_the_parties_countries_choose_among_namesakes() -> None:
    # GeoNames holds a Donetsk in Russia's Rostov oblast as well as the Ukrainian city.
    assert resolve("Donetsk", ["UKR"]).country == "UKR"  # type: ignore[union-attr]
    assert resolve("Donetsk", ["RUS"]).country == "RUS"  # type: ignore[union-attr]
    # A venue outside every party's land is still found: talks in Istanbul.
    assert resolve("Istanbul", ["UKR", "RUS"]).country == "TUR"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("written", "name", "precision"),
    [
        ("Rafah border crossing", "Rafah crossing", 1),
        ("Sanaa airport", "Sanaa International Airport", 1),
        ("Hodeidah port", "Al Ḩudaydah", 2),
        ("near the Kerem Shalom crossing", "Kerem Shalom crossing", 2),
        ("north Gaza", "Gaza", 2),
        ("near Ramallah", "Ramallah", 2),
        ("Aleppo province", "Aleppo", 3),
        ("southern Lebanon", "Lebanon", 3),
        ("Yemen", "Yemen", 3),
        ("Gaza Strip", "Gaza Strip", 3),
        ("the occupied West Bank", "West Bank", 3),
    ],
)
def test_precision_follows_acled(written: str, name: str, precision: int) -> None:
    place = resolve(written, ["PSE", "ISR", "SYR", "LBN", "YEM"])
    assert place is not None
    assert (place.name, place.geo_precision) == (name, precision)


def test_a_name_the_gazetteer_lacks_is_left_unresolved() -> None:
    assert resolve("Zenda Valley") is None
    assert resolve("") is None
    assert resolve(None) is None


def test_a_breach_carries_its_resolved_place_to_the_candidate_record() -> None:
    text = "Israel accused Hamas of firing rockets from Khan Yunis on Monday, breaching the truce."
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    (breach,) = [c for c in extract(build_pipeline(), article) if c.type == "breach"]
    place = breach.as_dict()["place"]
    assert place["name"] == "Khān Yūnis" and place["country"] == "PSE"
    assert place["geo_precision"] == 1 and place["admin1"] == "PS.GZ"
    assert round(place["lat"], 1) == 31.3 and round(place["lon"], 1) == 34.3


def test_a_place_with_no_namesake_in_the_parties_lands_still_resolves() -> None:
    text = "Ukraine accused Russia of shelling in Donetsk on Monday, breaching the truce."
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    placed = [c.place for c in extract(build_pipeline(), article) if c.place]
    assert placed and all(p["country"] == "UKR" for p in placed)


def test_where_it_happened_wins_over_where_it_came_from() -> None:
    evidence = "Aid trucks entered Gaza from Egypt at the Rafah border crossing on Friday"
    assert place_in(evidence) == "Rafah border crossing"
    assert place_in("the first day of the Gaza truce passed quietly") == "Gaza"
    assert place_in("the first day of the Hamas truce passed quietly", frozenset({"Hamas"})) is None


def test_the_armed_groups_named_pick_their_land_among_namesakes() -> None:
    # GeoNames has a Rafah on each side of the border; Hamas fights on the Gaza side.
    text = "Israel said Hamas fighters were killed in Rafah on Monday, breaching the truce."
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    placed = [c.place for c in extract(build_pipeline(), article) if c.place]
    assert placed and {p["country"] for p in placed} == {"PSE"}


def test_a_name_run_on_into_a_person_resolves_by_its_leading_words() -> None:
    text = "The truce in Yemen Hans Grundberg brokered expired on Sunday, the United Nations said."
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    placed = [c.place for c in extract(build_pipeline(), article) if c.place]
    assert placed and placed[0]["name"] == "Yemen"


@pytest.mark.parametrize(
    ("text", "region"),
    [
        pytest.param(
            "Fighting in the Gaza Strip eased on Friday. Israel and Hamas agreed to a truce. "
            "The truce between Israel and Hamas took effect at 7 a.m. on Friday.",
            "Gaza Strip",
            id="the region the document names",
        ),
        pytest.param(
            "Israeli forces released 20 prisoners at Ofer Prison on Monday. "
            "Israel and Hamas agreed to a truce. "
            "The truce between Israel and Hamas took effect at 7 a.m. on Friday.",
            "West Bank",
            id="the region the document's towns lie in",
        ),
    ],
)
def test_an_event_whose_sentence_names_no_place_takes_the_documents_region(
    text: str, region: str
) -> None:
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    found = extract(build_pipeline(), article)
    unplaced = [c for c in found if c.location is None and c.type != "statement"]
    assert unplaced
    for c in unplaced:
        assert c.place is not None
        assert (c.place["name"], c.place["geo_precision"], c.place["inferred"]) == (region, 3, True)


def test_a_list_of_places_resolves_to_the_first_the_gazetteer_knows() -> None:
    from truce.extract.switches import switched_off

    # "Qqqzenda" is no place; Bint Jbeil is a site of southern Lebanon (sites.py).
    found = resolve("Qqqzenda, Bint Jbeil and Beit Lif", ["LBN", "ISR"])
    assert found is not None and (found.name, found.country) == ("Bint Jbeil", "LBN")
    with switched_off(["place.lists"]):
        assert resolve("Qqqzenda, Bint Jbeil and Beit Lif", ["LBN", "ISR"]) is None
    found = resolve("Goris, Sotq and Jermuk settlements", ["ARM", "AZE"])
    assert found is not None and (found.name, found.country) == ("Goris", "ARM")


@pytest.mark.parametrize(
    ("written", "countries", "name", "country", "admin1"),
    [
        ("Tigray", ["ETH"], "Tigray", "ETH", "ET.53"),
        ("northern Tigray", ["ETH"], "Tigray", "ETH", "ET.53"),
        ("Artsakh", ["ARM", "AZE"], "Artsakh", "AZE", "AZ.55"),
        ("Nagorno-Karabakh", ["ARM", "AZE"], "Nagorno Karabakh", "AZE", "AZ.55"),
        ("Jammu and Kashmir", ["IND", "PAK"], "Jammu and Kashmir", "IND", "IN.12"),
        ("Pakistan-administered Kashmir", ["IND", "PAK"], "Pakistan Administered Kashmir",
         "PAK", "PK.06"),
        ("Shan State", ["MMR"], "Shan", "MMR", "MM.11"),
        ("North Darfur", ["SDN"], "North Darfur", "SDN", "SD.55"),
        ("North Kivu province", ["COD", "RWA"], "North Kivu", "COD", "CD.11"),
        ("Cyrenaica", ["LBY"], "Cyrenaica", "LBY", "LY.69"),
    ],
)  # fmt: skip
def test_regions_of_the_newer_truces_are_placed_at_their_capitals(
    written: str, countries: list[str], name: str, country: str, admin1: str
) -> None:
    place = resolve(written, countries)
    assert place is not None
    assert (place.name, place.country, place.geo_precision, place.admin1) == (
        name,
        country,
        3,
        admin1,
    )


def test_conflict_regions_switched_off() -> None:
    from truce.extract.switches import switched_off

    with switched_off(["place.conflict_regions"]):
        assert resolve("Artsakh", ["ARM", "AZE"]) is None
        # Darfur as a whole, seated at El Fasher, North Darfur's capital too.
        south = resolve("South Darfur", ["SDN"])
        assert south is not None and south.name == "Darfur"
    south = resolve("South Darfur", ["SDN"])
    assert south is not None and (south.name, south.admin1) == ("South Darfur", "SD.49")


def test_a_town_of_that_name_before_one_that_once_bore_it() -> None:
    from truce.extract.switches import switched_off

    # GeoNames lists "Pokrovsk" as a former name of Russia's Engels, a larger town.
    place = resolve("Pokrovsk", ["UKR", "RUS"])
    assert place is not None and (place.name, place.country) == ("Pokrovsk", "UKR")
    with switched_off(["place.primary_name"]):
        place = resolve("Pokrovsk", ["UKR", "RUS"])
    assert place is not None and place.country == "RUS"
