"""The precision rules' names (branch `exprec`), kept apart from `switches.RULES` so that
rounds adding rules at once do not edit the same lines; `switches` reads them into `RULES`.

Each removes a class of false candidate seen across dev reports and conflicts.
"""

from __future__ import annotations

RULES: dict[str, str] = {
    "statement.one_turn": "sentences in a row by one speaker are one statement (its turn)",
    "meeting.talks_ahead": "'open to further talks', 'the start of negotiations': no meeting held",
    "term.threat_if_violated": "'will respond if the deal is violated': a threat, not a term",
    "term.accepts_proposal": "'agreed to a truce proposed by the Quad': an answer, not a term",
    "casualty.disaster": "an earthquake's or a storm's toll is no claim about the conflict",
    # round 7, exprec
    "sentences.headline_line": "a headline's line is a sentence even with no blank line after it",
    "doc.history": "an event dated, or told with years, three years or more before the report",
    "doc.headline_alone": "a headline the body does not retell (a second headline, a heading)",
    # round 11, exprec2
    "breach.supposed_modality": "a breach told as planned or conditional: a threat, no breach",
    "extension.asked_for": "an extension urged, asked for, refused or possible: none agreed",
    # round 12, exprec3
    "end.scheduled_past": "'was set to expire', 'was to end' in a report of its extension: no end",
    "doc.previous_truces": "'several previous ceasefire agreements have been violated': history",
    "breach.denied_allegation": "'Ukraine has denied these allegations' after a breach: denied",
    # round 13, extype
    "type.terms_told": "'the deal stipulates', 'neither side will', X said: a term, no statement",
    "type.accusation_is_breach": "'accused Ukraine of violating the truce': a breach, no statement",
    "type.took_effect_is_start": "'a ceasefire came into effect', no party agreeing: no term",
    "type.release_told": "'said the remains will be transferred at 9 pm': a release, no statement",
    "type.aid_told": "'an official said 600 aid trucks would go in': an aid delivery, no statement",
    "type.talks_ahead": "'looks forward to beginning talks', 'to be followed by talks': no meeting",
}
