"""The clinician's chart of a measure over time: a page per measure with its flagged answers at
the top in a box that cannot be missed, the total of each filling plotted over its severity
bands, and a table of every filling with its exact numbers. Every word is the measure's (in the
content's language) or the strings file's; each text goes to the one escaping Paragraph as plain
text, or as Markup made by `markup()` with its parts escaped.

Tagged, the box of flagged answers is a section titled by its heading, the chart a Figure whose
/Alt sums it up in words (range, lowest and highest total, the latest and its band), and the
table of fillings a real table, a row per filling headed by its date, its headings repeated on
a later page as page furniture."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Sequence

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from workbook.model.progress import Filling, MeasureProgress
from workbook.model.strings import Strings
from workbook.pipeline.markup import markup
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.styles import MUTED, RULE, TEXT, Styles, mix
from workbook.pipeline.render.tags import Elem, SectionStart, Tagged, TaggedTable, TaggedWrap

ALERT = colors.HexColor("#A4161A")  # flagged answers: a red that stays readable on its tint
CHART_HEIGHT = 200
BAND_LABELS = 118  # room at the right of the plot for the bands' names


def measure_pages(series: Sequence[MeasureProgress], s: Styles, words: Strings) -> list[Flowable]:
    story: list[Flowable] = []
    for m in series:
        if story:
            story.append(PageBreak())
        story += _page(m, s, words)
    return story


def _page(m: MeasureProgress, s: Styles, words: Strings) -> list[Flowable]:
    measure, say = m.measure, words.measure_chart
    first, last = m.fillings[0].date, m.fillings[-1].date
    fillings = words.plural(say.fillings, len(m.fillings))
    when = say.one_day.format(day=_day(first, words), fillings=fillings) if first == last else \
        say.range.format(first=_day(first, words), last=_day(last, words), fillings=fillings)
    kicker = say.kicker.format(measure=measure.name)
    story: list[Flowable] = [  # plain text: the Paragraph escapes it
        SectionStart(kicker),
        Paragraph(kicker, s.kicker),
        Paragraph(m.client or words.chart.no_client, s.title),
        Paragraph(when, s.lead),
    ]
    if m.flagged:
        story += [FlagBox(m, s, words), Spacer(1, 10)]
    story += [
        KeepTogether([  # the heading never ends a page without its chart (many flags can push it down)
            Paragraph(say.total, s.heading),
            Paragraph(say.total_note.format(items=len(measure.items), low=measure.lowest, high=measure.highest), s.small),
            Spacer(1, 6),
            TaggedWrap(totals_chart(m, s, words, s.frame_width), Elem("Figure", alt=summary(m, words))),
        ]),
        Spacer(1, 10),
        fillings_table(m, s, words),
    ]
    return story


def summary(m: MeasureProgress, words: Strings) -> str:
    """The chart in words, for a reader who cannot see it: what it plots, how many totals, the
    lowest and the highest, and the latest with its band."""
    say, measure = words.spoken, m.measure
    head = say.measure_chart.format(measure=measure.name, first=_day(m.fillings[0].date, words),
                                    last=_day(m.fillings[-1].date, words), low=measure.lowest, high=measure.highest)
    totals = [f for f in m.fillings if f.score.total is not None]
    if not totals:
        return f"{head}: {say.measure_no_totals}."

    def short(f: Filling) -> str:
        return words.date(f.date, words.dates.short)

    low = min(totals, key=lambda f: f.score.total or 0)
    high = max(totals, key=lambda f: f.score.total or 0)
    latest = totals[-1]
    told = [words.plural(say.measure_totals, len(totals)),
            say.chart_extremes.format(low=low.score.total, low_day=short(low), high=high.score.total, high_day=short(high)),
            say.measure_latest_band.format(day=short(latest), total=latest.score.total, band=latest.score.band)
            if latest.score.band else say.measure_latest.format(day=short(latest), total=latest.score.total)]
    return f"{head}: {', '.join(told)}. {say.measure_table}"


class FlagBox(Tagged, Flowable):
    """Every flagged answer, newest first, in a thick red frame at the top of the page; more than
    a page holds go on to the next, between answers (or lines of a long one). Tagged: a section
    titled by its heading (one level below the page's title), an answer a paragraph, one section
    for all its parts."""

    PAD = 10

    def __init__(self, m: MeasureProgress, s: Styles, words: Strings):
        super().__init__()
        self.s, say = s, words.measure_chart
        title = s.heading.clone("flag_title", textColor=ALERT, spaceBefore=0, spaceAfter=4)
        body = s.body.clone("flag_body", spaceAfter=4)
        heading = words.plural(say.flagged, len(m.flagged))
        self.tag = Elem("Sect", title=heading)
        self.parts = [Paragraph(heading, title, role="H+1")]
        for filling, flag in sorted(m.flagged, key=lambda f: f[0].date, reverse=True):
            answered = say.flagged_answer.format(date=_day(filling.date, words), item=flag.item, answer=flag.answer,
                                                 choice=m.measure.choice(flag.answer))
            self.parts.append(Paragraph(markup("<b>{}</b> <br/><i>{}</i> <br/>{}", answered, flag.text, flag.note), body))

    def wrap(self, aw, ah):
        self.width = aw
        self.heights = [p.wrap(aw - 2 * self.PAD - 6, ah)[1] for p in self.parts]
        self.height = sum(self.heights) + sum(p.style.spaceAfter for p in self.parts[:-1]) + 2 * self.PAD
        return aw, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        inner, room = aw - 2 * self.PAD - 6, ah - 2 * self.PAD
        for i, (part, h) in enumerate(zip(self.parts, self.heights)):
            if h > room:
                pieces = part.split(inner, room) if i else []  # the title stays with an answer
                head, tail = (self.parts[:i] + pieces[:1], pieces[1:] + self.parts[i + 1:]) if pieces else \
                    (self.parts[:i], self.parts[i:])
                return [self._with(head), self._with(tail)] if len(head) > 1 and tail else []
            room -= h + part.style.spaceAfter
        return []

    def _with(self, parts: list[Flowable]) -> FlagBox:
        box = copy.copy(self)
        box.__dict__.pop("_postponed", None)  # the frame's mark that the whole was moved once
        box.parts = parts
        return box

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setFillColor(mix(ALERT, 0.07))
        canv.setStrokeColor(ALERT)
        canv.setLineWidth(3)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        canv.setFillColor(ALERT)
        canv.rect(0, 0, 8, self.height, stroke=0, fill=1)
        canv.restoreState()
        y = self.height - self.PAD
        for part, h in zip(self.parts, self.heights):
            y -= h
            part.drawOn(canv, self.PAD + 6, y)
            y -= part.style.spaceAfter


def totals_chart(m: MeasureProgress, s: Styles, words: Strings, width: float) -> Drawing:
    """Totals over time, on the measure's bands shaded from light (lowest) to darker (highest)."""
    measure = m.measure
    first = m.fillings[0].date
    span = (m.fillings[-1].date - first).days
    drawing = Drawing(width, CHART_HEIGHT)
    plot = LinePlot()
    plot.x, plot.y = 34, 28
    plot.width, plot.height = width - plot.x - BAND_LABELS, CHART_HEIGHT - plot.y - 8
    low, high = measure.lowest, measure.highest
    x_min, x_max = -max(1, span * 0.05), span + max(1, span * 0.05)

    def y_at(value: float) -> float:
        return plot.y + (value - low) / (high - low or 1) * plot.height

    for k, band in enumerate(measure.bands):
        y0, y1 = y_at(max(low, band.low - 0.5)), y_at(min(high, band.high + 0.5))
        shade = mix(s.primary, 0.05 + 0.22 * k / max(1, len(measure.bands) - 1))
        drawing.add(Rect(plot.x, y0, plot.width, y1 - y0, fillColor=shade, strokeColor=None))
        label = words.measure_chart.band.format(label=band.label, low=band.low, high=band.high)
        drawing.add(String(plot.x + plot.width + 6, (y0 + y1) / 2 - 3, label,
                           fontName=s.fonts.regular, fontSize=s.small_size - 0.5, fillColor=TEXT))
    points = [((f.date - first).days, f.score.total) for f in m.fillings if f.score.total is not None]
    plot.data = [points or [(0, low)]]
    line = plot.lines[0]
    line.strokeColor, line.strokeWidth = s.primary, 1.8
    line.symbol = makeMarker("FilledCircle", size=5.5, fillColor=s.primary, strokeColor=s.primary)
    if not points:
        line.strokeColor, line.symbol = None, None
    x, y = plot.xValueAxis, plot.yValueAxis
    x.valueMin, x.valueMax = x_min, x_max
    x.valueSteps = _spread(sorted({(f.date - first).days for f in m.fillings}), plot.width / (x_max - x_min), 48)
    x.labelTextFormat = lambda v: words.date(first + datetime.timedelta(days=round(v)), words.dates.short)
    y.valueMin, y.valueMax = low, high
    y.valueStep = _step(high - low)
    for axis in (x, y):
        axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = s.fonts.regular, s.small_size, MUTED
        axis.strokeColor = RULE
    x.labels.dy = -4
    drawing.add(plot)
    labelled = set(_spread([day for day, _ in points], plot.width / (x_max - x_min), 16))
    for day, total in points:
        if day not in labelled:  # too close to the last labelled one; the table has every total
            continue
        px = plot.x + (day - x_min) / (x_max - x_min) * plot.width
        drawing.add(String(px, y_at(total) + 7, str(total), fontName=s.fonts.bold, fontSize=s.small_size + 1,
                           fillColor=s.primary, textAnchor="middle"))
    return drawing


def fillings_table(m: MeasureProgress, s: Styles, words: Strings) -> TaggedTable:
    say = words.measure_chart
    head = s.small.clone("fill_head", fontName=s.fonts.bold, textColor=s.primary)
    cell = s.small.clone("fill_cell", textColor=TEXT)
    alert = cell.clone("fill_alert", fontName=s.fonts.bold, textColor=ALERT)
    headings = (say.date, say.total_column, say.band_column, say.answered_column, say.flagged_column)
    rows = [[Paragraph(h, head) for h in headings]]
    for f in reversed(m.fillings):
        score = f.score
        flagged = ", ".join(say.flagged_item.format(item=x.item, answer=x.answer) for x in score.flagged)
        rows.append([Paragraph(c, cell) for c in (
            _day(f.date, words), "–" if score.total is None else str(score.total), score.band or "–",
            say.answered.format(answered=score.answered, items=len(m.measure.items)))]
            + [Paragraph(flagged or say.none_flagged, alert if flagged else cell)])
    w = s.frame_width
    # A filling's date heads its row; the headings repeat on each page the table goes on to.
    table = TaggedTable(rows, header_rows=1, header_cols=1, colWidths=[w * 0.2, w * 0.1, w * 0.25, w * 0.17, w * 0.28],
                        repeatRows=1)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 1, s.primary),
             ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE), ("LEFTPADDING", (0, 0), (-1, -1), 3)]
    table.setStyle(TableStyle(style))
    return table


def _spread(days: list[int], scale: float, gap: float) -> list[int]:
    """The days, left to right, each at least `gap` points (at `scale` points a day) from the
    last one kept: labels that would overlap are left out."""
    kept: list[int] = []
    for day in days:
        if not kept or (day - kept[-1]) * scale >= gap:
            kept.append(day)
    return kept


def _step(span: int) -> int:
    return next(step for step in (1, 2, 5, 10, 20, 50, 100) if span / step <= 8)


def _day(d: datetime.date, words: Strings) -> str:
    return words.date(d, words.dates.long)
