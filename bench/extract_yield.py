"""How much of extraction's time a sentence prefilter could save: the share of sentences (and
of their characters) that give a candidate, and the time each component spends per article.

Run:
    .venv/bin/python bench/extract_yield.py [--articles 300] [--rounds 2] [--real-dev]

A prefilter skips the work on sentences that cannot give a candidate. Whatever test it uses,
it cannot skip a sentence that does give one, so the work on those sentences is a floor no
prefilter goes below. This measures, on the speed bench's generated articles (or with
`--real-dev` the dev split's real reports whose texts are present), in one process:

- the sentences the events component reads (those before the body's end and outside
  boilerplate), those a trigger or cue word of any kind cues (`events.cues_of`: what the
  component's own prefilter reads), and those inside the sentence of a candidate of the
  document's final output (the rules' and the learned path's);
- the kind rules' time (`events._sentence_events`) on sentences that gave the kinds no
  candidate, on those that gave some, and on those no kind was cued in (tried because someone
  speaks in them, for a statement, or a term came just before); and each kind's calls
  (`kinds.RULES`) that gave a candidate and those that gave none;
- the candidates of sentences no kind is cued in, the rules' and the learned path's (what a
  prefilter on the cue words alone would lose);
- CPU milliseconds per article of each component.

It prints three ceilings, each an upper bound on what skipping work could save: a perfect
prefilter (an oracle that knows which sentences give a candidate), the same that also skips
every kind's call that gives none inside the sentences that do give one, and a prefilter on the
cue words (which would drop the candidates counted above). They assume the other components'
work on a sentence is in proportion to its characters (the whole-text passes: tokens, actors,
quantities, times) or its count (the per-sentence ones: attribution, modality, the learned
model's scores), and that none of it is needed for a sentence with no candidate; both are
generous (the learned path scores every sentence to find events no rule cued, attribution
carries the last speaker from sentence to sentence), so a real prefilter saves less.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract import corpus  # noqa: E402
from extract_ab import real_dev_texts  # noqa: E402

import truce.extract.components.events as events  # noqa: E402
from truce.extract.components.kinds import RULES  # noqa: E402
from truce.extract.model import Article, Candidate  # noqa: E402
from truce.extract.pipeline import annotate, annotation, build_pipeline  # noqa: E402

clock = time.process_time
# Components whose work goes with the characters of the text, and with the sentences.
_BY_CHARS = ("tokenizer", "truce_sentences_v1", "truce_actors_v1", "truce_quantities_v1")
_BY_CHARS += ("truce_times_v1",)
_BY_SENTENCES = ("truce_attribution_v1", "truce_modality_v1", "truce_learned_v1")


class KindsTimer:
    """`events._sentence_events` timed, each sentence filed by whether it gave a candidate."""

    def __init__(self) -> None:
        self.run = events._sentence_events
        self.seconds: Counter[str] = Counter()
        self.sentences: Counter[str] = Counter()
        self.on = False

    def __call__(self, *args: Any) -> list[Candidate]:
        start = clock()
        found = self.run(*args)
        if self.on:
            key = "gave" if found else "gave none"
            seconds = clock() - start
            self.seconds[key] += seconds
            self.sentences[key] += 1
            if not args[3]:  # no kind cued: tried for a speaker (statements) or a term's run
                self.seconds["uncued"] += seconds
                self.sentences["uncued"] += 1
        return found


class KindCalls:
    """Each kind's rule (`kinds.RULES`) timed, each call filed by whether it gave a candidate."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self.on = False
        for kind, rule in list(RULES.items()):
            RULES[kind] = replace(rule, extract=self.timed(kind.value, rule.extract))

    def timed(self, kind: str, run: Callable[..., list[Candidate]]) -> Callable[..., Any]:
        def call(*args: Any) -> list[Candidate]:
            start = clock()
            found = run(*args)
            if self.on:
                seconds = clock() - start
                key = "gave" if found else "gave none"
                self.seconds[key] += seconds
                self.calls[key] += 1
                if not found:
                    self.seconds[f"{kind}, gave none"] += seconds
            return found

        return call


def read(nlp: Any, text: str, times: Counter[str] | None) -> Any:
    start = clock()
    doc = nlp.make_doc(text)
    annotate(doc, "article", Article(text=text, document="y", published=date(2023, 11, 28)))
    if times is not None:
        times["tokenizer"] += clock() - start
    for name, component in nlp.pipeline:
        start = clock()
        doc = component(doc)
        if times is not None:
            times[name] += clock() - start
    return doc


def tally(doc: Any, text: str, counts: Counter[str]) -> None:
    """The document's sentences and characters: read, cued, inside a candidate's sentence."""
    candidates = annotation(doc, "candidates") or []
    told = [c.sentence_span or c.span for c in candidates]
    cues = annotation(doc, "cues") or {}
    body_end = annotation(doc, "body_end")
    body_end = len(text) if body_end is None else body_end
    skip = annotation(doc, "boilerplate") or []
    for index, (start, end) in enumerate(annotation(doc, "sentences") or []):
        size = end - start
        counts["sentences"] += 1
        counts["chars"] += size
        if start >= body_end or any(a < end and start < b for a, b in skip):
            continue
        counts["read sentences"] += 1
        counts["read chars"] += size
        cued, attack, _ = cues.get(index) or events.cues_of(text[start:end].lower())
        if cued or attack:
            counts["cued sentences"] += 1
            counts["cued chars"] += size
        if any(a < end and start < b for a, b in told):
            counts["giving sentences"] += 1
            counts["giving chars"] += size
        if not (cued or attack):
            inside = [c for c in candidates if _overlap(c.sentence_span or c.span, start, end)]
            counts["uncued, rule candidates"] += sum(not c.learned for c in inside)
            counts["uncued, learned candidates"] += sum(c.learned for c in inside)


def _overlap(span: tuple[int, int], start: int, end: int) -> bool:
    return span[0] < end and start < span[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--real-dev", action="store_true")
    args = parser.parse_args()
    texts = real_dev_texts() if args.real_dev else corpus(args.articles, 500)
    kinds = KindsTimer()
    calls = KindCalls()
    events._sentence_events = kinds  # type: ignore[assignment]
    nlp = build_pipeline()
    counts: Counter[str] = Counter()
    for text in texts:  # the first pass: warms the caches, counts the sentences
        tally(read(nlp, text, None), text, counts)
    kinds.on = calls.on = True
    times: Counter[str] = Counter()
    for _ in range(args.rounds):
        for text in texts:
            read(nlp, text, times)
    runs = len(texts) * args.rounds
    ms = {name: round(seconds / runs * 1000, 3) for name, seconds in times.items()}
    total = sum(ms.values())
    kinds_ms = {k: round(v / runs * 1000, 3) for k, v in kinds.seconds.items()}
    calls_ms = {k: round(v / runs * 1000, 3) for k, v in calls.seconds.most_common()}
    # The ceiling: every component's share on the sentences that give nothing, skipped.
    none_chars = 1 - counts["giving chars"] / counts["chars"]
    none_sentences = 1 - counts["giving sentences"] / counts["sentences"]
    saved = sum(ms.get(n, 0.0) for n in _BY_CHARS) * none_chars
    saved += sum(ms.get(n, 0.0) for n in _BY_SENTENCES) * none_sentences
    saved += kinds_ms.get("gave none", 0.0)
    # And within the sentences that give one, every kind's call that gives none.
    by_kind = saved - kinds_ms.get("gave none", 0.0) + calls_ms.get("gave none", 0.0)
    # A prefilter on the cue words: the sentences no trigger or cue word of any kind cues.
    uncued_chars = 1 - counts["cued chars"] / counts["chars"]
    uncued_sentences = 1 - counts["cued sentences"] / counts["sentences"]
    by_cue = sum(ms.get(n, 0.0) for n in _BY_CHARS) * uncued_chars
    by_cue += sum(ms.get(n, 0.0) for n in _BY_SENTENCES) * uncued_sentences
    by_cue += kinds_ms.get("uncued", 0.0)
    report = {
        "texts": "real dev reports" if args.real_dev else "bench articles",
        "articles": len(texts),
        "rounds": args.rounds,
        "sentences": {
            "all": counts["sentences"],
            "read by the events component": counts["read sentences"],
            "cued (a trigger or cue word of some kind)": counts["cued sentences"],
            "inside a candidate's sentence": counts["giving sentences"],
        },
        "share of characters": {
            "read": round(counts["read chars"] / counts["chars"], 3),
            "cued": round(counts["cued chars"] / counts["chars"], 3),
            "inside a candidate's sentence": round(counts["giving chars"] / counts["chars"], 3),
        },
        "kind rules, sentences per pass": {k: v // args.rounds for k, v in kinds.sentences.items()},
        "kind rules, ms per article": kinds_ms,
        "kind calls per pass": {k: v // args.rounds for k, v in calls.calls.items()},
        "kind calls, ms per article": calls_ms,
        "ms per article": ms,
        "ms per article, all": round(total, 3),
        "events component besides the kind rules, ms per article": round(
            ms.get("truce_events_v1", 0.0)
            - sum(kinds.seconds[k] for k in ("gave", "gave none")) / runs * 1000,
            3,
        ),
        "candidates in uncued sentences (per pass)": {
            "rules'": counts["uncued, rule candidates"],
            "learned": counts["uncued, learned candidates"],
        },
        "ceiling": {
            "ms per article a perfect prefilter could skip": round(saved, 3),
            "speed-up at most": round(total / (total - saved), 3),
            "ms per article skipping every kind call that gives none too": round(by_kind, 3),
            "speed-up at most, so": round(total / (total - by_kind), 3),
            "ms per article skipping the uncued sentences": round(by_cue, 3),
            "speed-up at most, skipping the uncued sentences": round(total / (total - by_cue), 3),
        },
    }
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
