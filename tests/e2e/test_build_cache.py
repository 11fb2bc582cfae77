"""The build cache through the real command: a rebuild takes unchanged PDFs from the cache and
gives the same bytes as a build without it; an edit lays out only what it touches; a damaged
entry is never trusted; a client's name never reaches the cache."""

from __future__ import annotations

import base64
import io
import os
import re
import stat
import subprocess
import sys
import zlib
from pathlib import Path

import pypdf
import pytest

from workbook import pipeline
from workbook.model.settings import Settings

CLIENT = "Zelda Quibblewick"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A fresh, empty cache for this test only."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "kap-workbook"


def entries(cache: Path) -> dict[str, bytes]:
    """Every entry by key: finished PDFs, and the matrices of the QR codes they draw."""
    return {p.name: p.read_bytes() for p in cache.rglob("*") if p.is_file()}


def pdf_entries(cache: Path) -> dict[str, bytes]:
    return {k: v for k, v in entries(cache).items() if b"%PDF-" in v}


def pdfs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.pdf"))}


def build(cli, out: Path, *args) -> None:
    result = cli("build", "-o", out, *args)
    assert result.exit_code == 0, result.output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rebuild_reads_the_cache_and_gives_the_bytes_of_a_clean_build(cli, cache, tmp_path):
    build(cli, tmp_path / "first")
    stored = entries(cache)
    assert len(pdf_entries(cache)) == len(pdfs(tmp_path / "first"))  # one entry per PDF, the workbook included
    build(cli, tmp_path / "again")
    build(cli, tmp_path / "clean", "--no-cache")
    assert pdfs(tmp_path / "again") == pdfs(tmp_path / "clean") == pdfs(tmp_path / "first")
    assert entries(cache) == stored  # nothing laid out again, nothing written


def fresh_pages(folder: Path) -> int:
    return sum(len(pypdf.PdfReader(p).pages) for p in folder.glob("*.pdf"))


def test_a_build_from_the_cache_lays_nothing_out(cli, cache, tmp_path):
    build(cli, tmp_path / "first", "welcome", "resources")
    again = pipeline.build(pipeline.load(None), tmp_path / "again", Settings(), ["welcome", "resources"], cached=True)
    assert again.laid_out == () and again.pages == fresh_pages(tmp_path / "first")
    assert pdfs(tmp_path / "again") == pdfs(tmp_path / "first")
    fresh = pipeline.build(pipeline.load(None), tmp_path / "fresh", Settings(), ["welcome", "resources"])
    assert fresh.laid_out == ("welcome.pdf", "resources.pdf")  # without the cache, the same call lays out


def test_an_edit_lays_out_only_that_document_and_the_workbook(cli, cache, tmp_path):
    practice = tmp_path / "practice"
    assert cli("init", practice).exit_code == 0
    build(cli, tmp_path / "out", "-p", practice)
    before, stored = pdfs(tmp_path / "out"), entries(cache)
    edit(practice / "content" / "welcome.yaml", "Welcome", "Hello and welcome")
    build(cli, tmp_path / "out", "-p", practice)
    after = pdfs(tmp_path / "out")
    new_entries = set(entries(cache)) - set(stored)
    assert len(new_entries) == 2  # welcome.pdf and workbook.pdf: nothing else was laid out again
    assert {name for name in after if after[name] != before[name]} == {"welcome.pdf", "workbook.pdf"}
    build(cli, tmp_path / "clean", "-p", practice, "--no-cache")
    assert after == pdfs(tmp_path / "clean")


def test_a_character_new_to_the_project_lays_every_pdf_out_again(cli, cache, tmp_path):
    """Every PDF of a build gives the project's characters the same font codes (so the workbook
    keeps each font once): a character no document had before changes every PDF, and a build
    from the cache still gives a clean build's bytes, documents built alone included."""
    practice = tmp_path / "practice"
    assert cli("init", practice).exit_code == 0
    build(cli, tmp_path / "out", "-p", practice)
    before = pdfs(tmp_path / "out")
    edit(practice / "content" / "welcome.yaml", "Welcome", "Willkommen, Übung macht den Meister, welcome")
    build(cli, tmp_path / "out", "-p", practice)
    after = pdfs(tmp_path / "out")
    assert {name for name in after if after[name] != before[name]} == set(after)
    build(cli, tmp_path / "clean", "-p", practice, "--no-cache")
    assert after == pdfs(tmp_path / "clean")
    build(cli, tmp_path / "alone", "-p", practice, "resources", "--no-cache")
    assert pdfs(tmp_path / "alone")["resources.pdf"] == after["resources.pdf"]


def test_other_options_are_other_entries_and_still_clean_bytes(cli, cache, tmp_path):
    options = ["--paper", "a4", "--large-print", "--flat", "--date", "2026-03-02", "--clinician", "Dr. Ames"]
    build(cli, tmp_path / "plain", "welcome")
    build(cli, tmp_path / "first", "welcome", *options)
    assert len(pdf_entries(cache)) == 2
    build(cli, tmp_path / "again", "welcome", *options)
    build(cli, tmp_path / "clean", "welcome", *options, "--no-cache")
    assert pdfs(tmp_path / "again") == pdfs(tmp_path / "clean") == pdfs(tmp_path / "first") != pdfs(tmp_path / "plain")


@pytest.mark.parametrize("damage", ["truncate", "flip", "swap"])
def test_a_damaged_entry_is_ignored_and_replaced(cli, cache, tmp_path, damage):
    build(cli, tmp_path / "first", "welcome", "resources")
    stored = entries(cache)
    paths = sorted(p for p in cache.rglob("*") if p.is_file() and p.name in pdf_entries(cache))
    if damage == "truncate":
        paths[0].write_bytes(paths[0].read_bytes()[:-100])
    elif damage == "flip":
        raw = bytearray(paths[0].read_bytes())
        raw[-200] ^= 0x01
        paths[0].write_bytes(bytes(raw))
    else:  # each entry holds the other's bytes: whole, but not what its key stands for
        a, b = paths[0].read_bytes(), paths[1].read_bytes()
        paths[0].write_bytes(b)
        paths[1].write_bytes(a)
    build(cli, tmp_path / "again", "welcome", "resources")
    assert pdfs(tmp_path / "again") == pdfs(tmp_path / "first")
    assert entries(cache) == stored  # laid out again and written back whole


def test_no_cache_leaves_the_cache_untouched(cli, cache, tmp_path):
    build(cli, tmp_path / "clean", "welcome", "--no-cache")
    assert not cache.exists()  # not even created
    build(cli, tmp_path / "first", "welcome")
    snapshot = _snapshot(cache)
    build(cli, tmp_path / "again", "welcome", "--no-cache")
    build(cli, tmp_path / "other", "welcome", "--large-print", "--no-cache")
    assert _snapshot(cache) == snapshot


def _snapshot(cache: Path) -> dict:
    """Every folder and file with its modification time, and every file's bytes."""
    return {p: (p.stat().st_mtime_ns, p.read_bytes() if p.is_file() else None)
            for p in [cache, *cache.rglob("*")]}


def test_the_cache_is_owner_only_and_never_holds_a_client(cli, cache, tmp_path):
    build(cli, tmp_path / "plain", "intention-worksheet", "welcome")
    stored = entries(cache)
    build(cli, tmp_path / "client", "--client", CLIENT, "--date", "2026-03-02")
    build(cli, tmp_path / "client-flat", "welcome", "--client", CLIENT, "--flat")
    assert entries(cache) == stored  # a client's build neither writes nor changes an entry
    for path in [cache, *cache.rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
    # Nothing of the name anywhere: raw bytes, every stream unpacked, page text and field values.
    names = [CLIENT.encode(), CLIENT.encode("utf-16-be"), b"Quibblewick"]
    assert not any(name in raw for name in names for raw in stored.values())
    for raw in pdf_entries(cache).values():
        pdf = raw[raw.index(b"%PDF"):]
        unpacked = [raw] + [_inflate(s) for s in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S)]
        assert not any(name in blob for name in names for blob in unpacked)
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        text = "".join(page.extract_text() for page in reader.pages)
        values = " ".join(str(f.get("/V", "")) for f in (reader.get_fields() or {}).values())
        assert "Quibblewick" not in text + values
    assert "Quibblewick" in pypdf.PdfReader(tmp_path / "client" / "workbook.pdf").pages[0].extract_text()


def _inflate(stream: bytes) -> bytes:
    """A ReportLab stream: ASCII85 then Flate, or Flate alone; anything else as it is."""
    data = stream.strip()
    try:
        if data.endswith(b"~>"):
            data = base64.a85decode(data[:-2])
        return zlib.decompress(data)
    except (ValueError, zlib.error):
        return stream


def test_entries_are_found_by_content_not_by_path(cli, cache, tmp_path):
    """Two practice folders with the same inputs share entries: a key is a hash of inputs."""
    for name in ("one", "two"):
        assert cli("init", tmp_path / name).exit_code == 0
        build(cli, tmp_path / f"{name}-out", "-p", tmp_path / name)
    assert pdfs(tmp_path / "one-out") == pdfs(tmp_path / "two-out")
    assert len(pdf_entries(cache)) == len(pdfs(tmp_path / "one-out"))


def test_qr_codes_drawn_from_kept_matrices_are_the_same_bytes(cli, cache, tmp_path):
    build(cli, tmp_path / "first", "resources")
    matrices = {k: v for k, v in entries(cache).items() if k not in pdf_entries(cache)}
    assert len(matrices) == 4  # one per reference the resources page shows
    for key in pdf_entries(cache):  # the PDF must be laid out again, from the kept matrices
        next(cache.rglob(key)).unlink()
    code = ("import sys; from workbook.cli import main\n"
            f"main(['build', 'resources', '-o', {str(tmp_path / 'again')!r}], standalone_mode=False)\n"
            "print('qrcode' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.splitlines()[-1] == "False"  # laid out, without computing a single code
    build(cli, tmp_path / "clean", "resources", "--no-cache")
    assert pdfs(tmp_path / "again") == pdfs(tmp_path / "clean") == pdfs(tmp_path / "first")


def test_keys_do_not_change_from_one_process_to_the_next(cache, tmp_path):
    """Sets in the project (untranslated documents) are keyed in a fixed order, whatever the
    process's string hashing."""
    for seed, out in (("1", "first"), ("2", "again")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "workbook", "build", "--lang", "es", "-o", str(tmp_path / out)],
                       env=env, capture_output=True, timeout=300, check=True)
        if seed == "1":
            stored = entries(cache)
    assert entries(cache) == stored
    assert pdfs(tmp_path / "again") == pdfs(tmp_path / "first")
