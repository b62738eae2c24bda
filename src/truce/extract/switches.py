"""Named extraction rules that can be switched off, to measure what each is worth.

Every rule listed in `RULES` asks `on(name)` where it would act; all are on unless a caller
switches some off with `switched_off(...)`, which the cross-validation tool
(`truce.extract.cv`) does to ask "what does F1 do on held-out reports without this rule". The
set of rules off is process-wide: extraction outside such a block always runs every rule, and
a block restores the previous set when it ends, however it ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from truce.errors import TruceError

# name -> what switching it off removes. Kinds first, then rules inside kinds, then the rules
# over the whole document.
RULES: dict[str, str] = {
    "kind.release": "every release",
    "kind.ceasefire_start": "every truce start",
    "kind.ceasefire_extension": "every extension",
    "kind.ceasefire_end": "every truce end",
    "kind.breach": "every breach",
    "kind.meeting": "every meeting",
    "kind.casualty_claim": "every casualty claim",
    "kind.aid_delivery": "every aid delivery",
    "kind.agreement_term": "every agreement term",
    "kind.statement": "every statement",
    "trigger.own_patterns": "the kinds' own trigger patterns beyond the trigger table (all kinds)",
    "guard.counterfactual": "'supposed to expire': a counterfactual governs no trigger",
    "release.uncounted": "a party freeing a group it names with no count",
    "release.infinitive": "'refusal to release captives' releases no one (a group, no count)",
    "release.breakdown": "'30, including 15 women': parts kept as the whole's breakdown",
    "release.parts": "a breakdown's one-category parts are the candidate's sub-counts (women=15)",
    "release.each_side": "an exchange told once gives each side's release",
    "start.declared_needs_time": "'declared a truce' starts one only with a time after it",
    "breach.outside_truce": "no breach placed before or after the truce",
    "breach.any": "'any further breach' alleges none",
    "breach.several_accused": "parties accused together: one breach each",
    "breach.both": "'accused both X and Y of violating': one breach, no actor",
    "breach.supposed": "'should X breach', 'a breach would': supposed, not alleged",
    "breach.retold": "a breach only referred back to ('these violations') is dropped",
    "term.ratio": "ratios ('30 for every hostage') are terms",
    "term.deal_content": "what a deal sets, told without a term word",
    "term.deal_sets": "'the ceasefire called for', 'the plan includes', 'applies to': content",
    "term.monitored_by": "'the truce will be monitored by Egypt': who watches the deal",
    "term.parties_agreed": "'both sides agreed to freeze ...': a term with no deal named",
    "term.done_under_deal": "'freed under the deal' reports the deal at work, not a term",
    "term.deal_as_a_whole": "'commitment to the terms of the truce' names no provision",
    "term.rate_ahead": "deliveries and releases set ahead at a rate are terms",
    "statement.stance": "a party's position in a verb of its own ('Qatar welcomed')",
    "statement.subordinate": "a speech in a subordinate clause is its own statement",
    "statement.confirmed_fact": "'X confirmed the release' tells the fact, not a position",
    "statement.quote_continuation": "the rest of a running quotation is no new statement",
    "attribution.stray_close": "a straight quote after a word and before a space never opens",
    "attribution.time_before_verb": "'X on Sunday said': the day is no part of the speaker",
    "date.since_clause": "a time in a 'since' clause after the trigger dates nothing",
    "doc.merge_meetings": "one meeting told over several sentences is one event",
    "doc.merge_repeats": "mentions of one event in a document merge",
    "doc.story_date": "an undated event takes the date the story is at",
    "doc.name_speakers": "a speaker named in full earlier names a later short mention",
    "doc.both_sides": "truce events, terms, releases and breaches involve both sides",
    "doc.location": "the place the evidence names",
}


def _trigger_branches() -> dict[str, str]:
    """Each named alternative of the trigger table (`triggers.branches`) is a rule of its own."""
    from truce.extract.triggers import NAMED, TRIGGERS

    out = {}
    for kind, pattern in TRIGGERS.items():
        for group in NAMED[pattern].groupindex if pattern in NAMED else ():
            branch = group.split("__", 1)[1]
            out[f"trigger.{kind}.{branch}"] = f"the {kind} trigger's alternative '{branch}'"
    return out


RULES.update(_trigger_branches())
# The rules switched off now; read it, never assign it (use `switched_off`).
OFF: frozenset[str] = frozenset()


class UnknownRule(TruceError):
    """A rule name that is not in `RULES`."""

    code = "X802"
    default_hint = (
        "name rules as `python -m truce.extract.cv --help` and docs/extraction.md list them"
    )


def on(name: str) -> bool:
    """Whether the rule `name` is on (it is, unless switched off)."""
    return name not in OFF


def off() -> frozenset[str]:
    return OFF


@contextmanager
def switched_off(names: Iterable[str]) -> Iterator[None]:
    """Run the block with the rules `names` off (besides any already off)."""
    global OFF
    wanted = frozenset(names)
    unknown = sorted(wanted - RULES.keys())
    if unknown:
        raise UnknownRule(f"no such rule: {', '.join(unknown)}")
    before = OFF
    OFF = before | wanted
    try:
        yield
    finally:
        OFF = before
