"""Read filled PDFs back into records: one per form field, named <document>.<block>.<item>, and
after each measure's answers, records of its total, band, answers given and flagged answers.

Reads with pypdf, a different library from the one that wrote the fields, so a round trip
tests what any viewer would see. A file that cannot be read is a problem naming the file;
the other files are still read."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from workbook.errors import Location, Problem
from workbook.model.forms import FormMap, FormMeasure, Score
from workbook.model.strings import Strings
from workbook.pipeline import PDF_CAP, Unreadable, read_capped

CREATOR_PREFIX = "kap-workbook"


@dataclass(frozen=True)
class Record:
    file: str
    document: str
    block: str
    item: str
    label: str  # the field's tooltip: the question or line it answers
    value: str | None  # None when left blank
    choices: tuple[str, ...]  # a checkbox's or a radio group's possible values; () for text
    client: str | None
    date: str | None


@dataclass(frozen=True)
class Reading:
    records: list[Record]
    problems: list[Problem]
    files: list[str]  # the files that were read, with or without fields
    languages: dict[str, str]  # file -> the language its pages are in (/Lang), e.g. es-US; "" if unsaid


def read_files(paths: list[Path], forms: FormMap, words: Strings) -> Reading:
    """Every field of every file; the client's name and date come from the fields whose role
    (in `forms`, described from the content) says they hold them. A measure's total, band and
    flags are labelled in `words`' language."""
    records: list[Record] = []
    problems: list[Problem] = []
    languages: dict[str, str] = {}
    for path in paths:
        try:
            found, languages[str(path)] = read_file(path, forms, words)
            records += found
        except NotOurs as e:
            problems.append(Problem(Location(str(path)), str(e)))
    return Reading(records, problems, list(languages), languages)


class NotOurs(Exception):
    """The file is missing, damaged, locked, or was not made by kap-workbook."""


def read_file(path: Path, forms: FormMap, words: Strings) -> tuple[list[Record], str]:
    """The file's fields, and the language its pages are in."""
    with _quiet_pypdf():
        return _read(path, forms, words)


def _read(path: Path, forms: FormMap, words: Strings) -> tuple[list[Record], str]:
    try:
        reader = PdfReader(io.BytesIO(read_capped(path, PDF_CAP, "a filled PDF")), strict=False)
        if reader.is_encrypted:
            raise NotOurs("is password-protected; save an unlocked copy and read that")
        creator = str(reader.metadata.get("/Creator", "")) if reader.metadata else ""
        language = str(reader.root_object.get("/Lang", ""))
        fields = reader.get_fields() or {}
    except FileNotFoundError:
        raise NotOurs("no such file") from None
    except Unreadable as e:
        raise NotOurs(str(e)) from None
    except NotOurs:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        # The library's words are not quoted: they may quote the file's bytes, a client's answers.
        raise NotOurs(f"is damaged or not a PDF ({type(e).__name__})") from None
    answers = [a for a in (_answer(name, field) for name, field in fields.items()) if a]
    if not creator.startswith(CREATOR_PREFIX) and not answers:
        made_by = f"'{creator}'" if creator else "an unknown program"
        raise NotOurs(f"was not made by kap-workbook (made by {made_by}, and it has no kap-workbook fields)")
    return _with_scores(_with_client(str(path), answers, forms.roles), forms.measures, words), language


@contextmanager
def _quiet_pypdf():
    """pypdf logs what it repairs in a damaged file; the problem we report says it once."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _answer(name: str, field) -> tuple | None:
    """(document, block, item, label, value, choices) of a terminal field; None for the
    parents that only group fields, and for names that are not <document>.<block>.<item>."""
    kind = field.get("/FT")
    parts = name.split(".", 2)
    if kind not in ("/Tx", "/Btn") or len(parts) != 3 or not all(parts):
        return None
    value = field.get("/V")
    if kind == "/Btn":
        states = [str(s).lstrip("/") for s in field.get("/_States_", [])]
        choices = tuple(s for s in states if s != "Off")
        value = str(value).lstrip("/") if value not in (None, "", "/Off") else None
    else:
        choices = ()
        value = _lines(str(value)) if value not in (None, "") else None
    return (*parts, str(field.get("/TU", "")), value, choices)


def _lines(text: str) -> str:
    """An answer with every line break as LF: PDFium (Chrome, Edge) saves a typed Return as CR LF,
    pdf.js and poppler as LF, and older tools may write a lone CR. Nothing else is changed: no
    reader adds spaces of its own, so any space is the client's."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _with_client(file: str, answers: list[tuple], roles: dict[str, str]) -> list[Record]:
    """Attach the client's name and date (from the same fields block): the document's own, else
    the first in the file."""
    def role(answer: tuple) -> str | None:
        return roles.get(".".join(answer[:3]))

    named: dict[str, tuple[str | None, str | None]] = {}
    for answer in answers:
        doc, block, _, _, value, _ = answer
        if role(answer) == "client-name" and value and doc not in named:
            date = next((a[4] for a in answers if a[:2] == (doc, block) and role(a) == "date"), None)
            named[doc] = (value, date)
    fallback = next(iter(named.values()), (None, None))
    return [Record(file, doc, block, item, label, value, choices, *named.get(doc, fallback))
            for doc, block, item, label, value, choices in answers]


def measure_score(measure: FormMeasure, fields: dict[str, Record]) -> Score | None:
    """The score of a measure among a file's fields (by full name); None when the file does not
    hold it. An answer that is not one of the measure's numbers counts as blank."""
    found = [fields.get(measure.item(n)) for n in range(1, len(measure.items) + 1)]
    if not any(found):
        return None
    answers = [int(f.value) if f and f.value and f.value.isascii() and f.value.isdigit()
               and measure.low <= int(f.value) <= measure.high else None for f in found]
    return measure.score(answers)


def _with_scores(records: list[Record], measures: tuple[FormMeasure, ...], words: Strings) -> list[Record]:
    """After each measure's answers, records of what they add up to (item `total`, `band`,
    `answered`, and `flag-<item>` for each flagged answer), in the same shape as the others."""
    if not records or not measures:
        return records
    fields = {f"{r.document}.{r.block}.{r.item}": r for r in records}
    after: dict[str, list[Record]] = {}
    for m in measures:
        score = measure_score(m, fields)
        if score is None:
            continue
        last = next(fields[m.item(n)] for n in range(len(m.items), 0, -1) if m.item(n) in fields)
        say = words.measure_read
        extra = [("total", say.total.format(measure=m.name, low=m.lowest, high=m.highest), score.total),
                 ("band", say.band.format(measure=m.name), score.band),
                 ("answered", say.answered.format(measure=m.name, items=len(m.items)), score.answered)]
        extra += [(f"flag-{f.item}", say.flagged.format(measure=m.name, item=f.item, note=f.note), f.answer)
                  for f in score.flagged]
        after[f"{last.document}.{last.block}.{last.item}"] = [
            Record(last.file, m.document, m.block, item, label, None if value is None else str(value), (),
                   last.client, last.date) for item, label, value in extra]
    out = []
    for r in records:
        out.append(r)
        out += after.pop(f"{r.document}.{r.block}.{r.item}", [])
    return out


def as_json(records: list[Record]) -> str:
    return json.dumps([asdict(r) for r in records], indent=2, ensure_ascii=False)


def as_csv(records: list[Record]) -> str:
    """Records for a spreadsheet: every cell a spreadsheet would run as a formula is
    neutralised (see cell); JSON keeps the exact values."""
    out = io.StringIO()
    names = list(Record.__dataclass_fields__)
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for r in records:
        row = asdict(r)
        row["choices"] = "|".join(r.choices)
        writer.writerow({k: cell("" if v is None else str(v)) for k, v in row.items()})
    return out.getvalue()


# What a spreadsheet reads as the start of a formula (OWASP, CSV injection), also after spaces.
_FORMULA = re.compile(r"^[ ]*[=+\-@\t\r]")


def cell(value: str) -> str:
    """A CSV cell that Excel, LibreOffice or Sheets show as text: a value starting with = + - @,
    a tab or a carriage return (after any spaces) gets a leading apostrophe, which they hide;
    NUL characters, which cut a cell short in some of them, are removed; a carriage return becomes
    a line break (the csv module would leave a lone one unquoted, ending the row there)."""
    value = value.replace("\0", "")
    value = "'" + value if _FORMULA.match(value) else value
    return value.replace("\r\n", "\n").replace("\r", "\n")
