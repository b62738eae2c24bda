"""A mention's fingerprint and an event's slots."""

from __future__ import annotations

from datetime import date

from truce.domain.mention import block, mention_key, payload_mention, slot, window


def test_a_candidates_fingerprint_is_what_it_says_not_where_it_was_read() -> None:
    payload = {"type": "release", "modality": "occurred", "actor": "hamas", "target": None,
               "quantities": [{"value": 8, "qualifier": "exact", "unit": "hostages"}],
               "quote": "Hamas freed  eight hostages", "source": {"speaker": None},
               "document": "a/harbour.txt", "id": "a/harbour.txt#1"}  # fmt: skip
    moved = {**payload, "document": "b/copy.txt", "id": "b/copy.txt#1"}
    key = mention_key("release", "occurred", "hamas", None, 8.0, "exact",
                      "Hamas freed eight hostages", None, "feed.jsonl#7#1")  # fmt: skip
    assert payload_mention(payload) == payload_mention(moved) == key
    assert payload_mention({**payload, "id": "a/harbour.txt#2"}) != key  # said again, later
    assert payload_mention({**payload, "quantities": [{"value": 10}]}) != key
    assert payload_mention({**payload, "actor": "israel"}) != key


def test_slots_are_per_block_and_local_day_and_cover_a_window() -> None:
    key = block("release", None, "hamas", None)
    assert key == ("release", "occurred", "hamas", "")
    day = date(2023, 11, 24)
    assert slot(key, day) != slot(key, date(2023, 11, 25))
    assert slot(key, day) != slot(block("release", "planned", "hamas", None), day)
    assert window(day, "day") == [day]
    assert len(window(day, "week")) == 7
    assert window(date(2023, 11, 1), "month")[-1] == date(2023, 11, 30)
