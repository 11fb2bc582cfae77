"""Hostile input that must build, or be read back, safely: markup in every field prints as
itself and opens nothing; a spreadsheet never runs what a client typed; batch never reports a
packet it did not write; a filled form with odd values is a located message; Ctrl-C during a
batch leaves the packets already written whole and nothing else."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdf
import pytest
from fill import fill

WORKBOOK = [sys.executable, "-m", "workbook"]

# --- 1: markup and links -------------------------------------------------------------------

PAYLOADS = {
    "img": "<img src='/etc/hostile.png' width='40' height='40'/>",
    "a-href": "<a href='javascript:alert(1)'>go</a>",
    "link": "<link href='file:///etc/passwd'>open</link>",
    "font": "<font name='Courier' size='40'>big</font>",
    "ondraw": "<onDraw name='showPage' label='x'/>",
    "entities": "&nbsp;&#60;b&#62; &lt;i&gt;",
    "unclosed": "<b><i>open",
    "br": "one<br/>two",
}

# Every place text reaches a page, each with its own marker F<n> after the payload. The places
# in a document and in the frame exist once per language: "es-..." is the same place in the
# Spanish build (a translated document, reference and workbook title, templates/es/, the Spanish
# strings file, the Spanish crisis line). The words of a strings file are printed in capitals in
# a kicker (LABELS).
DOCUMENT = ["title", "summary", "heading", "text", "bullet", "step", "callout-title", "callout-text", "prompt-label",
            "prompt-hint", "fields-label", "checklist", "scale-row", "scale-legend", "yes-no", "yes-no-details",
            "initials", "signature-role", "reference-title", "reference-source", "reference-summary", "table-label",
            "table-hint", "table-example", "measure-instructions", "measure-item", "measure-choice"]
FRAME = ["crisis", "cover-note", "safety-title", "footer", "workbook-title", "kind-label", "workbook-label",
         "contents-title", "resource-kind", "in-language", "initials-caption"]
PRACTICE = ["practice-name", "clinician", "phone", "visit-length", "after-hours"]
# What reaches the progress chart of a filled measure only (its item and flagged choice are on
# the chart too, in the box of flagged answers).
CHART = ["measure-name", "measure-band", "measure-flag"]
FIELDS = DOCUMENT + FRAME + PRACTICE + CHART + [f"es-{f}" for f in DOCUMENT + FRAME + CHART]
LABELS = {"kind-label", "workbook-label"}


def _practice(root: Path, payload: str) -> Path:
    def v(field: str) -> str:  # the payload and the field's marker, as a YAML scalar
        return "'" + f"{payload} F{FIELDS.index(field)}".replace("'", "''") + "'"

    def document(p: str) -> str:  # p: the language's prefix for the markers
        return f"""\
id: extra
title: {v(p + 'title')}
kind: worksheet
audience: client
version: "1.0"
reviewed: 2026-11-01
summary: {v(p + 'summary')}
blocks:
  - heading: {v(p + 'heading')}
  - text: {v(p + 'text')}
  - bullets: [{v(p + 'bullet')}]
  - steps: [{v(p + 'step')}]
  - callout: {{title: {v(p + 'callout-title')}, text: {v(p + 'callout-text')}}}
  - prompt: {{id: p, label: {v(p + 'prompt-label')}, hint: {v(p + 'prompt-hint')}}}
  - fields: {{id: f, items: [{v(p + 'fields-label')}]}}
  - checklist: {{id: c, items: [{v(p + 'checklist')}]}}
  - scale: {{id: s, rows: [{v(p + 'scale-row')}], columns: [Mon], legend: {v(p + 'scale-legend')}}}
  - yes_no: {{id: y, items: [{v(p + 'yes-no')}], details: {v(p + 'yes-no-details')}}}
  - initials: {{id: i, items: [{v(p + 'initials')}]}}
  - signature: {{id: g, roles: [{v(p + 'signature-role')}]}}
  - table: {{id: t, rows: 2, example: [{v(p + 'table-example')}, x],
             columns: [{{id: a, label: {v(p + 'table-label')}, hint: {v(p + 'table-hint')}}}, {{id: b, label: B}}]}}
  - fields: {{id: d, items: [{{label: Date, role: date}}]}}
  - measure: {{id: m, name: {v(p + 'measure-name')}, instructions: {v(p + 'measure-instructions')},
               choices: [Never, {v(p + 'measure-choice')}], items: [{v(p + 'measure-item')}],
               bands: [{{min: 0, max: 1, label: {v(p + 'measure-band')}}}], flags: [{{item: 1, note: {v(p + 'measure-flag')}}}]}}
  - resource: hostile
  - safety: true
"""

    def frame(p: str) -> dict[str, str]:  # the templates and strings a practice overrides, per language
        return {
            "cover.yaml": f"title: '{{{{ workbook.title }}}}'\nnote: {v(p + 'cover-note')}\n"
                          "details: ['{{ practice.phone }}', '{{ practice.clinician }}', '{{ practice.visit_length }}', "
                          "'{{ practice.after_hours }}']\n",
            "safety.yaml": f"title: {v(p + 'safety-title')}\ntext: '{{{{ practice.crisis }}}}'\n",
            "footer.j2": "{{ practice.crisis }}\n" + payload + " F" + str(FIELDS.index(p + "footer")) + " | {{ page }}\n",
            # only the words a practice changes; the reference below is in French, so its card
            # says so in both builds
            "strings.yaml": f"kinds: {{worksheet: {v(p + 'kind-label')}}}\nworkbook: {v(p + 'workbook-label')}\n"
                            f"contents_title: {v(p + 'contents-title')}\nin_language: {v(p + 'in-language')}\n"
                            f"resources: {{page: {v(p + 'resource-kind')}}}\nform: {{initials: {v(p + 'initials-caption')}}}\n",
        }

    def reference(p: str) -> str:
        return (f"- {{id: hostile, title: {v(p + 'reference-title')}, kind: page, source: {v(p + 'reference-source')}, "
                f"url: 'https://example.org/a?b=1&c=<2>', summary: {v(p + 'reference-summary')}, language: fr}}\n")

    files = {
        "practice.yaml": f"name: {v('practice-name')}\nclinician: {v('clinician')}\nphone: {v('phone')}\n"
                         f"visit_length: {v('visit-length')}\nafter_hours: {v('after-hours')}\n"
                         f"crisis: {{en: {v('crisis')}, es: {v('es-crisis')}}}\n",
        "content/extra.yaml": document(""),
        "content/es/extra.yaml": document("es-"),
        "content/references.yaml": reference(""),
        "content/es/references.yaml": reference("es-"),
        # what-to-expect has no Spanish translation: the Spanish contents and kicker mark it
        "content/workbook.yaml": f"title: {v('workbook-title')}\ndocuments: [extra, what-to-expect]\n",
        "content/es/workbook.yaml": f"title: {v('es-workbook-title')}\n",
        **{f"templates/{name}": body for name, body in frame("").items()},
        **{f"templates/es/{name}": body for name, body in frame("es-").items()},
    }
    for name, body in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(body, encoding="utf-8")
    return root


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages)


@pytest.fixture(scope="module", params=list(PAYLOADS))
def injected(request, tmp_path_factory, cli):
    """The payload in every field, built in English and in Spanish; (payload, text of every page of
    both builds' PDFs by language, the PDFs)."""
    root = tmp_path_factory.mktemp(f"inject-{request.param}")
    practice = _practice(root / "p", PAYLOADS[request.param])
    texts, pdfs = {}, []
    for language in ("en", "es"):
        out = root / f"out-{language}"
        result = cli("build", "-p", practice, "--lang", language, "-o", out, "--flat")
        assert result.exit_code == 0, result.output
        built = [out / "extra.pdf", out / "workbook.pdf"]
        texts[language] = " ".join(_text(p) for p in built)
        pdfs += built
    for language in ("en", "es"):  # a filled measure's chart, in each language
        out = root / f"chart-{language}"
        result = cli("build", "extra", "-p", practice, "--lang", language, "-o", out)
        assert result.exit_code == 0, result.output
        filled = fill(out / "extra.pdf", root / f"filled-{language}.pdf", {"extra.d.date": "2026-11-02", "extra.m.1": "/1"})
        chart = root / f"progress-{language}.pdf"
        result = cli("progress", "-p", practice, "--lang", language, "-o", chart, filled)
        assert result.exit_code == 0, result.output
        texts[language] += " " + _text(chart)
        pdfs.append(chart)
    return PAYLOADS[request.param], texts, pdfs


@pytest.mark.parametrize("field", FIELDS)
def test_markup_in_every_field_prints_as_itself(injected, field):
    payload, texts, _ = injected
    marker = f"F{FIELDS.index(field)}"
    expected = " ".join(f"{payload} {marker}".split())
    if field.removeprefix("es-") in LABELS:
        expected = expected.upper()
    text = texts["es" if field.startswith("es-") else "en"]
    assert expected in text or expected.replace(" ", "") in text.replace(" ", ""), (field, expected)


def test_markup_opens_no_file_and_no_link_but_the_allowed_ones(injected):
    _, texts, pdfs = injected
    for language, words in texts.items():  # the chart's flag box: the flagged item and its choice again
        prefix = "es-" if language == "es" else ""
        assert words.count(f"F{FIELDS.index(prefix + 'measure-item')}") >= 2, language
        assert words.count(f"F{FIELDS.index(prefix + 'measure-choice')}") >= 2, language
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert b"/Subtype /Image" not in data and b"/JavaScript" not in data and b"/Launch" not in data
        reader = pypdf.PdfReader(pdf)
        for page in reader.pages:
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A")
                assert not action or action.get("/S") != "/Launch"
                if action and "/URI" in action:
                    assert str(action["/URI"]).startswith(("https:", "http:", "mailto:", "tel:")), action
                    assert str(action["/URI"]) == "https://example.org/a?b=1&c=<2>"


# --- 7: batch never reports a packet it did not write ------------------------------------------

def test_rows_that_make_the_same_file_name_each_get_their_own_file(tmp_path):
    names = ["Ann Lee", "Ann Lee", "Ann Lee Row3", "ann-lee-row3", "Ann  Lee", "ANN LEE-row2"]
    (tmp_path / "clients.csv").write_text("client,documents\n" + "".join(f"{n},welcome\n" for n in names))
    result = subprocess.run([*WORKBOOK, "batch", "clients.csv", "-o", "out", "--jobs", "2"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    listed = result.stdout.split()
    on_disk = sorted((tmp_path / "out").iterdir())
    assert len(listed) == len(set(listed)) == len(names) == len(on_disk)
    assert sorted(str(tmp_path / p) for p in listed) == [str(p) for p in on_disk]
    assert f"{len(names)} packets written" in result.stderr
    assert "Ann" not in result.stderr and "Lee" not in result.stderr


# --- 2: what a client typed never runs in a spreadsheet ----------------------------------------

TYPED = ["=HYPERLINK(\"http://x.invalid\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR", "  =1+1",
         " \t=x", "a\x00b", "plain words", "2 - 1", "x=1"]


def test_csv_neutralises_formulas_and_json_keeps_the_exact_values(default_build, tmp_path, cli):
    fields = ["what-brings-you", "worries", "hope", "feel-safe", "support", "intention", "questions"]
    values = {f"intention-worksheet.{f}.1": v for f, v in zip(fields, TYPED)}
    values["intention-worksheet.about.name"], values["intention-worksheet.about.date"] = TYPED[len(fields):][:2]
    filled = fill(default_build / "intention-worksheet.pdf", tmp_path / "filled.pdf", values)
    as_csv = cli("read", filled, "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    for row in rows:
        for cell in row.values():
            assert not re.match(r"^[ ]*[=+\-@\t\r]", cell), cell
            assert "\x00" not in cell
    by_name = {f"{r['document']}.{r['block']}.{r['item']}": r["value"] for r in rows}
    assert by_name["intention-worksheet.what-brings-you.1"] == "'" + TYPED[0]
    assert by_name["intention-worksheet.support.1"] == "'\tTAB"
    assert by_name["intention-worksheet.questions.1"] == "'  =1+1"
    assert by_name["intention-worksheet.about.name"] == "' \t=x"
    assert by_name["intention-worksheet.about.date"] == "ab"
    as_json = json.loads(cli("read", filled).stdout)
    exact = {f"{r['document']}.{r['block']}.{r['item']}": r["value"] for r in as_json}
    assert exact["intention-worksheet.what-brings-you.1"] == TYPED[0]
    assert exact["intention-worksheet.questions.1"] == "  =1+1"


# --- 5: odd values in filled forms, and files that are not files -----------------------------

def _workbook(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*WORKBOOK, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120)


ODD_WEEKS = {
    "a radio value that is no choice": ({"symptom-checklist.week.1-mon": "/abc"}, "2026-11-02", "not one of the choices"),
    "a superscript digit": ({"symptom-checklist.week.1-mon": "/²"}, "2026-11-02", "not one of the choices"),
    "a week starting 9999-12-31": ({}, "9999-12-31", "not a year between"),
    "a week starting 0001-01-01": ({}, "0001-01-01", "not a year between"),
    "a week start that is a name": ({}, "Ann Lee", "does not hold a date"),
}


@pytest.mark.parametrize("case", ODD_WEEKS)
def test_progress_with_odd_values_is_located_and_writes_no_chart(default_build, tmp_path, case):
    cells, start, says = ODD_WEEKS[case]
    values = {"symptom-checklist.about.name": "Ann Lee", "symptom-checklist.week-of.week-starting": start, **cells}
    fill(default_build / "symptom-checklist.pdf", tmp_path / "week.pdf", values)
    result = _workbook("progress", "week.pdf", "-o", "chart.pdf", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("week.pdf: ") and says in lines[0], lines
    assert "Ann" not in result.stderr and not (tmp_path / "chart.pdf").exists()


@pytest.mark.parametrize("kind", ["fifo", "folder", "dev-zero"])
def test_reading_something_that_is_not_a_file_is_located_and_never_hangs(tmp_path, kind):
    target = tmp_path / "filled.pdf"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target.symlink_to("/dev/zero")
    result = _workbook("read", "filled.pdf", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("filled.pdf: ") and ("regular file" in result.stderr or "folder" in result.stderr)


# --- 9: Ctrl-C during a batch ------------------------------------------------------------------

def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to see child processes")
def test_ctrl_c_during_a_batch_keeps_written_packets_whole_and_leaves_nothing_else(tmp_path):
    (tmp_path / "clients.csv").write_text("client\n" + "".join(f"Client {i}\n" for i in range(40)))
    out = tmp_path / "out"
    out.mkdir()
    (out / "earlier.pdf").write_bytes(b"%PDF- earlier")
    proc = subprocess.Popen([*WORKBOOK, "batch", "clients.csv", "-o", "out", "--jobs", "2"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(list(out.glob("client-*.pdf"))) < 2:
        assert proc.poll() is None and time.monotonic() < deadline, "the batch ended before it could be interrupted"
        time.sleep(0.01)
    workers = _children(proc.pid)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    lines = stderr.strip().splitlines()
    said = re.fullmatch(r"interrupted; (\d+) packets? written before it; no other row was built", lines[-1])
    assert len(lines) == 1 and said, lines
    on_disk = sorted(p.name for p in out.glob("client-*.pdf"))
    assert int(said.group(1)) == len(on_disk), (lines, on_disk)  # what it says is what is on the disk
    assert sorted(p.name for p in out.iterdir() if not p.name.endswith(".pdf")) == []  # no temporary file
    assert (out / "earlier.pdf").read_bytes() == b"%PDF- earlier"
    for packet in out.glob("client-*.pdf"):
        assert len(pypdf.PdfReader(packet).pages) > 10  # whole, not cut short
    deadline = time.monotonic() + 10
    while [w for w in workers if Path(f"/proc/{w}").exists()]:
        assert time.monotonic() < deadline, "a worker was left running"
        time.sleep(0.05)
