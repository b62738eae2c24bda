"""An alternative figure is judged over the whole range its claims allow, not at the bare figure.

"About 9" is 8 to 10, "at least 8" is 8 and up: against "at least 10" neither is surely short,
so the reading's verdict is `undetermined`, and the dispute is reported exactly when the
readings' ranges lead to different verdicts. Every state here comes through `kit.state`,
which holds the object path and the column path to the same whole answer.
"""

from __future__ import annotations

from typing import Any

from truce.domain.engine.answer_model import StatusAnswer

PAUSE = [{"id": "pause", "start": {"at": "2025-01-20T00:00"}, "duration": {"days": 30}}]
TEN = {"id": "ten", "kind": "quota", "phase": "pause", "party": "hamas", "subject": "hostages",
       "at_least": 10, "by": {"at": "2025-01-26T00:00"}}  # fmt: skip
AT = "2025-01-28T00:00"


def _release(kit: Any, figure: int, outlet: str, qualifier: str = "exact") -> Any:
    return kit.release(
        "hamas", figure, "2025-01-22T10:00", event_id="r", qualifier=qualifier,
        sources=[{"outlet": outlet}],
    )  # fmt: skip


def _state(kit: Any, lead: int, other: int, qualifier: str) -> dict[str, Any]:
    # Three outlets give the leading, exact figure; one gives the other, qualified.
    claims = [_release(kit, lead, o) for o in ("AP", "Reuters", "BBC")]
    claims.append(_release(kit, other, "Al Jazeera", qualifier))
    return kit.state(kit.spec([TEN], phases=PAUSE), claims, AT)


def _figure_dispute(state: dict[str, Any]) -> dict[str, Any]:
    [found] = [d for d in state["disputes"] if d["about"] == "figure"]
    return found


def test_a_range_wholly_short_of_the_term_is_unmet(kit: Any) -> None:
    s = _state(kit, 12, 7, "about")  # "about 7": 6 to 8
    d = _figure_dispute(s)
    assert [(r["label"], r["low"], r["high"]) for r in d["readings"]] == [
        ("12", 12, 12),
        ("7", 6, 8),
    ]
    assert d["verdicts"] == [{"id": "ten", "by_reading": {"12": "met", "7": "unmet"}}]
    StatusAnswer.of(s)


def test_a_range_straddling_the_term_is_undetermined_not_judged_at_its_figure(kit: Any) -> None:
    # "About 9" is 8 to 10: judged at the bare 9 it read `unmet`, but 10 would meet the term.
    s = _state(kit, 12, 9, "about")
    d = _figure_dispute(s)
    assert d["verdicts"] == [{"id": "ten", "by_reading": {"12": "met", "9": "undetermined"}}]
    row = kit.obligation(s, "ten")
    assert (row["status"], row["disputed"]) == ("met", True)


def test_a_dispute_the_bare_figures_hid_is_reported(kit: Any) -> None:
    # Three outlets say 5; one says "at least 8". At the bare 8 both readings are `unmet` and
    # no dispute showed; "at least 8" allows 10 and more, so the verdict differs by reading.
    s = _state(kit, 5, 8, "at_least")
    d = _figure_dispute(s)
    assert [(r["label"], r["low"], r["high"]) for r in d["readings"]] == [
        ("5", 5, 5),
        ("8", 8, None),
    ]
    assert d["verdict_differs"]
    assert d["verdicts"] == [{"id": "ten", "by_reading": {"5": "unmet", "8": "undetermined"}}]
    assert kit.obligation(s, "ten")["disputed"]


def test_a_range_that_changes_no_verdict_is_no_dispute_for_the_verdicts(kit: Any) -> None:
    s = _state(kit, 12, 20, "more_than")  # more than 20: 21 and up, met throughout
    d = _figure_dispute(s)
    assert d["readings"][1]["low"] == 21
    assert (d["verdict_differs"], d["verdicts"]) == (False, [])
    assert not kit.obligation(s, "ten")["disputed"]


def test_up_to_and_nearly_are_bounded_below_too(kit: Any) -> None:
    # "Up to 6" is 0 to 6: short of 10 throughout. "Nearly 11" is 9 to 11: either side.
    short = _figure_dispute(_state(kit, 12, 6, "up_to"))
    assert short["verdicts"] == [{"id": "ten", "by_reading": {"12": "met", "6": "unmet"}}]
    assert (short["readings"][1]["low"], short["readings"][1]["high"]) == (0, 6)
    either = _figure_dispute(_state(kit, 5, 11, "nearly"))
    assert either["verdicts"] == [{"id": "ten", "by_reading": {"5": "unmet", "11": "undetermined"}}]


def test_one_figure_qualified_otherwise_in_two_events_has_two_ranges(kit: Any) -> None:
    # Event a's other reading is "about 9" (8 to 10), event b's "at least 9" (9 and up): the
    # same figure, each reading's own range.
    claims = []
    for event, qualifier in (("a", "about"), ("b", "at_least")):
        claims += [
            kit.release("hamas", 3, "2025-01-22T10:00", event_id=event,
                        sources=[{"outlet": o}])
            for o in ("AP", "Reuters")
        ] + [kit.release("hamas", 9, "2025-01-22T10:00", event_id=event, qualifier=qualifier,
                         sources=[{"outlet": "BBC"}])]  # fmt: skip
    state = kit.state(kit.spec([TEN], phases=PAUSE), claims, AT)
    ranges = {
        d["event_id"]: [(r["label"], r["low"], r["high"]) for r in d["readings"]]
        for d in state["disputes"]
    }
    assert ranges == {"a": [("3", 3, 3), ("9", 8, 10)], "b": [("3", 3, 3), ("9", 9, None)]}
