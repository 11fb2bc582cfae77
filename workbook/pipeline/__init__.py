"""The pipeline and its driver: sources -> load -> validate -> resolve -> render -> write.

Each stage hands the next a new value; problems are collected per stage and raised together
before anything is written. The commands use the pipeline through these functions only."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from workbook.errors import Notice, Problems, WorkbookError
from workbook.model.forms import FormMap
from workbook.model.progress import Progress
from workbook.model.project import Project
from workbook.model.settings import Settings
from workbook.pipeline import manifest
from workbook.pipeline.copies import (
    InEffect,
    Upstream,
    in_effect,
    original_path,
    read_own,
    stale_copies,
    upstream,
    version_of,
    with_header,
)
from workbook.pipeline.render import CREATOR, Press, Rendered, make_press, make_styles, render_all, render_workbook
from workbook.pipeline.render.chart import chart_pdf
from workbook.pipeline.render.glyphs import missing_glyphs
from workbook.pipeline.render.naming import form_map as describe_forms
from workbook.pipeline.resolve import resolve
from workbook.pipeline.sources import (
    CSV_CAP,
    PDF_CAP,
    Builtin,
    Sources,
    Unreadable,
    builtins,
    find_builtin,
    find_practice,
    read_capped,
)
from workbook.pipeline.validate import load_project
from workbook.pipeline.write import interrupted, write_atomically

__all__ = ["CSV_CAP", "PDF_CAP", "Built", "Builtin", "InEffect", "Press", "Timings", "Unreadable", "Upstream", "build",
           "builtins", "compile_pdfs", "find_builtin", "find_practice", "form_map", "in_effect", "interrupted",
           "languages", "load", "make_press", "original_path", "packet", "progress_chart", "read_capped", "read_own",
           "upstream", "version_of", "with_header", "write_file", "write_files", "write_private"]


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)

    def mark(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - since
        return now


def load(practice_dir: Path | None, language: str | None = None, timings: Timings | None = None,
         warnings: list[Notice] | None = None) -> Project:
    """Sources, load and validate: the project in `language` (default: the practice's), or every
    problem found.

    When validation finds problems, the templates are still resolved, so that their mistakes are
    reported in the same run. Warnings (practice copies of built-ins that have changed since)
    are added to `warnings` when it is given."""
    t = time.perf_counter()
    problems = Problems()
    project = load_project(practice_dir, problems, language)
    if problems and project is not None:
        resolve(project, Settings(), problems)
    problems.raise_if_any()
    assert project is not None  # no problems: the project was read
    if warnings is not None:
        warnings += [*project.warnings, *stale_copies(project.practice_dir)]
    if timings:
        timings.mark("load and validate", t)
    return project


def languages(practice_dir: Path | None) -> list[str]:
    """The languages documents can be built in: the base one, and each with a strings file."""
    return Sources.find(practice_dir).languages()


def compile_pdfs(project: Project, settings: Settings, ids: list[str] | None = None, *,
                 fillable: bool = True, timings: Timings | None = None,
                 warnings: list[Notice] | None = None, strict: bool = False) -> list[Rendered]:
    """Resolve and render in memory; with ids, only those documents and no workbook.

    Warnings (characters the font lacks) are added to `warnings` when it is given; with strict,
    any warning in it stops the build before layout."""
    timings = timings or Timings()
    t = time.perf_counter()
    problems = Problems()
    resolved = resolve(project, settings, problems, ids)
    problems.raise_if_any()
    assert resolved is not None
    press = make_press(project, settings, fillable)
    if warnings is not None:
        warnings += missing_glyphs(project, resolved, press.styles.fonts)
        if strict and warnings:
            raise WorkbookError([w.as_problem() for w in warnings], "--strict makes warnings errors, so nothing was written")
    t = timings.mark("resolve", t)
    rendered = render_all(press, resolved, settings, workbook=ids is None)
    timings.mark("lay out", t)
    return rendered


@dataclass(frozen=True)
class Built:
    """What a build left in its output folder."""

    files: list[Path]  # written, in the order built
    pages: int
    removed: tuple[Path, ...] = ()  # PDFs an earlier build wrote that this one no longer makes
    changed: tuple[Path, ...] = ()  # such PDFs changed since they were written: left alone
    foreign: tuple[Path, ...] = ()  # PDFs no build wrote: left alone


def build(project: Project, out_dir: Path, settings: Settings, ids: list[str] | None = None, *,
          fillable: bool = True, timings: Timings | None = None, warnings: list[Notice] | None = None,
          strict: bool = False) -> Built:
    """Compile and write; a full build (no ids) also removes the PDFs earlier builds wrote into
    out_dir that it no longer makes (see manifest.py)."""
    timings = timings or Timings()
    rendered = compile_pdfs(project, settings, ids, fillable=fillable, timings=timings, warnings=warnings, strict=strict)
    t = time.perf_counter()
    files = {r.name: r.data for r in rendered}
    plan = manifest.plan(out_dir, files, full=ids is None)
    # A packet with a client's name is personal health information: owner-only.
    mode = 0o600 if settings.client else 0o644
    written = write_atomically(out_dir, {**files, manifest.MANIFEST: plan.manifest}, mode, remove=plan.removed)
    timings.mark("write", t)
    return Built(written[:-1], sum(r.pages for r in rendered), plan.removed, plan.changed, plan.foreign)


def packet(project: Project, press: Press, settings: Settings, ids: tuple[str, ...]) -> bytes:
    """One client's bound packet of the given documents, in memory."""
    problems = Problems()
    resolved = resolve(project, settings, problems, list(ids))
    problems.raise_if_any()
    assert resolved is not None
    return render_workbook(press, resolved, settings.date, ids).data


def form_map(project: Project) -> FormMap:
    """What the forms of the project's documents hold, for reading filled PDFs back."""
    problems = Problems()
    resolved = resolve(project, Settings(), problems)
    problems.raise_if_any()
    assert resolved is not None
    return describe_forms(resolved.documents.values())


def progress_chart(project: Project, progress: Progress) -> bytes:
    """The clinician's one-page chart of weeks of a rating grid, in the practice's look."""
    return chart_pdf(progress, make_styles(project), project.strings, CREATOR)


def write_files(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Several files under one folder (names may hold subfolders): all of them, or none."""
    return write_atomically(out_dir, files)


def write_file(path: Path, data: bytes, mode: int = 0o644) -> Path:
    """One file, written atomically."""
    return write_atomically(path.parent, {path.name: data}, mode)[0]


def write_private(path: Path, data: bytes) -> Path:
    """One file holding a client's information: written atomically, owner-only."""
    return write_file(path, data, 0o600)
