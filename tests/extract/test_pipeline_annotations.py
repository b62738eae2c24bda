"""The pipeline reads and writes a document's annotations where spaCy keeps `doc._`
(`pipeline.annotation`, `pipeline.annotate`), without the `Underscore` object each `doc._`
builds: the two must give the same answers, whichever side wrote."""

from __future__ import annotations

from datetime import date

import pytest

from truce.extract.model import Article
from truce.extract.pipeline import _EXTENSIONS, annotate, annotation, build_pipeline, extract

_NLP = build_pipeline()


@pytest.mark.parametrize("name", sorted(_EXTENSIONS))
def test_an_annotation_is_what_doc_underscore_holds(name: str) -> None:
    doc = _NLP.make_doc("The truce held on Monday.")
    assert annotation(doc, name) is None and getattr(doc._, name) is None  # nothing set yet
    written = [name]  # any object: compared by identity
    setattr(doc._, name, written)
    assert annotation(doc, name) is written
    again = [name, name]
    annotate(doc, name, again)
    assert getattr(doc._, name) is again


def test_a_run_of_the_pipeline_leaves_doc_underscore_readable() -> None:
    text = "Hamas freed 24 hostages on Friday, the Qatari foreign ministry said."
    article = Article(text=text, document="d", published=date(2023, 11, 25))
    doc = _NLP.make_doc(text)
    annotate(doc, "article", article)
    for _, component in _NLP.pipeline:
        doc = component(doc)
    assert doc._.article is article
    assert doc._.sentences == [(0, len(text))]
    assert [c.type for c in doc._.candidates] == [c.type for c in extract(_NLP, article)]
    assert any(c.type == "release" for c in doc._.candidates)
