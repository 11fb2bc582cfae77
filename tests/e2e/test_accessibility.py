"""Tagged for screen readers (issue 11), every PDF the tool writes: each document and the bound
workbook, in --flat, large print and A4, a batch packet (a practice with a logo and addresses)
and the progress chart. Checked by outloud (PDF/UA-1 Matterhorn checkpoints and semantic rules)
and by our own reading of the structure tree, content streams and pages (structure.py), which
owes nothing to the code that wrote the tags."""

from __future__ import annotations

import re
from pathlib import Path

import outloud
import pikepdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from fill import fill, tracker_week
from measure_sample import FILLINGS, filled_values
from outloud.fonts import font_info
from structure import coverage_problems, page_content, qr_problems, structure_problems, tree

from workbook.cli import main

# outloud warnings that are a choice, not a defect. Any other warning, and any error, fails.
ACCEPTED_WARNINGS = {
    # "71 of 88 cells are empty; this may not be a table": the fillable rating grid's cells hold
    # a form field per choice, each named "<row>: <day>: <value>"; the printed numbers are
    # artifacts so that a screen reader says each choice once, not twice.
    "TBL-012",
}
VARIANTS = ["default_build", "flat_build", "large_print_build", "a4_build", "packet", "chart", "measure_builds",
            "measure_chart", "spanish_build"]
WEEKS = {"2026-11-02": [[2, 1, None, 3, 2, 1, 0]] * 10, "2026-11-09": [[1, 1, 0, None, 0, 1, 0]] * 10}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def practice(tmp_path_factory) -> Path:
    """`workbook init`'s practice: a logo, an email address and a website."""
    folder = tmp_path_factory.mktemp("practice") / "practice"
    assert run("init", folder).exit_code == 0
    return folder


@pytest.fixture(scope="module")
def packet(practice, tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("packet")
    (tmp / "clients.csv").write_text("client,clinician,date\nZoë Example,Dr. Rivera,2026-02-03\n", encoding="utf-8")
    result = run("batch", tmp / "clients.csv", "-p", practice, "-o", tmp / "out")
    assert result.exit_code == 0, result.output
    return tmp / "out"


@pytest.fixture(scope="module")
def spanish_build(tmp_path_factory) -> Path:
    """Every document and the workbook in Spanish: sentence-case titles and a footer in which
    most words are lowercase ("Revisado el 24 nov 2026", "Página 1 de 1")."""
    out = tmp_path_factory.mktemp("es")
    result = run("build", "--lang", "es", "-o", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def chart(default_build, tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("chart")
    doc = "symptom-checklist"
    weeks = [fill(default_build / f"{doc}.pdf", tmp / f"week-{start}.pdf", tracker_week(doc, start, "Alex Doe", grid))
             for start, grid in WEEKS.items()]
    result = run("progress", *weeks, "-o", tmp / "out" / "progress.pdf")
    assert result.exit_code == 0, result.output
    return tmp / "out"


@pytest.fixture(scope="module")
def measure_builds(measure_practice, tmp_path_factory) -> Path:
    """A practice's questionnaire (a measure block), fillable, on paper (--flat) and in large print."""
    out = tmp_path_factory.mktemp("measure-builds")
    for name, flags in {"fillable": [], "flat": ["--flat"], "large": ["--large-print"]}.items():
        assert run("build", "check-in", "-p", measure_practice, "-o", out / name, *flags).exit_code == 0
        (out / name / "check-in.pdf").rename(out / f"check-in-{name}.pdf")
    return out


@pytest.fixture(scope="module")
def measure_chart(measure_practice, measure_builds, default_build, tmp_path_factory) -> Path:
    """`progress` over three fillings of the measure and two weeks of the tracker: the measure's
    page (flagged answers, totals over the bands, the fillings), then the tracker's."""
    tmp = tmp_path_factory.mktemp("measure-chart")
    files = [fill(measure_builds / "check-in-fillable.pdf", tmp / f"check-in-{date}.pdf", filled_values(date, date))
             for date in FILLINGS]
    doc = "symptom-checklist"
    files += [fill(default_build / f"{doc}.pdf", tmp / f"week-{start}.pdf", tracker_week(doc, start, "Alex Doe", grid))
              for start, grid in WEEKS.items()]
    result = run("progress", "-p", measure_practice, *files, "-o", tmp / "out" / "progress.pdf")
    assert result.exit_code == 0, result.output
    return tmp / "out"


@pytest.fixture(scope="module", params=VARIANTS)
def pdfs(request) -> list[Path]:
    found = sorted(request.getfixturevalue(request.param).glob("*.pdf"))
    assert found
    return found


def test_outloud_finds_no_errors(pdfs):
    failed = {}
    for pdf in pdfs:
        result = outloud.check(str(pdf))
        bad = [f"{f.rule} p.{f.page}: {f.message}" for f in result.findings
               if f.severity == "error" or (f.severity == "warning" and f.rule not in ACCEPTED_WARNINGS)]
        bad += [f"rule {r.rule} crashed" for r in result.runs if r.status == "crashed"]
        if result.error or bad or not result.stats.get("tagged"):
            failed[pdf.name] = result.error or bad or "not tagged"
    assert not failed


def test_the_structure_tree_holds_together(pdfs):
    """Catalog entries, parent tree, every text in an element or an artifact, every widget in a
    /Form with an accessible name, every link in a /Link, /Tabs /S, heading order."""
    failed = {pdf.name: problems for pdf in pdfs if (problems := structure_problems(pikepdf.open(pdf)))}
    assert not failed


def test_the_structure_tree_reads_every_word_of_every_page(pdfs):
    """Apart from the running header and footer; a flowable that forgets to tag itself, or
    words at line ends that run together, fail here."""
    failed = {pdf.name: problems for pdf in pdfs if (problems := coverage_problems(pdf))}
    assert not failed


@pytest.mark.parametrize("name", ["resources.pdf", "understanding-depression.pdf", "workbook.pdf"])
def test_every_qr_code_is_a_figure_named_by_its_resource_and_address(default_build, name):
    assert qr_problems(default_build / name) == []


def test_documents_are_in_english_and_say_their_title(default_build):
    for pdf in default_build.glob("*.pdf"):
        doc = pikepdf.open(pdf)
        assert doc.Root.Lang == "en-US"
        with doc.open_metadata(set_pikepdf_as_editor=False) as xmp:
            assert xmp["dc:title"] == str(doc.docinfo.Title) and "en-US" in str(xmp.get("dc:language"))


def test_logo_and_crisis_line_are_read_once_per_pdf(packet, practice):
    pdf = pikepdf.open(next(packet.glob("*.pdf")))
    top = tree(pdf)
    logos = [e for e in top.walk() if e.type == "Figure" and e.alt == "Your Practice Name"]
    assert [e.page for e in logos] == [0]  # named once, on the cover; an artifact on every other page
    pages = len(pdf.pages)
    images = sum(1 for page in pdfium.PdfDocument(next(packet.glob("*.pdf"))) for o in page.get_objects()
                 if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
    assert images == pages  # the logo is still printed on every page
    crisis = "Call or text 988"  # the footer's first line: read on the first page, furniture on the others
    furniture = [crisis in " ".join(page_content(page).furniture) for page in pdf.pages]
    assert furniture == [False] + [True] * (pages - 1)
    assert crisis in " ".join(page_content(pdf.pages[0]).text.values())


def test_addresses_in_running_text_are_links_with_a_description(packet):
    pdf = pikepdf.open(next(packet.glob("*.pdf")))
    links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Link" and "/A" in a]
    targets = {str(a.A.URI): str(a.Contents) for a in links if "/URI" in a.A}
    assert targets["mailto:hello@example.org"] == "Email hello@example.org"
    assert "https://www.example.org" in targets


def test_contents_page_is_a_toc_whose_entries_lead_to_each_document(default_build):
    pdf = pikepdf.open(default_build / "workbook.pdf")
    [toc] = [e for e in tree(pdf).walk() if e.type == "TOC"]
    outline = [str(item.title) for item in pdf.open_outline().root]
    assert len(toc.kids) == len(outline) - 2  # every document but the cover and the contents
    for item, title in zip(toc.kids, outline[2:]):
        assert item.type == "TOCI"
        links = [e for e in item.walk() if e.type == "Link"]
        assert len(links) == 2 and all(link.annots for link in links)  # the title and the page number
        assert links[0].annots[0].Contents == f"Go to {title}"


def test_grid_cells_name_each_choice_and_read_by_row_and_day(default_build):
    pdf = pikepdf.open(default_build / "symptom-checklist.pdf")
    [table] = [e for e in tree(pdf).walk() if e.type == "Table"]
    rows = [e for e in table.kids if e.type == "TR"]
    head = [page_content(pdf.pages[c.page]).text[c.mcids[0][1]] if c.mcids else "" for c in rows[0].kids]
    assert head == ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    first = rows[1].kids
    assert first[0].type == "TH" and first[0].obj.A[0].Scope == "/Row"
    assert [form.alt for form in first[1].kids] == [f"Woke up exhausted: Mon: {v}" for v in range(4)]


def test_the_chart_is_a_figure_with_a_summary_and_its_numbers_in_tables(chart):
    pdf = pikepdf.open(chart / "progress.pdf")
    top = tree(pdf)
    [figure] = [e for e in top.walk() if e.type == "Figure"]
    assert figure.alt == ("Line chart of the total score per day, 2 November 2026 to 15 November 2026, on a scale of 0 "
                          "to 30: 12 days filled in, lowest 0 on 8 Nov, highest 30 on 5 Nov; the first week's days "
                          "average 15.0, the last week's 5.0. Every day's total is in the table that follows.")
    totals, averages = [e for e in top.walk() if e.type == "Table"]
    text = page_content(pdf.pages[0]).text

    def cells(table):
        return [[text[c.mcids[0][1]] if c.mcids else "" for c in row.kids] for row in table.kids]

    assert cells(totals) == [["Week of", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
                             ["2 Nov", "20", "10", "–", "30", "20", "10", "0"],
                             ["9 Nov", "10", "10", "0", "–", "0", "10", "0"]]
    assert cells(averages)[1] == ["Woke up exhausted.", "1.5", "0.5"]


@pytest.mark.parametrize("bold", [0, 7])  # one style, or bold every seventh word
def test_a_paragraph_split_across_pages_stays_one_element_and_reads_whole(tmp_path, bold):
    practice = tmp_path / "practice"
    assert run("init", practice).exit_code == 0
    words = [f"word{n}" for n in range(900)]
    long = " ".join(f"**{w}**" if bold and n % bold == 0 else w for n, w in enumerate(words))
    (practice / "content" / "long.yaml").write_text(
        'id: long\ntitle: Long\nkind: handout\naudience: client\nversion: "1.0"\nreviewed: 2026-11-01\n'
        f"blocks:\n  - text: '{long}'\n", encoding="utf-8")
    assert run("build", "long", "-p", practice, "-o", tmp_path / "out").exit_code == 0
    pdf = pikepdf.open(tmp_path / "out" / "long.pdf")
    [para] = [e for e in tree(pdf).walk() if e.type == "P" and len({page for page, _ in e.mcids}) > 1
              and "/ActualText" not in e.obj]  # (not the footer's name, on pages 1 and 2)
    text = "".join(page_content(pdf.pages[page]).text[mcid] for page, mcid in para.mcids)
    assert text.split() == words  # one element, in order, no word run into the next


def test_tagging_moves_nothing_on_the_page(default_build, tmp_path):
    """The same documents built untagged (the switch exists to measure what tagging costs)
    render to the same pixels in PDFium."""
    ids = sorted(p.stem for p in default_build.glob("*.pdf") if p.stem != "workbook")
    assert run("build", *ids, "--untagged", "-o", tmp_path).exit_code == 0
    for doc in ids:
        tagged, untagged = (pdfium.PdfDocument(folder / f"{doc}.pdf") for folder in (default_build, tmp_path))
        assert "/StructTreeRoot" not in pikepdf.open(tmp_path / f"{doc}.pdf").Root
        assert len(tagged) == len(untagged)
        for a, b in zip(tagged, untagged):
            assert a.render(scale=1, may_draw_forms=True).to_pil().tobytes() == \
                b.render(scale=1, may_draw_forms=True).to_pil().tobytes(), doc


def test_a_checklist_in_two_columns_is_one_list_read_in_its_order(default_build):
    """Short lines sit side by side, left then right; read from the tree they are one L whose
    items come in the content's order, each a ticked box (Lbl, a /Form named by its line) and
    its text (LBody)."""
    pdf = pikepdf.open(default_build / "symptom-checklist.pdf")
    text = page_content(pdf.pages[0]).text
    [checklist] = [e for e in tree(pdf).walk() if e.type == "L"]
    items = checklist.kids
    bodies = ["".join(text[m] for _, m in li.kids[1].mcids).strip() for li in items]
    assert bodies[:3] == ["I wake up tired, no matter how long I sleep.",
                          "Getting up, washing or making food takes a huge effort.",
                          "Things I used to love feel flat or empty."]
    assert len(items) == 13 and all([k.type for k in li.kids] == ["Lbl", "LBody"] for li in items)
    assert [li.kids[0].kids[0].alt for li in items] == bodies  # the box is named by its line


GRID = """id: wide-grid
title: A grid of five values
kind: worksheet
audience: client
version: "1.0"
reviewed: 2026-11-01
blocks:
  - scale:
      id: week
      rows: [{rows}]
      columns: [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
      min: 0
      max: 4
      legend: "0 = none · 4 = all day"
"""


@pytest.mark.parametrize("flat", [False, True])
def test_a_grid_in_bands_and_over_pages_is_a_table_per_band_with_one_header_row(tmp_path, flat):
    """Five values a cell do not fit seven days across, and 24 rows do not fit a page: a Table
    for Mon-Thu and one for Fri-Sun, each over several pages with one header row (the headings
    repeated on later pages are artifacts) and a row per line, the legend the first's Caption."""
    practice = tmp_path / "practice"
    (practice / "content").mkdir(parents=True)
    (practice / "practice.yaml").write_text("name: Test Practice\n")
    (practice / "content" / "wide-grid.yaml").write_text(GRID.replace("{rows}", ", ".join(f"Row {n}" for n in range(1, 25))))
    assert run("build", "wide-grid", "-p", practice, "-o", tmp_path / "out", *(["--flat"] if flat else [])).exit_code == 0
    path = tmp_path / "out" / "wide-grid.pdf"
    result = outloud.check(str(path))
    assert result.stats.get("tagged") and not [f.rule for f in result.findings if f.severity == "error" or (
        f.severity == "warning" and f.rule not in ACCEPTED_WARNINGS)]
    pdf = pikepdf.open(path)
    assert structure_problems(pdf) == [] and coverage_problems(path) == []
    texts = [page_content(page).text for page in pdf.pages]

    def read(elem):
        return "".join(texts[page][mcid] for page, mcid in elem.mcids)

    tables = [e for e in tree(pdf).walk() if e.type == "Table"]
    assert [read(c) for c in tables[0].kids[0].walk() if c.type == "Caption"] == ["0 = none · 4 = all day"]
    for table, days in zip(tables, (["Mon", "Tue", "Wed", "Thu"], ["Fri", "Sat", "Sun"]), strict=True):
        head, *rows = [e for e in table.kids if e.type == "TR"]
        assert [read(c) for c in head.kids] == ["", *days]
        assert len({c.page for row in rows for c in row.kids}) > 1  # the table goes on over pages
        assert [read(row.kids[0]) for row in rows] == [f"Row {n}" for n in range(1, 25)]
        cell = rows[0].kids[1]
        if flat:
            assert read(cell).split() == ["0", "1", "2", "3", "4"]
        else:
            assert [form.alt for form in cell.kids] == [f"Row 1: {days[0]}: {v}" for v in range(5)]


def test_yes_and_no_are_named_as_printed_in_spanish(tmp_path):
    assert run("build", "contraindication-consent", "--lang", "es", "-o", tmp_path).exit_code == 0
    pdf = pikepdf.open(tmp_path / "contraindication-consent.pdf")
    assert structure_problems(pdf) == []
    names = [e.alt for e in tree(pdf).walk() if e.type == "Form"]
    yes, no = [n for n in names if n.endswith(": Sí")], [n for n in names if n.endswith(": No")]
    assert yes and len(yes) == len(no) and [n[:-4] for n in yes] == [n[:-4] for n in no]


def test_fields_draw_in_an_embedded_font_with_a_unicode_map_as_outloud_reads_it(tmp_path):
    """outloud checks the fonts pages draw with; fields draw with KapFormSans from the form's
    default resources and in their own appearances, read here by outloud's own font reader."""
    assert run("build", "intention-worksheet", "--client", "Nguyễn Văn An", "-o", tmp_path).exit_code == 0
    pdf = pikepdf.open(tmp_path / "intention-worksheet.pdf")
    fonts = [pdf.Root.AcroForm.DR.Font.Wingdings]
    fonts += [a.AP.N.Resources.Font.Wingdings for page in pdf.pages for a in page.get("/Annots", [])
              if a.get("/FT") == "/Tx" and a.get("/V") is not None]
    assert len(fonts) > 1
    for font in fonts:
        info = font_info(font, font.objgen)
        assert (info.base_font, info.embedded, info.has_tounicode) == ("KapFormSans", True, True)
        assert {"ễ", "ñ", "’", "ł", "Σ", "Ж"} <= set(info.cmap.values())


def _reader(pdf: pikepdf.Pdf):
    """A function reading an element's own marked content, as drawn, across its pages."""
    texts = [page_content(page).text for page in pdf.pages]

    def read(elem) -> str:
        return "".join(texts[page].get(mcid, "") for page, mcid in elem.mcids)

    return read


def _scope(cell) -> str:
    attrs = cell.obj.get("/A")
    for a in (attrs if isinstance(attrs, pikepdf.Array) else [attrs] if attrs is not None else []):
        if a.get("/Scope") is not None:
            return str(a.Scope)
    return ""


COLUMNS = ["Medicine", "Dose", "When I take it", "Prescribed by", "On session day"]


def test_a_table_split_over_pages_is_one_table_with_its_headers_and_a_named_field_per_cell(default_build):
    """The medicines list: one Table over both its pages; a header row (an empty corner over the
    row numbers, a TH of scope Column per column, its hint inside it), the example row, then a
    row per line, its number a TH of scope Row and each cell a TD holding one /Form named by row
    and column. The page it goes on to repeats the header row, read there as headers again."""
    pdf = pikepdf.open(default_build / "my-medicines.pdf")
    read = _reader(pdf)
    [table] = [e for e in tree(pdf).walk() if e.type == "Table"]
    rows = [e for e in table.kids if e.type == "TR"]
    head, example, *lines = rows
    assert [(c.type, _scope(c), read(c)) for c in head.kids] == \
        [("TD", "", "")] + [("TH", "/Column", name) for name in COLUMNS]
    assert [read(p) for p in head.kids[1].kids] == ["brand or generic name"]
    assert [read(c) for c in example.kids] == ["e.g.", "Sertraline (Zoloft)", "100 mg", "every morning", "Dr. Lee", "as usual"]
    repeated = [n for n, row in enumerate(lines) if [read(c) for c in row.kids[1:]] == COLUMNS]
    data = [row for n, row in enumerate(lines) if n not in repeated]
    assert len(repeated) == 1 and len({c.page for row in data for c in row.kids}) == 2  # one Table on two pages
    assert [read(row.kids[0]) for row in data] == [str(n) for n in range(1, 11)]
    for n, row in enumerate(data, 1):
        assert [c.type for c in row.kids] == ["TH"] + ["TD"] * 5 and _scope(row.kids[0]) == "/Row"
        assert [[form.alt for form in c.kids if form.type == "Form"] for c in row.kids[1:]] == \
            [[f"Row {n}: {name}"] for name in COLUMNS]


def test_the_consents_medicines_table_is_one_table_with_a_named_field_per_cell(default_build):
    """No example row here: the header row, then six rows over two pages, each a row header
    and four cells, each holding its field's /Form; the page it goes on to repeats the header
    row, read there as a header row again."""
    pdf = pikepdf.open(default_build / "contraindication-consent.pdf")
    read = _reader(pdf)
    [table] = [e for e in tree(pdf).walk() if e.type == "Table" and "Dose" in map(read, e.kids[0].kids)]
    columns = ["Medicine", "Dose", "How often", "Prescribed by"]
    heads = [row for row in table.kids if [read(c) for c in row.kids] == ["", *columns]]
    rows = [row for row in table.kids if row not in heads]
    assert heads[0] == table.kids[0] and len(heads) == 2 and len(rows) == 6
    assert all(_scope(c) == "/Column" for row in heads for c in row.kids[1:])
    assert len({c.page for row in rows for c in row.kids}) == 2
    for n, row in enumerate(rows, 1):
        assert read(row.kids[0]) == str(n) and _scope(row.kids[0]) == "/Row"
        assert [[f.alt for f in c.kids if f.type == "Form"] for c in row.kids[1:]] == [[f"Row {n}: {c}"] for c in columns]


def test_a_stacked_table_reads_each_cell_as_its_label_and_field(large_print_build):
    """Too narrow for columns in large print, each row is stacked as labelled lines: no header
    row, the example the table's Caption, each cell's TD its printed label and its field."""
    pdf = pikepdf.open(large_print_build / "my-medicines.pdf")
    read = _reader(pdf)
    [table] = [e for e in tree(pdf).walk() if e.type == "Table"]
    caption, *rows = table.kids
    assert caption.type == "Caption" and read(caption).startswith("For example: Medicine: Sertraline (Zoloft)")
    assert len(rows) == 10 and len({c.page for row in rows for c in row.kids}) > 1
    third = rows[2].kids
    assert (third[0].type, _scope(third[0]), read(third[0])) == ("TH", "/Row", "3")
    assert [(read(c), [f.alt for f in c.kids]) for c in third[1:]] == [(name, [f"Row 3: {name}"]) for name in COLUMNS]


@pytest.mark.parametrize("variant", ["fillable", "flat"])
def test_a_measure_is_a_table_each_choice_a_form_named_by_item_value_and_label(measure_builds, variant):
    """Its instructions a P; a header row (an empty corner, then each choice's label and number);
    per item a TH of scope Row (its number and text) and a TD per choice. Fillable, each TD holds
    the choice's /Form ("1. Placeholder one: 2 (Most days)") and the printed number is an
    artifact; on paper the number is the cell's text."""
    pdf = pikepdf.open(measure_builds / f"check-in-{variant}.pdf")
    read = _reader(pdf)
    top = tree(pdf)
    assert "Placeholder instructions: how often has each of these been true?" in [read(e) for e in top.walk() if e.type == "P"]
    [table] = [e for e in top.walk() if e.type == "Table"]
    head, *items = table.kids
    choices = ["Not at all", "Some days", "Most days", "Every day"]
    assert [(c.type, _scope(c), read(c)) for c in head.kids] == \
        [("TD", "", "")] + [("TH", "/Column", f"{label} {n}") for n, label in enumerate(choices)]
    texts = ["Placeholder one.", "Placeholder two.", "Placeholder three.", "Placeholder four.", "Placeholder about safety."]
    assert [(row.kids[0].type, _scope(row.kids[0]), read(row.kids[0])) for row in items] == \
        [("TH", "/Row", f"{n}. {t}") for n, t in enumerate(texts, 1)]
    for n, row in enumerate(items, 1):
        cells = row.kids[1:]
        if variant == "fillable":
            assert [[f.alt for f in c.kids] for c in cells] == \
                [[f"{n}. {texts[n - 1][:-1]}: {v} ({label})"] for v, label in enumerate(choices)]
            assert not any(c.mcids for c in cells)  # the printed numbers are said by the forms
        else:
            assert [read(c) for c in cells] == ["0", "1", "2", "3"] and not any(c.kids for c in cells)


def test_the_measure_chart_is_a_section_with_its_flags_a_described_figure_and_its_fillings_in_a_table(measure_chart):
    pdf = pikepdf.open(measure_chart / "progress.pdf")
    read = _reader(pdf)
    measure, tracker = [e for e in tree(pdf).kids[0].kids if e.type == "Sect"]
    assert str(measure.obj.T) == "Clinician chart · Example measure" and [e.page for e in (measure, tracker)] == [0, 1]
    [flags] = [e for e in measure.kids if e.type == "Sect"]
    assert [(e.type, read(e)) for e in flags.kids][0] == ("H2", "Flagged answer: review before anything else")
    assert read(flags.kids[1]) == ("5 October 2026 · item 5 answered 1 (Some days) Placeholder about safety. "
                                   "Ask about safety today and follow the practice's protocol.")
    [figure] = [e for e in measure.walk() if e.type == "Figure"]
    assert figure.alt == ("Line chart of the Example measure total of each filled form, 5 October 2026 to 2 November "
                          "2026, on a scale of 0 to 15, over its bands: 2 totals, lowest 5 on 19 Oct, highest 11 on 5 Oct, "
                          "the latest, on 19 Oct, is 5 (Middle). Every filled form's total, band and flagged answers are "
                          "in the table that follows.")
    [table] = [e for e in measure.walk() if e.type == "Table"]
    cells = [[(c.type, "".join(read(p) for p in c.kids)) for c in row.kids] for row in table.kids]
    assert cells[0] == [("TH", h) for h in ("Date", "Total", "Band", "Items answered", "Flagged")]
    assert cells[1:] == [[("TH", "2 November 2026"), ("TD", "–"), ("TD", "–"), ("TD", "4 of 5"), ("TD", "none")],
                         [("TH", "19 October 2026"), ("TD", "5"), ("TD", "Middle"), ("TD", "5 of 5"), ("TD", "none")],
                         [("TH", "5 October 2026"), ("TD", "11"), ("TD", "High"), ("TD", "5 of 5"), ("TD", "item 5 (1)")]]
    assert [e.type for e in tracker.walk() if e.type in ("Figure", "Table")] == ["Figure", "Table", "Table"]


def test_a_fillings_table_over_two_pages_is_one_table_its_repeated_headings_page_furniture(measure_practice, tmp_path):
    """Forty fillings (none flagged: item 5 is always 0) do not fit under the chart: the table goes
    on to a second page, one Table whose headings there are pagination artifacts (a short line,
    read once)."""
    base = measure_practice / "out"
    assert run("build", "check-in", "-p", measure_practice, "-o", base).exit_code == 0
    files = []
    for n in range(40):
        day = f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}"
        answers = {f"check-in.mood.{i}": f"/{(n + i) % 4 if i < 5 else 0}" for i in range(1, 6)}
        files.append(fill(base / "check-in.pdf", tmp_path / f"f{n}.pdf", {"check-in.about.date": day} | answers))
    assert run("progress", "-p", measure_practice, *files, "-o", tmp_path / "p.pdf").exit_code == 0
    path = tmp_path / "p.pdf"
    pdf = pikepdf.open(path)
    assert structure_problems(pdf) == [] and coverage_problems(path) == []
    [table] = [e for e in tree(pdf).walk() if e.type == "Table"]
    assert len(table.kids) == 41 and {row.kids[0].page for row in table.kids} == {0, 1}
    assert "Items answered" in " ".join(page_content(pdf.pages[1]).furniture)


def test_each_document_names_itself_once_and_no_page_number_is_read(spanish_build):
    """The footer's last line, e.g. "Mis medicamentos · Versión 1.0 · Revisado el 24 nov 2026 |
    Página 2 de 3": its left part is read once per document (a P with /ActualText at the end of
    its section, drawn on at most the first two pages that print it), the page number never."""
    pdf = pikepdf.open(spanish_build / "workbook.pdf")
    top = tree(pdf)
    names = [e for e in top.walk() if e.type == "P" and "/ActualText" in e.obj]
    said = [str(e.obj.ActualText) for e in names]
    assert len(said) == len(set(said))
    [document] = top.kids
    sections = [e for e in document.kids if e.type == "Sect"]  # one per document, the cover and the contents
    assert len(sections) > 10 and "Le damos la bienvenida · Versión 2.0 · Revisado el 24 nov 2026" in said
    unnamed = [e for e in sections if sum(s.startswith(f"{e.obj.T} · Versión ") for s in said) != 1]
    assert [any(k.type == "TOC" for k in e.walk()) for e in unnamed] == [True]  # the contents: the workbook's name
    assert all(1 <= len({page for page, _ in e.mcids}) <= 2 for e in names)
    for page in pdf.pages:
        content = page_content(page)
        assert re.search(r"Página \d+ de \d+", " ".join(content.furniture))
        assert not any(re.search(r"Página \d+ de \d+", t) for t in content.text.values())


SENTENCE_CASE = """\
id: bring
title: What to bring on the day of a session
kind: handout
audience: client
version: "1.0"
reviewed: 2026-11-01
blocks:
  - text: A short page, whose footer has more lowercase words than capitalized ones.
"""


def test_a_one_page_handout_titled_in_sentence_case_passes_in_english_too(tmp_path):
    """The footer's failure was not Spanish: any footer line printed on one page, with eight
    words of which four start lowercase, read to outloud as prose hidden in an artifact."""
    practice = tmp_path / "practice"
    (practice / "content").mkdir(parents=True)
    (practice / "practice.yaml").write_text("name: Test Practice\n", encoding="utf-8")
    (practice / "content" / "bring.yaml").write_text(SENTENCE_CASE, encoding="utf-8")
    assert run("build", "bring", "-p", practice, "-o", tmp_path / "out").exit_code == 0
    result = outloud.check(str(tmp_path / "out" / "bring.pdf"))
    assert [f"{f.rule}: {f.evidence}" for f in result.findings if f.severity == "error"] == []
