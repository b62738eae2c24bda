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
# A narrow canvas with large type: scaled to a 390 px phone, labels stay about 9 px high.
WIDTH, HEIGHT = 600, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 70
MAX_LABELS = 15  # day labels beyond this are thinned to every k-th day


def bar_chart(chart: dict[str, Any]) -> str:
    days: list[int] = chart["days"]
    series: list[dict[str, Any]] = chart["series"]
    if not days:
        return '<p class="empty">No events with an agreement day yet.</p>'
    quota = chart.get("quota")
    peak = max([v for s in series for v in s["values"]] + [quota or 0, 1])
    step = _step(peak)
    top = step * 4
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(days)
    bar = max(2.0, (slot * 0.8) / max(1, len(series)))
    every = -(-len(days) // MAX_LABELS)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="Releases per day by party">'
    ]
    for tick in range(0, 5):
        value = step * tick
        y = TOP + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                     'class="grid"/>')  # fmt: skip
        parts.append(f'<text x="{LEFT - 6}" y="{y + 5:.1f}" class="tick" text-anchor="end">'
                     f"{value:,}</text>")  # fmt: skip
    mid = TOP + plot_h / 2
    parts.append(f'<text class="axis" x="14" y="{mid:.1f}" text-anchor="middle" '
                 f'transform="rotate(-90 14 {mid:.1f})">people released</text>')  # fmt: skip
    for i, day in enumerate(days):
        x0 = LEFT + slot * i + slot * 0.1
        for j, s in enumerate(series):
            value = s["values"][i]
            if not value:
                continue
            h = plot_h * value / top
            x = x0 + bar * j
            colour = PALETTE[j % len(PALETTE)]
            # What the terms do not count is drawn pale and outlined, never as a counted bar.
            look = "" if s.get("counted", True) else f' fill-opacity="0.35" stroke="{colour}"'
            parts.append(
                f'<rect class="bar" data-day="{day}" data-series="{escape(s["label"])}" '
                f'x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar - 1:.1f}" height="{h:.1f}" '
                f'fill="{colour}"{look}><title>day {day}: {escape(s["label"])} {value}</title>'
                "</rect>"
            )
        cx = LEFT + slot * i + slot / 2
        if i % every == 0 or i == len(days) - 1:
            parts.append(f'<text x="{cx:.1f}" y="{TOP + plot_h + 18}" class="tick day" '
                         f'text-anchor="middle">{day}</text>')  # fmt: skip
        if day in chart["extensions"]:
            parts.append(_marker("extension", cx, TOP + plot_h + 34, "▲", day))
        if day in chart["breaches"]:
            parts.append(_marker("breach", cx, TOP + plot_h + 50, "✕", day))
    if quota:
        y = TOP + plot_h - plot_h * quota / top
        parts.append(f'<line class="quota" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" '
                     f'y2="{y:.1f}"><title>daily quota: {quota:g}</title></line>')  # fmt: skip
        parts.append(f'<text class="axis" x="{WIDTH - RIGHT}" y="{y - 4:.1f}" '
                     f'text-anchor="end">daily quota {quota:g}</text>')  # fmt: skip
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 2}" class="tick">day of the agreement · '
                 "▲ extension · ✕ breach alleged</text>")  # fmt: skip
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


def _step(peak: float) -> int:
    """A whole, round tick step such that four steps reach `peak` (1, 2, 5, 10, 20, 25, 50...)."""
    need = peak / 4
    scale = 1
    while True:
        for factor in (1, 2, 2.5, 5):
            step = factor * scale
            if step >= need and float(step).is_integer():
                return int(step)
        scale *= 10
