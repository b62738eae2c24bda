"""The fields of a learned candidate (rule `learn.recall`, `components/learned.py`), read by its
type where the rules would read them, not the sentence's first of each.

The model says only that a sentence holds an event of a type; where in it the event is told,
it does not. The type's own trigger word (`triggers.TRIGGERS`) says where, when the sentence
has one; each rule below reads a field from there with what the rules themselves use:

- `learn.cue`: the candidate's trigger is the type's first trigger word in the sentence (else
  the sentence's start): its date is the one nearest after it, its modality the one there
  (`sentence_view.candidate`), and its actor the party in "by X" after it, else the party just
  before it ("Israel freed ..."), else the first party named;
- `learn.counts`: a release counts people, a casualty claim the killed and wounded, an aid
  delivery trucks, ships or flights (the units the kinds' rules take); a release the one
  nearest the trigger;
- `learn.place`: where the event happened, as the rules place theirs (`places.place_in`), and
  the side it acts on and both sides of a truce's events, as theirs (`doc.target`,
  `doc.both_sides`);
- `learn.doc_rules`: the rules over the document that settle a rule candidate's speaker and
  day settle a learned one's too (a surname named in full, a title's holder, a description's
  body, a mutual accusation's accuser, a lone toll dated by the story's day);
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from truce.extract.components.described_speakers import name_described
from truce.extract.components.events import TRUCE_KINDS, take_part
from truce.extract.components.hours_after import date_hours_after_start
from truce.extract.components.kinds.aid_delivery import AID_UNITS
from truce.extract.components.kinds.casualty_claim import CASUALTY_UNITS
from truce.extract.components.kinds.release import PEOPLE_UNITS
from truce.extract.components.lead_breach import date_lead_breaches
from truce.extract.components.ministries import qualify_ministries
from truce.extract.components.mutual import attribute_mutual
from truce.extract.components.places import place_in
from truce.extract.components.sentence_view import (
    Sentence,
    by_actor,
    parties,
    people,
    search,
    speaker_actor,
    subject_before,
)
from truce.extract.components.speakers import author_narrates, name_speakers
from truce.extract.components.story import sides
from truce.extract.components.story_day import date_single_acts
from truce.extract.components.title_holders import name_title_holders
from truce.extract.model import (
    ActorMention,
    Article,
    Attribution,
    Candidate,
    Quantity,
)
from truce.extract.switches import on
from truce.extract.triggers import TRIGGERS

UNITS = {"release": PEOPLE_UNITS, "casualty_claim": CASUALTY_UNITS, "aid_delivery": AID_UNITS}
COUNTED = frozenset(UNITS)


def cue(kind: str, s: Sentence) -> int:
    """Where the type is told in the sentence: its first trigger word, else the start."""
    pattern = TRIGGERS.get(kind)
    if pattern is None or not on("learn.cue"):
        return s.start
    match = search(pattern, s)
    return s.start + match.start() if match is not None else s.start


def actor(kind: str, s: Sentence, at: int) -> str | None:
    """A statement's speaker's party; else who does it ("by X" after the cue, the party just
    before it); else the first party named."""
    if kind == "statement":
        found = speaker_actor(s)
    elif on("learn.cue") and at > s.start:
        found = by_actor(s, at) or subject_before(s, at)
    else:
        found = None
    if found is None:
        named = parties(s.actors)
        found = named[0].actor if named else None
    return found


def counts(kind: str, s: Sentence, at: int) -> list[Quantity]:
    """The counts a candidate of a counted type carries: the sentence's first before rule
    `learn.counts`; with it, the type's units only, a release's one nearest the cue."""
    if kind not in COUNTED or not s.quantities:
        return []
    if not on("learn.counts"):
        return [s.quantities[0]]
    units = UNITS[kind]
    fitting = [q for q in s.quantities if q.unit in units or q.unit == "people"]
    if kind == "release":
        fitting = [people(q, s.text) for q in fitting]
        return [min(fitting, key=lambda q: abs(q.span[0] - at))] if fitting else []
    return [q for q in fitting if q.unit in units]


def place(candidates: Sequence[Candidate], text: str, actors: Sequence[ActorMention]) -> None:
    """Rule `learn.place`: each candidate's location, target and sides, as the events
    component sets a rule candidate's (while `span` is still its sentence)."""
    if not on("learn.place"):
        return
    conflict = sides(list(actors))
    named = frozenset(a.text for a in actors if a.kind in {"armed-group", "agency"})
    for c in candidates:
        if c.location is None and c.type != "statement" and on("doc.location"):
            where = c.type in TRUCE_KINDS and on("place.truce_where")
            c.location = place_in(text[c.span[0] : c.span[1]], named, where)
        take_part(c, conflict)


def document_rules(
    candidates: list[Candidate],
    found: Sequence[Candidate],
    article: Article,
    sentences: Sequence[tuple[int, int]],
    attributions: Mapping[int, Attribution],
    actors: Sequence[ActorMention],
) -> None:
    """Rule `learn.doc_rules`: the rules over the document that settle a speaker or a day,
    on the learned candidates (`found`, the rules' own, already settled, date the story)."""
    if not on("learn.doc_rules") or not candidates:
        return
    text = article.text
    if on("doc.name_speakers"):
        name_speakers(candidates, text)
    qualify_ministries(candidates, text)
    author_narrates(candidates, text, article.title)
    name_title_holders(candidates, text)
    name_described(candidates, text, sentences, attributions, actors)
    date_single_acts(candidates, text, article.published, among=found)
    date_hours_after_start(candidates, text, among=found)
    date_lead_breaches(candidates, text, article.published, among=found)
    attribute_mutual(candidates, text, actors, sides(list(actors)))
