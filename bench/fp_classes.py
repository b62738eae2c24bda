"""Error analysis of the extractor's false positives on the real DEV split, by type and cause.

    PYTHONPATH=src:. .venv/bin/python bench/fp_classes.py eval/real [--type statement] [--show]

Scores the dev reports (it reads no other split) and sorts every false
candidate into a class of cause, read off the candidate and its sentence:

- `duplicate`: another candidate of the same type in the report matched a gold event and
  shares its counts or its sentence's words (a retelling: headline, lead, body);
- `negative`: it overlaps a span of eval/real/negatives (a span that must yield no event);
- `wrong_type:T`: it overlaps a gold event of another type T (a confusion: a false candidate
  and a missed event);
- `not_occurred`: its modality is planned, conditional, denied or hoped;
- `background`: its sentence names a year before the report's (history, "the 2023 truce");
- `off_topic`: a statement whose sentence names no truce, deal, talks, captives or attack;
- `other`.

With `--show`, each false candidate is printed with its sentence (dev text: printed to the
terminal, never written to the repository). The classes are a first sort for a reader, not a
verdict: what a rule should do comes from reading the sentences.

`--taxonomy` (branch exprec3) sorts them instead into the classes of issue 11's precision
work, first that applies, read off the candidate's own words (`span`), its sentence, the
report's gold events and negative spans:

- `wrong_type:T`: it overlaps a gold event of another type T, which a candidate of type T
  matched (the sentence read as two events); `wrong_type:T:missed` when none did;
- `duplicate`: it retells a gold event of its type told elsewhere in the report (a count in
  common, the headline, half its sentence's words, or a cumulative total: "in all", "so
  far"); `duplicate:missed` when that gold event was matched by no candidate (the extractor
  took the other mention);
- `hypothetical`: told as planned, conditional or hoped, or in a clause of "would", "could",
  "should", "if", "calls for", "urged", "threatens", "demand", "proposal", "expected to";
- `denial`: denied, or "denied", "did not", "no ... violations", "never";
- `background`: another or an earlier truce, or years before the report ("the 2021 truce",
  "previous ceasefire"), or a negative span given as background or history;
- `outside_truce`: a negative span given as before the truce or after its end;
- `generic`: habitual or generic ("repeatedly", "routinely", "daily", "continue to");
- `convention:R`: over a negative span whose reason R is none of the above (a caption, a
  bystander, a third state's reaction, a telephone call);
- `unexplained`: none of these: read it (a gold miss, or a candidate with no event in it).

With `--held-out` the candidates are those `cv --by conflict` scores (the learned path's model
fitted per fold without the report's conflict); every false candidate is also counted by
what made it: `learned` for the learned path's, else the trigger-table alternative of its
sentence (`calibration.trigger`).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from typing import Any

from dev_split import held_out_dev, run, scored_dev

from truce.extract.calibration import trigger
from truce.extract.evaluate import EvalReport
from truce.extract.evaluate_real import _jsonl

TOPIC = re.compile(
    r"truce|cease-?fire|armistice|agree|deal|accord|talks|negotiat|hostage|prisoner|captive|"
    r"detainee|releas|exchange|swap|violat|breach|attack|strike|shell|fire|kill|aid|"
    r"humanitarian|withdraw|pause|halt|peace|mediat",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def classify(
    fp: dict[str, Any],
    found: list[dict[str, Any]],
    matched: set[int],
    text: str,
    year: int | None,
    negative: bool,
    golds: list[dict[str, Any]],
) -> str:
    if negative:
        return "negative"
    span = fp.get("span") or (0, 0)
    for g in golds:
        a, b = g["span"]
        if g["type"] != fp["type"] and a < span[1] and span[0] < b:
            return "wrong_type:" + g["type"]
    sentence = text[span[0] : span[1]]
    for i, other in enumerate(found):
        if i in matched and other["type"] == fp["type"]:
            same_qty = fp.get("quantities") and fp["quantities"] == other.get("quantities")
            o = other.get("span") or (0, 0)
            shared = _words(sentence) & _words(text[o[0] : o[1]])
            if same_qty or len(shared) >= max(4, len(_words(sentence)) // 2):
                return "duplicate"
    if fp.get("modality") not in (None, "occurred"):
        return "not_occurred"
    years = [int(y) for y in _YEAR.findall(sentence)]
    if year and years and max(years) < year:
        return "background"
    if fp["type"] == "statement" and not TOPIC.search(sentence):
        return "off_topic"
    return "other"


# --taxonomy: the constructions, read in the candidate's own words and its sentence.
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|should|might|(?-i:may)|must|if|unless|whether|once|calls? for|called for|"
    r"calling for|urg\w*|demand\w*|threat\w*|warn\w*|propos\w*|expected to|aim\w* to|"
    r"plans? to|planned|intend\w*|seeks? to|hopes?|hoped|ready to|willing to|prepared to|"
    r"likely|possible|possibly|potential|any (?:further |new )?(?:violation|breach|attack)s?)\b",
    re.IGNORECASE,
)
_DENIAL = re.compile(
    r"\b(?:den(?:y|ied|ies|ial)|rejected (?:the )?(?:claim|accusation|allegation)s?|did not|"
    r"didn't|has not|hasn't|have not|haven't|had not|was not|were not|never|no (?:\w+ ){0,2}"
    r"(?:violations?|breach(?:es)?|incidents?|casualties|attacks?|fighting)|without)\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"\b(?:previous|earlier|prior|former|another|an? (?:\w+ )?(?:similar|"
    r"separate|earlier|previous))\s+(?:\w+\s+)?(?:truce|cease-?fire|deal|agreement|"
    r"accord|pause|round|war|conflict|exchange)s?\b|\bsince (?:19|20)\d\d\b",
    re.IGNORECASE,
)
_GENERIC = re.compile(
    r"\b(?:repeatedly|routinely|regularly|frequently|often|daily|every day|constantly|"
    r"continu\w+ to|keeps? |habitually|persistent(?:ly)?|ongoing|systematic\w*)\b",
    re.IGNORECASE,
)
_CUMULATIVE = re.compile(
    r"\b(?:in all|in total|a total of|so far|to date|overall|altogether|cumulative|"
    r"since the (?:truce|cease-?fire|deal|pause|start)|bringing the (?:total|number))\b",
    re.IGNORECASE,
)
_NEG_BACKGROUND = re.compile(r"background|history|histor|earlier|previous|past|old", re.I)
_NEG_OUTSIDE = re.compile(
    r"before (?:the|a|any) (?:truce|cease|pause|deal)|after (?:the|a) (?:truce|cease|pause)|"
    r"lapsed|after (?:its|the) end|start of the war|before the (?:war|start)|ended",
    re.IGNORECASE,
)
_NEG_HYPOTHETICAL = re.compile(
    r"hypothe|conditional|speculat|threat|demand|future|planned|intent|hope|wish|proposal",
    re.IGNORECASE,
)
_NEG_DENIAL = re.compile(r"negation|denial|denied|no event|report of no", re.IGNORECASE)
_NEG_GENERIC = re.compile(r"generic|general|habitual|rhetoric", re.IGNORECASE)


def _values(c: dict[str, Any]) -> set[float]:
    return {
        q["value"]
        for q in c.get("quantities") or []
        if q.get("unit") not in ("days", "weeks", "months", "hours")
    }


def _headline(text: str, span: tuple[int, int]) -> bool:
    """Its line is short and has no closing stop (a headline, a heading, a standfirst)."""
    start = text.rfind("\n", 0, span[0]) + 1
    stop = text.find("\n", span[1])
    line = text[start : len(text) if stop < 0 else stop].strip()
    return bool(line) and len(line) < 200 and not line.endswith((".", '"', "\u201d", ":"))


def taxonomy(
    fp: dict[str, Any],
    text: str,
    year: int | None,
    negative: dict[str, Any] | None,
    golds: list[dict[str, Any]],
    matched_golds: set[str],
) -> str:
    """The class of one false candidate `fp` (see the module's doc), first that applies."""
    span = tuple(fp.get("span") or (0, 0))
    sent = tuple(fp.get("sentence_span") or span)
    own = text[span[0] : span[1]]
    sentence = text[sent[0] : sent[1]]
    for g in golds:
        a, b = g["span"]
        if g["type"] != fp["type"] and a < span[1] and span[0] < b:
            told = "" if g["id"] in matched_golds else ":missed"
            return "wrong_type:" + g["type"] + told
    mine = [g for g in golds if g["type"] == fp["type"]]
    values = _values(fp)
    for g in mine:
        shares = bool(values & _values(g))
        words = _words(sentence)
        same_words = len(words & _words(str(g.get("evidence") or ""))) >= max(4, len(words) // 2)
        if shares or same_words or _headline(text, sent) or _CUMULATIVE.search(sentence):
            return "duplicate" if g["id"] in matched_golds else "duplicate:missed"
    reason = str((negative or {}).get("reason") or "")
    # A demand or a warning is a statement by the gold's conventions: its words make none
    # hypothetical, its modality does.
    cued = fp["type"] != "statement" and _HYPOTHETICAL.search(own)
    if fp.get("modality") not in (None, "occurred", "denied") or cued:
        return "hypothetical"
    if negative and _NEG_HYPOTHETICAL.search(reason):
        return "hypothetical"
    if fp.get("modality") == "denied" or _DENIAL.search(own) or _NEG_DENIAL.search(reason):
        return "denial"
    years = [int(y) for y in _YEAR.findall(sentence)]
    if (year and years and max(years) < year) or _BACKGROUND.search(sentence):
        return "background"
    if negative and _NEG_BACKGROUND.search(reason):
        return "background"
    if negative and _NEG_OUTSIDE.search(reason):
        return "outside_truce"
    if _GENERIC.search(own) or (negative and _NEG_GENERIC.search(reason)):
        return "generic"
    if negative:
        return "convention:" + " ".join(reason.split(":")[0].split()[:4])
    return "unexplained"


def main(argv: list[str] | None = None) -> None:
    run(__doc__, "false candidates", argv, _run)


def _run(args: argparse.Namespace) -> None:
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    makers: dict[str, Counter[str]] = defaultdict(Counter)
    learned: Counter[str] = Counter()
    totals = EvalReport(fields={})
    source = (
        held_out_dev(args.folder, totals.events, args.cache)
        if args.held_out
        else scored_dev(args.folder, totals.events)
    )
    for real, found, report in source:
        text = real.text or ""
        golds = _jsonl(args.folder / "annotations" / f"{real.id}.jsonl")
        matched = {i for i, c in enumerate(found) if any(c is p[1] for p in report.pairs)}
        matched_golds = {g["id"] for g, _ in report.pairs}
        hits = {tuple(h["span"] or ()): h for h in report.negative_hits}
        negatives = {
            tuple(n["span"]): n for n in _jsonl(args.folder / "negatives" / f"{real.id}.jsonl")
        }
        published = str(real.meta.get("published") or "")[:4]
        year = int(published) if published.isdigit() else None
        for fp in report.false_positives:
            cand = next(
                c
                for c in found
                if c["type"] == fp["type"] and tuple(c.get("span") or ()) == tuple(fp["span"] or ())
            )
            if args.taxonomy:
                hit = hits.get(tuple(fp["span"] or ()))
                negative = next(
                    (n for n in negatives.values() if hit and n["text"] == hit["negative"]), None
                )
                cls = taxonomy(cand, text, year, negative, golds, matched_golds)
            else:
                cls = classify(
                    cand, found, matched, text, year, tuple(fp["span"] or ()) in hits, golds
                )
            made = "learned" if cand.get("learned") else trigger(cand, text)
            classes[fp["type"]][cls] += 1
            makers[fp["type"]][made] += 1
            learned[cls] += made == "learned"
            if args.show and (args.type in (None, fp["type"])) and args.cls in (None, cls):
                a, b = fp["span"] or (0, 0)
                src = (cand.get("source") or {}).get("speaker")
                print(
                    f"[{cls}] {real.id} {fp['type']} {cand.get('modality')} by={made} "
                    f"actor={cand.get('actor')} speaker={src}"
                )
                print("    " + " ".join(text[a:b].split())[:400])
    print(f"{'type':22} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}  classes")
    for kind, s in sorted(totals.events.items()):
        cls = ", ".join(f"{k} {v}" for k, v in classes[kind].most_common())
        print(
            f"{kind:22} {s.tp:4} {s.fp:4} {s.fn:4} {s.precision:6.3f} {s.recall:6.3f} "
            f"{s.f1:6.3f}  {cls}"
        )
    overall = totals.overall
    print(
        f"{'all':22} {overall.tp:4} {overall.fp:4} {overall.fn:4} {overall.precision:6.3f} "
        f"{overall.recall:6.3f} {overall.f1:6.3f}"
    )
    every: Counter[str] = sum(classes.values(), Counter())
    print("\nclass: false candidates (learned among them)")
    for cls, n in every.most_common():
        print(f"  {cls:40} {n:4} ({learned[cls]})")
    made_by: Counter[str] = sum(makers.values(), Counter())
    print("\nmade by: false candidates")
    for made, n in made_by.most_common(25):
        print(f"  {made:40} {n:4}")


if __name__ == "__main__":
    main()
