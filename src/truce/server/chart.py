"""A small bar chart drawn as SVG on the server: no script, no network, readable without colour.

Bars are grouped by day, one per party and subject; extension days carry a triangle and breach
days a cross under the axis. Every bar has a <title>, so hovering (or a screen reader) gives the
figure.
"""

from __future__ import annotations

from html import escape
from typing import Any

# Distinguishable in greyscale and for the common colour-vision deficiencies (Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 64


def bar_chart(chart: dict[str, Any]) -> str:
    days: list[int] = chart["days"]
    series: list[dict[str, Any]] = chart["series"]
    if not days:
        return '<p class="empty">No events with an agreement day yet.</p>'
    peak = max([v for s in series for v in s["values"]] + [1])
    top = _nice(peak)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(days)
    bar = max(2.0, (slot * 0.8) / max(1, len(series)))
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="Releases per day by party">'
    ]
    for tick in range(0, 5):
        value = top * tick / 4
        y = TOP + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                     'class="grid"/>')  # fmt: skip
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">'
                     f"{value:g}</text>")  # fmt: skip
    for i, day in enumerate(days):
        x0 = LEFT + slot * i + slot * 0.1
        for j, s in enumerate(series):
            value = s["values"][i]
            if not value:
                continue
            h = plot_h * value / top
            x = x0 + bar * j
            colour = PALETTE[j % len(PALETTE)]
            parts.append(
                f'<rect class="bar" data-day="{day}" data-series="{escape(s["label"])}" '
                f'x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar - 1:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>day {day}: {escape(s["label"])} {value}</title></rect>'
            )
        cx = LEFT + slot * i + slot / 2
        parts.append(f'<text x="{cx:.1f}" y="{TOP + plot_h + 16}" class="tick" '
                     f'text-anchor="middle">{day}</text>')  # fmt: skip
        if day in chart["extensions"]:
            parts.append(_marker("extension", cx, TOP + plot_h + 30, "▲", day))
        if day in chart["breaches"]:
            parts.append(_marker("breach", cx, TOP + plot_h + 46, "✕", day))
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 2}" class="tick">day of the agreement · '
                 "▲ extension announced · ✕ breach alleged</text>")  # fmt: skip
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="swatch s{j % len(PALETTE)}"></span>{escape(s["label"])}</li>'
        for j, s in enumerate(series)
    )
    return "".join(parts) + f'<ul class="legend">{legend}</ul>'


def swatch_css() -> str:
    """The legend's colours as classes: the pages' policy allows no inline style."""
    return "".join(f".swatch.s{j} {{ background: {c}; }}\n" for j, c in enumerate(PALETTE))


def _marker(kind: str, x: float, y: float, glyph: str, day: int) -> str:
    return (f'<text class="marker {kind}" data-day="{day}" x="{x:.1f}" y="{y:.1f}" '
            f'text-anchor="middle">{glyph}<title>day {day}: {kind}</title></text>')  # fmt: skip


def _nice(peak: float) -> float:
    """The next round number at or above `peak`, for the axis top."""
    step = 1.0
    while step * 10 < peak:
        step *= 10
    for factor in (1, 2, 2.5, 5, 10):
        if step * factor >= peak:
            return step * factor
    return step * 10
