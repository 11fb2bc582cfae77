"""The command line itself: help, version, list, check, and running as a module."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workbook import __version__
from workbook.cli import main


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", [None, *main.commands])
def test_every_command_has_help(cli, command):
    result = cli(*([command] if command else []), "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_list_shows_id_kind_audience_origin_and_title(cli):
    lines = cli("list").output.splitlines()
    row = next(line for line in lines if line.startswith("contraindication-consent"))
    assert row.split()[:4] == ["contraindication-consent", "consent", "clinician", "built-in"]
    assert "Consent" in row


def test_check_is_clean_on_the_shipped_content(cli):
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK:") and result.stderr == ""


def test_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "workbook", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and __version__ in result.stdout
