"""The clinician's progress chart, in the build's language: a page per measure
(measure_chart.py), then the weekly tracker's page: the total score per day across the weeks (a
line that breaks where days were left blank, drawn with ReportLab graphics), the same totals as a
table, and each row's weekly average as a heat map with its number printed in every cell.

Tagged, the line chart is a Figure whose /Alt sums it up in words, and both tables are real
tables (the heat map's colours are its cells' backgrounds), so every number can be read and
walked cell by cell without seeing the page."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from io import BytesIO

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate, Spacer, TableStyle

from workbook.model.progress import MeasureProgress, Progress
from workbook.model.strings import Strings
from workbook.pipeline.markup import markup
from workbook.pipeline.render.measure_chart import measure_pages
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.styles import MUTED, RULE, TEXT, Styles, mix
from workbook.pipeline.render.tags import Elem, SectionStart, TaggedTable, TaggedWrap, TaggingCanvas, mark_accessible

CHART_HEIGHT = 190
MIN_CHART_HEIGHT = 110  # below this the weeks are hard to tell apart: the tables go on to a second page


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
    doc._doSave = 0  # saved below, once the structure tree is written
    story = measure_pages(measures, s, words)
    if progress:
        story += ([PageBreak()] if story else []) + weekly_story(progress, s, words, doc.height)
    doc.build(story, canvasmaker=TaggingCanvas)
    doc.canv.tags.finish()
    mark_accessible(doc.canv, words.locale)
    doc.canv.save()
    return out.getvalue()


def weekly_story(progress: Progress, s: Styles, words: Strings, room: float) -> list[Flowable]:
    """The weekly tracker's page, its line chart as tall as the `room` the rest leaves allows."""
    say, dates = words.chart, words.dates
    lines = len(progress.rows)
    when = say.range.format(first=words.date(progress.first, dates.long), last=words.date(progress.last, dates.long),
                            weeks=words.plural(say.weeks, len(progress.weeks)))
    head = [
        SectionStart(say.kicker),
        # plain text, the client's name and the strings file's words: the Paragraph escapes them
        Paragraph(say.kicker, s.kicker),
        Paragraph(progress.client or say.no_client, s.title),
        Paragraph(when, s.lead),
        Paragraph(say.totals, s.heading),
        Paragraph(say.totals_note.format(lines=lines, most=lines * progress.top), s.small),
        Spacer(1, 6),
    ]
    tail = [
        Spacer(1, 6),
        totals_table(progress, s, words),
        Paragraph(say.averages, s.heading),
        Paragraph(say.averages_note.format(top=progress.top), s.small),
        Spacer(1, 6),
        weekly_heat_map(progress, s, words),
    ]
    # The line chart takes the room the rest leaves on the page, so the chart stays one page.
    rest = sum(f.wrap(s.frame_width, room)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head + tail)
    height = max(MIN_CHART_HEIGHT, min(CHART_HEIGHT, room - rest - 12))
    figure = TaggedWrap(daily_totals(progress, s, words, s.frame_width, height), Elem("Figure", alt=summary(progress, words)))
    return [*head, figure, *tail]


def summary(progress: Progress, words: Strings) -> str:
    """The line chart in words, for a reader who cannot see it: what it plots, its range, its
    lowest and highest days, and the first and the last week's mean."""
    say, dates = words.spoken, words.dates
    points = [p for run in day_points(progress) for p in run]
    head = say.chart.format(first=words.date(progress.first, dates.long), last=words.date(progress.last, dates.long),
                            most=len(progress.rows) * progress.top)
    if not points:
        return f"{head}: {say.chart_no_days}."

    def day(x: int) -> str:
        return words.date(progress.first + datetime.timedelta(days=x), dates.short)

    low, high = min(points, key=lambda p: p[1]), max(points, key=lambda p: p[1])
    told = [words.plural(say.chart_days, len(points)),
            say.chart_extremes.format(low=low[1], low_day=day(low[0]), high=high[1], high_day=day(high[0]))]
    means = [sum(given) / len(given) for given in ([t for t in w.totals if t is not None] for w in progress.weeks) if given]
    trend = "; " + say.chart_trend.format(first=words.decimal(means[0]), last=words.decimal(means[-1])) if len(means) > 1 else ""
    return f"{head}: {', '.join(told)}{trend}. {say.chart_table}"


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


def daily_totals(progress: Progress, s: Styles, words: Strings, width: float, height: float = CHART_HEIGHT) -> Drawing:
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
    x.labelTextFormat = lambda v: words.date(progress.first + datetime.timedelta(days=round(v)), words.dates.short)
    y.valueMin, y.valueMax = 0, ceiling
    y.valueStep = _step(ceiling)
    for axis in (x, y):
        axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = s.fonts.regular, s.small_size, MUTED
        axis.strokeColor = RULE
    # Horizontal gridlines only: the week starts are labelled on the axis (checkers took the
    # chart's crossing lines and labels for a table left untagged).
    y.visibleGrid, y.gridStrokeColor, y.gridStrokeWidth = 1, mix(RULE, 0.35), 0.5
    x.labels.dy = -4
    drawing.add(plot)
    return drawing


def totals_table(progress: Progress, s: Styles, words: Strings) -> TaggedTable:
    """The line chart's numbers: a row per week, a column per day."""
    head = [words.chart.week_of, *progress.days]
    rows = [[words.date(w.start, words.dates.short), *("–" if t is None else str(t) for t in w.totals)]
            for w in progress.weeks]
    day_w = min(44, (s.frame_width - 72) / len(progress.days))
    # One week is one row: its date heads nothing else, so it is a data cell.
    table = TaggedTable([head, *rows], header_rows=1, header_cols=1 if len(rows) > 1 else 0, hAlign="LEFT",
                        colWidths=[72] + [day_w] * len(progress.days))
    table.setStyle(TableStyle(_grid(s) + [("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def weekly_heat_map(progress: Progress, s: Styles, words: Strings) -> TaggedTable:
    """A row per line rated, a column per week: each cell its average, shaded by it."""
    # "Week of" small and quiet over the date, as narrow as a week's column; the space before
    # the break keeps "Week of 2 Nov" apart when read.
    week = ParagraphStyle("week", parent=s.small, fontSize=s.small_size - 1, leading=s.small_size + 1, alignment=TA_CENTER)
    head = ["", *(Paragraph(markup("{} <br/><font name=\"{}\" size=\"{}\" color=\"#{}\">{}</font>", words.chart.week_of,
                                   s.fonts.bold, str(s.small_size), s.primary.hexval()[2:],
                                   words.date(w.start, words.dates.short)), week) for w in progress.weeks)]
    rows = [[label, *("–" if (mean := w.averages[r]) is None else words.decimal(mean) for w in progress.weeks)]
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
