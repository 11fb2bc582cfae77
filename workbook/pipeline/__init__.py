"""The pipeline and its driver: sources -> load -> validate -> resolve -> render -> write.

Each stage hands the next a new value; problems are collected per stage and raised together
before anything is written. The commands use the pipeline through these functions only.

Validation, resolving and layout are imported by the functions that first need them, not with
this module: a command pays only for the libraries it uses (`read` never imports ReportLab's
layout, and a build whose PDFs all come from the build cache lays nothing out)."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.errors import Location, Notice, Problems, WorkbookError, interrupted
from workbook.pipeline import manifest

# copies imports the load stage before the driver's own `load` below is defined: a stage module
# imported later would replace the function as what `workbook.pipeline.load` names.
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
from workbook.pipeline.write import write_atomically

if TYPE_CHECKING:
    from workbook.model.forms import FormMap
    from workbook.model.progress import MeasureProgress, Progress
    from workbook.model.project import Project
    from workbook.model.settings import Settings
    from workbook.pipeline.cache import Cache
    from workbook.pipeline.personalise import Packets
    from workbook.pipeline.render import Press
    from workbook.pipeline.resolve import Resolved

__all__ = ["CSV_CAP", "PDF_CAP", "Built", "Builtin", "InEffect", "Timings", "Unreadable", "Upstream", "build",
           "builtins", "compile_pdfs", "find_builtin", "find_practice", "form_map", "in_effect", "input_folders",
           "interrupted", "languages", "load", "make_press", "original_path", "packets", "progress_chart", "read_capped",
           "read_own", "unprintable_name", "upstream", "version_of", "with_header", "without_gc", "write_file",
           "write_files", "write_private"]


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)

    def mark(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - since
        return now


@contextmanager
def without_gc() -> Iterator[None]:
    """No cyclic garbage collection while a build runs. Importing and laying out make hundreds
    of thousands of objects and few cycles: the collector's passes cost about a tenth of a build
    and free a few MB, which the process gives back when it ends (a watching process collects
    between builds)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load(practice_dir: Path | None, language: str | None = None, timings: Timings | None = None,
         warnings: list[Notice] | None = None) -> Project:
    """Sources, load and validate: the project in `language` (default: the practice's), or every
    problem found.

    When validation finds problems, the templates are still resolved, so that their mistakes are
    reported in the same run. Warnings (practice copies of built-ins that have changed since)
    are added to `warnings` when it is given."""
    from workbook.model.settings import Settings
    from workbook.pipeline.resolve import resolve
    from workbook.pipeline.validate import load_project

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
                 fillable: bool = True, tagged: bool = True, timings: Timings | None = None,
                 warnings: list[Notice] | None = None, strict: bool = False) -> dict[str, bytes]:
    """Resolve and render in memory, each PDF by file name; with ids, only those documents and
    no workbook.

    Warnings (characters the font lacks) are added to `warnings` when it is given; with strict,
    any warning in it stops the build before layout. Untagged PDFs are for measuring what
    tagging costs, nothing else."""
    pdfs, _, _ = _compile(project, settings, ids, fillable, tagged, timings or Timings(), warnings, strict, None, 1)
    return pdfs


@dataclass(frozen=True)
class Built:
    """What a build left in its output folder."""

    files: list[Path]  # written, in the order built
    pages: int
    removed: tuple[Path, ...] = ()  # PDFs an earlier build wrote that this one no longer makes
    changed: tuple[Path, ...] = ()  # such PDFs changed since they were written: left alone
    foreign: tuple[Path, ...] = ()  # PDFs no build wrote: left alone
    laid_out: tuple[str, ...] = ()  # the file names laid out; the others came from the build cache


def build(project: Project, out_dir: Path, settings: Settings, ids: list[str] | None = None, *,
          fillable: bool = True, tagged: bool = True, timings: Timings | None = None,
          warnings: list[Notice] | None = None, strict: bool = False, cached: bool = False, jobs: int = 1) -> Built:
    """Compile and write; a full build (no ids) also removes the PDFs earlier builds wrote into
    out_dir that it no longer makes (see manifest.py).

    With `cached`, PDFs whose inputs are unchanged come from the build cache (cache.py) and the
    others are stored in it; a build with a client's name neither reads nor writes the cache.
    With jobs > 1, the PDFs are laid out in that many processes (render_all): the same bytes."""
    from workbook.pipeline.cache import Cache, cacheable, default_dir

    timings = timings or Timings()
    store = Cache(default_dir()) if cached and tagged and cacheable(settings) else None
    files, pages, laid_out = _compile(project, settings, ids, fillable, tagged, timings, warnings, strict, store, jobs)
    t = time.perf_counter()
    plan = manifest.plan(out_dir, files, full=ids is None)
    # A packet with a client's name is personal health information: owner-only.
    mode = 0o600 if settings.client else 0o644
    written = write_atomically(out_dir, {**files, manifest.MANIFEST: plan.manifest}, mode, remove=plan.removed)
    timings.mark("write", t)
    return Built(written[:-1], pages, plan.removed, plan.changed, plan.foreign, laid_out)


def _compile(project: Project, settings: Settings, ids: list[str] | None, fillable: bool, tagged: bool,
             timings: Timings, warnings: list[Notice] | None, strict: bool, store: Cache | None, jobs: int,
             ) -> tuple[dict[str, bytes], int, tuple[str, ...]]:
    """The PDFs by file name, in order (each document, then the workbook), their pages, and the
    names of those laid out (the others came from `store`)."""
    from workbook.pipeline.cache import Entry, assets, keys
    from workbook.pipeline.render import Rendered, compose_workbook, make_press, render_all
    from workbook.pipeline.render.glyphs import missing_glyphs
    from workbook.pipeline.resolve import resolve

    t = time.perf_counter()
    problems = Problems()
    resolved = resolve(project, settings, problems, ids)
    problems.raise_if_any()
    assert resolved is not None
    press = make_press(project, settings, fillable, tagged)
    if warnings is not None:
        warnings += missing_glyphs(project, resolved, press.styles.fonts, settings.client or "")
        if strict and warnings:
            raise WorkbookError([w.as_problem() for w in warnings], "--strict makes warnings errors, so nothing was written")
    t = timings.mark("resolve", t)
    workbook = resolved.workbook_ids if ids is None else None
    names = [f"{i}.pdf" for i in resolved.documents] + (["workbook.pdf"] if workbook is not None else [])
    key: dict[str, str] = {}  # file name -> cache key
    before = ""  # the practice's logo and fonts, as read before laying out
    found: dict[str, Entry] = {}
    if store is not None:
        try:
            key, before = keys(project, settings, fillable, resolved.documents, workbook), assets(project)
        except (OSError, ValueError, Unreadable) as exc:  # an input changed since it was read, a value with no key
            store.fail(exc)
        found = {n: e for n in key if (e := store.get(key[n])) is not None}
        t = timings.mark("cache", t)
    todo = [n for n in names if n not in found]
    laid: dict[str, Rendered] = {}
    if todo:
        if store is not None and key:
            _qr_matrices(store, resolved, todo)
        only = {n.removesuffix(".pdf") for n in todo if n != "workbook.pdf"}
        # A client's workbook is made as `batch` makes a packet, so the two are the same bytes.
        personal = settings.client if "workbook.pdf" in todo else ""
        workbook_for = (lambda: packets(project, press, resolved.workbook_ids).packet(settings)) if personal else None
        laid = {r.name: r for r in render_all(press, resolved, settings, only=only, workbook_for=workbook_for,
                                                    jobs=jobs)}
        if "workbook.pdf" in todo and not personal:  # made of the documents' PDFs, not laid out again
            singles = {i: (laid.get(f"{i}.pdf") or found[f"{i}.pdf"]).data for i in resolved.workbook_ids}
            laid["workbook.pdf"] = compose_workbook(press, resolved, settings, singles)
        t = timings.mark("lay out", t)
        if store is not None and key and assets(project) == before:
            for name, r in laid.items():
                store.put(key[name], Entry(r.data, r.pages))
            store.prune()
            timings.mark("cache", t)
    if warnings is not None and store is not None and store.failure:
        warnings.append(Notice(Location(str(store.root)), f"the build cache cannot be used ({store.failure}); "
                                                          "built without it"))
    pdfs = {n: laid[n].data if n in laid else found[n].data for n in names}
    pages = sum(laid[n].pages if n in laid else found[n].pages for n in names)
    return pdfs, pages, tuple(todo)


def _qr_matrices(store: Cache, resolved: Resolved, todo: list[str]) -> None:
    """The QR codes of the PDFs to lay out: from the cache, or computed now and kept there."""
    from workbook.pipeline.render import qr

    ids = {n.removesuffix(".pdf") for n in todo if n != "workbook.pdf"}
    ids |= set(resolved.workbook_ids) if "workbook.pdf" in todo else set()
    for target in sorted({link.target for i in ids for link in resolved.documents[i].links.values()}):
        rows = store.matrix(target)
        if rows is None:
            store.keep_matrix(target, qr.matrix(target))
        else:
            qr.known(target, rows)


def unprintable_name(press: Press, name: str, used_in: str) -> str | None:
    """What to warn when a client's name has characters no embedded font can draw (without
    quoting them), or None."""
    from workbook.pipeline.render.glyphs import name_warning

    chars = [c for c in dict.fromkeys(name) if not c.isspace() and not press.styles.fonts.can_print(c)]
    return name_warning(chars, used_in) if chars else None


def packets(project: Project, press: Press, ids: tuple[str, ...]) -> Packets:
    """Bound packets of these documents for any client (personalise.py): the one way `batch`
    and `build --client` make a client's workbook."""
    from workbook.pipeline.personalise import Packets

    return Packets(project, press, ids)


def form_map(project: Project) -> FormMap:
    """What the forms of the project's documents hold, for reading filled PDFs back."""
    from workbook.model.settings import Settings
    from workbook.pipeline.render.naming import form_map as describe_forms
    from workbook.pipeline.resolve import resolve

    problems = Problems()
    resolved = resolve(project, Settings(), problems)
    problems.raise_if_any()
    assert resolved is not None
    return describe_forms(resolved.documents.values())


def progress_chart(project: Project, progress: Progress | None, measures: Sequence[MeasureProgress] = ()) -> bytes:
    """The clinician's chart, in the practice's look and the build's language: a page per
    measure, then the weeks of a rating grid."""
    from workbook.pipeline.render import CREATOR, make_styles
    from workbook.pipeline.render.chart import chart_pdf

    return chart_pdf(progress, make_styles(project), project.strings, CREATOR, measures)


def make_press(project: Project, settings: Settings, fillable: bool) -> Press:
    """What every PDF of a build or batch shares: the look, the field writer, the logo."""
    from workbook.pipeline.render import make_press as press

    return press(project, settings, fillable)


def input_folders(practice_dir: Path | None) -> list[Path]:
    """Where a build reads its inputs: the built-in content and templates (every language), and
    the practice folder."""
    sources = Sources.find(practice_dir)
    builtin = sources.layers[0]
    return [builtin.content, builtin.templates, *([sources.practice_dir] if sources.practice_dir else [])]


def write_files(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Several files under one folder (names may hold subfolders): all of them, or none."""
    return write_atomically(out_dir, files)


def write_file(path: Path, data: bytes, mode: int = 0o644) -> Path:
    """One file, written atomically."""
    return write_atomically(path.parent, {path.name: data}, mode)[0]


def write_private(path: Path, data: bytes) -> Path:
    """One file holding a client's information: written atomically, owner-only."""
    return write_file(path, data, 0o600)
