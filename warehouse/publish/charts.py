"""Figures -> inline SVG (no scripts, no fonts, no network): council squares, rate strips, status bars and a map."""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

COLOURS = {"yes": "#1b7837", "partial": "#e08214", "no": "#b2182b", "not reported": "#9e9e9e",
           "replied": "#1b7837", "refused": "#b2182b", "no_reply": "#d9d9d9",
           "in_house": "#2166ac", "commissioned": "#8073ac", "mixed": "#e08214", "median": "#b2182b"}
OTHER = "#bdbdbd"
NO_REPLY = "no reply"


@dataclass(frozen=True)
class Dot:
    """One council on a chart: its code, name, what it answered, and where it is."""

    code: str
    name: str
    value: str
    lat: float | None = None
    lon: float | None = None


def colour(value: str) -> str:
    """Given an answer or status, return its colour on every chart."""
    return COLOURS.get(value, OTHER)


def svg(width: float, height: float, label: str, body: list[str], css_class: str = "chart") -> Markup:
    """Given a size, an accessible label and SVG elements, return the whole inline SVG element."""
    return Markup(f'<svg class="{css_class}" viewBox="0 0 {width:.0f} '
                  f'{height:.0f}" width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{escape(label)}">'
                  + "".join(body) + "</svg>")


def legend(values: list[str], x: float, y: float, counts: dict[str, int] | None = None,
           width: float = 700) -> tuple[list[str], float]:
    """Given the values shown, return a legend of coloured swatches from (x, y), wrapped at width, and its bottom."""
    items, left = [], x
    for value in values:
        text = f"{value} ({counts[value]})" if counts is not None else value
        step = 24 + 7.2 * len(text)
        if x + step > width and x > left:
            x, y = left, y + 18
        fill = "#fff" if value == NO_REPLY else colour(value)
        items.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{fill}" stroke="#666"/>'
                     f'<text x="{x + 14:.1f}" y="{y:.1f}">{escape(text)}</text>')
        x += step
    return items, y


def council_squares(dots: list[Dot], label: str, order: list[str]) -> Markup:
    """Given each replying council's answer, return one square per council, grouped by answer, with a legend."""
    ranked = sorted(dots, key=lambda d: (order.index(d.value) if d.value in order else len(order), d.name))
    per_row, size = 25, 18
    rows = max(1, math.ceil(len(ranked) / per_row))
    body = []
    for i, dot in enumerate(ranked):
        x, y = 2 + (i % per_row) * (size + 2), 2 + (i // per_row) * (size + 2)
        body.append(f'<a href="#c-{escape(dot.code)}"><rect x="{x}" y="{y}" width="{size}" height="{size}" '
                    f'fill="{colour(dot.value)}"><title>{escape(dot.name)}: {escape(dot.value)}</title></rect></a>')
    counts = {v: sum(1 for d in dots if d.value == v) for v in order}
    width = per_row * (size + 2) + 4
    items, bottom = legend([v for v in order if counts[v]], 2, 2 + rows * (size + 2) + 18, counts, width)
    return svg(width, bottom + 8, label, body + items)


def rate_strips(strips: list[tuple[str, list[Dot], float | None]]) -> Markup:
    """Given each rate's label, councils (value = share of 1 as text) and median, return dot strips on one axis."""
    shares = [float(d.value) for _, dots, _ in strips for d in dots]
    top_share = max([1.0] + shares)
    left, width, row = 10, 700, 62
    scale = width / top_share
    body = []
    for i, (label, dots, median) in enumerate(strips):
        y = 24 + i * row
        body.append(f'<text x="{left}" y="{y}" class="strip-label">{escape(label)} ({len(dots)} councils)</text>'
                    f'<line x1="{left}" x2="{left + width}" y1="{y + 22}" y2="{y + 22}" stroke="#ccc"/>')
        for j, dot in enumerate(sorted(dots, key=lambda d: d.code)):
            cx, cy = left + float(dot.value) * scale, y + 14 + (j % 5) * 4  # small fixed jitter keeps dots apart
            body.append(f'<a href="#c-{escape(dot.code)}"><circle cx="{cx:.1f}" cy="{cy}" r="4" fill="#2166ac" '
                        f'fill-opacity="0.7"><title>{escape(dot.name)}: {float(dot.value) * 100:.1f}%</title>'
                        f"</circle></a>")
        if median is not None:
            mx = left + median * scale
            body.append(f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{y + 6}" y2="{y + 36}" stroke="#b2182b" '
                        f'stroke-width="2"><title>median {median * 100:.1f}%</title></line>')
    axis_y = 24 + len(strips) * row
    for tick in [t / 4 for t in range(0, int(top_share * 4) + 1)]:
        tx = left + tick * scale
        body.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{axis_y - 8}" y2="{axis_y - 2}" stroke="#666"/>'
                    f'<text x="{tx:.1f}" y="{axis_y + 10}" text-anchor="middle">{tick * 100:.0f}%</text>')
    body += legend(["median"], left, axis_y + 30)[0]
    return svg(left * 2 + width + 20, axis_y + 40, "Spread of rates across councils", body)


def status_bars(counts: dict[str, int], label: str) -> Markup:
    """Given a count per status, return horizontal bars, one per status, labelled with its count."""
    top = max([1] + list(counts.values()))
    body = []
    for i, (status, count) in enumerate(counts.items()):
        y = 6 + i * 26
        width = 460 * count / top
        body.append(f'<text x="0" y="{y + 14}">{escape(status)}</text>'
                    f'<rect x="110" y="{y}" width="{width:.1f}" height="18" fill="{colour(status)}"/>'
                    f'<text x="{116 + width:.1f}" y="{y + 14}">{count}</text>')
    return svg(620, 12 + 26 * len(counts), label, body)


def project(dots: list[Dot], width: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Given councils with coordinates, return each one's x, y on an equirectangular map and the map's height."""
    placed = [d for d in dots if d.lat is not None and d.lon is not None]
    if not placed:
        return {}, 40.0
    south, north = min(d.lat for d in placed), max(d.lat for d in placed)
    west, east = min(d.lon for d in placed), max(d.lon for d in placed)
    stretch = math.cos(math.radians((south + north) / 2))  # a degree of longitude is shorter than one of latitude
    pad = 12
    scale = (width - 2 * pad) / max((east - west) * stretch, 1e-6)
    height = (north - south) * scale + 2 * pad
    return {d.code: (pad + (d.lon - west) * stretch * scale, pad + (north - d.lat) * scale) for d in placed}, height


def council_map(dots: list[Dot], label: str, order: list[str], width: float = 420) -> Markup:
    """Given every council's answer and location, return a map with one dot per council coloured by its answer."""
    where, height = project(dots, width)
    body = []
    for dot in sorted(dots, key=lambda d: (d.value != NO_REPLY, d.code)):  # replies drawn last, on top
        if dot.code not in where:
            continue
        x, y = where[dot.code]
        fill, stroke = ("#fff", "#999") if dot.value == NO_REPLY else (colour(dot.value), "#333")
        body.append(f'<a href="#c-{escape(dot.code)}"><circle class="council" cx="{x:.1f}" cy="{y:.1f}" r="5" '
                    f'fill="{fill}" stroke="{stroke}" stroke-width="0.8"><title>{escape(dot.name)}: '
                    f"{escape(dot.value)}</title></circle></a>")
    counts = {v: sum(1 for d in dots if d.value == v) for v in order}
    items, bottom = legend([v for v in order if counts[v]], 4, height + 16, counts, width)
    return svg(width, bottom + 10, label, body + items, "map")
