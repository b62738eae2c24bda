"""What extraction reads and what it produces, as plain data.

Offsets are character offsets into `Article.text`, end exclusive, so any span can be shown
with `text[start:end]`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from truce.domain.candidate import CandidateRecord, Figure
from truce.domain.event_codes import plover_record
from truce.domain.readings import qualifier

Span = tuple[int, int]


def calendar_day(value: date) -> date:
    """The calendar day of a candidate's date, which is a `date` or, told to the minute, a
    `datetime`."""
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class Article:
    """One document to read: its text and what is known of where it came from."""

    text: str
    document: str  # a name for the document: file name, URL or corpus key
    url: str | None = None
    published: date | None = None
    outlet: str | None = None
    title: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Quantity:
    """A count in the text: "at least 10 hostages" → value 10, qualifier at_least."""

    value: float
    qualifier: str  # exact | at_least | more_than | over | about | up_to | nearly
    unit: str | None  # hostages, prisoners, days, killed, wounded, trucks, people, ...
    span: Span
    # The parts a text gives of this count ("30 prisoners, including 15 women and 15 minors"),
    # each as (value, qualifier, categories); empty when it gives none.
    breakdown: tuple[tuple[float, str, tuple[str, ...]], ...] = ()

    def figure(self) -> Figure:
        return Figure(self.value, qualifier(self.qualifier), self.unit, self.breakdown)

    def as_dict(self) -> dict[str, Any]:
        return self.figure().as_dict()


@dataclass(frozen=True)
class TimeRef:
    """A time expression resolved against the publication date."""

    date: date | None  # the start of the window it names; None when it cannot be resolved
    precision: str | None  # exact | day | week | month | None
    span: Span
    text: str


@dataclass(frozen=True)
class ActorMention:
    """A name, alias or metonym of an actor ("Tel Aviv" → israel, "the spy agency" → mossad)."""

    actor: str  # lowercase hyphenated id
    kind: str  # state | armed-group | agency | official | organisation | place
    span: Span
    text: str
    country: str | None = None  # for agencies and officials: the state they belong to


@dataclass(frozen=True)
class SourceRef:
    """Who says it: a named speaker, an unnamed source, and who relayed it."""

    speaker: str | None = None  # None for the writer's own narration
    role: str | None = None
    anonymous: bool = False
    via: str | None = None  # "AFP cited an unnamed source": via AFP

    def as_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "role": self.role,
            "anonymous": self.anonymous,
            "via": self.via,
        }


@dataclass(frozen=True)
class Attribution:
    """The source of one sentence, and the quotation in it if any."""

    source: SourceRef
    quote: Span | None = None


@dataclass
class Candidate:
    """A candidate event, in the shape of the public `--format jsonl` contract."""

    type: str
    span: Span
    document: str
    modality: str = "occurred"  # occurred | planned | conditional | denied | hoped
    date: date | None = None
    date_precision: str | None = None
    actor: str | None = None
    target: str | None = None
    participants: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    location: str | None = None
    # The location resolved in the gazetteer (`places_resolve.Place.as_dict()`), when it is.
    place: dict[str, Any] | None = None
    source: SourceRef = field(default_factory=SourceRef)
    quote: str | None = None
    confidence: float = 0.5
    links: list[str] = field(default_factory=list)
    id: str = ""
    # Every span that told this event, when the document tells it more than once (the
    # headline and the body): `span` is the fullest of them.
    mentions: list[Span] = field(default_factory=list)
    # Sub-counts of its figure by category, read from the figure's breakdown (`release.parts`).
    parts: dict[str, int] = field(default_factory=dict)
    # The sentence it was read from; `span` is its own words in it (`own_span.py`). While the
    # events are assembled `span` is the sentence and this is None.
    sentence_span: Span | None = None
    # Told by the learned sentence model's recall path (`components/learned.py`), not a rule:
    # `"learned": true` in its JSON; the calibration scores it as its own kind of trigger.
    learned: bool = field(default=False, compare=False)
    # Where its trigger word starts (an offset into the text), as its kind's rule found it.
    trigger: int | None = field(default=None, repr=False, compare=False)
    # The candidates merged into it (a repeat, a speaker's next turn), each as it was read,
    # so that each of its `mentions` can be narrowed to its own words too.
    absorbed: list[Candidate] = field(default_factory=list, repr=False, compare=False)

    def record(self) -> CandidateRecord:
        """The candidate as the typed record the review queue and the batch merge share."""
        return CandidateRecord(
            type=self.type,
            id=self.id,
            modality=self.modality,
            date=self.date.isoformat() if self.date else None,
            date_precision=self.date_precision,
            actor=self.actor,
            target=self.target,
            quantities=tuple(q.figure() for q in self.quantities),
            categories=tuple(self.categories),
            location=self.location,
            source=self.source.as_dict(),
            quote=self.quote,
            span=self.span,
            confidence=round(self.confidence, 3),
            document=self.document,
            parts=dict(self.parts),
            more={
                "participants": list(self.participants),
                # PLOVER/CAMEO codes from the one table, by the type the candidate has now.
                "plover": plover_record(self.type),
                "links": list(self.links),
                "mentions": [list(m) for m in self.mentions] or [list(self.span)],
                "sentence_span": list(self.sentence_span or self.span),
            }
            | ({"place": dict(self.place)} if self.place else {})
            | ({"learned": True} if self.learned else {}),
        )

    def as_dict(self) -> dict[str, Any]:
        return self.record().payload()
