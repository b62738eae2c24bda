"""Rules over the whole story: the date it is at, the two sides of its conflict."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract

_NLP = build_pipeline()


def _found(text: str, kind: str) -> list[Candidate]:
    article = Article(text=text, document="t", published=date(2022, 9, 14))
    return [c for c in extract(_NLP, article) if c.type == kind]


def test_an_undated_release_takes_the_date_the_story_is_at() -> None:
    text = "Israel freed 20 prisoners on Monday. Hours later, Hamas released five hostages."
    first, second = _found(text, "release")
    assert first.date == second.date == date(2022, 9, 12)


def test_the_story_date_does_not_reach_far_or_into_plans() -> None:
    text = (
        "Israel freed 20 prisoners on Monday. The talks went on. Aid was short. "
        "Hamas released five hostages. Hamas is to free 10 more hostages."
    )
    assert [c.date for c in _found(text, "release")] == [date(2022, 9, 12), None, None]


def test_a_truce_event_involves_both_sides_of_the_story() -> None:
    text = (
        "Hamas and Israel agreed to a four-day truce. Israel will free 150 prisoners. "
        "Hamas said the truce began on Friday."
    )
    article = Article(text=text, document="t", published=date(2022, 9, 14))
    found = {c.type: c for c in extract(_NLP, article)}
    assert found["release"].participants == ["hamas", "israel"]
    assert found["ceasefire_start"].participants == ["hamas", "israel"]


def test_the_actor_is_always_a_participant() -> None:
    (found,) = _found("Egypt said Israeli shelling had continued near Rafah.", "breach")
    assert found.actor == "israel"
    assert "israel" in found.participants


def test_a_day_told_without_an_event_moves_the_story_date() -> None:
    from truce.extract.switches import switched_off

    text = (
        "Families waited at the border for weeks. The process began on Tuesday. "
        "During the first stage, Russia released 90 prisoners of war."
    )
    [release] = _found(text, "release")
    assert release.date == date(2022, 9, 13)
    with switched_off(["date.story_times"]):
        [release] = _found(text, "release")
    assert release.date is None


def test_a_day_looked_forward_to_is_not_where_the_story_is() -> None:
    text = "A new round of talks is due on Friday. Russia released 90 prisoners of war."
    [release] = _found(text, "release")
    assert release.date is None


def test_the_story_date_is_not_taken_from_the_events_own_sentence() -> None:
    from truce.extract.switches import switched_off

    text = (
        "Only 33 vessels have arrived at the port since the ceasefire took effect on "
        "April 2 and was extended on June 2."
    )
    [delivery] = _found(text, "aid_delivery")
    assert delivery.date is None
    # A tally "since" is ongoing, which `date.ongoing_no_story` leaves undated too.
    with switched_off(["date.story_before", "date.ongoing_no_story"]):
        [delivery] = _found(text, "aid_delivery")
    assert delivery.date is not None  # the start or the extension told in the same sentence


def test_a_group_and_the_government_it_fights_are_the_sides_over_a_mediator() -> None:
    from truce.extract.components.actors import find_actors
    from truce.extract.components.story import sides
    from truce.extract.switches import switched_off

    text = (
        "The United States and Saudi Arabia said the RSF and the Sudanese army broke the truce. "
        "Washington and Riyadh urged calm; the United States and Saudi Arabia will meet again."
    )
    assert sides(find_actors(text)) == ["rapid-support-forces", "sudanese-armed-forces"]
    with switched_off(["doc.known_pair"]):
        assert sides(find_actors(text)) == ["united-states", "saudi-arabia"]
