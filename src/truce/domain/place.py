"""A claim's structured place (`extra.place`), as extraction's gazetteer gives it or a reviewer
types it: a name, the country's ISO 3166-1 code, and coordinates when known.

One check for every door (`truce import`, `truce record`, the API, review acceptance, the
dashboard's form): `ClaimInput` runs it on `extra.place`, and review edits run it before a
candidate is changed.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from truce.domain.agreement_meta import Country

# The pydantic error type of a bad place, so each edge can give it its own code.
PLACE_PROBLEM = "bad_place"


class PlaceInput(BaseModel):
    # What else a gazetteer adds (admin1, geo_precision, time_zone, inferred) rides along.
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200, description="the place as people name it")
    country: Country | None = None
    lat: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    lon: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)

    @model_validator(mode="after")
    def _both_coordinates(self) -> PlaceInput:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither")
        return self


def check_place(value: object) -> dict[str, Any]:
    """`value` as a place, its country as alpha-3 and its coordinates as numbers; keys it gives
    that need no change are kept as given. Raises ValueError saying what is wrong."""
    if not isinstance(value, dict):
        raise ValueError(f"place must be an object with a name, not {type(value).__name__}")
    try:
        place = PlaceInput.model_validate(value)
    except ValidationError as exc:
        raise ValueError(place_problems(exc)) from None
    given = {k: value[k] for k in value}
    for key in ("country", "lat", "lon", "name"):
        if key in given:
            given[key] = getattr(place, key)
    return given


def place_problems(exc: ValidationError) -> str:
    """Each problem as `place.FIELD: message`, in one line."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in ("place", *error["loc"]))
        parts.append(f"{where}: {str(error['msg']).removeprefix('Value error, ')}")
    return "; ".join(parts)
