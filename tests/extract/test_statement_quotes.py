"""One statement per quotation, however the quotation is cut into sentences. Invented text."""

from __future__ import annotations

from datetime import date

from truce.extract.components.kinds.statement_quotes import open_quote_before
from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import switched_off

_NLP = build_pipeline()


def _statements(text: str) -> list[Candidate]:
    article = Article(text=text, document="t", published=date(2031, 5, 6))
    return [c for c in extract(_NLP, article) if c.type == "statement"]


def test_where_a_quotation_opened() -> None:
    text = "He said: “We won. We will stay.” Then\n“Next. Again"
    assert open_quote_before(text, text.index("We will")) == text.index("“")
    assert open_quote_before(text, text.index("Then")) is None
    assert open_quote_before(text, text.index("Again")) == text.rindex("“")  # its own paragraph
    straight = 'She said "one. two" and "three. four'
    assert open_quote_before(straight, straight.index("two")) == straight.index('"')
    assert open_quote_before(straight, straight.index(" and")) is None
    assert open_quote_before(straight, straight.index("four")) == straight.rindex('"')


def test_the_sentences_a_quotation_runs_on_for_are_no_statements_of_their_own() -> None:
    text = (
        "Qatar's foreign minister said on Monday: “The truce holds in Zenda. "
        "Nobody should doubt our resolve. We will keep working with both sides.”"
    )
    found = _statements(text)
    assert len(found) == 1 and found[0].span[0] == 0


def test_a_new_quotation_by_the_same_speaker_is_a_statement_of_its_own() -> None:
    text = (
        "“The truce holds in Zenda,” Qatar's foreign minister said on Monday.\n\n"
        "“We will keep working with both sides,” Qatar's foreign minister added."
    )
    # The quotation rule leaves the second quotation alone; the speaker's turn, told in two
    # sentences in a row, is then one statement with both spans (`statement.one_turn`,
    # tests/extract/test_precision_rules.py).
    with switched_off(["statement.one_turn"]):
        assert len(_statements(text)) == 2
    (turn,) = _statements(text)
    assert len(turn.mentions) == 2
