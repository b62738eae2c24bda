"""The time zone of a clock time that gives no GMT equivalent.

Wire copy gives clock times in the local time of the place it names: "6 p.m. Moscow time", or,
with no place said, the dateline's ("ADEN/SANAA, April 2 ... at 7 p.m. on Saturday"). A
dateline naming places whose clocks differ on that day ("DOHA/GAZA": UTC+3 and UTC+2) does not
tell which one is meant, and the time stays without a zone.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

# Cities that open datelines or name a local time, lowercased, with their IANA zone.
CITY_ZONES: dict[str, str] = {
    "gaza": "Asia/Gaza",
    "khan younis": "Asia/Gaza",
    "rafah": "Asia/Gaza",
    "ramallah": "Asia/Hebron",
    "jerusalem": "Asia/Jerusalem",
    "tel aviv": "Asia/Jerusalem",
    "doha": "Asia/Qatar",
    "cairo": "Africa/Cairo",
    "beirut": "Asia/Beirut",
    "damascus": "Asia/Damascus",
    "amman": "Asia/Amman",
    "baghdad": "Asia/Baghdad",
    "tehran": "Asia/Tehran",
    "ankara": "Europe/Istanbul",
    "istanbul": "Europe/Istanbul",
    "riyadh": "Asia/Riyadh",
    "jeddah": "Asia/Riyadh",
    "aden": "Asia/Aden",
    "sanaa": "Asia/Aden",
    "abu dhabi": "Asia/Dubai",
    "dubai": "Asia/Dubai",
    "muscat": "Asia/Muscat",
    "khartoum": "Africa/Khartoum",
    "port sudan": "Africa/Khartoum",
    "kyiv": "Europe/Kyiv",
    "kiev": "Europe/Kyiv",
    "moscow": "Europe/Moscow",
    "minsk": "Europe/Minsk",
    "geneva": "Europe/Zurich",
    "london": "Europe/London",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "brussels": "Europe/Brussels",
    "washington": "America/New_York",
    "new york": "America/New_York",
    "united nations": "America/New_York",
    "manila": "Asia/Manila",
    "bangkok": "Asia/Bangkok",
}

# "GAZA/JERUSALEM, Dec 1 (Agency) - ...": the places before the first comma of the text.
_DATELINE = re.compile(
    r"\s*(?P<places>[A-Z][A-Z .'’-]*(?:/[A-Z][A-Z .'’-]*)*),\s(?:(?P<country>[A-Z][a-z]+"
    r"(?: [A-Z][a-z]+)?),\s)?"
)
# "6 p.m. Moscow time", "9:45 p.m. Khartoum time" (the clock pattern keeps the words).
_NAMED_TIME = re.compile(r"\s(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+time\b")


def gazetteer_zone(place: str, country: str | None = None) -> str | None:
    """The zone GeoNames gives a city this list does not hold ("DONETSK", "ALEPPO"), within
    the country the dateline names after it when it names one; a name whose namesakes keep
    different clocks gives none."""
    from truce.extract.places_resolve import city_zone, country_of

    code = country_of(country) if country else None
    return city_zone(place, [code] if code else [])


def dateline_zones(text: str) -> list[str] | None:
    """The zones of the dateline's places; None when there is no dateline or a place in it
    has no known zone (then none of them can be trusted to be the clock's)."""
    found = _DATELINE.match(text)
    if found is None:
        return None
    places = [p.strip().lower() for p in found["places"].split("/")]
    country = found["country"]
    zones = [CITY_ZONES.get(place) or gazetteer_zone(place, country) for place in places]
    if not zones or any(zone is None for zone in zones):
        return None
    return [zone for zone in zones if zone is not None]


def clock_zone(clock_text: str, when: datetime, dateline: list[str] | None) -> tzinfo | None:
    """The zone of a clock time read as `clock_text` (the words the clock pattern matched),
    on the naive local time `when`: a place named with it, else the dateline's when its places
    keep one clock that day."""
    named = _NAMED_TIME.search(clock_text)
    if named is not None:
        place = named["place"].lower()
        zone = CITY_ZONES.get(place) or gazetteer_zone(place)
        return ZoneInfo(zone) if zone else None
    if not dateline:
        return None
    zones = [ZoneInfo(name) for name in dateline]
    offsets = {when.replace(tzinfo=zone).utcoffset() for zone in zones}
    return zones[0] if len(offsets) == 1 else None
