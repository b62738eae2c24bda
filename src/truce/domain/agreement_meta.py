"""What an agreement is, as peace-agreement datasets record it: the spec's optional `metadata`.

The fields follow what PA-X (the Peace Agreements Database) and ETH-PRIO's ceasefire data keep
for each agreement: when it was signed, in what form, for what purpose and scope, where, who
monitors it, and how it relates to other agreements. None of it changes a verdict; it says what
the verdicts are about, so a monitor signing a status can state it. The vocabularies are truce's
own, kept small; `other` (with `notes`) takes what they do not name.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Any, Literal

from iso3166 import countries
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

Form = Literal["written", "verbal", "unilateral", "exchange_of_letters", "other"]
Purpose = Literal[
    "humanitarian",  # a pause for aid, evacuation or exchanges
    "confidence_building",
    "conflict_management",  # stop or limit the fighting without settling the conflict
    "conflict_resolution",  # part of a settlement
    "implementation",  # carries out an earlier agreement
    "other",
]
Scope = Literal["comprehensive", "partial", "local"]
Relation = Literal["supersedes", "implements", "extends"]

# The error types the spec loader turns into their own codes (spec.codes).
UNKNOWN_COUNTRY = "unknown_country"
RELATED_WITHOUT_TARGET = "related_without_target"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def country(code: str) -> str:
    """An ISO 3166-1 code, alpha-2 or alpha-3 in any case, as its alpha-3 code: `il` -> `ISR`."""
    text = code.strip().upper()
    found = countries.get(text, None) if len(text) in (2, 3) and text.isalpha() else None
    if found is None:
        raise PydanticCustomError(
            UNKNOWN_COUNTRY,
            "'{code}' is not an ISO 3166-1 country code",
            {"code": code},
        )
    return str(found.alpha3)


# Stored as alpha-3 so `IL` and `ISR` are one country wherever they are compared.
Country = Annotated[
    str,
    AfterValidator(country),
    Field(description="ISO 3166-1 code, alpha-2 or alpha-3, e.g. ISR or IL"),
]


class Monitoring(_Model):
    """Who watches over the agreement: the mechanism and its members."""

    mechanism: str = Field(description="the mechanism's name, e.g. Joint Coordination Centre")
    members: list[str] = Field(
        default_factory=list, description="states or bodies that sit on it, e.g. Qatar, Egypt"
    )


class Related(_Model):
    """Another agreement this one supersedes, implements or extends: its id, its URL, or both."""

    relation: Relation = Field(description="supersedes, implements or extends")
    id: str | None = Field(None, description="the other agreement's id, e.g. gaza-2023-11")
    url: str | None = Field(None, description="where the other agreement's text is")
    title: str | None = Field(None, description="its title, for readers")

    @model_validator(mode="after")
    def _names_one(self) -> Related:
        if not (self.id or self.url):
            raise PydanticCustomError(
                RELATED_WITHOUT_TARGET, "a related agreement needs an `id` or a `url`"
            )
        return self


class AgreementMetadata(_Model):
    """What the agreement is, as PA-X and ETH-PRIO record it; none of it changes a verdict."""

    signed: Date | None = Field(None, description="signing (or announcement) date, YYYY-MM-DD")
    form: Form | None = Field(
        None, description="written, verbal, unilateral, exchange_of_letters or other"
    )
    purpose: Purpose | None = Field(
        None,
        description="humanitarian, confidence_building, conflict_management, "
        "conflict_resolution, implementation or other",
    )
    scope: Scope | None = Field(
        None, description="comprehensive (all fronts), partial (some), local (one place)"
    )
    countries: list[Country] = Field(
        default_factory=list, description="countries where it applies, ISO 3166-1 codes"
    )
    monitoring: Monitoring | None = Field(None, description="the monitoring mechanism")
    related: list[Related] = Field(default_factory=list, description="related agreements")
    notes: str | None = Field(None, description="anything the fields above do not hold")

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-able data, without the fields left out."""
        return self.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
