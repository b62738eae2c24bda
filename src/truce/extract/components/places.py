"""Where an event happened, as the text names it: the place after "in", "at", "near", "from",
"into", "to", "reach" or "enter" in the event's evidence ("shelling in Khan Younis", "released
at Ofer Prison", "the truce in the Gaza Strip"), with a direction that belongs to it ("north
Gaza"); where the evidence says both, where it happened ("at the Rafah crossing") over where it
came from ("from Egypt"). Failing those, a place the gazetteer knows that names the truce ("the
Gaza truce"). A named organisation ("to the Red Cross"), a date ("on Friday", "in March") or a
person is not a place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.model import ActorMention, Candidate
from truce.extract.pipeline import doc_text

if TYPE_CHECKING:
    from truce.extract.places_resolve import Place

_NAME = r"[A-Z][\w'\u2019-]*(?:\s+(?:al-|el-|ad-|as-|ash-)?[A-Z][\w'\u2019-]*)*"
_DIRECTION = r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|occupied)\s+)"
_PLACE = re.compile(
    r"\b(?P<how>in|at|near|from|into|to|outside|across|inside|out\s+of|through|"
    r"reach(?:ed|ing)?|enter(?:s|ed|ing)?)"
    rf"\s+(?:the\s+)?(?:[a-z]+-[a-z]+\s+)?(?P<place>{_DIRECTION}?{_NAME})"
)
# Prepositions that say where the event itself took place, tried before the others.
_WHERE = {"in", "at", "near", "outside", "inside"}
# "the Gaza truce", "a Lebanon ceasefire": the place a truce is named after.
_NAMED_TRUCE = re.compile(rf"(?P<place>{_NAME})\s+(?:truce|ceasefire|cease-fire)\b")
_NOT_PLACES = {
    *["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    *["january", "february", "march", "april", "may", "june", "july", "august"],
    *["september", "october", "november", "december"],
}
# "the Saudi city of Jeddah": the place is the name after "of", not the adjective before it.
_KIND_OF = re.compile(
    rf"\b(?:city|town|village|port|capital|district|province|region|governorate) of "
    rf"(?P<place>{_NAME})"
)
# "Israel's Ofer Prison", "Gujarat's Kutch": the place is what the possessive names.
_POSSESSOR = re.compile(r"^[A-Z][\w-]*['\u2019]s\s+(?=[A-Z])")
# Words that make a capitalised phrase an institution or a person, not a place.
_INSTITUTION = re.compile(
    r"\b(?:Red|Cross|Crescent|Committee|Council|Ministry|Minister|President|Prime|Office|"
    r"Agency|Organi[sz]ation|Authority|Government|Forces|Army|Brigades?|Nations|Union|News|"
    r"Times|Post|Reuters|AFP|Xinhua|Telegram|X|Truth|Social|Court|General|Secretary|"
    r"Department|Service|Media|Movement|Party|Front|Group|Mission|Conflict|Project|Data)\b"
)
_LEADING_NOISE = re.compile(
    r"^(?:(?:The|A|An|This|That|Its|Their|His|Her)\s+)?"
    r"(?:[A-Z][\w]*-(?:controlled|held|run|occupied|ruled|led|administered)\s+)?"
)
# "from Deir al-Balah in central Gaza": a place named just before "in" is the more precise.
_TOWN_BEFORE = re.compile(rf"\b(?:at|near|from|in|into)\s+(?:the\s+)?(?P<place>{_NAME})\s+$")
_TOWN_REACH = 80  # characters: "from" and the longest town names fit
# The kind of site written after its name: "the Kerem Shalom border crossing", "Ofer prison".
_FEATURE_AFTER = re.compile(r"\s+(?:border\s+)?(?:crossing|prison|airport)\b")


def place_in(evidence: str, parties: frozenset[str] = frozenset()) -> str | None:
    """The first place named in `evidence` after a preposition of place, or None; a name in
    `parties` (the parties' names as written: "from Hamas") is a side, not a place."""
    kind_of = _KIND_OF.search(evidence)
    matches = [kind_of] if kind_of else []
    found = list(_PLACE.finditer(evidence))
    found.sort(key=lambda m: m["how"] not in _WHERE)  # stable: text order within each kind
    for match in [*matches, *found]:
        place = _POSSESSOR.sub("", _LEADING_NOISE.sub("", match.group("place")).strip())
        before = match.re is _PLACE and match["how"] == "in"
        reach = max(0, match.start() - _TOWN_REACH)
        if before and (town := _TOWN_BEFORE.search(evidence, reach, match.start())):
            # "from Deir al-Balah in central Gaza": where it happened is the town
            match, place = town, _LEADING_NOISE.sub("", town["place"]).strip()
        feature = _FEATURE_AFTER.match(evidence, match.end("place"))
        if feature is not None:  # "the Rafah crossing" is the crossing, not the town
            place += feature.group()
        words = place.split()
        if not words or words[-1].lower() in _NOT_PLACES or words[0].lower() in _NOT_PLACES:
            continue
        if _INSTITUTION.search(place) or place in parties:
            continue
        return place
    return _truce_named_after(evidence, parties)


def _truce_named_after(evidence: str, parties: frozenset[str]) -> str | None:
    from truce.extract.places_resolve import resolve

    for match in _NAMED_TRUCE.finditer(evidence):
        place = _LEADING_NOISE.sub("", match["place"]).split()[-1]
        if place not in parties and resolve(place) is not None:
            return place
    return None


# Where each armed group of the actor gazetteer fights: a report naming only "Israel and Hamas"
# still means the Gaza Strip's Rafah, not Egypt's.
GROUP_COUNTRIES: dict[str, str] = {
    "hamas": "PSE",
    "palestinian-islamic-jihad": "PSE",
    "hezbollah": "LBN",
    "houthis": "YEM",
    "yemen-government": "YEM",
    "rapid-support-forces": "SDN",
    "sudanese-armed-forces": "SDN",
    "nusra-front": "SYR",
    "syrian-rebels": "SYR",
    "donbas-separatists": "UKR",
}


def party_countries(actors: Iterable[ActorMention]) -> frozenset[str]:
    """The ISO3 codes of the states the document names (and those its agencies and officials
    serve), and the lands of the armed groups it names: the agreement's countries as far as one
    report tells them."""
    from truce.extract.gazetteer import STATES
    from truce.extract.places_resolve import country_of

    actors = list(actors)
    states = {a.actor for a in actors if a.kind == "state"}
    states |= {a.country for a in actors if a.country}
    codes = {GROUP_COUNTRIES[a.actor] for a in actors if a.actor in GROUP_COUNTRIES}
    for state in states:
        names = STATES.get(state, ((state.replace("-", " "),), (), ()))[0]
        code = next((c for c in map(country_of, names) if c), None)
        if code:
            codes.add(code)
    return frozenset(codes)


def resolve_places(
    candidates: list[Candidate], actors: Iterable[ActorMention], text: str = ""
) -> None:
    """Set each located candidate's `place` from the gazetteer, within the parties' countries
    first; a location the gazetteer does not know keeps `place` None."""
    from truce.extract.places_resolve import resolve

    if not candidates:
        return
    countries = party_countries(actors)
    seen: dict[str, dict[str, Any] | None] = {}
    for c in candidates:
        if c.location is None:
            continue
        if c.location not in seen:
            found = resolve(c.location, countries) or _known_prefix(c.location, countries)
            seen[c.location] = found.as_dict() if found else None
        c.place = seen[c.location]
    unplaced = [c for c in candidates if c.location is None and c.place is None]
    if not unplaced:
        return
    located = [c.place for c in candidates if c.place] or _named(text, countries)
    # Only a place in the parties' lands stands for an event that names none.
    inside = [p for p in located if p and (not countries or p["country"] in countries)]
    fallback = _the_documents_region(inside)
    if fallback is None:
        return
    for c in unplaced:
        c.place = dict(fallback)


def _named(text: str, countries: frozenset[str]) -> list[dict[str, Any] | None]:
    """Every place named after a preposition of place anywhere in `text`, resolved."""
    from truce.extract.places_resolve import resolve

    names = [place_in(m.group()) for m in _PLACE.finditer(text)]
    out = []
    for name in names:
        found = resolve(name, countries) if name else None
        out.append(found.as_dict() if found else None)
    return out


def _the_documents_region(places: Iterable[dict[str, Any] | None]) -> dict[str, Any] | None:
    """For an event whose sentence names no place: the region or country the document's
    located events most often lie in, at precision 3 and marked inferred (ACLED places an
    event known only to a region at the region)."""
    found = [p for p in places if p]
    if not found:
        return None
    country = Counter(p["country"] for p in found).most_common(1)[0][0]
    # A region named outright first; else the most named town, which stands for its area.
    inside = sorted(
        (p for p in found if p["country"] == country), key=lambda p: -p["geo_precision"]
    )
    regions = [p for p in inside if p["geo_precision"] == 3 and not p.get("inferred")]
    if regions:
        names = Counter(p["name"] for p in regions)
        return max(regions, key=lambda p: names[p["name"]]) | {"inferred": True}
    # Only towns: the region they lie in (the Gaza Strip, the West Bank), else their country.
    from truce.extract.places_resolve import region_of

    admin1 = Counter(p["admin1"] for p in inside).most_common(1)[0][0]
    area = region_of(admin1, country)
    return area.as_dict() | {"inferred": True} if area else None


def _known_prefix(location: str, countries: frozenset[str]) -> Place | None:
    """The longest leading words of a run of capitalised names that resolve in the parties'
    countries ("Yemen Hans Grundberg": a place, then the envoy's name)."""
    from truce.extract.places_resolve import resolve

    words = location.split()
    for size in range(len(words) - 1, 0, -1):
        found = resolve(" ".join(words[:size]), countries)
        if found is not None and found.country in countries:
            return found
    return None


@Language.component(
    "truce_places_v1",
    requires=["doc._.candidates", "doc._.actors"],
    assigns=["doc._.candidates"],
)
def places_component(doc: Doc) -> Doc:
    resolve_places(doc._.candidates or [], doc._.actors or [], doc_text(doc))
    return doc
