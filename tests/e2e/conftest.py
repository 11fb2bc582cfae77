"""Shared fixtures: the default content built once per test session, through the real CLI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from workbook.cli import main

# Without -p the command line looks for a practice; these tests name theirs, or mean none.
os.environ.pop("WORKBOOK_PRACTICE", None)


def run(*args: str):
    """Invoke the CLI in-process; returns click's Result (exit_code, output, stderr)."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory) -> Iterator[Path]:
    """The build cache of every test: a fresh folder, never the user's own cache."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder / "kap-workbook"


@pytest.fixture(scope="session")
def cli():
    return run


@pytest.fixture(scope="session")
def default_build(tmp_path_factory) -> Path:
    """Every built-in document and workbook.pdf, fillable, with no practice and no client."""
    out = tmp_path_factory.mktemp("default")
    result = run("build", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def workbook_pdf(default_build) -> pypdf.PdfReader:
    return pypdf.PdfReader(default_build / "workbook.pdf")
