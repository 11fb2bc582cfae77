"""Stage 1: YAML with every node located, and syntax mistakes put in plain words with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.errors import Problems
from workbook.pipeline.load import LocDict, load_yaml, parse_yaml


def one_problem(text: str) -> str:
    problems = Problems()
    assert parse_yaml(text, "doc.yaml", problems) is None
    assert len(problems.items) == 1
    return str(problems.items[0])


def test_nodes_keep_their_line_and_column():
    problems = Problems()
    data = parse_yaml("id: x\nblocks:\n  - heading: Hi\n", "doc.yaml", problems)
    assert isinstance(data, LocDict) and not problems
    assert str(data.value_at["blocks"]) == "doc.yaml:3:3"
    assert str(data["blocks"].item_at[0]) == "doc.yaml:3:5"


@pytest.mark.parametrize(("text", "where", "words"), [
    ("id: x\nblocks:\n\t- heading: a\n", "doc.yaml:3:1", "a tab: YAML indents with spaces only"),
    ("title: Note: read this\n", "doc.yaml:1:12", "put a value that contains ': ' in quotes"),
    ("blocks:\n  - heading: a\n   - text: b\n", "doc.yaml:3:4", "line up every '- ' of one list"),
    ("title: [unclosed\n", "doc.yaml:1:8", "add the ']'"),
    ('title: "abc\nkind: x\n', "doc.yaml:1:8", "a quote opened here is never closed"),
    ('a: "x" y\n', "doc.yaml:1:8", "put nothing after a closing quote"),
    ("a: *bold* text\n", "doc.yaml:1:4", "put it in quotes, for example \"*italic* text\""),
    ("a: @x\n", "doc.yaml:1:4", "'@' cannot start a value"),
    ("a: b\n---\nc: d\n", "doc.yaml:2:1", "keep one document per file"),
    ("a: b\x07c\n", "doc.yaml:1:5", "a control character"),
])
def test_syntax_mistakes_are_located_and_said_plainly(text, where, words):
    message = one_problem(text)
    assert message.startswith(f"{where}: "), message
    assert words in message, message


def test_a_file_that_is_not_utf8_is_located_at_the_first_bad_byte(tmp_path: Path):
    path = tmp_path / "doc.yaml"
    path.write_bytes(b"id: x\ntitle: caf" + b"\xe9\n")
    problems = Problems()
    assert load_yaml(path, problems) is None
    assert str(problems.items[0]).endswith(":2:11: this file is not UTF-8 text: save it as UTF-8")


def test_duplicate_keys_are_reported_with_the_first_line():
    problems = Problems()
    parse_yaml("a: 1\nb: 2\na: 3\n", "doc.yaml", problems)
    assert [str(p) for p in problems.items] == ["doc.yaml:3:1: duplicate key 'a' (first at line 1)"]
