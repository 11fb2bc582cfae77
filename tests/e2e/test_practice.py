"""A practice folder: init's scaffold, overrides and additions by id and file name, disabled
documents, and mistakes in practice.yaml explained at their line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from workbook.cli import main
from workbook.commands.init import scaffold_files


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scaffold") / "mypractice"
    result = run("init", folder)
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def practice(scaffold, tmp_path) -> Path:
    """A fresh copy of the scaffold, to change in one test."""
    return Path(shutil.copytree(scaffold, tmp_path / "practice"))


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)


def outline_titles(pdf: Path) -> list[str]:
    return [o.title for o in pypdf.PdfReader(pdf).outline if not isinstance(o, list)]


def test_init_writes_the_scaffold_and_builds_straight_away(scaffold, tmp_path):
    schemas = [Path("schemas") / f"{kind}.schema.json" for kind in ("content", "practice", "references", "workbook")]
    assert sorted(p.relative_to(scaffold) for p in scaffold.rglob("*") if p.is_file()) == sorted(scaffold_files() + schemas)
    for path in scaffold.rglob("*.yaml"):  # each names its schema, which init wrote beside it
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / header.partition("$schema=")[2]).is_file(), path
    assert (scaffold / "logo.png").read_bytes().startswith(b"\x89PNG")
    result = run("build", "-p", scaffold, "-o", tmp_path, "--client", "Ada Example", "--date", "2026-02-03")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "your-care-team.pdf").exists()
    workbook = text_of(tmp_path / "workbook.pdf")
    assert "Your Practice Name" in workbook and "Prepared for Ada Example" in workbook
    check = run("check", "-p", scaffold)
    assert check.exit_code == 0 and "OK:" in check.output


def test_practice_yaml_lists_every_setting(scaffold):
    from workbook.model.practice import Practice

    text = (scaffold / "practice.yaml").read_text()
    for key in Practice.model_fields:
        assert re.search(rf"^#? ?{key}:", text, re.M), key


def test_init_refuses_to_overwrite_without_force(scaffold):
    (scaffold / "practice.yaml").write_text((scaffold / "practice.yaml").read_text() + "\n# mine\n")
    result = run("init", scaffold)
    assert result.exit_code == 1
    assert "practice.yaml: already exists; use --force" in result.output
    assert "# mine" in (scaffold / "practice.yaml").read_text()
    assert run("init", scaffold, "--force").exit_code == 0
    assert "# mine" not in (scaffold / "practice.yaml").read_text()


def test_list_shows_where_each_document_comes_from(practice):
    (practice / "content" / "resources.yaml").write_text("id: resources\ndisabled: true\n")
    lines = {line.split()[0]: line for line in run("list", "-p", practice).output.splitlines()}
    assert " practice " in lines["welcome"] and " practice " in lines["your-care-team"]
    assert " built-in " in lines["what-to-expect"]
    assert "practice (disabled)" in lines["resources"]


def test_override_replaces_a_built_in_and_a_new_id_adds_one(practice, tmp_path):
    result = run("build", "welcome", "your-care-team", "-p", practice, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    welcome = text_of(tmp_path / "welcome.pdf")
    assert "This workbook goes with your care at Your Practice Name." in welcome
    assert "What is inside" not in welcome  # a heading of the built-in welcome only
    assert "How to reach us" in text_of(tmp_path / "your-care-team.pdf")


def test_disabled_document_leaves_builds_and_the_workbook(practice, tmp_path):
    (practice / "content" / "resources.yaml").write_text("id: resources\ndisabled: true\n")
    result = run("build", "-p", practice, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "resources.pdf").exists()
    assert "More to Watch and Read" not in outline_titles(tmp_path / "workbook.pdf")
    assert run("build", "resources", "-p", practice, "-o", tmp_path).exit_code == 2


def test_disabling_an_unknown_document_is_located(practice):
    (practice / "content" / "gone.yaml").write_text("id: resourcez\ndisabled: true\n")
    result = run("check", "-p", practice)
    assert result.exit_code == 1
    assert "gone.yaml:1:1: no built-in document 'resourcez' to disable; did you mean 'resources'?" in result.output


def test_workbook_yaml_sets_contents_and_order(practice, tmp_path):
    (practice / "content" / "workbook.yaml").write_text(
        "title: Our Packet\nsubtitle: Made here\ndocuments: [your-care-team, welcome]\n")
    result = run("build", "-p", practice, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert outline_titles(tmp_path / "workbook.pdf") == ["Our Packet", "Contents", "Your Care Team", "Welcome to Your Workbook"]


def test_references_add_and_replace_by_id(practice, tmp_path):
    (practice / "content" / "references.yaml").write_text(
        "- id: kap-overview\n  title: Our Own Overview\n  kind: page\n  source: Our practice\n  url: https://example.org/kap\n"
        "- id: our-video\n  title: A Video We Made\n  kind: video\n  source: Our practice\n  url: https://example.org/video\n")
    (practice / "content" / "your-care-team.yaml").write_text(
        (practice / "content" / "your-care-team.yaml").read_text() + "  - resource: our-video\n  - resource: kap-overview\n")
    result = run("build", "your-care-team", "-p", practice, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    text = text_of(tmp_path / "your-care-team.pdf")
    assert "A Video We Made" in text and "Our Own Overview" in text


def test_templates_override_by_file_name(practice, tmp_path):
    (practice / "templates").mkdir()
    (practice / "templates" / "header.j2").write_text("Header from {{ practice.name }}\n")
    result = run("build", "welcome", "-p", practice, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert "Header from Your Practice Name" in text_of(tmp_path / "welcome.pdf")


def test_every_mistake_in_practice_yaml_is_located(practice):
    text = (practice / "practice.yaml").read_text()
    text = text.replace('phone: "(555) 010-0000"', 'phon: "(555) 010-0000"').replace("paper: letter", "paper: legal")
    text = text.replace('accent: "#A7C4BC"', 'accent: "sage"').replace("logo: logo.png", "logo: missing.png")
    (practice / "practice.yaml").write_text(text)
    result = run("check", "-p", practice)
    assert result.exit_code == 1
    out = result.output
    assert re.search(r"practice\.yaml:\d+:1: unknown key 'phon'; did you mean 'phone'\?", out)
    assert re.search(r"practice\.yaml:\d+:\d+: 'sage' is not a colour; write it as #RRGGBB", out)
    assert re.search(r"practice\.yaml:\d+:\d+: 'paper': input should be 'letter' or 'a4'", out)
    assert "nothing was written" in out


def test_missing_logo_is_located(practice):
    text = (practice / "practice.yaml").read_text().replace("logo: logo.png", "logo: missing.png")
    (practice / "practice.yaml").write_text(text)
    result = run("check", "-p", practice)
    line = text.splitlines().index("logo: missing.png") + 1
    assert f"practice.yaml:{line}:7: file not found: 'missing.png'" in result.output


def test_low_contrast_primary_is_refused_naming_colours_and_ratio(practice):
    text = (practice / "practice.yaml").read_text().replace('primary: "#2F5D62"', 'primary: "#88AACC"')
    (practice / "practice.yaml").write_text(text)
    result = run("build", "welcome", "-p", practice, "-o", practice / "out")
    assert result.exit_code == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "#88AACC" in row)
    assert f"practice.yaml:{line}:12: primary colour: #88AACC on #FFFFFF has a contrast of 2.42:1" in result.output
    assert "at least 4.5:1 (WCAG AA)" in result.output
    assert not (practice / "out").exists()
