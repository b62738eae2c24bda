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
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract import switches
from truce.extract.components.place_before import town_before, victims_state
from truce.extract.components.place_capital import capital_named
from truce.extract.components.place_focus import focus_of
from truce.extract.components.place_refine import refine_from_next
from truce.extract.model import ActorMention, Candidate
from truce.extract.pipeline import annotation, doc_text
from truce.extract.switches import on

if TYPE_CHECKING:
    from truce.extract.places_resolve import Place

_NAME = r"[A-Z][\w'\u2019-]*(?:\s+(?:al-|el-|ad-|as-|ash-)?[A-Z][\w'\u2019-]*)*"
_DIRECTION = r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|occupied)\s+)"
# Rule `place.more_cues`: "around Debaltseve", "in the direction of Goris", "towards Pokrovsk",
# "the bombardment of Gaza", "strikes on Khiam", and a kind of place written before the name
# ("near the capital Kuala Lumpur", "in the border town of Sake").
_MORE_HOW = (
    r"|around|towards?|(?:in\s+the\s+)?direction\s+of|"
    r"(?:bombardment|bombing|shelling|siege|invasion|outskirts)\s+of|strikes?\s+on"
)
_KIND_BEFORE = (
    rf"(?:{_DIRECTION}?(?:border\s+)?(?:capital|city|town|village|port|province|region)"
    r"\s+(?:of\s+)?)?"
)


# Rule `place.more_forms`: "to the east of Khan Younis", "south of the Litani River" (the place
# is kept with its direction: `places_resolve` reads it as near the town, or as the region of
# that name); a sentence's opening "In Israel, ..."; "via the Kerem Shalom crossing"; an
# adjective of position ("in neighbouring Ethiopia", "entered adjacent Zabadani"); a part of a
# place ("in some parts of Myanmar", "across all of Gaza").
_DIRECTION_OF = (
    r"(?:(?:to\s+the|just|further)\s+)?"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of"
)
_FORMS_HOW = rf"|In|At|via|visit(?:s|ed|ing)?|{_DIRECTION_OF}"
_FORMS_BEFORE = (
    r"(?:(?:neighbou?ring|nearby|adjacent|besieged|embattled|restive)\s+)?"
    r"(?:(?:(?:some|many|several|most|large|other)\s+)?(?:parts?|areas?|swathes?)\s+of\s+"
    r"(?:the\s+)?|(?:all|much)\s+of\s+(?:the\s+)?)?"
)


def _place_pattern(more: bool, forms: bool = False) -> re.Pattern[str]:
    return re.compile(
        r"\b(?P<how>in|at|near|from|into|to|outside|across|inside|out\s+of|through|"
        rf"reach(?:ed|ing)?|enter(?:s|ed|ing)?{_MORE_HOW if more else ''}"
        rf"{_FORMS_HOW if forms else ''})"
        rf"\s+(?:the\s+)?(?:[a-z]+-[a-z]+\s+)?{_FORMS_BEFORE if forms else ''}"
        rf"{_KIND_BEFORE if more else ''}"
        rf"(?P<place>{_DIRECTION}?{_NAME})"
    )


_PLACE_BASE = _place_pattern(more=False)
_PLACE_MORE = _place_pattern(more=True)
_PLACE_FORMS = _place_pattern(more=True, forms=True)
_DIRECTION_OF_HOW = re.compile(rf"^{_DIRECTION_OF}$")
# Rule `place.not_source`: "according to Libyan media" names a source, not a place.
_ACCORDING = re.compile(r"\b[Aa]ccording\s*$")
_PLACE = _PLACE_BASE  # what `_named` reads a whole text with
# Prepositions that say where the event itself took place, tried before the others.
_WHERE = {"in", "at", "near", "outside", "inside", "around", "In", "At"}
# "the Gaza truce", "a Lebanon ceasefire": the place a truce is named after.
_NAMED_TRUCE = re.compile(rf"(?P<place>{_NAME})\s+(?:truce|ceasefire|cease-fire)\b")
_TRUCE_WORDS = ("truce", "ceasefire", "cease-fire")
_POSSESSIVE_END = re.compile(r"['\u2019]s$")
_CAPITAL_AFTER = re.compile(r"\s+capital\b")
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
# Rule `place.not_speakers`: the place a speaker spoke from ("told reporters in New Delhi",
# "said at a news conference in Sanaa", "speaking in Doha") is not where the event happened.
_SPEAKER_BEFORE = re.compile(
    r"\b(?:told|tells|said|says|[Ss]peaking|spoke|briefed|briefing|announced|declared|"
    r"(?:news|press)\s+conference|press\s+briefing|reporters|journalists)"
    r"(?:\s+(?:to|a|an|the|reporters|journalists|media|news|press|conference|briefing|"
    r"televised|address|statement|interview)){0,4}\s*$"
)
# Rule `place.lists`: "the towns of Ainata, Bint Jbeil and Beit Lif", "Goris, Sotq and Jermuk
# settlements": a list of places, each tried in turn (`places_resolve.resolve`).
_KINDS_OF = re.compile(
    r"\b(?:cit(?:y|ies)|towns?|villages?|ports?|capital|districts?|provinces?|regions?|"
    rf"governorates?|settlements?|areas?) of (?P<place>{_NAME})"
)
# Rule `place.more_kinds`: the kinds of place a report names a town or site by besides those
# ("the community of Houla", "the camp of Jenin", "the neighbourhood of Shujaiya", "the
# municipality of Bint Jbeil", "the outskirts of Kherson").
_MORE_KINDS_OF = re.compile(
    r"\b(?:cit(?:y|ies)|towns?|villages?|ports?|capital|districts?|provinces?|regions?|"
    r"governorates?|settlements?|areas?|communit(?:y|ies)|camps?|neighbou?rhoods?|"
    rf"municipalit(?:y|ies)|outskirts|suburbs?) of (?P<place>{_NAME})"
)
# With rule `place.more_forms`: "the territory of the Aghdam region", "the town of the X".
_FORMS_KINDS_OF = re.compile(
    r"\b(?:cit(?:y|ies)|towns?|villages?|ports?|capital|districts?|provinces?|regions?|"
    r"governorates?|settlements?|areas?|communit(?:y|ies)|camps?|neighbou?rhoods?|"
    r"municipalit(?:y|ies)|outskirts|suburbs?|territor(?:y|ies)) of (?:the\s+)?"
    rf"(?P<place>{_NAME})"
)
_LIST_MORE = re.compile(rf",\s+(?P<item>{_NAME})|,?\s+and\s+(?P<last>{_NAME})")
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
# Rule `place.town_then_area`: more ways a town is named just before the area it lies in
# ("transported them to Ramallah in the West Bank", "guided bombs over Sumy in northern
# Ukraine", "entered Sweida in southern Syria", "the Suwayda governorate in southern Syria",
# "the Bureij refugee camp in central Gaza"); the town must be one the gazetteer knows.
_TOWN_BEFORE_MORE = re.compile(
    r"\b(?:at|near|from|in|into|to|over|via|through|enter(?:s|ed|ing)?|reach(?:es|ed|ing)?)"
    rf"\s+(?:the\s+)?(?P<place>{_NAME})"
    r"(?P<kind>\s+(?:governorate|province|district|region|city|town|village|port|"
    r"(?:refugee\s+)?camp|(?:border\s+)?crossing))?\s+$"
)
# "Yemen's third-largest city Taez", "Ethiopia's war-torn region of Tigray": the place is the
# town or region the possessive names, not the possessor.
_POSSESSED_KIND = re.compile(
    r"['\u2019]s\s+(?:[a-z][\w-]*\s+){0,3}?"
    r"(?:city|town|village|port|capital|region|province|governorate|district|camp)"
    rf"\s+(?:of\s+)?(?P<place>{_NAME})"
)
# "Jammu and Kashmir's Pahalgam": a possessor of several words.
_POSSESSOR_LONG = re.compile(r"^[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*)*['\u2019]s\s+(?=[A-Z])")
_TOWN_REACH = 80  # characters: "from" and the longest town names fit
# The kind of site written after its name: "the Kerem Shalom border crossing", "Ofer prison".
_FEATURE_AFTER = re.compile(r"\s+(?:border\s+)?(?:crossing|prison|airport)\b")


def place_in(
    evidence: str,
    parties: frozenset[str] = frozenset(),
    where_only: bool = False,
    *,
    finer: bool = True,
) -> str | None:
    """The first place named in `evidence` after a preposition of place, or None; a name in
    `parties` (the parties' names as written: "from Hamas") is a side, not a place. With
    `where_only`, only the prepositions that say where something is ("in", "at", "near")."""
    lists = on("place.lists")
    kind_of_re = _KINDS_OF if lists else _KIND_OF
    if lists and on("place.more_kinds"):
        kind_of_re = _FORMS_KINDS_OF if on("place.more_forms") else _MORE_KINDS_OF
    kind_of = kind_of_re.search(evidence)
    matches = [kind_of] if kind_of else []
    more, forms = on("place.more_cues"), on("place.more_forms")
    pattern = (_PLACE_FORMS if forms else _PLACE_MORE) if more else _PLACE_BASE
    found = list(pattern.finditer(evidence))
    found.sort(key=lambda m: _rank(m, evidence, forms))  # stable: text order within each kind
    if where_only:
        found = [m for m in found if _where(m["how"])]
    for match in [*matches, *found]:
        start = match.start()
        if on("place.not_speakers") and _spoken_at(evidence, start):
            continue  # "told reporters in New Delhi": where it was said, not where it happened
        how = match.groupdict().get("how")
        if (
            how == "to"
            and on("place.not_source")
            and _ACCORDING.search(evidence, max(0, start - 20), start)
        ):
            continue  # "according to Libyan media": a source
        end, finer_from = match.end("place"), match.end()
        place = _LEADING_NOISE.sub("", match.group("place")).strip()
        if on("place.possessed"):
            owned = _POSSESSED_KIND.match(evidence, end - 2) if place.endswith("s") else None
            if owned is not None:  # "Yemen's third-largest city Taez": Taez
                place, end = owned["place"], owned.end("place")
                finer_from = end  # "... region of Tigray, ... arrive in Mekelle": Mekelle
        place = _POSSESSOR.sub("", place)
        if lists:
            place += _list_after(evidence, end, parties)
        if on("place.possessed"):  # "Jammu and Kashmir's Pahalgam": Pahalgam
            place = _POSSESSOR_LONG.sub("", place)
        if how is not None and _DIRECTION_OF_HOW.match(how):
            # "to the east of Khan Younis": the place with its direction ("east of ...")
            the = "the " if evidence[match.end("how") : match.start("place")].strip() else ""
            place = f"{how.split()[-2]} of {the}{place}"
        before = match.re is not kind_of_re and how == "in"
        reach = max(0, start - _TOWN_REACH)
        town = _TOWN_BEFORE.search(evidence, reach, start) if before else None
        if before and town is None and on("place.town_then_area"):
            town = _town_then_area(evidence, reach, start)
        if town is not None:
            # "from Deir al-Balah in central Gaza": where it happened is the town
            place = _LEADING_NOISE.sub("", town["place"]).strip()
            place += (town.groupdict().get("kind") or "").rstrip()
            end, finer_from = town.end("place"), town.end()
        feature = _FEATURE_AFTER.match(evidence, end)
        if feature is not None and not place.endswith(feature.group().split()[-1]):
            place += feature.group()  # "the Rafah crossing" is the crossing, not the town
        if more:
            # "strikes on Russia's energy infrastructure": the place is the possessor.
            place = _POSSESSIVE_END.sub("", place)
            # "strikes on Iranian nuclear sites"; but with rule `place.more_forms`, a state's
            # name that is its adjective too ("in Myanmar") is the state.
            if place in _demonyms() and not (forms and _country_named(place)):
                capital = _CAPITAL_AFTER.match(evidence[end:])
                if capital and on("place.demonym_capital"):
                    return f"the {place} capital"  # resolved as the state's capital
                continue
        words = place.split()
        if not words or words[-1].lower() in _NOT_PLACES or words[0].lower() in _NOT_PLACES:
            continue
        if forms and words[0].rstrip(",").lower() in _NOT_PLACES:
            continue  # "In March, Trump launched ...": a month, then a name
        if _INSTITUTION.search(place):
            continue
        if place in parties and not _party_land(place, how):
            continue
        if finer and on("place.finer"):
            return _finer(evidence, finer_from, place, parties)
        return place
    return _truce_named_after(evidence, parties)


def _spoken_at(evidence: str, start: int) -> bool:
    """Rule `place.not_speakers`: a speech or a press conference just before the place. With
    rule `place.not_source`, journalists or reporters alone are no speech ("fired on Lebanese
    journalists in Khiam")."""
    spoken = _SPEAKER_BEFORE.search(evidence, max(0, start - 60), start)
    if spoken is None:
        return False
    return not (on("place.not_source") and spoken.group().startswith(("reporters", "journalists")))


def _where(how: str) -> bool:
    """Whether a preposition says where something is ("in", "near", "east of")."""
    return how in _WHERE or bool(_DIRECTION_OF_HOW.match(how))


def _rank(match: re.Match[str], evidence: str, forms: bool) -> int:
    """Where a thing is first; then, with rule `place.more_forms`, a site passed through ("via
    the Kerem Shalom crossing") before the land entered ("entered Gaza via ...")."""
    if _where(match["how"]):
        return 0
    through = forms and match["how"] in {"via", "through"}
    site = through and (
        _FEATURE_AFTER.match(evidence, match.end("place")) is not None
        or match["place"].rsplit(None, 1)[-1] in {"Crossing", "Prison", "Airport"}
    )
    return 1 if site else 2


def _town_then_area(evidence: str, reach: int, start: int) -> re.Match[str] | None:
    """Rule `place.town_then_area`: the town (a known one) named just before "in <area>"."""
    from truce.extract.places_resolve import resolve

    town = _TOWN_BEFORE_MORE.search(evidence, reach, start)
    if town is None or resolve(town["place"] + (town["kind"] or "")) is None:
        return None
    return town


def _finer(evidence: str, end: int, place: str, parties: frozenset[str]) -> str:
    """Rule `place.finer`: "3 killed in Israel ... injured in Israel's Beersheba": a town of
    the country first named, named after it in the evidence where things are, is the finer
    place."""
    from truce.extract.places_resolve import country_of, resolve

    code = country_of(place)
    if code is None:
        return place
    later = place_in(evidence[end:], parties, where_only=True, finer=False)
    if later is None or country_of(later) is not None:
        return place
    town = resolve(later, [code])
    return later if town is not None and town.country == code else place


def _party_land(place: str, how: str | None) -> bool:
    """Rule `place.party_lands`: a side named for the land it holds ("the Republic of Artsakh",
    "Artsakh's army") is that land after a preposition that says where ("shelled towns in
    Artsakh"), when the gazetteer knows it as a country or region (a town's namesake does not
    count); "from Hamas" stays a side."""
    if how not in _WHERE or not on("place.party_lands"):
        return False
    from truce.extract.places_resolve import country_of

    return country_of(place) is not None


def _country_named(name: str) -> bool:
    from truce.extract.places_resolve import country_of

    return country_of(name) is not None


@cache
def _demonyms() -> frozenset[str]:
    """The states' adjectives the actor gazetteer lists ("Thai", "Iranian"): no place."""
    from truce.extract.gazetteer import STATES

    return frozenset(word for _, adjectives, _ in STATES.values() for word in adjectives)


def _list_after(evidence: str, end: int, parties: frozenset[str]) -> str:
    """The rest of a list of places that starts at `end` (", Bint Jbeil and Beit Lif"), up
    to the first item that is no place (an institution, a party, a date)."""
    out = ""
    for item in _LIST_MORE.finditer(evidence, end):
        if item.start() != end + len(out):
            break
        name = item["item"] or item["last"]
        words = name.split()
        if _INSTITUTION.search(name) or name in parties or words[0].lower() in _NOT_PLACES:
            break
        if name.endswith(("'s", "\u2019s")) or name in _demonyms():
            break  # "in Istanbul, Ukraine's intelligence chief", "Thai and Cambodian"
        out += item.group()
        if item["last"]:
            break
    return out


def _truce_named_after(evidence: str, parties: frozenset[str]) -> str | None:
    from truce.extract.places_resolve import resolve

    # Each match ends with one of these words as written (the pattern has no IGNORECASE).
    if not any(map(evidence.__contains__, _TRUCE_WORDS)):
        return None
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
            if found is None and on("place.demonym_capital"):
                found = capital_named(c.location)  # "the Angolan capital": Luanda
            seen[c.location] = found.as_dict() if found else None
        c.place = seen[c.location]
    if on("place.next_sentence"):
        refine_from_next(candidates, text, countries)  # "in southern Lebanon" -> its town
    if on("place.town_anaphora"):
        town_before(candidates, text, countries)  # "... the town of Houla ... in the town"
    unplaced = [c for c in candidates if c.location is None and c.place is None]
    if not unplaced:
        return
    # Rule `place.victims_demonym`: "Yemenis were killed" lie in Yemen, whatever the
    # document's usual region (placed so below only when that region is another land).
    victims = {id(c): victims_state(c, text, countries) for c in unplaced}
    named = _Named(text, countries)  # worked out once, when first asked
    located = [c.place for c in candidates if c.place] or named()
    # Only a place in the parties' lands stands for an event that names none.
    inside = [p for p in located if p and (not countries or p["country"] in countries)]
    fallback = _the_documents_region(inside)
    for c in unplaced:
        state = victims[id(c)]
        if state is not None and (fallback is None or fallback["country"] != state["country"]):
            c.place = state
    unplaced = [c for c in unplaced if c.place is None]
    if fallback is None:
        return
    if on("place.doc_focus"):
        # The town the report is about, inside the country its events lie in: a town of
        # another party's land (a mediator's capital) does not move them there.
        focus = focus_of(named(), countries)
        if focus is not None and focus["country"] == fallback["country"]:
            fallback = focus
    for c in unplaced:
        c.place = dict(fallback)


def _named(text: str, countries: frozenset[str]) -> list[dict[str, Any] | None]:
    """Every place named after a preposition of place anywhere in `text`, resolved."""
    from truce.extract.places_resolve import resolve

    off = switches.off()
    names = [_place_named(m.group(), off) for m in _PLACE.finditer(text)]
    out = []
    for name in names:
        found = resolve(name, countries) if name else None
        out.append(found.as_dict() if found else None)
    return out


class _Named:
    """`_named(text, countries)`, worked out on the first call only (no one changes what it
    gives: `focus_of` and `_the_documents_region` copy what they keep)."""

    def __init__(self, text: str, countries: frozenset[str]) -> None:
        self.text, self.countries = text, countries
        self.found: list[dict[str, Any] | None] | None = None

    def __call__(self) -> list[dict[str, Any] | None]:
        if self.found is None:
            self.found = _named(self.text, self.countries)
        return self.found


# "in Gaza", "from Israel": the phrases `_named` reads recur from report to report, so the place
# each names is kept (per set of rules switched off, as `places_resolve.resolve` keeps its own).
@lru_cache(maxsize=16384)
def _place_named(phrase: str, _off: frozenset[str]) -> str | None:
    return place_in(phrase)


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
    resolve_places(
        annotation(doc, "candidates") or [], annotation(doc, "actors") or [], doc_text(doc)
    )
    return doc
