"""A practice manager's everyday work, through the real command line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbook.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scaffold") / "mypractice"
    assert run("init", folder).exit_code == 0
    return folder


@pytest.fixture
def practice(scaffold, tmp_path) -> Path:
    return Path(shutil.copytree(scaffold, tmp_path / "practice"))


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
