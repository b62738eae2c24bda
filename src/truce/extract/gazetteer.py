"""The built-in gazetteer: names, aliases and metonyms of the actors news reports mention.

Data only. Ids follow the gold set's guidelines (`eval/gold/README.md`): organs of a state map to
the state (the Israeli military -> `israel`), except the agencies the public contract names
(`cia`, `mossad`). Each surface form maps to `(actor, kind, country)`; `kind` is one of
state | armed-group | agency | official | organisation | place | demonym. A demonym alone
("Israeli hostages") names people of a side, not the side acting.
"""

from __future__ import annotations

from datetime import date

Entry = tuple[str, str, str | None]

# id -> (name and aliases, demonym adjectives, capital or seat of government)
STATES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "israel": (("Israel", "Israeli regime"), ("Israeli",), ("Tel Aviv", "Jerusalem")),
    "palestinian-authority": (
        ("Palestine", "Palestinian Authority", "State of Palestine"),
        ("Palestinian",),
        ("Ramallah",),
    ),
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
    "yemen-government": (("Yemen",), ("Yemeni",), ()),
    "saudi-arabia": (("Saudi Arabia", "Kingdom of Saudi Arabia"), ("Saudi",), ("Riyadh",)),
    "united-arab-emirates": (
        ("United Arab Emirates", "UAE", "U.A.E."),
        ("Emirati",),
        ("Abu Dhabi",),
    ),
    "iran": (("Iran",), ("Iranian",), ("Tehran",)),
    "lebanon": (("Lebanon",), ("Lebanese",), ("Beirut",)),
    "syria": (("Syria", "Syrian regime", "Assad regime"), ("Syrian",), ("Damascus",)),
    "sudanese-armed-forces": (("Sudan",), ("Sudanese",), ("Khartoum", "Port Sudan")),
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
_GOVERNMENT_NOUNS = (
    "government",
    "authorities",
    "officials",
    "regime",
    "leadership",
    "cabinet",
    "junta",
    "side",
    "security cabinet",
    "war cabinet",
)
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
    "palestinian-islamic-jihad": (
        "Islamic Jihad",
        "Palestinian Islamic Jihad",
        "PIJ",
        "al-Quds Brigades",
        "Al-Quds Brigades",
        "Islamic Jihad Movement",
    ),
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
        # The Houthis' governing bodies in Sanaa (Wikipedia, "Supreme Political Council").
        "Supreme Political Council",
        "Sanaa government",
        "Sanaa-based government",
        "Houthi-run government",
        "Houthi authorities",
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


# --- The parties of the newer conflicts in the real-report set (issue 11) -------------------
# Switch `actors.newer_parties` (truce.extract.switches). Ids are the real set's vocabulary
# (eval/real/README.md "Party ids", eval/real/NOTES-b.md "Party ids"). The names, acronyms and
# office holders are public facts, checkable against the English Wikipedia articles on each
# party and office: "Tigray People's Liberation Front", "Tigray Defense Forces", "Fano
# (militia)", "Government of National Accord", "Libyan National Army", "Tatmadaw", "State
# Administration Council", "National Unity Government of Myanmar", "Three Brotherhood
# Alliance", "Republic of Artsakh", "March 23 Movement", "National Liberation Army
# (Colombia)", "Collective Security Treaty Organization", "ASEAN", "African Union", "Islamic
# Revolutionary Guard Corps", "United Nations Support Mission in Libya", "Druze in Syria",
# "Government of National Unity (Libya)", "Presidential Council (Libya)", "Intergovernmental
# Authority on Development", "Sudan Liberation Movement" (the joint force), "Taliban",
# "Tehrik-i-Taliban Pakistan", "Afghanistan", "Kyrgyzstan", "Tajikistan", "Georgia (country)",
# "Cuba", "Revolutionary Armed Forces of Colombia", "South Sudan", "SPLM-IO", "Mozambique",
# "RENAMO", "New People's Army", "Communist Party of the Philippines", "National Democratic Front
# of the Philippines", and the articles on the persons listed in NEWER_OFFICIALS.
NEWER_STATES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "ethiopia": (
        ("Ethiopia", "Federal Government of Ethiopia"),
        ("Ethiopian",),
        ("Addis Ababa",),
    ),
    "armenia": (("Armenia",), ("Armenian",), ("Yerevan",)),
    "azerbaijan": (("Azerbaijan",), ("Azerbaijani", "Azeri"), ("Baku",)),
    "cambodia": (("Cambodia", "Kingdom of Cambodia"), ("Cambodian",), ("Phnom Penh",)),
    # Mediators and hosts: no seat, since talks held in a capital do not make its state a party.
    "malaysia": (("Malaysia",), ("Malaysian",), ()),
    "china": (("China", "People's Republic of China"), ("Chinese",), ()),
    "south-africa": (("South Africa",), ("South African",), ()),
    "angola": (("Angola",), ("Angolan",), ()),
    # The junta holds the state's organs: "Myanmar's military", "the Myanmar government".
    "myanmar-military": (
        ("Myanmar", "Burma"),
        ("Myanmar", "Burmese"),
        ("Naypyidaw", "Nay Pyi Taw"),
    ),
    "dr-congo": (
        ("Democratic Republic of Congo", "Democratic Republic of the Congo", "DR Congo", "DRC"),
        ("Congolese",),
        ("Kinshasa",),
    ),
    "rwanda": (("Rwanda",), ("Rwandan",), ("Kigali",)),
    "colombia": (("Colombia",), ("Colombian",), ("Bogota", "Bogotá")),
    "oman": (("Oman", "Sultanate of Oman"), ("Omani",), ()),
    # Part E of the real set (eval/real/NOTES-annoe1.md). `afghanistan` is whoever holds Kabul:
    # the Islamic Republic's government before August 2021, the Taliban's after (as ACLED codes
    # the state's forces); `taliban` is the insurgent movement before August 2021.
    "afghanistan": (("Afghanistan", "Islamic Republic of Afghanistan"), ("Afghan",), ("Kabul",)),
    "kyrgyzstan": (("Kyrgyzstan", "Kyrgyz Republic"), ("Kyrgyz",), ("Bishkek",)),
    "tajikistan": (("Tajikistan", "Republic of Tajikistan"), ("Tajik",), ("Dushanbe",)),
    # Part E4 of the real set (eval/real/NOTES-annoe4.md): Georgia in August 2008; Cuba as the
    # host and guarantor of the Colombia-FARC talks (a host: no seat, as for the mediators above).
    "georgia": (("Georgia", "Republic of Georgia"), ("Georgian",), ("Tbilisi",)),
    "cuba": (("Cuba",), ("Cuban",), ()),
    # Part E5 of the real set (eval/real/NOTES-annoe5.md): South Sudan's government (Kiir's) in
    # the Khartoum ceasefire of 2018; Mozambique's in the RENAMO truce of 2016-2017.
    "south-sudan": (("South Sudan", "Republic of South Sudan"), ("South Sudanese",), ("Juba",)),
    "mozambique": (("Mozambique",), ("Mozambican",), ("Maputo",)),
}

# id -> (aliases, the state whose land it fights in: places resolve there).
NEWER_GROUPS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "tplf": (
        (
            "TPLF",
            "Tigray People's Liberation Front",
            "Tigray Defense Forces",
            "Tigray Defence Forces",
            "TDF",
            "Tigrayan forces",
            "Tigray forces",
            "Tigrayan rebels",
            "Tigray rebels",
            "Tigrayan fighters",
            "Tigrayan authorities",
            "Tigray authorities",
            "Tigrayan leaders",
            "Tigray regional government",
            "Tigray regional forces",
            "Tigrayan regional forces",
            "regional forces from Tigray",
            "forces from Tigray",
        ),
        "ethiopia",
    ),
    "amhara-forces": (
        (
            "Amhara forces",
            "Amhara special forces",
            "Amhara particular forces",  # a spun copy's rendering (tigray22-thewall-0824 notes)
            "Amhara regional forces",
            "Amhara militia",
            "Amhara militias",
            "Fano",
            "Fano militia",
        ),
        "ethiopia",
    ),
    "libya-gna": (
        (
            "Government of National Accord",
            "GNA",
            "GNA forces",
            "Tripoli-based government",
            "Tripoli government",
            "Tripoli-based Government of National Accord",
            "Fayez al-Sarraj's government",
        ),
        None,
    ),
    "libya-lna": (
        (
            "Libyan National Army",
            "LNA",
            "Libyan Arab Armed Forces",
            "LAAF",
            "Haftar's forces",
            "Hifter's forces",
            "forces loyal to Haftar",
            "eastern-based forces",
        ),
        None,
    ),
    "nug": (
        ("National Unity Government", "NUG", "People's Defence Force", "People's Defense Force"),
        None,
    ),
    "three-brotherhood-alliance": (("Three Brotherhood Alliance", "Brotherhood Alliance"), None),
    "ethnic-armed-groups": (
        (
            "ethnic armed groups",
            "ethnic armed organisations",
            "ethnic armed organizations",
            "ethnic armies",
            "ethnic rebel groups",
            "ethnic minority armed groups",
            "ethnic minority armies",
            "anti-junta forces",
            "anti-coup fighters",
            "anti-coup forces",
        ),
        None,
    ),
    "nagorno-karabakh": (
        (
            "Artsakh",
            "Republic of Artsakh",
            "Nagorno-Karabakh Republic",
            "Nagorno-Karabakh authorities",
            "Karabakh authorities",
            "Nagorno-Karabakh's authorities",
            "Nagorno-Karabakh defence army",
            "Karabakh defence army",
            "Artsakh Defence Army",
        ),
        "azerbaijan",
    ),
    "m23": (
        ("M23", "M23 rebels", "March 23 Movement", "AFC/M23", "Congo River Alliance"),
        "dr-congo",
    ),
    "eln": (("ELN", "National Liberation Army", "ELN guerrillas", "ELN rebels"), "colombia"),
    # Part E4 (eval/real/NOTES-annoe4.md): the FARC-EP guerrilla before its 2017 disarmament.
    "farc": (
        (
            "FARC",
            "FARC-EP",
            "Revolutionary Armed Forces of Colombia",
            "FARC rebels",
            "FARC guerrillas",
        ),
        "colombia",
    ),
    # Part E5 (eval/real/NOTES-annoe5.md): Machar's armed opposition in South Sudan; RENAMO in
    # Mozambique; the communist movement in the Philippines (the CPP, its army the NPA and the
    # NDF that negotiates for both are one side, as a group's organs map to the group).
    "splm-io": (
        (
            "SPLM-IO",
            "SPLM/A-IO",
            "SPLA-IO",
            "Sudan People's Liberation Movement-in-Opposition",
            "Sudan People's Liberation Movement in Opposition",
        ),
        "south-sudan",
    ),
    "renamo": (("Renamo", "RENAMO", "Mozambican National Resistance"), "mozambique"),
    "npa": (
        (
            "New People's Army",
            "NPA",
            "CPP-NPA",
            "Communist Party of the Philippines",
            "CPP",
            "National Democratic Front of the Philippines",
            "National Democratic Front",
            "NDFP",
            "NDF",
        ),
        "philippines",
    ),
    # Part D of the real set (eval/real/README.md): Sweida 2025, Darfur, Tripoli 2025.
    "druze-factions": (
        (
            "Druze factions",
            "Druze fighters",
            "Druze militias",
            "Druze armed groups",
            "Druze gunmen",
        ),
        "syria",
    ),
    "bedouin-tribes": (
        ("Bedouin tribes", "Bedouin fighters", "Bedouin clans", "Bedouin tribal fighters"),
        "syria",
    ),
    "darfur-joint-force": (
        ("Joint Force of Armed Struggle Movements", "Darfur Joint Force", "Joint Forces"),
        None,
    ),
    "libya-gnu": (
        ("Government of National Unity", "GNU", "Tripoli-based Government of National Unity"),
        None,
    ),
    # Part E (eval/real/NOTES-annoe1.md): the Afghan Taliban insurgency, the Pakistani Taliban.
    "taliban": (
        ("Taliban", "Afghan Taliban", "Taliban insurgents", "Taliban militants"),
        "afghanistan",
    ),
    "ttp": (
        (
            "Tehreek-e-Taliban Pakistan",
            "Tehreek-i-Taliban Pakistan",
            "Tehrik-i-Taliban Pakistan",
            "Tehrik-e-Taliban Pakistan",
            "TTP",
            "Pakistani Taliban",
        ),
        "pakistan",
    ),
    "libya-presidential-council": (
        (
            "Libyan Presidential Council",
            "Libya's Presidential Council",
            "Presidential Council of Libya",
        ),
        None,
    ),
}

NEWER_AGENCIES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "myanmar-military": (("Tatmadaw", "State Administration Council", "Myanmar junta"), None),
    "iran": (("Islamic Revolutionary Guard Corps", "IRGC", "Revolutionary Guards"), None),
    "ethiopia": (
        ("Ethiopian National Defense Force", "ENDF", "federal government of Ethiopia"),
        None,
    ),
    "un": (
        (
            "UNSMIL",
            "United Nations Support Mission in Libya",
            "UN Support Mission in Libya",
            "UN mission in Libya",
        ),
        None,
    ),
    "african-union": (("African Union", "AU", "African Union Commission"), None),
    "asean": (("ASEAN", "Association of Southeast Asian Nations"), None),
    "igad": (("IGAD", "Intergovernmental Authority on Development"), None),
    "csto": (
        (
            "CSTO",
            "Collective Security Treaty Organization",
            "Collective Security Treaty Organisation",
        ),
        None,
    ),
}

NEWER_OFFICIALS: dict[str, tuple[str, str]] = {
    "Abiy Ahmed": ("ethiopia", "Prime Minister of Ethiopia"),
    "Redwan Hussien": ("ethiopia", "Ethiopian national security adviser"),
    "Legesse Tulu": ("ethiopia", "Ethiopian government communication minister"),
    "Getachew Reda": ("tplf", "TPLF spokesman"),
    "Debretsion Gebremichael": ("tplf", "TPLF leader"),
    "Olusegun Obasanjo": ("african-union", "AU envoy for the Horn of Africa"),
    "Moussa Faki Mahamat": ("african-union", "AU Commission chairperson"),
    "Nikol Pashinyan": ("armenia", "Prime Minister of Armenia"),
    "Ilham Aliyev": ("azerbaijan", "President of Azerbaijan"),
    "Arayik Harutyunyan": ("nagorno-karabakh", "Nagorno-Karabakh leader"),
    "Zohrab Mnatsakanyan": ("armenia", "Armenian foreign minister"),
    "Jeyhun Bayramov": ("azerbaijan", "Azerbaijani foreign minister"),
    "Hun Manet": ("cambodia", "Prime Minister of Cambodia"),
    "Hun Sen": ("cambodia", "President of the Senate of Cambodia"),
    "Salva Kiir": ("south-sudan", "President of South Sudan"),
    "Riek Machar": ("splm-io", "SPLM-IO leader"),
    "Afonso Dhlakama": ("renamo", "RENAMO leader"),
    "Filipe Nyusi": ("mozambique", "President of Mozambique"),
    "Maly Socheata": ("cambodia", "Cambodian defence ministry spokeswoman"),
    "Prak Sokhonn": ("cambodia", "Cambodian foreign minister"),
    "Tea Seiha": ("cambodia", "Cambodian defence minister"),
    "Paetongtarn Shinawatra": ("thailand", "Prime Minister of Thailand"),
    "Phumtham Wechayachai": ("thailand", "acting Prime Minister of Thailand"),
    "Anutin Charnvirakul": ("thailand", "Prime Minister of Thailand"),
    "Nattaphon Narkphanit": ("thailand", "Thai defence minister"),
    "Anwar Ibrahim": ("malaysia", "Prime Minister of Malaysia"),
    "Min Aung Hlaing": ("myanmar-military", "Myanmar junta chief"),
    "Zaw Min Tun": ("myanmar-military", "Myanmar junta spokesman"),
    "Fayez al-Sarraj": ("libya-gna", "head of the Government of National Accord"),
    "Fayez Al-Sarraj": ("libya-gna", "head of the Government of National Accord"),
    "Khalifa Haftar": ("libya-lna", "commander of the Libyan National Army"),
    "Khalifa Hifter": ("libya-lna", "commander of the Libyan National Army"),
    "Ahmed al-Mismari": ("libya-lna", "LNA spokesman"),
    "Stephanie Williams": ("un", "acting UN envoy for Libya"),
    "Ghassan Salame": ("un", "UN envoy for Libya"),
    "Abbas Araghchi": ("iran", "Iranian foreign minister"),
    "Masoud Pezeshkian": ("iran", "President of Iran"),
    "Ali Khamenei": ("iran", "Supreme Leader of Iran"),
    "Ayatollah Ali Khamenei": ("iran", "Supreme Leader of Iran"),
    "Esmaeil Baghaei": ("iran", "Iranian foreign ministry spokesman"),
    "Shehbaz Sharif": ("pakistan", "Prime Minister of Pakistan"),
    "Khawaja Asif": ("pakistan", "Pakistani defence minister"),
    "Khawaja Muhammad Asif": ("pakistan", "Pakistani defence minister"),
    "Mike Pompeo": ("united-states", "US Secretary of State"),
    "Ishaq Dar": ("pakistan", "Pakistani foreign minister"),
    "Asim Munir": ("pakistan", "Pakistani army chief"),
    "Narendra Modi": ("india", "Prime Minister of India"),
    "Vikram Misri": ("india", "Indian foreign secretary"),
    "Subrahmanyam Jaishankar": ("india", "Indian external affairs minister"),
    "S. Jaishankar": ("india", "Indian external affairs minister"),
    "Marco Rubio": ("united-states", "US Secretary of State"),
    "JD Vance": ("united-states", "Vice President of the United States"),
    "Gustavo Petro": ("colombia", "President of Colombia"),
    "Otty Patiño": ("colombia", "Colombian government negotiator"),
    "Pablo Beltrán": ("eln", "ELN negotiator"),
    "Antonio García": ("eln", "ELN commander"),
    "Felix Tshisekedi": ("dr-congo", "President of the DR Congo"),
    "Félix Tshisekedi": ("dr-congo", "President of the DR Congo"),
    "Paul Kagame": ("rwanda", "President of Rwanda"),
    "Joao Lourenco": ("angola", "President of Angola"),
    "João Lourenço": ("angola", "President of Angola"),
    "Bertrand Bisimwa": ("m23", "M23 president"),
    "Sultani Makenga": ("m23", "M23 military chief"),
    "Corneille Nangaa": ("m23", "leader of the Congo River Alliance"),
    "Lawrence Kanyuka": ("m23", "M23 spokesman"),
    "Abdul Malik al-Houthi": ("houthis", "Houthi leader"),
    "Mahdi al-Mashat": ("houthis", "head of the Houthi Supreme Political Council"),
    "Yahya Saree": ("houthis", "Houthi military spokesman"),
    "Turki al-Maliki": ("saudi-led-coalition", "coalition spokesman"),
    "Rashad al-Alimi": ("yemen-government", "chairman of the Presidential Leadership Council"),
    "Martin Griffiths": ("un", "UN envoy for Yemen"),
    "Mohammed bin Salman": ("saudi-arabia", "Crown Prince of Saudi Arabia"),
    "Hassan Nasrallah": ("hezbollah", "Hezbollah secretary-general"),
    "Joseph Aoun": ("lebanon", "President of Lebanon"),
    "Nawaf Salam": ("lebanon", "Prime Minister of Lebanon"),
    "Ziyad al-Nakhalah": ("palestinian-islamic-jihad", "Islamic Jihad secretary-general"),
    "Ziad al-Nakhala": ("palestinian-islamic-jihad", "Islamic Jihad secretary-general"),
    "Mahmoud Abbas": ("palestinian-authority", "President of the Palestinian Authority"),
    "Abu Obeida": ("hamas", "Qassam Brigades spokesman"),
    "Daniel Hagari": ("israel", "Israeli military spokesman"),
    "Avichay Adraee": ("israel", "Israeli military Arabic-language spokesman"),
    "Badr Abdelatty": ("egypt", "Egyptian foreign minister"),
    "Hakan Fidan": ("turkey", "Turkish foreign minister"),
    "Maria Zakharova": ("russia", "Russian foreign ministry spokeswoman"),
    "Andriy Yermak": ("ukraine", "head of the Ukrainian presidential office"),
    "Kyrylo Budanov": ("ukraine", "head of Ukrainian military intelligence"),
    "Tatiana Moskalkova": ("russia", "Russian human rights commissioner"),
}

NEWER_SURNAMES: dict[str, str] = {
    "Abiy": "Abiy Ahmed",
    "Getachew": "Getachew Reda",
    "Debretsion": "Debretsion Gebremichael",
    "Obasanjo": "Olusegun Obasanjo",
    "Pashinyan": "Nikol Pashinyan",
    "Aliyev": "Ilham Aliyev",
    "Harutyunyan": "Arayik Harutyunyan",
    "Paetongtarn": "Paetongtarn Shinawatra",
    "Phumtham": "Phumtham Wechayachai",
    "Anutin": "Anutin Charnvirakul",
    "Sarraj": "Fayez al-Sarraj",
    "al-Sarraj": "Fayez al-Sarraj",
    "Haftar": "Khalifa Haftar",
    "Hifter": "Khalifa Hifter",
    "Mismari": "Ahmed al-Mismari",
    "Araghchi": "Abbas Araghchi",
    "Pezeshkian": "Masoud Pezeshkian",
    "Khamenei": "Ali Khamenei",
    "Baghaei": "Esmaeil Baghaei",
    "Modi": "Narendra Modi",
    "Misri": "Vikram Misri",
    "Jaishankar": "Subrahmanyam Jaishankar",
    "Rubio": "Marco Rubio",
    "Tshisekedi": "Felix Tshisekedi",
    "Kagame": "Paul Kagame",
    "Makenga": "Sultani Makenga",
    "Nangaa": "Corneille Nangaa",
    "Saree": "Yahya Saree",
    "Nasrallah": "Hassan Nasrallah",
    "Nakhalah": "Ziyad al-Nakhalah",
    "Zakharova": "Maria Zakharova",
    "Yermak": "Andriy Yermak",
    "Budanov": "Kyrylo Budanov",
}

STATES.update(NEWER_STATES)

# Switch `actors.state_is_its_government`: a state's own name, adjective and capital stand for
# the side that governs it, which the gold ids name (not `sudan`/`yemen`): Sudan's government
# is the army's, Yemen's the internationally recognised one. Off, they are the plain states.
GOVERNING_SIDES: dict[str, str] = {
    "sudanese-armed-forces": "sudan",
    "yemen-government": "yemen",
}

# Switch `actors.by_context`: descriptions that name a side only within a conflict ("the rebels",
# "the junta", "government forces", "the paramilitaries") name the side the document's own
# parties make them: the rebels of a report on Tigray are the TPLF, its federal government
# Ethiopia's. GOVERNMENT_OF pairs each non-state side with the government it fights (the
# conflicts of the real set; Gaza's and Lebanon's groups are left out: "the government" there
# is as often the group's own administration as Israel's).
GOVERNMENT_OF: dict[str, str] = {
    "tplf": "ethiopia",
    "houthis": "yemen-government",
    "rapid-support-forces": "sudanese-armed-forces",
    "libya-lna": "libya-gna",
    "ethnic-armed-groups": "myanmar-military",
    "nug": "myanmar-military",
    "three-brotherhood-alliance": "myanmar-military",
    "m23": "dr-congo",
    "eln": "colombia",
    "syrian-rebels": "syria",
    "donbas-separatists": "ukraine",
}
REBEL_DESCRIPTIONS = (
    "rebels",
    "the rebels",
    "rebel forces",
    "rebel fighters",
    "rebel groups",
    "rebel factions",
    "insurgents",
    "the insurgents",
    "guerrillas",
    "the guerrillas",
    "guerrilla group",
    "the guerrilla group",
    "paramilitaries",
    "the paramilitaries",
    "paramilitary forces",
    "the paramilitary",
    "the paramilitary group",
    "opposition forces",
    "opposition groups",
    "resistance forces",
    "resistance groups",
    "separatists",
    "separatist leaders",
    "separatist forces",
)
GOVERNMENT_DESCRIPTIONS = (
    "the government",
    "the authorities",
    "the federal authorities",
    "government forces",
    "government troops",
    "government soldiers",
    "the federal government",
    "federal government",
    "federal forces",
    "federal troops",
)
# A junta by a common noun; the documents name the state it rules more often than its foes.
JUNTA_DESCRIPTIONS = (
    "the junta",
    "junta",
    "junta forces",
    "junta troops",
    "military junta",
    "the military government",
    "the military regime",
)
JUNTAS = frozenset(("myanmar-military",))
# Switch `actors.army_by_context` (branch `exstmt2`): "the army", "the military" name the
# government side where the document names a side that `GOVERNMENT_OF` pairs with it (the
# Sudanese army against the RSF, Myanmar's junta against the ethnic armies); with no such
# side named they name no one (in Gaza, Lebanon or Ukraine "the army" may be either side's).
# "The army said" speaks for that side (`sentence_view.speaker_actor`).
ARMY_DESCRIPTIONS = ("the army", "the military", "the armed forces", "the regular army")
# What a description names when the document gives no side it could be (the ids these phrases
# had before `actors.by_context`, and with it off).
DESCRIPTION_DEFAULTS: dict[str, str] = {
    "rebel groups": "syrian-rebels",
    "rebel factions": "syrian-rebels",
    "separatists": "donbas-separatists",
    "separatist leaders": "donbas-separatists",
}
# The kind of entry a description has in the trie: its class, resolved per document.
REBELS, GOVERNMENT, JUNTA = "rebels", "government", "junta"


# Ids other vocabularies or earlier versions used, and the canonical id each stands for. Every
# id the gazetteer gives and every party id of eval/real's annotations is canonical
# (tests/extract/test_actors.py, tests/eval/test_real_set.py).
ID_ALIASES: dict[str, str] = {
    "islamic-jihad": "palestinian-islamic-jihad",
    "pij": "palestinian-islamic-jihad",
    "palestine": "palestinian-authority",
    "pa": "palestinian-authority",
    "saf": "sudanese-armed-forces",
    "sudan": "sudanese-armed-forces",
    "rsf": "rapid-support-forces",
    "yemen": "yemen-government",
    "gna": "libya-gna",
    "lna": "libya-lna",
    "tatmadaw": "myanmar-military",
    "myanmar": "myanmar-military",
    "drc": "dr-congo",
    "artsakh": "nagorno-karabakh",
    "tdf": "tplf",
    "houthi": "houthis",
    "ansar-allah": "houthis",
    "idf": "israel",
    "au": "african-union",
    "unsmil": "un",
    "us": "united-states",
    "usa": "united-states",
    "uk": "united-kingdom",
    "uae": "united-arab-emirates",
    "isis": "islamic-state",
}


def canonical_id(actor: str) -> str:
    """The canonical id for `actor` (itself unless it is one of `ID_ALIASES`)."""
    return ID_ALIASES.get(actor, actor)


def _state_entries(
    states: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]],
) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for actor, (names, adjectives, seats) in states.items():
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


def build_entries(off: frozenset[str] = frozenset()) -> dict[str, Entry]:
    """Every surface form the built-in gazetteer knows, with what it names; `off` holds the
    gazetteer's switches (`actors.newer_parties`, `actors.newer_officials`,
    `actors.state_is_its_government`, `actors.army_by_context`) to leave out."""
    newer = "actors.newer_parties" not in off
    states = {a: forms for a, forms in STATES.items() if newer or a not in NEWER_STATES}
    if "actors.state_is_its_government" in off:
        states = {GOVERNING_SIDES.get(actor, actor): forms for actor, forms in states.items()}
    entries = _state_entries(states)
    for actor, names in ARMED_GROUPS.items():
        for name in names:
            entries[name] = (actor, "armed-group", None)
    if newer:
        for actor, (names, land) in NEWER_GROUPS.items():
            for name in names:
                entries[name] = (actor, "armed-group", land)
    agencies = list(AGENCIES.items()) + (list(NEWER_AGENCIES.items()) if newer else [])
    for actor, (names, country) in agencies:
        for name in names:
            entries[name] = (actor, "agency", country)
    persons = newer and "actors.newer_officials" not in off
    officials = OFFICIALS | NEWER_OFFICIALS if persons else OFFICIALS
    for name, (affiliation, _role) in officials.items():
        entries[name] = (affiliation, "official", affiliation)
    surnames = SURNAMES | NEWER_SURNAMES if persons else SURNAMES
    for surname, full in surnames.items():
        affiliation = officials[full][0]
        entries[surname] = (affiliation, "official", affiliation)
    described: list[tuple[tuple[str, ...], str]] = [
        (REBEL_DESCRIPTIONS, REBELS),
        (GOVERNMENT_DESCRIPTIONS, GOVERNMENT),
        (JUNTA_DESCRIPTIONS, JUNTA),
    ]
    if "actors.army_by_context" not in off:
        described.append((ARMY_DESCRIPTIONS, GOVERNMENT))
    for descriptions, side in described:
        for phrase in descriptions:
            entries[phrase] = (DESCRIPTION_DEFAULTS.get(phrase, ""), "description", side)
    return entries


# A movement that took its state's capital: in a report published on or after that day, its
# name is the state's id (switch `actors.holds_the_capital`), as the real set codes whoever
# holds the capital (eval/real/README.md, part E: `afghanistan` is whoever holds Kabul) and as
# ACLED codes a state's forces. Public fact: the Taliban entered Kabul on 15 August 2021
# (English Wikipedia, "Fall of Kabul (2021)").
SUCCESSIONS: dict[str, tuple[str, date]] = {"taliban": ("afghanistan", date(2021, 8, 15))}


# Every switch of the gazetteer on, as extraction outside cross-validation runs.
ENTRIES: dict[str, Entry] = build_entries()
# The officials and surnames with every switch on: attribution and speaker naming read these.
ALL_OFFICIALS: dict[str, tuple[str, str]] = OFFICIALS | NEWER_OFFICIALS
ALL_SURNAMES: dict[str, str] = SURNAMES | NEWER_SURNAMES
