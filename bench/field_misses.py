"""Error analysis of the matched pairs whose date or attribution is wrong, on the real DEV split.

    PYTHONPATH=src:. .venv/bin/python bench/field_misses.py eval/real [--type statement] [--show]
    PYTHONPATH=src:. .venv/bin/python bench/field_misses.py eval/real --cls date:undated --show

Scores the dev reports (it reads no other split's annotations) and sorts every matched pair
whose calendar day or attribution (speaker, anonymous, via: `evaluate_real`'s test) disagrees
with the gold into a class, read off the pair, the report's other events and its text.

Dates (`date:`):

- `no_published`: the report has no publication date (relative dates stay undated by rule);
- `undated:pub_day`: the candidate is undated, the gold dates it the day of publication;
- `undated:anchor`: undated, and the gold's day is that of an earlier dated candidate of the
  same paragraph (the day the story is at there);
- `undated:other`: undated, the gold dates it some other day;
- `spurious:story`: the candidate has a day its sentence does not name (taken from the story)
  and the gold leaves it undated; `spurious:own`, a day its sentence names;
- `wrong_day:±1`, `wrong_day:year`, `wrong_day:other`: both dated, on different days.

Attribution (`attr:`):

- `via`: the speaker and anonymity agree, the relaying outlet does not;
- `anonymous`: one side has an unnamed source, the other not;
- `missing:pronoun`: the gold names a speaker, the candidate none, and the sentence speaks
  through a pronoun or a definite description ("he said", "the ministry said");
- `missing:earlier`: no speaker, and the gold's speaker is named earlier in the text;
- `missing:in_sentence`: no speaker, and the gold's speaker is named in the sentence;
- `missing:other`;
- `spurious`: the candidate names a speaker where the gold has the writer's narration;
- `differs:spelling`: both name a speaker, sharing a word (a spelling of one name);
- `differs:other`: two different speakers.

With `--show`, each pair is printed with its sentence (dev text: printed to the terminal,
never written to the repository).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from dev_split import run, scored_dev

from truce.extract.evaluate import Score
from truce.extract.evaluate_real import _day, attribution_agrees
from truce.extract.name_match import same_name

_PRONOUN = re.compile(
    r"(?:^|[,;“”\"]\s*|\b(?:and|but)\s+)(?:he|she|they|it|the\s+(?:\w+\s+){0,2}?"
    r"(?:ministry|group|movement|army|military|official|spokesman|spokeswoman|office|"
    r"statement|government|minister|president|source|agency|militia|forces))\s+"
    r"(?:\w+\s+)?(?:said|says|added|told|stated|noted|warned|claimed|confirmed|reported)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]{3,}")
_COMMON = {"the", "and", "for", "ministry", "foreign", "defence", "defense", "office", "forces"}


def _words(name: str | None) -> set[str]:
    return set(_WORD.findall((name or "").lower())) - _COMMON


def _paragraph_start(text: str, at: int) -> int:
    return text.rfind("\n\n", 0, at) + 1


def date_class(
    gold: dict[str, Any],
    got: dict[str, Any],
    found: list[dict[str, Any]],
    text: str,
    published: date | None,
) -> str:
    g, c = _day(gold), _day(got)
    if published is None:
        return "date:no_published"
    if c is None:
        if g == published.isoformat():
            return "date:undated:pub_day"
        start = (got.get("span") or (0, 0))[0]
        lo = _paragraph_start(text, start)
        before = [
            f
            for f in found
            if f is not got and _day(f) and lo <= (f.get("span") or (0, 0))[0] < start
        ]
        if before and _day(max(before, key=lambda f: f["span"][0])) == g:
            return "date:undated:anchor"
        return "date:undated:other"
    if g is None:
        s = got.get("sentence_span") or got.get("span") or (0, 0)
        own = any(t in text[s[0] : s[1]].lower() for t in _DAY_WORDS)
        return "date:spurious:own" if own else "date:spurious:story"
    gd, cd = date.fromisoformat(g), date.fromisoformat(c)
    if abs((gd - cd).days) == 1:
        return "date:wrong_day:±1"
    if (gd.month, gd.day) == (cd.month, cd.day):
        return "date:wrong_day:year"
    return "date:wrong_day:other"


_DAY_WORDS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tonight", "overnight", "morning", "evening", "night", "january", "february",
    "march", "april", "may ", "june", "july", "august", "september", "october", "november",
    "december", " jan.", " feb.", " aug.", " sept.", " oct.", " nov.", " dec.",
)  # fmt: skip


def attribution_class(gold: dict[str, Any], got: dict[str, Any], text: str) -> str:
    gs, cs = gold.get("source") or {}, got.get("source") or {}
    same_speaker = same_name(gs.get("speaker"), cs.get("speaker"))
    if same_speaker and bool(gs.get("anonymous")) == bool(cs.get("anonymous")):
        return "attr:via"
    if bool(gs.get("anonymous")) != bool(cs.get("anonymous")):
        return "attr:anonymous"
    gname, cname = gs.get("speaker"), cs.get("speaker")
    if gname and not cname:
        s = got.get("sentence_span") or got.get("span") or (0, 0)
        sentence = text[s[0] : s[1]]
        if _PRONOUN.search(sentence):
            return "attr:missing:pronoun"
        words = _words(gname)
        if words and words <= _words(sentence):
            return "attr:missing:in_sentence"
        if words and words <= _words(text[: s[0]]):
            return "attr:missing:earlier"
        return "attr:missing:other"
    if cname and not gname:
        return "attr:spurious"
    if _words(gname) & _words(cname):
        return "attr:differs:spelling"
    return "attr:differs:other"


def main(argv: list[str] | None = None) -> None:
    run(__doc__, "pairs", argv, _run)


def _run(args: argparse.Namespace) -> None:
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    right = {"date": Score(), "attr": Score()}
    for real, found, report in scored_dev(args.folder, {}):
        text = real.text or ""
        published = real.meta.get("published")
        day = date.fromisoformat(published[:10]) if published else None
        for gold, got in report.pairs:
            wrong = []
            date_ok = _day(gold) == _day(got)
            attr_ok = attribution_agrees(gold, got)
            for field, ok in (("date", date_ok), ("attr", attr_ok)):
                right[field].pairs += 1
                right[field].agreed += ok
            if not date_ok:
                wrong.append(date_class(gold, got, found, text, day))
            if not attr_ok:
                wrong.append(attribution_class(gold, got, text))
            for cls in wrong:
                classes[cls.split(":")[0]][cls] += 1
                wanted = args.type in (None, gold["type"])
                if args.show and wanted and (args.cls is None or cls.startswith(args.cls)):
                    _show(cls, gold, got, text)
    for field, score in right.items():
        print(f"{field}: {score.agreed}/{score.pairs} right ({score.accuracy:.1%})")
        for cls, n in classes[field].most_common():
            print(f"    {cls:28} {n:4}")


def _show(cls: str, gold: dict[str, Any], got: dict[str, Any], text: str) -> None:
    gs, cs = gold.get("source") or {}, got.get("source") or {}
    s = got.get("sentence_span") or got.get("span") or (0, 0)
    print(f"[{cls}] {gold['id']} {gold['type']} {gold.get('modality')}")
    print(f"    date gold={_day(gold)} got={_day(got)} ({got.get('date_precision')})")
    print(
        f"    speaker gold={gs.get('speaker')!r}/{bool(gs.get('anonymous'))}/{gs.get('via')!r}"
        f" got={cs.get('speaker')!r}/{bool(cs.get('anonymous'))}/{cs.get('via')!r}"
    )
    print("    before: ..." + " ".join(text[max(0, s[0] - 300) : s[0]].split())[-240:])
    print("    " + " ".join(text[s[0] : s[1]].split())[:400])


if __name__ == "__main__":
    main()
