"""Event triggers: the words that say an event of each ledger type happened (or will).

One table, so adding an event type means adding a row here and, where it needs arguments of
its own, a small rule in its module under `components/kinds/` (one per event type).
"""

from __future__ import annotations

import re

TRUCE_NOUN = r"(?:truce|ceasefire|cease-fire|pause|halt|cessation of hostilities|armistice)"

# A party ordering its own forces to stop attacking starts a (partial) truce by itself: "Putin
# ordered the military to stop striking energy facilities".
ORDERED_HALT = (
    r"ordered (?:the|its|their|his|her|all) (?:[\w'’-]+ ){0,2}(?:military|army|forces|troops|"
    r"units|fighters|air force|navy) to (?:stop|halt|cease|suspend|end) (?:all )?(?:[\w-]+ )?"
    r"(?:striking|attacking|attacks|strikes|firing|fire|fighting|hostilities|operations|"
    r"shelling|bombing|bombardment)"
)


# Each trigger pattern built by `branches`, with its twin whose alternatives are named.
NAMED: dict[re.Pattern[str], re.Pattern[str]] = {}


def branches(kind: str, parts: list[tuple[str, str]]) -> re.Pattern[str]:
    """A trigger pattern made of alternatives, each with a name so that it can be switched off
    to measure it (`trigger.<kind>.<name>` in `truce.extract.switches`). The pattern itself has
    no groups (named groups made the regex engine up to 2x slower); its twin in `NAMED`, the
    same matches with each match's `lastgroup` telling its alternative, is used only while
    some rule is switched off."""
    plain = re.compile(rf"\b(?:{'|'.join(source for _, source in parts)})\b", re.IGNORECASE)
    body = "|".join(f"(?P<{kind}__{name}>{source})" for name, source in parts)
    NAMED[plain] = re.compile(rf"\b(?:{body})\b", re.IGNORECASE)
    return plain


TRIGGERS: dict[str, re.Pattern[str]] = {
    "release": branches(
        "release",
        [
            (
                "verb",
                r"freed|free|frees|freeing|released?|releases|releasing|handed over|"
                r"hand over|set free|swap(?:ped|s)?|exchanged?",
            ),
            (
                "returned",
                r"(?:had been|have been|has been|were|was) returned|returned home|"
                r"repatriated",
            ),
            # Receiving counted captives is their release by the other side.
            (
                "received",
                r"receiv(?:ed|es|ing)(?=\s+(?:the\s+|a\s+total\s+of\s+)?[\d,]+\s+"
                r"(?:[\w-]+\s+){0,2}(?:hostages|prisoners|captives|detainees|servicemen|soldiers|"
                r"prisoners of war)\b)",
            ),
        ],
    ),
    "ceasefire_start": branches(
        "ceasefire_start",
        [
            (
                "verb",
                r"(?:went|came|come|comes|go|goes|going) into (?:effect|force)|took effect|"
                r"takes? effect|took hold|began|begins|started|starts|kicked in|to begin",
            ),
            ("declared", rf"declared an? (?:\w+ )?{TRUCE_NOUN}"),
            ("ordered_halt", ORDERED_HALT),
        ],
    ),
    "ceasefire_extension": re.compile(
        r"\b(?:extend(?:ed|ing|s)?|extension|prolong(?:ed)?|renew(?:ed|al)?)\b", re.IGNORECASE
    ),
    "ceasefire_end": branches(
        "ceasefire_end",
        [
            (
                "verb",
                r"expired?|expires|collapsed?|lapsed?|(?:has|had|was) ended|ended|"
                r"(?:to|would|will) end",
            ),
            ("resumed", r"resumed (?:fighting|hostilities|(?:its|the) (?:offensive|war|strikes))"),
            ("over", r"(?:is|was|are) over"),
            # The truce broken as news, in words of its own: "shattering the fragile two-month-old
            # ceasefire", "shattered an earlier truce".
            (
                "shattered",
                rf"shatter(?:ed|ing|s) (?:the|an?|its) (?:[\w'’-]+ ){{0,3}}?{TRUCE_NOUN}",
            ),
        ],
    ),
    "breach": branches(
        "breach",
        [
            (
                "word",
                r"breach(?:es|ed|ing)?|violat(?:ed|es|ion|ions|ing)|br(?:oke|eaking|oken) "
                r"(?:the|it)",
            ),
            (
                "accused",
                r"accus(?:ed|es|ing) [^.]{0,80}? of (?:\w+ly )?(?:attacking|shelling|"
                r"firing|breaking|violating)",
            ),
            (
                "continued",
                r"(?:shelling|attacks|assaults|fighting|firing)(?: and \w+)? "
                r"(?:had |has |have )?continued",
            ),
            # A party asserting it kept the truce answers an accusation: a breach, denied.
            (
                "observed",
                rf"(?:observed|respected|abided by|complied with) (?:the|a|its) "
                rf"{TRUCE_NOUN}",
            ),
            (
                "denied",
                r"den(?:y|ies|ied|ying) that (?:its|their) (?:troops|forces|soldiers|"
                r"fighters|units) (?:are|were|had been|have been) (?:fighting|attacking|firing|"
                r"shelling)",
            ),
            ("access", r"(?:refused|denied|blocked|barred) access"),
            (
                "sporadic",
                r"(?:sporadic|isolated|renewed|intermittent) (?:shelling|fighting|"
                r"clashes|gunfire|fire)",
            ),
            # Attacks told without the word "breach": kept up ("continued to shell", "continue
            # to launch offensives"), counted or launched ("carried out 26 assaults", "launched
            # a drone attack"), or set against the truce ("shot at their positions despite the
            # truce").
            (
                "kept_up",
                r"continu(?:ed|es|e|ing) (?:to )?(?:[\w-]+ ){0,2}?(?:fight\w*|attack\w*|"
                r"shell\w*|strik(?:e|es|ing)|bomb\w*|fir(?:e|ing)|launch\w*|carry(?:ing)? out|"
                r"operations|offensives?|assaults?|air ?strikes|attempts to inflict)",
            ),
            (
                "carried_out",
                r"carr(?:ied|ying|y) out (?:[\w-]+ ){0,3}?(?:assaults|attacks|strikes|"
                r"air ?strikes|raids|offensives)",
            ),
            (
                "launched",
                r"launched (?:an? )?(?:[\w-]+ ){0,2}?(?:drone|missile|rocket|air) ?"
                r"(?:attacks?|strikes?)",
            ),
            # Fire opened at someone, told as news: "troops opened fire at vehicles", "units
            # opened fire in the direction of three settlements".
            (
                "opened_fire",
                r"opened fire (?:on|at|upon|in the direction of|towards?)",
            ),
            (
                "despite",
                rf"(?:attacked|struck|shelled|bombed|fired|shot|killed|raided) "
                rf"[^.;]{{0,100}}?\bdespite (?:the|a|an|its) (?:[\w-]+ ){{0,2}}?{TRUCE_NOUN}",
            ),
        ],
    ),
    "meeting": re.compile(
        r"\b(?:met|meet|meets|meeting|talks|discuss(?:ed|ions?)?|summit|negotiat(?:ions?|ed|ing)|"
        r"convened?)\b",
        re.IGNORECASE,
    ),
    "casualty_claim": re.compile(
        r"\b(?:killed|killing|dead|deaths?|died|lives|wounded|injured|casualties)\b",
        re.IGNORECASE,
    ),
    "aid_delivery": branches(
        "aid_delivery",
        [
            (
                "noun_first",
                r"\b(?:aid|trucks?|lorries|convoys?|fuel|supplies|humanitarian "
                r"assistance)\b.{0,60}?\b(?:entered|enter|delivered|crossed|arrived|reached|"
                r"allowed in(?:to)?|admitted|unloaded)\b",
            ),
            ("verb_first", r"\b(?:entered|delivered|crossed)\b.{0,40}?\b(?:aid|trucks?|fuel)\b"),
        ],
    ),
    "agreement_term": branches(
        "agreement_term",
        [
            (
                "provision",
                r"provision|stipulat(?:es?|ed)|under the (?:deal|agreement|terms|truce|"
                r"first phase)|the (?:deal|agreement|truce) (?:allows|provides|calls for|includes|"
                r"requires)",
            ),
            ("ratio", r"for (?:each|every) (?:hostage|prisoner|captive)|per hostage"),
            # "agreed (in a call with X) to a halt": a prepositional phrase may come between;
            # its full stops only after a one-letter word ("U.S."). No capitals in the
            # pattern, so that it can run on the lowered sentence.
            (
                "agreed",
                r"agreed (?:(?:in|at|during|with|by|over) (?:[^.,;]|(?<=\b\w)\.){1,80}? )?"
                r"(?:to|that|on)",
            ),
            ("terms_of", r"terms? of the"),
            ("is_to", r"(?:is|are|were) to (?!(?:be )?(?:free|freed|release|released|hand)\b)\w+"),
            ("duration", r"would last"),
            ("provides", r"provides? for|commits"),
            (
                "can_extend",
                r"can be (?:extended|renewed|lengthened)|could be (?:extended|renewed|"
                r"lengthened)",
            ),
            ("scope", r"does not (?:cover|apply)"),
            (
                "signed",
                r"signed an? (?:\w+ )?(?:agreement|deal)|approved [^.]{0,40}?"
                r"(?:deal|agreement)",
            ),
        ],
    ),
    "statement": re.compile(
        r"\b(?:hope|hopeful|hoping|focus|urged|called (?:for|on)|warned|vowed|pledged|"
        r"welcomed|condemned|insisted|threatened)\b",
        re.IGNORECASE,
    ),
}

TRUCE_NOUNS = re.compile(rf"\b{TRUCE_NOUN}s?\b", re.IGNORECASE)
TRUCE_WORDS = re.compile(
    rf"\b{TRUCE_NOUN}s?\b|\bdeal\b|\bagreement\b|\bunder the (?:terms|plan)\b", re.IGNORECASE
)
# A truce in other words, looked for only where the words above are missing and one of the
# nouns below is there: "the parties had agreed to halt all offensive military operations".
HALT_NOUNS = ("operations", "hostilities", "fighting", "attacks", "firing", "military action")
HALT = re.compile(
    r"\b(?:halt|stop|cease|end)(?:ed|ing|s)? (?:all )?(?:[\w,-]+ ){0,6}"
    r"(?:operations|hostilities|fighting|attacks|firing|military action)\b",
    re.IGNORECASE,
)
# A sentence that states what the deal provides: deliveries in it are terms, not events.
TERM_CUES = re.compile(
    r"\b(?:provides? for|stipulat(?:es|ed)|calls for|under the (?:deal|agreement|terms)|"
    r"would be allowed|are to be allowed|is to be allowed)\b",
    re.IGNORECASE,
)
EXCHANGE = re.compile(r"\b(?:in return for|in exchange for|in a swap for|for)\b", re.IGNORECASE)

CATEGORY_WORDS: dict[str, re.Pattern[str]] = {
    "women": re.compile(r"\bwom[ae]n\b|\bfemale\b|\bmothers?\b", re.IGNORECASE),
    "children": re.compile(r"\bchild(?:ren)?\b|\bkids?\b|\bteenagers?\b", re.IGNORECASE),
    "minors": re.compile(r"\bminors?\b|\bunder 18\b|\bteenagers?\b", re.IGNORECASE),
    "foreign-nationals": re.compile(
        r"\bforeign(?:ers| nationals?)\b|\bThai\b|\bFilipinos?\b|\bdual nationals?\b"
    ),
    "soldiers": re.compile(r"\bsoldiers?\b", re.IGNORECASE),
    "elderly": re.compile(r"\belderly\b|\bover (?:50|60)\b", re.IGNORECASE),
}

CATEGORY_CUE_WORDS: dict[str, tuple[str, ...]] = {
    "women": ("wom", "female", "mother"),
    "children": ("child", "kid", "teen"),
    "minors": ("minor", "under 18", "teen"),
    "foreign-nationals": ("foreign", "thai", "filipino", "dual national"),
    "soldiers": ("soldier",),
    "elderly": ("elderly", "over 50", "over 60"),
}

# Substrings one of which a lowered sentence must hold before a trigger's regex is worth running
# (found through `KINDS_CUED`, below): most sentences hold none for most kinds.
PREFILTER_WORDS: dict[str, tuple[str, ...]] = {
    "release": ("free", "releas", "hand", "swap", "exchang", "return", "repatriat", "receiv"),
    "ceasefire_start": (
        *("effect", "force", "hold", "began", "begin", "start", "kicked", "declared", "ordered"),
    ),
    "ceasefire_extension": ("exten", "prolong", "renew"),
    # "over" alone is in "government", "overnight", "over 50": the trigger needs "is over".
    "ceasefire_end": (
        "expir",
        "collaps",
        "laps",
        "end",
        "resumed",
        "is over",
        "was over",
        "are over",
        "shatter",
    ),
    "breach": (
        *("breach", "violat", "brok", "break", "accus", "continued", "observed", "respected"),
        *("abided", "complied", "deni", "deny", "access", "sporadic", "isolated", "renewed"),
        *("intermittent", "continu", "carr", "launched", "despite", "opened fire"),
    ),
    "meeting": ("met", "meet", "talks", "discuss", "summit", "negotia", "conven"),
    "casualty_claim": ("kill", "dead", "death", "died", "lives", "wound", "injur", "casualt"),
    "aid_delivery": ("aid", "truck", "lorr", "convoy", "fuel", "suppl", "assistance"),
    # Every delivery the trigger finds has one of these verbs too ("aid" alone is in "said").
    "aid_delivery_verb": (
        *("enter", "deliver", "cross", "arriv", "reach", "allowed in", "admit", "unload"),
    ),
    "agreement_term": (
        "provision",
        "stipulat",
        "under the",
        "the deal",
        "the agreement",
        "the truce",
        "as long as",
        "for each",
        "for every",
        "per hostage",
        "agreed",
        "term",
        # What "is to <verb>" needs; " to " alone is in nearly every sentence.
        "is to ",
        "are to ",
        "were to ",
        "provide",
        "would last",
        "commits",
        "can be",
        "could be",
        "does not",
        "signed",
        "approved",
    ),
    "statement": (
        "hope",
        "focus",
        "urged",
        "called",
        "warned",
        "vowed",
        "pledged",
        "welcomed",
        "condemned",
        "insisted",
        "threatened",
    ),
}


# Keyed by identity: a pattern's hash is worked out from its whole source on every look-up.
_TWINS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def lowercase_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern without IGNORECASE, to run on lowered text (`lexicon_numbers.lowered`): the
    same matches, 2-4x faster. None when the pattern spells capitals of its own (then only the
    original will do)."""
    known = _TWINS.get(id(pattern))
    if known is not None and known[0] is pattern:
        return known[1]
    bare = re.sub(r"\\.", "", pattern.pattern)
    usable = pattern.flags & re.IGNORECASE and not re.search(r"[A-Z]", bare)
    twin = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE) if usable else None
    _TWINS[id(pattern)] = (pattern, twin)
    return twin


def has_cue(lowered: str, cues: tuple[str, ...]) -> bool:
    """Whether one of `cues` is in `lowered`."""
    return any(map(lowered.__contains__, cues))


class CueIndex:
    """Which names have one of their literal cues in a lowered text (`any(c in text for c in
    cues)`), at the cost of a dictionary look-up per word instead of a search per name.

    A cue without a space lies inside one word of the text, so the names a text cues are the
    union of those its words cue, and a word's are worked out once per process. A cue with a
    space is looked for in the text itself, and only when its longest piece between spaces
    (which lies inside one word too) is in one of the text's words: the words' look-up finds
    the piece, as a key that no name can be ("\0" and the piece).
    """

    _MAX_WORDS_KEPT = 200_000  # a corpus's vocabulary; beyond it words are worked out each time

    def __init__(self, cues: dict[str, tuple[str, ...]]) -> None:
        self.word_cues = {
            name: tuple(c for c in words if " " not in c) for name, words in cues.items()
        }
        self.phrase_cues = {
            name: phrases
            for name, words in cues.items()
            if (phrases := tuple(c for c in words if " " in c))
        }
        # Each phrase under the key of its longest piece; one made of spaces alone under "".
        self.by_piece: dict[str, list[tuple[str, str]]] = {}
        for name, phrases in self.phrase_cues.items():
            for phrase in phrases:
                piece = max(phrase.split(), key=len, default="")
                key = f"\0{piece}" if piece else ""
                self.by_piece.setdefault(key, []).append((name, phrase))
        self.pieces = frozenset(key for key in self.by_piece if key)
        self.by_word: dict[str, frozenset[str]] = {}
        # Each cue (and phrase piece) with the names it stands for, and the lengths cues have:
        # a new word's names are found by looking up its substrings of those lengths.
        by_cue: dict[str, set[str]] = {}
        for name, words in self.word_cues.items():
            for cue in words:
                by_cue.setdefault(cue, set()).add(name)
        for key in self.pieces:
            by_cue.setdefault(key[1:], set()).add(key)
        self.by_cue = {cue: frozenset(names) for cue, names in by_cue.items()}
        self.lengths = sorted({len(cue) for cue in by_cue})

    def _cued_by(self, word: str) -> frozenset[str]:
        # What `any(c in word for c in cues)` gives for each name (and each piece), found by
        # the word's substrings: five times faster for a word seen the first time.
        found: set[str] = set()
        get = self.by_cue.get
        for size in self.lengths:
            for at in range(len(word) - size + 1):
                names = get(word[at : at + size])
                if names:
                    found |= names
        cued = frozenset(found)
        if len(self.by_word) < self._MAX_WORDS_KEPT:
            self.by_word[word] = cued
        return cued

    def __call__(self, lowered: str) -> set[str]:
        words = lowered.split()
        names: set[str]
        try:
            # Every word known (the common case): the union runs in C.
            names = set().union(*map(self.by_word.__getitem__, words))
        except KeyError:
            known = self.by_word
            names = set().union(*(known[w] if w in known else self._cued_by(w) for w in words))
        pieces = names & self.pieces
        names -= pieces
        if "" in self.by_piece:
            pieces.add("")
        for key in pieces:
            for name, phrase in self.by_piece[key]:
                if name not in names and phrase in lowered:
                    names.add(name)
        return names


# Few sentences name a category: one pass over all the cues rules most of them out. Substring
# tests (`in`), several times faster here than a regex alternation of the same literals.
ANY_CATEGORY_CUE = tuple(dict.fromkeys(w for ws in CATEGORY_CUE_WORDS.values() for w in ws))


KINDS_CUED = CueIndex(PREFILTER_WORDS)
# Cue sets a kind needs besides its own (each a key of PREFILTER_WORDS that is no kind).
ALSO_NEEDS = {"aid_delivery": "aid_delivery_verb"}


def kinds_cued(lowered: str) -> set[str]:
    """The event kinds whose trigger can match in `lowered` (a lowered sentence)."""
    return kinds_of(KINDS_CUED(lowered))


def kinds_of(cued: set[str]) -> set[str]:
    """The event kinds left of `cued` (names of `PREFILTER_WORDS` a text cues): a kind that
    needs another cue set (`ALSO_NEEDS`) only with it, and no name that is no kind."""
    for kind, needed in ALSO_NEEDS.items():
        if needed in cued:
            cued.discard(needed)
        else:
            cued.discard(kind)
    return cued
