"""Bad input: one clear, located message per problem, exit 1, no traceback, nothing written."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

GOOD_DOC = """\
id: extra
title: An extra sheet
kind: worksheet
audience: client
version: "1.0"
reviewed: 2026-11-01
blocks:
  - heading: Hello
"""


def practice(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "practice"
    files = {"practice.yaml": "name: Test Practice\n", **files}
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(textwrap.dedent(body), encoding="utf-8")
    return root


def fails(cli, root: Path, tmp_path: Path) -> list[str]:
    """Build with a broken practice: exit 1, no traceback, nothing written; the problem lines."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "earlier.pdf").write_bytes(b"earlier")
    result = cli("build", "-p", root, "-o", out)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["earlier.pdf"]
    assert (out / "earlier.pdf").read_bytes() == b"earlier"
    check = cli("check", "-p", root)
    assert check.exit_code == 1 and check.output == result.output
    return [line for line in result.output.splitlines() if not line.endswith("nothing was written.")]


def doc(blocks: str) -> str:
    return GOOD_DOC.replace("  - heading: Hello\n", textwrap.indent(textwrap.dedent(blocks), "  "))


CASES = {
    "yaml syntax": ({"content/extra.yaml": "id: extra\ntitle: [unclosed\n"},
                    "content/extra.yaml:2:8: YAML syntax error: a list in [brackets] is not closed"),
    "unknown block": ({"content/extra.yaml": doc("- promt: {id: a, label: b}\n")},
                      "content/extra.yaml:8:5: unknown block type 'promt'; did you mean 'prompt'?"),
    "unknown key": ({"content/extra.yaml": doc("- prompt: {id: a, label: b, lnes: 3}\n")},
                    "content/extra.yaml:8:31: unknown key 'lnes'; did you mean 'lines'?"),
    "unknown document key": ({"content/extra.yaml": GOOD_DOC + "titel: x\n"},
                             "content/extra.yaml:9:1: unknown key 'titel'; did you mean 'title'?"),
    "missing field": ({"content/extra.yaml": doc("- prompt: {id: a}\n")},
                      "content/extra.yaml:8:13: missing required field 'label'"),
    "missing document field": ({"content/extra.yaml": GOOD_DOC.replace("kind: worksheet\n", "")},
                               "content/extra.yaml:1:1: missing required field 'kind'"),
    "unknown reference": ({"content/extra.yaml": doc("- resource: yale-ketamine-explain\n")},
                          "content/extra.yaml:8:15: unknown reference 'yale-ketamine-explain'; "
                          "did you mean 'yale-ketamine-explains'?"),
    "undefined variable": ({"content/extra.yaml": doc("- text: Call {{ practice.phon }} today.\n")},
                           "content/extra.yaml:8:11: undefined template variable 'practice.phon'"),
    "undefined name": ({"content/extra.yaml": doc("- text: Hi {{ clinet.name }}\n")},
                       "content/extra.yaml:8:11: undefined template variable 'clinet'"),
    "sandbox": ({"content/extra.yaml": doc("- text: \"{{ ''.__class__.__mro__ }}\"\n")},
                "content/extra.yaml:8:11: "),
    "bad colour": ({"practice.yaml": "name: P\ncolors: {primary: teal}\n"},
                   "practice.yaml:2:19: 'teal' is not a colour; write it as #RRGGBB"),
    "missing logo": ({"practice.yaml": "name: P\nlogo: logo.png\n"}, "practice.yaml:2:7: file not found: 'logo.png'"),
    "logo outside": ({"practice.yaml": "name: P\nlogo: ../../secret.png\n"},
                     "practice.yaml:2:7: '../../secret.png' is outside the practice folder"),
    "logo not an image": ({"practice.yaml": "name: P\nlogo: logo.png\n", "logo.png": b"GIF89a"},
                          "practice.yaml:2:7: 'logo.png' is not a PNG or JPG image"),
    "bad url": ({"content/references.yaml": "- {id: mine, title: T, kind: page, source: S, url: 'ftp://x.org/a'}\n"},
                "content/references.yaml:1:52: url must be an http(s) address"),
    "duplicate reference": ({"content/references.yaml": "- {id: a, title: T, kind: page, source: S, url: 'https://a.org'}\n"
                                                        "- {id: a, title: T, kind: page, source: S, url: 'https://b.org'}\n"},
                            "content/references.yaml:2:8: duplicate id 'a' (first at line 1)"),
    "duplicate document": ({"content/extra.yaml": GOOD_DOC, "content/extra2.yaml": GOOD_DOC},
                           "duplicate document id 'extra'"),
    "duplicate block id": ({"content/extra.yaml": doc("- prompt: {id: a, label: b}\n- checklist: {id: a, items: [x]}\n")},
                           "content/extra.yaml:9:21: duplicate block id 'a' (first at line 8)"),
    "bad id": ({"content/extra.yaml": doc("- prompt: {id: My Answer, label: b}\n")},
               "content/extra.yaml:8:18: 'My Answer' is not a valid id"),
    "bad paper": ({"practice.yaml": "name: P\npaper: legal\n"}, "practice.yaml:2:8: 'paper': input should be 'letter' or 'a4'"),
    "unknown workbook document": ({"content/workbook.yaml": "title: T\ndocuments: [welcome, intentions]\n"},
                                  "content/workbook.yaml:2:22: unknown document 'intentions'"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_located(cli, tmp_path, case):
    files, expected = CASES[case]
    lines = fails(cli, practice(tmp_path, files), tmp_path)
    assert any(expected in line for line in lines), lines


def test_sandbox_blocks_python_internals(cli, tmp_path):
    lines = fails(cli, practice(tmp_path, {"content/extra.yaml": doc("- text: \"{{ ''.__class__ }}\"\n")}), tmp_path)
    assert any("__class__" in line and "content/extra.yaml:8:11" in line for line in lines), lines


def test_every_problem_in_one_run(cli, tmp_path):
    files = {
        "practice.yaml": "name: P\ncolors: {primary: '#12345'}\n",
        "content/extra.yaml": doc("- promt: x\n- prompt: {id: a}\n- resource: nowhere\n"),
        "content/other.yaml": doc("- text: '{{ nope }}'\n").replace("id: extra", "id: other"),
    }
    lines = fails(cli, practice(tmp_path, files), tmp_path)
    assert len(lines) == 4, lines  # block errors, a template error elsewhere, the practice
    check = cli("check", "-p", practice(tmp_path, files))
    assert any("problems found; nothing was written" in line for line in check.output.splitlines())


def test_usage_errors_exit_2(cli, tmp_path):
    assert cli("build", "no-such-doc", "-o", tmp_path).exit_code == 2
    assert cli("build", "--date", "22/11/2026", "-o", tmp_path).exit_code == 2
    assert cli("frobnicate").exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_unsafe_yaml_tags_are_refused(cli, tmp_path):
    evil = GOOD_DOC + "extra: !!python/object/apply:os.system ['echo hacked']\n"
    lines = fails(cli, practice(tmp_path, {"content/extra.yaml": evil}), tmp_path)
    assert any("content/extra.yaml:9" in line for line in lines), lines
