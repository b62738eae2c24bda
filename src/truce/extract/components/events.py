"""Event assembly: the candidates of every sentence, kind by kind, then the rules over the
whole document.

Reads every earlier component's annotations; sets `doc._.candidates`. Each event kind has its
own module under `kinds/`, dispatched through the table `kinds.RULES` keyed by the domain's
event types; `story` holds the rules over the whole document (its date, its two sides, one
meeting told over several sentences) and `sentence_view` what they all share.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.components.actors import target_of
from truce.extract.components.attribution import speaker_by_more_verbs
from truce.extract.components.denials import denied_breaches
from truce.extract.components.described_speakers import name_described
from truce.extract.components.headline_alone import drop_lone_headlines
from truce.extract.components.history import drop_history
from truce.extract.components.hours_after import date_hours_after_start
from truce.extract.components.kinds import RULES, Context
from truce.extract.components.kinds.breach import drop_retold_breaches
from truce.extract.components.kinds.breach_in_force import CUES as ATTACK_CUES
from truce.extract.components.kinds.breach_in_force import TruceClock, breach_in_force
from truce.extract.components.kinds.statement_quotes import drop_quote_continuations
from truce.extract.components.kinds.statement_turns import merge_turns
from truce.extract.components.lead_breach import date_lead_breaches
from truce.extract.components.ministries import qualify_ministries
from truce.extract.components.mutual import attribute_mutual
from truce.extract.components.ongoing import undate_repeated_breaches
from truce.extract.components.own_span import Clauses, OwnClauses, own_spans
from truce.extract.components.places import place_in
from truce.extract.components.previous_truces import drop_previous_truces
from truce.extract.components.repeats import merge_repeats
from truce.extract.components.sentence_view import NAMED_CUES, Sentence, candidate, holders
from truce.extract.components.speakers import author_narrates, name_speakers
from truce.extract.components.story import StoryDate, merge_meetings, sides
from truce.extract.components.story_day import date_single_acts
from truce.extract.components.supposed import drop_supposed
from truce.extract.components.title_holders import name_title_holders
from truce.extract.components.type_constructions import read_types
from truce.extract.model import Article, Attribution, Candidate
from truce.extract.pipeline import annotate, annotation, sentence_spans
from truce.extract.switches import on
from truce.extract.triggers import PREFILTER_WORDS, CueIndex, kinds_of

BOTH_SIDES = {
    "release",
    "ceasefire_start",
    "ceasefire_end",
    "ceasefire_extension",
    "agreement_term",
    "breach",
}
TRUCE_KINDS = {"ceasefire_start", "ceasefire_end", "ceasefire_extension"}
# Every cue a sentence is asked for, found in one pass over its words: the trigger table's
# (named "table:KIND"), the words the kinds' own patterns need besides ("own:KIND"), an
# attack's words (rule `breach.truce_in_force`, named "attack") and the sets the rules ask of
# a sentence by name (`NAMED_CUES`, under their own names).
_CUED = CueIndex(
    {f"table:{name}": cues for name, cues in PREFILTER_WORDS.items()}
    | {f"own:{kind}": rule.cues for kind, rule in RULES.items() if rule.cues}
    | {"attack": ATTACK_CUES}
    | NAMED_CUES
)
_BY_NAME = frozenset(NAMED_CUES)


Cues = tuple[frozenset[str], bool, frozenset[str]]
# What each set of names `_CUED` gives comes to (sentences share a few hundred sets).
_READ: dict[frozenset[str], Cues] = {}
_MAX_READ = 50_000


def take_part(c: Candidate, conflict: list[str]) -> None:
    """The side `c` acts on, and who takes part: the actor in its own event; a truce's events,
    its terms and releases under it involve both sides even where the sentence names one (gold
    guideline). Rules `doc.target` and `doc.both_sides`."""
    if c.target is None and on("doc.target"):
        c.target = target_of(c, conflict)
    tied = {c.actor} if c.actor else set()
    if c.type in BOTH_SIDES and on("doc.both_sides"):
        tied |= set(conflict)
    c.participants = sorted(set(c.participants) | tied)


def cues_of(lowered: str) -> Cues:
    """The kinds the trigger table and the kinds' own patterns may find in `lowered` (a lowered
    sentence), whether it has a word an attack needs, and the names of `NAMED_CUES` it
    cues; what `kinds_cued(lowered)`, the kinds' own `CueIndex`, `breach_in_force.cued(lowered)`
    and `has_cue` for each of `NAMED_CUES` give, in one pass."""
    names = frozenset(_CUED(lowered))
    known = _READ.get(names)
    if known is None:
        known = _read(names)
        if len(_READ) < _MAX_READ:
            _READ[names] = known
    return known


def _read(names: frozenset[str]) -> Cues:
    table = {name[6:] for name in names if name.startswith("table:")}
    own = {name[4:] for name in names if name.startswith("own:")}
    return frozenset(kinds_of(table) | own), "attack" in names, _BY_NAME.intersection(names)


_SWITCH = {kind: f"kind.{kind.value}" for kind in RULES}  # truce.extract.switches


# How many sentences after a term a provision told in the future tense alone is one of the
# deal's ("The Agreement establishes ... Security arrangements will be implemented over
# evacuated areas. Arrests due to identity will be stopped.").
_RUN_REACH = 2
# Its subject opens the sentence and is no pronoun ("Your email address will not be published",
# "He added that ...", "There are fears the hostilities will ...").
_PROVISION = re.compile(
    r"^\W*(?!(?:Your|You|We|I|He|She|It|They|There|This|That|These|Those|Our|His|Her|Their|"
    r"Its)\b)[A-Z][\w'’,-]*(?:\s+[\w'’,()-]+){0,12}?\s+(?:will|shall|must|are\s+to|is\s+to)\s+"
    r"(?:(?:also|then|immediately|gradually|jointly|be)\s+)*[a-z]\w+"
)
_SPOKEN = re.compile(r"\b(?:said|says|added|told|stated|noted|fears?|feared)\b")


def provision_in_run(s: Sentence, article: Article) -> list[Candidate]:
    """A sentence right after a term that sets what someone will or shall do: the next
    provision of the same deal."""
    if s.modality != "planned" or _SPOKEN.search(s.text):
        return []
    if _PROVISION.match(s.text) is None:
        return []
    c = candidate("agreement_term", s, s.start, article)
    c.modality = "occurred"  # a term in force, whatever its content (gold guideline)
    return [c]


def _may_state(attribution: Attribution | None) -> bool:
    source = attribution.source if attribution is not None else None
    return source is not None and (source.speaker is not None or source.anonymous)


def _sentence_events(
    s: Sentence, article: Article, main: tuple[str | None, str | None], cued: frozenset[str]
) -> list[Candidate]:
    """The candidates of one sentence: each kind cued in it (or always tried), in table order."""
    context = Context(article, main)
    for kind, rule in RULES.items():
        if (rule.always or kind in cued) and on(_SWITCH[kind]):
            context.found.extend(rule.extract(s, context))
    return context.found


def _with_breaches_in_force(
    candidates: list[Candidate], waiting: list[Sentence], clock: TruceClock, article: Article
) -> list[Candidate]:
    """The attacks told before the report told its truce, judged by the truce as the whole
    report tells it, each in its place among the candidates (rule `breach.truce_in_force`)."""
    for s in waiting:
        for c in breach_in_force(s, [], clock, article):
            at = bisect_left([d.span[0] for d in candidates], c.span[0] + 1)
            candidates.insert(at, c)
    return candidates


def _more_verbs(
    candidates: list[Candidate], text: str, actors: list[Any], outlet: str | None
) -> None:
    """Rule `attribution.more_verbs` on the events its sentence gave no speaker (named as
    `doc.name_speakers` names the others)."""
    found_now = []
    for c in candidates:
        if c.source.speaker is None and not c.source.anonymous:
            found = speaker_by_more_verbs(text, c.span, actors, outlet)
            if found is not None:
                c.source = replace(found, via=found.via or c.source.via)
                found_now.append(c)
    if found_now and on("doc.name_speakers"):
        name_speakers(found_now, text)


class BySpan:
    """Annotations sorted by where they start, sliced per sentence by binary search."""

    def __init__(self, items: list[Any]) -> None:
        self.items = sorted(items, key=lambda i: i.span)
        self.starts = [i.span[0] for i in self.items]

    def within(self, start: int, end: int) -> list[Any]:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [i for i in self.items[lo:hi] if i.span[1] <= end]


def assemble(doc: Doc) -> list[Candidate]:
    article: Article = annotation(doc, "article")
    text = article.text  # `doc.text` re-joins every token on each access
    body_end = annotation(doc, "body_end")
    body_end = len(text) if body_end is None else body_end
    skip = annotation(doc, "boilerplate") or []
    actors = annotation(doc, "actors") or []
    attributions = annotation(doc, "attributions") or {}
    modalities = annotation(doc, "modalities") or {}
    quantities = BySpan(annotation(doc, "quantities") or [])
    times = BySpan(annotation(doc, "times") or [])
    mentions = BySpan(actors)
    main = holders(actors)
    candidates: list[Candidate] = []
    context = StoryDate()
    last_term: int | None = None  # the last sentence that gave a term
    clock = TruceClock()  # rule `breach.truce_in_force`: the report's truce so far
    waiting: list[Sentence] = []  # attacks told before any truce: judged by the whole report
    cues: dict[int, tuple[frozenset[str], bool, frozenset[str]]] = {}
    annotate(doc, "cues", cues)
    for index, (start, end) in enumerate(sentence_spans(doc)):
        if start >= body_end or any(a < end and start < b for a, b in skip):
            continue
        sentence = text[start:end]
        lowered = sentence.lower()
        # The kinds the trigger table and the kinds' own patterns may find (one look-up per
        # word, see CueIndex).
        cued, attack, by_name = cues_of(lowered)
        cues[index] = (cued, attack, by_name)  # the learned model reads them too
        attribution = attributions.get(index)
        in_run = last_term is not None and index - last_term <= _RUN_REACH
        attack = attack and on("breach.truce_in_force")
        # Only an attack cued: no kind need run, the rule alone is asked.
        quiet = not cued and not _may_state(attribution) and not in_run
        if quiet and not attack:
            if on("date.story_times") and on("doc.story_date"):
                context.told(index, times.within(start, end), article.published)
            continue  # no trigger cued and nobody speaking: no event can come of it
        s = Sentence(
            index,
            start,
            end,
            sentence,
            quantities.within(start, end),
            times.within(start, end),
            mentions.within(start, end),
            attribution,
            modalities.get(index, "occurred"),
            lowered,
            by_name,
        )
        found = [] if quiet else _sentence_events(s, article, main, cued)
        if not found and in_run and on("term.provision_run"):
            found = provision_in_run(s, article)
        in_force: list[Candidate] = []
        if attack and clock.running:
            in_force = breach_in_force(s, found, clock, article)
            found += in_force
        elif attack and not any(c.type == "breach" for c in found):
            waiting.append(s)
        clock.tell(found)
        if any(c.type == "agreement_term" for c in found):
            last_term = index
        undate_repeated_breaches(found, sentence)
        if on("doc.story_date"):
            context.date(index, found, sentence)
            if on("date.story_times"):
                context.told(index, s.event_times, article.published)
            clock.undate(in_force)  # not the story's day if the truce had not begun by it
        candidates.extend(found)
    if waiting and clock.running:
        candidates = _with_breaches_in_force(candidates, waiting, clock, article)
    candidates = drop_supposed(candidates)  # breach.supposed_modality
    candidates = denied_breaches(candidates, text)  # breach.denied_allegation
    if on("doc.merge_meetings"):
        candidates = merge_meetings(candidates)
    if on("doc.merge_repeats"):
        candidates = merge_repeats(candidates, text, sentence_spans(doc), article.title)
    candidates = drop_lone_headlines(candidates, text)  # doc.headline_alone
    candidates = drop_history(candidates, text, article.published)  # doc.history
    if on("breach.retold"):
        candidates = drop_retold_breaches(candidates, text)
    if on("statement.quote_continuation"):
        candidates = drop_quote_continuations(candidates, text)
    if on("doc.name_speakers"):
        name_speakers(candidates, text)
    qualify_ministries(candidates, text)  # attribution.ministry_of_the_place
    author_narrates(candidates, text, article.title)  # attribution.remarks_author
    if on("statement.one_turn"):
        candidates = merge_turns(candidates, sentence_spans(doc), text)
    _more_verbs(candidates, text, actors, getattr(article, "outlet", None))
    name_title_holders(candidates, text)  # speakers.title_holder
    name_described(candidates, text, sentence_spans(doc), attributions, actors)
    date_single_acts(candidates, text, article.published)  # date.toll_story_day
    date_hours_after_start(candidates, text)  # date.hours_after_start
    date_lead_breaches(candidates, text, article.published)  # date.lead_breach_day
    conflict = sides(actors)
    attribute_mutual(candidates, text, actors, conflict)
    sides_named = frozenset(a.text for a in actors if a.kind in {"armed-group", "agency"})
    placed: dict[tuple[tuple[int, int], bool], str | None] = {}

    def place_of(span: tuple[int, int], where: bool) -> str | None:
        key = (span, where)  # several candidates of one sentence share its span
        if key not in placed:
            placed[key] = place_in(text[span[0] : span[1]], sides_named, where)
        return placed[key]

    clauses = Clauses(text, times.within, mentions.within)
    own_clauses = OwnClauses(candidates, clauses)  # rule `place.own_clause`
    for c in candidates:
        if c.location is None and c.type != "statement" and on("doc.location"):
            # Rule `place.truce_where`: a truce starts, ends or is extended where the text
            # says it holds ("in war-torn Yemen"), not where ships may "enter" under it.
            where = c.type in TRUCE_KINDS and on("place.truce_where")
            c.location = own_clauses.place(c, place_of(c.span, where), where, place_of)
        take_part(c, conflict)
    for n, c in enumerate(candidates, 1):
        c.id = f"{article.document}#{n}"
        c.confidence = 0.4 + 0.2 * bool(c.quantities) + 0.2 * bool(c.date) + 0.2 * bool(c.actor)
    for first, second in zip(candidates, candidates[1:], strict=False):
        if first.type == second.type == "release" and first.span == second.span:
            first.links, second.links = [second.id], [first.id]
    # The rules above read each candidate's sentence; from here on `span` is its own words.
    own_spans(candidates, clauses)
    candidates = drop_previous_truces(candidates, text)  # doc.previous_truces
    return read_types(candidates, text)  # type.*


@Language.component(
    "truce_events_v1",
    requires=["doc._.actors", "doc._.quantities", "doc._.times", "doc._.attributions"],
    assigns=["doc._.candidates"],
)
def events_component(doc: Doc) -> Doc:
    annotate(doc, "candidates", assemble(doc))
    return doc
