"""Named sites that reports of truces place events at and that GeoNames' list of towns of 5,000
people lacks: border crossings, prisons, an airport, front-line villages of southern Lebanon.

Each is a public fact: the coordinates are those of the site's English Wikipedia article
(rounded to about a hundred metres), the country the one whose side the site lies on, the
admin1 code GeoNames gives the nearest town of that country (a test recomputes it). A
crossing is where releases and aid deliveries happen ("aid entered through the Kerem Shalom
crossing"), so it is placed as a site of its own at ACLED precision 1, not at the nearest town.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Site:
    name: str
    admin1: str  # GeoNames admin1 of the nearest GeoNames town (tests/extract/test_sites.py)
    country: str  # ISO 3166 alpha-3
    lat: float
    lon: float
    time_zone: str
    kind: str  # "crossing" | "prison" | "airport" | "village" | "city" | "temple"
    bases: tuple[str, ...]  # folded names the suffixes of its kind are added to
    bare: bool = True  # whether a base alone names it ("Rafah" alone is the town)


_IL, _GZ, _WB = ("ISR", "Asia/Jerusalem"), ("PSE", "Asia/Gaza"), ("PSE", "Asia/Hebron")
_LB, _YE = ("LBN", "Asia/Beirut"), ("YEM", "Asia/Aden")
SITES: tuple[Site, ...] = tuple(
    Site(name, admin1, where[0], lat, lon, where[1], kind, bases, bare)
    for name, admin1, where, lat, lon, kind, bases, bare in [
        ("Kerem Shalom crossing", "IL.01", _IL, 31.2286, 34.2842, "crossing",
         ("kerem shalom", "kerem abu salem", "karem abu salem"), True),
        ("Erez crossing", "IL.01", _IL, 31.5597, 34.5664, "crossing", ("erez",), True),
        ("Nitzana crossing", "IL.01", _IL, 30.8817, 34.4222, "crossing",
         ("nitzana", "al auja"), True),
        ("Rafah crossing", "PS.GZ", _GZ, 31.2469, 34.2592, "crossing", ("rafah",), False),
        ("Ofer Prison", "PS.WE", _WB, 31.8781, 35.1700, "prison", ("ofer",), True),
        ("Sanaa International Airport", "YE.26", _YE, 15.4763, 44.2197, "airport",
         ("sanaa", "sana a"), False),
        ("Khiam", "LB.07", _LB, 33.3272, 35.6111, "village", ("khiam", "el khiam"), True),
        ("Bint Jbeil", "LB.06", _LB, 33.1194, 35.4333, "village",
         ("bint jbeil", "bint jbail"), True),
        ("Marjayoun", "LB.07", _LB, 33.3600, 35.5917, "village",
         ("marjayoun", "marjeyoun"), True),
        # The seat of Nagorno-Karabakh (Azerbaijan's Khankendi), under GeoNames' 5,000 people
        # as its list counts them; and the temple of the Thai-Cambodian border disputes.
        ("Stepanakert", "AZ.55", ("AZE", "Asia/Baku"), 39.8153, 46.7519, "city",
         ("stepanakert", "khankendi", "xankandi"), True),
        ("Preah Vihear temple", "KH.13", ("KHM", "Asia/Phnom_Penh"), 14.3880, 104.6800,
         "temple", ("preah vihear", "prasat preah vihear"), False),
    ]
)  # fmt: skip

# The words a report writes after a site's name ("the Kerem Shalom border crossing").
_SUFFIXES = {
    "crossing": (" crossing", " border crossing", " crossing point"),
    "prison": (" prison", " military prison", " detention center", " detention centre"),
    "airport": (" airport", " international airport"),
    "village": (" village", " town"),
    "city": (" city",),
    "temple": (" temple",),
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
