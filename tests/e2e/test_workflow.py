"""A practice manager's everyday work, through the real command line."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from workbook.cli import main


def run(*args, env: dict | None = None):
    return CliRunner(env=env).invoke(main, [str(a) for a in args], catch_exceptions=False)


def words(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages).split())


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scaffold") / "mypractice"
    assert run("init", folder).exit_code == 0
    return folder


@pytest.fixture
def practice(scaffold, tmp_path) -> Path:
    return Path(shutil.copytree(scaffold, tmp_path / "practice"))


# --- the output folder holds exactly what was built ---------------------------------------------


def test_a_withdrawn_handouts_pdf_is_removed_and_a_foreign_file_stays(practice):
    out = practice / "build"
    assert run("build", "-p", practice).exit_code == 0
    assert (out / "resources.pdf").exists()
    (out / "notes.pdf").write_bytes(b"%PDF-1.4 the practice's own file\n")
    (out / "our-flyer.txt").write_text("not a PDF")
    (practice / "content" / "resources.yaml").write_text("id: resources\ndisabled: true\n")

    result = run("build", "-p", practice)
    assert result.exit_code == 0, result.output
    assert not (out / "resources.pdf").exists()
    assert (out / "notes.pdf").read_bytes() == b"%PDF-1.4 the practice's own file\n" and (out / "our-flyer.txt").exists()
    err = result.stderr.splitlines()
    assert f"removed {out / 'resources.pdf'}: an earlier build wrote it, and this one no longer makes it" in err
    assert f"left {out / 'notes.pdf'}: not written by a build of kap-workbook" in err
    summary = r"Built 8 documents and the workbook: \d+ pages in 9 files in .*/, 1 old PDF removed, \d+\.\d s\."
    assert re.fullmatch(summary, err[-1])
    recorded = json.loads((out / ".workbook-manifest.json").read_text())["files"]
    assert sorted(recorded) == sorted(p.name for p in out.glob("*.pdf") if p.name != "notes.pdf")


def test_building_some_documents_leaves_the_others_and_a_changed_pdf_is_not_removed(practice):
    out = practice / "build"
    assert run("build", "-p", practice).exit_code == 0
    (practice / "content" / "resources.yaml").write_text("id: resources\ndisabled: true\n")
    assert run("build", "welcome", "-p", practice).exit_code == 0
    assert (out / "resources.pdf").exists() and (out / "workbook.pdf").exists()  # only welcome was asked for
    filled = (out / "intention-worksheet.pdf").read_bytes() + b"\n% saved again by a reader\n"
    (out / "intention-worksheet.pdf").write_bytes(filled)
    (practice / "content" / "intention-worksheet.yaml").write_text("id: intention-worksheet\ndisabled: true\n")

    result = run("build", "-p", practice)
    assert result.exit_code == 0
    assert not (out / "resources.pdf").exists()
    assert (out / "intention-worksheet.pdf").read_bytes() == filled
    assert f"left {out / 'intention-worksheet.pdf'}: an earlier build wrote it, and it has changed since" in result.stderr


# --- finding the practice ---------------------------------------------------------------------


def test_without_p_the_practice_is_found_from_a_subfolder(practice, monkeypatch):
    monkeypatch.chdir(practice / "content")
    result = run("build", "welcome", env={"WORKBOOK_PRACTICE": ""})
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == f"practice: {practice} (found from the current folder)"
    assert Path(result.stdout.strip()) == practice / "build" / "welcome.pdf"
    assert "Your Practice Name" in words(practice / "build" / "welcome.pdf")
    assert not (practice / "content" / "build").exists()


def test_without_p_workbook_practice_names_the_practice(practice, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run("list", env={"WORKBOOK_PRACTICE": str(practice)})
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"practice: {practice} (from WORKBOOK_PRACTICE)"]
    assert "your-care-team" in result.stdout
    alone = run("build", "welcome", env={"WORKBOOK_PRACTICE": ""})
    assert alone.exit_code == 0 and "unbranded (no practice found)" in alone.stderr
    assert (elsewhere / "build" / "welcome.pdf").exists()


# --- warnings ---------------------------------------------------------------------------------


def test_strict_turns_a_missing_glyph_into_an_error_and_writes_nothing(practice, tmp_path):
    doc = practice / "content" / "your-care-team.yaml"
    doc.write_text(doc.read_text() + "  - text: Our garden sign reads 庭.\n")
    result = run("build", "-p", practice, "-o", tmp_path / "out", "--strict")
    assert result.exit_code == 1
    assert re.search(rf"^{re.escape(str(doc))}:\d+:11: warning: the font Lato has no glyph for '庭'", result.stderr, re.M)
    assert result.stderr.splitlines()[-1] == "1 problem found; --strict makes warnings errors, so nothing was written."
    assert not (tmp_path / "out").exists()
    assert run("build", "-p", practice, "-o", tmp_path / "out").exit_code == 0
    check = run("check", "-p", practice)
    assert check.exit_code == 0 and check.stdout.endswith("references; 1 warning.\n")
    assert run("check", "-p", practice, "--strict").exit_code == 1
