"""Loading a project in another language: translations laid over the English documents, their
fields kept, every difference located, what is untranslated said."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from practice_files import DOC, document

from workbook.errors import Problems
from workbook.model.blocks import Fields, Scale
from workbook.pipeline.sources import Sources, builtin_dir
from workbook.pipeline.validate import load_project

ENGLISH = document(
    "- fields: {id: about, items: [{label: Name, value: '{{ client.name }}'}, {label: Week starting, role: week-start}]}",
    "- checklist: {id: tick, items: [one, two, three]}",
    "- scale: {id: mood, rows: [Low, Tired], columns: [Mon, Tue], max: 3}",
    "- safety: true",
)
SPANISH = document(
    "- fields: {id: about, items: [{label: Nombre, value: '{{ client.name }}'}, La semana empieza el]}",
    "- checklist: {id: tick, items: [uno, dos, tres]}",
    "- scale: {id: mood, rows: [Bajo, Cansado], columns: [Lun, Mar], max: 3}",
    "- safety: true",
).replace("title: An extra sheet", "title: Una hoja más")


def load(folder: Path, language: str | None = "es"):
    problems = Problems()
    project = load_project(folder, problems, language)
    return project, [str(p) for p in problems.items]


def test_a_translation_keeps_the_english_field_names_and_roles(practice):
    other = document("- text: English only.").replace("id: extra", "id: other")
    project, problems = load(practice({"content/extra.yaml": ENGLISH, "content/es/extra.yaml": SPANISH,
                                       "content/other.yaml": other}))
    assert problems == []
    about, _, mood, _ = project.documents["extra"].blocks
    assert isinstance(about, Fields) and [(i.key, i.role) for i in about.items] == [
        ("name", "client-name"), ("week-starting", "week-start")]
    assert isinstance(mood, Scale) and mood.keys == ["mon", "tue"] and mood.rows == ["Bajo", "Cansado"]
    assert project.language == "es" and project.strings.locale == "es-US"
    assert "extra" not in project.untranslated and "welcome" not in project.untranslated
    assert project.untranslated == {"other"}  # every built-in has its translation; the practice's own has none


def test_kind_audience_and_dates_come_from_the_english(practice):
    only_words = "id: extra\ntitle: Una hoja más\nblocks:\n" + SPANISH.split("blocks:\n", 1)[1]
    project, problems = load(practice({"content/extra.yaml": ENGLISH, "content/es/extra.yaml": only_words}))
    assert problems == []
    doc = project.documents["extra"]
    assert (doc.kind, doc.audience, doc.version, str(doc.reviewed)) == ("worksheet", "client", "1.0", "2026-11-01")


def test_a_missing_writable_block_is_located_in_the_translation(practice):
    missing = SPANISH.replace("  - scale: {id: mood, rows: [Bajo, Cansado], columns: [Lun, Mar], max: 3}\n", "")
    folder = practice({"content/extra.yaml": ENGLISH, "content/es/extra.yaml": missing})
    _, problems = load(folder)
    es, en = folder / "content/es/extra.yaml", folder / "content/extra.yaml"
    assert problems == [f"{es}:8:3: no block 'mood' (scale) as in the English document ({en}:10:17): "
                        "a translation keeps every writable block, with its id"]


def test_every_difference_in_the_fields_is_a_problem_at_its_block(practice):
    changed = (SPANISH.replace("items: [uno, dos, tres]", "items: [uno, dos]")
               .replace("La semana empieza el]", "{label: Semana, key: semana, role: date}]")
               .replace("columns: [Lun, Mar], max: 3", "columns: [Lun, Mar, Mié], max: 4")
               .replace("  - safety: true\n", "  - prompt: {id: extra-words, label: ¿Algo más?}\n"))
    folder = practice({"content/extra.yaml": ENGLISH, "content/es/extra.yaml": changed})
    _, problems = load(folder)
    es = folder / "content/es/extra.yaml"
    assert [p.split(": ", 1)[1].split(" (")[0] for p in problems] == [
        "'about' has the lines name, semana; the English has name, week-starting, in that order",
        "'about' line 'semana' has role date; in the English it has week-start",
        "'tick' has 2 items; the English has 3",
        "'mood' has the columns lun, mar, mie; the English has mon, tue, in that order",
        "'mood' rates 0 to 4; the English rates 0 to 3",
        "the English document has no block 'extra-words'",
    ]
    assert problems[0].startswith(f"{es}:8:18: ")


def test_kind_and_audience_must_match_and_a_new_version_is_a_warning(practice):
    other = SPANISH.replace("kind: worksheet", "kind: handout").replace('version: "1.0"', 'version: "0.9"')
    folder = practice({"content/extra.yaml": ENGLISH, "content/es/extra.yaml": other})
    project, problems = load(folder)
    assert problems == [f"{folder / 'content/es/extra.yaml'}:3:7: kind is 'handout' but the English document's is "
                        f"'worksheet' ({folder / 'content/extra.yaml'}:3:7)"]
    _, problems = load(practice({"content/es/extra.yaml": SPANISH.replace('version: "1.0"', 'version: "0.9"')}))
    assert problems == []
    project, _ = load(practice({"content/es/extra.yaml": SPANISH.replace('version: "1.0"', 'version: "0.9"')}))
    assert any("translates version 0.9; the English is now version 1.0" in str(w) for w in project.warnings)


def test_untranslated_documents_are_warnings_not_problems(practice):
    project, problems = load(practice({"content/extra.yaml": ENGLISH}))
    assert problems == []
    said = {w.message for w in project.warnings}
    assert "no 'es' translation (content/es/extra.yaml): its pages are printed in English" in said
    assert project.documents["extra"].title == "An extra sheet" and "extra" in project.untranslated


def test_a_practice_replacement_is_not_given_the_builtin_translation(practice):
    replaced = DOC.replace("id: extra", "id: symptom-checklist") + "  - prompt: {id: own, label: Our own tracker}\n"
    project, problems = load(practice({"content/symptom-checklist.yaml": replaced}))
    assert problems == []  # the built-in Spanish translates the built-in English, not this
    assert project.documents["symptom-checklist"].title == "An extra sheet"
    assert "symptom-checklist" in project.untranslated


def test_references_and_the_workbook_inherit_what_a_translation_leaves_out(practice):
    folder = practice({
        "content/es/references.yaml": "- id: yale-ketamine-explains\n  summary: Un video corto, en inglés.\n",
        "content/es/workbook.yaml": "title: Mi cuaderno\n",
    })
    project, problems = load(folder)
    assert problems == []
    ref = project.references["yale-ketamine-explains"]
    assert ref.summary == "Un video corto, en inglés." and ref.url.startswith("https://") and ref.language == "en"
    assert project.workbook.title == "Mi cuaderno" and project.workbook.documents[0] == "welcome"


def test_a_practice_changes_single_words_and_a_bad_placeholder_is_located(practice):
    project, problems = load(practice({"templates/es/strings.yaml": "form: {signature: Firma aquí}\n"}))
    assert problems == [] and project.strings.form.signature == "Firma aquí" and project.strings.form.date == "Fecha"
    folder = practice({"templates/es/strings.yaml": "tooltips:\n  signature: 'Firma de {nombre}'\n"})
    _, problems = load(folder)
    assert problems == [f"{folder / 'templates/es/strings.yaml'}:2:14: '{{nombre}}' cannot be filled in here; "
                        "the placeholders here: {role}"]


def test_the_crisis_line_is_per_language(practice):
    project, _ = load(practice({"practice.yaml": "name: P\ncrisis: {en: Call us., es: Llámenos.}\n"}))
    assert project.practice.crisis == "Llámenos."
    project, _ = load(practice({"practice.yaml": "name: P\ncrisis: Call us, day or night.\n"}))
    assert project.practice.crisis.startswith("¿En crisis") and "oprima 2" in project.practice.crisis
    assert any("no crisis line for 'es' here" in str(w) for w in project.warnings)
    project, _ = load(practice({"practice.yaml": "name: P\ncrisis: Call us, day or night.\n"}), None)
    assert project.practice.crisis == "Call us, day or night." and project.warnings == ()


def test_practice_language_is_the_default_and_must_exist(practice):
    project, _ = load(practice({"practice.yaml": "name: P\nlanguage: es\n"}), None)
    assert project.language == "es"
    folder = practice({"practice.yaml": "name: P\nlanguage: esp\n"})
    _, problems = load(folder, None)
    assert problems == [f"{folder / 'practice.yaml'}:2:11: no language 'esp'; did you mean 'es'?; the languages are "
                        "en, es (a language is a templates/<language>/strings.yaml)"]


@pytest.fixture
def french(practice):
    """A practice that adds French by copying the Spanish frame into templates/fr/."""
    folder = practice({"content/fr/welcome.yaml": "id: welcome\ntitle: Bienvenue\nblocks:\n  - text: Bonjour.\n"})
    shutil.copytree(builtin_dir("templates") / "es", folder / "templates" / "fr")
    strings = folder / "templates/fr/strings.yaml"
    strings.write_text(strings.read_text(encoding="utf-8").replace("locale: es-US", "locale: fr-FR"), encoding="utf-8")
    return folder


def test_a_third_language_is_a_folder(french):
    assert Sources.find(french).languages() == ["en", "es", "fr"]
    project, problems = load(french, "fr")
    assert problems == [] and project.documents["welcome"].title == "Bienvenue"
    assert project.strings.locale == "fr-FR" and "welcome" not in project.untranslated


def test_every_language_has_its_own_frame(french):
    (french / "templates/fr/safety.yaml").unlink()
    _, problems = load(french, "fr")
    assert problems == ["templates/fr/safety.yaml: missing templates/fr/safety.yaml"]


TABLE_AND_MEASURE = document(
    "- fields: {id: about, items: [{label: Date, value: '{{ date }}'}]}",
    "- table: {id: meds, rows: 4, columns: [{id: name, label: Name}, {id: dose, label: Dose}]}",
    "- measure: {id: check, name: Check, choices: [Never, Sometimes, Often], items: [Sleep, Hope],",
    "    bands: [{min: 0, max: 1, label: Low}, {min: 2, max: 4, label: High}],",
    "    flags: [{item: 2, above: 0, note: Ask today.}]}",
)


def test_a_translated_table_and_measure_keep_their_ids_and_numbers(practice):
    spanish = (TABLE_AND_MEASURE.replace("label: Name", "label: Nombre").replace("label: Dose", "label: Dosis")
               .replace("[Never, Sometimes, Often]", "[Nunca, A veces, A menudo]").replace("[Sleep, Hope]", "[Sueño, Esperanza]")
               .replace("label: Low", "label: Bajo").replace("note: Ask today.", "note: Pregunte hoy."))
    project, problems = load(practice({"content/extra.yaml": TABLE_AND_MEASURE, "content/es/extra.yaml": spanish}))
    assert problems == []
    _, meds, check = project.documents["extra"].blocks
    assert [c.label for c in meds.columns] == ["Nombre", "Dosis"] and check.items == ["Sueño", "Esperanza"]


def test_every_difference_in_a_table_or_measure_is_a_problem_at_its_block(practice):
    changed = document(
        "- fields: {id: about, items: [{label: Fecha, value: '{{ date }}'}]}",
        "- table: {id: meds, rows: 3, numbered: true, columns: [{id: name, label: Nombre}, {id: dosis, label: Dosis}]}",
        "- measure: {id: check, name: Check, low: 1, choices: [Nunca, A veces, A menudo, Siempre],",
        "    items: [Sueño, Esperanza, Más], bands: [{min: 3, max: 4, label: Bajo}, {min: 5, max: 12, label: Alto}],",
        "    flags: [{item: 2, above: 1, note: Pregunte hoy.}]}",
    )
    folder = practice({"content/extra.yaml": TABLE_AND_MEASURE, "content/es/extra.yaml": changed})
    _, problems = load(folder)
    assert [p.split(": ", 1)[1].split(" (")[0] for p in problems] == [
        "'meds' has the columns name, dosis; the English has name, dose, in that order",
        "'meds' has 3 rows; the English has 4",
        "'meds' has numbered: true; the English has numbered: false",
        "'check' has 3 items; the English has 2",
        "'check' has 4 choices; the English has 3",
        "'check' scores its first choice 1; the English scores it 0",
        "'check' has the bands 3-4, 5-12; the English has 0-1, 2-4, in that order",
        "'check' has the flags item 2 above 1; the English has item 2 above 0, in that order",
    ]
    assert all(p.startswith(str(folder / "content/es/extra.yaml")) for p in problems)


WHEN = document(
    "- callout: {title: Template, text: Review it first., when: not practice.consent_reviewed}",
    "- prompt: {id: note, label: A note, when: client.name}",
)


def test_a_block_shown_on_another_condition_is_located(practice):
    same = WHEN.replace("title: Template, text: Review it first.", "title: Plantilla, text: Revísela.")
    project, problems = load(practice({"content/extra.yaml": WHEN, "content/es/extra.yaml": same}))
    assert problems == [] and project.warnings == ()
    dropped = same.replace(", when: not practice.consent_reviewed}", "}").replace(", when: client.name}", "}")
    folder = practice({"content/extra.yaml": WHEN, "content/es/extra.yaml": dropped})
    project, problems = load(folder)
    es, en = folder / "content/es/extra.yaml", folder / "content/extra.yaml"
    assert problems == [f"{es}:9:18: 'note' is shown always; the English block only when 'client.name' ({en}:9:18)"]
    assert [str(w) for w in project.warnings] == [
        f"{es}:8:3: warning: blocks shown only when (none) here, when 'not practice.consent_reviewed' in the English "
        f"document ({en}:1:1): give a translated block the English block's when:"]
