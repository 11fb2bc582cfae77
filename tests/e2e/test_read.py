"""`workbook read`: PDFs filled by pypdf read back exactly; bad files are named, not raised."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fill import fill
from reportlab.pdfgen.canvas import Canvas

WORKSHEET = {
    "intention-worksheet.about.name": "Zoë Okafor-Smith",
    "intention-worksheet.about.date": "2026-11-02",
    "intention-worksheet.hope.1": "Sleep through the night.\nCall my sister — maybe weekly.",
    "intention-worksheet.intention.1": "I want to be kinder to myself, " * 8,  # past ReportLab's 100-char default
    "intention-worksheet.questions.1": "Can I bring music? (& a blanket <3)",
}
CONSENT = {
    "contraindication-consent.client.client-name": "Sam Lee",
    "contraindication-consent.client.date": "11/20/2026",
    "contraindication-consent.screening.2": "/Yes",
    "contraindication-consent.screening.2-details": "Atrial fibrillation, treated",
    "contraindication-consent.screening.3": "/No",
    "contraindication-consent.day-of.1": "SL",
    "contraindication-consent.understand.4": "SL",
}


CHECKLIST = {"session-day.day-of.1": "/Yes", "session-day.day-of.7": "/Yes"}


@pytest.fixture(scope="module")
def filled(default_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("filled")
    return {
        "worksheet": fill(default_build / "intention-worksheet.pdf", out / "worksheet.pdf", WORKSHEET),
        "consent": fill(default_build / "contraindication-consent.pdf", out / "consent.pdf", CONSENT),
        "checklist": fill(default_build / "session-day.pdf", out / "checklist.pdf", CHECKLIST),
    }


def records(cli, *files, fmt="json"):
    result = cli("read", "--format", fmt, *files)
    return result, json.loads(result.stdout) if fmt == "json" and result.stdout.strip() else result.stdout


def by_name(recs):
    return {f"{r['document']}.{r['block']}.{r['item']}": r for r in recs}


@pytest.mark.parametrize("which, written", [("worksheet", WORKSHEET), ("consent", CONSENT), ("checklist", CHECKLIST)])
def test_values_written_by_pypdf_read_back_exactly(cli, filled, which, written):
    result, recs = records(cli, filled[which])
    assert result.exit_code == 0, result.output
    got = by_name(recs)
    expected = {k: v.lstrip("/") for k, v in written.items()}
    assert {k: got[k]["value"] for k in expected} == expected
    assert all(r["value"] is None for k, r in got.items() if k not in expected)


def test_every_record_carries_the_client_name_and_date(cli, filled):
    _, recs = records(cli, filled["worksheet"], filled["consent"])
    people = {(r["document"], r["client"], r["date"]) for r in recs}
    assert people == {("intention-worksheet", "Zoë Okafor-Smith", "2026-11-02"),
                      ("contraindication-consent", "Sam Lee", "11/20/2026")}


def test_csv_has_the_same_records(cli, filled):
    _, as_json = records(cli, filled["consent"])
    _, text = records(cli, filled["consent"], fmt="csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["block"], r["item"], r["value"] or None) for r in rows] == \
        [(r["block"], r["item"], r["value"]) for r in as_json]
    assert rows[3]["choices"] == "Yes|No"


def test_blank_build_reads_as_all_null_with_stable_names(cli, default_build):
    result, recs = records(cli, default_build / "workbook.pdf")
    assert result.exit_code == 0
    assert all(r["value"] is None and r["client"] is None for r in recs)
    docs = {r["document"] for r in recs}
    assert {"intention-worksheet", "symptom-checklist", "integration-journal", "session-day", "my-safety-plan",
            "my-medicines", "progress-review"} <= docs


def test_bad_files_are_named_and_the_others_still_read(cli, filled, tmp_path):
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(filled["worksheet"].read_bytes()[:4000])
    text = tmp_path / "notes.pdf"
    text.write_text("not a pdf at all")
    foreign = tmp_path / "foreign.pdf"
    canvas = Canvas(str(foreign))
    canvas.drawString(72, 720, "Someone else's form")
    canvas.acroForm.textfield(name="q1", x=72, y=600)
    canvas.save()
    missing = tmp_path / "missing.pdf"

    result, recs = records(cli, truncated, filled["worksheet"], text, foreign, missing)
    assert result.exit_code == 1
    assert {r["file"] for r in recs} == {str(filled["worksheet"])}
    errors = result.stderr
    for bad in (truncated, text, foreign, missing):
        assert str(bad) in errors
    assert "not made by kap-workbook" in errors and "damaged" in errors and "no such file" in errors
    assert "Traceback" not in result.output
