"""The clinician's one-page progress chart, drawn with ReportLab graphics: the total score per
day across the weeks (a line that breaks where days were left blank), and each row's weekly
average as a heat map with its number printed in every cell."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from io import BytesIO

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from workbook.model.progress import MeasureProgress, Progress
from workbook.pipeline.markup import escape
from workbook.pipeline.render.measure_chart import measure_pages
from workbook.pipeline.render.styles import MUTED, RULE, TEXT, Styles, mix

CHART_HEIGHT = 190


def chart_pdf(progress: Progress | None, styles: Styles, creator: str,
              measures: Sequence[MeasureProgress] = ()) -> bytes:
    """A page per measure (measure_chart.py), then the rating grid's page."""
    s = styles
    out = BytesIO()
    client = progress.client if progress else next((m.client for m in measures if m.client), None)
    title = f"Progress chart: {client}" if client else "Progress chart"
    doc = SimpleDocTemplate(out, pagesize=s.pagesize, leftMargin=s.margin, rightMargin=s.margin,
                            topMargin=s.margin, bottomMargin=s.margin, title=title, creator=creator,
                            author=creator, invariant=1, lang="en-US")
    story = measure_pages(measures, s)
    if progress:
        story += ([PageBreak()] if story else []) + weekly_story(progress, s)
    doc.build(story)
    return out.getvalue()


def weekly_story(progress: Progress, s: Styles) -> list[Flowable]:
    n = len(progress.weeks)
    return [
        Paragraph("Clinician chart · mood tracker", s.kicker),
        Paragraph(escape(progress.client or "Client name not filled in"), s.title),
        Paragraph(f"{_day(progress.first)} to {_day(progress.last)} · {n} week{'s' if n != 1 else ''}", s.lead),
        Paragraph("Total score per day", s.heading),
        Paragraph(f"The sum of the {len(progress.rows)} lines each day (0 to {len(progress.rows) * progress.top}). "
                  "A break in the line is a day left blank.", s.small),
        Spacer(1, 6),
        daily_totals(progress, s, s.frame_width),
        Paragraph("Weekly average per line", s.heading),
        Paragraph(f"The mean of the days filled in, from 0 to {progress.top}. "
                  "Darker is higher; a dash is a week with that line left blank.", s.small),
        Spacer(1, 6),
        weekly_heat_map(progress, s, s.frame_width),
    ]


def day_points(progress: Progress) -> list[list[tuple[int, int]]]:
    """(day number from the first week's start, total) in runs of consecutive filled days."""
    runs: list[list[tuple[int, int]]] = []
    last = None
    for week in progress.weeks:
        offset = (week.start - progress.first).days
        for i, total in enumerate(week.totals):
            if total is None:
                continue
            x = offset + i
            if last is None or x != last + 1:
                runs.append([])
            runs[-1].append((x, total))
            last = x
    return runs


def daily_totals(progress: Progress, s: Styles, width: float) -> Drawing:
    span = (progress.last - progress.first).days
    ceiling = len(progress.rows) * progress.top
    drawing = Drawing(width, CHART_HEIGHT)
    plot = LinePlot()
    plot.x, plot.y = 34, 28
    plot.width, plot.height = width - plot.x - 8, CHART_HEIGHT - plot.y - 8
    runs = day_points(progress) or [[(0, 0)]]
    plot.data = runs
    for i in range(len(runs)):
        line = plot.lines[i]
        line.strokeColor, line.strokeWidth = s.primary, 1.6
        line.symbol = makeMarker("FilledCircle", size=4.5, fillColor=s.primary, strokeColor=s.primary)
    if not day_points(progress):
        plot.lines[0].strokeColor, plot.lines[0].symbol = None, None
    x, y = plot.xValueAxis, plot.yValueAxis
    x.valueMin, x.valueMax = -0.5, span + 0.5
    x.valueSteps = [(w.start - progress.first).days for w in progress.weeks]
    x.labelTextFormat = lambda v: _short_day(progress.first + datetime.timedelta(days=round(v)))
    y.valueMin, y.valueMax = 0, ceiling
    y.valueStep = _step(ceiling)
    for axis in (x, y):
        axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = s.fonts.regular, s.small_size, MUTED
        axis.strokeColor = RULE
    y.visibleGrid, y.gridStrokeColor, y.gridStrokeWidth = 1, mix(RULE, 0.35), 0.5
    x.visibleGrid, x.gridStrokeColor, x.gridStrokeWidth = 1, mix(RULE, 0.5), 0.5
    x.labels.dy = -4
    drawing.add(plot)
    return drawing


def weekly_heat_map(progress: Progress, s: Styles, width: float) -> Drawing:
    label_w = min(width * 0.45, 230)
    cell_w = min((width - label_w) / len(progress.weeks), 72)
    head_h, row_h = 30, 22
    height = head_h + row_h * len(progress.rows)
    drawing = Drawing(width, height)
    size = s.small_size
    for c, week in enumerate(progress.weeks):
        cx = label_w + (c + 0.5) * cell_w
        drawing.add(String(cx, height - 13, "Week of", fontName=s.fonts.regular, fontSize=size - 1,
                           fillColor=MUTED, textAnchor="middle"))
        drawing.add(String(cx, height - 25, _short_day(week.start), fontName=s.fonts.bold, fontSize=size,
                           fillColor=s.primary, textAnchor="middle"))
    for r, label in enumerate(progress.rows):
        y = height - head_h - (r + 1) * row_h
        drawing.add(String(0, y + 7, label, fontName=s.fonts.regular, fontSize=size + 0.5, fillColor=TEXT))
        for c, week in enumerate(progress.weeks):
            _cell(drawing, s, label_w + c * cell_w, y, cell_w, row_h, week.averages[r], progress.top)
    return drawing


def _cell(drawing: Drawing, s: Styles, x: float, y: float, w: float, h: float, value: float | None, top: int) -> None:
    cx, size = x + w / 2, s.small_size + 0.5
    if value is None:
        drawing.add(Rect(x + 1, y + 1, w - 2, h - 2, fillColor=colors.white, strokeColor=mix(RULE, 0.5), strokeWidth=0.5))
        drawing.add(String(cx, y + 7, "–", fontName=s.fonts.regular, fontSize=size, fillColor=MUTED, textAnchor="middle"))
        return
    share = value / top if top else 0
    drawing.add(Rect(x + 1, y + 1, w - 2, h - 2, fillColor=mix(s.primary, 0.08 + 0.92 * share), strokeColor=None))
    ink = colors.white if share > 0.5 else TEXT
    drawing.add(String(cx, y + 7, f"{value:.1f}", fontName=s.fonts.bold, fontSize=size, fillColor=ink, textAnchor="middle"))


def _step(ceiling: int) -> int:
    return next(step for step in (1, 2, 5, 10, 20, 50) if ceiling / step <= 8)


def _day(d: datetime.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _short_day(d: datetime.date) -> str:
    return f"{d.day} {d:%b}"
