"""Releases: counted, exchanged, each side, and the few stated without a count."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract

_NLP = build_pipeline()


def _found(text: str, kind: str) -> list[Candidate]:
    article = Article(text=text, document="t", published=date(2022, 9, 14))
    return [c for c in extract(_NLP, article) if c.type == kind]


def test_a_release_the_deal_sets_is_a_planned_release() -> None:
    text = "Under the agreement, the Houthis are to free 40 detainees and Riyadh is to free 20."
    found = _found(text, "release")
    assert [(c.modality, c.quantities[0].value) for c in found] == [("planned", 40.0)]


def test_a_party_freeing_a_named_group_is_a_release_without_a_count() -> None:
    (found,) = _found("In return, Russia freed Ukrainian detainees held in Crimea.", "release")
    assert (found.actor, found.quantities) == ("russia", [])


def test_the_next_handover_of_a_series_is_a_planned_release() -> None:
    (found,) = _found("The next exchange is expected on Sunday.", "release")
    assert (found.modality, found.date) == ("planned", date(2022, 9, 18))


def test_people_returned_home_were_released() -> None:
    (found,) = _found("Kyiv said 95 Ukrainians had been returned from captivity.", "release")
    assert found.quantities[0].value == 95


def test_the_party_calling_to_free_prisoners_releases_no_one_without_a_subject() -> None:
    assert _found("Protesters demanded that the army free prisoners.", "release") == []


def test_an_exchange_of_equal_counts_is_a_release_by_each_side() -> None:
    text = "Kyiv and Moscow swapped 90 prisoners each on Friday."
    found = _found(text, "release")
    assert sorted((c.actor or "", c.quantities[0].value) for c in found) == [
        ("russia", 90),
        ("ukraine", 90),
    ]


def test_a_side_returning_captives_by_count_releases_them() -> None:
    def counts(text: str) -> list[float]:
        return [q.value for c in _found(text, "release") for q in c.quantities]

    assert counts("On Monday Armenia returned 41 fighters to Azerbaijan.") == [41]
    assert counts("Another 64 Syrians returned from captivity in the north on Sunday.") == [64]
    assert counts("In exchange, 12 prisoners of war were transferred to the other side.") == [12]
    assert counts("The 17 Israeli and dual-national hostages were released on Friday.") == [17]


def test_a_side_freeing_fighters_it_names_with_a_determiner_is_a_release() -> None:
    (found,) = _found("At the same time, Russia released a similar number of fighters.", "release")
    assert found.actor == "russia"
    assert _found("In Kyiv, freed soldiers wrapped in flags called home.", "release") == []


def test_citizens_and_returning_people_from_captivity_are_counted() -> None:
    (found,) = _found("Ten Thai citizens were also released by Hamas on Friday.", "release")
    assert [q.value for q in found.quantities] == [10]
    (found,) = _found("Ukraine was able to return 207 people from captivity.", "release")
    assert [q.value for q in found.quantities] == [207]


def test_an_exchange_slated_ahead_is_a_planned_release() -> None:
    (found,) = _found("A new prisoner exchange is slated to proceed over the weekend.", "release")
    assert found.modality == "planned"


def test_a_group_released_in_the_infinitive_is_wanted_not_freed() -> None:
    from truce.extract.switches import switched_off

    # Invented sentences: refused, agreed, asked for; the group is named, not counted.
    for text in (
        "The council condemned Russia over its refusal to release the prisoners held in Crimea.",
        "Ukraine agreed to release Russian prisoners under the accord.",
    ):
        assert _found(text, "release") == [], text
        with switched_off(["release.infinitive"]):
            assert len(_found(text, "release")) == 1, text
    (done,) = _found("Russia freed the remaining prisoners on Monday.", "release")
    assert done.modality == "occurred"
