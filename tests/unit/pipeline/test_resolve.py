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


def resolved_blocks(folder, settings: Settings | None = None) -> list:
    problems = Problems()
    project = load_project(folder, problems)
    assert not problems and project is not None
    resolved = resolve(project, settings or Settings(), problems, ["extra"])
    assert not problems and resolved is not None
    return list(resolved.documents["extra"].blocks)


def test_a_false_when_leaves_the_block_out_and_a_true_one_keeps_it(practice):
    folder = practice({"content/extra.yaml": document(
        "- text: {text: Always}",
        "- callout: {text: Until reviewed, when: 'not practice.consent_reviewed'}",
        "- text: {text: 'For {{ client.name }}', when: client.name}",
        "- repeat: {count: 3, blocks: [{prompt: {id: q, label: 'Week {{ n }}', when: 'n != 2'}}]}",
    )})
    blocks = resolved_blocks(folder)
    # None: the page breaks between repetitions (two in a row print as one: see render/keep.py)
    assert [getattr(b, "text", getattr(b, "label", None)) for b in blocks] == [
        "Always", "Until reviewed", "Week 1", None, None, "Week 3"]
    named = resolved_blocks(folder, Settings(client="Ana"))
    assert "For Ana" in [getattr(b, "text", None) for b in named]
    (folder / "practice.yaml").write_text("consent_reviewed: true\n")
    assert "Until reviewed" not in [getattr(b, "text", None) for b in resolved_blocks(folder)]


@pytest.mark.parametrize(("when", "message"), [
    ("'not practice.consent_reviewd'", "undefined template variable 'practice.consent_reviewd'; "
                                       "did you mean 'practice.consent_reviewed'?"),
    ("'practice.name =='", "'when' is not a valid condition: unexpected 'end of template'"),
    ("'cilent.name'", "undefined template variable 'cilent'; did you mean 'client'?"),
])
def test_a_broken_when_is_located_and_said_plainly(practice, when, message):
    found = problems_of(practice({"content/extra.yaml": document(f"- text: {{text: Hi, when: {when}}}")}))
    assert len(found) == 1 and f"content/extra.yaml:8:28: {message}" in found[0], found
