"""The `workbook` command: a thin shell over the pipeline in build.py.

Invalid content raises WorkbookError (exit 1, every problem listed); click's own usage errors
exit 2. Nothing below this module prints or exits."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from workbook import __version__
from workbook.build import build, compile_pdfs, load
from workbook.parse import suggest
from workbook.resolve import Settings

# The modules behind init, batch, read and progress are imported inside those commands: `build`
# is the command run most, and pypdf alone would add a tenth of a second to its start.

PRACTICE = click.option("-p", "--practice", type=click.Path(file_okay=False, path_type=Path),
                        help="Practice folder with practice.yaml, and content/ and templates/ overrides.")
PAPER = click.option("--paper", type=click.Choice(["letter", "a4"]), help="Paper size (default: the practice's).")
LARGE_PRINT = click.option("--large-print", is_flag=True, help="16 pt text, wider line spacing, more room to write.")
FLAT = click.option("--flat", is_flag=True, help="No fillable fields: pages for pen and paper only.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="workbook")
def main() -> None:
    """Compile YAML content into branded, printable and fillable KAP handouts and workbooks."""


@main.command("build")
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
def build_command(doc_ids, practice, out, client, clinician, date, paper, large_print, flat) -> None:
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
def init_command(folder, force) -> None:
    """Create a practice folder to edit: practice.yaml, a logo, example content and a README."""
    from workbook.scaffold import init_practice

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
def batch_command(clients, practice, out, jobs, paper, large_print, flat) -> None:
    """One bound packet per row of CLIENTS (a CSV with columns client, clinician, date, documents)."""
    from workbook import batch
    from workbook.render import make_press

    project = load(practice)
    base = Settings(paper=paper, large_print=large_print)
    rows, failed = batch.read_rows(clients, project, base)
    maker = batch.PacketMaker(project, make_press(project, base, fillable=not flat), out)
    if rows:
        maker.warm_up(rows[0].documents, base)
    outcomes = batch.run(maker, rows, jobs)
    if sys.stderr.isatty():
        with click.progressbar(outcomes, length=len(rows), label="Packets", file=sys.stderr) as bar:
            outcomes = list(bar)
    done = sorted([*outcomes, *failed], key=lambda o: o.number)
    for o in done:
        click.echo(o.path or o.problem, err=not o.path)
    click.echo(batch.summary(done, out), err=True)
    if any(not o.path for o in done):
        raise SystemExit(1)


@main.command("list")
@PRACTICE
def list_command(practice) -> None:
    """Show every document: id, kind, audience, origin and title."""
    project = load(practice)
    rows = [(d.id, d.kind, d.audience, project.origins[d.id] + (" (disabled)" if d.disabled else ""), d.title)
            for d in project.documents.values()]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)) + "  " + row[4])


@main.command("check")
@PRACTICE
def check_command(practice) -> None:
    """Validate content, references, templates and practice settings; write nothing."""
    project = load(practice)
    warnings: list[str] = []
    compile_pdfs(project, Settings(date=datetime.date.today()), warnings=warnings)
    _warn(warnings)
    click.echo(f"OK: {len(project.enabled)} documents, {len(project.references)} references.")


@main.command("read")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
def read_command(files, fmt) -> None:
    """Print every form field of filled PDFs: document, block, item, value, client name and date."""
    from workbook.readback import as_csv, as_json, read_files

    reading = read_files(list(files))
    click.echo(as_json(reading.records) if fmt == "json" else as_csv(reading.records), nl=fmt == "json")
    _fail_on(reading.problems)


@main.command("progress")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@PRACTICE
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("progress.pdf"),
              show_default=True, help="The chart PDF to write.")
def progress_command(files, practice, out) -> None:
    """Chart filled mood trackers from several weeks on one page, for the clinician."""
    from workbook.progress import weekly_progress
    from workbook.progress_chart import chart_pdf
    from workbook.readback import read_files
    from workbook.render import CREATOR, make_styles
    from workbook.write import write_atomically

    reading = read_files(list(files))
    outcome = weekly_progress(reading)
    _fail_on(reading.problems + outcome.problems, "no chart was written")
    data = chart_pdf(outcome.progress, make_styles(load(practice)), CREATOR)
    # The chart carries a client's name: personal health information, so owner-only.
    click.echo(write_atomically(out.parent, {out.name: data}, 0o600)[0])


def _warn(warnings: list[str]) -> None:
    for line in warnings:
        click.echo(line, err=True)


def _fail_on(problems, outcome: str = "") -> None:
    """Every problem on stderr, each naming its file, then exit 1."""
    if problems:
        raise click.ClickException("\n".join([*(str(p) for p in problems), *([outcome] if outcome else [])]))


def _check_ids(project, doc_ids) -> None:
    for doc_id in doc_ids:
        if doc_id not in project.enabled:
            raise click.BadParameter(f"no document '{doc_id}'{suggest(doc_id, project.enabled)}",
                                     param_hint="DOC_IDS")
