"""Statements: a party speaking, as an event of its own.

- A sentence that reports nothing else is a statement when a party speaks in it: a named
  speaker's side, or an unnamed source whose description names one ("an Egyptian official");
  "Western diplomats" or "the source" make commentary, not events.
- A speech in a subordinate clause of a sentence that reports something else ("The ceasefire
  came into force at 11:15 a.m., after Israel said Hamas had been late ...") is a statement of
  its own, and the events before it are the writer's narration, not the speaker's.

A statement's modality is its content's (gold guideline), not the speech verb's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from truce.domain.claims import EventType
from truce.extract.components.kinds.common import Context, KindRule
from truce.extract.components.kinds.statement_stances import CUES as MORE_STANCE_CUES
from truce.extract.components.kinds.statement_stances import SENTENCE_CUES, more_stance
from truce.extract.components.kinds.statement_subjects import CUES as ROUND5_CUES
from truce.extract.components.kinds.statement_subjects import (
    INTENT,
    PARTICIPLE_CUES,
    SPEECH_ONLY,
    after_office,
    more_verbs,
    participle,
)
from truce.extract.components.kinds.statement_subjects import SENTENCE_CUES as ROUND5_SENTENCE
from truce.extract.components.modality import modality_at
from truce.extract.components.sentence_view import (
    NAMED_CUES,
    PARTY_KINDS,
    Sentence,
    candidate,
    named_in,
    search,
    speaker_actor,
)
from truce.extract.components.speaker_roles import office_party, titled_person
from truce.extract.model import Article, Candidate, SourceRef
from truce.extract.switches import on
from truce.extract.triggers import TRIGGERS

KIND = EventType.STATEMENT
OFFICIAL = re.compile(r"official|spokes|minister|diplomat|source|mediator|negotiator", re.I)
SPEECH = re.compile(
    r"\b(?:said|says|told|announced|added|stressed|accused|denied|thanked|warned|urged)\b"
)
# "after Israel said ...", "as the Israeli military warned ...": a conjunction, a speaker named
# with capitals (and a noun for its office), a speech verb.
_SUBORDINATE_SPEECH = re.compile(
    r"\b(?:after|as|when|while|because|since|before|until)\s+"
    r"(?P<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r"(?:(?:['’]s)?\s+(?:military|army|government|office|ministry|officials?|"
    r"spokes(?:man|woman|person)))?)\s+"
    r"(?:had\s+|has\s+)?(?P<verb>said|says|accused|warned|announced|insisted|complained|claimed)"
    r"\b"
)

# A party taking a position in its own verb, with no "said": "Qatar has expressed its deep
# regret", "the rebels have called on the government to pay", "Israel is pressing for", "the
# army rejected disarmament". Read right after a party's name (an apposition may come between).
_STANCE = re.compile(
    r"\s*(?:,[^,.;]{1,80},\s*)?(?:(?:has|have|had|is|are|was|were|also|publicly|already|"
    r"repeatedly|again|strongly|on\s+\w+day)\s+)*"
    r"(?P<verb>expressed|welcomed?|welcomes|thanked|condemned|condemns|demanded|demands|rejected|rejects|"
    r"denied|denies|called\s+(?:on|upon|for)|calls\s+(?:on|upon|for)|urged|urges|vowed|vows|"
    r"pledged|pledges|affirmed|reaffirmed|reiterated|stressed|insisted|pressing\s+for|"
    r"regrets|regretted|demanding|warned|warns|accused|accuses|emphasi[sz]ed|emphasi[sz]es|"
    r"hailed|hails|argued|argues|indicated|declined\s+to|threatened|threatens|"
    r"confirmed\s+(?:on\s+\w+day\s+)?(?:its|their|his|her)\s+commitment)\b",
    re.IGNORECASE,
)
# Speaking told as an act: "the IDF issued a statement reassuring ...", "the Israel Defense Forces
# (IDF) issued a warning to residents", "Misri addressed the nation", "held a press briefing".
_ISSUED = re.compile(
    r"\)?\s*(?:,[^,.;]{1,80},\s*)?(?:(?:has|have|had|also|later|on\s+\w+day)\s+)*"
    r"(?P<verb>issued\s+(?:an?\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:statement|warning|"
    r"communiqu[eé]|declaration|appeal|ultimatum|call)|addressed\s+the\s+(?:nation|people|"
    r"country|press|media)|held\s+an?\s+(?:[\w-]+\s+)?press\s+(?:conference|briefing))\b",
    re.IGNORECASE,
)
STANCE_CUES = (
    *("express", "welcom", "thank", "condemn", "demand", "reject", "denie", "call", "urge"),
    *("vow", "pledge", "affirm", "reiterat", "stress", "insist", "pressing", "regret", "warn"),
    *("accus", "emphasi", "hail", "argue", "indicated", "declined", "commitment", "threat"),
    *("issued", "addressed", "press"),
)
# A stance's words, looked for by name (`Sentence.has_cues`: the events component finds them
# in its one pass over the sentence's words).
NAMED_CUES["stance"] = STANCE_CUES + MORE_STANCE_CUES + ROUND5_CUES
# The stance verbs that take a position of their own beside the events a sentence reports
# ("Qatar welcomed the release of 12 hostages"); an accusation, a denial or a warning is the
# way the event itself is told (a breach alleged, a breach denied, a threat).
_POSITION_OF_ITS_OWN = re.compile(r"^(?!accus|den|warn)", re.IGNORECASE)

_CONFIRMED = re.compile(r"\bconfirm(?:ed|s)\b", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
_QUOTE_MARKS = ('"', "”")

_SPEECH_VERBS: tuple[str, ...] = ("said", "says", "accused", "warned", "announced", "insisted")
_SPEECH_VERBS += ("complained", "claimed")
_THAT = re.compile(r"\s*(?:that\b)?\s*")


def extract(s: Sentence, context: Context) -> list[Candidate]:
    return statements(s, context.article, context.found)


def statements(s: Sentence, article: Article, found: list[Candidate]) -> list[Candidate]:
    """The statements of a sentence, given the other events `found` in it (which a speech in a
    subordinate clause turns into the writer's narration)."""
    if not found:
        return _sole_statement(s, article)
    subordinate = _subordinate_speech(s, article, found)
    if subordinate:
        return subordinate
    stance = _stance(s, article, own_position=True)
    if stance is None:
        stance = _participle_stance(s, article, found)
    return [stance] if stance is not None else []


def _participle_stance(s: Sentence, article: Article, found: list[Candidate]) -> Candidate | None:
    """A stance in a participle after the party's act ("the RSF declared a truce, pledging to
    protect aid convoys"): the party is the actor of the events found before it, or the first
    party named before it."""
    if not s.has_cues("statement:participle"):
        return None
    verb = participle(s.text)
    if verb is None:
        return None
    at = s.start + verb.start()
    party = next((c.actor for c in found if c.actor and c.span[0] <= at), None)
    if party is None:
        party = next((m.actor for m in s.actors if m.kind in PARTY_KINDS and m.span[1] <= at), None)
    if party is None:
        return None
    c = candidate(KIND.value, s, s.start + verb.start("verb"), article)
    c.actor = party
    c.modality = modality_at(s.text, verb.end())
    if c.modality == "occurred" and verb["verb"].startswith(INTENT):
        c.modality = "planned"  # "pledging to protect convoys": an announced intention
    return c


def _sole_statement(s: Sentence, article: Article) -> list[Candidate]:
    if s.attribution is None or s.attribution.source.speaker is None:
        stance = _stance(s, article)
        if stance is not None:
            return [stance]
    if s.attribution is None:
        return []
    speaker = speaker_actor(s)
    source = s.attribution.source
    if speaker is None and source.anonymous and OFFICIAL.search(source.role or ""):
        speaker = named_in(source.role or "", with_demonyms=True)
    if speaker is None and source.role and not source.anonymous and on("statement.role_party"):
        # "a senior Hamas official, Mousa Abu Marzook, said": the role beside the name names
        # the party (by its name: a nationality alone may be a bystander's).
        speaker = named_in(source.role, with_demonyms=False)
    if speaker is None and not source.anonymous:
        # "Syrian Interior Minister Karim Haddad said": a nationality qualifying an office
        speaker = office_party(source.role) or office_party(source.speaker)
    # "Interior Minister Karim Haddad said": an official whose party the sentence does not give
    partyless = speaker is None and titled_person(source, s.text)
    if (speaker is None and not partyless) or _reports_an_event(s):
        return []
    verb = SPEECH.search(s.text)
    if verb is None and on("statement.confirmed_fact") and _CONFIRMED.search(s.text):
        # "X confirmed the release", "the army later confirmed its troops intercepted a
        # rocket": confirming a fact tells the fact, not a position; "confirmed its
        # commitment" is one (a stance).
        stance = _stance(s, article)
        return [stance] if stance is not None else []
    if verb is None and _ACCORDING.search(s.text):
        return []  # "..., according to the ministry": a fact sourced, not a party speaking
    if verb is None and s.text.lstrip()[:1] in _QUOTE_MARKS:
        return []  # a quotation's next sentence: one statement per quote, on its speech verb
    if _announces_a_term(s):
        term = candidate(EventType.AGREEMENT_TERM.value, s, s.start, article)
        term.modality = "occurred"  # a term in force, whatever its content (gold guideline)
        return [term]
    c = candidate(KIND.value, s, s.start + (verb.start() if verb else 0), article)
    c.actor = speaker
    c.modality = s.modality
    return [c]


# What a deal will bring about, announced ahead: captives to be freed, a truce to begin.
# (Not a party's own plan, "Hamas said it would postpone the next release": a statement.)
_AHEAD = re.compile(
    r"\b(?:will|would|shall|are\s+to|is\s+to)\s+be\s+(?:released|freed|handed\s+over|"
    r"exchanged|swapped|set\s+free)\b|"
    r"\b(?:will|would|shall)\s+(?:enter|come|go)\s+into\s+(?:force|effect)\b|"
    r"\b(?:will|would|shall)\s+(?:take\s+effect|begin|start)\b|"
    r"\bwill\s+observe\s+an?\s+(?:[\w-]+\s+){0,3}?(?:truce|ceasefire|cease-fire)\b",
    re.IGNORECASE,
)


def _announces_a_term(s: Sentence) -> bool:
    """Whether the speaker announces what the deal will bring about ("a statement by the prime
    minister's office said 50 women and children would be released over four days", "the
    renewed truce will enter into force when the current one expires, the envoy said"): the
    deal's term, told by its source, not a position of the speaker's own."""
    if not on("term.announced_ahead") or s.modality != "planned":
        return False
    return search(_AHEAD, s) is not None


def _reports_an_event(s: Sentence) -> bool:
    """Whether what the speaker says is a truce's end, as done ("Israel has resumed fighting
    Hamas in the Gaza Strip, the IDF said", "vehicles were firing minutes after the truce
    expired, the ministry noted"): the speaker is that event's source, not a party taking a
    position (gold guideline), whether or not the end's own rule took it. A toll told by a
    party stays its statement (the gold set has such statements); so does a threat to end."""
    if s.modality != "occurred":
        return False
    if on("statement.withdrawal_told") and search(_WITHDRAWAL_DONE, s) is not None:
        return True
    if not on("statement.reports_event"):
        return False
    return search(TRIGGERS["ceasefire_end"], s) is not None


# Rule `statement.withdrawal_told`: a speaker telling of a withdrawal under way or done ("the
# army had begun withdrawing troops from X", "the military announced it has withdrawn from the
# town of X", "units have started pulling back") reports a fact outside the ten types, and
# takes no position (the gold's negatives); a withdrawal demanded, promised or set as a
# condition ("urging Israel to withdraw", "once the RSF withdraws") is left alone, and so is one
# from a deal or from talks ("has withdrawn from the agreement").
_WITHDRAWAL_DONE = re.compile(
    r"\b(?:(?:ha(?:s|ve|d)\s+(?:now\s+|already\s+)?)?(?:begun|began|begins|started|starts|"
    r"completed|finished)\s+(?:(?:the|its|their)\s+)?(?:withdraw(?:al|ing)|pull(?:ing)?\s+"
    r"(?:out|back))|ha(?:s|ve|d)\s+(?:now\s+|already\s+)?(?:withdrawn|pulled\s+(?:out|back)))\b"
    r"(?!\s+from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:deal|agreement|accord|talks|negotiations|"
    r"truce|ceasefire|cease-fire|process|treaty)\b)",
    re.IGNORECASE,
)


def _stance(s: Sentence, article: Article, own_position: bool = False) -> Candidate | None:
    """A party's position in a verb of its own ("Qatar has expressed its regret"): the first
    party whose name the verb follows. With `own_position`, beside other events of the
    sentence: only a verb of _POSITION_OF_ITS_OWN."""
    if not s.has_cues("stance"):
        return None
    if not on("statement.stance"):
        return None
    for mention in s.actors:
        if mention.kind not in PARTY_KINDS:
            continue
        verb = _stance_verb(s.text, mention.span[1] - s.start)
        if verb is None:
            verb = after_office(s.text, mention.span[1] - s.start, _stance_verb)
        if verb is None or (own_position and not _POSITION_OF_ITS_OWN.match(verb["verb"])):
            continue
        if own_position and verb["verb"].lower().startswith(SPEECH_ONLY):
            continue  # "Misri stated that there were violations": the events are what he says
        c = candidate(KIND.value, s, mention.span[0], article)
        c.actor = mention.actor
        c.modality = "conditional" if verb.groupdict().get("condition") else s.modality
        if c.source.speaker is None and not c.source.anonymous and not _as_deed(verb["verb"]):
            c.source = replace(c.source, speaker=mention.text)
        return c
    return None


# Rule `attribution.position_as_deed`: a position told as something the party does, not says
# ("Israel is pressing for", "Putin refused to endorse", "declined to", "has tied talks to the
# handover"): the writer narrates it, and the statement has no speaker (real gold), while
# "Qatar welcomed", "the army urged" give the party's words, and so does a condition set ("the
# army conditioned any truce on": the dev gold names the army as its speaker).
_DEED = re.compile(r"pressing|declined|refuse|tied|ties|linked|links", re.I)


def _as_deed(verb: str) -> bool:
    return on("attribution.position_as_deed") and _DEED.match(verb) is not None


def _stance_verb(text: str, at: int) -> re.Match[str] | None:
    """The stance verb right after a party's name ending at `at`, if any."""
    verb = _STANCE.match(text, at)
    if verb is None and on("statement.issued"):
        verb = _ISSUED.match(text, at)
    if verb is None:
        verb = more_stance(text, at)
    if verb is None:
        verb = more_verbs(text, at)
    return verb


def _subordinate_speech(s: Sentence, article: Article, found: list[Candidate]) -> list[Candidate]:
    if not s.has_cues("statement:speech") or not on("statement.subordinate"):
        return []  # most sentences with an event have no speech verb that could open one
    speech = _SUBORDINATE_SPEECH.search(s.text)
    if speech is None:
        return []
    content = s.text[speech.end() :]
    if any(TRIGGERS[c.type].search(content) for c in found if c.type in TRIGGERS):
        return []  # the events may be what the speaker says: one attribution for all
    lo, hi = (s.start + speech.start("who"), s.start + speech.end("who"))
    party = next(
        (m.actor for m in s.actors if m.kind in PARTY_KINDS and lo <= m.span[0] < hi), None
    )
    if party is None:
        return []
    who = speech["who"]
    source = s.attribution.source if s.attribution is not None else None
    spoke = source is not None and source.speaker is not None and source.speaker in who
    for c in found:
        if spoke and c.source == source:
            c.source, c.quote = SourceRef(), None  # the narration before the clause
    c = candidate(KIND.value, s, s.start + speech.start("verb"), article)
    c.actor = party
    if not (spoke and source is not None):
        c.source, c.quote = replace(SourceRef(), speaker=who), None
    # The reported clause begins after the verb and its "that".
    that = _THAT.match(content)  # always matches, maybe empty
    c.modality = modality_at(s.text, speech.end() + (that.end() if that else 0))
    return [c]


# Tried on every sentence read, after the other kinds: who speaks decides, and a speech in a
# subordinate clause changes the source of what they found.
RULE = KindRule(KIND, extract, cues=STANCE_CUES + SENTENCE_CUES + ROUND5_SENTENCE, always=True)
# The cue sets asked of each sentence, by name (`Sentence.has_cues`: the events component finds
# them in its one pass over the sentence's words).
NAMED_CUES["statement:participle"] = PARTICIPLE_CUES
NAMED_CUES["statement:speech"] = _SPEECH_VERBS
