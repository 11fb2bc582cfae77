"""The pipeline, one short function: load and validate -> resolve -> lay out -> write.

Each stage hands the next a new value; problems are collected per stage and raised together
before anything is written."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from workbook.errors import Problems
from workbook.glyphs import missing_glyphs
from workbook.render import Rendered, make_press, render_all
from workbook.resolve import Settings, resolve
from workbook.validate import Project, load_project
from workbook.write import write_atomically


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)

    def mark(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - since
        return now


def load(practice_dir: Path | None, timings: Timings | None = None) -> Project:
    t = time.perf_counter()
    problems = Problems()
    project = load_project(practice_dir, problems)
    if problems and project is not None:
        resolve(project, Settings(), problems)  # report template errors in the same run too
    problems.raise_if_any()
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

