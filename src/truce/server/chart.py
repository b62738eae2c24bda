"""A small bar chart drawn as SVG on the server: no script, no network, readable without colour.

Bars are grouped by day, one per party and subject; extension days carry a triangle and breach
days a cross under the axis. Every bar has a <title>, so hovering (or a screen reader) gives the
figure.
"""

from __future__ import annotations

from html import escape
from typing import Any

from truce.server.glance import moment

# Distinguishable in greyscale and for the common colour-vision deficiencies (Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
# A narrow canvas with large type: scaled to a 390 px phone, labels stay about 9 px high.
WIDTH, HEIGHT = 600, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 70
# Breaches in warm tones, apart from the release palette (Okabe–Ito vermillion, orange...).
BREACH_PALETTE = ("#D55E00", "#E69F00", "#CC79A7", "#000000", "#56B4E9")
MAX_LABELS = 15  # day labels beyond this are thinned to every k-th day


def bar_chart(chart: dict[str, Any]) -> str:
    """Releases per day, a bar per party and subject side by side, with the quota line."""
    days: list[int] = chart["days"]
    series: list[dict[str, Any]] = chart["series"]
    if not days:
        return '<p class="empty">No events with an agreement day yet.</p>'
    quota = chart.get("quota")
    peak = max([v for s in series for v in s["values"]] + [quota or 0, 1])
    axes = _Axes(days, peak, "Releases per day by party", "people released")
    bar = max(2.0, (axes.slot * 0.8) / max(1, len(series)))
    parts = axes.open()
    for i, day in enumerate(days):
        x0 = axes.x(i) + axes.slot * 0.1
        for j, s in enumerate(series):
            colour = PALETTE[j % len(PALETTE)]
            # What the terms do not count is drawn pale and outlined, never as a counted bar.
            look = "" if s.get("counted", True) else f' fill-opacity="0.35" stroke="{colour}"'
            parts.append(axes.bar(day, s["label"], s["values"][i], x0 + bar * j, bar, 0,
                                  colour, look))  # fmt: skip
        parts.extend(axes.day_marks(i, day, chart))
    if quota:
        y = axes.y(quota)
        parts.append(f'<line class="quota" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" '
                     f'y2="{y:.1f}"><title>daily quota: {quota:g}</title></line>')  # fmt: skip
        parts.append(f'<text class="axis" x="{WIDTH - RIGHT}" y="{y - 4:.1f}" '
                     f'text-anchor="end">daily quota {quota:g}</text>')  # fmt: skip
    parts.extend(axes.end_lines(chart.get("ends") or []))
    return axes.close(parts, "▲ extension · ✕ breach alleged · ┆ end", series)


def stacked_chart(chart: dict[str, Any]) -> str:
    """Breaches alleged per day, stacked by the party accused."""
    days: list[int] = chart["days"]
    series: list[dict[str, Any]] = chart["series"]
    if not days or not series:
        return '<p class="empty">No breach alleged yet.</p>'
    peak = max([sum(s["values"][i] for s in series) for i in range(len(days))] + [1])
    axes = _Axes(days, peak, "Breaches alleged per day by party", "breaches alleged")
    parts = axes.open()
    for i, day in enumerate(days):
        below = 0
        for j, s in enumerate(series):
            value = s["values"][i]
            parts.append(axes.bar(day, s["label"], value, axes.x(i) + axes.slot * 0.2,
                                  axes.slot * 0.6, below, BREACH_PALETTE[j % len(BREACH_PALETTE)],
                                  ""))  # fmt: skip
            below += value
        parts.extend(axes.day_marks(i, day, {"extensions": [], "breaches": []}))
    parts.extend(axes.end_lines(chart.get("ends") or []))
    return axes.close(parts, "stacked by party · ┆ end", series, BREACH_PALETTE, "b")


class _Axes:
    """A day axis and a whole-number value axis on the shared canvas."""

    def __init__(self, days: list[int], peak: float, title: str, unit: str) -> None:
        self.days, self.title, self.unit = days, title, unit
        self.step = _step(peak)
        self.top = self.step * 4
        self.plot_w, self.plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
        self.slot = self.plot_w / len(days)
        self.every = -(-len(days) // MAX_LABELS)

    def x(self, i: int) -> float:
        return LEFT + self.slot * i

    def y(self, value: float) -> float:
        return TOP + self.plot_h - self.plot_h * value / self.top

    def open(self) -> list[str]:
        parts = [
            f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(self.title)}">'
        ]
        for tick in range(0, 5):
            y = self.y(self.step * tick)
            parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                         'class="grid"/>')  # fmt: skip
            parts.append(f'<text x="{LEFT - 6}" y="{y + 5:.1f}" class="tick" '
                         f'text-anchor="end">{self.step * tick:,}</text>')  # fmt: skip
        mid, unit = TOP + self.plot_h / 2, escape(self.unit)
        parts.append(f'<text class="axis" x="14" y="{mid:.1f}" text-anchor="middle" '
                     f'transform="rotate(-90 14 {mid:.1f})">{unit}</text>')  # fmt: skip
        return parts

    def bar(self, day: int, label: str, value: float, x: float, width: float, below: float,
            colour: str, look: str) -> str:  # fmt: skip
        if not value:
            return ""
        y, h = self.y(below + value), self.plot_h * value / self.top
        return (
            f'<rect class="bar" data-day="{day}" data-series="{escape(label)}" '
            f'x="{x:.1f}" y="{y:.1f}" width="{width - 1:.1f}" height="{h:.1f}" '
            f'fill="{colour}"{look}><title>day {day}: {escape(label)} {value:g}</title></rect>'
        )

    def day_marks(self, i: int, day: int, chart: dict[str, Any]) -> list[str]:
        cx = self.x(i) + self.slot / 2
        base = TOP + self.plot_h
        marks = []
        if i % self.every == 0 or i == len(self.days) - 1:
            marks.append(f'<text x="{cx:.1f}" y="{base + 18}" class="tick day" '
                         f'text-anchor="middle">{day}</text>')  # fmt: skip
        if day in chart["extensions"]:
            marks.append(_marker("extension", cx, base + 34, "▲", day))
        if day in chart["breaches"]:
            marks.append(_marker("breach", cx, base + 50, "✕", day))
        return marks

    def end_lines(self, ends: list[dict[str, Any]]) -> list[str]:
        """A dashed line after the last day of each end: the agreed one, then each extension's,
        labelled with the day and, on hover, the date and the claims that announced it."""
        parts = []
        shown = [e for e in ends if e["day"] in self.days]
        for k, end in enumerate(shown):
            x = self.x(self.days.index(end["day"])) + self.slot
            label = (f"+{end['added']}: ends day {end['day']}" if end["added"]
                     else f"agreed end: day {end['day']}")  # fmt: skip
            why = f"ends {moment(end['ends_at'])}" + (
                f"; extended {end['added']} day(s) by claim(s) {', '.join(end['claims'])}, "
                f"announced {moment(end['announced'])}"
                if end["added"]
                else " as agreed"
            )
            y = TOP + 12 + 14 * (k % 3)
            parts.append(f'<line class="end" data-day="{end["day"]}" x1="{x:.1f}" x2="{x:.1f}" '
                         f'y1="{TOP}" y2="{TOP + self.plot_h}"><title>{escape(why)}</title>'
                         f'</line><text class="end" x="{x - 3:.1f}" y="{y}" text-anchor="end">'
                         f"{escape(label)}<title>{escape(why)}</title></text>")  # fmt: skip
        beyond = ends[-1] if ends and self.days and ends[-1]["day"] > self.days[-1] else None
        if beyond is not None:  # the end in force lies after the days so far: say where
            day, when = beyond["day"], moment(beyond["ends_at"])
            parts.append(f'<text class="end ahead" data-day="{day}" x="{WIDTH - RIGHT - 2}" '
                         f'y="{TOP + 12}" text-anchor="end">ends day {day} →<title>ends {when}'
                         "</title></text>")  # fmt: skip
        return parts

    def close(
        self,
        parts: list[str],
        key: str,
        series: list[dict[str, Any]],
        palette: tuple[str, ...] = PALETTE,
        prefix: str = "s",
    ) -> str:
        parts.append(f'<text x="{LEFT}" y="{HEIGHT - 2}" class="tick">day of the agreement · '
                     f"{escape(key)}</text></svg>")  # fmt: skip
        legend = "".join(
            f'<li><span class="swatch {prefix}{j % len(palette)}"></span>{escape(s["label"])}</li>'
            for j, s in enumerate(series)
        )
        return "".join(parts) + f'<ul class="legend">{legend}</ul>'


def swatch_css() -> str:
    """The legend's colours as classes: the pages' policy allows no inline style."""
    return "".join(
        f".swatch.{prefix}{j} {{ background: {c}; }}\n"
        for prefix, palette in (("s", PALETTE), ("b", BREACH_PALETTE))
        for j, c in enumerate(palette)
    )


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
