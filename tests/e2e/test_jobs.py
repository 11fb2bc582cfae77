"""`build --jobs`: the documents laid out by several processes at once change nothing but the
time, neither the bytes nor what a failing build says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DOC = """\
id: {id}
title: {id}
kind: worksheet
audience: client
version: "1.0"
reviewed: 2026-11-01
blocks:
  - text: A short one first.
  - heading: {heading}
"""


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_the_bytes_do_not_depend_on_how_many_processes_lay_them_out(cli, tmp_path, default_build, jobs):
    assert cli("build", "--no-cache", "--jobs", jobs, "-o", tmp_path).exit_code == 0
    built = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert built == sorted(p.name for p in default_build.glob("*.pdf"))
    for name in built:
        assert (tmp_path / name).read_bytes() == (default_build / name).read_bytes(), name


def test_a_document_that_cannot_be_laid_out_is_reported_as_one_process_would(tmp_path):
    """Two documents too tall for a page, among the built-in ones: whichever process meets one
    first, the build says what a single process says (the first in order) and writes nothing."""
    practice = tmp_path / "p"
    (practice / "content").mkdir(parents=True)
    (practice / "practice.yaml").write_text("name: Test Practice\n")
    tall = " ".join(["word"] * 3000)
    for name in ("aaa-tall", "zzz-tall"):
        (practice / "content" / f"{name}.yaml").write_text(DOC.format(id=name, heading=tall))
    said = {}
    for jobs in ("1", "2", "4"):
        out = tmp_path / f"out-{jobs}"
        done = subprocess.run([sys.executable, "-m", "workbook", "build", "-p", str(practice), "-o", str(out),
                               "--no-cache", "--jobs", jobs], capture_output=True, text=True, timeout=300)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr and not out.exists()
        said[jobs] = done.stderr
    lines = said["1"].strip().splitlines()
    assert len(lines) == 2 and "taller than a page" in lines[0] and lines[-1].endswith("nothing was written.")
    assert Path(lines[0].split(":")[0]).name in ("aaa-tall.yaml", "zzz-tall.yaml")
    assert said["2"] == said["4"] == said["1"]


def test_a_clients_pdfs_do_not_depend_on_how_many_processes_make_them(cli, tmp_path):
    """With jobs, the client's workbook is handed out first, to whichever process takes it; in one
    process it is made last, after the documents: the same bytes either way."""
    client = ("--client", "Ana Pérez", "--date", "2026-03-04", "--no-cache")
    for jobs in ("1", "3"):
        assert cli("build", *client, "--jobs", jobs, "-o", tmp_path / jobs).exit_code == 0
    built = sorted(p.name for p in (tmp_path / "1").glob("*.pdf"))
    assert "workbook.pdf" in built and len(built) == 14
    assert built == sorted(p.name for p in (tmp_path / "3").glob("*.pdf"))
    for name in built:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "3" / name).read_bytes(), name
