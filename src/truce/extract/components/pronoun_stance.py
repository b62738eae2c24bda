"""A sentence that opens with a pronoun taking a position in a verb of its own.

   Zelenskiy said the exchange went well. He vowed to press for more exchanges.

"He vowed", "It also called on Kyiv to ...", "The ministry emphasized that ...": no speech
verb, yet the pronoun (or "the group", "the ministry", the anaphors attribution knows) speaks,
for the last speaker as "he said" does; and such a sentence takes a new position, so it opens
a statement of its own rather than going on with the speaker's turn (both rule
`attribution.pronoun_stance`: without the second, the first's statements join the turn).
"""

from __future__ import annotations

import re

PRONOUN_STANCE = re.compile(
    r"\s*(?:(?:But|And|Yet|However|Also|Later|Meanwhile|Then),?\s+)?"
    r"(?P<np>(?:He|She|It|They|The (?:group|movement|ministry|spokesman|spokeswoman|minister|"
    r"envoy|mediator|president|statement)))\s+"
    r"(?:(?:has|have|had|also|further|later|then|again|[a-z]{3,}ly)\s+)*"
    r"(?:vowed|pledged|promised|called\s+(?:on|upon|for)|urged|appealed|congratulated|"
    r"condemned|welcomed|thanked|praised|hailed|demanded|rejected|emphasi[sz]ed|reiterated|"
    r"reaffirmed|affirmed|expressed|insisted|threatened|critici[sz]ed|argued)\b"
)
