"""A practice manager's everyday work, through the real command line: change one sentence of a
built-in handout, learn when the built-in changes upstream and see how, never find a withdrawn
handout in the output folder, work without -p inside the practice folder, and make warnings
fail a build."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from workbook.cli import ORDER, main
from workbook.pipeline import find_builtin, version_of

SENTENCE = "Knowing what comes next can make it feel less scary."
OURS = "Knowing each step ahead of time can make it feel calmer."
VERSION = version_of(find_builtin("what-to-expect"))  # the installed built-in's


def run(*args, env: dict | None = None):
    return CliRunner(env=env).invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scaffold") / "mypractice"
    assert run("init", folder).exit_code == 0
    return folder


@pytest.fixture
def practice(scaffold, tmp_path) -> Path:
    return Path(shutil.copytree(scaffold, tmp_path / "practice"))


def words(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages).split())


# --- eject and show --------------------------------------------------------------------------


def test_one_sentence_changed_with_two_commands(practice):
    ejected = run("eject", "what-to-expect", "-p", practice)
    assert ejected.exit_code == 0, ejected.output
    copy = practice / "content" / "what-to-expect.yaml"
    assert ejected.stdout.splitlines() == [str(copy)]
    lines = copy.read_text(encoding="utf-8").splitlines()
    record = rf"# ejected from kap-workbook built-in what-to-expect, version {re.escape(VERSION)} \(sha256 [0-9a-f]{{16}}\)"
    assert re.fullmatch(record, lines[0])
    assert "# yaml-language-server: $schema=../schemas/content.schema.json" in lines[:3]
    assert SENTENCE in copy.read_text(encoding="utf-8")
    copy.write_text(copy.read_text(encoding="utf-8").replace(SENTENCE, OURS), encoding="utf-8")  # the editor

    built = run("build", "-p", practice)
    assert built.exit_code == 0, built.output
    text = words(practice / "build" / "what-to-expect.pdf")
    assert OURS in text and SENTENCE not in text
    assert OURS in words(practice / "build" / "workbook.pdf")
    assert run("list", "-p", practice).stdout.count(" practice ") == 3  # welcome, your-care-team, what-to-expect


def test_eject_refuses_to_overwrite_the_practices_own_file_without_force(practice):
    welcome = practice / "content" / "welcome.yaml"
    before = welcome.read_bytes()
    result = run("eject", "welcome", "-p", practice)
    assert result.exit_code == 1
    assert f"{welcome}: the practice already has its own welcome; use --force" in result.stderr
    assert welcome.read_bytes() == before and not (practice / ".workbook").exists()
    assert run("eject", "welcome", "-p", practice, "--force").exit_code == 0
    assert welcome.read_text(encoding="utf-8").startswith("# ejected from kap-workbook built-in welcome, version ")


def test_ejected_templates_and_contents_build_the_same_bytes(practice, tmp_path):
    assert run("build", "-p", practice, "-o", tmp_path / "before").exit_code == 0
    for name in ("header", "footer.j2", "cover", "safety.yaml", "closing", "workbook.yaml", "resources"):
        result = run("eject", name, "-p", practice)
        assert result.exit_code == 0, result.output
    header = (practice / "templates" / "header.j2").read_text()
    assert header.startswith("{# ejected from kap-workbook built-in header.j2 (sha256 ")
    assert run("build", "-p", practice, "-o", tmp_path / "after").exit_code == 0
    before = sorted((tmp_path / "before").glob("*.pdf"))
    assert sorted(p.name for p in (tmp_path / "after").glob("*.pdf")) == [p.name for p in before]
    for pdf in before:
        assert pdf.read_bytes() == (tmp_path / "after" / pdf.name).read_bytes(), pdf.name


def test_eject_names_an_unknown_built_in_and_the_closest_one(practice):
    result = run("eject", "wellcome", "-p", practice)
    assert result.exit_code == 2
    assert "no built-in document or template 'wellcome'; did you mean 'welcome'?" in result.stderr
    result = run("eject", "your-care-team", "-p", practice)  # the practice's own document, not a built-in
    assert result.exit_code == 2


def test_show_prints_the_yaml_in_effect_and_says_whose_it_is(practice):
    own = run("show", "welcome", "-p", practice)
    assert own.exit_code == 0
    assert own.stdout == (practice / "content" / "welcome.yaml").read_text(encoding="utf-8")
    assert own.stderr.startswith(f"welcome: the practice, {practice / 'content' / 'welcome.yaml'}")
    builtin = run("show", "what-to-expect", "-p", practice)
    assert builtin.stdout.startswith("id: what-to-expect\n") and SENTENCE in builtin.stdout
    assert builtin.stderr.startswith("what-to-expect: built-in, ")
    (practice / "content" / "resources.yaml").write_text("id: resources\ndisabled: true\n")
    hidden = run("show", "resources", "-p", practice)
    assert hidden.stdout.startswith("id: resources\n") and "disabled by" in hidden.stderr
    assert run("show", "footer.j2", "-p", practice).stdout.startswith("{#- The running footer.")
    assert run("show", "nothing-like-it", "-p", practice).exit_code == 2
    outside = run("show", "../../practice.yaml", "-p", practice / "content")  # a name, never a path
    assert outside.exit_code == 2 and outside.stdout == ""


# --- upstream changes --------------------------------------------------------------------------


def copied_from_an_older_built_in(practice: Path) -> tuple[Path, str]:
    """The state after an upgrade: the practice ejected what-to-expect when it was version 0.9
    and said one sentence differently; the installed built-in is now VERSION."""
    assert run("eject", "what-to-expect", "-p", practice).exit_code == 0
    original = practice / ".workbook" / "originals" / "content" / "what-to-expect.yaml"
    older = original.read_text(encoding="utf-8").replace(f'version: "{VERSION}"', 'version: "0.9"')
    older = older.replace(SENTENCE, "Knowing what comes next may help.")
    original.write_text(older, encoding="utf-8")
    copy = practice / "content" / "what-to-expect.yaml"
    digest = hashlib.sha256(older.encode()).hexdigest()[:16]
    body = copy.read_text(encoding="utf-8").partition("\n")[2].replace(SENTENCE, "Knowing what comes next may help.")
    body = body.replace("Your own plan may differ a little.", "Your plan is your own.")  # the practice's own edit
    copy.write_text(f"# ejected from kap-workbook built-in what-to-expect, version 0.9 (sha256 {digest})\n" + body,
                    encoding="utf-8")
    return copy, older


def test_check_warns_at_the_copy_when_the_built_in_changed_since(practice):
    copy, _ = copied_from_an_older_built_in(practice)
    result = run("check", "-p", practice)
    assert result.exit_code == 0
    assert (f"{copy}:1:1: warning: copied from the built-in what-to-expect version 0.9; the installed built-in is "
            f"version {VERSION}: `workbook diff what-to-expect` shows what changed") in result.stderr.splitlines()
    assert result.stdout.startswith("OK:") and "1 warning" in result.stdout
    strict = run("check", "-p", practice, "--strict")
    assert strict.exit_code == 1 and "1 problem found; --strict makes warnings errors" in strict.stderr


def test_diff_shows_only_what_changed_upstream_and_acknowledge_settles_it(practice):
    copy, _ = copied_from_an_older_built_in(practice)
    result = run("diff", "what-to-expect", "-p", practice)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["--- built-in what-to-expect, version 0.9 (as copied)",
                         f"+++ built-in what-to-expect, version {VERSION} (installed)"]
    changed = [line for line in lines[2:] if line[:1] in "+-"]
    assert changed == ['-version: "0.9"', f'+version: "{VERSION}"',
                       "-      Knowing what comes next may help.", f"+      {SENTENCE}"]  # not the practice's own edit
    assert "what changed in the built-in what-to-expect" in result.stderr

    body = copy.read_text(encoding="utf-8").partition("\n")[2]
    settled = run("diff", "what-to-expect", "-p", practice, "--acknowledge")
    assert settled.exit_code == 0
    first, _, rest = copy.read_text(encoding="utf-8").partition("\n")
    assert first.startswith(f"# ejected from kap-workbook built-in what-to-expect, version {VERSION} (sha256 ") and rest == body
    assert "Your plan is your own." in rest  # the practice's edit kept
    assert "warning" not in run("check", "-p", practice).stderr
    again = run("diff", "what-to-expect", "-p", practice)
    assert again.stdout == "" and "has not changed since" in again.stderr


def test_without_the_kept_original_diff_compares_the_copy_and_says_so(practice):
    copy, _ = copied_from_an_older_built_in(practice)
    shutil.rmtree(practice / ".workbook")
    result = run("diff", "what-to-expect", "-p", practice)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"--- {copy} (yours)\n+++ built-in what-to-expect, version {VERSION} (installed)\n")
    assert any(line.startswith("-") and "Your plan is your own." in line for line in result.stdout.splitlines())
    assert "not kept" in result.stderr and "your own changes show too" in result.stderr


def test_diff_of_a_file_the_practice_did_not_copy(practice):
    hand_made = run("diff", "welcome", "-p", practice)  # init's example: no record of a built-in version
    assert hand_made.exit_code == 0 and "does not record which built-in" in hand_made.stderr
    assert hand_made.stdout.startswith("--- ")
    none = run("diff", "what-to-expect", "-p", practice)
    assert none.exit_code == 2 and "`workbook eject what-to-expect` makes one" in none.stderr


def test_show_and_diff_read_the_practices_file_as_a_build_does(practice, tmp_path):
    secret = tmp_path / "elsewhere.yaml"
    secret.write_text("id: welcome\ntitle: SECRET OUTSIDE\n")
    own = practice / "content" / "welcome.yaml"
    own.unlink()
    own.symlink_to(secret)  # a link leading out of the practice folder: never printed
    for command in ("show", "diff"):
        result = run(command, "welcome", "-p", practice)
        assert result.exit_code == 1, (command, result.output)
        assert f"{own}: is a link leading outside the practice folder" in result.stderr
        assert "SECRET" not in result.output


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
    pdfs = len(list(out.glob("*.pdf"))) - 1  # without notes.pdf
    summary = rf"Built {pdfs - 1} documents and the workbook: \d+ pages in {pdfs} files in .*/, 1 old PDF removed, \d+\.\d s\."
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


def test_a_manifest_that_is_not_a_file_is_no_manifest(practice):
    out = practice / "build"
    assert run("build", "-p", practice).exit_code == 0
    manifest = out / ".workbook-manifest.json"
    manifest.unlink()
    os.mkfifo(manifest)  # read as a file, it would hang the build
    result = subprocess.run([sys.executable, "-m", "workbook", "build", "-p", str(practice)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert manifest.is_file() and json.loads(manifest.read_text())["files"]


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


def test_eject_needs_a_practice(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("eject", "welcome", env={"WORKBOOK_PRACTICE": ""})
    assert result.exit_code == 2 and "no practice folder" in result.stderr
    assert not any(tmp_path.iterdir())


# --- warnings ---------------------------------------------------------------------------------


def test_strict_turns_a_missing_glyph_into_an_error_and_writes_nothing(practice, tmp_path):
    doc = practice / "content" / "your-care-team.yaml"
    doc.write_text(doc.read_text() + "  - text: Our garden sign reads 庭.\n")
    result = run("build", "-p", practice, "-o", tmp_path / "out", "--strict")
    assert result.exit_code == 1
    assert re.search(rf"^{re.escape(str(doc))}:\d+:11: warning: neither Lato nor KapFormSans has a glyph for '庭'",
                     result.stderr, re.M)
    assert result.stderr.splitlines()[-1] == "1 problem found; --strict makes warnings errors, so nothing was written."
    assert not (tmp_path / "out").exists()
    assert run("build", "-p", practice, "-o", tmp_path / "out").exit_code == 0
    check = run("check", "-p", practice)
    assert check.exit_code == 0 and check.stdout.endswith("references; 1 warning.\n")
    assert run("check", "-p", practice, "--strict").exit_code == 1


# --- help and output that teach -----------------------------------------------------------------


def test_help_lists_commands_in_workflow_order_with_whole_sentences():
    result = run("--help")
    listed = re.search(r"Commands:\n(.*?)\n\n", result.output, re.S).group(1).splitlines()
    assert [line.split()[0] for line in listed] == list(ORDER) == list(main.list_commands(None))
    for line in listed:
        summary = line.split(None, 1)[1]
        assert summary.endswith(".") and not summary.endswith("..."), line
        assert len(line) <= 80


@pytest.mark.parametrize("command", ORDER)
def test_every_command_has_an_example(command):
    help_text = run(command, "--help").output
    assert re.search(r"^  Examples?( \(.*\))?:\n    workbook " + command, help_text, re.M), help_text


def test_help_says_how_to_write_a_date_and_what_read_formats_are():
    assert "--date YYYY-MM-DD" in run("build", "--help").output
    assert re.search(r"--format \[json\|csv\]\s+JSON keeps", run("read", "--help").output)


def test_list_has_a_header_and_sorted_rows(practice):
    lines = run("list", "-p", practice).stdout.splitlines()
    assert lines[0].split() == ["ID", "KIND", "AUDIENCE", "ORIGIN", "TITLE"]
    ids = [line.split()[0] for line in lines[1:]]
    assert ids == sorted(ids) and "your-care-team" in ids and "welcome" in ids
