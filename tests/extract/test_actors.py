"""Actor mentions from the built-in gazetteer and an agreement's aliases."""

from __future__ import annotations

from datetime import date
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
        ("Palestinian", "palestinian-authority", "demonym"),
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


def test_india_and_pakistan_with_their_capitals_and_demonyms() -> None:
    found = [
        (m.actor, m.kind)
        for m in find_actors(
            "Islamabad rejected the claim; the Indian army said New Delhi would reply."
        )
    ]
    assert found == [("pakistan", "place"), ("india", "agency"), ("india", "place")]


def test_parties_of_the_newer_conflicts() -> None:
    assert found("The TPLF and the Ethiopian National Defense Force") == [
        ("TPLF", "tplf", "armed-group"),
        ("Ethiopian National Defense Force", "ethiopia", "agency"),
    ]
    text = "Haftar's Libyan National Army and the GNA; Myanmar's military and the NUG; M23 in Goma"
    assert [a for _, a, _ in found(text)] == [
        "libya-lna",
        "libya-lna",
        "libya-gna",
        "myanmar-military",
        "nug",
        "m23",
    ]
    assert found("Pashinyan, Aliyev and the Artsakh authorities")[2][1] == "nagorno-karabakh"
    assert found("Hun Manet spoke")[0][1:] == ("cambodia", "official")
    assert found("the Tatmadaw, Min Aung Hlaing")[0][1] == "myanmar-military"
    assert found("Colombia's ELN guerrillas")[1][1] == "eln"
    # Acronyms the new parties use match only in capitals: "lna" or "tdf" in prose do not.
    assert found("the tdf and lna are lowercase here") == []


def test_one_canonical_id_per_party() -> None:
    from truce.extract.gazetteer import ENTRIES, ID_ALIASES, canonical_id

    assert found("Palestinian Islamic Jihad and the al-Quds Brigades") == [
        ("Palestinian Islamic Jihad", "palestinian-islamic-jihad", "armed-group"),
        ("al-Quds Brigades", "palestinian-islamic-jihad", "armed-group"),
    ]
    assert canonical_id("islamic-jihad") == canonical_id("pij") == "palestinian-islamic-jihad"
    assert canonical_id("saf") == "sudanese-armed-forces" and canonical_id("hamas") == "hamas"
    given = {actor for actor, _, _ in ENTRIES.values() if actor}
    assert not given & ID_ALIASES.keys()  # the gazetteer gives canonical ids only
    assert set(ID_ALIASES.values()) <= given


def test_a_state_named_for_its_governing_side() -> None:
    assert found("the army in Sudan")[0][1] == "sudanese-armed-forces"
    assert found("Yemen's government")[0][1] == "yemen-government"
    from truce.extract.switches import switched_off

    with switched_off(["actors.state_is_its_government"]):
        assert found("the army in Sudan")[0][1] == "sudan"
    assert found("the army in Sudan")[0][1] == "sudanese-armed-forces"  # restored


def test_descriptions_take_the_sides_the_report_names() -> None:
    ethiopia = "Ethiopia's government said the rebels attacked; Tigrayan forces denied it."
    assert [a for _, a, _ in found(ethiopia)] == ["ethiopia", "tplf", "tplf"]
    yemen = "The Houthis and government forces exchanged fire."
    assert [a for _, a, _ in found(yemen)] == ["houthis", "yemen-government"]
    myanmar = "Myanmar's junta extended its truce; the junta accused the rebels."
    assert [a for _, a, _ in found(myanmar)] == ["myanmar-military", "myanmar-military"]
    myanmar = "The junta said ethnic armed groups attacked; the rebels denied it."
    assert [a for _, a, _ in found(myanmar)] == [
        "myanmar-military",
        "ethnic-armed-groups",
        "ethnic-armed-groups",
    ]
    # A government named without its foes: "the rebels" are not known to be anyone.
    assert [a for _, a, _ in found("Kyiv accused the rebels.")] == ["ukraine"]
    # No side to take them from: the old defaults, or no mention at all.
    assert found("rebel groups met") == [("rebel groups", "syrian-rebels", "armed-group")]
    assert found("the government said") == []
    # In a Gaza report "the government" may be the group's own: it stays unresolved.
    assert [a for _, a, _ in found("Hamas said the government lied")] == ["hamas"]
    from truce.extract.switches import switched_off

    with switched_off(["actors.by_context"]):
        assert [a for _, a, _ in found(yemen)] == ["houthis"]
        assert [a for _, a, _ in found(ethiopia)] == ["ethiopia", "tplf"]


def test_a_breach_or_a_statement_targets_the_other_side() -> None:
    from truce.extract.model import Article
    from truce.extract.pipeline import build_pipeline, extract
    from truce.extract.switches import switched_off

    text = (
        "Azerbaijan and Armenia agreed to a ceasefire on Monday. Armenia accused Azerbaijani "
        "forces of violating the ceasefire near Jermuk on Tuesday. Azerbaijan's defence ministry "
        "said Armenia was lying."
    )
    article = Article(text=text, document="t", published=date(2022, 9, 13))
    nlp = build_pipeline()
    found = {(c.type, c.actor, c.target) for c in extract(nlp, article)}
    assert ("breach", "azerbaijan", "armenia") in found
    assert ("statement", "azerbaijan", "armenia") in found
    for c in extract(nlp, article):
        assert c.target is None or c.target in c.participants
    with switched_off(["doc.target"]):
        assert all(c.target is None for c in extract(nlp, article))


def test_a_movement_that_took_the_capital_is_the_state_from_that_day() -> None:
    from tests.extract.invented import candidates
    from truce.extract.components.actors import in_power
    from truce.extract.switches import switched_off

    text = "The Taliban and Pakistan agreed to an immediate ceasefire on Sunday, Qatar said."
    mentions = find_actors(text)
    before = [(m.actor, m.kind) for m in in_power(mentions, date(2021, 8, 14))]
    after = [(m.actor, m.kind) for m in in_power(mentions, date(2021, 8, 15))]
    assert ("taliban", "armed-group") in before and ("afghanistan", "state") not in before
    assert ("afghanistan", "state") in after and all(a != "taliban" for a, _ in after)
    assert in_power(mentions, None) == mentions  # an undated report keeps the movement's id
    # The offsets and the words stay those of the text.
    assert [m.span for m in in_power(mentions, date(2025, 10, 19))] == [m.span for m in mentions]
    # The Pakistani Taliban are not the Afghan state on any day.
    pakistani = find_actors("the Pakistani Taliban attacked")
    assert pakistani[0].actor == "ttp"
    assert in_power(pakistani, date(2025, 1, 1))[0].actor == "ttp"
    # Through the pipeline: the parties of a 2025 report and of a 2020 one.
    late = {p for c in candidates(text, date(2025, 10, 19)) for p in c.participants}
    early = {p for c in candidates(text, date(2020, 2, 22)) for p in c.participants}
    assert "afghanistan" in late and "taliban" not in late
    assert "taliban" in early and "afghanistan" not in early
    with switched_off(["actors.holds_the_capital"]):
        off = {p for c in candidates(text, date(2025, 10, 19)) for p in c.participants}
    assert "taliban" in off
