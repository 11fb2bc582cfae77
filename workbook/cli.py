"""The `workbook` command: click only, a thin shell over the pipeline's driver, and the one error
boundary that turns every failure into a message and an exit code. Nothing below it prints or
exits."""

from __future__ import annotations

import datetime
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from workbook import __version__
from workbook.errors import (
    EnvironmentFailure,
    Interrupted,
    Location,
    Notice,
    Problem,
    WorkbookError,
    display_path,
    interrupted,
    suggest,
)
from workbook.model.settings import Settings

if TYPE_CHECKING:
    from workbook.model.project import Project
    from workbook.pipeline import Built, Builtin

# Only click and the standard library are imported here. Each command imports the pipeline's
# driver and the modules it needs when it runs, and the driver imports each stage when it is
# used: `workbook --help` imports neither pydantic nor ReportLab, and a build never imports pypdf.

INTERRUPTED = 130  # the exit code of a command stopped by Ctrl-C, as shells report one

# `workbook --help` lists the commands in the order a practice uses them.
ORDER = ("init", "check", "build", "list", "show", "eject", "diff", "batch", "read", "progress", "schema")

EXIT_CODES = """\b
Exit codes:
  0    success
  1    content or configuration problems (each listed as file:line:col: message)
  2    usage: an unknown option, command or document id
  3    the machine failed: a path cannot be read or written, the disk is full
  70   an internal error (a bug: please report it; --debug shows the traceback)
  130  interrupted (Ctrl-C): nothing was written"""


class Boundary(click.Group):
    """Runs every command inside the one error boundary."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.commands, key=lambda name: ORDER.index(name) if name in ORDER else len(ORDER))

    def invoke(self, ctx: click.Context) -> Any:
        previous = signal.signal(signal.SIGINT, _on_ctrl_c)
        hook = sys.unraisablehook
        # A Ctrl-C that lands in a callback (a weak reference's, a __del__) cannot propagate from
        # there, and Python would print "Exception ignored in ...": the flag it set still stops
        # the command (write.py, batch.collect), so it is not printed.
        sys.unraisablehook = lambda u: None if isinstance(u.exc_value, KeyboardInterrupt) and interrupted.is_set() \
            else hook(u)
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click's own: usage errors exit 2, and so on
        except WorkbookError as exc:
            _problems(exc)
            ctx.exit(1)
        except EnvironmentFailure as exc:
            click.echo(str(exc), err=True)
            ctx.exit(3)
        except Interrupted as exc:
            click.echo(f"interrupted; {exc}", err=True)
            ctx.exit(INTERRUPTED)
        except KeyboardInterrupt:
            click.echo("interrupted; nothing was written", err=True)
            ctx.exit(INTERRUPTED)
        except Exception as exc:  # noqa: BLE001 - the boundary: anything else is a bug
            if interrupted.is_set():  # library code turned the KeyboardInterrupt into another error
                click.echo("interrupted; nothing was written", err=True)
                ctx.exit(INTERRUPTED)
            if ctx.meta.get("debug"):
                raise
            click.echo(f"internal error ({_where(exc)}): this is a bug in kap-workbook. Please report it, "
                       "with the output of the same command run as `workbook --debug ...`.", err=True)
            ctx.exit(70)
        finally:
            signal.signal(signal.SIGINT, previous)
            sys.unraisablehook = hook
            interrupted.clear()


def _on_ctrl_c(signum: int, frame: Any) -> None:
    interrupted.set()
    raise KeyboardInterrupt


def _problems(exc: WorkbookError, outcome: str | None = None) -> None:
    n = len(exc.problems)
    lines = [str(p) for p in exc.problems]
    lines.append(f"{n} problem{'s' if n != 1 else ''} found; {outcome or exc.outcome}.")
    click.echo("\n".join(lines), err=True)


def _where(exc: BaseException) -> str:
    """The exception's type and the innermost line of this package it passed: never its message,
    which may quote a client's name or answer."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "workbook" in Path(f.filename).parts]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return type(exc).__name__ + where


def _find_practice(ctx: click.Context, param: click.Parameter, given: Path | None) -> Path | None:
    """Without -p: the nearest folder with practice.yaml, here or above, else WORKBOOK_PRACTICE;
    said on stderr, so that nobody builds the wrong practice unawares."""
    from workbook.pipeline import find_practice

    if given is not None:
        return given
    found = find_practice(Path.cwd(), dict(os.environ))
    if found is None:
        return None
    folder, how = found
    click.echo(f"practice: {folder} ({how})", err=True)
    return Path(display_path(folder))  # relative when inside it, so the paths printed stay short


PRACTICE = click.option("-p", "--practice", type=click.Path(file_okay=False, path_type=Path), callback=_find_practice,
                        help="Practice folder (with practice.yaml). Default: the nearest one here or above, "
                             "else $WORKBOOK_PRACTICE.")
STRICT = click.option("--strict", is_flag=True, help="Treat warnings as errors: exit 1, write nothing.")
PAPER = click.option("--paper", type=click.Choice(["letter", "a4"]), help="Paper size (default: the practice's).")
LARGE_PRINT = click.option("--large-print", is_flag=True, help="16 pt text, wider line spacing, more room to write.")
FLAT = click.option("--flat", is_flag=True, help="No fillable fields: pages for pen and paper only.")
LANG = click.option("--lang", "language", metavar="LANG",
                    help="The language of the documents, e.g. es (default: the practice's language, else en).")
JOBS = click.option("--jobs", "-j", type=click.IntRange(1, 64), default=lambda: _cores(),
                    show_default="the cores this process may use",
                    help="Processes laying PDFs out at once (a batch: packets built at once).")


@click.group(cls=Boundary, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.version_option(__version__, prog_name="workbook")
@click.option("--debug", is_flag=True, envvar="WORKBOOK_DEBUG", help="Show the traceback of an internal error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Compile YAML content into branded, printable and fillable KAP handouts and workbooks."""
    ctx.meta["debug"] = debug


@main.command("build", epilog=EXIT_CODES)
@click.argument("doc_ids", nargs=-1)
@PRACTICE
@LANG
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the PDFs into. Default: build/ beside practice.yaml (./build without a practice), "
                   "and build/LANG/ in a language other than English.")
@click.option("--client", default="", help="Client name for the cover and the name fields.")
@click.option("--clinician", default="", help="Clinician name (instead of the practice's clinician).")
@click.option("--date", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Date for the cover, date fields and PDF metadata.")
@PAPER
@LARGE_PRINT
@FLAT
@STRICT
@click.option("--watch", is_flag=True, help="Build, then build again whenever an input is saved (Ctrl-C stops).")
@click.option("--no-cache", is_flag=True, help="Lay every PDF out afresh; neither read nor write the build cache.")
@JOBS
@click.option("--untagged", is_flag=True, hidden=True, help="No structure for screen readers: to measure its cost.")
def build_command(doc_ids: tuple[str, ...], practice: Path | None, language: str | None, out: Path | None, client: str,
                  clinician: str, date: datetime.datetime | None, paper: str | None, large_print: bool, flat: bool,
                  strict: bool, watch: bool, no_cache: bool, jobs: int, untagged: bool) -> None:
    """Write the PDFs: one per document, and the bound workbook.

    With DOC_IDS, only those documents are written (and no workbook). A full build also removes
    the PDFs an earlier build wrote into the folder and this one no longer makes, such as a
    handout the practice disabled; files it did not write are left alone.

    PDFs whose inputs have not changed since an earlier build come from the build cache
    ($XDG_CACHE_HOME/kap-workbook or ~/.cache/kap-workbook, owner-only); a build with --client
    neither reads nor writes it. With --watch, the practice folder and the built-in content and
    templates are watched: each save rebuilds what it changed and says how long it took, and a
    content problem is shown until the save that fixes it.

    \b
    Examples:
      workbook build                         # the practice of this folder, into its build/
      workbook build welcome resources       # two documents only
      workbook build --lang es               # in Spanish, into build/es/
      workbook build --client "Client Name" --date 2026-01-15 -o packet
      workbook build --watch                 # rebuild on every save, until Ctrl-C
    """
    from workbook.model.base import BASE_LANGUAGE
    from workbook.pipeline import build, without_gc

    start = time.perf_counter()
    settings = Settings(client=client.strip(), clinician=clinician.strip(), date=date.date() if date else None,
                        paper=paper, large_print=large_print)
    folder = out

    def make(warnings: list[Notice]) -> tuple[Project, Path, Built]:
        nonlocal folder
        project = _load(practice, language, warnings)
        _check_ids(project, doc_ids, usage=not watch)
        if out is None:  # one folder per language, so that a build never mixes two
            folder = _beside(practice, "build")
            folder = folder if project.language == BASE_LANGUAGE else folder / project.language
        assert folder is not None
        return project, folder, build(project, folder, settings, list(doc_ids) or None, fillable=not flat,
                                      warnings=warnings, strict=strict, cached=not no_cache, tagged=not untagged,
                                      jobs=jobs)

    if watch and (practice is None or practice.is_dir()):  # no folder to watch: the build says why
        _watch(practice, make)
        return
    warnings: list[Notice] = []
    with without_gc():
        project, folder, built = make(warnings)
    for path in built.files:
        click.echo(path)
    _tidied(built)
    _warn(warnings)
    click.echo(_summary(built, len(doc_ids) or len(project.enabled), not doc_ids, practice is None, folder,
                        time.perf_counter() - start), err=True)


def _watch(practice: Path | None, make: Callable[[list[Notice]], tuple[Project, Path, Built]]) -> None:
    """Say what each rebuild did, on stderr, until Ctrl-C."""
    from workbook.commands.watch import rebuilds
    from workbook.pipeline import input_folders

    folders = input_folders(practice)
    out = Path("build")
    try:
        for event in rebuilds(folders, make):
            if event.changed:
                more = f" and {len(event.changed) - 3} more" if len(event.changed) > 3 else ""
                click.echo(f"changed: {', '.join(event.changed[:3])}{more}", err=True)
            if event.problems is not None:
                _problems(event.problems, "waiting for a fix")
            elif event.built is not None:
                _, out, built = event.built
                _tidied(built)
                _warn(event.warnings)
                click.echo(_rebuilt(built, event.seconds, display_path(out)), err=True)
            if not event.changed:
                shown = ", ".join(display_path(f) for f in folders if f.is_dir())
                click.echo(f"watching {shown} (Ctrl-C to stop)", err=True)
    except KeyboardInterrupt:
        raise Interrupted(f"stopped watching; {display_path(out)} holds the last complete build") from None


def _rebuilt(built: Built, seconds: float, out: str) -> str:
    laid, total = built.laid_out, len(built.files)
    if not laid:
        return f"{out}: all {total} PDFs unchanged, from the cache ({seconds:.2f} s)"
    names = ", ".join(laid) if len(laid) <= 4 else f"{len(laid)} PDFs"
    cached = f"; {total - len(laid)} unchanged" if total > len(laid) else ""
    return f"{out}: laid out {names} in {seconds:.2f} s{cached}"


def _beside(practice: Path | None, name: str) -> Path:
    """A default output folder: beside practice.yaml, or here without a practice."""
    return practice / name if practice is not None else Path(name)


def _tidied(built: Built) -> None:
    for path in built.removed:
        click.echo(f"removed {display_path(path)}: an earlier build wrote it, and this one no longer makes it", err=True)
    for path in built.changed:
        click.echo(f"left {display_path(path)}: an earlier build wrote it, and it has changed since", err=True)
    for path in built.foreign:
        click.echo(f"left {display_path(path)}: not written by a build of kap-workbook", err=True)


def _summary(built: Built, documents: int, workbook: bool, unbranded: bool, out: Path, seconds: float) -> str:
    what = _count(documents, "document") + (" and the workbook" if workbook else "")
    if unbranded:  # said, so that a forgotten -p outside the practice folder is noticed
        what += ", unbranded (no practice found)"
    removed = f", {_count(len(built.removed), 'old PDF')} removed" if built.removed else ""
    return (f"Built {what}: {_count(built.pages, 'page')} in {_count(len(built.files), 'file')} "
            f"in {display_path(out)}{os.sep}{removed}, {seconds:.1f} s.")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


@main.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite files the folder already has.")
def init_command(folder: Path, force: bool) -> None:
    """Create a practice folder to edit: settings, logo, examples.

    FOLDER gets practice.yaml (every setting, commented), an example logo, two example documents,
    a README and the JSON Schemas editors use to check the YAML as you type.

    \b
    Example:
      workbook init mypractice && cd mypractice && workbook build
    """
    from workbook.commands.init import init_practice

    for path in init_practice(folder, force):
        click.echo(path)
    click.echo(f"Next: edit {folder / 'practice.yaml'}, then run `workbook build` in {folder}", err=True)


@main.command("batch")
@click.argument("clients", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@PRACTICE
@LANG
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the packets into. Default: packets/ beside practice.yaml (./packets without one).")
@JOBS
@PAPER
@LARGE_PRINT
@FLAT
def batch_command(clients: Path, practice: Path | None, language: str | None, out: Path | None, jobs: int,
                  paper: str | None, large_print: bool, flat: bool) -> None:
    """Build one bound packet per client, from a CSV file.

    CLIENTS is a spreadsheet saved as CSV with the columns client, clinician, date (YYYY-MM-DD)
    and, optionally, documents (ids separated by spaces) and language (LANG is the language of
    rows that name none). Packets are readable by you only.

    \b
    Example:
      workbook batch clients.csv -o packets --jobs 2
    """
    from workbook.commands import batch
    from workbook.commands.clients_file import ClientsFile, Projects
    from workbook.pipeline import languages, load, make_press

    project = _load(practice, language)
    out = out or _beside(practice, "packets")
    base = Settings(paper=paper, large_print=large_print)
    projects = Projects(project, lambda lang: load(practice, lang), languages(practice))
    rows = ClientsFile(clients, projects, base)
    _warn([w for p in projects.loaded.values() for w in p.warnings])
    press = make_press(project, base, fillable=not flat)
    _warn(batch.name_notices(rows.rows(), rows.shown, press))
    maker = batch.PacketMaker(projects.loaded, press, out)
    maker.warm_up(rows.rows())
    outcomes = batch.run(maker, rows, jobs)
    if sys.stderr.isatty():
        with click.progressbar(outcomes, length=rows.count, label="Packets", file=sys.stderr) as bar:
            failed = batch.collect(bar)
    else:
        failed = batch.collect(outcomes)
    for line, written in batch.report(rows, failed, out):
        click.echo(line, err=not written)
    click.echo(batch.summary(rows.count - len(failed), rows.refused + len(failed), out), err=True)
    if rows.refused or failed:
        sys.exit(1)


def _cores() -> int:
    """The CPU cores this process may run on (its affinity, not only the machine's count)."""
    count = getattr(os, "process_cpu_count", None)  # Python 3.13
    if count is not None:
        return max(1, min(64, count() or 1))
    if hasattr(os, "sched_getaffinity"):
        return max(1, min(64, len(os.sched_getaffinity(0))))
    return max(1, min(64, os.cpu_count() or 1))


@main.command("list")
@PRACTICE
@LANG
def list_command(practice: Path | None, language: str | None) -> None:
    """List every document: id, kind, audience, origin, title.

    Origin is built-in or practice; a document the practice disabled is marked so, and in a
    language other than English, a document shown in English is marked (en).

    \b
    Example:
      workbook list -p mypractice --lang es
    """
    from workbook.model.base import BASE_LANGUAGE

    project = _load(practice, language)
    untranslated = f" ({BASE_LANGUAGE})" if project.language != BASE_LANGUAGE else ""
    header = ("ID", "KIND", "AUDIENCE", "ORIGIN", "TITLE")
    rows = [header] + sorted((d.id, d.kind, d.audience, project.origins[d.id]
                              + (untranslated if d.id in project.untranslated else "")
                              + (" (disabled)" if d.disabled else ""), d.title) for d in project.documents.values())
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)) + "  " + row[4])


@main.command("check")
@PRACTICE
@LANG
@STRICT
def check_command(practice: Path | None, language: str | None, strict: bool) -> None:
    """Find every mistake in content and settings; write nothing.

    Each mistake is listed as file:line:col: message, and the exit code is 1. Warnings (a
    character the practice's font lacks, a copied built-in that has changed since, a document
    left untranslated) are listed as file:line:col: warning: message; with --strict they are
    errors too. In a language other than English, each translation is also compared with its
    English document: a missing or extra writable block, or a field that is not the same, is a
    problem.

    \b
    Example:
      workbook check --strict
      workbook check --lang es
    """
    from workbook.model.base import BASE_LANGUAGE
    from workbook.pipeline import compile_pdfs, without_gc

    warnings: list[Notice] = []
    with without_gc():
        project = _load(practice, language, warnings)
        compile_pdfs(project, Settings(date=datetime.date.today()), warnings=warnings, strict=strict)
    _warn(warnings)
    translated = ""
    if project.language != BASE_LANGUAGE:
        shown = len(project.untranslated & set(project.enabled))
        translated = f" in '{project.language}', {len(project.enabled) - shown} translated and {shown} in English"
    note = f"; {_count(len(warnings), 'warning')}" if warnings else ""
    click.echo(f"OK: {len(project.enabled)} documents{translated}, {len(project.references)} references{note}.")


@main.command("show")
@click.argument("name")
@PRACTICE
def show_command(name: str, practice: Path | None) -> None:
    """Print the YAML a build uses for a document, after overrides.

    NAME is a document id (see `workbook list`), a template (header.j2, footer.j2, cover.yaml,
    safety.yaml, closing.yaml) or workbook.yaml. The practice's own file is shown when it has
    one, else the built-in; stderr says which file it is.

    \b
    Example:
      workbook show welcome
    """
    from workbook.commands.show import show
    from workbook.pipeline import builtins

    shown = show(practice, name)
    if shown is None:
        raise click.BadParameter(f"no document or template '{name}'{suggest(name, builtins())}", param_hint="NAME")
    click.echo(shown.source, err=True)
    click.echo(shown.text, nl=False)


@main.command("eject")
@click.argument("name")
@PRACTICE
@click.option("--force", is_flag=True, help="Replace the practice's own file for NAME with a fresh copy.")
def eject_command(name: str, practice: Path | None, force: bool) -> None:
    """Copy a built-in document or template into the practice.

    NAME is a built-in document id, a template (header.j2, cover.yaml...) or workbook.yaml. The
    copy's first line records which built-in version it came from, so that `workbook check`
    tells you when a later release changes the built-in and `workbook diff NAME` shows how.

    \b
    Example (change one sentence of a handout):
      workbook eject what-to-expect   # writes content/what-to-expect.yaml: edit it
      workbook build
    """
    from workbook.commands.eject import eject

    path = eject(_practice_folder(practice), _builtin(name), force)
    click.echo(path)
    click.echo(f"Next: edit {display_path(path)}; builds use it from now on.", err=True)


@main.command("diff")
@click.argument("name")
@PRACTICE
@click.option("--acknowledge", is_flag=True,
              help="Mark the practice's copy up to date with the installed built-in (after taking in its changes).")
def diff_command(name: str, practice: Path | None, acknowledge: bool) -> None:
    """Show what changed in a built-in since the practice copied it.

    A unified diff of the built-in's text, from the version the copy was taken from to the one
    installed. Make the changes you want in your copy, then run with --acknowledge, which
    records the installed version in the copy's first line (nothing else in it changes).

    \b
    Example:
      workbook diff welcome
      workbook diff welcome --acknowledge
    """
    from workbook.commands.diff import acknowledge as mark_up_to_date
    from workbook.commands.diff import compare
    from workbook.pipeline import upstream

    folder = _practice_folder(practice)
    up = upstream(folder, _builtin(name))
    if up.copy is None:
        raise click.BadParameter(f"the practice has no copy of '{up.builtin.name}'; `workbook eject {up.builtin.name}` "
                                 "makes one", param_hint="NAME")
    if acknowledge:
        path = mark_up_to_date(up, folder)
        click.echo(f"{display_path(path)} now follows the installed built-in {up.builtin.name}.", err=True)
        return
    comparison = compare(up, folder)
    click.echo(comparison.diff, nl=False)
    click.echo(comparison.note, err=True)


@main.command("read")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@PRACTICE
@LANG
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="JSON keeps every value exactly; CSV is for spreadsheets.")
def read_command(files: tuple[Path, ...], practice: Path | None, language: str | None, fmt: str) -> None:
    """Print the answers in filled PDFs as JSON or CSV.

    One record per form field: file, document, block, item, label, value (null when blank),
    client name and date; after a measure's answers, its total, severity band and flagged
    answers. Use the practice the PDFs were built with. Fields have the same names in every
    language, so pages filled in different languages read back alike.

    \b
    Example:
      workbook read week1.pdf week2.pdf --format csv > answers.csv
    """
    from workbook.commands.read import as_csv, as_json, read_files
    from workbook.pipeline import form_map

    project = _load(practice, language)
    reading = read_files(list(files), form_map(project), project.strings)
    click.echo(as_json(reading.records) if fmt == "json" else as_csv(reading.records), nl=fmt == "json")
    _fail_on(reading.problems, "the other files were read")


@main.command("progress")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@PRACTICE
@LANG
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("progress.pdf"),
              show_default=True, help="The chart PDF to write.")
def progress_command(files: tuple[Path, ...], practice: Path | None, language: str | None, out: Path) -> None:
    """Chart filled measures and weekly ratings, for the clinician.

    Each measure filled in gets a page: its totals over time on its severity bands, with any
    flagged answer in a red box at the top. Filled trackers get a page of the total score per day
    across the weeks and each line's weekly average. The files may have been filled in different
    languages; the chart is in LANG. It carries the client's name, so it is written readable by
    you only.

    \b
    Example:
      workbook progress week1.pdf week2.pdf week3.pdf -o progress.pdf
    """
    from workbook.commands.progress import chart_progress
    from workbook.commands.read import read_files
    from workbook.pipeline import form_map, progress_chart, write_private

    project = _load(practice, language)
    forms = form_map(project)
    reading = read_files(list(files), forms, project.strings)
    outcome = chart_progress(reading, forms)
    _fail_on(reading.problems + outcome.problems, "no chart was written")
    # The chart carries a client's name: personal health information, so owner-only.
    click.echo(write_private(out, progress_chart(project, outcome.progress, outcome.measures)))


@main.command("schema")
@click.argument("kind", type=click.Choice(["content", "practice", "references", "workbook"]), default="content")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write it to this file.")
def schema_command(kind: str, out: Path | None) -> None:
    """Print a JSON Schema, for editors that check YAML as you type.

    KIND is the kind of YAML file: content (a document), practice, references or workbook.

    \b
    Example:
      workbook schema content -o schemas/content.schema.json
    """
    from workbook.commands.schema import as_text
    from workbook.pipeline import write_file

    if out is None:
        click.echo(as_text(kind), nl=False)
    else:
        click.echo(write_file(out, as_text(kind).encode()))


def _warn(warnings: Iterable[Notice]) -> None:
    for warning in warnings:
        click.echo(str(warning), err=True)


def _fail_on(problems: list[Problem], outcome: str) -> None:
    """Every problem on stderr, each naming its file, then exit 1."""
    if problems:
        raise WorkbookError(problems, outcome)


def _load(practice: Path | None, language: str | None, warnings: list[Notice] | None = None) -> Project:
    """The project in `language` (a usage error if there is no such language), else the practice's."""
    from workbook.pipeline import languages, load

    if language is not None:
        known = languages(practice)
        if language not in known:
            raise click.BadParameter(f"no language '{language}'{suggest(language, known)}; the languages are "
                                     f"{', '.join(known)}", param_hint="'--lang'")
    return load(practice, language, warnings=warnings)


def _check_ids(project: Project, doc_ids: tuple[str, ...], usage: bool = True) -> None:
    """Every DOC_ID names a document: a usage error (exit 2), or while watching, a problem to fix."""
    unknown = [i for i in doc_ids if i not in project.enabled]
    if unknown and usage:
        raise click.BadParameter(f"no document '{unknown[0]}'{suggest(unknown[0], project.enabled)}",
                                 param_hint="DOC_IDS")
    if unknown:
        raise WorkbookError([Problem(Location("DOC_IDS"), f"no document '{i}'{suggest(i, project.enabled)}")
                             for i in unknown])


def _practice_folder(practice: Path | None) -> Path:
    """The practice folder a command that writes into one needs."""
    if practice is None:
        raise click.UsageError("no practice folder: run this inside one (a folder with practice.yaml), "
                               "give -p DIR, or make one with `workbook init DIR`")
    if not (practice / "practice.yaml").is_file():
        raise WorkbookError([Problem(Location(display_path(practice / "practice.yaml")),
                                     "missing practice.yaml in the practice folder; `workbook init DIR` makes one")])
    return practice


def _builtin(name: str) -> Builtin:
    from workbook.pipeline import builtins, find_builtin

    found = find_builtin(name)
    if found is None:
        raise click.BadParameter(f"no built-in document or template '{name}'{suggest(name, builtins())}",
                                 param_hint="NAME")
    return found
