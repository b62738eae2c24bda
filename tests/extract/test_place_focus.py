"""Rule `place.doc_focus`: an event whose sentence names no place is placed at the town or
region the report names most. Invented reports; the places are the real gazetteer's."""

from __future__ import annotations

from datetime import date
from typing import Any

from truce.extract.components.place_capital import capital_named
from truce.extract.components.place_focus import focus_of
from truce.extract.components.places import place_in, resolve_places
from truce.extract.model import ActorMention, Article, Candidate
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.places_resolve import resolve
from truce.extract.switches import switched_off

LIBYA = frozenset({"LBY"})


def _named(*names: str, countries: frozenset[str] = LIBYA) -> list[dict[str, Any] | None]:
    out: list[dict[str, Any] | None] = []
    for name in names:
        found = resolve(name, countries)
        out.append(found.as_dict() if found else None)
    return out


def test_the_town_named_most_is_the_reports_place() -> None:
    focus = focus_of(_named("Misrata", "Libya", "Misrata"), LIBYA)
    assert focus is not None
    assert (focus["name"], focus["country"], focus["inferred"]) == ("Misratah", "LBY", True)


def test_a_town_named_once_says_nothing() -> None:
    assert focus_of(_named("Misrata", "Libya"), LIBYA) is None


def test_two_towns_named_as_often_say_nothing() -> None:
    assert focus_of(_named("Misrata", "Benghazi", "Misrata", "Benghazi"), LIBYA) is None


def test_the_country_named_more_often_than_the_town_wins() -> None:
    assert focus_of(_named("Misrata", "Libya", "Misrata", "Libya", "Libya"), LIBYA) is None


def test_a_town_outside_the_parties_lands_is_not_the_reports_place() -> None:
    # Talks in Cairo, twice, on a Libyan truce: Cairo is where it was said, not fought.
    named = _named("Cairo", "Cairo", countries=frozenset())
    assert focus_of(named, LIBYA) is None


def test_a_town_that_names_its_region_stands_for_the_region() -> None:
    gaza = frozenset({"PSE"})
    assert focus_of(_named("Gaza", "Gaza", "Gaza", countries=gaza), gaza) is None


def _report(first: str) -> str:
    return (
        f"{first} "
        "Residents fled the fighting in Misrata as armed convoys moved through the streets.\n\n"
        "Libya's government announced a ceasefire on Wednesday. "
        "At least six people were killed before the ceasefire was declared, security sources "
        "said."
    )


def _casualty_place(text: str, off: list[str]) -> dict[str, Any] | None:
    article = Article(text=text, document="t", published=date(2031, 5, 8))
    with switched_off(off):
        found = [c for c in extract(build_pipeline(), article) if c.type == "casualty_claim"]
    assert len(found) == 1 and found[0].location is None
    return found[0].place


def test_an_unplaced_casualty_lies_where_the_report_is_set() -> None:
    text = _report("Heavy clashes broke out in Misrata on Monday between rival militias.")
    place = _casualty_place(text, [])
    assert place is not None and (place["name"], place["inferred"]) == ("Misratah", True)
    # Without the rule, the country the located events lie in.
    without = _casualty_place(text, ["place.doc_focus"])
    assert without is not None and without["name"] == "Libya"


def test_a_report_naming_its_town_once_keeps_the_country() -> None:
    text = _report("Heavy clashes broke out on Monday between rival militias.")
    place = _casualty_place(text, [])
    assert place == _casualty_place(text, ["place.doc_focus"])
    assert place is None or place["name"] != "Misratah"


# Rule `place.party_lands`: a side named for the land it holds is that land after "in".
def test_a_side_named_for_its_land_is_a_place_after_in() -> None:
    evidence = "Borduria's forces went on shelling towns in Artsakh despite the truce"
    assert place_in(evidence, frozenset({"Artsakh"})) == "Artsakh"
    with switched_off(["place.party_lands"]):
        assert place_in(evidence, frozenset({"Artsakh"})) is None


def test_a_side_after_from_or_unknown_to_the_gazetteer_stays_a_side() -> None:
    assert place_in("a statement from Artsakh said", frozenset({"Artsakh"})) is None
    assert place_in("the rockets fired in Hamas attacks", frozenset({"Hamas"})) is None


# Rule `place.demonym_capital`: "the Angolan capital" is Luanda.
def test_the_capital_named_by_its_states_adjective() -> None:
    evidence = "the talks took place in the Qatari capital on Monday"
    assert place_in(evidence) == "the Qatari capital"
    found = capital_named("the Qatari capital")
    assert found is not None and (found.name, found.country) == ("Doha", "QAT")
    south_africa = capital_named("the South African capital")
    assert south_africa is not None and south_africa.name == "Pretoria"
    assert capital_named("the Borduran capital") is None  # no state of that adjective
    with switched_off(["place.demonym_capital"]):
        assert place_in(evidence) is None


def test_a_meeting_in_the_capital_is_placed_at_the_city() -> None:
    text = (
        "The meeting of Ruritania and Borduria, which took place in the Angolan capital on "
        "Monday, ended with a joint statement on the truce."
    )
    article = Article(text=text, document="t", published=date(2031, 5, 8))
    meetings = [c for c in extract(build_pipeline(), article) if c.type == "meeting"]
    assert meetings and meetings[0].place is not None
    assert (meetings[0].place["name"], meetings[0].place["country"]) == ("Luanda", "AGO")


# Rule `place.next_sentence`: the region in the lead, the town in the sentence after it.
_LEAD = (
    "Two people were killed in an Israeli drone strike in southern Lebanon on Tuesday, in a "
    "new violation of the ceasefire, the Health Ministry said. "
)


def _strike(text: str, off: tuple[str, ...] = ()) -> tuple[str | None, dict[str, Any] | None]:
    article = Article(text=text, document="t", published=date(2031, 5, 8))
    with switched_off(off):
        found = [c for c in extract(build_pipeline(), article) if c.type == "casualty_claim"]
    assert found
    return found[0].location, found[0].place


def test_the_next_sentence_names_the_town_the_strike_hit() -> None:
    text = (
        _LEAD + "A statement said the casualties occurred in the strike on the town of Bint Jbeil."
    )
    location, place = _strike(text)
    assert location == "Bint Jbeil"
    assert place is not None and (place["name"], place["geo_precision"]) == ("Bint Jbeil", 1)
    location, place = _strike(text, ("place.next_sentence",))
    assert location == "southern Lebanon" and place is not None and place["name"] == "Lebanon"


def test_a_town_the_gazetteer_lacks_is_named_in_the_region() -> None:
    text = _LEAD + "The strike targeted a car in the village of Zawtar Borduri, the ministry said."
    location, place = _strike(text)
    assert location == "Zawtar Borduri"
    assert place is not None and place["name"] == "Lebanon"


def test_a_next_sentence_about_something_else_leaves_the_region() -> None:
    text = _LEAD + "Residents of the town of Bint Jbeil have begun to return to their homes."
    assert _strike(text)[0] == "southern Lebanon"


# Rule `place.finer`: the country first, then its town, in one evidence.
def test_a_town_of_the_country_named_after_it_is_the_finer_place() -> None:
    evidence = "A missile kills 3 in Israel. Three people were killed in Israel's Beersheba"
    assert place_in(evidence) == "Beersheba"
    with switched_off(["place.finer"]):
        assert place_in(evidence) == "Israel"


def test_a_town_of_another_country_is_not_finer() -> None:
    assert place_in("fighting in Lebanon as talks went on in Cairo") == "Lebanon"
    assert place_in("fighting in Lebanon, then in Syria") == "Lebanon"


# Rule `place.not_dateline`: talks under a dateline in capitals are where the sentence says.
def test_a_meeting_under_a_dateline_is_where_the_sentence_puts_it() -> None:
    text = (
        "BOGOTA.- Delegations of the Colombian government and the ELN are meeting in Caracas "
        "on Monday to decide whether to extend the ceasefire."
    )
    article = Article(text=text, document="t", published=date(2031, 5, 8))

    def venue(off: tuple[str, ...]) -> str | None:
        with switched_off(off):
            meetings = [c for c in extract(build_pipeline(), article) if c.type == "meeting"]
        assert meetings
        return meetings[0].location

    assert venue(()) == "Caracas"
    assert venue(("place.not_dateline",)) == "BOGOTA"


def test_a_town_of_another_partys_land_does_not_move_the_events() -> None:
    # The located events lie in Libya; Cairo, named three times, is Egypt's.
    text = (
        "Delegates met in Cairo. Talks in Cairo went on. Envoys stayed in Cairo. "
        "Clashes broke out in Misrata. Fighting went on in Benghazi. Six people were killed."
    )
    actors = [
        ActorMention("egypt", "state", (0, 0), "Egypt"),
        ActorMention("libya", "state", (0, 0), "Libya"),
    ]

    def unplaced_place(off: tuple[str, ...]) -> dict[str, Any] | None:
        located = [
            Candidate("breach", (73, 102), "t", location="Misrata"),
            Candidate("breach", (103, 134), "t", location="Benghazi"),
        ]
        unplaced = Candidate("casualty_claim", (135, 160), "t")
        with switched_off(off):
            resolve_places([*located, unplaced], actors, text)
        return unplaced.place

    with_rule = unplaced_place(())
    assert with_rule is not None and with_rule["country"] == "LBY"
    assert with_rule == unplaced_place(("place.doc_focus",))


# Rule `meeting.venue_after`: the talks are where the clause naming them puts them.
def test_a_meeting_is_where_the_talks_are_held_not_a_place_named_for_another_reason() -> None:
    text = (
        "Kabul's envoy said the next round of talks between Pakistan and Afghanistan is "
        "scheduled in Istanbul on 25 March."
    )
    article = Article(text=text, document="t", published=date(2031, 3, 2))

    def venues(off: tuple[str, ...]) -> list[str | None]:
        with switched_off(off):
            found = extract(build_pipeline(), article)
        return [c.location for c in found if c.type == "meeting"]

    assert "Istanbul" in venues(())
    assert "Istanbul" not in venues(("meeting.venue_after",))


def test_the_venue_after_the_talks_names_the_town_not_its_kind() -> None:
    from truce.extract.components.kinds.meeting import venue_after

    assert venue_after("talks in the Kenyan capital Nairobi this week", 0) == "Nairobi"
    assert venue_after("talks in the City of Ghadames yesterday", 0) == "Ghadames"
    assert venue_after("talks on Monday in Doha, with envoys", 0) == "Doha"
    # Not a place, and a place beyond the clause that names the talks.
    assert venue_after("a deal as envisioned in the Oslo Accords", 0) is None
    assert venue_after("the talks ended; fighting went on in Khan Younis", 0) is None


# Rule `place.more_kinds`: more kinds of place a town or site is named by.
def test_a_community_a_camp_and_outskirts_name_their_town() -> None:
    said = "Soldiers opened fire on residents returning to the community of Houla on Sunday."
    assert place_in(said) == "Houla"
    assert place_in("Raids went on in the camp of Jenin overnight.") == "Jenin"
    assert place_in("Shells fell on the outskirts of Kherson.") == "Kherson"
    with switched_off(("place.more_kinds",)):
        assert place_in(said) is None
