"""Geometry for static SVG bar charts. The markup lives in templates/chart.md.

Charts are drawn at build time, so pages need no chart library and work
offline; every chart also gets its numbers as a table and a text summary.
"""
from __future__ import annotations

from dataclasses import dataclass

from .models import Chart, Figure

import textwrap

WIDTH, BAR_HEIGHT, GAP, LABEL_WIDTH, TOP = 640, 34, 16, 280, 8
LABEL_CHARS = 40  # per line; two lines at most


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    label_lines: list[str]
    value_text: str
    figure_id: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar]


def bar_chart(chart: Chart, figures: list[Figure]) -> BarChart:
    """Horizontal bars scaled to the largest value; labels left, values at the bar's end."""
    largest = max((f.value for f in figures), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 70
    bars = [Bar(y=TOP + i * (BAR_HEIGHT + GAP), width=round(room * f.value / largest, 1),
                label_lines=_label(f.chart_label or f.label), value_text=f.text, figure_id=f.id)
            for i, f in enumerate(figures)]
    height = TOP * 2 + len(bars) * (BAR_HEIGHT + GAP)
    return BarChart(WIDTH, height, LABEL_WIDTH, BAR_HEIGHT, bars)


def _label(text: str) -> list[str]:
    """Up to two lines; the table beside every chart always has the full label."""
    lines = textwrap.wrap(text, LABEL_CHARS)
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_CHARS, placeholder="…")]
    return lines
