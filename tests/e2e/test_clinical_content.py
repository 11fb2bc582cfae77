"""Clinical content rules (issue 10), checked on the real built PDFs: the safety scaffolding is
there, the factual slips stay fixed, the consent's template notice follows the practice setting
and never shares a page with the client's initials or signature, and the page where the client
initials "I know how to reach the practice and the crisis line" shows both."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
import yaml
from conftest import run
from pdfcheck import field_pages

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
CONSENT = "contraindication-consent"
NOTICE = "review it with its own clinical and legal advisers before use"


def flat(text: str) -> str:
    return " ".join(text.split())


def page_texts(path: Path) -> list[str]:
    return [flat(p.extract_text() or "") for p in pypdf.PdfReader(path).pages]


def client_documents() -> dict[str, dict]:
    docs = {}
    for path in sorted(CONTENT.glob("*.yaml")):
        if path.name in ("references.yaml", "workbook.yaml"):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        docs[data["id"]] = data
    return docs


@pytest.fixture(scope="module")
def reviewed_practice(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reviewed")
    (folder / "practice.yaml").write_text(
        "name: Harbor Mind Care\nphone: (555) 010-4242\nconsent_reviewed: true\n"
        "visit_length: about 90 minutes\nafter_hours: Call (555) 010-4243 and press 2.\n", encoding="utf-8")
    out = folder / "out"
    result = run("build", CONSENT, "session-day", "my-safety-plan", "-p", folder, "-o", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("slip", [
    "often off-label", "often “off-label”", "therapist there the whole time", "add more cars",
    "helps fix old roads", "stop at any time, including during a session",
])
def test_factual_slips_stay_fixed(default_build, slip):
    for pdf in sorted(default_build.glob("*.pdf")):
        assert slip not in " ".join(page_texts(pdf)), f"{pdf.name}: '{slip}'"


def test_consent_states_the_facts(default_build):
    text = " ".join(page_texts(default_build / f"{CONSENT}.pdf"))
    for fact in ("always off-label", "Only esketamine", "Food and Drug Administration (FDA)", "Schedule III",
                 "cannot be stopped at once", "Sexual contact of any kind", "without your written permission",
                 "birth control", "24 hours before and 24 hours after", "Emergency contact", "Seizures or epilepsy",
                 "Sleep apnea", "Thoughts of suicide now", "psychedelics", "Blood pressure", "Weight"):
        assert fact in text, fact


def test_template_notice_prints_until_reviewed_and_never_where_the_client_signs(default_build, reviewed_practice):
    pages = page_texts(default_build / f"{CONSENT}.pdf")
    fields = field_pages(default_build / f"{CONSENT}.pdf")
    signing = {n for name, n in fields.items() if re.match(rf"{CONSENT}\.(understand|day-of|sign)\.", name)}
    assert signing, "no initials or signature fields found"
    noticed = {n for n, text in enumerate(pages) if NOTICE in text or "Template" in text}
    assert noticed == {0}
    assert not noticed & signing
    reviewed = " ".join(page_texts(reviewed_practice / f"{CONSENT}.pdf"))
    assert NOTICE not in reviewed and "Template" not in reviewed and "template" not in reviewed


def test_the_page_initialled_i_know_how_to_reach_shows_the_practice_and_the_crisis_line(default_build, reviewed_practice):
    for out, phone in ((default_build, "Practice phone"), (reviewed_practice, "(555) 010-4242")):
        path = out / f"{CONSENT}.pdf"
        n = field_pages(path)[f"{CONSENT}.understand.4"]
        text = page_texts(path)[n]
        assert "I know how to reach" in text and "crisis line" in text
        assert "988" in text and phone in text


def test_session_day_has_fasting_times_visit_length_and_after_hours(default_build, reviewed_practice):
    default = " ".join(page_texts(default_build / "session-day.pdf"))
    assert "about 2 to 3 hours" in default and "No food after" in default and "Clear drinks until" in default
    fields = field_pages(default_build / "session-day.pdf")
    assert {"session-day.fasting.no-food-after", "session-day.fasting.clear-drinks-until",
            "session-day.ride.who-collects-me"} <= set(fields)
    practice = " ".join(page_texts(reviewed_practice / "session-day.pdf"))
    assert "about 90 minutes" in practice
    values = {k: v.get("/V") for k, v in pypdf.PdfReader(reviewed_practice / "session-day.pdf").get_fields().items()}
    assert values["session-day.after-hours.after-hours-when-we-are-closed"] == "Call (555) 010-4243 and press 2."


@pytest.mark.parametrize("doc, musts", [
    ("session-day", ["No alcohol, cannabis or other drugs", "this is the medicine", "collect you in person",
                     "alone in charge of children", "Get up slowly", "1 to 3 days", "Checklist for the day"]),
    ("my-medicines", ["Never stop a medicine suddenly", "benzodiazepine", "Lamictal", "24 hours before", "On session day"]),
    ("my-safety-plan", ["My warning signs", "Things I can do on my own", "People and places", "People I can ask for help",
                        "Professionals I can call", "Making my space safer", "My reasons to keep going", "988"]),
    ("is-kap-right", ["treatment-resistant depression", "at least two antidepressants", "first-line", "does not replace"]),
    ("progress-review", ["after session 3", "after session 6", "end of the course", "booster", "Early signs"]),
    ("symptom-checklist", ["This is not a test"]),
    ("what-to-expect", ["If a moment feels scary", "1 to 3 days", "low, flat or tearful"]),
])
def test_safety_scaffolding_is_in_the_handouts(default_build, doc, musts):
    text = " ".join(page_texts(default_build / f"{doc}.pdf"))
    for must in musts:
        assert must in text, f"{doc}: '{must}'"


def test_workbook_puts_the_safety_plan_right_after_the_welcome():
    spec = yaml.safe_load((CONTENT / "workbook.yaml").read_text(encoding="utf-8"))
    assert spec["documents"][:2] == ["welcome", "my-safety-plan"]
    for doc in ("is-kap-right", "session-day", "my-medicines", "progress-review"):
        assert doc in spec["documents"]


@pytest.mark.parametrize("doc_id", sorted(d for d, v in client_documents().items() if v["id"] != "resources"))
def test_qr_cards_come_last_in_a_handout(doc_id):
    """Once a handout shows its first QR card, nothing but headings, short text and more cards follow."""
    kinds = [next(iter(block)) for block in client_documents()[doc_id]["blocks"]]
    if "resource" in kinds:
        tail = kinds[kinds.index("resource"):]
        assert set(tail) <= {"resource"}, f"{doc_id}: {tail}"


def test_the_consent_is_not_labelled_for_the_clinician_and_every_page_shows_the_crisis_line(default_build, tmp_path):
    pages = page_texts(default_build / f"{CONSENT}.pdf")
    assert pages[0].startswith("CONSENT FORM ") and "FOR THE CLINICIAN" not in " ".join(pages).upper()
    assert all("Call or text 988" in page for page in pages)
    # Other clinician documents keep their label and have no crisis line in the footer.
    folder = tmp_path / "practice"
    (folder / "content").mkdir(parents=True)
    (folder / "practice.yaml").write_text("name: Test Practice\n")
    (folder / "content" / "notes.yaml").write_text(
        'id: notes\ntitle: Session notes\nkind: handout\naudience: clinician\nversion: "1.0"\n'
        "reviewed: 2026-11-01\nblocks:\n  - text: For the care team only.\n")
    assert run("build", "notes", "-p", folder, "-o", tmp_path).exit_code == 0
    notes = page_texts(tmp_path / "notes.pdf")[0]
    assert "HANDOUT · FOR THE CLINICIAN" in notes and "988" not in notes


def test_the_template_notice_is_a_callout_left_out_once_reviewed(default_build, reviewed_practice):
    first = page_texts(default_build / f"{CONSENT}.pdf")[0]
    assert "Template: review before use" in first and "set consent_reviewed to true" in first
    reviewed = page_texts(reviewed_practice / f"{CONSENT}.pdf")[0]
    assert reviewed.index("Please read each part") < reviewed.index("Client name") < reviewed.index("What KAP is")


def test_a_broken_when_is_located_and_nothing_is_written(tmp_path):
    folder = tmp_path / "practice"
    (folder / "content").mkdir(parents=True)
    (folder / "practice.yaml").write_text("name: Test Practice\n")
    consent = (CONTENT / f"{CONSENT}.yaml").read_text(encoding="utf-8")
    broken = consent.replace('when: "not practice.consent_reviewed"', 'when: "not practice.consent_reviewd"')
    assert broken != consent
    (folder / "content" / f"{CONSENT}.yaml").write_text(broken, encoding="utf-8")
    result = run("build", CONSENT, "-p", folder, "-o", tmp_path / "out")
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "consent_reviewd" in text)
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert f"content/{CONSENT}.yaml:{line}:13: undefined template variable 'practice.consent_reviewd'; " \
           "did you mean 'practice.consent_reviewed'?" in result.stderr
