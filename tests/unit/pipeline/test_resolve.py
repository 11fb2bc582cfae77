"""Stage 3: every text through the sandbox; a mistake names the variable and what was meant."""

from __future__ import annotations

import pytest
from practice_files import document

from workbook.errors import Problems
from workbook.model.settings import Settings
from workbook.pipeline.resolve import resolve
from workbook.pipeline.validate import load_project


def problems_of(folder) -> list[str]:
    problems = Problems()
    project = load_project(folder, problems)
    assert not problems and project is not None
    assert resolve(project, Settings(), problems) is None
    return [str(p) for p in problems.items]


@pytest.mark.parametrize(("text", "message"), [
    ("{{ practice.phon }}", "undefined template variable 'practice.phon'; did you mean 'practice.phone'?"),
    ("{{ clinet.name }}", "undefined template variable 'clinet'; did you mean 'client'?"),
    ("{{ practice.zzz }}", "undefined template variable 'practice.zzz'; the variables here are practice.name, "
                           "practice.clinician, practice.phone"),
    ("{{ zzz }}", "undefined template variable 'zzz'; the variables here are practice, client, clinician, date, "
                  "workbook, doc"),
])
def test_an_undefined_variable_names_the_close_one_or_the_ones_there_are(practice, text, message):
    found = problems_of(practice({"content/extra.yaml": document(f"- text: 'Hi {text}'")}))
    assert len(found) == 1 and f"content/extra.yaml:8:11: {message}" in found[0], found


def test_python_internals_stay_out_of_reach(practice):
    found = problems_of(practice({"content/extra.yaml": document("- text: \"{{ ''.__class__.__mro__ }}\"")}))
    assert "content/extra.yaml:8:11: " in found[0] and "__class__" in found[0]
