"""A deal referred to as signed before is no term signed now (rule `term.signed_before`);
sentences invented for the test."""

from __future__ import annotations

from tests.extract.invented import of_type
from truce.extract.switches import switched_off


def test_the_signed_agreement_referred_to_is_no_term() -> None:
    text = "The commission asked the envoy to send the signed agreement to the Security Council."
    assert of_type("agreement_term", text) == []


def test_a_speaker_who_signed_the_accord_earlier_signs_nothing_now() -> None:
    text = "Mr Osman, who also signed the Nairobi peace accord, spoke to reporters on Monday."
    assert of_type("agreement_term", text) == []


def test_a_deal_signed_now_is_still_a_term() -> None:
    for text in (
        "The two delegations signed a permanent ceasefire agreement in Geneva on Friday.",
        "The army and the rebels have signed a truce in Doha.",
    ):
        assert len(of_type("agreement_term", text)) == 1


def test_the_rule_switched_off_reads_the_signed_agreement_as_signed() -> None:
    text = "The commission asked the envoy to send the signed agreement to the Security Council."
    with switched_off(["term.signed_before"]):
        assert len(of_type("agreement_term", text)) == 1
