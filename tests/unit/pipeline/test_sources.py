"""Where inputs live: the practice found without -p."""

from __future__ import annotations

from workbook.pipeline.sources import find_practice


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
