"""ReportLab's Paragraph, with line breaks computed once per text, style and width.

A batch lays out the same handouts for every client: breaking the same lines again was about
half of each packet's time. Split-off parts (text None, built from fragments) are not cached."""

from __future__ import annotations

from reportlab.platypus import paragraph

_LIMIT = 1024  # entries (~2 KB each); cleared when full, so a long batch stays flat in memory


class Paragraph(paragraph.Paragraph):
    _lines: dict = {}

    def breakLines(self, width):
        if not isinstance(self.text, str):
            return super().breakLines(width)
        key = (self.text, id(self.style), tuple(width))
        hit = self._lines.get(key)
        # The style is kept with the entry, so its id cannot be reused by another style.
        if hit is not None and hit[1] is self.style:
            return hit[0]
        if len(self._lines) >= _LIMIT:
            self._lines.clear()
        lines = super().breakLines(width)
        self._lines[key] = (lines, self.style)
        return lines
