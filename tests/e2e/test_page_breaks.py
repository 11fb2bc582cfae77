"""Where pages break, on real builds: no blank page, no list item or line of writing stranded,
headings and short intros on the same page as the start of what they lead into.

Two kinds of check: the built-in content at letter, A4 and large print, read back line by line;
and a sweep, one document whose `repeat` puts the same blocks lower and lower on a page (a `when:`
on each filler line), so that every kind of break is met whatever the content says."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdf
import pytest
from conftest import run
from pdfcheck import field_pages, widget_boxes

MARGIN = 54.0  # the page margin (0.75 in) where body text starts
SIZES = {"letter": [], "a4": ["--paper", "a4"], "large": ["--large-print"], "large-a4": ["--large-print", "--paper", "a4"]}
MARKER = re.compile(r"^(•|\d+\.)$")


@dataclass
class Line:
    y: float
    x: float  # the leftmost text on the line
    size: float
    texts: list[tuple[float, str]]  # (x, text) of each run

    @property
    def text(self) -> str:
        return " ".join(t for _, t in self.texts)


def body_lines(page: pypdf.PageObject) -> list[Line]:
    """The page's lines between the running header and footer, top to bottom."""
    height = float(page.mediabox.height)
    runs: dict[float, Line] = {}

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        if not 86 < y < height - 90:
            return
        line = runs.setdefault(round(y), Line(y, x, size * abs(tm[3] or 1) * abs(cm[3] or 1), []))
        line.x = min(line.x, x)
        line.texts.append((x, text.strip()))

    page.extract_text(visitor_text=visit)
    return sorted(runs.values(), key=lambda line: -line.y)


def kinds(lines: list[Line], indent: float) -> list[str]:
    """Each line as 'item' (a list marker), 'more' (an item's next line) or 'other'."""
    out = []
    for line in lines:
        markers = [x for x, t in line.texts if MARKER.match(t) and abs(x - MARGIN) < 1]
        if markers and any(abs(x - MARGIN - indent) < 1.5 for x, _ in line.texts):
            out.append("item")
        elif abs(line.x - MARGIN - indent) < 1.5:
            out.append("more")
        else:
            out.append("other")
    return out


@pytest.fixture(scope="module", params=list(SIZES))
def built(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"layout-{request.param}")
    result = run("build", "-o", out, *SIZES[request.param])
    assert result.exit_code == 0, result.output
    scale = 1.4 if "large" in request.param else 1.0
    return out, scale


def pdfs(out):
    """The bound workbook holds every client document; the consent is the one left out of it."""
    return [out / "workbook.pdf", out / "contraindication-consent.pdf"]


def test_no_page_is_blank(built):
    out, _ = built
    for pdf in pdfs(out):
        for n, page in enumerate(pypdf.PdfReader(pdf).pages, 1):
            assert body_lines(page), f"{pdf.name}: page {n} has nothing on it"


def test_no_page_ends_with_a_heading(built):
    out, scale = built
    for pdf in pdfs(out):
        for n, page in enumerate(pypdf.PdfReader(pdf).pages, 1):
            lines = body_lines(page)
            assert abs(lines[-1].size - 15 * scale) > 0.1, f"{pdf.name}: page {n} ends with '{lines[-1].text}'"


def test_a_list_broken_across_pages_keeps_two_items_on_each_side(built):
    out, scale = built
    indent = 11.5 * scale * 1.6
    for pdf in pdfs(out):
        pages = [kinds(body_lines(p), indent) for p in pypdf.PdfReader(pdf).pages]
        for n, (before, after) in enumerate(zip(pages, pages[1:]), 1):
            if before[-1] == "other" or after[0] == "other":
                continue
            tail = before[len(before) - next(i for i, k in enumerate(reversed(before)) if k == "other"):]
            head = after[:next((i for i, k in enumerate(after) if k == "other"), len(after))]
            assert after[0] == "item", f"{pdf.name}: an item split between pages {n} and {n + 1}"
            assert tail.count("item") >= 2 and head.count("item") >= 2, \
                f"{pdf.name}: pages {n}/{n + 1} hold {tail.count('item')}/{head.count('item')} items of a list"


def test_known_breaks_of_the_built_in_content(built):
    """The cases the content writer saw: a heading and intro at a page's foot, their block overleaf."""
    out, _ = built
    resources = [p.extract_text() for p in pypdf.PdfReader(out / "resources.pdf").pages]
    assert any("Short videos" in t and "How Depression Affects the Brain" in t for t in resources)
    depression = [p.extract_text() for p in pypdf.PdfReader(out / "understanding-depression.pdf").pages]
    assert any("Depression in daily life" in t and "Energy." in t for t in depression)
    consent = out / "contraindication-consent.pdf"
    texts = [p.extract_text() for p in pypdf.PdfReader(consent).pages]
    fields = field_pages(consent)
    assert "without your written permission" in texts[fields["contraindication-consent.choices.1"]]
    assert "Please initial each statement" in texts[fields["contraindication-consent.understand.1"]]


# --- the sweep ------------------------------------------------------------------------------

FILLERS = 18
GRID_ROWS = 45  # taller than a page, even at letter: it splits between rows


def sweep_document() -> str:
    fillers = "\n".join(f"      - text: {{text: 'Filler line {k}.', when: 'n >= {k}'}}" for k in range(1, FILLERS + 1))
    items = "\n".join(f"          - 'Item {i} of list {{{{ n }}}}: a bullet long enough to wrap onto a second line "
                      "when the page is narrow.'" for i in range(1, 7))
    rows = ", ".join(f"Row {r}" for r in range(1, GRID_ROWS + 1))
    return f"""\
id: sweep
title: Page breaks
kind: worksheet
audience: client
version: "1.0"
reviewed: 2026-11-01
blocks:
  - repeat:
      count: {FILLERS}
      blocks:
      - text: |
          Opening text that takes up room on every page, so that what follows lands near the foot.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
          It goes on for a few lines. It goes on for a few lines. It goes on and on.
{fillers}
      - heading: "Things to know {{{{ n }}}}"
      - text: "A short intro to list {{{{ n }}}}."
      - bullets:
{items}
      - text: "Please initial each statement ({{{{ n }}}})."
      - initials: {{id: agree, items: [First statement., Second statement.]}}
      - heading: "A card {{{{ n }}}}"
      - text: "A short intro to the card."
      - resource: yale-ketamine-explains
      - heading: "A long grid {{{{ n }}}}"
      - scale: {{id: grid, rows: [{rows}], columns: [Mon, Tue, Wed]}}
"""


@pytest.fixture(scope="module", params=["letter", "large"])
def sweep(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"sweep-{request.param}")
    (folder / "content").mkdir()
    (folder / "practice.yaml").write_text("name: Test Practice\n")
    (folder / "content" / "sweep.yaml").write_text(sweep_document())
    result = run("build", "sweep", "-p", folder, "-o", folder, *SIZES[request.param])
    assert result.exit_code == 0, result.output
    path = folder / "sweep.pdf"
    return [p.extract_text() for p in pypdf.PdfReader(path).pages], field_pages(path), path


def test_the_sweep_strands_no_list_item_heading_or_intro(sweep):
    texts, fields, path = sweep
    for n in range(1, FILLERS + 1):
        item_pages = [next(p for p, t in enumerate(texts) if f"Item {i} of list {n}:" in t) for i in range(1, 7)]
        for page in set(item_pages):
            assert item_pages.count(page) >= 2, (n, item_pages)
        heading = next(p for p, t in enumerate(texts) if f"Things to know {n}" in t)
        assert f"A short intro to list {n}." in texts[heading] and heading == item_pages[0], n
        intro = next(p for p, t in enumerate(texts) if f"Please initial each statement ({n})" in t)
        assert fields[f"sweep.agree-{n}.1"] == intro, n
        card = next(p for p, t in enumerate(texts) if f"A card {n}" in t)
        assert "Ketamine for Depression" in texts[card].split(f"A card {n}")[1], n


def test_a_grid_taller_than_a_page_splits_between_rows_with_its_heading_on_its_first_rows(sweep):
    texts, fields, path = sweep
    for n in range(1, FILLERS + 1):
        heading = next(p for p, t in enumerate(texts) if f"A long grid {n}" in t)
        rows = [fields[f"sweep.grid-{n}.{r}-mon"] for r in range(1, GRID_ROWS + 1)]
        assert rows[0] == heading and rows[-1] > heading, (n, heading, rows)  # the heading is with its first rows
        assert rows == sorted(rows) and rows.count(heading) >= 3, (n, rows)  # in order, three or more rows with it
        for page in set(rows) - {heading}:  # the headings are repeated on every part
            assert re.search(r"Mon\s+Tue\s+Wed", texts[page]), (n, page)
    # It starts under the card above it, not on a page of its own (leaving the card's page mostly
    # empty), unless the room under the card cannot hold its heading and first three rows: the
    # heading's group decides, not the style's keepWithNext.
    reader, boxes = pypdf.PdfReader(path), widget_boxes(path)
    under = 0
    for n in range(1, FILLERS + 1):
        start = fields[f"sweep.grid-{n}.1-mon"]
        if f"A card {n}" in texts[start]:
            under += 1
            continue
        card = next(p for p, t in enumerate(texts) if f"A card {n}" in t)
        heading = next(line for line in body_lines(reader.pages[start]) if f"A long grid {n}" in line.text)
        third_row = min(rect[1] for _, rect in boxes[f"sweep.grid-{n}.3-mon"])
        needed = heading.y + heading.size - third_row
        room = body_lines(reader.pages[card])[-1].y - 86  # under the card's last line, down to the footer
        # give or take the card's padding and the spaces after it and before the heading
        assert start == card + 1 and room < needed + 48, (n, room, needed)
    assert under >= FILLERS // 2, under


def test_the_sweep_leaves_no_blank_page(sweep):
    _, _, path = sweep
    for n, page in enumerate(pypdf.PdfReader(path).pages, 1):
        assert body_lines(page), f"page {n} is blank"
