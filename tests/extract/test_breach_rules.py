"""Breaches: every allegation in a sentence, with the party it is made against."""

from __future__ import annotations

from datetime import date

from truce.extract.components.kinds.breach import drop_retold_breaches
from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

_NLP = build_pipeline()


def _breaches(text: str) -> list[Candidate]:
    article = Article(text=text, document="t", published=date(2024, 3, 5))
    return [c for c in extract(_NLP, article) if c.type == "breach"]


def test_the_accused_is_the_actor_even_with_an_adverb() -> None:
    (found,) = _breaches("Hezbollah accused Israel of repeatedly shelling villages on Monday.")
    assert found.actor == "israel"
    assert found.modality == "occurred"


def test_a_party_that_says_it_kept_the_truce_denies_a_breach() -> None:
    (found,) = _breaches(
        "Egypt's foreign ministry said the Egyptian army had fully respected the ceasefire."
    )
    assert (found.actor, found.modality) == ("egypt", "denied")


def test_two_allegations_in_one_sentence_are_two_breaches() -> None:
    found = _breaches(
        "Hamas said its fighters had abided by the truce, and accused Israel of firing on "
        "displaced people in Khan Younis."
    )
    assert [(c.actor, c.modality) for c in found] == [("hamas", "denied"), ("israel", "occurred")]


def test_continued_attacks_are_the_named_party_s() -> None:
    (found,) = _breaches("Israeli strikes and attacks had continued in the south, residents said.")
    assert found.actor == "israel"


def test_denying_that_its_forces_fight_is_a_denied_breach() -> None:
    (found,) = _breaches("Russia denies that its troops are attacking Ukrainian towns.")
    assert (found.actor, found.modality) == ("russia", "denied")


def test_monitors_refused_access_and_sporadic_fire_are_breaches() -> None:
    assert len(_breaches("UN observers said they were refused access to the border zone.")) == 1
    assert len(_breaches("The truce mostly held, with isolated gunfire near the airport.")) == 1


def test_a_violation_inside_a_condition_is_no_allegation() -> None:
    assert _breaches("Qatar said it would act if either side violated the truce.") == []
    assert _breaches("The army will respond if Hamas breaches the ceasefire, he said.") == []


def test_one_allegation_worded_twice_is_one_breach() -> None:
    found = _breaches("Kyiv reported violations of the truce that violated its terms.")
    assert len(found) == 1


def test_the_nationality_of_the_shelling_beats_the_speaker_before_it() -> None:
    (found,) = _breaches("Zelenskiy said Russian shelling had continued near Kharkiv.")
    assert found.actor == "russia"


def test_parties_accused_together_are_one_breach_each() -> None:
    found = _breaches(
        "Kyiv accused Russia and Belarus of shelling border villages overnight, officials said."
    )
    assert sorted(c.actor for c in found) == ["belarus", "russia"]
    assert len({c.span for c in found}) == 1


def test_a_list_of_accused_groups_with_their_fighters_is_one_breach_each() -> None:
    found = _breaches(
        "The army accused Hamas fighters, Islamic Jihad and the RSF of violating the truce."
    )
    assert [c.actor for c in found] == [
        "hamas",
        "palestinian-islamic-jihad",
        "rapid-support-forces",
    ]


def test_a_party_named_inside_the_accusation_but_not_coordinated_is_not_accused() -> None:
    (found,) = _breaches(
        "Hezbollah accused Israel, which it said was backed by the United States, of shelling "
        "villages in the south."
    )
    assert found.actor == "israel"


def test_the_rebels_accused_with_a_party_are_the_document_s_main_armed_group() -> None:
    found = _breaches(
        "The Houthis agreed to the truce on Saturday. "
        "Saudi Arabia accused the rebels and Iranian forces of violating the truce on Monday."
    )
    assert [c.actor for c in found] == ["houthis", "iran"]


def test_the_rebels_name_no_one_in_a_document_without_an_armed_group() -> None:
    (found,) = _breaches("Kyiv accused the rebels and Russian forces of violating the ceasefire.")
    assert found.actor == "russia"


def test_a_breach_spoken_of_in_general_alleges_none() -> None:
    found = _breaches(
        "The army said there had been repeated violations by the militia, and that it would "
        "answer any further breach with force."
    )
    assert len(found) == 1
    assert _breaches("Any violation of the truce will be answered, the minister warned.") == []


def test_a_breach_referred_back_to_is_not_told_again() -> None:
    text = (
        "Armenia violated the truce on Monday, Baku said. "
        "Baku called these violations a provocation. "
        "This breach was one of many, including shelling near Lachin."
    )
    starts = [0, text.index("Baku called"), text.index("This breach")]
    ends = [*starts[1:], len(text)]
    found = [
        Candidate(type="breach", span=(a, b), document="t")
        for a, b in zip(starts, ends, strict=True)
    ]
    kept = drop_retold_breaches(found, text)
    assert [c.span[0] for c in kept] == [starts[0], starts[2]]


def test_the_first_breach_told_is_kept_however_it_is_worded() -> None:
    text = "These violations of the truce were reported in the north on Monday."
    found = [Candidate(type="breach", span=(0, len(text)), document="t")]
    assert drop_retold_breaches(found, text) == found


def test_attacks_kept_up_during_a_truce_are_breaches_without_the_word() -> None:
    (found,) = _breaches("Russia continued to shell villages near Kherson on Monday.")
    assert found.actor == "russia"
    assert len(_breaches("The army continued to carry out airstrikes on the capital.")) == 1
    assert len(_breaches("Marrow's forces have carried out 26 assaults since midnight.")) == 1
    assert len(_breaches("Marrow launched a drone attack on a power plant in Zenda.")) == 1
    assert len(_breaches("Marrow shelled the port on Sunday despite the Easter truce.")) == 1


def test_attacks_placed_outside_the_truce_are_no_breaches() -> None:
    text = "Both sides continued to carry out attacks right up until the moment the truce began."
    assert _breaches(text) == []
    assert _breaches("The continued bombing after the end of the truce angered the envoys.") == []
    assert _breaches("Marrow shelled Zenda on Sunday, before the truce took effect.") == []


def test_fighting_that_went_on_is_no_breach_by_itself() -> None:
    # Only an act of attack set against the truce: fighting as background stays out.
    assert _breaches("Marrow withdrew after days of fighting despite a ceasefire.") == []


def test_breaching_is_a_breach_word() -> None:
    article = Article(text="Hamas accused Israel of breaching the truce in Rafah.", document="t")
    assert [c.actor for c in extract(_NLP, article) if c.type == "breach"] == ["israel"]


def test_both_accused_at_once_is_one_breach_with_no_actor() -> None:
    from truce.extract.switches import switched_off

    # Invented: the text blames both sides at once (guideline: one breach, actor null).
    article = Article(
        text="Qatar accused both Israel and Hamas of violating the truce.", document="t"
    )
    assert [c.actor for c in extract(_NLP, article) if c.type == "breach"] == [None]
    with switched_off(["breach.both"]):
        actors = [c.actor for c in extract(_NLP, article) if c.type == "breach"]
    assert sorted(a or "" for a in actors) == ["hamas", "israel"]


def test_a_breach_supposed_is_not_alleged() -> None:
    from truce.extract.switches import switched_off

    # Invented: an inverted if, and what a breach would bring.
    for text in (
        "Israel keeps the right to strike should Hezbollah breach the truce.",
        "The mediators said a violation of the truce would end the talks in Jeddah.",
    ):
        article = Article(text=text, document="t")
        assert [c for c in extract(_NLP, article) if c.type == "breach"] == [], text
        # `breach.supposed_modality` drops them too, by the sentence's modality.
        with switched_off(["breach.supposed", "breach.supposed_modality"]):
            assert [c.type for c in extract(_NLP, article)].count("breach") == 1, text
    told = Article(
        text="The army said a violation of the truce took place in Jeddah.", document="t"
    )
    assert [c.type for c in extract(_NLP, told)].count("breach") == 1


def test_a_participle_after_the_allegation_names_the_same_breach() -> None:
    text = "Russia accused Ukraine of shelling Kherson on Monday, violating the Easter truce."
    article = Article(text=text, document="t")
    assert [c.actor for c in extract(_NLP, article) if c.type == "breach"] == ["ukraine"]


def test_fire_opened_during_the_truce_is_a_breach() -> None:
    text = (
        "A day after the truce took hold, Ruritanian troops opened fire at two farm trucks "
        "near the ridge."
    )
    (found,) = _breaches(text)
    assert found.modality == "occurred"
    # The act in the truce's time (`breach.during_truce`, branch exbreach) finds it too.
    with switched_off(["trigger.breach.opened_fire", "breach.during_truce"]):
        assert _breaches(text) == []
    # Opening a crossing, or fire opened with no one fired on, is no breach.
    assert _breaches("During the truce the army opened the crossing to traders.") == []
