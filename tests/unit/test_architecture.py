"""The tree shows the pipeline, and data flows one way: no module imports from a later stage or
from the commands; the commands use the pipeline only through its driver; only the CLI knows
click. Read from the source itself (every import, including those inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

import workbook

PACKAGE = Path(workbook.__file__).parent

# The pipeline's stages in order; a module may import its own stage and earlier ones.
STAGES = ["pipeline.sources", "pipeline.load", "pipeline.validate", "pipeline.resolve", "pipeline.render",
          "pipeline.cache", "pipeline.write"]
STAGE_OF = {"pipeline.yaml_messages": "pipeline.load", "pipeline.copies": "pipeline.load", "pipeline.markup": "pipeline.resolve",
            "pipeline.sandbox": "pipeline.resolve", "pipeline.manifest": "pipeline.write",
            "pipeline.personalise": "pipeline.render"}


def modules() -> dict[str, set[str]]:
    """Every module of the package (dotted, without 'workbook.') -> the package modules it imports."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        imports = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imports.add(node.module)
            elif isinstance(node, ast.Import):
                imports.update(a.name for a in node.names)
        found[name] = imports
    return found


def stage(name: str) -> int | None:
    name = next((v for k, v in STAGE_OF.items() if name == k or name.startswith(k + ".")), name)
    return next((i for i, s in enumerate(STAGES) if name == s or name.startswith(s + ".")), None)


MODULES = modules()


def internal(imports: set[str]) -> set[str]:
    return {i.removeprefix("workbook.") for i in imports if i.startswith("workbook.")}


def test_the_tree_has_its_rooms():
    for room in ("model", "pipeline", "pipeline.render", "commands", "cli", "errors"):
        assert room in MODULES, room


def test_no_stage_imports_a_later_stage_or_the_commands():
    for name, imports in MODULES.items():
        here = stage(name)
        if here is None:
            continue
        for target in internal(imports):
            assert not target.startswith(("commands", "cli")), (name, target)
            there = stage(target)
            assert there is None or there <= here, f"{name} imports the later stage {target}"


def test_the_model_imports_no_stage():
    for name, imports in MODULES.items():
        if name.startswith("model"):
            assert {t for t in internal(imports) if not t.startswith(("model", "errors"))} == set(), name


def test_commands_use_the_pipeline_only_through_its_driver():
    for name, imports in MODULES.items():
        if name.startswith("commands"):
            for target in internal(imports):
                assert target == "pipeline" or not target.startswith("pipeline"), (name, target)


def test_only_the_command_line_knows_click():
    for name, imports in MODULES.items():
        if name != "cli":
            assert not {i for i in imports if i.split(".")[0] == "click"}, name


def test_text_reaches_the_page_only_through_the_escaping_paragraph():
    """ReportLab's Paragraph parses markup: only render/paragraph.py, which escapes anything that
    is not Markup, may use it (a chart, a table or a measure included). The tagging library may
    read the class of a fragment Paragraph already parsed (_HSFrag: a word a space follows)."""
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "pipeline" / "render" / "paragraph.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
                names = {a.name for a in node.names}
                assert not names & {"Paragraph", "paragraph", "ParaParser"}, path
                if node.module == "reportlab.platypus.paragraph":
                    assert names <= {"_HSFrag"}, path
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("reportlab.platypus.paragraph") for a in node.names), path
