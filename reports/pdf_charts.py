"""Charts for the PDF report, drawn as vector graphics with reportlab.graphics (no browser, no images).

Charts get labels already made safe by the report's TextGuard (``plain``: chart strings are not parsed as markup).
Amounts become floats here only to place points on the page; every figure printed in words comes from the Decimals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from casefile.money import format_money

INK = colors.HexColor("#0b0c0c")
LINE = colors.HexColor("#1d70b8")
MARK = colors.HexColor("#d4351c")
GRID = colors.HexColor("#b1b4b6")
MUTED = colors.HexColor("#505a5f")


def _nice_step(top: float, steps: int = 5) -> float:
    """A round axis step (1, 2 or 5 x 10^n) giving about ``steps`` ticks up to ``top``."""
    if top <= 0:
        return 1.0
    raw = top / steps
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    for m in (1, 2, 5, 10):
        if raw <= m * magnitude:
            return float(m * magnitude)
    return float(10 * magnitude)


def whatif_chart(
    points: Sequence[tuple[Decimal, Decimal]],
    current: tuple[Decimal, Decimal] | None,
    *,
    currency: str,
    x_title: str,
    y_title: str,
    font: str,
    width: float,
    height: float = 200,
    marks: Sequence[tuple[Decimal, str]] = (),
) -> tuple[Drawing, list[int]]:
    """A line of the estimate (y) against one parent's income (x), with the case's own figures marked and the law's
    thresholds (``marks``: x and a one-letter key) drawn as dashed vertical lines. Also returns the indexes of the
    marks inside the chart's range, for the key printed below it."""
    drawing = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y = 62, 38
    plot.width, plot.height = width - 80, height - 62
    data = [[(float(x), float(y)) for x, y in points]]
    if current is not None:
        data.append([(float(current[0]), float(current[1]))])
    plot.data = data
    plot.lines[0].strokeColor = LINE
    plot.lines[0].strokeWidth = 1.8
    if current is not None:
        plot.lines[1].strokeColor = None
        plot.lines[1].symbol = makeMarker("FilledCircle", size=6, fillColor=MARK, strokeColor=MARK)
    xs = [p[0] for series in data for p in series]
    ys = [p[1] for series in data for p in series]
    x_step, y_step = _nice_step(max(xs)), _nice_step(max(ys) or 1)
    plot.xValueAxis.valueMin, plot.xValueAxis.valueStep = 0, x_step
    plot.xValueAxis.valueMax = _top(max(xs), x_step)
    plot.yValueAxis.valueMin, plot.yValueAxis.valueStep = 0, y_step
    plot.yValueAxis.valueMax = _top(max(ys) * 1.08, y_step)
    money = lambda v: format_money(Decimal(str(v)), currency, whole=True)  # noqa: E731 - axis label callback
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labelTextFormat = money
        axis.labels.fontName = font
        axis.labels.fontSize = 7
        axis.strokeColor = INK
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = GRID
    plot.yValueAxis.gridStrokeWidth = 0.3
    drawing.add(plot)
    drawn = _add_marks(drawing, plot, marks, font)
    drawing.add(String(plot.x + plot.width / 2, 6, x_title, fontName=font, fontSize=8, textAnchor="middle"))
    drawing.add(String(4, height - 12, y_title, fontName=font, fontSize=8))
    if current is not None:
        drawing.add(Line(width - 150, height - 9, width - 142, height - 9, strokeColor=MARK, strokeWidth=4))
        drawing.add(String(width - 138, height - 12, "your figures now", fontName=font, fontSize=8))
    return drawing, drawn


def _top(value: float, step: float) -> float:
    """The axis end: the first multiple of ``step`` at or above ``value`` (at least one step)."""
    return step * max(1, math.ceil(value / step - 1e-9))


def _add_marks(drawing: Drawing, plot: LinePlot, marks: Sequence[tuple[Decimal, str]], font: str) -> list[int]:
    """Dashed vertical lines at each mark inside the x range, each tagged with its key (A, B ...) at the top;
    keys of lines close together are staggered. Returns the indexes of the marks drawn."""
    low, high = plot.xValueAxis.valueMin, plot.xValueAxis.valueMax
    drawn: list[int] = []
    last_px, level = -100.0, 0
    for i, (x, key) in enumerate(marks):
        if not low < float(x) < high:
            continue
        px = plot.x + (float(x) - low) / (high - low) * plot.width
        level = level + 1 if px - last_px < 9 else 0
        last_px = px
        drawing.add(Line(px, plot.y, px, plot.y + plot.height, strokeColor=MUTED, strokeWidth=0.6,
                         strokeDashArray=[2, 2]))
        drawing.add(String(px + 1.5, plot.y + plot.height - 8 - 8 * (level % 4), key, fontName=font, fontSize=7,
                           fillColor=MUTED))
        drawn.append(i)
    return drawn


def _short(label: str, limit: int = 30) -> str:
    """A bar label that fits beside the chart: without a trailing bracket, cut with an ellipsis if still long."""
    label = label.split(" (")[0]
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(
    bars: Sequence[tuple[str, Decimal]],
    *,
    currency: str,
    font: str,
    width: float,
) -> Drawing:
    """Horizontal bars, one per label (e.g. spending by category), longest first as given."""
    height = 30 + 18 * len(bars)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 18
    chart.width, chart.height = width - 170, height - 26
    chart.data = [[float(v) for _, v in reversed(bars)]]
    chart.categoryAxis.categoryNames = [_short(label) for label, _ in reversed(bars)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    top = max((float(v) for _, v in bars), default=1.0) or 1.0
    step = _nice_step(top)
    chart.valueAxis.valueMin, chart.valueAxis.valueStep = 0, step
    chart.valueAxis.valueMax = _top(top, step)
    chart.valueAxis.labelTextFormat = lambda v: format_money(Decimal(str(v)), currency, whole=True)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = LINE
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing
