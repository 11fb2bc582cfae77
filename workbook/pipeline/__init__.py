"""The pipeline and its driver: sources -> load -> validate -> resolve -> render -> write.

Each stage hands the next a new value; problems are collected per stage and raised together
before anything is written. The commands use the pipeline through these functions only."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbook.errors import Problems
from workbook.model.forms import FormMap
from workbook.model.progress import MeasureProgress, Progress
from workbook.model.project import Project
from workbook.model.settings import Settings
from workbook.pipeline.render import CREATOR, Press, Rendered, make_press, make_styles, render_all, render_workbook
from workbook.pipeline.render.chart import chart_pdf
from workbook.pipeline.render.glyphs import missing_glyphs
from workbook.pipeline.render.naming import form_map as describe_forms
from workbook.pipeline.resolve import resolve
from workbook.pipeline.validate import load_project
from workbook.pipeline.write import interrupted, write_atomically

__all__ = ["Press", "Timings", "build", "compile_pdfs", "form_map", "interrupted", "load", "make_press", "packet",
           "progress_chart", "write_file", "write_private"]


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)

    def mark(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - since
        return now


def load(practice_dir: Path | None, timings: Timings | None = None) -> Project:
    """Sources, load and validate: the project, or every problem found.

    When validation finds problems, the templates are still resolved, so that their mistakes are
    reported in the same run."""
    t = time.perf_counter()
    problems = Problems()
    project = load_project(practice_dir, problems)
    if problems and project is not None:
        resolve(project, Settings(), problems)
    problems.raise_if_any()
    assert project is not None  # no problems: the project was read
    if timings:
        timings.mark("load and validate", t)
    return project


def compile_pdfs(project: Project, settings: Settings, ids: list[str] | None = None, *,
                 fillable: bool = True, timings: Timings | None = None,
                 warnings: list[str] | None = None) -> list[Rendered]:
    """Resolve and render in memory; with ids, only those documents and no workbook.

    Warnings (characters the font lacks) are added to `warnings` when it is given."""
    timings = timings or Timings()
    t = time.perf_counter()
    problems = Problems()
    resolved = resolve(project, settings, problems, ids)
    problems.raise_if_any()
    assert resolved is not None
    press = make_press(project, settings, fillable)
    if warnings is not None:
        warnings += missing_glyphs(resolved, press.styles.fonts)
    t = timings.mark("resolve", t)
    rendered = render_all(press, resolved, settings, workbook=ids is None)
    timings.mark("lay out", t)
    return rendered


def build(project: Project, out_dir: Path, settings: Settings, ids: list[str] | None = None, *,
          fillable: bool = True, timings: Timings | None = None, warnings: list[str] | None = None) -> list[Path]:
    timings = timings or Timings()
    rendered = compile_pdfs(project, settings, ids, fillable=fillable, timings=timings, warnings=warnings)
    t = time.perf_counter()
    # A packet with a client's name is personal health information: owner-only.
    mode = 0o600 if settings.client else 0o644
    written = write_atomically(out_dir, {r.name: r.data for r in rendered}, mode)
    timings.mark("write", t)
    return written


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


def progress_chart(project: Project, progress: Progress | None, measures: Sequence[MeasureProgress] = ()) -> bytes:
    """The clinician's chart, in the practice's look: a page per measure, then the weeks of a
    rating grid."""
    return chart_pdf(progress, make_styles(project), CREATOR, measures)


def write_file(path: Path, data: bytes, mode: int = 0o644) -> Path:
    """One file, written atomically."""
    return write_atomically(path.parent, {path.name: data}, mode)[0]


def write_private(path: Path, data: bytes) -> Path:
    """One file holding a client's information: written atomically, owner-only."""
    return write_file(path, data, 0o600)
