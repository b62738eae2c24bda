"""`truce_learned_v1`: the recall path of the learned sentence model (rule `learn.recall`).

A sentence the model (`learn_active.active()`) finds likely to hold an event type for which
the rules gave no candidate in it yields a candidate of that type, read from the sentence as
the rules read theirs (`sentence_view.candidate`: date, modality, source, quote, parties) at
the type's trigger word, its actor, counts and place chosen by its type and the document's
speaker and story-day rules applied to it (`learned_fields.py`); its span is the sentence.
Sentences the rules skip (boilerplate, after the body) are skipped here too, and the document
rules that drop a headline told alone or history drop its candidates too. Runs after the events
component and before places and confidence, so its candidates are resolved and scored like the
rules'.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.components.events import BySpan
from truce.extract.components.headline_alone import drop_lone_headlines
from truce.extract.components.history import drop_history
from truce.extract.components.learned_fields import (
    actor,
    counts,
    cue,
    document_rules,
    place,
)
from truce.extract.components.previous_truces import drop_previous_truces
from truce.extract.components.sentence_view import Sentence, candidate
from truce.extract.components.type_constructions import read_types
from truce.extract.learn_active import active
from truce.extract.learn_features import sentence_parts
from truce.extract.model import Article, Candidate
from truce.extract.pipeline import annotate, annotation, sentence_spans
from truce.extract.switches import on


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`, `end` moved inwards past the white space at either edge (a sentence may begin
    with the line break before it); the whole of it if it is nothing else."""
    words = text[start:end]
    stripped = words.strip()
    if not stripped:
        return start, end
    left = start + len(words) - len(words.lstrip())
    return left, left + len(stripped)


def recall(doc: Doc) -> list[Candidate]:
    """The candidates the model adds to the document's."""
    model = active()
    if not model.thresholds:
        return []
    article: Article = annotation(doc, "article")
    text = article.text
    body_end = annotation(doc, "body_end")
    if body_end is None:
        body_end = len(text)
    skip = annotation(doc, "boilerplate") or []
    found = annotation(doc, "candidates") or []
    added: list[Candidate] = []
    spans = sentence_spans(doc)
    attributions = annotation(doc, "attributions") or {}
    modalities = annotation(doc, "modalities") or {}
    actors = annotation(doc, "actors") or []
    eligible = [
        (index, (start, end))
        for index, (start, end) in enumerate(spans)
        if start < body_end and not any(a < end and start < b for a, b in skip)
    ]
    cues = annotation(doc, "cues") or {}
    quantities = BySpan(annotation(doc, "quantities") or [])
    times = BySpan(annotation(doc, "times") or [])
    mentions = BySpan(actors)
    lookup = model.lookup
    scored = model.added_rows(
        [lookup.rows(*sentence_parts(text, span, cues.get(index))) for index, span in eligible]
    )
    for (index, (start, end)), kinds in zip(eligible, scored, strict=True):
        if kinds:  # the types the rules gave a candidate of in this sentence are left out
            told = [(c.type, c.sentence_span or c.span) for c in found if c.type in kinds]
            covered = {kind for kind, (a, b) in told if a < end and start < b}
            kinds = [k for k in kinds if k not in covered]
        if not kinds:
            continue
        s = Sentence(
            index,
            start,
            end,
            text[start:end],
            quantities.within(start, end),
            times.within(start, end),
            mentions.within(start, end),
            attributions.get(index),
            modalities.get(index, "occurred"),
        )
        for kind in kinds:
            at = cue(kind, s)
            c = candidate(kind, s, at, article)
            c.actor = actor(kind, s, at)
            c.quantities = counts(kind, s, at)
            c.confidence = 0.5
            c.learned = True
            added.append(c)
    # The rules over the document that drop an event drop a learned one too: a headline no
    # body sentence retells, history told with years long past (`doc.headline_alone`,
    # `doc.history`); read, as theirs, while a candidate's span is its sentence.
    added = drop_history(drop_lone_headlines(added, text), text, article.published)
    document_rules(added, found, article, spans, attributions, actors)
    place(added, text, actors)
    for c in added:  # the sentence's words, as a rule's span is
        c.sentence_span = c.span
        c.span = _trimmed(text, *c.span)
    # Earlier truces in the plural are history for a learned candidate too (its words are its
    # sentence): `doc.previous_truces`.
    # The constructions that tell a sentence's type read a learned candidate too (`type.*`);
    # one whose other type a rule candidate covers is dropped.
    return read_types(drop_previous_truces(added, text), text, found)


@Language.component(
    "truce_learned_v1",
    requires=["doc._.candidates", "doc._.attributions", "doc._.modalities"],
    assigns=["doc._.candidates"],
)
def learned_component(doc: Doc) -> Doc:
    if not on("learn.recall"):
        return doc
    added = recall(doc)
    if added:
        found = list(annotation(doc, "candidates") or [])
        for n, c in enumerate(added, len(found) + 1):
            c.id = f"{annotation(doc, 'article').document}#{n}"
        annotate(doc, "candidates", found + added)
    return doc
