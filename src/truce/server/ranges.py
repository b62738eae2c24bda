"""A dispute drawn as the range its readings span, each reading a point with its verdicts under it.

Server-side SVG like the charts: no script, a <title> on every mark, readable without colour
(the leading reading is a filled dot, the others hollow).
"""

from __future__ import annotations

from html import escape
from typing import Any

WIDTH, PAD, ROW = 600, 40, 18


def reading_range(dispute: dict[str, Any]) -> str:
    figures = [float(r["quantity"]) for r in dispute["readings"] if r["quantity"] is not None]
    if len(figures) < 2:
        return ""
    lo, hi = min(figures), max(figures)
    span = (hi - lo) or 1

    def x(value: float) -> float:
        return PAD + (WIDTH - 2 * PAD) * (value - lo) / span

    verdicts = dispute.get("verdicts") or []
    height = 56 + ROW * len(verdicts)
    label = f"readings from {lo:g} to {hi:g}"
    parts = [
        f'<svg class="range" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(label)}">',
        f'<line class="span" x1="{x(lo):.1f}" x2="{x(hi):.1f}" y1="20" y2="20"/>',
    ]
    for r in dispute["readings"]:
        if r["quantity"] is None:
            continue
        cx = x(r["quantity"])
        kind = "leading" if r["leading"] else "alternative"
        who = "; ".join(r["sources"]) or "no source named"
        parts.append(
            f'<circle class="reading {kind}" cx="{cx:.1f}" cy="20" r="7">'
            f"<title>{r['quantity']:g} ({kind}): {escape(who)}</title></circle>"
            f'<text class="tick" x="{cx:.1f}" y="44" text-anchor="middle">{r["quantity"]:g}</text>'
        )
        for k, v in enumerate(verdicts):
            verdict = v["by_reading"].get(r.get("label") or _key(r["quantity"]))
            if verdict:
                parts.append(
                    f'<text class="verdict {escape(verdict)}" x="{cx:.1f}" y="{62 + ROW * k}" '
                    f'text-anchor="middle">{escape(verdict)}<title>{escape(v["id"])} with '
                    f"{r['quantity']:g}: {escape(verdict)}</title></text>"
                )
    parts.append("</svg>")
    return "".join(parts)


def _key(quantity: float) -> str:
    """How `by_reading` names a reading: the figure as written (8, not 8.0)."""
    return f"{quantity:g}"
