"""Fill a PDF the way Chrome and Edge do: PDFium's form-fill environment, through pypdfium2.

Chrome's viewer calls FORM_OnAfterLoadPage for each page, turns a tap into mouse move, button
down and up on the widget, a key into FORM_OnChar (Return as key down, char 13, key up), a paste
or an IME's text into FORM_ReplaceSelection, kills the focus before saving and saves with
FPDF_SaveAsCopy. pypdfium2's own helpers make exactly those calls where they are used
(init_forms, get_page, render(may_draw_forms=True), save)."""

from __future__ import annotations

import ctypes
import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

KIND = {raw.FPDF_FORMFIELD_TEXTFIELD: "text", raw.FPDF_FORMFIELD_CHECKBOX: "checkbox",
        raw.FPDF_FORMFIELD_RADIOBUTTON: "radio"}
VK_RETURN = 0x0D


@dataclass(frozen=True)
class Widget:
    page: int
    index: int  # annotation index on its page
    name: str  # full field name
    kind: str  # text, checkbox, radio or other
    rect: tuple[float, float, float, float]  # left, bottom, right, top, PDF points
    export: str  # a choice's on-state ("" for text)
    tooltip: str  # what PDFium reports as the field's alternate name

    @property
    def size(self) -> tuple[float, float]:
        left, bottom, right, top = self.rect
        return right - left, top - bottom


def _utf16(fn, *args) -> str:
    n = fn(*args, None, 0)
    if n <= 2:
        return ""
    buf = ctypes.create_string_buffer(n)
    fn(*args, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), n)
    return buf.raw[:n - 2].decode("utf-16-le")


def _form_fill_info() -> tuple[raw.FPDF_FORMFILLINFO, list]:
    """Version 2, XFA off, with the callbacks an editing session uses (timers for the caret)."""
    info = raw.FPDF_FORMFILLINFO(version=2, xfa_disabled=True)
    timers = iter(range(1, 1 << 30))
    callbacks = {"FFI_Invalidate": None, "FFI_OutputSelectedRect": None, "FFI_SetCursor": None,
                 "FFI_SetTimer": lambda *a: next(timers), "FFI_KillTimer": None, "FFI_OnChange": None,
                 "FFI_SetTextFieldFocus": None, "FFI_OnFocusChange": None}
    types = dict(raw.FPDF_FORMFILLINFO._fields_)
    keep = []
    for name, fn in callbacks.items():
        keep.append(types[name](fn or (lambda *a: None)))
        setattr(info, name, keep[-1])
    return info, keep  # the callbacks must outlive the environment


class PdfiumForm:
    """One document open in a Chrome-like form-fill environment."""

    def __init__(self, source: Path | bytes):
        self.pdf = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
        self._info, self._callbacks = _form_fill_info()
        self.pdf.init_forms(self._info)
        self.form = self.pdf.formenv.raw
        self.pages = [self.pdf[i] for i in range(len(self.pdf))]

    def __enter__(self) -> PdfiumForm:
        return self

    def __exit__(self, *exc) -> None:
        for page in self.pages:
            page.close()
        self.pdf.close()

    def widgets(self) -> list[Widget]:
        out = []
        for p, page in enumerate(self.pages):
            for i in range(raw.FPDFPage_GetAnnotCount(page.raw)):
                annot = raw.FPDFPage_GetAnnot(page.raw, i)
                try:
                    if raw.FPDFAnnot_GetSubtype(annot) != raw.FPDF_ANNOT_WIDGET:
                        continue
                    rect = raw.FS_RECTF()
                    raw.FPDFAnnot_GetRect(annot, rect)
                    kind = KIND.get(raw.FPDFAnnot_GetFormFieldType(self.form, annot), "other")
                    export = "" if kind == "text" else _utf16(raw.FPDFAnnot_GetFormFieldExportValue, self.form, annot)
                    out.append(Widget(p, i, _utf16(raw.FPDFAnnot_GetFormFieldName, self.form, annot), kind,
                                      (rect.left, rect.bottom, rect.right, rect.top), export,
                                      _utf16(raw.FPDFAnnot_GetFormFieldAlternateName, self.form, annot)))
                finally:
                    raw.FPDFPage_CloseAnnot(annot)
        return out

    def click(self, widget: Widget) -> None:
        page = self.pages[widget.page].raw
        left, bottom, right, top = widget.rect
        x, y = (left + right) / 2, (bottom + top) / 2
        raw.FORM_OnMouseMove(self.form, page, 0, x, y)
        raw.FORM_OnLButtonDown(self.form, page, 0, x, y)
        raw.FORM_OnLButtonUp(self.form, page, 0, x, y)

    def type(self, widget: Widget, text: str) -> None:
        """Tap the field, then one FORM_OnChar per UTF-16 code unit; a line break is Return."""
        self.click(widget)
        page = self.pages[widget.page].raw
        for ch in text:
            if ch == "\n":
                raw.FORM_OnKeyDown(self.form, page, VK_RETURN, 0)
                raw.FORM_OnChar(self.form, page, VK_RETURN, 0)
                raw.FORM_OnKeyUp(self.form, page, VK_RETURN, 0)
                continue
            units = ch.encode("utf-16-le")
            for k in range(0, len(units), 2):
                raw.FORM_OnChar(self.form, page, int.from_bytes(units[k:k + 2], "little"), 0)
        raw.FORM_ForceToKillFocus(self.form)

    def paste(self, widget: Widget, text: str) -> None:
        """Tap the field and commit text at once, as a paste or a phone keyboard does."""
        self.click(widget)
        raw.FORM_SelectAllText(self.form, self.pages[widget.page].raw)
        data = (text + "\0").encode("utf-16-le")
        buf = ctypes.create_string_buffer(data, len(data))
        raw.FORM_ReplaceSelection(self.form, self.pages[widget.page].raw, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
        raw.FORM_ForceToKillFocus(self.form)

    def save(self) -> bytes:
        raw.FORM_ForceToKillFocus(self.form)
        out = io.BytesIO()
        self.pdf.save(out)
        return out.getvalue()

    def render(self, page: int, scale: float = 1.0):
        """The page as on screen, fields drawn (FPDF_FFLDraw)."""
        return self.pages[page].render(scale=scale, may_draw_forms=True).to_pil()

    def flatten(self, page: int) -> None:
        """Burn the widgets' appearances into the page, as printing to a flat PDF does."""
        assert raw.FPDFPage_Flatten(self.pages[page].raw, raw.FLAT_NORMALDISPLAY) == raw.FLATTEN_SUCCESS


def flattened(source: Path | bytes, pages: list[int] | None = None) -> bytes:
    """The document with the given pages' (default: every page's) fields burnt into the page."""
    with PdfiumForm(source) as form:
        for page in range(len(form.pages)) if pages is None else pages:
            form.flatten(page)
        return form.save()


def drawn_text(source: Path | bytes, page: int) -> list[tuple[str, str, bool]]:
    """(character, font name, embedded?) of every character PDFium extracts from a page."""
    pdf = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    try:
        textpage = pdf[page].get_textpage()
        out = []
        for i in range(textpage.count_chars()):
            char = chr(raw.FPDFText_GetUnicode(textpage.raw, i))
            font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(textpage.raw, i))
            if not char.strip() or not font:
                continue
            n = raw.FPDFFont_GetBaseFontName(font, None, 0)
            name = ctypes.create_string_buffer(n)
            raw.FPDFFont_GetBaseFontName(font, name, n)
            out.append((char, name.value.decode(), bool(raw.FPDFFont_GetIsEmbedded(font))))
        return out
    finally:
        pdf.close()
