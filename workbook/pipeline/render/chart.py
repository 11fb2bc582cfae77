"""The clinician's progress chart, drawn with ReportLab graphics in the build's language: a page
per measure (measure_chart.py), then the weekly tracker's page: the total score per day across
the weeks (a line that breaks where days were left blank), and each row's weekly average as a
heat map with its number printed in every cell."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from io import BytesIO

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate, Spacer

from workbook.model.progress import MeasureProgress, Progress
from workbook.model.strings import Strings
from workbook.pipeline.render.measure_chart import measure_pages
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.styles import MUTED, RULE, TEXT, Styles, mix

CHART_HEIGHT = 190


def chart_pdf(progress: Progress | None, styles: Styles, words: Strings, creator: str,
              measures: Sequence[MeasureProgress] = ()) -> bytes:
    """A page per measure (measure_chart.py), then the rating grid's page."""
    s, say = styles, words.chart
    out = BytesIO()
    client = progress.client if progress else next((m.client for m in measures if m.client), None)
    title = say.title.format(client=client) if client else say.untitled
    doc = SimpleDocTemplate(out, pagesize=s.pagesize, leftMargin=s.margin, rightMargin=s.margin,
                            topMargin=s.margin, bottomMargin=s.margin, title=title, creator=creator,
                            author=creator, invariant=1, lang=words.locale)
    story = measure_pages(measures, s, words)
    if progress:
        story += ([PageBreak()] if story else []) + weekly_story(progress, s, words)
    doc.build(story)
    return out.getvalue()


def weekly_story(progress: Progress, s: Styles, words: Strings) -> list[Flowable]:
    say, dates = words.chart, words.dates
    lines = len(progress.rows)
    when = say.range.format(first=words.date(progress.first, dates.long), last=words.date(progress.last, dates.long),
                            weeks=words.plural(say.weeks, len(progress.weeks)))
    return [
        # plain text, the client's name and the strings file's words: the Paragraph escapes them
        Paragraph(say.kicker, s.kicker),
        Paragraph(progress.client or say.no_client, s.title),
        Paragraph(when, s.lead),
        Paragraph(say.totals, s.heading),
        Paragraph(say.totals_note.format(lines=lines, most=lines * progress.top), s.small),
        Spacer(1, 6),
        daily_totals(progress, s, words, s.frame_width),
        Paragraph(say.averages, s.heading),
        Paragraph(say.averages_note.format(top=progress.top), s.small),
        Spacer(1, 6),
        weekly_heat_map(progress, s, words, s.frame_width),
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


def daily_totals(progress: Progress, s: Styles, words: Strings, width: float) -> Drawing:
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
    x.labelTextFormat = lambda v: words.date(progress.first + datetime.timedelta(days=round(v)), words.dates.short)
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


def weekly_heat_map(progress: Progress, s: Styles, words: Strings, width: float) -> Drawing:
    label_w = min(width * 0.45, 230)
    cell_w = min((width - label_w) / len(progress.weeks), 72)
    head_h, row_h = 30, 22
    height = head_h + row_h * len(progress.rows)
    drawing = Drawing(width, height)
    size = s.small_size
    for c, week in enumerate(progress.weeks):
        cx = label_w + (c + 0.5) * cell_w
        drawing.add(String(cx, height - 13, words.chart.week_of, fontName=s.fonts.regular, fontSize=size - 1,
                           fillColor=MUTED, textAnchor="middle"))
        drawing.add(String(cx, height - 25, words.date(week.start, words.dates.short), fontName=s.fonts.bold, fontSize=size,
                           fillColor=s.primary, textAnchor="middle"))
    for r, label in enumerate(progress.rows):
        y = height - head_h - (r + 1) * row_h
        drawing.add(String(0, y + 7, label, fontName=s.fonts.regular, fontSize=size + 0.5, fillColor=TEXT))
        for c, week in enumerate(progress.weeks):
            _cell(drawing, s, words, label_w + c * cell_w, y, cell_w, row_h, week.averages[r], progress.top)
    return drawing


def _cell(drawing: Drawing, s: Styles, words: Strings, x: float, y: float, w: float, h: float, value: float | None,
          top: int) -> None:
    cx, size = x + w / 2, s.small_size + 0.5
    if value is None:
        drawing.add(Rect(x + 1, y + 1, w - 2, h - 2, fillColor=colors.white, strokeColor=mix(RULE, 0.5), strokeWidth=0.5))
        drawing.add(String(cx, y + 7, "–", fontName=s.fonts.regular, fontSize=size, fillColor=MUTED, textAnchor="middle"))
        return
    share = value / top if top else 0
    drawing.add(Rect(x + 1, y + 1, w - 2, h - 2, fillColor=mix(s.primary, 0.08 + 0.92 * share), strokeColor=None))
    ink = colors.white if share > 0.5 else TEXT
    drawing.add(String(cx, y + 7, words.decimal(value), fontName=s.fonts.bold, fontSize=size, fillColor=ink, textAnchor="middle"))


def _step(ceiling: int) -> int:
    return next(step for step in (1, 2, 5, 10, 20, 50) if ceiling / step <= 8)

