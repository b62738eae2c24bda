"""Named extraction rules that can be switched off, to measure what each is worth.

Every rule listed in `RULES` asks `on(name)` where it would act; all are on unless a caller
switches some off with `switched_off(...)`, which the cross-validation tool
(`truce.extract.cv`) does to ask "what does F1 do on held-out reports without this rule". The
set of rules off is process-wide: extraction outside such a block always runs every rule, and
a block restores the previous set when it ends, however it ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from truce.errors import TruceError

# name -> what switching it off removes. Kinds first, then rules inside kinds, then the rules
# over the whole document.
RULES: dict[str, str] = {
    "kind.release": "every release",
    "kind.ceasefire_start": "every truce start",
    "kind.ceasefire_extension": "every extension",
    "kind.ceasefire_end": "every truce end",
    "kind.breach": "every breach",
    "kind.meeting": "every meeting",
    "kind.casualty_claim": "every casualty claim",
    "kind.aid_delivery": "every aid delivery",
    "kind.agreement_term": "every agreement term",
    "kind.statement": "every statement",
    "trigger.own_patterns": "the kinds' own trigger patterns beyond the trigger table (all kinds)",
    "guard.counterfactual": "'supposed to expire': a counterfactual governs no trigger",
    "release.uncounted": "a party freeing a group it names with no count",
    "release.infinitive": "'refusal to release captives' releases no one (a group, no count)",
    "release.breakdown": "'30, including 15 women': parts kept as the whole's breakdown",
    "release.parts": "a breakdown's one-category parts are the candidate's sub-counts (women=15)",
    "release.each_side": "an exchange told once gives each side's release",
    "release.remains": "remains or bodies handed over are a release, counted by the dead",
    "start.declared_needs_time": "'declared a truce' starts one only with a time after it",
    "breach.outside_truce": "no breach placed before or after the truce",
    "breach.any": "'any further breach' alleges none",
    "breach.several_accused": "parties accused together: one breach each",
    "breach.both": "'accused both X and Y of violating': one breach, no actor",
    "breach.supposed": "'should X breach', 'a breach would': supposed, not alleged",
    "breach.retold": "a breach only referred back to ('these violations') is dropped",
    "term.ratio": "ratios ('30 for every hostage') are terms",
    "term.deal_content": "what a deal sets, told without a term word",
    "term.deal_sets": "'the ceasefire called for', 'the plan includes', 'applies to': content",
    "term.monitored_by": "'the truce will be monitored by Egypt': who watches the deal",
    "term.parties_agreed": "'both sides agreed to freeze ...': a term with no deal named",
    "term.done_under_deal": "'freed under the deal' reports the deal at work, not a term",
    "term.deal_as_a_whole": "'commitment to the terms of the truce' names no provision",
    "term.rate_ahead": "deliveries and releases set ahead at a rate are terms",
    "statement.stance": "a party's position in a verb of its own ('Qatar welcomed')",
    "statement.subordinate": "a speech in a subordinate clause is its own statement",
    "statement.confirmed_fact": "'X confirmed the release' tells the fact, not a position",
    "statement.quote_continuation": "the rest of a running quotation is no new statement",
    "attribution.stray_close": "a straight quote after a word and before a space never opens",
    "attribution.time_before_verb": "'X on Sunday said': the day is no part of the speaker",
    "date.since_clause": "a time in a 'since' clause after the trigger dates nothing",
    "doc.merge_meetings": "one meeting told over several sentences is one event",
    "doc.merge_repeats": "mentions of one event in a document merge",
    "doc.story_date": "an undated event takes the date the story is at",
    "doc.name_speakers": "a speaker named in full earlier names a later short mention",
    "doc.both_sides": "truce events, terms, releases and breaches involve both sides",
    "doc.location": "the place the evidence names",
    "date.future_cues": "'will be released on Friday', 'starting Saturday': the clause looks ahead",
    "date.weekday_with_date": "'on Friday, May 23': the weekday is the date after it",
    "date.story_times": "a day told in a sentence with no dated event moves the story's date",
    "date.clock_story_day": "'will begin at 7am' after 'on Friday morning': the day named ahead",
    "date.story_before": "the story's date comes from sentences before, not the event's own",
    "place.lists": "'the towns of Ainata, Bint Jbeil and Beit Lif': the first place known",
    "place.more_cues": "'around X', 'in the direction of X', 'shelling of X', 'the capital X'",
    "place.conflict_regions": "Tigray, Karabakh, Kashmir, Darfur, Shan... placed at their capitals",
    "place.primary_name": "a town of that name before one whose former name it was",
    "place.not_speakers": "'told reporters in New Delhi': where it was said is no event's place",
    "place.truce_where": "a truce holds 'in' a place, not where ships 'enter' under it",
    "place.doc_focus": "an unplaced event at the town or region the report names most, twice+",
    "place.party_lands": "'towns in Artsakh': a side named for its land is a place after 'in'",
    "place.demonym_capital": "'in the Angolan capital': the capital of the state, Luanda",
    "place.next_sentence": "'in southern Lebanon' + next: 'the strike targeted the town of X'",
    "place.finer": "'kills 3 in Israel ... in Israel's Beersheba': the country's town after it",
    "place.not_dateline": "a meeting 'in Havana' under a 'BOGOTA.-' dateline is in Havana",
    "date.same_day": "'earlier in the day', 'later in the day': the day of the report",
    "end.ended_a_war": "'the ceasefire that ended an 11-day conflict': the war ends, not the truce",
    "guard.speculative": "'could collapse', 'threatened to end': no truce start, end or extension",
    "modality.threat": "'threatened to', 'will respond to any violation': conditional",
    "modality.hope_clause": "'we hope this process will lead to': hoped, with no 'that'",
    "statement.reports_event": "a speaker telling a truce's end is its source, no statement",
    "statement.issued": "'the IDF issued a statement', 'addressed the nation': a party speaking",
    "start.declared_alone": "'the government declared a humanitarian truce': its own truce starts",
    "term.provision_run": "'X will be formed.' right after a term: the deal's next provision",
    "term.announced_ahead": "'the office said 50 would be released over four days': a term",
    "statement.role_party": "'a senior Hamas official, Mousa Abu Marzook, said': the role's party",
    "modality.participle_aim": "'a truce aimed at ending the war', 'killed trying to': no hope",
    "modality.with_phrase": "'took effect at 5 PM, with talks set for May 12': its own clause",
    "modality.called_for": "'calls for a ceasefire starting at 11:30 p.m.': asked, so planned",
    # exends (2026-12-06)
    "modality.relative_clause": "'the truce, which began on Friday, will last': its own clause",
    "actors.newer_parties": "the gazetteer's parties of the newer conflicts (Tigray, Libya, ...)",
    "actors.newer_officials": "their leaders and spokespeople by name (Abiy Ahmed, Haftar, ...)",
    "actors.state_is_its_government": "'Sudan', 'Yemen' name the governing side's gold id",
    "actors.by_context": "'the rebels', 'government forces' name the sides the report names",
    "actors.holds_the_capital": "'the Taliban' in a 2025 report: `afghanistan`, who holds Kabul",
    "attribution.said_after_comma": "'..., said Yahya Sarea': after a comma the name follows",
    "speakers.known_surname": "'Trump said': the person the gazetteer knows by that surname",
    "attribution.line_break": "a speaker's phrase does not run back over a line break",
    "attribution.statement_from": "'a statement from the army said': the army speaks",
    "attribution.remarks_author": "a first-person text headed 'X's remarks': X narrates it",
    "attribution.outlet_own_name": "'Israel's Channel 12' reports: the speaker is 'Channel 12'",
    "attribution.plain_party": "'the PIJ (PIJ) armed group said': the group's name alone",
    "doc.target": "a breach's or statement's target: the report's other side, when named",
    "doc.known_pair": "a group and the government it fights, both named, are the two sides",
    "attribution.government_by_context": "'the authorities said' on Tigray: 'Ethiopian government'",
    # Recall rules (branch `exrecall`).
    "breach.mutual": "'accused each other of violating': one breach by each side",
    "aid.verb_forms": "'aid entering Gaza', 'trucks passing through', 'allowed to deliver aid'",
    "extension.to_a_date": "'the deadline was extended to Feb. 18': a truce moved to a later day",
    "start.from_a_time": "'agreed to a truce, starting at midnight': the truce starts then",
    "start.reached_on_a_day": "'reached a truce on Nov. 24', 'a truce was declared on Wednesday'",
    "term.signed_deal": "'signed a permanent ceasefire agreement', 'the deal signed last Nov.'",
    "term.signed_before": "'the signed agreement', 'who also signed the accord': signed before",
    "breach.fighting_went_on": "'hostilities continued', 'fighting persisted', 'clashes erupted'",
    "start.stops_its_attacks": "'announced that the US would stop bombing the Houthis': own truce",
    "casualty.noun_tolls": "'six fatalities', 'the death toll stands at', 'deaths of 200 people'",
    # Date and attribution rules (branch `exdates`).
    "date.near_year": "'by July 29' written in July: the coming day, not last year's",
    "attribution.subject_cleanup": "'But a spokesman said', ' date 2025-04-03 X said': X speaks",
    "attribution.own_truce": "'the junta declared a ceasefire': narration of its act, no source",
    "attribution.spokesman_for": "'a spokesman for the defence ministry said': the ministry",
    "date.ongoing_no_story": "'has violated it 100 times since': a tally takes no story date",
    "date.repeated_breach": "'accused X on Wednesday of attacking daily': the breach is undated",
    "attribution.time_not_name": "'On Wednesday, a ministry official said': no name 'On ...'",
    "date.since_week": "'killed since Friday' in a Monday report: week from the Friday",
    "date.cumulative_toll": "'a war that has killed thousands': a toll with no day of its own",
    "attribution.background_start": "'the ceasefire that began on May 2': narration, no speaker",
    "date.participle_nearest": "'agreed a truce starting Tuesday': the nearer Tuesday",
    "date.names_other_event": "'after last week's earthquake', 'the May 20 deal': not the event's",
    # Statement and term rules (branch `exstmt`).
    "term.told_by_speaker": "'Oman said it brokered a truce', 'extended under the same terms'",
    "statement.more_stances": "'X congratulated', 'refused to endorse', 'conditioned any truce on'",
    "statement.turn_modality": "a speaker's threat after a fact is a new statement, not the turn",
    "quantity.alive_or_dead": "'20 living hostages', 'four deceased captives': the count's noun",
    # Attribution and date rules (branch `exattr`).
    "attribution.mutual_accusation": "'accused each other': each breach said by the other side",
    "attribution.anonymous_needs_person": "'according to the agreement': a document is no source",
    "attribution.reported_at_least": "'the ministry reported at least three deaths': it speaks",
    "attribution.group_described": "'Sudan's paramilitary RSF (RSF)': the group speaks by its name",
    "attribution.but_clause": "'..., but the army said': 'but' is no part of the speaker",
    "date.extension_new_end": "'extended the truce until May 31': the new end dates nothing",
    # Statement rules, round 4 (branch `exstmt2`).
    "attribution.pronoun_stance": "'He vowed to ...': the last speaker, in a statement of its own",
    "actors.army_by_context": "'the army' (said): the government side of a known pair",
    # Date and attribution rules, round 4 (branch `exdates2`).
    "attribution.possessive_as_written": "'Thailand's foreign ministry said': the organ as written",
    "date.last_month_name": "'signed last November', 'next March': that month, the year by it",
    "attribution.ministry_of_the_place": "'killed in Lebanon, the Health Ministry said': Lebanese",
    "attribution.name_before_description": "'Al-Qassam Brigades, the armed wing of Hamas, said'",
    "date.relative_clause": "'killed five ... the truce that took effect on Nov. 27': not the day",
    "attribution.reported_anonymously": "'reportedly', 'reports of', 'sources report': anonymous",
    # Breach rules (branch `exbreach`).
    "breach.during_truce": "'fired on X a day after the ceasefire began': an act in the truce",
    "breach.launched": "'launched at least 243 attacks', 'launch retaliatory strikes'",
    "breach.not_alleged": "'possible violations', 'human rights violations': no allegation",
    "breach.tally": "'violated the truce over 100 times', '65 strikes': the breach's count",
    "casualty.bare_counts": "'a toll exceeding 940', 'the death of one woman': the toll's count",
    # round 5, exdates3
    "date.toll_story_day": "'At least 20 people were injured.' told undated: the story's day",
    "attribution.position_as_deed": "'Israel is pressing for', 'refused to endorse': no speaker",
    "attribution.the_agency": "'told The Associated Press that', ', The Associated Press reported'",
    # round 5, exstmt3
    "statement.more_verbs": "'Hamas stated its commitment', 'tweeted that', 'additionally alleged'",
    "statement.office_subject": "'a Hamas spokesman welcomed', 'the US State Department requested'",
    "statement.participle": "'declared a truce, pledging to protect convoys': a stance of its own",
    # round 5, exterms
    "term.withdraw_within": "'troops would pull back within 21 days': a deadline is a provision",
    "release.captive_unit": "'Kyiv released 195 people': a state's captives are prisoners",
    "quantity.term_own_counts": "'to end an 11-day war', 'five days of talks': no term's count",
    # round 5, exmeet
    "end.noun": "'following the end of the pause', 'after the expiry of a truce': its end",
    "end.extended_instead": "'the pause, set to end, was extended': due to end, did not",
    "meeting.talks_held": "'after five days of talks', 'negotiations that started on May 6'",
    "truce.pronoun_time_clause": "'minutes after it took effect', 'since it began': no news",
    "start.truce_then_time": "'a “ceasefire” beginning at midnight', 'with immediate effect'",
    "start.other_subject": "'negotiations that started', 'conflict that began': not the truce",
    # round 5, exstrike
    "breach.truce_in_force": "'Israeli strikes hit X' after the report's truce began: a breach",
    "breach.one_allegation": "a party accused twice in words alone, on one day: one breach",
    # round 6, exspeak
    "speaker.office_demonym": "'Syrian Interior Minister Karim Haddad said': the office's state",
    "statement.titled_person": "'Interior Minister Karim Haddad said', no party given: no actor",
    # round 6, exspan
    "span.own": "a candidate's span is the clauses of its trigger and arguments, not its sentence",
    "place.own_clause": "'freed 14 in Rafah, while X released 39 in Ofer': its own clause's place",
    # round 7, exweak
    "breach.non_compliance": "'refused to comply', 'failed to withdraw', 'yet to be implemented'",
    # round 9, exsplit2
    "statement.turn_on_truce": "a speaker's next sentence on the truce or deal is a new statement",
    "term.clause_provisions": "'..., while Y is to withdraw', 'and that ...', 'and to allow ...'",
    # round 9, exweak2
    "start.deal_took_effect": "'the agreement, which took effect on May 2', 'it took effect at 8'",
    "meeting.held_no_party": "'follow-up meetings will be held', 'has held its first meeting'",
    "meeting.negotiated_deal": "'Russia negotiated a ceasefire': the deal's news, not a meeting",
    "meeting.by_phone": "'telephone talks', 'discussed ... over call': a call is not a meeting",
    "term.two_parties_agreed": "'the two DGMOs agreed to', 'both neighboring countries agreed to'",
    # round 9, exprec2
    "breach.outbreak_in_truce": "'fighting erupted', 'clashes broke out': a breach only if a truce "
    "is named",
    "statement.withdrawal_told": "'the army said it had begun withdrawing': a fact, no position",
    "start.deadline_anchor": "'within 21 days of the start of the truce': a deadline, no start",
    # round 10, exfields2
    "speakers.title_holder": "'the Omani foreign minister said': the person named with that office",
    "speakers.described": "', the Palestinian group said': the armed group (or outlet) named last",
    "attribution.background_clause": "'shortly after the truce took effect', 'since a truce began'",
    "attribution.more_verbs": "'security forces say', 'documented 321 deaths', 'verified that'",
    # round 11, lead
    "meeting.venue_after": "'talks scheduled in Istanbul': the place named after the talks",
    "place.more_kinds": "'the community of Houla', 'the camp of Jenin', 'the outskirts of X'",
    # exfields3
    "speakers.not_a_clause": "'Israel has threatened to kill anyone who said': no clause speaks",
    "date.hours_after_start": "'within hours of the ceasefire starting': the truce's first day",
    "speakers.honorific_titles": "'Lt Gen Ghai', 'Minister Natthapon': the person's name in full",
    # exfields4
    "speakers.title_ends_open": "'Syrian Observatory for Human Rights': no title and a name",
    "attribution.abbreviation_dots": "'according to the U.S. State Department': the name whole",
    "attribution.described_outlet": "'Palestinian news agency WAFA reported': the outlet relays",
    "date.month_words": "'last month', 'next month', 'In August, ...': a month's date",
    # exdates5
    "attribution.claimed_toll": "'the bombing has claimed over 250 lives': a toll, no speaker",
    "date.lead_breach_day": "an undated breach in the first event sentence: the day of the report",
    # explaces2
    "place.more_forms": "'east of Khan Younis', 'In Israel,', 'via the X crossing', 'in "
    "neighbouring X', 'in some parts of X'",
    "place.not_source": "'according to Libyan media' names a source, not a place",
    "place.town_then_area": "'to Ramallah in the West Bank', 'over Sumy in northern Ukraine'",
    "place.possessed": "'Yemen's third-largest city Taez', 'Jammu and Kashmir's Pahalgam'",
    "place.shared_direction": "'North and South Kivu': North Kivu; 'North' alone is no place",
    "place.town_anaphora": "'the community of Houla ... in the town': the town named before",
    "place.victims_demonym": "'hundreds of Yemenis were killed': in Yemen, a party's land",
    # branch exlearn: the learned candidate model (`learn.py`), fitted on dev
    "learn.recall": "a sentence the learned model finds holds a type the rules gave none of",
    # branch exlearn2: a learned candidate's fields by its type (`components/learned_fields.py`)
    "learn.cue": "a learned candidate's date, modality and actor read at its type's trigger word",
    "learn.counts": "a learned candidate's counts of its type's units, a release's nearest its cue",
    "learn.place": "a learned candidate's place, target and sides, as the rules set theirs",
    "learn.doc_rules": "the document's speaker and story-day rules settle learned candidates too",
    # branch exmiss: recall on the constructions of the dev misses held out by conflict
    # the lead, 2026-12-08: the planned ends told by "until" (exmiss's largest end construction)
    "date.until_ahead": "'is to last until at least Tuesday': a weekday after a schedule's "
    "'until' lies ahead",
    "end.until_planned": "'the ceasefire will last until January 29', 'from 12:00 on January 6 "
    "to 24:00 on January 7': a planned end, unless the sentence extends the truce",
    "end.more_verbs": "'the ceasefire broke down', 'came to an end', 'ending the truce', 'lift a "
    "ceasefire'",
    "release.exchange_told": "'the exchange of the first batch of prisoners took place', 'the "
    "prisoner exchange began', 'exchanged on Monday the first groups of prisoners'",
    "start.in_place_since": "'a ceasefire has been in place since Nov. 27', ', in effect since "
    "February 27': a start on that day",
    "aid.into": "'allowed some aid into Gaza', 'aid trucks rolled into', 'received its first aid "
    "convoy'",
    "release.handed_to": "'handed two hostages to the Red Cross', 'handed over a third group of "
    "hostages'",
}


def _precision_rules() -> dict[str, str]:
    from truce.extract.switches_precision import RULES as PRECISION

    return PRECISION


def _trigger_branches() -> dict[str, str]:
    """Each named alternative of the trigger table (`triggers.branches`) is a rule of its own."""
    from truce.extract.triggers import NAMED, TRIGGERS

    out = {}
    for kind, pattern in TRIGGERS.items():
        for group in NAMED[pattern].groupindex if pattern in NAMED else ():
            branch = group.split("__", 1)[1]
            out[f"trigger.{kind}.{branch}"] = f"the {kind} trigger's alternative '{branch}'"
    return out


RULES.update(_precision_rules())
RULES.update(_trigger_branches())
# The rules switched off now; read it, never assign it (use `switched_off`).
OFF: frozenset[str] = frozenset()


class UnknownRule(TruceError):
    """A rule name that is not in `RULES`."""

    code = "X802"
    default_hint = (
        "name rules as `python -m truce.extract.cv --help` and docs/extraction.md list them"
    )


def on(name: str) -> bool:
    """Whether the rule `name` is on (it is, unless switched off)."""
    return name not in OFF


def off() -> frozenset[str]:
    return OFF


@contextmanager
def switched_off(names: Iterable[str]) -> Iterator[None]:
    """Run the block with the rules `names` off (besides any already off)."""
    global OFF
    wanted = frozenset(names)
    unknown = sorted(wanted - RULES.keys())
    if unknown:
        raise UnknownRule(f"no such rule: {', '.join(unknown)}")
    before = OFF
    OFF = before | wanted
    try:
        yield
    finally:
        OFF = before
