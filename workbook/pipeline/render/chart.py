"""The clinician's one-page progress chart: the total score per day across the weeks (a line
that breaks where days were left blank, drawn with ReportLab graphics), the same totals as a
table, and each row's weekly average as a heat map with its number printed in every cell.

Tagged, the line chart is a Figure whose /Alt sums it up in words, and both tables are real
tables (the heat map's colours are its cells' backgrounds), so every number can be read and
walked cell by cell without seeing the page."""

from __future__ import annotations

import datetime
from io import BytesIO

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle

from workbook.model.progress import Progress
from workbook.pipeline.markup import escape
from workbook.pipeline.render.pages import Meta
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.styles import MUTED, RULE, TEXT, Styles, mix
from workbook.pipeline.render.tags import Elem, TaggedTable, TaggedWrap, TaggingCanvas, mark_accessible

CHART_HEIGHT = 190
MIN_CHART_HEIGHT = 110  # below this the weeks are hard to tell apart: the tables go on to a second page


def chart_pdf(progress: Progress, styles: Styles, creator: str) -> bytes:
    s = styles
    out = BytesIO()
    title = f"Progress chart: {progress.client}" if progress.client else "Progress chart"
    meta = Meta(title, creator, title, creator)
    doc = SimpleDocTemplate(out, pagesize=s.pagesize, leftMargin=s.margin, rightMargin=s.margin,
                            topMargin=s.margin, bottomMargin=s.margin, title=meta.title, creator=meta.creator,
                            author=meta.author, invariant=1, lang=meta.lang)
    doc._doSave = 0  # saved below, once the structure tree is written
    n = len(progress.weeks)
    head = [
        Paragraph("Clinician chart · mood tracker", s.kicker),
        Paragraph(escape(progress.client or "Client name not filled in"), s.title),
        Paragraph(f"{_day(progress.first)} to {_day(progress.last)} · {n} week{'s' if n != 1 else ''}", s.lead),
        Paragraph("Total score per day", s.heading),
        Paragraph(f"The sum of the {len(progress.rows)} lines each day (0 to {len(progress.rows) * progress.top}). "
                  "A break in the line is a day left blank; the table under it gives every day's total.", s.small),
        Spacer(1, 6),
    ]
    tail = [
        Spacer(1, 6),
        totals_table(progress, s),
        Paragraph("Weekly average per line", s.heading),
        Paragraph(f"The mean of the days filled in, from 0 to {progress.top}. "
                  "Darker is higher; a dash is a week with that line left blank.", s.small),
        Spacer(1, 6),
        weekly_heat_map(progress, s),
    ]
    # The line chart takes the room the rest leaves on the page, so the chart stays one page.
    rest = sum(f.wrap(s.frame_width, doc.height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head + tail)
    height = max(MIN_CHART_HEIGHT, min(CHART_HEIGHT, doc.height - rest - 12))
    figure = TaggedWrap(daily_totals(progress, s, s.frame_width, height), Elem("Figure", alt=summary(progress)))
    story = [*head, figure, *tail]
    doc.build(story, canvasmaker=TaggingCanvas)
    doc.canv.tags.finish()
    mark_accessible(doc.canv, meta.lang)
    doc.canv.save()
    return out.getvalue()


def summary(progress: Progress) -> str:
    """The line chart in words, for a reader who cannot see it: what it plots, its range, its
    lowest and highest days, and the first and the last week's mean."""
    points = [p for run in day_points(progress) for p in run]
    head = (f"Line chart of the total score per day, {_day(progress.first)} to {_day(progress.last)}, "
            f"on a scale of 0 to {len(progress.rows) * progress.top}")
    if not points:
        return head + ": no day was filled in."

    def day(x: int) -> str:
        return _short_day(progress.first + datetime.timedelta(days=x))

    low, high = min(points, key=lambda p: p[1]), max(points, key=lambda p: p[1])
    means = [sum(given) / len(given) for given in ([t for t in w.totals if t is not None] for w in progress.weeks) if given]
    trend = f"; the first week's days average {means[0]:.1f}, the last week's {means[-1]:.1f}" if len(means) > 1 else ""
    return (f"{head}: {len(points)} days filled in, lowest {low[1]} on {day(low[0])}, highest {high[1]} on "
            f"{day(high[0])}{trend}. Every day's total is in the table that follows.")


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


def daily_totals(progress: Progress, s: Styles, width: float, height: float = CHART_HEIGHT) -> Drawing:
    span = (progress.last - progress.first).days
    ceiling = len(progress.rows) * progress.top
    drawing = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y = 34, 28
    plot.width, plot.height = width - plot.x - 8, height - plot.y - 8
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
    x.labels.dy = -4
    drawing.add(plot)
    return drawing


def totals_table(progress: Progress, s: Styles) -> TaggedTable:
    """The line chart's numbers: a row per week, a column per day."""
    head = ["Week of", *progress.days]
    rows = [[_short_day(w.start), *("–" if t is None else str(t) for t in w.totals)] for w in progress.weeks]
    day_w = min(44, (s.frame_width - 72) / len(progress.days))
    # One week is one row: its date heads nothing else, so it is a data cell.
    table = TaggedTable([head, *rows], header_rows=1, header_cols=1 if len(rows) > 1 else 0, hAlign="LEFT",
                        colWidths=[72] + [day_w] * len(progress.days))
    table.setStyle(TableStyle(_grid(s) + [("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def weekly_heat_map(progress: Progress, s: Styles) -> TaggedTable:
    """A row per line rated, a column per week: each cell its average, shaded by it."""
    # "Week of" small and quiet over the date, as narrow as a week's column; the space before
    # the break keeps "Week of 2 Nov" apart when read.
    week = ParagraphStyle("week", parent=s.small, fontSize=s.small_size - 1, leading=s.small_size + 1, alignment=TA_CENTER)
    head = ["", *(Paragraph(f"Week of <br/><font name='{s.fonts.bold}' size='{s.small_size}' color='#{s.primary.hexval()[2:]}'>"
                            f"{_short_day(w.start)}</font>", week) for w in progress.weeks)]
    rows = [[label, *("–" if w.averages[r] is None else f"{w.averages[r]:.1f}" for w in progress.weeks)]
            for r, label in enumerate(progress.rows)]
    label_w = min(s.frame_width * 0.45, 230)
    cell_w = min((s.frame_width - label_w) / len(progress.weeks), 72)
    table = TaggedTable([head, *rows], header_rows=1, header_cols=1, hAlign="LEFT",
                        colWidths=[label_w] + [cell_w] * len(progress.weeks))
    style = _grid(s) + [("INNERGRID", (1, 1), (-1, -1), 1.5, colors.white), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                        ("LEFTPADDING", (1, 0), (-1, 0), 0), ("RIGHTPADDING", (1, 0), (-1, 0), 0),
                        ("TOPPADDING", (0, 1), (-1, -1), 3), ("BOTTOMPADDING", (0, 1), (-1, -1), 3)]
    for c, week in enumerate(progress.weeks, 1):
        for r, value in enumerate(week.averages, 1):
            if value is None:
                continue
            share = value / progress.top if progress.top else 0
            style += [("BACKGROUND", (c, r), (c, r), mix(s.primary, 0.08 + 0.92 * share)),
                      ("TEXTCOLOR", (c, r), (c, r), colors.white if share > 0.5 else TEXT),
                      ("FONTNAME", (c, r), (c, r), s.fonts.bold)]
    table.setStyle(TableStyle(style))
    return table


def _grid(s: Styles) -> list:
    return [
        ("FONTNAME", (0, 0), (-1, -1), s.fonts.regular), ("FONTSIZE", (0, 0), (-1, -1), s.small_size + 0.5),
        ("FONTNAME", (0, 0), (-1, 0), s.fonts.bold), ("TEXTCOLOR", (0, 0), (-1, 0), s.primary),
        ("TEXTCOLOR", (0, 1), (0, -1), TEXT), ("TEXTCOLOR", (1, 1), (-1, -1), MUTED),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
    ]


def _step(ceiling: int) -> int:
    return next(step for step in (1, 2, 5, 10, 20, 50) if ceiling / step <= 8)


def _day(d: datetime.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _short_day(d: datetime.date) -> str:
    return f"{d.day} {d:%b}"
