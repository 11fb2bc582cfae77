"""Forms in every reader clients use: filled in one engine, shown and read back in the others.

Fillers: PDFium as Chrome and Edge drive it (taps and key presses), pypdf, and, when this machine
has them, pdf.js as Firefox does and poppler-glib as Evince does. Viewers: PDFium, and pdftoppm
(poppler) and pdf.js when present. A filled choice must show a mark inside its own rectangle
(compared with the blank page in the same viewer); every answer must read back exactly."""

from __future__ import annotations

import functools
import json
import re
import zlib
from pathlib import Path

import pypdf
import pytest
import readers
from conftest import run
from fill import fill
from measure_sample import FILLINGS
from pdfcheck import ink, shows_mark
from pdfium_form import PdfiumForm, Widget, drawn_text, flattened

SCALE = 2.0
TYPED = "“Curly quotes” and it’s ñ — Paweł Dvořák Nguyễn Σοφία Иванова ¿Qué? ✓"
TRACKER = "symptom-checklist"
CONSENT = "contraindication-consent"
MEDICINES = "my-medicines"
MEASURE = "check-in"  # a practice's questionnaire (measure_sample.py), not in the default build
# What a client does in the tracker and the consent's screening: one value per grid cell of
# three rows (each value 0-3 used), three baseline boxes, a name, a two-line answer, Yes and No;
# cells of the medicines tables (on both pages of my-medicines) and every item of a measure.
ANSWERS: dict[str, dict[str, str]] = {
    TRACKER: {
        **{f"{TRACKER}.week.{r}-{day}": str((r + d) % 4) for r in (1, 2, 3)
           for d, day in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])},
        f"{TRACKER}.baseline.1": "Yes", f"{TRACKER}.baseline.5": "Yes", f"{TRACKER}.baseline.13": "Yes",
        f"{TRACKER}.about.name": TYPED,
        f"{TRACKER}.easier.1": "Slept better on Tuesday.\nCalled my sister — it’s a start.",
    },
    CONSENT: {f"{CONSENT}.screening.1": "Yes", f"{CONSENT}.screening.2": "No", f"{CONSENT}.screening.3": "Yes",
              f"{CONSENT}.screening.2-details": "Ștefan’s “notes”: none",
              f"{CONSENT}.medicines.1-medicine": "Lamotrigine (Lamictal)", f"{CONSENT}.medicines.6-dose": "½ × 25 mg"},
    MEDICINES: {f"{MEDICINES}.medicines.1-medicine": "Sertraline (Zoloft)", f"{MEDICINES}.medicines.1-dose": "50 mg",
                f"{MEDICINES}.medicines.3-session-day": "hold from 8 p.m. — ask Dr. Ñúñez",
                f"{MEDICINES}.medicines.10-prescriber": "Dr. Łukasz Nowak"},
    MEASURE: {f"{MEASURE}.about.date": "2026-10-05",
              **{f"{MEASURE}.mood.{n}": str(a) for n, a in enumerate(FILLINGS["2026-10-05"], 1)}},
}
# The bound workbook, composed from the documents' PDFs (render/compose.py), fills the same way.
WORKBOOK = "workbook"
ANSWERS[WORKBOOK] = {**ANSWERS[TRACKER], **ANSWERS[MEDICINES]}
# What `read` adds after a measure's answers: its total and band, how many were answered, a flag.
DERIVED = {MEASURE: {f"{MEASURE}.mood.total": "11", f"{MEASURE}.mood.band": "High", f"{MEASURE}.mood.answered": "5",
                     f"{MEASURE}.mood.flag-5": "1"}}


def widgets_of(pdf: Path) -> list[Widget]:
    with PdfiumForm(pdf) as form:
        return form.widgets()


def fill_in_pdfium(src: Path, dst: Path, answers: dict[str, str]) -> Path:
    """Tap each choice, type each text (Return for a line break), save: what Chrome does."""
    with PdfiumForm(src) as form:
        for w in form.widgets():
            want = answers.get(w.name)
            if want is None:
                continue
            if w.kind == "text":
                form.type(w, want)
            elif w.export == want:
                form.click(w)
        dst.write_bytes(form.save())
    return dst


def fill_with_pypdf(src: Path, dst: Path, answers: dict[str, str]) -> Path:
    kinds = {w.name: w.kind for w in widgets_of(src)}
    return fill(src, dst, {n: v if kinds[n] == "text" else f"/{v}" for n, v in answers.items()})


def fill_in_pdfjs(src: Path, dst: Path, answers: dict[str, str]) -> Path:
    kinds = {w.name: w.kind for w in widgets_of(src)}
    return readers.pdfjs_fill(src, dst, {n: True if kinds[n] == "checkbox" else v for n, v in answers.items()})


def fill_in_poppler(src: Path, dst: Path, answers: dict[str, str]) -> Path:
    ws = widgets_of(src)
    texts = {n: v for n, v in answers.items() if any(w.name == n and w.kind == "text" for w in ws)}
    clicks = [(w.name, w.page, ((w.rect[0] + w.rect[2]) / 2, (w.rect[1] + w.rect[3]) / 2))
              for w in ws if w.kind != "text" and answers.get(w.name) == w.export]
    return readers.poppler_fill(src, dst, texts, clicks)


FILLERS = {
    "pdfium": (fill_in_pdfium, lambda: True),
    "pypdf": (fill_with_pypdf, lambda: True),
    "pdfjs": (fill_in_pdfjs, readers.have_pdfjs),
    "poppler": (fill_in_poppler, readers.have_poppler_glib),
}


@functools.cache
def render_in(viewer: str, pdf: Path, page: int):
    if viewer == "pdfium":
        with PdfiumForm(pdf) as form:
            return form.render(page, SCALE)
    if viewer == "poppler":
        return readers.poppler_render(pdf, SCALE, page + 1)[0]
    return readers.pdfjs_render(pdf, SCALE, page + 1)[0]


VIEWERS = {"pdfium": lambda: True, "poppler": readers.have_poppler, "pdfjs": readers.have_pdfjs}


@pytest.fixture(scope="module")
def sources(default_build, measure_practice) -> dict[str, Path]:
    """The blank PDF of each document: the default build's, and the practice's measure."""
    assert run("build", MEASURE, "-p", measure_practice, "-o", measure_practice / "readers").exit_code == 0
    return {doc: (measure_practice / "readers" if doc == MEASURE else default_build) / f"{doc}.pdf" for doc in ANSWERS}


@pytest.fixture(scope="module")
def filled(sources, tmp_path_factory):
    """Each document filled by each filler available here: {(filler, doc): path}."""
    out = tmp_path_factory.mktemp("readers")
    done = {}
    for filler, (do, available) in FILLERS.items():
        if available():
            for doc, answers in ANSWERS.items():
                done[filler, doc] = do(sources[doc], out / f"{doc}-{filler}.pdf", answers)
    return done


def read_back(pdf: Path, practice: Path | None = None) -> dict[str, str | None]:
    result = run("read", pdf, "--format", "json", *(["-p", practice] if practice else []))
    assert result.exit_code == 0, result.output
    return {f"{r['document']}.{r['block']}.{r['item']}": r["value"] for r in json.loads(result.stdout)}


@pytest.mark.parametrize("filler", FILLERS)
@pytest.mark.parametrize("doc", ANSWERS)
def test_answers_filled_in_any_engine_read_back_exactly(filled, measure_practice, filler, doc):
    if (filler, doc) not in filled:
        pytest.skip(f"{filler} is not installed here")
    values = read_back(filled[filler, doc], measure_practice if doc == MEASURE else None)
    want = ANSWERS[doc] | DERIVED.get(doc, {})
    assert {name: values.get(name) for name in want} == want, filler
    assert sum(v is not None for v in values.values()) == len(want), filler


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("filler", FILLERS)
def test_every_filled_choice_shows_its_mark_in_every_viewer(sources, filled, filler, viewer):
    if (filler, TRACKER) not in filled or not VIEWERS[viewer]():
        pytest.skip("not installed here")
    for doc, answers in ANSWERS.items():
        ws = widgets_of(sources[doc])
        chosen = [w for w in ws if w.kind != "text" and answers.get(w.name) == w.export]
        assert {w.name for w in chosen} == {w.name for w in ws if w.kind != "text" and w.name in answers}
        for page in sorted({w.page for w in chosen}):
            blank = render_in(viewer, sources[doc], page)
            shown = render_in(viewer, filled[filler, doc], page)
            for w in (w for w in chosen if w.page == page):
                assert shows_mark(blank, shown, w.rect, SCALE), f"{w.name}={w.export} filled in {filler}, viewed in {viewer}"
    # What was typed in a table's cells shows in them too, on either page of the table.
    typed = [w for w in widgets_of(sources[MEDICINES]) if w.name in ANSWERS[MEDICINES]]
    assert len({w.page for w in typed}) == 2
    for w in typed:
        blank, shown = (render_in(viewer, pdf, w.page) for pdf in (sources[MEDICINES], filled[filler, MEDICINES]))
        assert ink(blank, shown, w.rect, SCALE, inset=0.05) > 0.01, f"{w.name} typed in {filler}, viewed in {viewer}"


def test_pdfium_draws_typed_text_only_from_the_embedded_form_font(filled):
    """The canary for PDFium's font choice: it uses a field's own embedded font for every
    character only while the font's resource name is one it treats as a symbol font
    (formfont.RESOURCE). If a PDFium update changes that, this fails."""
    reader = pypdf.PdfReader(filled["pdfium", TRACKER])
    field = reader.get_fields()[f"{TRACKER}.about.name"]
    widget = next(a.get_object() for p in reader.pages for a in p.get("/Annots", [])
                  if a.get_object().get("/T") == "name" and a.get_object().get("/FT") == "/Tx")
    assert field["/V"] == TYPED
    stream = widget["/AP"]["/N"].get_object()
    used = set(re.findall(rb"/([^\s/]+)\s+[\d.]+\s+Tf", stream.get_data()))
    assert used == {b"Wingdings"}
    font = stream["/Resources"]["/Font"]["/Wingdings"].get_object()
    assert font["/BaseFont"] == "/KapFormSans" and "/FontFile2" in \
        font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()


def test_text_typed_in_pdfium_flattens_to_exactly_what_was_typed_in_the_form_font(filled):
    """Printing to a flat PDF: the typed characters come out as typed, every one from KapFormSans."""
    flat = flattened(filled["pdfium", TRACKER], [0])
    chars = drawn_text(flat, 0)
    drawn = "".join(c for c, _, _ in chars)
    assert TYPED.replace(" ", "") in drawn
    typed = [(c, font, embedded) for c, font, embedded in chars if font == "KapFormSans"]
    assert "".join(c for c, _, _ in typed) == TYPED.replace(" ", "")
    assert all(embedded for _, _, embedded in chars)


def test_writing_areas_take_two_or_twenty_lines_and_keep_them(default_build, tmp_path):
    """A long answer is kept whole (the field shrinks its text) and reads back line by line."""
    src = default_build / "intention-worksheet.pdf"
    area = next(w for w in widgets_of(src) if w.kind == "text" and w.size[1] > 60)
    for lines in (2, 20):
        text = "\n".join(f"Line {i}: I’d like to sleep through the night" for i in range(1, lines + 1))
        saved = fill_in_pdfium(src, tmp_path / f"{lines}.pdf", {area.name: text})
        assert read_back(saved)[area.name] == text
        flat = "".join(c for c, _, _ in drawn_text(flattened(saved, [area.page]), area.page))
        assert f"Line{lines}:I’dliketosleepthroughthenight" in flat


def test_pdfium_saves_return_as_crlf_and_read_gives_lf(filled):
    raw = pypdf.PdfReader(filled["pdfium", TRACKER]).get_fields()[f"{TRACKER}.easier.1"]["/V"]
    assert "\r\n" in raw
    assert read_back(filled["pdfium", TRACKER])[f"{TRACKER}.easier.1"] == ANSWERS[TRACKER][f"{TRACKER}.easier.1"]


def test_read_turns_every_line_ending_into_lf_and_keeps_spaces(default_build, tmp_path):
    name = "intention-worksheet.hope.1"
    saved = fill(default_build / "intention-worksheet.pdf", tmp_path / "endings.pdf",
                 {name: "one  \r\ntwo\rthree\n  four  "})
    assert read_back(saved)[name] == "one  \ntwo\nthree\n  four  "


def test_every_text_widget_has_its_own_appearance_and_every_choice_its_own_states(default_build):
    """Shared streams, never shared dictionaries: poppler does not draw a choice whose state
    dictionary another widget shares, and pypdf writes a value into the /AP /N object it finds."""
    for doc in (TRACKER, CONSENT):
        reader = pypdf.PdfReader(default_build / f"{doc}.pdf")
        text_streams: list[int] = []
        for page in reader.pages:
            for ref in page.get("/Annots", []):
                annot = ref.get_object()
                if annot.get("/Subtype") != "/Widget":
                    continue
                normal = annot["/AP"].raw_get("/N")
                kind = annot.get("/FT") or annot["/Parent"].get_object().get("/FT")
                if kind == "/Tx":
                    text_streams.append(normal.idnum)
                    continue
                assert isinstance(normal, pypdf.generic.DictionaryObject)  # direct: this widget's own
                assert "/Off" in normal and len(normal) == 2 and annot["/AS"] == "/Off"
                assert annot["/MK"]["/CA"] in ("4", "l")
        assert len(text_streams) == len(set(text_streams)) > 0


def test_acroform_offers_the_form_font_and_zapfdingbats(default_build):
    form = pypdf.PdfReader(default_build / f"{TRACKER}.pdf").trailer["/Root"]["/AcroForm"]
    fonts = form["/DR"]["/Font"]
    assert set(fonts) == {"/Wingdings", "/ZaDb"} and form["/DA"].startswith("/Wingdings ")
    font = fonts["/Wingdings"].get_object()
    assert (font["/Subtype"], font["/Encoding"]) == ("/Type0", "/Identity-H")
    cid = font["/DescendantFonts"][0].get_object()
    embedded = cid["/FontDescriptor"]["/FontFile2"].get_object()
    assert len(embedded.get_data()) == embedded["/Length1"]  # the whole font, not a subset
    cmap = zlib.decompress(font["/ToUnicode"].get_object()._data)
    for char in "“”’–…ñłřőğșễơΣЖ✓":
        assert f"<{ord(char):04X}> <{ord(char):04X}>".encode() in cmap, char
    assert cid["/CIDToGIDMap"].get_object().get_data()[2 * 0x142:2 * 0x142 + 2] == (0x142).to_bytes(2, "big")


NAMES = ["Paweł Nowak", "Nguyễn Văn An", "Çağlar Öztürk", "Ștefan Dvořák", "Σοφία Ιβάνοβα"]


@pytest.fixture(scope="module")
def packets(tmp_path_factory) -> dict[str, Path]:
    """A bound packet for each name, from one batch: file names stay ASCII."""
    out = tmp_path_factory.mktemp("names")
    clients = out / "clients.csv"
    clients.write_text("client,date\n" + "".join(f"{n},2026-03-02\n" for n in NAMES), encoding="utf-8")
    result = run("batch", clients, "-o", out / "packets")
    assert result.exit_code == 0 and "warning" not in result.stderr, result.output
    files = result.stdout.split()
    assert [Path(f).name for f in files] == ["pawel-nowak.pdf", "nguyen-van-an.pdf", "caglar-ozturk.pdf",
                                             "stefan-dvorak.pdf", "client.pdf"]
    return dict(zip(NAMES, map(Path, files)))


@pytest.mark.parametrize("client", NAMES)
def test_every_client_name_prints_and_fills_from_embedded_fonts(packets, client):
    packet = packets[client]
    cover = drawn_text(packet, 0)
    assert client.replace(" ", "") in "".join(c for c, _, _ in cover)
    assert all(embedded for _, _, embedded in cover)
    values = read_back(packet)
    named = [w for w in widgets_of(packet) if values.get(w.name) == client]
    assert len(named) >= 3  # the tracker's, the intention worksheet's, the consent's...
    drawn = drawn_text(flattened(packet, [named[0].page]), named[0].page)
    assert client.replace(" ", "") in "".join(c for c, _, _ in drawn)
    assert all(embedded for _, _, embedded in drawn)


def test_client_names_on_paper_print_from_embedded_fonts(tmp_path):
    client = "Nguyễn Σοφία Paweł"
    assert run("build", "symptom-checklist", "--flat", "--client", client, "-o", tmp_path).exit_code == 0
    drawn = drawn_text(tmp_path / f"{TRACKER}.pdf", 0)
    assert client.replace(" ", "") in "".join(c for c, _, _ in drawn)
    assert all(embedded for _, _, embedded in drawn)


def test_a_name_no_font_has_is_a_warning_naming_the_documents_never_the_name(tmp_path):
    result = run("build", "symptom-checklist", "--client", "王小明", "-o", tmp_path)
    assert result.exit_code == 0 and (tmp_path / f"{TRACKER}.pdf").exists()
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings and all("王" not in w and "738B" not in w for w in warnings)
    assert any(re.match(r"^content/symptom-checklist\.yaml:\d+:\d+: warning: the client's name, used in "
                        r"symptom-checklist, has 3 characters no embedded font can draw \(Chinese, Japanese or "
                        r"Korean\); they will print as empty boxes$", w) for w in warnings), warnings
    clients = tmp_path / "clients.csv"
    clients.write_text("client,date\n王小明,2026-03-02\nAnn Lee,2026-03-02\n", encoding="utf-8")
    batch = run("batch", clients, "-o", tmp_path / "packets")
    assert batch.exit_code == 0
    assert f"{clients}:2:1: warning: the client's name, used in this row's packet, has 3 characters" in batch.stderr
    assert sorted(p.name for p in (tmp_path / "packets").iterdir()) == ["ann-lee.pdf", "client.pdf"]
