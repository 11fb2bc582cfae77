"""`workbook schema`: the JSON Schema an editor uses agrees with `workbook check`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
KINDS = {"references.yaml": "references", "workbook.yaml": "workbook", "practice.yaml": "practice"}


class EditorLoader(yaml.SafeLoader):
    """YAML as a language server sees it: dates stay text."""


EditorLoader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@pytest.fixture(scope="module")
def schemas(cli):
    return {kind: json.loads(cli("schema", kind).output) for kind in ("content", "practice", "references", "workbook")}


def kind_of(path: Path) -> str:
    return KINDS.get(path.name, "content")


def shipped_yaml() -> list[Path]:
    return [*sorted((REPO / "content").glob("*.yaml")), *sorted((REPO / "workbook/commands/scaffold").rglob("*.yaml"))]


@pytest.mark.parametrize("path", shipped_yaml(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_shipped_yaml_file_validates(schemas, path):
    jsonschema.validate(yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader), schemas[kind_of(path)])


def test_the_schema_describes_each_block_for_an_editor(schemas):
    blocks = schemas["content"]["$defs"]["Block"]["oneOf"]
    prompt = next(b for b in blocks if "prompt" in b["properties"])
    assert prompt["required"] == ["prompt"] and prompt["description"]
    assert schemas["content"]["$defs"]["Prompt"]["properties"]["lines"]["description"]


def test_schema_writes_a_file(cli, tmp_path):
    result = cli("schema", "practice", "-o", tmp_path / "practice.schema.json")
    assert result.exit_code == 0
    assert json.loads((tmp_path / "practice.schema.json").read_text())["title"] == "kap-workbook practice file"


HEAD = 'id: extra\ntitle: T\nkind: worksheet\naudience: client\nversion: "1.0"\nreviewed: 2026-11-01\n'
SAMPLES = {  # name: (file, text, valid?)
    "good": ("content/extra.yaml", HEAD + "blocks:\n  - heading: Hi\n", True),
    "shorthand list": ("content/extra.yaml", HEAD + "blocks:\n  - bullets: [a, b]\n", True),
    "numbers as text": ("content/extra.yaml", HEAD.replace('"1.0"', "2") + "blocks:\n  - bullets: [988]\n", True),
    "bare field labels": ("content/extra.yaml", HEAD + "blocks:\n  - fields: {id: a, items: [Name, {label: Date}]}\n", True),
    "repeat": ("content/extra.yaml", HEAD + "blocks:\n  - repeat: {count: 2, blocks: [heading: x]}\n", True),
    "disable a built-in": ("content/welcome.yaml", "id: welcome\ndisabled: true\n", True),
    "unknown block": ("content/extra.yaml", HEAD + "blocks:\n  - promt: {id: a, label: b}\n", False),
    "unknown key": ("content/extra.yaml", HEAD + "blocks:\n  - prompt: {id: a, label: b, lnes: 3}\n", False),
    "missing label": ("content/extra.yaml", HEAD + "blocks:\n  - prompt: {id: a}\n", False),
    "bad kind": ("content/extra.yaml", HEAD.replace("worksheet", "poster") + "blocks:\n  - heading: x\n", False),
    "too many lines": ("content/extra.yaml", HEAD + "blocks:\n  - prompt: {id: a, label: b, lines: 99}\n", False),
    "no blocks": ("content/extra.yaml", HEAD + "blocks: []\n", False),
    "bad paper": ("practice.yaml", "name: P\npaper: legal\n", False),
    "practice typo": ("practice.yaml", "name: P\nphon: '555'\n", False),
    "good practice": ("practice.yaml", "name: P\npaper: a4\ncolors: {primary: '#2F5D62'}\n", True),
    "reference kind": ("content/references.yaml", "- {id: a, title: T, kind: book, source: S, url: 'https://a.org'}\n",
                       False),
}


@pytest.mark.parametrize("name", SAMPLES)
def test_the_schema_and_check_give_the_same_verdict(cli, schemas, tmp_path, name):
    file, text, valid = SAMPLES[name]
    (tmp_path / "practice.yaml").write_text("name: P\n")
    path = tmp_path / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    try:
        jsonschema.validate(yaml.load(text, Loader=EditorLoader), schemas[kind_of(path)])
        by_schema = True
    except jsonschema.ValidationError:
        by_schema = False
    by_check = cli("check", "-p", tmp_path).exit_code == 0
    assert (by_schema, by_check) == (valid, valid)
