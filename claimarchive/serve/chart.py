"""A source's figures over time as an SVG drawn on the server: one series per count (what happened, where), the
date on x, the value on y. Every label is escaped; no script."""
from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 70, 200, 20, 40
MAX_DATE_LABELS = 6
LEGEND = 30  # characters of a series' name in the legend (the whole name on hover)
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def series_name(figure: dict) -> str:
    what = figure.get("event") or figure.get("kind") or "figure"
    return f"{what} · {figure['place']}" if figure.get("place") else what


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def events(figures: list[dict]) -> list[dict]:
    """The figures that count what happened (killed, injured, displaced, ...: ``event``), the ones worth a line
    over time; a city's population or a distance is not."""
    return [f for f in figures if f.get("event")]


def by_source(figure: dict) -> str:
    """A place's series: who gave the figure, and what it counts ("OCHA · killed")."""
    what = figure.get("event") or figure.get("kind") or "figure"
    return f"{figure.get('source') or 'unattributed'} · {what}"


def series(figures: list[dict], name=series_name) -> dict[str, list[tuple[date, float, dict]]]:
    """The figures with a date and a value, grouped by count (``name`` names a figure's group), each group in
    date order."""
    found: dict[str, list[tuple[date, float, dict]]] = {}
    for figure in figures:
        day = _day(figure.get("date"))
        if day is not None and figure.get("value") is not None:
            found.setdefault(name(figure), []).append((day, float(figure["value"]), figure))
    return {name: sorted(points, key=lambda p: (p[0], p[1])) for name, points in found.items()}


def _scale(low: float, high: float, start: float, end: float):
    span = (high - low) or 1.0
    return lambda v: start + (v - low) / span * (end - start)


def _ticks(high: float) -> list[float]:
    step = 10 ** max(len(str(int(high))) - 1, 0)
    while high / step > 5:
        step *= 2
    return [step * i for i in range(int(high // step) + 1)]


def chart(figures: list[dict], title: str, name=series_name) -> Markup:
    """The SVG, or nothing when no figure has both a date and a value."""
    groups = series(figures, name)
    if not groups:
        return Markup("")
    points = [p for group in groups.values() for p in group]
    days = [p[0].toordinal() for p in points]
    x = _scale(min(days) - 1, max(days) + 1, LEFT, WIDTH - RIGHT)
    top = max(p[1] for p in points) * 1.1 or 1.0
    y = _scale(0, top, HEIGHT - BOTTOM, TOP)
    parts = [f'<svg class="ca-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
             f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#666"/>',
             f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#666"/>']
    parts += [f'<text x="{LEFT - 6}" y="{y(t) + 4:.1f}" text-anchor="end" font-size="11">{t:,.0f}</text>'
              for t in _ticks(top)]
    shown = sorted(set(days))
    if len(shown) > MAX_DATE_LABELS:  # evenly spaced labels, the first and the last among them
        step = (len(shown) - 1) / (MAX_DATE_LABELS - 1)
        shown = sorted({shown[round(i * step)] for i in range(MAX_DATE_LABELS)})
    for day in shown:
        label = date.fromordinal(day).isoformat()
        parts.append(f'<text x="{x(day):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="10">'
                     f"{label}</text>")
    for i, (name, group) in enumerate(sorted(groups.items())):
        parts.append(_series(i, name, group, x, y))
    parts.append("</svg>")
    return Markup("".join(parts))


def _series(i: int, name: str, group, x, y) -> str:
    colour = COLOURS[i % len(COLOURS)]
    coords = [(x(day.toordinal()), y(value)) for day, value, _ in group]
    line = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
    out = [f'<g class="series"><polyline points="{line}" fill="none" stroke="{colour}" stroke-width="1.5"/>']
    for (cx, cy), (day, _, figure) in zip(coords, group, strict=True):
        out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{colour}"><title>{escape(figure["text"])} '
                   f"({day.isoformat()})</title></circle>")
    legend_y = TOP + 16 * i
    short = name if len(name) <= LEGEND else name[:LEGEND - 1] + "…"
    out.append(f'<rect x="{WIDTH - RIGHT + 12}" y="{legend_y}" width="10" height="10" fill="{colour}"/>'
               f'<text x="{WIDTH - RIGHT + 28}" y="{legend_y + 9}" font-size="11"><title>{escape(name)}</title>'
               f'{escape(short)}</text></g>')
    return "".join(out)
