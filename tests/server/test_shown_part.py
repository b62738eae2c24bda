"""The agreement page checks and shows one part of a long answer: the breaches and disputes it
lists, with their explanations and every obligation's and term's, never another's."""

from __future__ import annotations

from typing import Any

from truce.server.views import shown_part


def _explained(*ids: str) -> list[dict[str, Any]]:
    return [{"for": i, "text": f"why {i}"} for i in ids]


def test_the_shown_part_keeps_the_explanations_of_what_it_lists() -> None:
    answer = {
        "state": "active",
        "breaches": [{"event_id": "e1"}, {"event_id": "e2"}],
        "disputes": [{"event_id": "e3", "about": "figure"}, {"event_id": "e4", "about": "date"}],
        "explanations": _explained(
            "day-1/quota",
            "extension",
            "breach/e1",
            "breach/e2",
            "dispute/e3",
            "dispute/e4/date",
            "dispute/e4",
        ),  # fmt: skip
    }
    shown = shown_part(answer, answer["breaches"][1:], answer["disputes"][1:])
    assert [e["for"] for e in shown["explanations"]] == [
        "day-1/quota", "extension", "breach/e2", "dispute/e4/date"
    ]  # fmt: skip
    assert shown["breaches"] == [{"event_id": "e2"}] and shown["state"] == "active"
    assert len(answer["explanations"]) == 7  # the answer itself is left whole
