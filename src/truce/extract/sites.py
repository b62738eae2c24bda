"""Named sites that reports of truces place events at and that GeoNames' list of towns of 5,000
people lacks: border crossings, prisons, an airport, front-line villages of southern Lebanon.

Each is a public fact: the coordinates are those of the site's English Wikipedia article
(rounded to about a hundred metres), the country the one whose side the site lies on. A
crossing is where releases and aid deliveries happen ("aid entered through the Kerem Shalom
crossing"), so it is placed as a site of its own at ACLED precision 1, not at the nearest town.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Site:
    name: str
    country: str  # ISO 3166 alpha-3
    lat: float
    lon: float
    time_zone: str
    kind: str  # "crossing" | "prison" | "airport" | "village"
    bases: tuple[str, ...]  # folded names the suffixes of its kind are added to
    bare: bool = True  # whether a base alone names it ("Rafah" alone is the town)


SITES: tuple[Site, ...] = (
    Site("Kerem Shalom crossing", "ISR", 31.2286, 34.2842, "Asia/Jerusalem", "crossing",
         ("kerem shalom", "kerem abu salem", "karem abu salem")),
    Site("Erez crossing", "ISR", 31.5597, 34.5664, "Asia/Jerusalem", "crossing", ("erez",)),
    Site("Nitzana crossing", "ISR", 30.8817, 34.4222, "Asia/Jerusalem", "crossing",
         ("nitzana", "al auja")),
    Site("Rafah crossing", "PSE", 31.2469, 34.2592, "Asia/Gaza", "crossing", ("rafah",),
         bare=False),
    Site("Ofer Prison", "PSE", 31.8781, 35.1700, "Asia/Hebron", "prison", ("ofer",)),
    Site("Sanaa International Airport", "YEM", 15.4763, 44.2197, "Asia/Aden", "airport",
         ("sanaa", "sana a"), bare=False),
    Site("Khiam", "LBN", 33.3272, 35.6111, "Asia/Beirut", "village", ("khiam", "el khiam")),
    Site("Bint Jbeil", "LBN", 33.1194, 35.4333, "Asia/Beirut", "village",
         ("bint jbeil", "bint jbail")),
    Site("Marjayoun", "LBN", 33.3600, 35.5917, "Asia/Beirut", "village",
         ("marjayoun", "marjeyoun")),
)  # fmt: skip

# The words a report writes after a site's name ("the Kerem Shalom border crossing").
_SUFFIXES = {
    "crossing": (" crossing", " border crossing", " crossing point"),
    "prison": (" prison", " military prison", " detention center", " detention centre"),
    "airport": (" airport", " international airport"),
    "village": (" village", " town"),
}


@cache
def _by_key() -> dict[str, Site]:
    keys: dict[str, Site] = {}
    for site in SITES:
        for base in site.bases:
            if site.bare:
                keys[base] = site
            for suffix in _SUFFIXES[site.kind]:
                keys[base + suffix] = site
    return keys


def site_named(folded: str) -> Site | None:
    """The site a folded name ("kerem shalom border crossing") names, if any."""
    return _by_key().get(folded)
