"""Stacked bar charts as plain SVG, drawn on the server for the web pages and the PDFs alike.

Every chart is paired with a table of the same numbers on the page; the SVG itself carries a
title and a description for screen readers.
"""

from dataclasses import dataclass

from .statistics import STATUS_ORDER, status_label

# Fills with at least 3:1 contrast to white (WCAG 1.4.11) and to white text on them.
STATUS_FILLS = {
    "atgardad": "#1b6b36",
    "delvis": "#7a4b00",
    "ej_atgardad": "#a4161a",
    "inte_aktuell": "#4d545b",
    None: "#5f6f86",
}
WIDTH = 640
LABEL_WIDTH = 210
BAR_AREA = WIDTH - LABEL_WIDTH - 50
ROW_HEIGHT = 30
BAR_HEIGHT = 20
LEGEND_HEIGHT = 28


@dataclass
class Segment:
    label: str
    value: int
    fill: str
    x: float
    width: float

    @property
    def text_x(self):
        return self.x + self.width / 2

    @property
    def shows_value(self):
        return self.width >= 18


@dataclass
class Bar:
    label: str
    total: int
    y: float
    segments: list

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT / 2 + 4

    @property
    def end_x(self):
        return LABEL_WIDTH + sum(segment.width for segment in self.segments) + 6


@dataclass
class LegendItem:
    label: str
    fill: str
    x: float

    @property
    def text_x(self):
        return self.x + 16


@dataclass
class Chart:
    chart_id: str
    title: str
    description: str
    bars: list
    legend: list
    width: int
    height: int
    legend_y: float
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT


def _short(text, length=30):
    return text if len(text) <= length else text[: length - 1] + "…"


def follow_up_chart(chart_id, title, tallies):
    """A horizontal bar per tally, split by follow-up status; bars scale to the largest total."""
    largest = max((tally.total for tally in tallies), default=0) or 1
    bars = []
    for index, tally in enumerate(tallies):
        x = LABEL_WIDTH
        segments = []
        for status in STATUS_ORDER:
            value = tally.counts[status]
            if not value:
                continue
            width = BAR_AREA * value / largest
            segments.append(Segment(status_label(status), value, STATUS_FILLS[status], x, width))
            x += width
        bars.append(Bar(_short(tally.label), tally.total, LEGEND_HEIGHT + index * ROW_HEIGHT, segments))
    legend, x = [], 0
    for status in STATUS_ORDER:
        legend.append(LegendItem(status_label(status), STATUS_FILLS[status], x))
        x += 30 + len(status_label(status)) * 6.6
    description = "; ".join(
        f"{tally.label}: " + ", ".join(f"{label} {count}" for label, count in tally.in_order() if count)
        for tally in tallies
    )
    return Chart(
        chart_id=chart_id,
        title=title,
        description=description or "Inga rekommendationer att visa.",
        bars=bars,
        legend=legend,
        width=WIDTH,
        height=LEGEND_HEIGHT + max(len(bars), 1) * ROW_HEIGHT + 6,
        legend_y=4,
    )
