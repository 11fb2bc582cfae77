"""Stage 2: typed models from YAML, every problem located, with the valid choices when nothing is close."""

from __future__ import annotations

from practice_files import document

from workbook.errors import Problems
from workbook.model.blocks import Heading, Prompt
from workbook.pipeline.validate import load_project


def problems_of(folder) -> list[str]:
    problems = Problems()
    load_project(folder, problems)
    return [str(p) for p in problems.items]


def test_a_valid_document_becomes_typed_blocks(practice):
    problems = Problems()
    project = load_project(practice({"content/extra.yaml": document("- heading: Hi", "- prompt: {id: a, label: b}")}),
                           problems)
    assert not problems and project is not None
    heading, prompt = project.documents["extra"].blocks
    assert isinstance(heading, Heading) and isinstance(prompt, Prompt) and prompt.lines == 4
    assert str(prompt.where("label")).endswith("content/extra.yaml:9:28")


def test_an_unknown_block_type_suggests_the_close_one_or_lists_them_all(practice):
    close = problems_of(practice({"content/extra.yaml": document("- promt: x")}))
    assert close[0].endswith("content/extra.yaml:8:5: unknown block type 'promt'; did you mean 'prompt'?")
    far = problems_of(practice({"content/extra.yaml": document("- zzz: x")}))
    assert far[0].endswith("unknown block type 'zzz'; the block types are heading, text, bullets, steps, callout, "
                           "safety, page_break, resource, prompt, fields, checklist, scale, yes_no, initials, "
                           "signature, table, measure, repeat")


def test_an_unknown_reference_says_where_references_are_defined(practice):
    found = problems_of(practice({"content/extra.yaml": document("- resource: zzz")}))
    assert len(found) == 1
    assert "unknown reference 'zzz'; references are defined in " in found[0]
    assert "content/references.yaml: ketamine-cognitive-neuroscience, " in found[0]


def test_an_unknown_workbook_document_lists_the_documents(practice):
    found = problems_of(practice({"content/workbook.yaml": "title: T\ndocuments: [zzz]\n"}))
    assert "content/workbook.yaml:2:13: unknown document 'zzz'; the documents are contraindication-consent, " in found[0]
    assert found[0].endswith(", welcome, what-to-expect")


def test_every_problem_of_one_run_is_reported(practice):
    found = problems_of(practice({
        "practice.yaml": "name: P\ncolors: {primary: '#12345'}\n",
        "content/extra.yaml": document("- promt: x", "- prompt: {id: a}"),
        "content/other.yaml": document("- resource: nowhere").replace("id: extra", "id: other"),
    }))
    assert len(found) == 4, found
