"""The look, as data: sizes, spacing and colours derived from the practice's brand.

Every measure a flowable uses comes from here, so large print is one factor, not a hunt."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm

from workbook.model import palette
from workbook.pipeline.render.fonts import FontFamily

TEXT = colors.HexColor(palette.TEXT)
MUTED = colors.HexColor(palette.MUTED)
RULE = colors.HexColor(palette.RULE)
LARGE_PRINT = 1.4  # scale for large print: body text 16.1 pt


def mix(color: colors.Color, amount: float) -> colors.Color:
    """color blended with white: amount 0 is white, 1 is the colour itself."""
    return colors.Color(*palette.mix((color.red, color.green, color.blue), amount))


@dataclass(frozen=True)
class Styles:
    fonts: FontFamily
    primary: colors.Color
    accent: colors.Color
    paper: str = "letter"
    scale: float = 1.0  # 1.0 regular; large print scales text and writing space
    margin: float = 0.75 * inch
    header_space: float = 0.5 * inch  # between top margin and body frame
    footer_space: float = 0.45 * inch  # between body frame and bottom margin
    line_gap: float = 10 * mm  # distance between ruled writing lines

    @property
    def pagesize(self) -> tuple[float, float]:
        return A4 if self.paper == "a4" else LETTER

    @property
    def tint(self) -> colors.Color:
        return mix(self.accent, palette.TINT)

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - 2 * self.margin

    @property
    def frame_height(self) -> float:
        """The height of a page's writing area, between the running header and footer."""
        return self.pagesize[1] - 2 * self.margin - self.header_space - self.footer_space

    @property
    def body_size(self) -> float:
        return 11.5 * self.scale

    @property
    def line_height(self) -> float:
        """Leading as a multiple of the font size: wider in large print."""
        return 1.38 + (self.scale - 1) * 0.3

    @property
    def small_size(self) -> float:
        return max(9.0, 9.0 * self.scale)

    @property
    def footer_size(self) -> float:
        """The running footer grows less than the text in large print: its crisis line must
        still fit on one line at a readable size."""
        return min(self.small_size, 10.0)

    @property
    def target(self) -> float:
        """The side of a check box or a Yes/No choice: a finger's target, over WCAG 2.2's 24 pt,
        and a generous box for a pen."""
        return 30 * (1 + (self.scale - 1) * 0.5)

    @property
    def gap(self) -> float:
        """Writing-line spacing: at least 9 mm, more in large print."""
        return self.line_gap * (1 + (self.scale - 1) * 0.5)

    def _style(self, name: str, **kw) -> ParagraphStyle:
        # allowWidows=0: a paragraph never leaves its last line alone at the top of a page.
        base = dict(fontName=self.fonts.regular, fontSize=self.body_size, leading=self.body_size * self.line_height,
                    textColor=TEXT, alignment=TA_LEFT, spaceAfter=self.body_size * 0.55, allowWidows=0)
        base.update(kw)
        return ParagraphStyle(name, **base)

    @cached_property
    def body(self) -> ParagraphStyle:
        return self._style("body")

    @cached_property
    def label(self) -> ParagraphStyle:
        """The question above a writing area."""
        return self._style("label", fontName=self.fonts.bold, spaceAfter=0)

    @cached_property
    def hint(self) -> ParagraphStyle:
        return self._style("hint", fontName=self.fonts.italic, textColor=MUTED, spaceAfter=0)

    @cached_property
    def cell(self) -> ParagraphStyle:
        """Row labels inside grids and forms."""
        return self._style("cell", spaceAfter=0, leading=self.body_size * 1.25)

    @cached_property
    def small(self) -> ParagraphStyle:
        return self._style("small", fontSize=self.small_size, leading=self.small_size * 1.3, textColor=MUTED, spaceAfter=0)

    @cached_property
    def legend(self) -> ParagraphStyle:
        """What a rating grid's numbers mean, read before choosing: body size, quieter."""
        return self._style("legend", textColor=MUTED, spaceAfter=0, leading=self.body_size * 1.25)

    @cached_property
    def bullet(self) -> ParagraphStyle:
        return self._style("bullet", spaceAfter=self.body_size * 0.3)

    @cached_property
    def heading(self) -> ParagraphStyle:
        size = 15 * self.scale
        return self._style("heading", fontName=self.fonts.bold, fontSize=size, leading=size * 1.25,
                           textColor=self.primary, spaceBefore=size * 0.9, spaceAfter=size * 0.35, keepWithNext=1)

    @cached_property
    def title(self) -> ParagraphStyle:
        size = 23 * self.scale
        return self._style("title", fontName=self.fonts.bold, fontSize=size, leading=size * 1.2,
                           textColor=self.primary, spaceAfter=size * 0.35, keepWithNext=1)

    @cached_property
    def cover_title(self) -> ParagraphStyle:
        size = 31 * self.scale
        return self._style("cover_title", fontName=self.fonts.bold, fontSize=size, leading=size * 1.2,
                           textColor=self.primary, spaceAfter=size * 0.3)

    @cached_property
    def cover_detail(self) -> ParagraphStyle:
        return self._style("cover_detail", textColor=MUTED, spaceAfter=2)

    @cached_property
    def kicker(self) -> ParagraphStyle:
        """The small label above a title: Handout, Worksheet…"""
        size = 10 * self.scale
        return self._style("kicker", fontName=self.fonts.bold, fontSize=size, leading=size * 1.3,
                           textColor=MUTED, spaceAfter=2, keepWithNext=1)

    @cached_property
    def lead(self) -> ParagraphStyle:
        """The one-line summary under a title."""
        size = 12.5 * self.scale
        return self._style("lead", fontSize=size, leading=size * 1.35, textColor=MUTED, spaceAfter=size, keepWithNext=1)

    @cached_property
    def callout_title(self) -> ParagraphStyle:
        return self._style("callout_title", fontName=self.fonts.bold, textColor=self.primary, spaceAfter=2)

    @cached_property
    def callout_body(self) -> ParagraphStyle:
        return self._style("callout_body", spaceAfter=self.body_size * 0.3)
