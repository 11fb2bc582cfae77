"""ReportLab's Paragraph, the one way text reaches the page as markup: anything but Markup (made
by pipeline/markup.py from escaped text) is escaped here, so no string can open a tag (<img>,
<a href>, <onDraw>...) by being forgotten. Its markup is parsed and its lines broken once per
text, style and width.

A batch lays out the same handouts for every client: parsing and breaking the same lines again
was about half of each packet's time. Split-off parts (text None, built from fragments) are not
cached; nothing here changes a byte of the output."""

from __future__ import annotations

from reportlab.platypus import paragraph

from workbook.pipeline.markup import as_markup

_LIMIT = 1024  # entries per cache (~2 KB each); cleared when full, so long batches stay flat


class Paragraph(paragraph.Paragraph):
    _parsed: dict = {}
    _lines: dict = {}

    def __init__(self, text: str | None, style, **kwargs):
        if text is not None:  # None: a part split off by ReportLab, made from fragments
            text = as_markup(text)
        # Each entry keeps its style, so the style's id cannot be reused by another style.
        hit = self._parsed.get((text, id(style)))
        if hit is not None and hit[2] is style and not kwargs:
            super().__init__(hit[0], style, frags=hit[1])
            return
        super().__init__(text, style, **kwargs)
        if not kwargs:
            _remember(self._parsed, (text, id(style)), (self.text, self.frags, style))

    def breakLines(self, width):
        if not isinstance(self.text, str):
            return super().breakLines(width)
        key = (self.text, id(self.style), tuple(width))
        hit = self._lines.get(key)
        if hit is not None and hit[1] is self.style:
            return hit[0]
        lines = super().breakLines(width)
        _remember(self._lines, key, (lines, self.style))
        return lines


def _remember(cache: dict, key, value) -> None:
    if len(cache) >= _LIMIT:
        cache.clear()
    cache[key] = value
