"""The sentences of an article the event rules read: not boilerplate, not after the body's
end (as `components/events.assemble` and `components/learned.py` skip them)."""

from __future__ import annotations

from spacy.language import Language

from truce.extract.model import Article
from truce.extract.pipeline import sentence_spans

_UP_TO_SENTENCES = ("truce_boilerplate_v1", "truce_sentences_v1")


def eligible_sentences(nlp: Language, article: Article) -> list[tuple[int, int]]:
    doc = nlp.make_doc(article.text)
    doc._.article = article
    for name in _UP_TO_SENTENCES:
        doc = nlp.get_pipe(name)(doc)
    body_end = doc._.body_end if doc._.body_end is not None else len(article.text)
    skip = doc._.boilerplate or []
    return [
        (start, end)
        for start, end in sentence_spans(doc)
        if start < body_end and not any(a < end and start < b for a, b in skip)
    ]
