"""The raw-ReportLab floor: what a plain platypus script costs for a comparable bound workbook.

    python bench/floor.py [-o floor.pdf] [--content content/] [--each]

Written WITHOUT the project's code (it imports nothing from `workbook`): it reads the same
content YAML as plain data and lays it out with stock ReportLab, the way a competent script
would. What it makes, like the bound workbook: a cover, a linked contents page with page numbers,
every document of content/workbook.yaml (headings, paragraphs, bullets, steps, callouts, safety
boxes) with a bookmark per document and heading; AcroForm fields (single- and multi-line text
fields over ruled lines, checkboxes, and one radio group per cell of the weekly tracker grid);
the QR codes of the resource cards drawn as vectors from the qrcode package's module matrix;
the four Lato TrueType faces embedded (subset); a running header, and a footer with the crisis
line, the document's title and "Page X of Y" on every page. Tables to fill in, yes/no and
initials boxes and signature lines are fields too. With --each, every document of the content
folder is also written as a PDF of its own beside the workbook, as `workbook build` does.

What it leaves out, because a plain script would: validation, sandboxed templates (Jinja
expressions are dropped, `{{ n }}` in repeats is numbered), practice overrides, field-name
hierarchies, tab order and other accessibility work. It draws "Page X of Y" and the contents'
page numbers the cheap way, as form XObjects defined just before saving (no second layout
pass), and uses ReportLab's stock acroForm calls (textfield, checkbox, radio).

It prints one line: pages, fields and bytes, so a benchmark can show that the work compares
(and with --each a second: the documents and their pages)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import qrcode
import yaml
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, inch, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

ROOT = Path(__file__).resolve().parent.parent
CRISIS = ("In crisis or thinking about suicide? Call or text 988 (Suicide & Crisis Lifeline, US), any time. "
          "In an emergency, call 911.")
SAFETY = ("If you feel unsafe", CRISIS + " These pages do not replace talking with your care team.")
CLOSING = "<i>Questions? Bring this page to your next session, or contact your care team.</i>"
PRIMARY, ACCENT = colors.HexColor("#2F5D62"), colors.HexColor("#A7C4BC")
TINT, TEXT = colors.HexColor("#E8F0EE"), colors.HexColor("#222222")
MUTED, RULE = colors.HexColor("#555555"), colors.HexColor("#8A8A8A")
MARGIN, GAP = 0.75 * inch, 10 * mm
PAGE_W, PAGE_H = LETTER
WIDTH = PAGE_W - 2 * MARGIN


# Fonts and styles -------------------------------------------------------------------------------

def register_fonts(folder: Path) -> None:
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        pdfmetrics.registerFont(TTFont(f"Lato-{face}", str(folder / f"Lato-{face}.ttf")))
    pdfmetrics.registerFontFamily("Lato-Regular", normal="Lato-Regular", bold="Lato-Bold",
                                  italic="Lato-Italic", boldItalic="Lato-BoldItalic")


def style(name: str, size: float = 11.5, font: str = "Lato-Regular", color=TEXT, after: float | None = None, **kw):
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * kw.pop("lead", 1.38), textColor=color,
                          spaceAfter=size * 0.55 if after is None else after, **kw)


S = {
    "body": style("body"), "label": style("label", font="Lato-Bold", after=0),
    "cell": style("cell", after=0, lead=1.25), "small": style("small", 9, color=MUTED, after=0, lead=1.3),
    "bullet": style("bullet", after=3.5), "kicker": style("kicker", 10, "Lato-Bold", MUTED, 2, keepWithNext=1),
    "title": style("title", 23, "Lato-Bold", PRIMARY, 8, lead=1.2, keepWithNext=1),
    "cover": style("cover", 31, "Lato-Bold", PRIMARY, 9, lead=1.2),
    "lead": style("lead", 12.5, color=MUTED, after=12.5, lead=1.35, keepWithNext=1),
    "heading": style("heading", 15, "Lato-Bold", PRIMARY, 5, lead=1.25, spaceBefore=13, keepWithNext=1),
    "box_title": style("box_title", font="Lato-Bold", color=PRIMARY, after=2),
}


# Text -------------------------------------------------------------------------------------------

def markup(text: str, n: int | None = None) -> list[str]:
    """Paragraph markup from content text: Jinja dropped (or `n` numbered), **bold**, *italic*."""
    text = str(text)
    if n is not None:
        text = text.replace("{{ n }}", str(n))
    text = re.sub(r"\{%\s*if.*?%\}.*?\{%\s*endif\s*%\}", "", text, flags=re.S)
    text = re.sub(r"\{\{\s*(\w+)[^}]*?\bor\s+\"([^\"]*)\"\s*\}\}", r"\2", text)  # {{ x or "default" }}
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()] or [""]


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", markup(text)[0]) if str(text).strip() else ""


# Flowables --------------------------------------------------------------------------------------

class DocStart(Flowable):
    """Zero-size marker: the footer's title from here on, a bookmark and the contents' target."""

    def __init__(self, key: str, title: str, footer: str):
        super().__init__()
        self.key, self.title, self.footer = key, title, footer

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        pass


class PageNumber(Flowable):
    """A document's first page in the contents: a form XObject filled in before saving."""

    def __init__(self, key: str):
        super().__init__()
        self.key = key

    def wrap(self, aw, ah):
        self.width = aw
        return aw, 14

    def draw(self):
        self.canv.doForm(f"start-{self.key}")
        self.canv.linkRect("", self.key, (self.width - 30, 0, self.width, 14), relative=1, thickness=0)


class Rows(Flowable):
    """Base for the form flowables: absolute positions for fields, rules, never split."""

    def split(self, aw, ah):
        return []

    def at(self, x, y):
        return self.canv.absolutePosition(x, y)

    def rule(self, x0, x1, y):
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.7)
        self.canv.line(x0, y, x1, y)

    def textfield(self, name, x, y, w, h, tooltip, value="", multiline=False):
        x, y = self.at(x, y)
        self.canv.acroForm.textfield(name=name, tooltip=tooltip, value=value, x=x, y=y, width=w, height=h,
                                     fontName="Helvetica", fontSize=11, borderWidth=0, fillColor=None,
                                     textColor=TEXT, fieldFlags="multiline" if multiline else "",
                                     maxlen=0 if multiline else 200)


class WritingArea(Rows):
    def __init__(self, name, label, lines, hint=""):
        super().__init__()
        self.name, self.text, self.lines = name, plain(label), lines
        self.para = Paragraph(markup(label)[0] + (f"<br/><i>{markup(hint)[0]}</i>" if hint else ""), S["label"])

    def wrap(self, aw, ah):
        self.width = aw
        self.para_h = self.para.wrap(aw, ah)[1]
        self.height = self.para_h + self.lines * GAP + 8
        return aw, self.height

    def draw(self):
        y = self.height - self.para_h
        self.para.drawOn(self.canv, 0, y)
        for i in range(1, self.lines + 1):
            self.rule(0, self.width, y - i * GAP)
        self.textfield(self.name, 0, y - self.lines * GAP + 2, self.width, self.lines * GAP - 2, self.text, multiline=True)


class FieldRow(Rows):
    def __init__(self, name, labels):
        super().__init__()
        self.name, self.labels = name, labels

    def wrap(self, aw, ah):
        self.width = aw
        return aw, 30

    def draw(self):
        span = (self.width - 18 * (len(self.labels) - 1)) / len(self.labels)
        for i, label in enumerate(self.labels):
            x = i * (span + 18)
            self.canv.setFont("Lato-Bold", 11.5)
            self.canv.setFillColor(PRIMARY)
            self.canv.drawString(x, 6, label)
            lx = x + pdfmetrics.stringWidth(label, "Lato-Bold", 11.5) + 6
            self.rule(lx, x + span, 4)
            key = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
            self.textfield(f"{self.name}-{key}", lx, 5, x + span - lx, 16.5, label)


class CheckItem(Rows):
    BOX = 13

    def __init__(self, name, text):
        super().__init__()
        self.name, self.tooltip = name, plain(text)
        self.para = Paragraph(markup(text)[0], S["cell"])

    def wrap(self, aw, ah):
        self.width = aw
        self.para_h = self.para.wrap(aw - self.BOX - 10, ah)[1]
        self.height = max(self.para_h, self.BOX) + 6
        return aw, self.height

    def draw(self):
        self.para.drawOn(self.canv, self.BOX + 10, self.height - self.para_h)
        x, y = self.at(0, self.height - self.BOX - 1)
        self.canv.acroForm.checkbox(name=self.name, tooltip=self.tooltip, x=x, y=y, size=self.BOX, buttonStyle="check",
                                    borderColor=PRIMARY, borderWidth=1, fillColor=colors.white, textColor=TEXT)


class ScaleGrid(Rows):
    """Rows × days; each cell a radio group of min..max, the numbers printed beside each box."""

    def __init__(self, name, rows, columns, low, high, legend):
        super().__init__()
        self.name, self.columns, self.values = name, [str(c) for c in columns], [str(v) for v in range(low, high + 1)]
        self.rows = [Paragraph(markup(r)[0], S["cell"]) for r in rows]
        self.legend = Paragraph(markup(legend)[0], S["small"]) if legend else None

    def wrap(self, aw, ah):
        self.width = aw
        self.label_w = max(aw * 0.27, aw - len(self.columns) * (len(self.values) * 14 + 6))
        self.cell_w = (aw - self.label_w) / len(self.columns)
        self.box = min(12, (self.cell_w - 4) / len(self.values) - 1.5)
        self.row_h = [max(p.wrap(self.label_w - 8, ah)[1] + 10, self.box + 12) for p in self.rows]
        self.legend_h = self.legend.wrap(aw, ah)[1] + 6 if self.legend else 0
        self.height = 22 + sum(self.row_h) + self.legend_h
        return aw, self.height

    def draw(self):
        canv = self.canv
        canv.setFont("Lato-Bold", 10)
        canv.setFillColor(PRIMARY)
        for c, day in enumerate(self.columns):
            canv.drawCentredString(self.label_w + (c + 0.5) * self.cell_w, self.height - 15, day)
        y = self.height - 22
        for r, (para, h) in enumerate(zip(self.rows, self.row_h)):
            y -= h
            if r % 2 == 0:
                canv.setFillColor(TINT)
                canv.rect(0, y, self.width, h, stroke=0, fill=1)
            para.drawOn(canv, 4, y + (h - para.height) / 2)
            for c, day in enumerate(self.columns):
                x = self.label_w + c * self.cell_w + (self.cell_w - len(self.values) * (self.box + 1.5)) / 2
                by = y + (h - self.box) / 2
                for value in self.values:
                    canv.setFont("Lato-Regular", self.box * 0.62)
                    canv.setFillColor(MUTED)
                    canv.drawCentredString(x + self.box / 2, by + self.box * 0.28, value)
                    ax, ay = self.at(x, by)
                    canv.acroForm.radio(name=f"{self.name}-{r + 1}-{day.lower()}", value=value, selected=False,
                                        tooltip=f"{para.text}: {day}", x=ax, y=ay, size=self.box,
                                        buttonStyle="check", shape="square", borderColor=RULE, borderWidth=1,
                                        fillColor=None, textColor=TEXT)
                    x += self.box + 1.5
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        for c in range(len(self.columns) + 1):
            canv.line(self.label_w + c * self.cell_w, self.height - 22, self.label_w + c * self.cell_w, y)
        if self.legend:
            self.legend.drawOn(canv, 0, 0)


class FieldTable(Rows):
    """A table to fill in: the columns' labels, then rows of one text field per cell."""

    def __init__(self, name, columns, rows, numbered):
        super().__init__()
        self.name, self.columns, self.rows, self.numbered = name, columns, rows, numbered

    def wrap(self, aw, ah):
        self.width = aw
        self.height = 20 + 24 * self.rows
        return aw, self.height

    def draw(self):
        lead = 22 if self.numbered else 0
        unit = (self.width - lead) / sum(c.get("width", 1) for c in self.columns)
        x, edges = lead, []
        for column in self.columns:
            edges.append((x, x + column.get("width", 1) * unit - 6, column))
            x += column.get("width", 1) * unit
        self.canv.setFont("Lato-Bold", 10)
        self.canv.setFillColor(PRIMARY)
        for x0, _, column in edges:
            self.canv.drawString(x0, self.height - 14, plain(column["label"]))
        for r in range(1, self.rows + 1):
            y = self.height - 20 - 24 * r
            if self.numbered:
                self.canv.setFont("Lato-Regular", 10)
                self.canv.setFillColor(MUTED)
                self.canv.drawString(0, y + 6, f"{r}.")
            for x0, x1, column in edges:
                self.rule(x0, x1, y + 3)
                self.textfield(f"{self.name}-{r}-{column['id']}", x0, y + 4, x1 - x0, 17, f"{plain(column['label'])}, row {r}")


class Answered(Rows):
    """A statement and, at its right, the boxes that answer it: Yes and No, or a field for initials."""

    def __init__(self, name, text, initials):
        super().__init__()
        self.name, self.tooltip, self.initials = name, plain(text), initials
        self.para = Paragraph(markup(text)[0], S["cell"])

    def wrap(self, aw, ah):
        self.width = aw
        self.para_h = self.para.wrap(aw - 110, ah)[1]
        self.height = max(self.para_h, 18) + 8
        return aw, self.height

    def draw(self):
        self.para.drawOn(self.canv, 0, self.height - self.para_h)
        top = self.height - 16
        if self.initials:
            self.rule(self.width - 80, self.width, top)
            self.textfield(self.name, self.width - 80, top + 1, 80, 15, f"Initials: {self.tooltip}")
            return
        for i, answer in enumerate(("Yes", "No")):
            x = self.width - 100 + 52 * i
            self.canv.setFont("Lato-Regular", 10)
            self.canv.setFillColor(TEXT)
            self.canv.drawString(x + 16, top + 2, answer)
            ax, ay = self.at(x, top)
            self.canv.acroForm.checkbox(name=f"{self.name}-{answer.lower()}", tooltip=f"{answer}: {self.tooltip}",
                                        x=ax, y=ay, size=13, buttonStyle="check", borderColor=PRIMARY, borderWidth=1,
                                        fillColor=colors.white, textColor=TEXT)


QR_CACHE: dict[str, list] = {}


class QRCode(Flowable):
    """A QR code as one vector path: a rectangle per run of dark modules."""

    def __init__(self, url: str, size: float = 2.8 * cm):
        super().__init__()
        self.url, self.size = url, size
        if url not in QR_CACHE:
            code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
            code.add_data(url)
            code.make(fit=True)
            QR_CACHE[url] = code.get_matrix()
        self.matrix = QR_CACHE[url]
        self.width = self.height = size * (1 + 8 / len(self.matrix))  # four modules of quiet zone a side

    def draw(self):
        n = len(self.matrix)
        module = self.size / n
        quiet = (self.width - self.size) / 2
        path = self.canv.beginPath()
        for r, row in enumerate(self.matrix):
            top = quiet + self.size - (r + 1) * module
            c = 0
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    path.rect(quiet + start * module, top, (c - start) * module, module)
                c += 1
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, fill=1, stroke=0)
        self.canv.linkURL(self.url, (0, 0, self.width, self.height), relative=1, thickness=0)


def box(title: str, text: str, safety: bool = False) -> Table:
    cell = ([Paragraph(markup(title)[0], S["box_title"])] if title else []) + [Paragraph(p, S["body"]) for p in markup(text)]
    table = Table([[cell]], colWidths=[WIDTH])
    commands = [("BACKGROUND", (0, 0), (-1, -1), TINT), ("LEFTPADDING", (0, 0), (-1, -1), 14),
                ("TOPPADDING", (0, 0), (-1, -1), 10), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("ROUNDEDCORNERS", [6, 6, 6, 6])]
    commands += [("BOX", (0, 0), (-1, -1), 1.4, PRIMARY)] if safety else [("LINEBEFORE", (0, 0), (0, -1), 4, ACCENT)]
    table.setStyle(TableStyle(commands))
    return table


def card(ref: dict) -> Table:
    kind = {"video": "Video", "article": "Article", "page": "Web page"}[ref["kind"]]
    url = ref["url"].replace("&", "&amp;")
    text = [Paragraph(f"{kind} · {ref['source']}", S["small"]), Paragraph(f'<a href="{url}">{ref["title"]}</a>', S["label"])]
    text += [Paragraph(ref["summary"], S["cell"])] if ref.get("summary") else []
    text.append(Paragraph(url, S["small"]))
    code = QRCode(ref["url"])
    table = Table([[code, text]], colWidths=[code.width + 10, WIDTH - code.width - 10])
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, ACCENT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("ROUNDEDCORNERS", [6, 6, 6, 6])]))
    return table


# Blocks -> flowables ----------------------------------------------------------------------------

def listing(items, numbered, n):
    kind = dict(bulletType="1", bulletFormat="%s.", bulletFontName="Lato-Bold") if numbered else \
        dict(bulletType="bullet", start="•", bulletFontName="Lato-Regular")
    return [ListFlowable([ListItem(Paragraph(markup(i, n)[0], S["bullet"])) for i in items], leftIndent=18,
                         bulletFontSize=11.5, bulletColor=PRIMARY, spaceAfter=4.6, **kind)]


def blocks_story(doc_id: str, blocks: list, refs: dict, n: int | None = None) -> list[Flowable]:
    story: list[Flowable] = []
    for block in blocks:
        [(kind, value)] = block.items()
        def name(item, value=value):
            return f"{doc_id}-{value['id']}" + (f"-{n}" if n else "") + (f"-{item}" if item else "")

        if kind == "heading":
            text = markup(value, n)[0] or f"Part {n}"  # a heading made only of a Jinja expression
            story += [CondPageBreak(70), Paragraph(text, S["heading"])]
        elif kind == "text":
            story += [Paragraph(p, S["body"]) for p in markup(value, n)]
        elif kind in ("bullets", "steps"):
            story += listing(value, kind == "steps", n)
        elif kind == "callout":
            story += [box(value.get("title", ""), value["text"]), Spacer(1, 9)]
        elif kind == "safety" and value:
            story += [box(*SAFETY, safety=True), Spacer(1, 9)]
        elif kind == "page_break" and value:
            story.append(PageBreak())
        elif kind == "resource":
            story += [card(refs[value]), Spacer(1, 8)]
        elif kind == "prompt":
            story += [WritingArea(name(""), value["label"], value.get("lines", 4), value.get("hint", "")), Spacer(1, 9)]
        elif kind == "fields":
            labels = [plain(i if isinstance(i, str) else i["label"]) for i in value["items"]]
            story += [FieldRow(name(""), labels), Spacer(1, 9)]
        elif kind == "checklist":
            items = [CheckItem(name(i), t) for i, t in enumerate(value["items"], 1)]
            story += [KeepTogether(items)] if len(items) <= 8 else items
        elif kind == "scale":
            story += [ScaleGrid(name(""), value["rows"], value["columns"], value.get("min", 0), value.get("max", 3),
                                value.get("legend", "")), Spacer(1, 9)]
        elif kind == "table":
            story += [FieldTable(name(""), value["columns"], value.get("rows", 5), value.get("numbered", False)),
                      Spacer(1, 9)]
        elif kind in ("yes_no", "initials"):
            story += [Answered(name(i), t, kind == "initials") for i, t in enumerate(value["items"], 1)]
            story.append(Spacer(1, 9))
        elif kind == "signature":
            for role in value["roles"]:
                story += [FieldRow(name(role["role"].lower()), [f"{role['role']} signature", "Date"]), Spacer(1, 6)]
        elif kind == "repeat":
            for i in range(1, value["count"] + 1):
                story += blocks_story(doc_id, value["blocks"], refs, i) + ([PageBreak()] if i < value["count"] else [])
        elif kind not in ("safety", "page_break"):
            print(f"floor: skipped a '{kind}' block in {doc_id}", file=sys.stderr)
    return story


def document(doc: dict, refs: dict) -> list[Flowable]:
    footer = f"{doc['title']} · Version {doc['version']} · Reviewed {doc['reviewed']}"
    story = [DocStart(doc["id"], doc["title"], footer), Paragraph(doc["kind"].upper(), S["kicker"]),
             Paragraph(markup(doc["title"])[0], S["title"])]
    if doc.get("summary"):
        story.append(Paragraph(markup(doc["summary"])[0], S["lead"]))
    return story + blocks_story(doc["id"], doc["blocks"], refs) + [Paragraph(CLOSING, S["body"])]


def front(book: dict, docs: list[dict]) -> list[Flowable]:
    story = [DocStart("cover", book["title"], book["title"]), Spacer(1, PAGE_H * 0.16),
             Paragraph("CLIENT WORKBOOK", S["kicker"]), Paragraph(book["title"], S["cover"]),
             Paragraph(book.get("subtitle", ""), S["lead"]),
             Paragraph("Bring this workbook to each session. Write in it as much or as little as you like.", S["body"]),
             PageBreak(), DocStart("contents", "Contents", "Contents"), Paragraph("What is inside", S["title"])]
    rows = [[[Paragraph(f'<link destination="{d["id"]}">{markup(d["title"])[0]}</link>', S["label"]),
              Paragraph(markup(d.get("summary", ""))[0] if d.get("summary") else "", S["small"])], PageNumber(d["id"])]
            for d in docs]
    table = Table(rows, colWidths=[WIDTH - 50, 50])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.5, ACCENT),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return story + [table]


# The document template --------------------------------------------------------------------------

class Book(BaseDocTemplate):
    def __init__(self, out, **kw):
        super().__init__(out, pagesize=LETTER, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 36,
                         bottomMargin=MARGIN + 32, **kw)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self.decorate)])
        self.footer, self.starts = "", {}

    def afterFlowable(self, flowable):
        if isinstance(flowable, DocStart):
            self.footer = flowable.footer
            self.starts[flowable.key] = self.page
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.title, flowable.key, level=0)
        elif isinstance(flowable, Paragraph) and flowable.style.name == "heading":
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=1, closed=True)

    def decorate(self, canv, doc):
        canv.saveState()
        canv.setFont("Lato-Bold", 10)
        canv.setFillColor(PRIMARY)
        canv.drawString(MARGIN, PAGE_H - MARGIN - 10, "Your KAP Workbook")
        canv.setStrokeColor(ACCENT)
        canv.line(MARGIN, PAGE_H - MARGIN - 24, PAGE_W - MARGIN, PAGE_H - MARGIN - 24)
        canv.setLineWidth(0.6)
        canv.line(MARGIN, MARGIN + 26, PAGE_W - MARGIN, MARGIN + 26)
        canv.setFont("Lato-Bold", 9)
        canv.drawString(MARGIN, MARGIN + 13, CRISIS)
        canv.setFont("Lato-Regular", 9)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN, MARGIN, self.footer)
        label = f"Page {doc.page} of "
        x = PAGE_W - MARGIN - pdfmetrics.stringWidth("99", "Lato-Regular", 9)
        canv.drawRightString(x, MARGIN, label)
        canv.doForm("pages")  # the page count, known only at the end
        canv.restoreState()


class DeferredCanvas(canvas.Canvas):
    """Defines the forms the pages refer to (page count, contents numbers) just before saving."""

    starts: dict = {}

    def save(self):
        forms = {"pages": (str(self.getPageNumber() - 1), PAGE_W - MARGIN - pdfmetrics.stringWidth("99", "Lato-Regular", 9),
                           MARGIN, "Lato-Regular", 9, MUTED)}
        forms.update({f"start-{k}": (str(p), 0, 2, "Lato-Bold", 11.5, PRIMARY) for k, p in self.starts.items()})
        for name, (text, x, y, font, size, color) in forms.items():
            self.beginForm(name)
            self.setFont(font, size)
            self.setFillColor(color)
            if name == "pages":
                self.drawString(x, y, text)
            else:
                self.drawRightString(50, y, text)  # the right edge of the number column
            self.endForm()
        super().save()


def write(story: list[Flowable], out: Path, title: str) -> Book:
    """Lay the story out into one PDF."""
    template = Book(str(out), title=title, author="kap-workbook floor", invariant=1)

    class Canvas(DeferredCanvas):
        starts = template.starts  # filled in during layout, read at save

    template.build(story, canvasmaker=Canvas)
    return template


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", type=Path, default=Path("floor.pdf"))
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--each", action="store_true",
                        help="also write each document of the content folder as a PDF of its own beside the "
                             "workbook, as `workbook build` does")
    args = parser.parse_args()
    register_fonts(ROOT / "workbook" / "fonts")
    load = lambda name: yaml.load((args.content / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: E731
    book = load("workbook.yaml")
    refs = {r["id"]: r for r in load("references.yaml")}
    docs = [load(f"{i}.yaml") for i in book["documents"]]
    story = front(book, docs)
    for doc in docs:
        story += [PageBreak(), *document(doc, refs)]
    template = write(story, args.out, book["title"])
    fields = len(template.canv.acroForm.fields) if hasattr(template.canv, "AcroForm") else 0
    print(f"floor: {template.page} pages, {fields} fields, {args.out.stat().st_size} bytes")
    if args.each:
        singles = [(path, load(path.name)) for path in sorted(args.content.glob("*.yaml"))]
        pages = sum(write(document(doc, refs), args.out.parent / f"{path.stem}.pdf", doc["title"]).page
                    for path, doc in singles if isinstance(doc, dict) and "blocks" in doc)
        print(f"floor: and {sum(1 for _, d in singles if isinstance(d, dict) and 'blocks' in d)} documents "
              f"of {pages} pages, each a PDF of its own")


if __name__ == "__main__":
    main()
