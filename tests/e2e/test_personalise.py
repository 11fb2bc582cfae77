"""Packets laid out once and personalised per client (pipeline/personalise.py): each one the
same bytes as `workbook build --client NAME --date D` makes for that client, nothing of anyone
else in it, and as readable (tagged, fillable, read back) as any other packet."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

import outloud
import pikepdf
import pypdf
import pytest
from click.testing import CliRunner
from structure import coverage_problems, structure_problems

from workbook.cli import main
from workbook.model.settings import Settings
from workbook.pipeline import load, make_press, packets
from workbook.pipeline.personalise import Leak, probes
from workbook.pipeline.render import splice
from workbook.pipeline.render.formfont import form_font

FIRST = ["Ada", "Bruno", "Chloé", "Dmitri", "Eșref", "Frida", "Günther", "Hana", "Iñaki", "Józef"]
LAST = ["Okafor", "Lindqvist", "Dubois", "Novak", "Müller", "Sato", "Ibáñez", "Brown"]
# Letters only the fallback font has (Greek, Cyrillic), mixed with Lato's (Vietnamese), none
# any embedded font has (Chinese), three or more of each shape so each gets its template; and a
# name long enough to push the date field onto its own row (laid out in full, not templated).
FALLBACK = ["Ελένη Παπαδοπούλου", "Νίκος Γεωργίου", "Юлия Иванова", "Олег Петров"]
MIXED = ["Trần Thị Bình", "Phạm Văn Đức", "Lê Thị Hồng"]
CJK = ["王芳", "李娜", "张伟"]
LONG = "Maximiliana Wolfeschlegelsteinhausenberg Castellanos-Ortega"
OTHERS = ["Łukasz Żółkiewski", "Paweł Nowak", *FALLBACK, *MIXED, *CJK, LONG]
NAMES = [f"{FIRST[i % 10]} {LAST[i // 10 % 8]}{'' if i < 10 else '-' + LAST[i % 8]}" for i in range(38)] + OTHERS
DATES = [datetime.date(2026, 1 + i % 12, 1 + i % 28) for i in range(len(NAMES))]
CLINICIANS = ["" if i % 3 == 0 and i < 38 else "Dr. Rivera" for i in range(len(NAMES))]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[dict[str, Path], subprocess.CompletedProcess]:
    """The packets by client name (the batch prints them in row order), and the run."""
    tmp = tmp_path_factory.mktemp("personalised")
    rows = "".join(f"{n},{c},{d.isoformat()}\n" for n, c, d in zip(NAMES, CLINICIANS, DATES))
    (tmp / "clients.csv").write_text("client,clinician,date\n" + rows, encoding="utf-8")
    # A process of its own, as people run it: its two workers fork from a one-thread process,
    # not from this test process and whatever threads it has.
    result = subprocess.run([sys.executable, "-m", "workbook", "batch", str(tmp / "clients.csv"), "-o", str(tmp / "out"),
                             "--jobs", "2"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return dict(zip(NAMES, map(Path, result.stdout.split()))), result


def test_names_are_unique_and_none_is_part_of_another():
    assert len(set(NAMES)) == len(NAMES)
    assert not [(a, b) for a in NAMES for b in NAMES if a != b and a in b]


@pytest.mark.parametrize("name", ["Ada Okafor", "Bruno Okafor", "Łukasz Żółkiewski", "Paweł Nowak", FALLBACK[0],
                                  FALLBACK[2], MIXED[1], CJK[0], LONG])
def test_a_packet_is_the_bytes_build_client_writes(batch, tmp_path, name):
    """One path: the batch writes from a template (or, the long name, lays out in full) what a
    cold `build --client` writes as its workbook, byte for byte, /ID included."""
    out, _ = batch
    i = NAMES.index(name)
    args = ["build", "-o", tmp_path, "--client", name, "--date", DATES[i].isoformat(), "--no-cache"]
    assert run(*args, *(["--clinician", CLINICIANS[i]] if CLINICIANS[i] else [])).exit_code == 0
    assert out[name].read_bytes() == (tmp_path / "workbook.pdf").read_bytes()


@pytest.fixture(scope="module")
def made():
    """Templates made in this process for the batch's clients, and the packets they give."""
    project = load(None)
    press = make_press(project, Settings(), True)
    ids = tuple(i for i in project.workbook.documents if i in project.enabled)
    maker = packets(project, press, ids)
    clients = [Settings(client=n, clinician=c, date=d) for n, c, d in zip(NAMES, CLINICIANS, DATES)]
    for settings in clients:
        maker.expect(settings)
    maker.prepare()
    return maker, clients


def test_templates_are_used_and_give_what_a_layout_gives(made):
    """Every shape has three clients or more, so a template; every client but the long name
    fits one, and gets from it the bytes laying the packet out gives (the /ID set from them)."""
    maker, clients = made
    assert maker.templates and all(t is not None for t in maker.templates.values())
    for settings in clients:
        template = maker.templates.get(maker.key(settings))
        strings = maker.strings(settings)
        if settings.client == LONG:
            assert template is not None and not template.fits(strings)  # its date gets a row of its own
            continue
        assert template is not None and template.fits(strings), settings.client
        if settings.client in OTHERS or settings in clients[:6]:
            written = splice.with_content_id(template.write(strings))
            assert written == splice.with_content_id(maker.rendered(settings).data), settings.client


def test_a_packet_holding_a_probe_string_is_refused(made):
    """The check before a packet is returned works: a template that forgets to rewrite the
    metadata (where the probe's date stamp is) raises instead of returning the packet, and the
    client's packet is laid out in full instead."""
    maker, clients = made
    template = maker.templates[maker.key(clients[1])]
    info = template.parts.info
    assert info in template.others
    template.others.remove(info)
    try:
        with pytest.raises(Leak):
            template.write(maker.strings(clients[1]))
        # refused, the packet is laid out in full instead: the same bytes, no probe in them
        assert maker.packet(clients[1]).data == splice.with_content_id(maker.rendered(clients[1]).data)
    finally:
        template.others.append(info)
        template.others.sort()


def needles(name: str) -> list[bytes]:
    """A string as it can be in a PDF: UTF-8, UTF-16, Latin-1, the form font's codes (its code
    points, in a field's appearance: only for a name the form font has every letter of)."""
    hexed = form_font().hex(name)[1:-1].encode()
    out = [name.encode("utf-8"), name.encode("utf-16-be")]
    out += [hexed, hexed.lower()] if all(form_font().has(c) for c in name) else []
    for encoding in ("latin-1", "pdfdoc"):  # PDFDocEncoding: ReportLab's for text strings it can hold
        try:
            out.append(name.encode(encoding))
        except UnicodeEncodeError:
            pass
    return out


def every_text(path: Path) -> list[bytes]:
    """Every stream decoded and every string decoded to text, of every object (those in object
    streams too), read by pikepdf."""
    out = []
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                out.append(obj.read_bytes())
                out.append(obj.read_raw_bytes())
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
                out += [str(s).encode("utf-8") for s in _strings(obj)]
            out.append(obj.unparse() if not isinstance(obj, pikepdf.Stream) else b"")
    return out


def _strings(obj, depth: int = 0):
    if depth > 4:
        return
    values = obj.values() if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) else obj
    for value in values:
        if isinstance(value, pikepdf.String):
            yield value
        elif isinstance(value, (pikepdf.Dictionary, pikepdf.Array)) and not value.is_indirect:
            yield from _strings(value, depth + 1)


def test_no_packet_holds_another_clients_or_a_probes_strings(batch):
    out, _ = batch
    font = "Lato"
    probe_strings = set()
    for n, c, d in zip(NAMES, CLINICIANS, DATES):
        for probe in probes(Settings(client=n, clinician=c, date=d), font):
            probe_strings |= {probe.client, probe.clinician} - {""}
    probe_strings |= {"1901-02-03", "1902-04-05", "19010203", "19020405"}
    for name in NAMES:
        texts = b"\0".join(every_text(out[name]))
        assert any(n in texts for n in needles(name)), name  # the search finds the client's own name
        others = [o for o in NAMES if o != name] + sorted(probe_strings)
        found = [o for o in others if any(n in texts for n in needles(o))]
        assert found == [], (name, found)
        cover = " ".join(pypdf.PdfReader(out[name]).pages[0].extract_text().split())
        assert f"Prepared for {name}" in cover or name in CJK


def test_packets_have_their_own_ids_are_owner_only_and_repeat_exactly(batch, tmp_path):
    out, _ = batch
    ids = [splice.file_id(out[n].read_bytes()) for n in NAMES]
    assert len(set(ids)) == len(NAMES)
    assert all(out[n].stat().st_mode & 0o777 == 0o600 for n in NAMES)
    (tmp_path / "some.csv").write_text("client,clinician,date\n" + "".join(
        f"{n},{c},{d.isoformat()}\n" for n, c, d in list(zip(NAMES, CLINICIANS, DATES))[:8]), encoding="utf-8")
    assert run("batch", tmp_path / "some.csv", "-o", tmp_path / "again", "--jobs", "1").exit_code == 0
    for name in NAMES[:8]:
        assert (tmp_path / "again" / out[name].name).read_bytes() == out[name].read_bytes()


def test_fonts_hold_every_glyph_a_name_needs_and_what_none_has_is_warned(batch):
    out, result = batch
    assert "no embedded font can draw (Chinese, Japanese or Korean)" in result.stderr
    assert result.stderr.count("no embedded font can draw") == 3 and not set("王芳李娜张伟") & set(result.stderr)
    for name in OTHERS[:-1]:
        reader = pypdf.PdfReader(out[name])
        if name not in CJK:
            assert f"Prepared for {name}" in reader.pages[0].extract_text()
        fonts = {str(f["/BaseFont"]).split("+")[-1]: f for f in reader.pages[0]["/Resources"]["/Font"].values()}
        personal = [f for base, f in fonts.items() if base.endswith("-Personal")]
        drawn = "".join(sorted({c for f in personal for c in _unicode_map(f)}))
        assert set(name.replace(" ", "")) - set("王芳李娜张伟") <= set(drawn), name


def _unicode_map(font) -> str:
    data = font["/ToUnicode"].get_data().decode("latin-1")
    return "".join(chr(int(u, 16)) for _, u in re.findall(r"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{4})>", data))


def test_fields_read_back_and_the_tagged_structure_holds(batch):
    out, _ = batch
    path = out["Ελένη Παπαδοπούλου"]
    result = run("read", path, "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert {r["client"] for r in records} == {"Ελένη Παπαδοπούλου"}
    assert {r["date"] for r in records} == {DATES[NAMES.index("Ελένη Παπαδοπούλου")].isoformat()}
    checked = outloud.check(str(path))
    assert checked.stats.get("tagged") and not [f for f in checked.findings if f.severity == "error"]
    with pikepdf.open(path) as pdf:
        assert structure_problems(pdf) == []
    assert coverage_problems(path) == []


def test_splice_writes_back_every_pdf_the_build_makes_byte_for_byte(default_build, large_print_build):
    """What a template is made of reads and writes back exactly: a change in how the PDFs are
    written (tags/packing.py, or ReportLab) fails here before it can change a packet."""
    for pdf in [*default_build.glob("*.pdf"), *large_print_build.glob("*.pdf")]:
        data = pdf.read_bytes()
        assert splice.join(splice.split(data), splice.file_id(data)) == data, pdf.name
