"""The build cache: what its keys notice and ignore, and entries that are read back only whole.
No PDF is laid out here; entries hold made-up bytes."""

from __future__ import annotations

import dataclasses
import datetime
import os
import stat

import pytest
from practice_files import document

from workbook.model.settings import Settings
from workbook.pipeline import load
from workbook.pipeline.cache import Cache, Entry, cacheable, keys
from workbook.pipeline.sources import builtin_dir

PDF = b"%PDF-1.4\n% a made-up PDF\n%%EOF\n"


def all_keys(practice_dir, settings: Settings | None = None, fillable=True) -> dict[str, str]:
    project = load(practice_dir)
    return keys(project, settings or Settings(), fillable, list(project.enabled), project.workbook.documents)


@pytest.fixture
def folder(practice):
    return practice({"content/extra.yaml": document("- text: First words.", "- prompt: {id: p, label: Why?}")})


def test_editing_a_document_changes_its_key_and_the_workbooks_only(folder):
    before = all_keys(folder)
    (folder / "content/extra.yaml").write_text(document("- text: Other words.", "- prompt: {id: p, label: Why?}"))
    after = all_keys(folder)
    assert {name for name in before if before[name] != after[name]} == {"extra.pdf"}  # extra is not in the workbook
    builtin = (builtin_dir("content") / "welcome.yaml").read_text(encoding="utf-8")
    (folder / "content/welcome.yaml").write_text(builtin.replace("Welcome", "Hello"), encoding="utf-8")
    assert {name for name, key in all_keys(folder).items() if key != after[name]} == {"welcome.pdf", "workbook.pdf"}


def test_a_comment_or_a_new_line_changes_no_key(folder):
    before = all_keys(folder)
    path = folder / "content/extra.yaml"
    path.write_text("# a note for the team\n" + path.read_text() + "\n\n")
    assert all_keys(folder) == before


@pytest.mark.parametrize("change", [
    {"date": datetime.date(2026, 3, 2)}, {"paper": "a4"}, {"large_print": True}, {"clinician": "Dr. Other"},
])
def test_every_build_option_changes_every_key(folder, change):
    before, after = all_keys(folder), all_keys(folder, dataclasses.replace(Settings(), **change))
    assert all(before[name] != after[name] for name in before)


def test_flat_pages_and_practice_settings_change_every_key(folder):
    before = all_keys(folder)
    flat = all_keys(folder, fillable=False)
    assert all(before[name] != flat[name] for name in before)
    (folder / "practice.yaml").write_text("name: Another Practice\n")
    renamed = all_keys(folder)
    assert all(before[name] != renamed[name] for name in before)


def test_a_template_or_a_reference_changes_every_key(folder):
    before = all_keys(folder)
    (folder / "templates").mkdir()
    (folder / "templates/header.j2").write_text("{{ practice.name }} · {{ doc.title }}")
    after = all_keys(folder)
    assert all(before[name] != after[name] for name in before)


def test_a_client_build_is_never_cached():
    assert cacheable(Settings(clinician="Dr. Ames", date=datetime.date(2026, 1, 2)))
    assert not cacheable(Settings(client="Ann Lee"))
    with pytest.raises(AssertionError):
        keys(load(None), Settings(client="Ann Lee"), True, ["welcome"], None)


def test_an_entry_reads_back_whole_and_owner_only(tmp_path):
    cache = Cache(tmp_path / "kap-workbook")
    cache.put("ab" * 32, Entry(PDF, 1, ("warning: welcome: a missing glyph",)))
    assert cache.get("ab" * 32) == Entry(PDF, 1, ("warning: welcome: a missing glyph",))
    assert cache.get("cd" * 32) is None
    for path in [cache.root, *cache.root.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


def test_an_existing_cache_folder_is_made_owner_only(tmp_path):
    root = tmp_path / "kap-workbook"
    root.mkdir(mode=0o755)
    os.chmod(root, 0o755)
    Cache(root).put("ab" * 32, Entry(PDF, 1))
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


@pytest.mark.parametrize("damage", [
    lambda raw: raw[:-1],  # truncated
    lambda raw: raw[:-3] + b"EOG",  # a changed byte in the PDF
    lambda raw: raw.replace(b'"pages": 1', b'"pages": 2').replace(b"kap-workbook cache", b"kap-workbook cachf"),
    lambda raw: raw.replace(b"ab" * 32, b"cd" * 32, 1),  # the entry of another key
    lambda raw: b"",
    lambda raw: b"\x00" * 100,
])
def test_a_damaged_entry_is_ignored_then_replaced(tmp_path, damage):
    cache = Cache(tmp_path / "kap-workbook")
    cache.put("ab" * 32, Entry(PDF, 1))
    [path] = [p for p in cache.root.rglob("*") if p.is_file()]
    path.write_bytes(damage(path.read_bytes()))
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, Entry(PDF, 1))
    assert cache.get("ab" * 32) == Entry(PDF, 1)


def test_a_cache_that_cannot_be_written_is_switched_off(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    cache = Cache(blocker / "kap-workbook")
    cache.put("ab" * 32, Entry(PDF, 1))
    assert cache.failure.endswith("Not a directory") and cache.get("ab" * 32) is None


def test_the_least_recently_used_entries_go_when_the_cache_is_full(tmp_path):
    cache = Cache(tmp_path / "kap-workbook")
    for n in range(10):
        key = f"{n:02d}" * 32
        cache.put(key, Entry(PDF * 100, 1))
        path = cache.folder / key[:2] / key
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
    cache.get("00" * 32)  # used just now: kept
    size = (cache.folder / "01" / ("01" * 32)).stat().st_size
    cache.prune(limit=5 * size)  # ten entries: over the limit, so down to half of it
    kept = sorted(p.name[:2] for p in cache.folder.rglob("*") if p.is_file())
    assert kept == ["00", "09"]
    cache.prune(limit=5 * size)
    assert len(list(cache.folder.rglob("*/*"))) == 2  # under the limit: nothing more goes


def test_a_qr_matrix_reads_back_whole(tmp_path):
    cache = Cache(tmp_path / "kap-workbook")
    rows = ((True, False, True), (False, False, True), (True, True, True))
    assert cache.matrix("https://example.org") is None
    cache.keep_matrix("https://example.org", rows)
    assert cache.matrix("https://example.org") == rows
    assert cache.matrix("https://example.org/other") is None
    [path] = [p for p in cache.root.rglob("*") if p.is_file()]
    path.write_bytes(path.read_bytes()[:-1])  # truncated: not a square any more, and the hash fails
    assert cache.matrix("https://example.org") is None


def test_the_language_is_in_every_key():
    english, spanish = load(None), load(None, "es")
    settings = Settings()
    en = keys(english, settings, True, ["welcome"], english.workbook.documents)
    es = keys(spanish, settings, True, ["welcome"], spanish.workbook.documents)
    assert en["welcome.pdf"] != es["welcome.pdf"] and en["workbook.pdf"] != es["workbook.pdf"]
    assert keys(load(None, "es"), settings, True, ["welcome"], None) == {"welcome.pdf": es["welcome.pdf"]}
