"""Where the agreement page's time goes on a long record, part by part, in process.

Run:  .venv/bin/python bench/agreement_parts.py --db /tmp/ledger-1000000.db [--rounds 3]
          [--out bench/out/agreement_parts.json]

--db is a ledger built by bench/synthetic.py (bench/status_1m.py builds one), a SQLite file or
a PostgreSQL URL. For "now" and for `?at=` day 4, each part of `server.views.agreement_view` is
timed on its own, the first time (cold) and the median of --rounds more (warm): the status
answer (the engine: another benchmark's subject, bench/status_1m.py), then what the page adds
to it — the answer checked against its contract and turned back into data (as
`services.status_answer(...).as_data()` does for the page), the event frame read, the frame's
rows grouped by day, the day table, the glance, the compliance grid, the end moves, the
charts, cutting the breach and dispute lists to the page's 50, and the template rendered to
HTML (its size beside). "page beyond status" sums the parts after the answer: the figure
issue 12 asks to keep under 1 s. Two "before:" rows, left out of that sum, time what the page
did before in their place: the whole answer checked, and the days reckoned event by event.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from truce import services  # noqa: E402
from truce.domain.engine.answer_model import StatusAnswer  # noqa: E402
from truce.domain.engine.clock import Reckoner, local_instant  # noqa: E402
from truce.server import views  # noqa: E402
from truce.server.counting import exclusions  # noqa: E402
from truce.server.day_rows import frame_rows  # noqa: E402
from truce.server.ends import end_moves  # noqa: E402
from truce.server.glance import glance  # noqa: E402
from truce.server.grid import compliance_grid  # noqa: E402
from truce.server.pages import templates  # noqa: E402
from truce.services.access import Principal, Role  # noqa: E402
from truce.storage.ledger import Ledger  # noqa: E402

A = "gaza-2023-11"
INSTANTS = {"now": None, "day 4": "2023-11-27T12:00"}


def parts(ledger: Ledger, at: str | None, compare: bool = True) -> dict[str, float]:
    """One pass of `agreement_view`, each step timed; the page rendered as the server does."""
    took: dict[str, float] = {}

    def step(name: str, fn: Any) -> Any:
        began = time.perf_counter()
        value = fn()
        took[name] = time.perf_counter() - began
        return value

    judged = step("status answer", lambda: services.status(ledger, A, at))
    if compare:  # what the page did before: the whole answer checked, days one by one
        step("before: whole answer checked", lambda: StatusAnswer.of(judged).as_data())

    def cut() -> dict[str, Any]:
        deciding = sorted(judged["disputes"], key=lambda d: not d.get("verdict_differs"))
        return views.shown_part(judged, judged["breaches"][-views.SHOWN :],
                                deciding[: views.SHOWN])  # fmt: skip

    shown = step("latest 50 breaches and disputes, their explanations", cut)
    status = step("shown part checked", lambda: StatusAnswer.of(shown).as_data())
    spec, _ = step("agreement spec", lambda: ledger.agreement(A))
    frame, _ = step("event frame", lambda: ledger.frame(A))
    instant = datetime.fromisoformat(status["at"])
    if compare:
        step("before: frame rows, days one by one", lambda: _rows_day_by_day(spec, frame, instant))
    rows = step("frame rows by day", lambda: frame_rows(spec, frame, instant))
    days = step("day table", lambda: views.day_table(rows, status, exclusions(spec)))
    ends = step("end moves", lambda: end_moves(status))
    summary = step("glance", lambda: glance(judged))
    grid = step("compliance grid", lambda: compliance_grid(status))

    def charts() -> tuple[dict[str, Any], dict[str, Any]]:
        chart = views.chart_series(days)
        chart |= {"quota": views.daily_quota(status, chart), "ends": ends}
        return chart, views.breach_series(days) | {"ends": ends}

    chart, breach_chart = step("charts", charts)
    totals = {"breaches": len(judged["breaches"]), "disputes": len(judged["disputes"])}
    data = {"agreement": A, "title": status["title"], "at": status["at"],
            "at_input": status["at"][:16], "glance": summary, "grid": grid, "status": status,
            "days": days, "chart": chart, "breach_chart": breach_chart, "ends": ends,
            "totals": totals, "pending_review": 0}  # fmt: skip
    template = templates.env.get_template("agreement.html")
    who = Principal("bench", Role("admin"))
    context = {"who": who, "data": data, "may_review": True, "may_submit": True, "csrf": "x"}
    html = step("template render", lambda: template.render(**context))
    took["html bytes"] = len(html.encode())
    took["page beyond status"] = sum(
        v
        for k, v in took.items()
        if k not in ("status answer", "html bytes") and not k.startswith("before")
    )
    return took


def _rows_day_by_day(spec: Any, frame: Any, at: datetime) -> None:
    """The day column as `frame_rows` reckoned it before: the reckoner once per event."""
    first = spec.phases[0].start.at
    origin = local_instant(first, spec.zone)
    reckoner = Reckoner((spec.phases[0].clock or spec.clock) == "calendar", spec.zone)
    kept = np.flatnonzero(np.asarray(frame.known_at) <= at.timestamp())
    instants = np.asarray(frame.at)[kept]
    np.array([reckoner.day_of(origin, float(t)) for t in instants], dtype=np.int64)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "agreement_parts.json"))
    args = parser.parse_args()
    ledger = Ledger.open(args.db)
    results: dict[str, Any] = {"db": args.db}
    for label, at in INSTANTS.items():
        cold = parts(ledger, at)
        warm = [parts(ledger, at) for _ in range(args.rounds)]
        results[label] = {
            name: {"cold": round(cold[name], 4),
                   "warm_median": round(statistics.median(w[name] for w in warm), 4)}
            for name in cold
        }  # fmt: skip
        print(f"-- {label}")
        for name, found in results[label].items():
            print(f"{name:34} cold {found['cold']:10.4f}  warm {found['warm_median']:10.4f}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
