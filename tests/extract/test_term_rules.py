"""Agreement terms: one per provision, with its own counts; ratios are terms on their own."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

_NLP = build_pipeline()


def _terms(text: str) -> list[Candidate]:
    article = Article(text=text, document="t", published=date(2021, 5, 20))
    return [c for c in extract(_NLP, article) if c.type == "agreement_term"]


def _counts(c: Candidate) -> list[tuple[float, str | None]]:
    return [(q.value, q.unit) for q in c.quantities]


def test_coordinated_provisions_are_separate_terms() -> None:
    found = _terms(
        "Under the terms, 40 trucks of aid are to cross at Kerem Shalom each day, and "
        "two ships a week are to dock in Gaza."
    )
    assert [_counts(c) for c in found] == [[(40, "trucks")], [(2, "ships")]]
    assert {c.modality for c in found} == {"occurred"}


def test_each_ratio_is_a_term() -> None:
    found = _terms(
        "The deal sets the exchange rate: 20 prisoners for every soldier and 5 for every civilian."
    )
    assert [_counts(c)[0][0] for c in found] == [20, 5]


def test_a_ratio_is_a_term_without_a_deal_named() -> None:
    (found,) = _terms("In return, Israel would free four prisoners for each hostage.")
    assert _counts(found) == [(4, "prisoners")]


def test_a_count_for_each_other_is_no_ratio() -> None:
    assert _terms("The two sides blamed one another, one for each other side's delays.") == []


def test_under_the_plan_and_a_halt_to_operations_name_the_deal() -> None:
    assert len(_terms("Under the plan, the rebels are to leave the city by June.")) == 1
    text = "The envoy said the parties had agreed to halt all military operations."
    assert len(_terms(text)) == 1


def test_agreed_with_a_phrase_before_what_was_agreed_is_a_term() -> None:
    (found,) = _terms(
        "The two leaders agreed in a meeting with U.N. envoys in Geneva to a 10-day pause in "
        "attacks on ports."
    )
    assert _counts(found) == [(10, "days")]


def test_agreed_with_a_clause_break_before_to_is_no_term() -> None:
    assert _terms("The rebels agreed, after a long silence, to attend talks in Geneva.") == []


def test_agreeing_to_stop_all_firing_names_a_truce() -> None:
    (found,) = _terms("The two armies agreed to stop all firing along the border from Sunday.")
    assert found.type == "agreement_term"


def test_what_a_deal_mandates_or_includes_is_a_term() -> None:
    assert len(_terms("The accord mandates a staged pullback of both armies from the river.")) == 1
    assert len(_terms("It includes a joint monitoring board chaired by a neutral general.")) == 1
    assert len(_terms("The pact required an end to all shelling along the border.")) == 1


def test_an_exchange_agreed_is_a_term_without_a_truce_named() -> None:
    assert len(_terms("Both governments have agreed to swap 300 captives each.")) == 1


def test_an_agreement_reached_or_decided_is_a_term() -> None:
    assert len(_terms("A truce agreement between two militias was reached late on Monday.")) == 1
    assert len(_terms("The two presidents decided on an immediate ceasefire in the valley.")) == 1


def test_a_deal_reached_as_an_aside_is_no_term() -> None:
    # A participle naming the deal while the sentence reports its expiry states no term.
    assert _terms("The truce deal reached between the two militias expired at dawn.") == []


def test_a_side_confirming_a_truce_is_no_term() -> None:
    assert _terms("The minister confirmed the ceasefire and said his side wanted calm.") == []


def test_a_deal_reached_named_as_an_aside_is_a_term() -> None:
    (term,) = _terms("Shelling resumed despite a ceasefire agreement reached just hours earlier.")
    assert term.modality == "occurred"
    assert _terms("The truce in Zenda has reached its tenth day.") == []
    assert _terms("Envoys regret that an agreement has not been reached today.") == []


def test_the_deal_reached_that_then_expired_is_an_end_not_a_term() -> None:
    assert _terms("The truce deal reached between Zenda and Marrow expired on Friday.") == []


def test_what_the_parties_bound_themselves_to_is_a_term() -> None:
    assert len(_terms("The warring sides also agreed not to loot homes or markets.")) == 1
    assert len(_terms("Marrow agreed to suspend operations along the river.")) == 1
    assert len(_terms("The two sides decided to create a joint monitoring committee.")) == 1
    assert _terms("Marrow agreed with the assessment of the envoy.") == []


def test_what_a_deal_aims_at_is_a_term() -> None:
    text = "The deal, brokered by Qatar with support from Egypt, aims to end the fighting."
    assert len(_terms(text)) == 1
    assert len(_terms("The second phase, set to begin later, aims for a full withdrawal.")) == 1


def test_a_ratio_with_its_count_after_is_a_term_and_no_planned_release() -> None:
    text = "For every hostage freed, 30 prisoners will be released from jails in Marrow."
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    found = extract(_NLP, article)
    assert [c.type for c in found if c.type != "statement"] == ["agreement_term"]
    text = "The pause would be extended by a day for every additional 10 hostages released."
    kinds = [c.type for c in extract(_NLP, Article(text=text, document="t"))]
    assert "agreement_term" in kinds and "release" not in kinds


def test_a_release_planned_before_the_ratio_stays() -> None:
    text = "Marrow is to free 150 prisoners from its jails, three prisoners for every hostage."
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    found = [c for c in extract(_NLP, article) if c.type == "release"]
    assert [q.value for c in found for q in c.quantities] == [150]


def test_deliveries_set_ahead_at_a_rate_are_terms_not_deliveries() -> None:
    text = (
        "Egypt said 100 trucks of fuel will be delivered daily to Gaza during the truce, "
        "and that 200 trucks of aid would also enter Gaza daily."
    )
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    found = extract(_NLP, article)
    terms = [c for c in found if c.type == "agreement_term"]
    assert [[q.value for q in t.quantities] for t in terms] == [[100], [200]]
    assert [c for c in found if c.type == "aid_delivery"] == []


def test_deliveries_that_happened_daily_stay_deliveries() -> None:
    text = "During the truce, 200 trucks of aid entered Gaza daily through Rafah."
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    kinds = [c.type for c in extract(_NLP, article)]
    assert "aid_delivery" in kinds and "agreement_term" not in kinds


def test_a_deal_welcomed_is_a_reaction_not_a_term() -> None:
    text = '"We welcome the temporary ceasefire agreement reached by both sides," Qatar said.'
    assert _terms(text) == []


def test_an_event_done_under_a_deal_is_no_term_but_one_set_ahead_is() -> None:
    # Invented sentences: the deal at work, in the past or perfect, names no term.
    done = [
        "The 60 fishermen freed under the deal on Monday reached their villages.",
        "Under the terms of the pause, bus services have restarted across the valley.",
        "Thursday's handover was the third under the first phase of the truce.",
    ]
    for text in done:
        assert _terms(text) == [], text
        with switched_off(["term.done_under_deal"]):
            assert len(_terms(text)) == 1, text  # the rule, not something else, removed it
    # A verb that looks ahead keeps it a term, as does another term word.
    ahead = _terms("Under the deal, 60 fishermen would be freed within a week.")
    assert len(ahead) == 1  # the counts are the release rule's business
    assert len(_terms("Under the truce, both armies are to pull back 5 km from the river.")) == 1
    assert _terms("Under the deal, the rebels freed 12 soldiers; it provides for a swap.")


def test_keeping_the_terms_of_a_truce_names_no_provision() -> None:
    # Invented sentences: the deal as a whole, kept or breached.
    whole = [
        "The rebels restated their commitment to the terms of the truce on Monday.",
        "The council said the army must abide by the terms of the ceasefire.",
    ]
    for text in whole:
        assert _terms(text) == [], text
        with switched_off(["term.deal_as_a_whole"]):
            assert len(_terms(text)) == 1, text
    named = "Under the terms of the truce, 30 trucks are to cross each day."
    assert len(_terms(named)) == 1


def test_a_deal_that_calls_for_includes_or_applies_to_states_a_term() -> None:
    called = "The truce also called for the militia to pull back from the river within a month."
    (found,) = _terms(called)
    assert found.modality == "occurred"
    assert len(_terms("The plan includes the reopening of the northern crossing to traders.")) == 1
    assert len(_terms("The truce applies to all artillery and drones along the border.")) == 1
    # Not the deal's verbs: a party calling for something states its own position.
    assert _terms("Villagers called for the road to the market to be reopened.") == []
    with switched_off(["term.deal_sets"]):
        assert _terms(called) == []


def test_who_will_monitor_the_deal_is_a_term() -> None:
    text = "The truce will reportedly be monitored by Norway and a panel of retired officers."
    (found,) = _terms(text)
    assert found.modality == "occurred"
    (it,) = _terms("It will be jointly supervised by observers from the regional bloc.")
    assert it.modality == "occurred"
    # What was monitored in the past is no provision.
    assert _terms("The market was monitored by volunteers during the festival.") == []
    with switched_off(["term.monitored_by"]):
        assert _terms(text) == []


def test_the_parties_agreeing_together_set_a_term_with_no_deal_named() -> None:
    text = "Both sides agreed to withdraw their patrols from the disputed ridge by Friday."
    (found,) = _terms(text)
    assert found.modality == "occurred"
    between = "The parties agreed, with the help of the regional envoys, to reopen the bridge."
    assert len(_terms(between)) == 1
    assert len(_terms("The Moldovans agreed to open two crossings for traders.")) == 1
    # One party agreeing with a view binds no one to anything.
    assert _terms("The farmers agreed with the mayor about the weather.") == []
    with switched_off(["term.parties_agreed"]):
        assert _terms(text) == []


def test_agreeing_to_talk_and_asking_who_monitors_set_no_term() -> None:
    assert _terms("Both sides agreed to start talks on water rights at a neutral venue.") == []
    assert _terms("The parties also agreed to meet again in the spring.") == []
    asked = "An envoy said nobody knew how the truce would be monitored along the coast."
    assert _terms(asked) == []
