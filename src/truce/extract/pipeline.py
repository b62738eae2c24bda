"""The extraction pipeline: spaCy's blank English tokenizer, then our registered components
(sentences by spaCy's sentencizer rule), each reading what earlier ones set on the `Doc` and
setting its own.

| component              | requires                     | sets                 |
|------------------------|------------------------------|----------------------|
| truce_boilerplate_v1   | doc._.article                | doc._.body_end,      |
|                        |                              | doc._.boilerplate    |
| truce_sentences_v1     |                              | sentence boundaries, |
|                        |                              | doc._.sentences      |
| truce_actors_v1        |                              | doc._.actors         |
| truce_quantities_v1    |                              | doc._.quantities     |
| truce_times_v1         | doc._.article                | doc._.times          |
| truce_attribution_v1   | doc._.actors                 | doc._.attributions   |
| truce_modality_v1      |                              | doc._.modalities     |
| truce_events_v1        | all of the above             | doc._.candidates     |
| truce_learned_v1       | doc._.candidates, sentences  | doc._.candidates     |
|                        |                              | (rule learn.recall)  |
| truce_places_v1        | doc._.candidates, actors     | each candidate's     |
|                        |                              | resolved `place`     |
| truce_confidence_v1    | doc._.candidates             | each candidate's     |
|                        |                              | calibrated confidence|

`doc._.attributions` and `doc._.modalities` are keyed by sentence index (order of `doc.sents`).
No statistical model is loaded: everything works with `spacy.blank("en")`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.attrs import ORTH  # type: ignore[import-not-found]  # compiled, no stub
from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.limits import MAX_TEXT_CHARS
from truce.extract.model import Article, Candidate

COMPONENTS = [
    "truce_boilerplate_v1",
    "truce_sentences_v1",
    "truce_actors_v1",
    "truce_quantities_v1",
    "truce_times_v1",
    "truce_attribution_v1",
    "truce_modality_v1",
    "truce_events_v1",
    "truce_learned_v1",
    "truce_places_v1",
    "truce_confidence_v1",
]

_EXTENSIONS = {
    "article": None,
    "body_end": None,
    "boilerplate": None,
    "sentences": None,
    "actors": None,
    "quantities": None,
    "times": None,
    "attributions": None,
    "modalities": None,
    "candidates": None,
    "cues": None,
}
for _name, _default in _EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
# Where spaCy keeps a document's `doc._.<name>` (`spacy.tokens.underscore.Underscore._get_key`).
_KEYS = {name: ("._.", name, None, None) for name in _EXTENSIONS}


def annotation(doc: Doc, name: str) -> Any:
    """`doc._.<name>`, read where spaCy keeps it: each `doc._` builds an `Underscore` object
    (2-4 µs), and the components ask a document some sixty times, a few per cent of a short
    report's time. Every extension's default is None, as `doc._` gives when nothing was set
    (`tests/extract/test_pipeline_annotations.py` holds the two to the same answers)."""
    data: dict[Any, Any] = doc.user_data
    return data.get(_KEYS[name])


def annotate(doc: Doc, name: str, value: Any) -> None:
    """`doc._.<name> = value` without building an `Underscore` object (see `annotation`)."""
    data: dict[Any, Any] = doc.user_data
    data[_KEYS[name]] = value


def doc_text(doc: Doc) -> str:
    """The article's text: the same characters as `doc.text`, which re-joins every token on
    each access."""
    article: Article | None = annotation(doc, "article")
    return article.text if article is not None else str(doc.text)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """The sentences as character spans, computed once per document: walking `doc.sents`
    builds a Python object per token, which every component paying for it again would multiply."""
    spans: list[tuple[int, int]] | None = annotation(doc, "sentences")
    if spans is None:
        spans = [(s.start_char, s.end_char) for s in doc.sents]
        annotate(doc, "sentences", spans)
    return spans


def build_pipeline(aliases: Mapping[str, str] | None = None) -> Language:
    """A fresh pipeline; `aliases` maps extra names (from agreement specs) to actor ids."""
    # Importing the components registers them with spaCy.
    from truce.extract import components  # noqa: F401

    nlp = spacy.blank("en")
    # spaCy refuses a text over `max_length` (a million characters) for fear of its parser's
    # memory; this pipeline has no parser, and its own cap (TRUCE_EXTRACT_MAX_CHARS, refused as
    # X105 before any component runs) is the one that holds: a 1 MiB report is 1,048,576
    # characters of ASCII and stopped with spaCy's E088 (X199) before this line.
    nlp.max_length = MAX_TEXT_CHARS
    _drop_plain_special_cases(nlp)
    for name in COMPONENTS:
        config = {"aliases": dict(aliases or {})} if name == "truce_actors_v1" else None
        nlp.add_pipe(name, config=config) if config else nlp.add_pipe(name)
    return nlp


def _drop_plain_special_cases(nlp: Language) -> None:
    """Drop the tokenizer's special cases that give the token the tokenizer makes without them:
    one token whose only attribute is its text ("\\n", "\\t", "—", "’", "D.C.", emoticons),
    which the prefix, suffix and infix rules leave whole anyway. The tokens are the same (the
    tests compare every token's columns with spaCy's blank tokenizer, on texts built of these
    cases); but spaCy stops keeping a document's new words in its cache once a special case has
    been met in it, and nearly every report has a lone line break within its first lines and
    many a spaced em dash ("Gaza — Israel"): their words were tokenized afresh every time
    (about 30% of the tokenizer's time on the real reports for the line breaks, 13% of a first
    reading for the rest). A special case that changes the tokens ("a.m.", "Dec.", "don't")
    is kept, and so is one with an attribute besides its text (the no-break space's norm)."""
    tokenizer: Any = nlp.tokenizer
    rules: dict[str, list[dict[int, str]]] = tokenizer.rules or {}
    plain = {k for k, t in rules.items() if len(t) == 1 and list(t[0].items()) == [(ORTH, k)]}
    if not plain:
        return
    tokenizer.rules = {k: v for k, v in rules.items() if k not in plain}
    # Those the affix rules would split ("a.m." -> "a.m", "."): kept.
    needed = {k for k in plain if [t.text for t in tokenizer(k)] != [k]}
    tokenizer.rules = {k: v for k, v in rules.items() if k not in plain or k in needed}


@dataclass(frozen=True)
class Extraction:
    """What one article gave: its candidates, or why it could not be read."""

    article: Article
    candidates: list[Candidate]
    error: str | None = None
    code: str | None = None


def extract(nlp: Language, article: Article) -> list[Candidate]:
    doc = nlp.make_doc(article.text)
    annotate(doc, "article", article)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return list(annotation(doc, "candidates") or [])


def extract_many(nlp: Language, articles: Iterable[Article]) -> Iterator[Extraction]:
    """Extract every article; a document that fails is reported and the batch goes on."""
    from truce.extract.guards import EXTRACTION_FAILED, TOO_MANY_CANDIDATES, check_article
    from truce.extract.limits import extract_limits

    cap = extract_limits().max_candidates
    for article in articles:
        problem = check_article(article)
        if problem is not None:
            yield Extraction(article, [], problem.message, problem.code)
            continue
        try:
            found = extract(nlp, article)
        except Exception as exc:  # one bad document must never stop a corpus
            yield Extraction(article, [], f"extraction failed: {exc!r}", EXTRACTION_FAILED)
            continue
        if len(found) > cap:
            # Refused whole, like an enormous document: a prefix would look complete.
            message = f"the document gives {len(found):,} candidate events, more than {cap:,}"
            yield Extraction(article, [], message, TOO_MANY_CANDIDATES)
            continue
        yield Extraction(article, found)
