"""The output folder's manifest: which PDFs a full build takes away, and which it never touches."""

from __future__ import annotations

import hashlib
import json

from workbook.pipeline.manifest import MANIFEST, plan


def recorded(out, **files: bytes) -> None:
    """A manifest recording these files as an earlier build wrote them, and the files themselves."""
    for name, data in files.items():
        (out / name).write_bytes(data)
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    (out / MANIFEST).write_text(json.dumps({"files": digests}))


def test_a_full_build_removes_what_an_earlier_build_wrote_and_it_no_longer_makes(tmp_path):
    recorded(tmp_path, **{"a.pdf": b"a", "gone.pdf": b"old"})
    (tmp_path / "mine.pdf").write_bytes(b"someone's own")
    result = plan(tmp_path, {"a.pdf": b"a2"}, full=True)
    assert result.removed == (tmp_path / "gone.pdf",)
    assert result.foreign == (tmp_path / "mine.pdf",) and result.changed == ()
    assert json.loads(result.manifest)["files"] == {"a.pdf": hashlib.sha256(b"a2").hexdigest()}
    assert (tmp_path / "gone.pdf").exists()  # a plan changes nothing


def test_a_pdf_changed_since_it_was_written_is_left_and_forgotten(tmp_path):
    recorded(tmp_path, **{"filled.pdf": b"blank"})
    (tmp_path / "filled.pdf").write_bytes(b"filled in by a reader")
    result = plan(tmp_path, {}, full=True)
    assert result.removed == () and result.changed == (tmp_path / "filled.pdf",)
    assert json.loads(result.manifest)["files"] == {}


def test_building_some_documents_keeps_the_others_recorded(tmp_path):
    recorded(tmp_path, **{"a.pdf": b"a", "b.pdf": b"b", "deleted.pdf": b"d"})
    (tmp_path / "deleted.pdf").unlink()
    result = plan(tmp_path, {"a.pdf": b"a2"}, full=False)
    assert result.removed == result.changed == result.foreign == ()
    assert sorted(json.loads(result.manifest)["files"]) == ["a.pdf", "b.pdf"]


def test_a_damaged_manifest_or_a_name_outside_the_folder_removes_nothing(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"a")
    (tmp_path / MANIFEST).write_text("{not json")
    assert plan(tmp_path, {}, full=True).removed == ()
    inside = tmp_path / "out"
    inside.mkdir()
    digest = hashlib.sha256(b"a").hexdigest()
    (inside / MANIFEST).write_text(json.dumps({"files": {"../a.pdf": digest, ".hidden.pdf": digest, "notes.txt": digest}}))
    assert plan(inside, {}, full=True).removed == ()
    assert (tmp_path / "a.pdf").exists()


def test_the_manifest_is_the_same_bytes_for_the_same_build(tmp_path):
    files = {"b.pdf": b"b", "a.pdf": b"a"}
    assert plan(tmp_path, files, full=True).manifest == plan(tmp_path, dict(reversed(files.items())), full=True).manifest
