"""Rule `place.demonym_capital`: "talks in the Angolan capital", "a summit in the Qatari
capital": the capital of the state the adjective names (the actor gazetteer's adjectives, the
capital GeoNames gives the country), resolved as the town itself.
"""

from __future__ import annotations

import re
from functools import cache

from truce.extract.places_resolve import Place

_CAPITAL = re.compile(r"^(?:the\s+)?(?P<adjective>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+capital$")


@cache
def _countries_by_adjective() -> dict[str, tuple[str, ...]]:
    from truce.extract.gazetteer import STATES

    out: dict[str, tuple[str, ...]] = {}
    for names, adjectives, _ in STATES.values():
        for adjective in adjectives:
            out.setdefault(adjective, names)
    return out


def capital_named(location: str) -> Place | None:
    """The capital `location` names by its state's adjective ("the Angolan capital" ->
    Luanda), or None."""
    from truce.extract.places_resolve import capital_of, country_of, resolve

    match = _CAPITAL.match(location.strip())
    if match is None:
        return None
    for name in _countries_by_adjective().get(match["adjective"], ()):
        code = country_of(name)
        capital = capital_of(name) if code else None
        if code and capital:
            return resolve(capital, [code])
    return None
