"""Where inputs live and how they are read: the practice found without -p, the built-in files a
practice can copy; regular files within their cap only, pipes, devices and folders refused at
once, links leading out of a layer refused in every language's folders."""

from __future__ import annotations

import os

import pytest

from workbook.errors import Problems
from workbook.pipeline.load import load_yaml
from workbook.pipeline.sources import MB, Layer, Sources, Unreadable, builtins, find_builtin, find_practice, outside, read_capped


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


def test_the_nearest_practice_yaml_wins_over_the_environment(tmp_path):
    (tmp_path / "outer" / "inner" / "content").mkdir(parents=True)
    (tmp_path / "outer" / "practice.yaml").write_text("name: Outer\n")
    (tmp_path / "outer" / "inner" / "practice.yaml").write_text("name: Inner\n")
    env = {"WORKBOOK_PRACTICE": str(tmp_path / "elsewhere")}
    assert find_practice(tmp_path / "outer" / "inner" / "content", env) == (tmp_path / "outer" / "inner",
                                                                          "found from the current folder")
    assert find_practice(tmp_path / "outer", env) == (tmp_path / "outer", "found from the current folder")


def test_the_environment_names_a_practice_when_no_folder_above_has_one(tmp_path):
    env = {"WORKBOOK_PRACTICE": str(tmp_path / "mine")}
    assert find_practice(tmp_path, env) == (tmp_path / "mine", "from WORKBOOK_PRACTICE")
    assert find_practice(tmp_path, {"WORKBOOK_PRACTICE": ""}) is None
    assert find_practice(tmp_path, {}) is None


def test_a_built_in_documents_file_is_named_by_its_id():
    # eject writes content/<id>.yaml and diff finds the built-in by id: both rely on it.
    documents = [b for b in builtins().values() if b.is_document]
    assert documents
    for builtin in documents:
        data = load_yaml(builtin.path, Problems())
        assert data.get("id", builtin.path.stem) == builtin.name == builtin.path.stem


def test_templates_are_found_with_or_without_their_extension():
    assert find_builtin("header").name == find_builtin("header.j2").name == "header.j2"
    assert str(find_builtin("cover").rel) == "templates/cover.yaml"
    assert str(find_builtin("workbook.yaml").rel) == "content/workbook.yaml"
    assert find_builtin("references") is None  # merged by id, not copied whole
    assert find_builtin("welcome").is_document and not find_builtin("workbook.yaml").is_document


def test_a_language_s_folders_are_confined_to_the_practice_folder(tmp_path):
    root, elsewhere = tmp_path / "p", tmp_path / "elsewhere"
    (root / "content").mkdir(parents=True)
    (root / "templates" / "es").mkdir(parents=True)
    (elsewhere / "es").mkdir(parents=True)
    (elsewhere / "es" / "welcome.yaml").write_text("id: welcome\n")
    (elsewhere / "strings.yaml").write_text("locale: es\n")
    (root / "content" / "es").symlink_to(elsewhere / "es")
    (root / "templates" / "es" / "strings.yaml").symlink_to(elsewhere / "strings.yaml")
    spanish, problems = Sources.find(root).translated("es"), Problems()
    practice = spanish.layers[-1]
    assert practice.root == root.resolve() and practice.content == root.resolve() / "content" / "es"
    assert practice.documents(problems) == []
    assert practice.template("strings.yaml", problems) is None
    assert sorted(str(p.where).rsplit("/", 1)[-1] for p in problems.items) == ["es", "strings.yaml"]
    assert all("outside the practice folder" in p.message for p in problems.items)
