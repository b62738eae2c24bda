"""Who each sentence of an invented text is attributed to, as the attribution tests read it:
sentences cut by spaCy's rule-based sentencizer, actors found, then `attribute`."""

from __future__ import annotations

import spacy

from truce.extract.components.actors import find_actors
from truce.extract.components.attribution import attribute
from truce.extract.model import SourceRef

_NLP = spacy.blank("en")
_NLP.add_pipe("sentencizer")


def sources(text: str) -> list[SourceRef]:
    sentences = [(s.start_char, s.end_char) for s in _NLP(text).sents]
    found = attribute(text, sentences, find_actors(text), None)
    return [found[i].source for i in range(len(sentences))]
