"""The compliance grid: one row per term, one column per agreement day, a verdict in each cell.

Built from the status answer's per-day verdicts (`term/day-N`) and the extension rule's days;
terms judged once (a total, a prohibition over the whole truce) get the "whole" column. Each cell
names its obligation so the page can link it to the verdict's explanation.
"""

from __future__ import annotations

import re
from typing import Any

DAY = re.compile(r"day[- ](\d+)")  # the answer's per-day periods read "day 7"


def compliance_grid(status: dict[str, Any]) -> dict[str, Any]:
    rows: dict[str, dict[str, Any]] = {}
    days: set[int] = set()
    for o in status["obligations"]:
        row = rows.setdefault(o["term"], {"term": o["term"], "party": o["party"], "cells": {},
                                          "whole": []})  # fmt: skip
        found = DAY.fullmatch(o["period"] or "")
        if found:
            day = int(found[1])
            days.add(day)
            row["cells"][day] = {"status": o["status"], "id": o["id"], "text": o["explanation"]}
        else:
            row["whole"].append({"status": o["status"], "id": o["id"], "text": o["explanation"]})
    for e in status["extensions"]:
        term = e.get("term") or e.get("id") or "extension"
        row = rows.setdefault(term, {"term": term, "party": None, "cells": {}, "whole": []})
        for d in e.get("days") or []:
            if d.get("day") is None:
                continue
            days.add(int(d["day"]))
            text = f"day {d['day']}: {d['delivered']} of {d['needed']} by its end"
            row["cells"][int(d["day"])] = {"status": d["status"], "id": None, "text": text}
    columns = list(range(1, max(days) + 1)) if days else []
    return {
        "days": columns,
        "rows": [
            {**r, "cells": [r["cells"].get(day) for day in columns]}
            for r in rows.values()
            if r["cells"] or r["whole"]
        ],
    }
