"""The built-in gazetteer: names, aliases and metonyms of the actors news reports mention.

Data only. Ids follow the gold set's guidelines (`eval/gold/README.md`): organs of a state map to
the state (the Israeli military -> `israel`), except the agencies the public contract names
(`cia`, `mossad`). Each surface form maps to `(actor, kind, country)`; `kind` is one of
state | armed-group | agency | official | organisation | place | demonym. A demonym alone
("Israeli hostages") names people of a side, not the side acting.
"""

from __future__ import annotations

Entry = tuple[str, str, str | None]

# id -> (name and aliases, demonym adjectives, capital or seat of government)
STATES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "israel": (("Israel", "Israeli regime"), ("Israeli",), ("Tel Aviv", "Jerusalem")),
    "palestine": (("Palestine", "Palestinian Authority"), ("Palestinian",), ("Ramallah",)),
    "qatar": (("Qatar",), ("Qatari",), ("Doha",)),
    "egypt": (("Egypt",), ("Egyptian",), ("Cairo",)),
    "united-states": (
        ("United States", "United States of America", "U.S.", "US", "USA", "America"),
        ("American", "U.S.", "US"),
        ("Washington", "the White House", "White House"),
    ),
    "russia": (
        ("Russia", "Russian Federation"),
        ("Russian",),
        ("Moscow", "the Kremlin", "Kremlin"),
    ),
    "ukraine": (("Ukraine",), ("Ukrainian",), ("Kyiv", "Kiev")),
    "yemen": (("Yemen",), ("Yemeni",), ()),
    "saudi-arabia": (("Saudi Arabia", "Kingdom of Saudi Arabia"), ("Saudi",), ("Riyadh",)),
    "united-arab-emirates": (
        ("United Arab Emirates", "UAE", "U.A.E."),
        ("Emirati",),
        ("Abu Dhabi",),
    ),
    "iran": (("Iran",), ("Iranian",), ("Tehran",)),
    "lebanon": (("Lebanon",), ("Lebanese",), ("Beirut",)),
    "syria": (("Syria", "Syrian regime", "Assad regime"), ("Syrian",), ("Damascus",)),
    "sudan": (("Sudan",), ("Sudanese",), ("Khartoum",)),
    "turkey": (("Turkey", "Türkiye"), ("Turkish",), ("Ankara",)),
    "jordan": (("Jordan",), ("Jordanian",), ("Amman",)),
    "thailand": (("Thailand",), ("Thai",), ("Bangkok",)),
    "philippines": (("Philippines", "the Philippines"), ("Philippine", "Filipino"), ("Manila",)),
    "france": (("France",), ("French",), ("Paris", "the Elysee", "the Élysée")),
    "united-kingdom": (
        ("United Kingdom", "Britain", "Great Britain", "UK", "U.K."),
        ("British",),
        ("London", "Downing Street"),
    ),
    "germany": (("Germany",), ("German",), ("Berlin",)),
    "belarus": (("Belarus",), ("Belarusian",), ("Minsk",)),
    "india": (("India",), ("Indian",), ("New Delhi",)),
    "pakistan": (("Pakistan",), ("Pakistani",), ("Islamabad",)),
}

# Descriptions of a state's government or forces built from its adjective or its name.
_GOVERNMENT_NOUNS = ("government", "authorities", "officials", "regime", "leadership", "cabinet")
_FORCE_NOUNS = (
    "army",
    "military",
    "armed forces",
    "forces",
    "troops",
    "defence ministry",
    "defense ministry",
    "foreign ministry",
)
_TITLES = (
    "leader",
    "president",
    "prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "foreign ministry spokesman",
    "foreign ministry spokeswoman",
    "negotiator",
    "envoy",
)

ARMED_GROUPS: dict[str, tuple[str, ...]] = {
    "hamas": (
        "Hamas",
        "Qassam Brigades",
        "al-Qassam Brigades",
        "Ezzedine al-Qassam Brigades",
        "Izz ad-Din al-Qassam Brigades",
        "Islamic Resistance Movement",
    ),
    "islamic-jihad": ("Islamic Jihad", "Palestinian Islamic Jihad", "al-Quds Brigades"),
    "hezbollah": ("Hezbollah", "Hizbollah", "Hizballah"),
    "houthis": (
        "Houthis",
        "Houthi",
        "Houthi rebels",
        "Houthi movement",
        "Ansar Allah",
        "Huthis",
        "Huthi",
        "Ansarullah",
        "Sanaa authorities",
    ),
    "rapid-support-forces": ("Rapid Support Forces", "RSF", "paramilitary Rapid Support Forces"),
    "sudanese-armed-forces": ("Sudanese Armed Forces", "Sudanese army", "Sudan's army", "SAF"),
    "islamic-state": ("Islamic State", "IS", "ISIS", "ISIL", "Daesh", "Islamic State group"),
    "nusra-front": ("Nusra Front", "Jabhat al-Nusra", "al-Nusra Front", "Jabhat Fateh al-Sham"),
    "donbas-separatists": (
        "DNR",
        "LNR",
        "Donetsk People's Republic",
        "Luhansk People's Republic",
        "pro-Russian separatists",
        "separatists",
        "separatist leaders",
        "rebels in eastern Ukraine",
    ),
    "syrian-rebels": (
        "Free Syrian Army",
        "Syrian opposition",
        "High Negotiations Committee",
        "rebel factions",
        "rebel groups",
    ),
    "yemen-government": (
        "internationally recognised government",
        "Presidential Leadership Council",
        "Yemeni government",
        "Yemen's government",
    ),
    "saudi-led-coalition": ("Saudi-led coalition", "Arab coalition"),
}

# id -> (aliases, country); organs of a state map to that state's id.
AGENCIES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "cia": (
        (
            "CIA",
            "Central Intelligence Agency",
            "US Central Intelligence Agency",
            "U.S. Central Intelligence Agency",
        ),
        "united-states",
    ),
    "mossad": (
        (
            "Mossad",
            "Israeli Mossad",
            "Mossad spy agency",
            "the Israeli spy agency",
            "Israeli spy agency",
            "the Israeli National Intelligence Agency",
            "Israeli National Intelligence Agency",
            "Israel's intelligence agency",
            "Israel's spy agency",
        ),
        "israel",
    ),
    "israel": (
        (
            "Shin Bet",
            "Shabak",
            "IDF",
            "Israel Defense Forces",
            "Israel Defence Forces",
            "Israeli army",
            "Israeli military",
        ),
        "israel",
    ),
    "icrc": (("Red Cross", "International Committee of the Red Cross", "ICRC"), None),
    "un": (
        (
            "United Nations",
            "UN",
            "U.N.",
            "UN Security Council",
            "Security Council",
            "U.N. Security Council",
        ),
        None,
    ),
    "unrwa": (("UNRWA",), None),
    "who": (("World Health Organization", "WHO"), None),
    "ocha": (
        (
            "OCHA",
            "UN humanitarian office",
            "UN Office for the Coordination of Humanitarian Affairs",
        ),
        None,
    ),
    "osce": (
        (
            "OSCE",
            "Organization for Security and Co-operation in Europe",
            "Organization for Security and Cooperation in Europe",
        ),
        None,
    ),
}

# Full name -> (affiliation, role); a distinctive surname in SURNAMES also finds the person.
OFFICIALS: dict[str, tuple[str, str]] = {
    "Majed Al Ansari": ("qatar", "Qatar foreign ministry spokesman"),
    "Mohammed bin Abdulrahman Al Thani": ("qatar", "Qatari prime minister"),
    "Sheikh Mohammed bin Abdulrahman Al Thani": ("qatar", "Qatari prime minister"),
    "Tamim bin Hamad Al Thani": ("qatar", "Emir of Qatar"),
    "William Burns": ("cia", "CIA director"),
    "David Barnea": ("mossad", "Mossad director"),
    "Benjamin Netanyahu": ("israel", "Prime Minister of Israel"),
    "Israel Katz": ("israel", "Defence Minister of Israel"),
    "Yoav Gallant": ("israel", "Defence Minister of Israel"),
    "Isaac Herzog": ("israel", "President of Israel"),
    "Joe Biden": ("united-states", "President of the United States"),
    "Antony Blinken": ("united-states", "US Secretary of State"),
    "Donald Trump": ("united-states", "President of the United States"),
    "Steve Witkoff": ("united-states", "US envoy to the Middle East"),
    "John Kerry": ("united-states", "US Secretary of State"),
    "Barack Obama": ("united-states", "President of the United States"),
    "Amos Hochstein": ("united-states", "US envoy"),
    "Vladimir Putin": ("russia", "President of Russia"),
    "Dmitry Peskov": ("russia", "Kremlin spokesman"),
    "Sergei Lavrov": ("russia", "Russian foreign minister"),
    "Vladimir Medinsky": ("russia", "Russian negotiator"),
    "Volodymyr Zelensky": ("ukraine", "President of Ukraine"),
    "Volodymyr Zelenskiy": ("ukraine", "President of Ukraine"),
    "Petro Poroshenko": ("ukraine", "President of Ukraine"),
    "Rustem Umerov": ("ukraine", "Ukrainian defence minister"),
    "Dmytro Lubinets": ("ukraine", "Ukraine's human rights commissioner"),
    "Hans Grundberg": ("un", "UN Special Envoy for Yemen"),
    "Staffan de Mistura": ("un", "UN envoy for Syria"),
    "Antonio Guterres": ("un", "UN Secretary-General"),
    "António Guterres": ("un", "UN Secretary-General"),
    "Abdel Fattah al-Sisi": ("egypt", "President of Egypt"),
    "Angela Merkel": ("germany", "Chancellor of Germany"),
    "Francois Hollande": ("france", "President of France"),
    "François Hollande": ("france", "President of France"),
    "Emmanuel Macron": ("france", "President of France"),
    "Alexander Lukashenko": ("belarus", "President of Belarus"),
    "Recep Tayyip Erdogan": ("turkey", "President of Turkey"),
    "Bashar al-Assad": ("syria", "President of Syria"),
    "Najib Mikati": ("lebanon", "Prime Minister of Lebanon"),
    "Nabih Berri": ("lebanon", "Speaker of Lebanon's parliament"),
    "Naim Qassem": ("hezbollah", "Hezbollah secretary-general"),
    "Izzat al-Risheq": ("hamas", "senior Hamas official"),
    "Ismail Haniyeh": ("hamas", "Hamas political leader"),
    "Khalil al-Hayya": ("hamas", "Hamas negotiator"),
    "Osama Hamdan": ("hamas", "Hamas official"),
    "Mohammed Abdulsalam": ("houthis", "Houthi negotiator"),
    "Abdel Fattah al-Burhan": ("sudanese-armed-forces", "Sudanese army chief"),
    "Mohamed Hamdan Dagalo": ("rapid-support-forces", "RSF commander"),
}

SURNAMES: dict[str, str] = {
    "Al Ansari": "Majed Al Ansari",
    "Netanyahu": "Benjamin Netanyahu",
    "Biden": "Joe Biden",
    "Blinken": "Antony Blinken",
    "Trump": "Donald Trump",
    "Witkoff": "Steve Witkoff",
    "Kerry": "John Kerry",
    "Putin": "Vladimir Putin",
    "Peskov": "Dmitry Peskov",
    "Lavrov": "Sergei Lavrov",
    "Zelensky": "Volodymyr Zelensky",
    "Zelenskiy": "Volodymyr Zelenskiy",
    "Poroshenko": "Petro Poroshenko",
    "Grundberg": "Hans Grundberg",
    "de Mistura": "Staffan de Mistura",
    "Guterres": "Antonio Guterres",
    "Sisi": "Abdel Fattah al-Sisi",
    "al-Sisi": "Abdel Fattah al-Sisi",
    "Merkel": "Angela Merkel",
    "Hollande": "Francois Hollande",
    "Macron": "Emmanuel Macron",
    "Lukashenko": "Alexander Lukashenko",
    "Erdogan": "Recep Tayyip Erdogan",
    "Assad": "Bashar al-Assad",
    "Mikati": "Najib Mikati",
    "Haniyeh": "Ismail Haniyeh",
    "Barnea": "David Barnea",
    "Gallant": "Yoav Gallant",
    "Burhan": "Abdel Fattah al-Burhan",
    "Dagalo": "Mohamed Hamdan Dagalo",
    "Hemedti": "Mohamed Hamdan Dagalo",
}


def _state_entries() -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for actor, (names, adjectives, seats) in STATES.items():
        for name in names:
            entries[name] = (actor, "state", None)
            for noun in _GOVERNMENT_NOUNS:
                entries[f"{name}'s {noun}"] = (actor, "state", None)
            for noun in _FORCE_NOUNS:
                entries[f"{name}'s {noun}"] = (actor, "agency", actor)
            for title in _TITLES:
                entries[f"{name}'s {title}"] = (actor, "official", actor)
        for adjective in adjectives:
            entries.setdefault(adjective, (actor, "demonym", None))
            for article in ("", "the "):
                for noun in _GOVERNMENT_NOUNS:
                    entries[f"{article}{adjective} {noun}"] = (actor, "state", None)
                for noun in _FORCE_NOUNS:
                    entries[f"{article}{adjective} {noun}"] = (actor, "agency", actor)
                entries[f"{article}{adjective} capital"] = (actor, "place", None)
                for title in _TITLES:
                    entries[f"{article}{adjective} {title}"] = (actor, "official", actor)
        for seat in seats:
            entries[seat] = (actor, "place", None)
    return entries


def build_entries() -> dict[str, Entry]:
    """Every surface form the built-in gazetteer knows, with what it names."""
    entries = _state_entries()
    for actor, names in ARMED_GROUPS.items():
        for name in names:
            entries[name] = (actor, "armed-group", None)
    for actor, (names, country) in AGENCIES.items():
        for name in names:
            entries[name] = (actor, "agency", country)
    for name, (affiliation, _role) in OFFICIALS.items():
        entries[name] = (affiliation, "official", affiliation)
    for surname, full in SURNAMES.items():
        affiliation = OFFICIALS[full][0]
        entries[surname] = (affiliation, "official", affiliation)
    return entries


ENTRIES: dict[str, Entry] = build_entries()
