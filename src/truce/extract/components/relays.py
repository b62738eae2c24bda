"""Who relayed a statement (`via`): the agency or outlet between the speaker and the page.

Four constructions, each general:

- a report that credits its copy to an agency ("— Report from Reuters", a lead ending "...,
  Al Jazeera reports."; not a dateline's agency, which is the writer itself): the writer's own
  narration is that agency's, so an unattributed sentence has `via` the agency (gold README:
  "the outlet or intermediary that relayed the statement when it is not the writer's own");
- a speaker's words reported on by an outlet ("..., the ombudsman said, Reuters reported");
- "was quoted (as saying) by RT.com", "was quoted by the BBC as saying";
- a speaker who "told" a named medium ("told Arabic-language al-Masirah television").

An outlet other than a wire agency counts only when the text shows it is one: a medium's noun
after it ("television", "radio", "newspaper"), a web address, or a name such as "Geo News".
"""

from __future__ import annotations

import re

from truce.extract.switches import on

AGENCIES = (
    "AFP", "Agence France-Presse", "Reuters", "AP", "Associated Press", "Xinhua", "TASS",
    "RIA Novosti", "Interfax", "Anadolu", "WAFA", "Al Jazeera", "BBC", "CNN", "Axios", "dpa",
    "Bloomberg", "Ukrinform", "IRNA", "MENA", "QNA", "SPA", "Saba",
)  # fmt: skip
AGENCY = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
AGENCY_RE = re.compile(AGENCY)
# "AFP and Reuters": agencies named together relay together.
AGENCY_LIST_RE = re.compile(rf"(?:{AGENCY})(?:(?:,\s*|\s+and\s+)(?:{AGENCY}))*")

_MEDIUM_NOUN = r"(?:television|TV|radio|newspaper|daily|channel|network|news agency|website)"
# A name as outlets write theirs: capitalised words, "al-" prefixes, a web address.
_OUTLET_NAME = r"(?:(?:al|el)-)?[A-Z][\w.&'’-]*(?:\s+(?:(?:al|el)-)?[A-Z][\w.&'’-]*)*"
_OUTLET = re.compile(
    rf"(?:the\s+)?(?:[A-Za-z]+-[a-z]+\s+|[a-z]+\s+){{0,3}}(?P<name>{_OUTLET_NAME})"
    rf"(?P<noun>(?:\s+{_MEDIUM_NOUN})+)?"
)
_OUTLET_WORDS = re.compile(r"(?:\.com|\.net|\.org|\bNews|\bTV|\bTimes|\bPost|\bDaily)\b")

# "..., Reuters reported." / "..., the news agency TASS said": the agency after the speaker.
TRAILING_REPORT = re.compile(rf",\s+(?P<via>{AGENCY})\s+(?:reported|said|reports|says)\b")
# Rule `attribution.the_agency`: "told The Associated Press that ...", '..., The Associated Press
# reported': an agency's name after a capital "The" is the agency, kept as written (a comma
# may close a quote before it).
_THE_AGENCY = re.compile(rf"(?P<via>The\s+(?:{AGENCY}))\b")
TRAILING_THE_REPORT = re.compile(
    rf",[\"”’]?\s+(?P<via>The\s+(?:{AGENCY}))\s+(?:reported|said|reports|says)\b"
)
# "Ivan Petrov, who led the delegation, was quoted as saying by RT.com".
QUOTED_BY = re.compile(
    r"(?P<np>[^,:;]+?)(?:,[^,:;]*,)?\s+(?:was|were|has been|had been)\s+quoted\s+"
    r"(?:as\s+(?:saying|telling\s+\w+)\s+)?by\s+(?P<via>[^,:;]+?)(?:\s+as\s+saying\b|[,:;]|\.(?:\s|$)|$)"
)
_TOLD = re.compile(r"\btold\s+(?P<rest>[^,.;:]+)")
_AIRED = re.compile(r"\b(?:on|in an interview with)\s+(?P<rest>(?:the\s+)?[A-Z][^,;:]*)")

# What names the agency of a whole copy: the credit line, a lead's "X reports".
_CREDIT = re.compile(rf"\bReport(?:ing)? (?:from|by) (?P<via>{AGENCY})\b")
_LEAD_REPORTS = re.compile(rf",\s+(?P<via>{AGENCY})\s+reports?\.")
# The credit and lead are looked for near the top (and the credit at the foot). A dateline's
# agency ("GAZA, Nov 24 (Xinhua) -") is the writer itself, not a relay (real set README).
LEAD_CHARS = 1500


def outlet_named(phrase: str) -> str | None:
    """The outlet a phrase after "told" or "quoted by" names, or None when it names none."""
    phrase = phrase.strip()
    agencies = AGENCY_LIST_RE.fullmatch(phrase.removeprefix("the "))
    if agencies:
        return agencies[0]
    if phrase.startswith("The ") and on("attribution.the_agency"):
        agency = _THE_AGENCY.match(phrase)
        if agency:
            return agency["via"]
    match = _OUTLET.match(phrase)
    if match is None:
        return None
    name = match["name"]
    if match["noun"] or _OUTLET_WORDS.search(name) or AGENCY_RE.fullmatch(name):
        return name
    return None


_AGENCY_SET = frozenset(AGENCIES)
_OUTLET_HINTS = (".com", ".net", ".org", "News", "TV", "Times", "Post", "Daily")


def is_outlet(name: str) -> bool:
    """Whether `name` is an outlet's name and nothing more ("Reuters", "Vesna News"). Most
    speakers are neither: plain string tests settle them before any pattern runs."""
    if name in _AGENCY_SET:
        return True
    if (" and " in name or "," in name) and AGENCY_LIST_RE.fullmatch(name):
        return True
    if not any(hint in name for hint in _OUTLET_HINTS):
        return False
    return _OUTLET_WORDS.search(name) is not None and outlet_named(name) == name


def told_outlet(sentence: str, after: int) -> str | None:
    """The outlet a speaker "told", when the sentence says so after `after`."""
    match = _TOLD.search(sentence, after)
    return outlet_named(match["rest"]) if match else None


def aired_outlet(sentence: str, after: int) -> str | None:
    """ "announced the ceasefire on Geo News", "said in an interview with Vesna TV": the
    outlet a speaker spoke on, when its name shows it is one (not "on X" or "on Friday")."""
    match = _AIRED.search(sentence, after)
    if match is None or not any(hint in match["rest"] for hint in _OUTLET_HINTS):
        return None
    return outlet_named(match["rest"])


def trailing_agency(sentence: str, after: int) -> str | None:
    """ "..., X said, Reuters reported": the agency reporting the speaker after `after`."""
    match = TRAILING_REPORT.search(sentence, after)
    if match is None and on("attribution.the_agency") and "The " in sentence:
        match = TRAILING_THE_REPORT.search(sentence, after)
    return match["via"] if match else None


def document_relay(text: str, outlet: str | None = None) -> str | None:
    """The agency a whole copy is from, when the text credits one (not the outlet itself)."""
    head = text[:LEAD_CHARS]
    tail = text[-300:]
    # Each pattern's literal word looked for first: most copies credit no one, and the
    # patterns try their list of agencies at every comma or word.
    for pattern, where, word in ((_LEAD_REPORTS, head, "report"), (_CREDIT, head + tail, "Report")):
        match = pattern.search(where) if word in where else None
        if match and match["via"] != outlet:
            return match["via"]
    return None
