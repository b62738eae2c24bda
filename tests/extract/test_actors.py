"""Actor mentions from the built-in gazetteer and an agreement's aliases."""

from __future__ import annotations

import time
from pathlib import Path

import spacy

from truce.extract.components.actors import find_actors

SEED = Path(__file__).parents[2] / "eval" / "gold" / "documents" / "seed-2023-11-28.txt"


def found(text: str, **kwargs: object) -> list[tuple[str, str, str]]:
    return [(m.text, m.actor, m.kind) for m in find_actors(text, **kwargs)]  # type: ignore[arg-type]


def test_longest_match_wins_and_offsets_are_absolute() -> None:
    text = "The US Central Intelligence Agency and Defence Minister Israel Katz met."
    mentions = find_actors(text)
    assert [(m.text, m.actor) for m in mentions] == [
        ("US Central Intelligence Agency", "cia"),
        ("Israel Katz", "israel"),
    ]
    for m in mentions:
        assert text[m.span[0] : m.span[1]] == m.text


def test_metonyms_are_places_of_their_state() -> None:
    assert found("talks between Tel Aviv and Hamas in the Qatari capital") == [
        ("Tel Aviv", "israel", "place"),
        ("Hamas", "hamas", "armed-group"),
        ("the Qatari capital", "qatar", "place"),
    ]
    assert found("the Kremlin said")[0][1:] == ("russia", "place")


def test_agency_aliases() -> None:
    for alias in ("the Israeli spy agency", "the Israeli National Intelligence Agency", "Mossad"):
        assert found(f"{alias} chief")[0][:2] == (alias, "mossad")
    assert found("the Ezzedine al-Qassam Brigades")[0][1] == "hamas"
    assert found("Ansar Allah fighters")[0][1] == "houthis"


def test_organs_map_to_their_state() -> None:
    assert found("the Israeli military said")[0][1:] == ("israel", "agency")
    assert found("Israeli authorities")[0][1:] == ("israel", "state")
    assert found("Egyptian officials")[0][1:] == ("egypt", "state")


def test_demonym_alone_is_not_an_acting_state() -> None:
    assert found("50 Israeli hostages for 150 Palestinian prisoners") == [
        ("Israeli", "israel", "demonym"),
        ("Palestinian", "palestine", "demonym"),
    ]
    assert found("a Qatari-brokered truce")[0][1:] == ("qatar", "demonym")


def test_short_acronyms_match_only_in_capitals() -> None:
    assert found("IS and the UN") == [
        ("IS", "islamic-state", "armed-group"),
        ("UN", "un", "agency"),
    ]
    assert found("this is us, who un-did it") == []
    assert found("the US said")[0][1] == "united-states"


def test_possessive_and_curly_apostrophe() -> None:
    assert found("Qatar’s foreign ministry spokesman")[0][1:] == ("qatar", "official")
    assert found("Israel's government")[0][1:] == ("israel", "state")


def test_officials_carry_their_affiliation() -> None:
    mention = find_actors("said Majed Al Ansari")[0]
    assert (mention.actor, mention.kind, mention.country) == ("qatar", "official", "qatar")
    assert found("Al Ansari further said")[0][1] == "qatar"


def test_aliases_extend_the_gazetteer() -> None:
    assert found("the movement said") == []
    assert found("the movement said", aliases={"the movement": "hamas"}) == [
        ("the movement", "hamas", "armed-group")
    ]
    assert found("Fooland army", aliases={"Fooland army": "fooland"})[0][1:] == (
        "fooland",
        "organisation",
    )


def test_start_and_end_bound_the_search() -> None:
    text = "Hamas and Israel. No comments: Egypt"
    assert [m.actor for m in find_actors(text, None, 0, text.index("No"))] == ["hamas", "israel"]
    assert [m.span for m in find_actors(text, None, 5)] == [(10, 16), (31, 36)]


def test_component_respects_body_end() -> None:
    from truce.extract import pipeline  # noqa: F401  (registers the Doc extensions)

    nlp = spacy.blank("en")
    nlp.add_pipe("truce_actors_v1", config={"aliases": {"Fooland": "fooland"}})
    doc = nlp.make_doc("Fooland and Qatar. Egypt")
    doc._.body_end = 18
    doc = nlp.get_pipe("truce_actors_v1")(doc)
    assert [m.actor for m in doc._.actors] == ["fooland", "qatar"]


def test_seed_parties() -> None:
    actors = {m.actor for m in find_actors(SEED.read_text()) if m.kind != "demonym"}
    assert {"cia", "mossad", "qatar", "egypt", "israel", "hamas", "united-states"} <= actors


def test_fast_enough_for_a_500_word_article() -> None:
    text = SEED.read_text()
    find_actors(text)
    started = time.perf_counter()
    for _ in range(50):
        find_actors(text)
    assert (time.perf_counter() - started) / 50 < 0.005  # generous: the budget is ~1 ms


def test_india_and_pakistan_with_their_capitals_and_demonyms() -> None:
    found = [
        (m.actor, m.kind)
        for m in find_actors(
            "Islamabad rejected the claim; the Indian army said New Delhi would reply."
        )
    ]
    assert found == [("pakistan", "place"), ("india", "agency"), ("india", "place")]
