"""Any valid spec written out by `dump_spec` loads back equal (Hypothesis builds the specs).

The strategy declares ids first and draws every reference from them, so each generated spec is
consistent and `load_spec` (which runs the reference checks) accepts it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from truce.domain.bounds import MAX_FACTOR
from truce.domain.provisions import BUILT_IN
from truce.domain.spec import (
    Actor,
    AgreementSpec,
    DeadlineTerm,
    DeclaredProvision,
    ExtensionTerm,
    GateTerm,
    OptInTerm,
    OrderTerm,
    Phase,
    PoolTerm,
    ProhibitionTerm,
    QuotaTerm,
    RatioTerm,
    RenewalTerm,
    Selector,
    Span,
    Start,
    Subject,
    When,
)
from truce.spec_yaml import dump_spec, load_spec

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,11}", fullmatch=True)
# Surrogates cannot be encoded at all; every other character must survive the trip, quoted or
# escaped as YAML requires.
texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
optional_texts = st.none() | texts
type_ids = st.from_regex(r"[a-z][a-z0-9_-]{0,11}", fullmatch=True).filter(
    lambda t: t not in BUILT_IN
)
cameo_codes = st.from_regex(r"[0-9]{2,4}", fullmatch=True)
counts = st.integers(min_value=1, max_value=10**12)
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
instants = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.none() | offsets
)
spans = (
    st.tuples(st.integers(0, 400), st.integers(0, 48), st.integers(0, 24), st.integers(0, 90))
    .filter(any)
    .map(lambda t: Span(days=t[0], hours=t[1], months=t[2], minutes=t[3]))
)


def _cap(span: Span | None) -> st.SearchStrategy[int | None]:
    """A `max_days` no shorter than the phase (a shorter cap is refused, S300)."""
    if span is None:
        return st.none() | st.integers(1, 1000)
    least = span.days + span.months * 31 + (span.hours * 60 + span.minutes) // 1440 + 1
    return st.none() | st.integers(least, least + 1000)


positive_floats = st.floats(min_value=1e-9, max_value=MAX_FACTOR, allow_nan=False)


def subset(values: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), unique=True, max_size=3) if values else st.just([])


@st.composite
def specs(draw: st.DrawFn) -> AgreementSpec:
    ids = draw(st.lists(slugs, min_size=12, max_size=16, unique=True))
    actor_ids, subject_ids, phase_ids = ids[:4], ids[4:7], ids[7:10]
    n_parties = draw(st.integers(1, 4))
    actors = [
        Actor(id=i, name=draw(optional_texts), aliases=draw(st.lists(texts, max_size=2)))
        for i in actor_ids
    ]
    groups = [actors[:n_parties], *(actors[n_parties:][k::3] for k in range(3))]
    subjects = {
        i: Subject(
            id=i,
            name=draw(optional_texts),
            categories=draw(st.lists(slugs, max_size=3, unique=True)),
        )
        for i in subject_ids[: draw(st.integers(0, 3))]
    }
    phases = []
    for n, p in enumerate(phase_ids[: draw(st.integers(1, 3))]):
        duration = draw(st.none() | spans)
        phases.append(
            Phase(
                id=p,
                name=draw(optional_texts),
                start=draw(_start(phase_ids[:n])),
                duration=duration,
                clock=draw(st.sampled_from([None, "elapsed", "calendar"])),
                max_days=draw(_cap(duration)),
            )
        )
    term_ids = draw(st.lists(slugs.filter(lambda s: s not in ids), max_size=6, unique=True))
    declared = [
        DeclaredProvision(
            id=t,
            label=draw(optional_texts),
            pax_category=draw(optional_texts),
            plover=draw(st.none() | st.sampled_from(["MOBILIZE", "RETREAT", "AID", "CONSULT"])),
            cameo=draw(st.none() | cameo_codes),
            counts=draw(st.sampled_from(["delivery", "occurrence"])),
        )
        for t in draw(st.lists(type_ids, max_size=3, unique=True))
    ]
    types = Types(
        every=[*BUILT_IN, *(p.id for p in declared)],
        deliveries=[
            *(p.id for p in BUILT_IN.values() if p.counts == "delivery"),
            *(p.id for p in declared if p.counts == "delivery"),
        ],
    )
    context = (list(actor_ids), subjects, [p.id for p in phases], term_ids, types)
    terms = [draw(_term(tid, *context)) for tid in term_ids]
    return AgreementSpec(
        id=draw(slugs),
        title=draw(texts),
        timezone=draw(st.sampled_from(["Asia/Jerusalem", "UTC", "Europe/Kyiv", "Asia/Aden"])),
        sources=draw(st.lists(texts, max_size=2)),
        parties=groups[0],
        mediators=groups[1],
        guarantors=groups[2],
        excluded=groups[3],
        subjects=list(subjects.values()),
        provisions=declared,
        phases=phases,
        terms=terms,
    )


@dataclass(frozen=True)
class Types:
    """The event types a generated spec knows, and those a count may add up."""

    every: list[str]
    deliveries: list[str]


def _start(earlier: list[str]) -> st.SearchStrategy[Start]:
    events = st.sampled_from(list(BUILT_IN))
    options = [st.builds(Start, at=instants), st.builds(Start, on_event=events)]
    if earlier:
        options.append(st.builds(Start, after=st.sampled_from(earlier)))
    return st.one_of(options)


@st.composite
def _term(
    draw: st.DrawFn,
    term_id: str,
    actors: list[str],
    subjects: dict[str, Subject],
    phases: list[str],
    term_ids: list[str],
    types: Types,
) -> Any:
    events, deliveries = st.sampled_from(types.every), st.sampled_from(types.deliveries)
    others = [t for t in term_ids if t != term_id]
    common: dict[str, Any] = {
        "id": term_id,
        "description": draw(optional_texts),
        "clause": draw(optional_texts),
        "phase": draw(st.none() | st.sampled_from(phases)),
        "opens_after": draw(st.none() | st.sampled_from(others)) if others else None,
    }
    phased = {**common, "phase": draw(st.sampled_from(phases))}
    party = st.sampled_from(actors)

    def selector(counted: bool = False) -> Selector:
        subject = draw(st.none() | st.sampled_from(sorted(subjects))) if subjects else None
        cats = subjects[subject].categories if subject else draw(st.lists(slugs, max_size=2))
        return Selector(
            type=draw(deliveries if counted else events),
            party=draw(st.none() | party),
            subject=subject,
            categories=draw(subset(cats)),
            exclude=draw(subset(cats)),
        )

    def counted() -> dict[str, Any]:
        subject = draw(st.sampled_from(sorted(subjects)))
        cats = subjects[subject].categories
        return {
            "party": draw(party),
            "subject": subject,
            "type": draw(deliveries),
            "categories": draw(subset(cats)),
            "exclude": draw(subset(cats)),
        }

    kinds = [
        "extension",
        "gate" if others else "order",
        "order",
        "prohibition",
        "renewal",
        "opt_in",
        "deadline",
    ]
    if subjects:
        kinds += ["quota", "ratio", "pool"]
    kind = draw(st.sampled_from(kinds))
    if kind == "quota":
        per = draw(st.none() | st.sampled_from(["day", "week"]))
        by = None if per else draw(st.none() | _when(with_within=common["opens_after"] is not None))
        return QuotaTerm(kind="quota", **phased, **counted(), at_least=draw(counts), per=per, by=by)
    if kind == "ratio":
        unit = selector(counted=True)
        keys = unit.categories or draw(st.lists(slugs, max_size=2))
        factors = {k: draw(positive_floats) for k in keys}
        # Every category of the counted subject is given a weight (S350): the rest decide nothing.
        declared = subjects[unit.subject].categories if unit.subject else []
        weighed = {*factors, *unit.categories, *unit.exclude}
        return RatioTerm(
            kind="ratio",
            **common,
            **counted(),
            per_unit_of=unit,
            factor=draw(st.none() | st.just(1.0) | positive_floats),
            factors=factors,
            unweighted=[c for c in declared if c not in weighed],
            per=draw(st.none() | st.sampled_from(["event", "day"])),
        )
    if kind == "extension":
        return ExtensionTerm(
            kind="extension",
            **phased,
            days=draw(counts),
            for_each=draw(counts),
            of=selector(counted=True),
            beyond=draw(st.integers(0, 100)),
            max_days=draw(st.none() | st.integers(1, 100)),
        )
    if kind == "gate":
        requires = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3))
        return GateTerm(kind="gate", **phased, requires=requires)
    if kind == "deadline":
        by = draw(_when(with_within=common["opens_after"] is not None))
        return DeadlineTerm(
            kind="deadline",
            **(phased if by.day else common),
            party=draw(st.none() | party),
            match=selector(),
            by=by,
        )
    if kind == "order":
        return OrderTerm(kind="order", **common, first=selector(), then=selector())
    if kind == "prohibition":
        return ProhibitionTerm(
            kind="prohibition",
            **common,
            parties=draw(subset(actors)),
            type=draw(events),
            categories=draw(st.lists(slugs, max_size=2)),
        )
    if kind == "renewal":
        return RenewalTerm(
            kind="renewal",
            **phased,
            period=draw(spans),
            max_renewals=draw(st.none() | st.integers(1, 10)),
        )
    if kind == "opt_in":
        parties = draw(st.lists(party, min_size=1, max_size=3, unique=True))
        by = draw(_when(with_within=True))
        # A deadline on a phase day needs the phase it counts in.
        return OptInTerm(kind="opt_in", **(phased if by.day else common), parties=parties, by=by)
    pool_subject = draw(st.sampled_from(sorted(subjects)))
    return PoolTerm(
        kind="pool",
        **common,
        party=draw(party),
        subject=pool_subject,
        size=draw(counts),
        published=draw(instants),
        objection_window=draw(spans),
    )


def _when(with_within: bool) -> st.SearchStrategy[When]:
    options = [st.builds(When, at=instants), st.builds(When, day=st.integers(1, 400))]
    if with_within:
        options.append(st.builds(When, within=spans))
    return st.one_of(options)


@settings(max_examples=200, deadline=None)
@given(specs())
def test_dumped_spec_loads_back_equal(spec: AgreementSpec) -> None:
    assert load_spec(dump_spec(spec)) == spec


@settings(max_examples=50, deadline=None)
@given(specs())
def test_dump_is_stable(spec: AgreementSpec) -> None:
    text = dump_spec(spec)
    assert dump_spec(load_spec(text)) == text
