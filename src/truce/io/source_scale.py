"""ACLED's `source_scale`: the reach of the outlets behind an event, read off a claim's sources.

ACLED (Codebook 2023, "Source Scale") names the scale of each source relative to the event's
country — Local, Subnational, National, Regional, International, New media, Other — and joins the
scales of an event's several sources with a hyphen ("National-International"). truce cannot tell
from an outlet's name alone whether a paper is national to the event's country, so it knows only
outlets whose reach does not depend on it: the international news agencies and broadcasters in
`INTERNATIONAL` (each describes its own reach as worldwide). Every other outlet's scale is given
with `truce export --format acled --source-scale "OUTLET=SCALE"`; an outlet nobody named leaves
no mark, and an event none of whose outlets is known keeps an empty `source_scale`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from truce.domain.claims import Claim
from truce.io.field_errors import BadSourceScale

# ACLED's scales, in the order its combined values list them.
SCALES = ("Local", "Subnational", "National", "Regional", "International", "New media", "Other")
INTERNATIONAL = (
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "BBC", "BBC News",
    "Al Jazeera", "Al Jazeera English", "CNN", "Xinhua", "Anadolu Agency", "dpa",
    "Deutsche Presse-Agentur", "EFE", "UN News", "France 24", "Deutsche Welle", "DW",
    "Voice of America", "VOA",
)  # fmt: skip
BUILT_IN: dict[str, str] = {outlet.casefold(): "International" for outlet in INTERNATIONAL}


def parse_scales(options: Iterable[str]) -> dict[str, str]:
    """`--source-scale "Times of Israel=National"` options as {outlet, case-folded: scale}, over
    the built-in table; a scale outside ACLED's list is refused with the list."""
    out = dict(BUILT_IN)
    by_name = {scale.casefold(): scale for scale in SCALES}
    for option in options:
        outlet, sep, scale = option.rpartition("=")
        outlet, scale = outlet.strip(), scale.strip()
        if not sep or not outlet or scale.casefold() not in by_name:
            raise BadSourceScale(
                f"--source-scale {option!r}: expected OUTLET=SCALE with SCALE one of "
                + ", ".join(SCALES)
            )
        out[outlet.casefold()] = by_name[scale.casefold()]
    return out


def source_scale(claim: Claim, scales: Mapping[str, str]) -> str | None:
    """The known scales of the claim's outlets, each once, hyphen-joined in ACLED's order."""
    found = {scales.get(s.outlet.strip().casefold()) for s in claim.sources if s.outlet}
    known = [scale for scale in SCALES if scale in found]
    return "-".join(known) or None
