"""Reading real PDFs back for tests: text with positions, rendered pages, QR codes, where fields are."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pypdfium2
import zxingcpp
from PIL import ImageChops


def text_runs(page: pypdf.PageObject) -> list[tuple[float, float, str]]:
    """(y, font size, text) of every text run on a page, in page coordinates."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            y = tm[5] * cm[3] + cm[5]
            runs.append((y, size * abs(tm[3] or 1) * abs(cm[3] or 1), text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def render(pdf: Path, scale: float = 3.0):
    """Every page of pdf as a PIL image (scale 3 is 216 dpi)."""
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=scale).to_pil() for i in range(len(doc))]
    finally:
        doc.close()


def qr_codes(pdf: Path, scale: float = 3.0) -> list[tuple[int, str, float]]:
    """(page number, decoded text, side length in cm) of every QR code in pdf."""
    found = []
    for n, image in enumerate(render(pdf, scale), 1):
        for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
            pos = result.position
            side_px = ((pos.top_right.x - pos.top_left.x) ** 2 + (pos.top_right.y - pos.top_left.y) ** 2) ** 0.5
            found.append((n, result.text, side_px / scale / 72 * 2.54))
    return found


def field_pages(path: Path) -> dict[str, int]:
    """Full dotted field name -> index of the page its widget is on (a radio group: its last)."""
    return {name: boxes[-1][0] for name, boxes in widget_boxes(path).items()}


def widget_boxes(path: Path) -> dict[str, list[tuple[int, tuple[float, ...]]]]:
    """Full dotted field name -> (page index, rectangle) of each of its widgets, in page order."""
    where: dict[str, list[tuple[int, tuple[float, ...]]]] = {}
    for n, page in enumerate(pypdf.PdfReader(path).pages):
        for ref in page.get("/Annots", []):
            annot, parts = ref.get_object(), []
            node = annot
            while node is not None:
                if "/T" in node:
                    parts.append(str(node["/T"]))
                node = node.get("/Parent").get_object() if "/Parent" in node else None
            if annot.get("/Subtype") == "/Widget" and parts:
                where.setdefault(".".join(reversed(parts)), []).append((n, tuple(float(v) for v in annot["/Rect"])))
    return where


def ink(blank, filled, rect: tuple[float, float, float, float], scale: float, inset: float = 0.15) -> float:
    """Share of the pixels inside rect (PDF points, y up; less `inset` of its size on each side)
    that differ by 64 grey levels or more between two renders of the same page."""
    left, bottom, right, top = rect
    dx, dy = (right - left) * inset, (top - bottom) * inset
    box = (round((left + dx) * scale), round(blank.height - (top - dy) * scale),
           round((right - dx) * scale), round(blank.height - (bottom + dy) * scale))
    diff = ImageChops.difference(blank.convert("L").crop(box), filled.convert("L").crop(box))
    changed = diff.point(lambda v: 255 if v >= 64 else 0).histogram()[255]
    return changed / max(1, (box[2] - box[0]) * (box[3] - box[1]))


def shows_mark(blank, filled, rect, scale: float) -> bool:
    """Does a filled choice show a mark in its rectangle (at least 4% of it inked)?"""
    return ink(blank, filled, rect, scale) >= 0.04
