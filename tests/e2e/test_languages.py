"""Building in another language: the Spanish edition read back from real PDFs. Same documents,
file names and field names as English; every word of the frame in Spanish; the 988 Lifeline's
Spanish options on every client page; a Spanish tracker charted in Spanish; translations checked."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
import textstat
import yaml
from fill import fill, tracker_week
from pypdf import PdfReader

from workbook.errors import display_path
from workbook.pipeline import load
from workbook.pipeline.sources import builtin_dir

TRANSLATED = sorted(p.stem for p in (builtin_dir("content") / "es").glob("*.yaml")
                    if p.name not in ("references.yaml", "workbook.yaml"))
SPANISH = load(None, "es")
# Words the frame printed in English before it had strings; none may be left on a Spanish page.
# ("Video" is not among them: a resource card says "Video" in US Spanish too.)
ENGLISH_FRAME = ["Page", "Version", "Reviewed", "Handout", "Worksheet", "Checklist", "Consent form", "for the clinician",
                 "CLIENT WORKBOOK", "What is inside", "Contents", "Prepared for", "Your clinician", "If you feel unsafe",
                 "In crisis", "Call or text", "any time", "In an emergency", "Questions?", "your care team", "Yes",
                 "Details", "Initials", "Signature", "Printed name", "Article", "Week of", "Row", "e.g.",
                 "For example"]
LIFELINE = ("Llame al 988 y oprima 2", "envíe AYUDA por texto al 988", "911")


def english_left(text: str) -> list[str]:
    return [w for w in ENGLISH_FRAME if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def pages(pdf: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def spanish(cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("es")
    result = cli("build", "--lang", "es", "-o", out)
    assert result.exit_code == 0, result.output
    return out, result.stderr


def test_every_document_is_built_under_the_english_file_names(spanish, default_build):
    out, _ = spanish
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(p.name for p in default_build.glob("*.pdf"))
    assert set(TRANSLATED) >= {"welcome", "symptom-checklist"}


def test_every_built_in_document_is_built_in_spanish(spanish):
    out, stderr = spanish
    assert sorted(SPANISH.enabled) == TRANSLATED
    for doc_id in [*SPANISH.enabled, "workbook"]:
        assert PdfReader(out / f"{doc_id}.pdf").trailer["/Root"]["/Lang"] == "es-US", doc_id
    assert "warning" not in stderr


EXTRA = """\
id: extra
title: Extra Reading
kind: handout
audience: client
version: "1.0"
reviewed: 2026-11-01
blocks:
  - text: A page the practice wrote in English only.
"""


def test_an_untranslated_document_is_printed_in_english_marked_and_warned_about(cli, tmp_path):
    practice = tmp_path / "practice"
    (practice / "content").mkdir(parents=True)
    (practice / "practice.yaml").write_text("name: Test Practice\n")
    (practice / "content/extra.yaml").write_text(EXTRA)
    result = cli("build", "extra", "-p", practice, "--lang", "es", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "out/extra.pdf")
    first = pages(tmp_path / "out/extra.pdf")[0]
    assert reader.trailer["/Root"]["/Lang"] == "en" and "EN INGLÉS" in first
    assert all(part in first for part in LIFELINE)  # the frame is still the Spanish one
    assert re.search(r"extra\.yaml:\d+:\d+: warning: no 'es' translation \(content/es/extra\.yaml\)", result.stderr)


def test_field_names_are_the_english_ones_in_every_document(spanish, default_build):
    out, _ = spanish
    for pdf in sorted(default_build.glob("*.pdf")):
        english, spanish_fields = PdfReader(pdf).get_fields() or {}, PdfReader(out / pdf.name).get_fields() or {}
        assert set(spanish_fields) == set(english), pdf.name
        assert {k: v.get("/_States_") for k, v in spanish_fields.items()} == \
               {k: v.get("/_States_") for k, v in english.items()}, pdf.name  # Yes/No and 0..3 values too


TABLES = {  # the documents with a table block: its id, columns and rows in the English files
    "my-medicines": ("medicines", ["medicine", "dose", "when", "prescriber", "session-day"], 10),
    "contraindication-consent": ("medicines", ["medicine", "dose", "how-often", "prescriber"], 6),
}


@pytest.mark.parametrize("doc_id", sorted(TABLES))
def test_a_table_has_the_english_cell_names_in_spanish(spanish, default_build, doc_id):
    """Each cell is <doc>.<table>.<row>-<column id> in both languages, whatever the headings say."""
    out, _ = spanish
    table, columns, rows = TABLES[doc_id]
    cells = {f"{doc_id}.{table}.{r}-{c}" for r in range(1, rows + 1) for c in columns}
    for pdf in (default_build / f"{doc_id}.pdf", out / f"{doc_id}.pdf"):
        fields = PdfReader(pdf).get_fields() or {}
        assert {k for k in fields if k.startswith(f"{doc_id}.{table}.")} == cells, pdf
    tooltip = str((PdfReader(out / f"{doc_id}.pdf").get_fields() or {})[f"{doc_id}.{table}.2-dose"]["/TU"])
    assert tooltip == "Fila 2: Dosis"


FILLED_MEDICINES = {
    "my-medicines.about.name": "Ana Peña",
    "my-medicines.medicines.1-medicine": "Sertralina (Zoloft)",
    "my-medicines.medicines.1-dose": "100 mg",
    "my-medicines.medicines.1-when": "cada mañana",
    "my-medicines.medicines.2-medicine": "Clonazepam (Klonopin)",
    "my-medicines.medicines.2-session-day": "pausar desde las 8 p. m.",
    "my-medicines.medicines.10-prescriber": "Dra. Núñez",
    "my-medicines.other.1": "vitamina D",
}


def test_a_filled_spanish_medicines_list_reads_back_with_the_english_keys(cli, spanish, default_build, tmp_path):
    """`read` of the same answers on a Spanish and an English page: the same records, in the same
    order, with the same values; only the labels are in each page's language."""
    out, _ = spanish
    spanish_pdf = fill(out / "my-medicines.pdf", tmp_path / "es.pdf", FILLED_MEDICINES)
    english_pdf = fill(default_build / "my-medicines.pdf", tmp_path / "en.pdf", FILLED_MEDICINES)
    result = cli("read", spanish_pdf, english_pdf, "--lang", "es")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    by_file = {name: [r for r in records if r["file"].endswith(name)] for name in ("es.pdf", "en.pdf")}
    keys = {name: [(r["document"], r["block"], r["item"]) for r in rs] for name, rs in by_file.items()}
    assert keys["es.pdf"] == keys["en.pdf"]
    assert ("my-medicines", "medicines", "10-session-day") in keys["es.pdf"]
    for name, rs in by_file.items():
        values = {f"{r['document']}.{r['block']}.{r['item']}": r["value"] for r in rs if r["value"] is not None}
        assert values == FILLED_MEDICINES, name
        assert {r["client"] for r in rs} == {"Ana Peña"}
    labels = {name: {r["item"]: r["label"] for r in rs} for name, rs in by_file.items()}
    assert labels["es.pdf"]["2-session-day"] == "Fila 2: El día de la sesión"
    assert labels["en.pdf"]["2-session-day"] == "Row 2: On session day"


def test_no_english_frame_word_is_left_on_a_translated_page_or_in_a_tooltip(spanish):
    out, _ = spanish
    for doc_id in TRANSLATED:
        reader = PdfReader(out / f"{doc_id}.pdf")
        assert english_left(" ".join(pages(out / f"{doc_id}.pdf"))) == [], doc_id
        tooltips = " ".join(str(f.get("/TU", "")) for f in (reader.get_fields() or {}).values())
        assert english_left(tooltips) == [], doc_id
    cover = pages(out / "workbook.pdf")[0]
    assert english_left(cover) == [] and "CUADERNO PERSONAL" in cover


def test_the_lifeline_in_spanish_is_on_every_page_a_client_reads_or_signs(spanish):
    out, _ = spanish
    client = [d for d, doc in SPANISH.enabled.items() if doc.audience == "client" or doc.kind == "consent"] + ["workbook"]
    for doc_id in client:
        for n, text in enumerate(pages(out / f"{doc_id}.pdf"), 1):
            assert all(part in text for part in LIFELINE), f"{doc_id} page {n}"


FORMS = """\
id: forms
title: {title}
kind: checklist
audience: clinician
version: "1.0"
reviewed: 2026-11-01
blocks:
  - yes_no: {{id: screen, items: [{question}]}}
  - initials: {{id: agree, items: [{statement}]}}
  - signature: {{id: sign, roles: [{role}]}}
  - table: {{id: meds, rows: 1, numbered: true, example: [x, y],
             columns: [{{id: name, label: {name}}}, {{id: dose, label: {dose}}}]}}
"""


def test_every_caption_and_tooltip_of_a_form_is_in_spanish(cli, tmp_path):
    practice = tmp_path / "practice"
    (practice / "content/es").mkdir(parents=True)
    (practice / "practice.yaml").write_text("name: Test Practice\n")
    (practice / "content/forms.yaml").write_text(FORMS.format(
        title="Forms", question="Any allergies?", statement="I agree.", role="Client", name="Name", dose="Dose"))
    (practice / "content/es/forms.yaml").write_text(FORMS.format(
        title="Formularios", question="¿Tiene alergias?", statement="Estoy de acuerdo.", role="Cliente",
        name="Nombre", dose="Dosis"))
    for lang in ("en", "es"):
        assert cli("build", "forms", "-p", practice, "--lang", lang, "-o", tmp_path / lang).exit_code == 0
    text = " ".join(pages(tmp_path / "es/forms.pdf"))
    assert english_left(text) == []
    for word in ("LISTA PARA MARCAR · PARA EL PROFESIONAL DE SALUD", "Sí", "No", "Detalles", "Iniciales", "Firma",
                 "Fecha", "Nombre en letra de molde", "ej."):
        assert word in text
    english, spanish_fields = (PdfReader(tmp_path / f"{lang}/forms.pdf").get_fields() for lang in ("en", "es"))
    assert set(english) == set(spanish_fields)
    assert {k: str(v.get("/TU")) for k, v in spanish_fields.items() if "/TU" in v} == {
        "forms.screen.1": "¿Tiene alergias?", "forms.screen.1-details": "¿Tiene alergias? (detalles)",
        "forms.agree.1": "Iniciales: Estoy de acuerdo.", "forms.sign.client-signature": "Firma: Cliente",
        "forms.sign.client-date": "Fecha: Cliente", "forms.sign.client-name": "Nombre en letra de molde: Cliente",
        "forms.meds.1-name": "Fila 1: Nombre", "forms.meds.1-dose": "Fila 1: Dosis"}


def test_dates_are_written_the_spanish_way(cli, tmp_path):
    result = cli("build", "--lang", "es", "-o", tmp_path, "--client", "Ana Peña", "--date", "2026-03-02")
    assert result.exit_code == 0
    assert "2 de marzo de 2026" in pages(tmp_path / "workbook.pdf")[0]
    fields = PdfReader(tmp_path / "symptom-checklist.pdf").get_fields()
    assert fields["symptom-checklist.about.date"]["/V"] == "2 de marzo de 2026"
    reviewed = SPANISH.documents["welcome"].reviewed
    assert f"Revisado el {reviewed.day} nov {reviewed.year}" in pages(tmp_path / "welcome.pdf")[0]


def body_text(pdf: Path) -> str:
    """A document's own words: no running header or footer, no line without a letter (grid numbers)."""
    frame = {SPANISH.workbook.title, " ".join(SPANISH.practice.crisis.split())}
    lines = [ln.strip() for p in PdfReader(pdf).pages for ln in (p.extract_text() or "").splitlines()]
    return "\n".join(ln for ln in lines if ln not in frame and re.search(r"[^\W\d_]", ln)
                     and not re.search(r"Versión \S+ · Revisado el|^Página \d+ de \d+$", ln))


@pytest.mark.parametrize("doc_id", TRANSLATED)
def test_reading_ease(spanish, doc_id):
    """Fernández-Huerta (textstat 0.7.8, Spanish syllables): 70 or more for clients, 60 for the consent."""
    out, _ = spanish
    text = body_text(out / f"{doc_id}.pdf")
    assert len(text.split()) > 50, f"{doc_id}: too little text to score"
    textstat.set_lang("es")
    try:
        ease = textstat.fernandez_huerta(text)
    finally:
        textstat.set_lang("en_US")
    floor = 60 if SPANISH.documents[doc_id].kind == "consent" else 70
    assert ease >= floor, f"{doc_id}: Fernández-Huerta {ease:.1f} is under {floor}"


def test_the_spanish_file_mirrors_the_english_one_block_by_block():
    for doc_id in TRANSLATED:
        english = yaml.safe_load((builtin_dir("content") / f"{doc_id}.yaml").read_text(encoding="utf-8"))
        spanish = yaml.safe_load((builtin_dir("content") / "es" / f"{doc_id}.yaml").read_text(encoding="utf-8"))
        assert [next(iter(b)) for b in spanish["blocks"]] == [next(iter(b)) for b in english["blocks"]], doc_id


_ = None
WEEKS = {  # filled the way a Spanish-speaking client may write the date a week starts
    "9/11/2026": [[2, 2, 1, _, _, 1, 1]] * 10,
    "2 de noviembre de 2026": [[3, 3, 2, 2, 2, 2, 3]] * 10,
    "16 nov 2026": [[1, 0, 0, 1, 0, 0, 1]] * 10,
}


@pytest.fixture(scope="module")
def spanish_weeks(spanish, tmp_path_factory):
    out, _ = spanish
    folder = tmp_path_factory.mktemp("semanas")
    doc = "symptom-checklist"
    return [fill(out / f"{doc}.pdf", folder / f"semana-{n}.pdf", tracker_week(doc, start, "Ana Peña", grid))
            for n, (start, grid) in enumerate(WEEKS.items(), 1)]


def test_a_spanish_tracker_charts_with_spanish_words(cli, spanish_weeks, tmp_path):
    out = tmp_path / "progreso.pdf"
    result = cli("progress", *spanish_weeks, "--lang", "es", "-o", out)
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    text = " ".join(reader.pages[0].extract_text().split())
    assert reader.trailer["/Root"]["/Lang"] == "es-US" and "Ana Peña" in text
    for words in ("Del 2 de noviembre de 2026 al 22 de noviembre de 2026 · 3 semanas", "Puntuación total de cada día",
                  "Semana del", "2 nov", "9 nov", "16 nov", "Me desperté sin fuerzas", "Sentí nervios o tensión", "1.4", "2.4"):
        assert words in text
    assert not re.search(r"\b(Week|Total score|to|weeks|Nov)\b", text)


def test_english_and_spanish_weeks_chart_together(cli, default_build, spanish_weeks, tmp_path):
    english = fill(default_build / "symptom-checklist.pdf", tmp_path / "week-4.pdf",
                   tracker_week("symptom-checklist", "2026-11-23", "Ana Peña", [[0] * 7] * 10))
    out = tmp_path / "chart.pdf"
    result = cli("progress", *spanish_weeks, english, "-o", out)
    assert result.exit_code == 0, result.output
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "2 November 2026 to 29 November 2026 · 4 weeks" in text and "Woke up exhausted" in text


def test_read_gives_the_same_records_in_both_languages(cli, default_build, spanish, tmp_path):
    out, _ = spanish
    values = tracker_week("symptom-checklist", "2026-11-02", "Ana Peña", [[1] * 7] * 10)
    filled = [fill(pdf, tmp_path / f"{lang}.pdf", values)
              for lang, pdf in (("en", default_build / "symptom-checklist.pdf"), ("es", out / "symptom-checklist.pdf"))]
    result = cli("read", *filled, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.output.splitlines()))
    by_file = {lang: {(r["document"], r["block"], r["item"], r["value"], r["client"]) for r in rows if
                      r["file"].endswith(f"{lang}.pdf")} for lang in ("en", "es")}
    assert by_file["en"] == by_file["es"] and len(by_file["en"]) > 70
    labels = {r["label"] for r in rows if r["item"] == "1-mon"}
    assert labels == {"Woke up exhausted: Mon", "Me desperté sin fuerzas: Lun"}


def test_check_lang_finds_a_missing_block_where_it_is_missing(cli, tmp_path):
    practice = tmp_path / "practice"
    (practice / "content/es").mkdir(parents=True)
    (practice / "practice.yaml").write_text("name: Test Practice\n")
    text = (builtin_dir("content") / "es/symptom-checklist.yaml").read_text(encoding="utf-8")
    without = re.sub(r"  - scale:\n(    .*\n)+", "", text)
    (practice / "content/es/symptom-checklist.yaml").write_text(without, encoding="utf-8")
    line = without.splitlines().index("blocks:") + 2
    result = cli("check", "-p", practice, "--lang", "es")
    assert result.exit_code == 1 and result.stdout == ""
    where = display_path(practice.resolve() / "content/es/symptom-checklist.yaml")
    assert f"{where}:{line}:3: no block 'week' (scale) as in the English document (" in result.stderr
    assert re.search(r"content/symptom-checklist\.yaml:\d+:\d+\): a translation keeps every writable block", result.stderr)
    assert result.stderr.endswith("1 problem found; nothing was written.\n")
    assert cli("build", "-p", practice, "--lang", "es", "-o", tmp_path / "out").exit_code == 1
    assert not (tmp_path / "out").exists()


def test_check_lang_on_the_shipped_content_lists_what_is_left_to_translate(cli):
    result = cli("check", "--lang", "es")
    assert result.exit_code == 0, result.stderr
    left = sorted(set(SPANISH.enabled) - set(TRANSLATED))
    assert f"{len(SPANISH.enabled) - len(left)} translated and {len(left)} in English" in result.stdout
    assert result.stderr.count("warning: no 'es' translation") == len(left)
    for doc_id in left:
        assert re.search(rf"content/{doc_id}\.yaml:\d+:\d+: warning: no 'es' translation", result.stderr)


def test_the_default_folder_is_one_per_language(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("build", "welcome", "--lang", "es").exit_code == 0
    assert Path("build/es/welcome.pdf").is_file() and not Path("build/welcome.pdf").exists()
    practice = tmp_path / "practice"
    practice.mkdir()
    (practice / "practice.yaml").write_text("name: P\nlanguage: es\n")
    shutil.rmtree("build")
    built = practice / "build"  # beside practice.yaml
    assert cli("build", "welcome", "-p", practice).exit_code == 0 and (built / "es/welcome.pdf").is_file()
    assert cli("build", "welcome", "-p", practice, "--lang", "en").exit_code == 0 and (built / "welcome.pdf").is_file()
    assert PdfReader(built / "welcome.pdf").trailer["/Root"]["/Lang"] == "en-US"


def test_an_unknown_language_is_a_usage_error(cli):
    result = cli("build", "--lang", "esp")
    assert result.exit_code == 2 and "no language 'esp'; did you mean 'es'?; the languages are en, es" in result.stderr


def test_batch_takes_a_language_column(cli, tmp_path):
    clients = tmp_path / "clients.csv"
    clients.write_text("client,date,documents,language\nAnn Lee,2026-03-02,welcome,\n"
                       "Ana Peña,2026-03-02,welcome,es\nZoé Martin,2026-03-02,welcome,fr\n", encoding="utf-8")
    result = cli("batch", clients, "-o", tmp_path / "packets")
    assert result.exit_code == 1
    assert f"{display_path(clients)}:4: unknown language 'fr'; the languages are en, es" in result.stderr
    langs = {p.name: PdfReader(p).trailer["/Root"]["/Lang"] for p in (tmp_path / "packets").glob("*.pdf")}
    assert langs == {"ann-lee.pdf": "en-US", "ana-pena.pdf": "es-US"}
    assert "Le damos la bienvenida" in pages(tmp_path / "packets/ana-pena.pdf")[1]
