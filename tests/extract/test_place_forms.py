"""Places named in more ways (branch explaces2): a direction from a town, a site passed through,
a town before the area it lies in, a possessed town, two directions sharing a name, "the town"
named before, a state's people as victims. Invented sentences; the places are the real
gazetteer's."""

from __future__ import annotations

import pytest

from truce.extract.components.places import place_in, resolve_places
from truce.extract.model import ActorMention, Candidate
from truce.extract.places_resolve import resolve
from truce.extract.switches import switched_off

PARTIES = ("PSE", "ISR", "UKR", "SYR", "YEM", "IND", "COD", "ETH", "MMR", "LBY", "LBN")


def _resolved(evidence: str) -> tuple[str, str, int] | None:
    name = place_in(evidence)
    found = resolve(name, PARTIES) if name else None
    return (found.name, found.country, found.geo_precision) if found else None


@pytest.mark.parametrize(
    ("evidence", "rule", "place", "resolved"),
    [
        (
            "a farmer was shot dead by a drone to the east of Khan Younis at dawn",
            "place.more_forms",
            "east of Khan Younis",
            ("Khān Yūnis", "PSE", 2),
        ),
        (
            "the militia must leave the villages south of the Litani River within a month",
            "place.more_forms",
            "south of the Litani River",
            ("South of The Litani River", "LBN", 3),
        ),
        (
            "forty lorries of flour entered Gaza via the Kerem Shalom crossing on Monday",
            "place.more_forms",
            "Kerem Shalom crossing",
            ("Kerem Shalom crossing", "ISR", 1),
        ),
        (
            "In Israel, two people were hurt by falling debris",
            "place.more_forms",
            "Israel",
            ("Israel", "ISR", 3),
        ),
        (
            "the envoys met in neighbouring Ethiopia for a week",
            "place.more_forms",
            "Ethiopia",
            ("Ethiopia", "ETH", 3),
        ),
        (
            "shelling went on in some parts of Myanmar after the pause began",
            "place.more_forms",
            "Myanmar",
            ("Myanmar", "MMR", 3),
        ),
        (
            "the freed men rode buses to Ramallah in the West Bank",
            "place.town_then_area",
            "Ramallah",
            ("Ramallah", "PSE", 1),
        ),
        (
            "drones were seen over Sumy in northern Ukraine overnight",
            "place.town_then_area",
            "Sumy",
            ("Sumy", "UKR", 1),
        ),
        (
            "a relief convoy entered the Suwayda governorate in southern Syria",
            "place.town_then_area",
            "Suwayda governorate",
            ("As-Suwayda", "SYR", 3),
        ),
        (
            "the siege of Yemen's third-largest city Taez was not lifted",
            "place.possessed",
            "Taez",
            ("Taiz", "YEM", 1),
        ),
        (
            "a gunman opened fire in Jammu and Kashmir's Pahalgam last spring",
            "place.possessed",
            "Pahalgam",
            ("Pahalgam", "IND", 1),
        ),
    ],
)
def test_more_ways_a_place_is_named(
    evidence: str, rule: str, place: str, resolved: tuple[str, str, int]
) -> None:
    assert place_in(evidence) == place
    assert _resolved(evidence) == resolved
    with switched_off([rule]):
        assert _resolved(evidence) != resolved


def test_a_source_is_no_place() -> None:
    evidence = "According to Libyan media, four guards were killed overnight"
    assert place_in(evidence) is None
    with switched_off(["place.not_source"]):
        assert place_in(evidence) == "Libyan"


def test_journalists_alone_are_no_speech() -> None:
    evidence = "soldiers fired on Lebanese journalists in Khiam at noon"
    assert place_in(evidence) == "Khiam"
    with switched_off(["place.not_source"]):
        assert place_in(evidence) is None
    assert place_in("the minister told journalists in Doha that talks went well") is None


@pytest.mark.parametrize(
    ("evidence", "place"),
    [
        ("In March, Trump ordered raids in which dozens were killed", None),
        ("the envoy visited the rebel-held capital Sanaa for talks", "Sanaa"),
        ("gunners are shelling the territory of the Aghdam region", "Aghdam"),
        (
            "lorries arrived in the capital of Ethiopia's war-torn region of Tigray, the first "
            "to arrive in Mekelle since May",
            "Mekelle",
        ),
    ],
)
def test_more_forms_of_a_sentence(evidence: str, place: str | None) -> None:
    assert place_in(evidence) == place


def test_two_directions_sharing_one_name_are_the_first() -> None:
    found = resolve("North and South Kivu", ["COD"])
    assert found is not None and (found.name, found.country) == ("North Kivu", "COD")
    found = resolve("northern and southern Gaza", ["PSE"])
    assert found is not None and (found.name, found.geo_precision) == ("Gaza", 2)
    assert resolve("North", ["COD"]) is None  # a list's first piece, alone, is no place
    with switched_off(["place.shared_direction"]):
        assert (resolve("North and South Kivu", ["COD"]) or found).country != "COD"


def _candidate(text: str, sentence: str, kind: str = "breach") -> Candidate:
    at = text.index(sentence)
    span = (at, at + len(sentence))
    return Candidate(type=kind, span=span, document="t", sentence_span=span)


def test_the_town_is_the_one_named_before() -> None:
    text = (
        "Soldiers fired on farmers returning to the village of Zawtar, a medic said. "
        "Later the soldiers detained two men in the village."
    )
    c = _candidate(text, "Later the soldiers detained two men in the village.")
    resolve_places([c], [], text)
    assert c.location == "Zawtar"
    c = _candidate(text, "Later the soldiers detained two men in the village.")
    with switched_off(["place.town_anaphora"]):
        resolve_places([c], [], text)
    assert c.location is None


def test_a_town_named_in_the_sentence_keeps_its_own_name() -> None:
    text = "Troops entered the village of Zawtar. Two men were held in the village of Qlayaa."
    c = _candidate(text, "Two men were held in the village of Qlayaa.")
    c.location = "Qlayaa"
    resolve_places([c], [], text)
    assert c.location == "Qlayaa"


def _yemen_in_a_gaza_report(text: str) -> Candidate:
    actors = [
        ActorMention("hamas", "armed-group", (0, 5), "Hamas"),
        ActorMention("houthis", "armed-group", (6, 13), "Houthis"),
    ]
    located = _candidate(text, text.split(". ")[0] + ".", "breach")
    located.location = "Khan Younis"
    victims = _candidate(text, text.split(". ")[1], "casualty_claim")
    resolve_places([located, victims], actors, text)
    return victims


def test_a_states_people_killed_lie_in_that_state() -> None:
    text = "Shelling hit Khan Younis. Last year dozens of Yemenis were killed in air raids"
    victims = _yemen_in_a_gaza_report(text)
    assert victims.place is not None and victims.place["country"] == "YEM"
    with switched_off(["place.victims_demonym"]):
        victims = _yemen_in_a_gaza_report(text)
    assert victims.place is not None and victims.place["country"] == "PSE"


def test_the_peoples_land_already_the_reports_keeps_the_reports_region() -> None:
    text = "Shelling hit Khan Younis. Last year dozens of Palestinians were killed in air raids"
    victims = _yemen_in_a_gaza_report(text)
    assert victims.place is not None and victims.place["name"] == "Gaza Strip"
