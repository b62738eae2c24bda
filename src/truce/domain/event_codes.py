"""The PLOVER and CAMEO codes of an event type, as extraction, claims, exports and batch files
read them: from the one table of event types (`domain.provisions`: the built-in types, and the
provisions an agreement declares).

The codes follow the PLOVER project's published CAMEO-to-PLOVER table (openeventdata/PLOVER,
CAMEO2PLOVER-2021.txt); a candidate also carries the PLOVER *mode* that table gives its CAMEO
code (`Provision.plover_mode`), in the `plover` object of the `truce extract` JSON.
"""

from __future__ import annotations

from collections.abc import Mapping

from truce.domain.provisions import BUILT_IN, Provision


def codes_for(
    event_type: str, provisions: Mapping[str, Provision] | None = None
) -> tuple[str | None, str | None]:
    """(PLOVER event type, CAMEO code) of `event_type` in `provisions` (an agreement's
    `provision_table()`; the built-in types when not given); (None, None) for an unknown type."""
    found = (BUILT_IN if provisions is None else provisions).get(str(event_type))
    return (found.plover, found.cameo) if found is not None else (None, None)


def plover_record(event_type: str) -> dict[str, str | None]:
    """The `plover` object of a candidate: event, mode and CAMEO code."""
    found = BUILT_IN.get(str(event_type))
    if found is None:
        return {"event": None, "mode": None, "cameo": None}
    return {"event": found.plover, "mode": found.plover_mode, "cameo": found.cameo}
