"""Cutting a report into pieces at the spans' edges: overlaps, pages, and spans that lie."""

from __future__ import annotations

from truce.server import docview
from truce.server.docview import PAGE_CHARS, Span, document_link, page_count, pieces, spans_of


def _joined(found: list[docview.Piece]) -> str:
    return "".join(p.text for p in found)


def test_overlapping_spans_cut_the_text_without_losing_a_character() -> None:
    text = "Hamas released 13 hostages; Israel freed 39 prisoners."
    outer = Span("candidate-a", 1, 0, len(text))
    inner = Span("claim-b", 2, 15, 26)  # "13 hostages", inside the first
    found = pieces(text, [outer, inner], 1)
    assert _joined(found) == text
    assert [(p.text, p.marks) for p in found] == [
        ("Hamas released ", [1]),
        ("13 hostages", [1, 2]),
        ("; Israel freed 39 prisoners.", [1]),
    ]
    assert found[0].starts == ["candidate-a"] and found[1].starts == ["claim-b"]
    assert found[1].ends == [2] and found[2].ends == [1]


def test_spans_that_cross_without_nesting_are_both_marked() -> None:
    text = "abcdefghij"
    found = pieces(text, [Span("x", 1, 2, 6), Span("y", 2, 4, 9)], 1)
    assert [(p.text, p.marks) for p in found] == [
        ("ab", []), ("cd", [1]), ("ef", [1, 2]), ("ghi", [2]), ("j", []),
    ]  # fmt: skip


def test_a_long_report_is_paged_and_a_span_across_the_edge_is_on_both_pages() -> None:
    text = "a" * (PAGE_CHARS + 500)
    edge = Span("candidate-c", 1, PAGE_CHARS - 10, PAGE_CHARS + 10)
    first, second = pieces(text, [edge], 1), pieces(text, [edge], 2)
    assert page_count(len(text)) == 2
    assert len(_joined(first)) == PAGE_CHARS and _joined(first) + _joined(second) == text
    assert first[-1].marks == [1] and len(first[-1].text) == 10 and first[-1].ends == []
    assert second[0].marks == [1] and second[0].ends == [1] and second[0].starts == []
    assert first[-1].starts == ["candidate-c"]


def test_spans_outside_the_text_or_malformed_are_left_out() -> None:
    given = [[0, 5], [5, 5], [8, 3], [-1, 4], [2, 999], ["0", "4"], [True, 3], [1, 2, 3],
             None, "0-4", [0, 5]]  # fmt: skip
    assert spans_of(given, 10) == [(0, 5)]
    assert spans_of({"start": 0}, 10) == []


def test_the_link_back_names_the_page_and_the_anchor() -> None:
    assert document_link("gaza-2023-11", "ab" * 32, [3, 9], "candidate-x:1") == (
        f"/agreements/gaza-2023-11/documents/{'ab' * 32}#at-candidate-x:1"
    )
    far = document_link("a b", "cd", [PAGE_CHARS * 3 + 1, PAGE_CHARS * 3 + 9], "claim-1")
    assert far == "/agreements/a%20b/documents/cd?page=4#at-claim-1"
    assert document_link("a", "cd", None) is None and document_link("a", "cd", [5, 2]) is None
