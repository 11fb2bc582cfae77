"""The `workbook` command: click only, a thin shell over the pipeline's driver, and the one error
boundary that turns every failure into a message and an exit code. Nothing below it prints or
exits."""

from __future__ import annotations

import datetime
import signal
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from workbook import __version__
from workbook.errors import EnvironmentFailure, Interrupted, Problem, WorkbookError, suggest
from workbook.model.project import Project
from workbook.model.settings import Settings
from workbook.pipeline import build, compile_pdfs, interrupted, load

# The modules behind init, batch, read, progress and schema are imported inside those commands:
# `build` is the command run most, and pypdf alone would add a tenth of a second to its start.

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

    def invoke(self, ctx: click.Context) -> Any:
        previous = signal.signal(signal.SIGINT, _on_ctrl_c)
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
            ctx.exit(130)
        except KeyboardInterrupt:
            click.echo("interrupted; nothing was written", err=True)
            ctx.exit(130)
        except Exception as exc:  # noqa: BLE001 - the boundary: anything else is a bug
            if interrupted.is_set():  # library code turned the KeyboardInterrupt into another error
                click.echo("interrupted; nothing was written", err=True)
                ctx.exit(130)
            if ctx.meta.get("debug"):
                raise
            click.echo(f"internal error ({_where(exc)}): this is a bug in kap-workbook. Please report it, "
                       "with the output of the same command run as `workbook --debug ...`.", err=True)
            ctx.exit(70)
        finally:
            signal.signal(signal.SIGINT, previous)
            interrupted.clear()


def _on_ctrl_c(signum: int, frame: Any) -> None:
    interrupted.set()
    raise KeyboardInterrupt


def _problems(exc: WorkbookError) -> None:
    n = len(exc.problems)
    lines = [str(p) for p in exc.problems]
    lines.append(f"{n} problem{'s' if n != 1 else ''} found; {exc.outcome}.")
    click.echo("\n".join(lines), err=True)


def _where(exc: BaseException) -> str:
    """The exception's type and the innermost line of this package it passed: never its message,
    which may quote a client's name or answer."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "workbook" in Path(f.filename).parts]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return type(exc).__name__ + where


PRACTICE = click.option("-p", "--practice", type=click.Path(file_okay=False, path_type=Path),
                        help="Practice folder with practice.yaml, and content/ and templates/ overrides.")
PAPER = click.option("--paper", type=click.Choice(["letter", "a4"]), help="Paper size (default: the practice's).")
LARGE_PRINT = click.option("--large-print", is_flag=True, help="16 pt text, wider line spacing, more room to write.")
FLAT = click.option("--flat", is_flag=True, help="No fillable fields: pages for pen and paper only.")


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
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder to write the PDFs into.")
@click.option("--client", default="", help="Client name for the cover and the name fields.")
@click.option("--clinician", default="", help="Clinician name (instead of the practice's clinician).")
@click.option("--date", type=click.DateTime(["%Y-%m-%d"]), help="Date (YYYY-MM-DD) for the cover, date fields and PDF metadata.")
@PAPER
@LARGE_PRINT
@FLAT
def build_command(doc_ids: tuple[str, ...], practice: Path | None, out: Path, client: str, clinician: str,
                  date: datetime.datetime | None, paper: str | None, large_print: bool, flat: bool) -> None:
    """Write one PDF per document and the bound workbook (only DOC_IDS, if given, and no workbook)."""
    project = load(practice)
    _check_ids(project, doc_ids)
    settings = Settings(client=client.strip(), clinician=clinician.strip(), date=date.date() if date else None,
                        paper=paper, large_print=large_print)
    warnings: list[str] = []
    for path in build(project, out, settings, list(doc_ids) or None, fillable=not flat, warnings=warnings):
        click.echo(path)
    _warn(warnings)


@main.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite files the folder already has.")
def init_command(folder: Path, force: bool) -> None:
    """Create a practice folder to edit: practice.yaml, a logo, example content and a README."""
    from workbook.commands.init import init_practice

    for path in init_practice(folder, force):
        click.echo(path)
    click.echo(f"Next: edit {folder / 'practice.yaml'}, then run: workbook build -p {folder}", err=True)


@main.command("batch")
@click.argument("clients", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@PRACTICE
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("packets"),
              show_default=True, help="Folder to write the packets into.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Packets built at once.")
@PAPER
@LARGE_PRINT
@FLAT
def batch_command(clients: Path, practice: Path | None, out: Path, jobs: int, paper: str | None,
                  large_print: bool, flat: bool) -> None:
    """One bound packet per row of CLIENTS (a CSV with columns client, clinician, date, documents)."""
    from workbook.commands import batch
    from workbook.pipeline import make_press

    project = load(practice)
    base = Settings(paper=paper, large_print=large_print)
    rows, failed = batch.read_rows(clients, project, base)
    maker = batch.PacketMaker(project, make_press(project, base, fillable=not flat), out)
    if rows:
        maker.warm_up(rows[0].documents, base)
    outcomes = batch.run(maker, rows, jobs)
    if sys.stderr.isatty():
        with click.progressbar(outcomes, length=len(rows), label="Packets", file=sys.stderr) as bar:
            built = batch.collect(bar)
    else:
        built = batch.collect(outcomes)
    done = sorted([*built, *failed], key=lambda o: o.number)
    for o in done:
        click.echo(o.path or o.problem, err=not o.path)
    click.echo(batch.summary(done, out), err=True)
    if any(not o.path for o in done):
        sys.exit(1)


@main.command("list")
@PRACTICE
def list_command(practice: Path | None) -> None:
    """Show every document: id, kind, audience, origin and title."""
    project = load(practice)
    rows = [(d.id, d.kind, d.audience, project.origins[d.id] + (" (disabled)" if d.disabled else ""), d.title)
            for d in project.documents.values()]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)) + "  " + row[4])


@main.command("check")
@PRACTICE
def check_command(practice: Path | None) -> None:
    """Validate content, references, templates and practice settings; write nothing."""
    project = load(practice)
    warnings: list[str] = []
    compile_pdfs(project, Settings(date=datetime.date.today()), warnings=warnings)
    _warn(warnings)
    click.echo(f"OK: {len(project.enabled)} documents, {len(project.references)} references.")


@main.command("read")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@PRACTICE
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="JSON keeps every value exactly; CSV is for spreadsheets.")
def read_command(files: tuple[Path, ...], practice: Path | None, fmt: str) -> None:
    """Print every form field of filled PDFs: document, block, item, value, client name and date."""
    from workbook.commands.read import as_csv, as_json, read_files
    from workbook.pipeline import form_map

    reading = read_files(list(files), form_map(load(practice)))
    click.echo(as_json(reading.records) if fmt == "json" else as_csv(reading.records), nl=fmt == "json")
    _fail_on(reading.problems, "the other files were read")


@main.command("progress")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@PRACTICE
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("progress.pdf"),
              show_default=True, help="The chart PDF to write.")
def progress_command(files: tuple[Path, ...], practice: Path | None, out: Path) -> None:
    """Chart filled measures (a page each, flagged answers first) and weekly rating grids, for the clinician."""
    from workbook.commands.progress import chart_progress
    from workbook.commands.read import read_files
    from workbook.pipeline import form_map, progress_chart, write_private

    project = load(practice)
    forms = form_map(project)
    reading = read_files(list(files), forms)
    outcome = chart_progress(reading, forms)
    _fail_on(reading.problems + outcome.problems, "no chart was written")
    # The chart carries a client's name: personal health information, so owner-only.
    click.echo(write_private(out, progress_chart(project, outcome.progress, outcome.measures)))


@main.command("schema")
@click.argument("kind", type=click.Choice(["content", "practice", "references", "workbook"]), default="content")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write it to this file.")
def schema_command(kind: str, out: Path | None) -> None:
    """Print the JSON Schema of a kind of YAML file, for editors that check YAML as you type."""
    from workbook.commands.schema import as_text
    from workbook.pipeline import write_file

    if out is None:
        click.echo(as_text(kind), nl=False)
    else:
        click.echo(write_file(out, as_text(kind).encode()))


def _warn(warnings: list[str]) -> None:
    for line in warnings:
        click.echo(line, err=True)


def _fail_on(problems: list[Problem], outcome: str) -> None:
    """Every problem on stderr, each naming its file, then exit 1."""
    if problems:
        raise WorkbookError(problems, outcome)


def _check_ids(project: Project, doc_ids: tuple[str, ...]) -> None:
    for doc_id in doc_ids:
        if doc_id not in project.enabled:
            raise click.BadParameter(f"no document '{doc_id}'{suggest(doc_id, project.enabled)}",
                                     param_hint="DOC_IDS")

