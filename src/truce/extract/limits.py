"""The caps that keep one document's cost linear in its length, read from TRUCE_EXTRACT_*.

A report is a few thousand characters in sentences of a few hundred. Work per candidate grows
with its sentence, and candidates grow with the sentences, so an unpunctuated megabyte (one
"sentence") would cost the square of its length; these caps bound each factor instead.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from truce.errors import TruceError

# A report is a few thousand characters; five million is a book or a dump, not an article, and
# would hold a worker for minutes. Refusing it is safer than silently reading a prefix. This is
# the ceiling the readers size their reads by; TRUCE_EXTRACT_MAX_CHARS may only lower it.
MAX_TEXT_CHARS = 5_000_000


class BadExtractLimits(TruceError):
    code = "X609"
    default_hint = (
        "set TRUCE_EXTRACT_MAX_CHARS, TRUCE_EXTRACT_MAX_SENTENCE_CHARS and "
        "TRUCE_EXTRACT_MAX_CANDIDATES to whole numbers (see docs/extraction.md)"
    )


class ExtractLimits(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRUCE_EXTRACT_", extra="ignore", frozen=True)

    # Refused, never truncated; it may be set lower than the readers' ceiling, not higher.
    max_chars: int = Field(
        MAX_TEXT_CHARS, ge=1_000, le=MAX_TEXT_CHARS, description="largest document, in characters"
    )
    # The longest sentence of the gold set is under 300 characters; a longer run without a
    # full stop (a list, a table flattened to text, a hostile input) is cut into pieces.
    max_sentence_chars: int = Field(
        1_000, ge=100, description="longest sentence; longer ones are cut at a word boundary"
    )
    # A dense report gives 20-40 candidates; a document giving thousands is a corpus or a
    # generated text, and queueing it would bury the review queue.
    max_candidates: int = Field(
        2_000, ge=1, description="most candidates one document may give; more refuses it"
    )


@lru_cache(maxsize=1)
def extract_limits() -> ExtractLimits:
    """The limits in force, read once per process from the environment."""
    try:
        return ExtractLimits()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BadExtractLimits(f"TRUCE_EXTRACT_{where.upper()}: {first['msg']}") from None
