"""ReportLab's Paragraph, the one way text reaches the page as markup: anything but Markup (made
by pipeline/markup.py from escaped text) is escaped here, so no string can open a tag (<img>,
<a href>, <onDraw>...) by being forgotten. Its markup is parsed and its lines broken once per
text, style and width, and it is tagged as the structure element its style says it is.

A batch lays out the same handouts for every client: parsing and breaking the same lines again
was about half of each packet's time. Split-off parts (text None, built from fragments) are not
cached; the caches change no byte of the output.

Each run of characters the paragraph's font lacks is set in the fallback font (fonts.py), once,
when the markup is parsed: a fragment like any other, so tagged it is drawn inside the
paragraph's own marked content."""

from __future__ import annotations

from reportlab.platypus import paragraph

from workbook.pipeline.markup import as_markup
from workbook.pipeline.render.fonts import fallback_runs
from workbook.pipeline.render.tags import Tagged, spaced_lines, tags_of

_LIMIT = 1024  # entries per cache (~2 KB each); cleared when full, so long batches stay flat
# The element a paragraph is, by its style's name; "H+1" is one level below the current heading.
ROLES = {"title": "H1", "cover_title": "H1", "heading": "H2", "callout_title": "H+1"}


class Paragraph(Tagged, paragraph.Paragraph):
    """One element (P, H1... by style, or `role`), shared by the parts of a split."""

    _parsed: dict = {}
    _lines: dict = {}
    _spaced: dict = {}  # id(broken lines) -> (those lines, the same with line-end spaces)
    continued = False  # a part of a split paragraph that goes on in the next part

    def __init__(self, text: str | None, style, role: str | None = None, **kwargs):
        self.role = role or ROLES.get(style.name, "P")
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

    def _setup(self, text, style, bulletText, frags, cleaner):
        parsed = frags is None
        super()._setup(text, style, bulletText, frags, cleaner)
        if parsed:
            self.frags = [piece for frag in self.frags for piece in _with_fallback(frag)]  # type: ignore[has-type]

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

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts[:-1]:  # read on into the next part: its last line ends at a space
            part.continued = True
        return parts

    def drawPara(self, debug=0):
        """Tagged, each line that ends at a space ends with one, so that the words at line
        ends do not run together when the page is read aloud or copied (nothing moves)."""
        if tags_of(self.canv) is None:
            return super().drawPara(debug)
        lines = self.blPara  # type: ignore[has-type]
        hit = self._spaced.get(id(lines))  # the entry holds `lines`, so its id is not reused
        if hit is None or hit[0] is not lines:
            hit = (lines, spaced_lines(lines, self.frags, self.continued))
            _remember(self._spaced, id(lines), hit)
        self.blPara = hit[1]
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = lines


def _remember(cache: dict, key, value) -> None:
    if len(cache) >= _LIMIT:
        cache.clear()
    cache[key] = value


def _with_fallback(frag) -> list:
    """A parsed fragment, split where its font lacks glyphs that the fallback font has."""
    text = getattr(frag, "text", "")
    if not text or getattr(frag, "cbDefn", None) is not None:
        return [frag]
    runs = fallback_runs(text, frag.fontName)
    if runs == [(text, frag.fontName)]:
        return [frag]
    return [frag.clone(text=run, fontName=font) for run, font in runs]  # one run too: all in the fallback
