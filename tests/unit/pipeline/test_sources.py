"""Where inputs live: the practice found without -p, and the built-in files a practice can copy."""

from __future__ import annotations

from workbook.errors import Problems
from workbook.pipeline.load import load_yaml
from workbook.pipeline.sources import builtins, find_builtin, find_practice


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
