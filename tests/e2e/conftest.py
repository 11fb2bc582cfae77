"""Shared fixtures: the default content built once per test session, through the real CLI, and
the variants (--flat, large print, A4) the same way."""

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


def _build(tmp_path_factory, name: str, *flags: str) -> Path:
    out = tmp_path_factory.mktemp(name)
    result = run("build", "-o", str(out), *flags)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def default_build(tmp_path_factory) -> Path:
    """Every built-in document and workbook.pdf, fillable, with no practice and no client."""
    return _build(tmp_path_factory, "default")


@pytest.fixture(scope="session")
def flat_build(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "flat", "--flat")


@pytest.fixture(scope="session")
def large_print_build(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "large", "--large-print")


@pytest.fixture(scope="session")
def a4_build(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "a4", "--paper", "a4")


@pytest.fixture(scope="session")
def measure_practice(tmp_path_factory) -> Path:
    """A practice whose own content is a questionnaire (measure_sample.py: a measure block)."""
    from measure_sample import MEASURE_DOC

    folder = tmp_path_factory.mktemp("measure-practice")
    (folder / "content").mkdir()
    (folder / "practice.yaml").write_text("name: Harbor Mind Care\n")
    (folder / "content" / "check-in.yaml").write_text(MEASURE_DOC)
    return folder


@pytest.fixture(scope="session")
def workbook_pdf(default_build) -> pypdf.PdfReader:
    return pypdf.PdfReader(default_build / "workbook.pdf")
