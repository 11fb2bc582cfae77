"""Reading an input: regular files within their cap only; pipes, devices and folders refused at once."""

from __future__ import annotations

import os

import pytest

from workbook.errors import Problems
from workbook.pipeline.sources import MB, Layer, Unreadable, outside, read_capped


def test_a_regular_file_within_its_cap_is_read(tmp_path):
    (tmp_path / "a").write_bytes(b"x" * 100)
    assert read_capped(tmp_path / "a", 100, "a test file") == b"x" * 100


def test_a_file_over_its_cap_is_refused_naming_the_cap(tmp_path):
    (tmp_path / "a").write_bytes(b"x" * (2 * MB + 1))
    with pytest.raises(Unreadable, match="larger than 2 MB, the limit for a YAML file"):
        read_capped(tmp_path / "a", 2 * MB, "a YAML file")


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_pipes_devices_and_folders_are_refused_without_reading(tmp_path, kind):
    path = tmp_path / "a"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path = tmp_path / "zero"
        path.symlink_to("/dev/zero")
    with pytest.raises(Unreadable):
        read_capped(path, MB, "a file")


def test_links_leading_out_of_a_layer_are_problems(tmp_path):
    root, elsewhere = tmp_path / "p", tmp_path / "elsewhere"
    (root / "content").mkdir(parents=True)
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text("id: x\n")
    (root / "content" / "in.yaml").write_text("id: in\n")
    (root / "content" / "out.yaml").symlink_to(elsewhere / "x.yaml")
    (root / "templates").symlink_to(elsewhere)
    assert outside(root / "content" / "out.yaml", root) and not outside(root / "content" / "in.yaml", root)
    layer, problems = Layer("practice", root, root / "content", root / "templates"), Problems()
    assert [p.name for p in layer.documents(problems)] == ["in.yaml"]
    assert layer.template("x.yaml", problems) is None
    assert sorted(str(p.where).rsplit("/", 2)[-1] for p in problems.items) == ["out.yaml", "templates"]
    assert all("outside the practice folder" in p.message for p in problems.items)
