"""Extraction from files as the edges use it: read paths, extract, and say what failed and why."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from truce.domain.spec import AgreementSpec
from truce.extract.model import Article
from truce.extract.pipeline import Extraction, build_pipeline, extract_many


def spec_aliases(specs: Iterable[AgreementSpec]) -> dict[str, str]:
    """Every name and alias the agreements give their parties, mediators and guarantors."""
    aliases: dict[str, str] = {}
    for spec in specs:
        for group in (spec.parties, spec.mediators, spec.guarantors, spec.excluded):
            for actor in group:
                for name in [actor.name, *actor.aliases]:
                    if name:
                        aliases[name] = actor.id
    return aliases


def extract_paths(
    paths: Iterable[str | Path],
    published: date | None = None,
    aliases: dict[str, str] | None = None,
) -> Iterator[Extraction]:
    """Extract every document under `paths`; unreadable ones come back with their error."""
    from truce.extract.readers import ReadError, read_articles

    nlp = build_pipeline(aliases)
    for item in read_articles(paths, published):
        if isinstance(item, ReadError):
            yield Extraction(Article(text="", document=item.document), [], item.message, item.code)
        else:
            yield from extract_many(nlp, [item])


def extraction_record(extraction: Extraction) -> dict[str, Any]:
    """One document's result for `--format json`: its text, so spans can be checked."""
    article = extraction.article
    return {
        "document": article.document,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "outlet": article.outlet,
        "title": article.title,
        "text": article.text,
        "error": {"code": extraction.code, "message": extraction.error}
        if extraction.error
        else None,
        "candidates": [c.as_dict() for c in extraction.candidates],
    }
