"""Unit tests: fast, no PDF written. A practice folder is a few YAML files in a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest


@pytest.fixture
def practice(tmp_path):
    """practice({path: text}) -> a practice folder holding those files (practice.yaml by default)."""
    def make(files: dict[str, str]) -> Path:
        files = {"practice.yaml": "name: Test Practice\n", **files}
        for name, body in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(body), encoding="utf-8")
        return tmp_path
    return make

