"""Candidates from invented sentences, as the rule tests read them: one pipeline per process,
each text an article of its own published on 12 June 2024 unless a test says otherwise."""

from __future__ import annotations

from datetime import date

from truce.extract.model import Article, Candidate
from truce.extract.pipeline import build_pipeline, extract

NLP = build_pipeline()
PUBLISHED = date(2024, 6, 12)


def candidates(text: str, published: date = PUBLISHED) -> list[Candidate]:
    return extract(NLP, Article(text=text, document="t", published=published))


def of_type(kind: str, text: str, published: date = PUBLISHED) -> list[Candidate]:
    return [c for c in candidates(text, published) if c.type == kind]
