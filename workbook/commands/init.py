"""`workbook init`: a practice folder to start from, copied from the package's scaffold/ data.

Every YAML file it writes starts with a `yaml-language-server` line naming its JSON Schema,
which it also writes (schemas/), so an editor completes and checks the file while it is typed."""

from __future__ import annotations

import os
from pathlib import Path

from workbook.commands.schema import as_text
from workbook.errors import Problems, display_path
from workbook.pipeline import write_files

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
SCHEMAS = "schemas"


def scaffold_files() -> list[Path]:
    """The scaffold's files, relative to its folder."""
    return sorted(p.relative_to(SCAFFOLD) for p in SCAFFOLD.rglob("*") if p.is_file())


def schema_kind(rel: Path) -> str | None:
    """Which schema a YAML file of a practice folder follows; None for other files."""
    if rel.suffix not in (".yaml", ".yml"):
        return None
    if rel.parts == ("practice.yaml",):
        return "practice"
    if rel.parts[0] == "content":
        return {"references": "references", "workbook": "workbook"}.get(rel.stem, "content")
    return None


def schema_line(rel: Path) -> str:
    """The line naming the JSON Schema of a practice's YAML file at rel, or "" for other files."""
    kind = schema_kind(rel)
    if kind is None:
        return ""
    schema = Path(os.path.relpath(Path(SCHEMAS) / f"{kind}.schema.json", rel.parent))
    return f"# yaml-language-server: $schema={schema.as_posix()}\n"


def _contents(rel: Path) -> bytes:
    return schema_line(rel).encode() + (SCAFFOLD / rel).read_bytes()


def init_practice(target: Path, force: bool = False) -> list[Path]:
    """Copy the scaffold and the schemas into target; without force, refuse (writing nothing) if
    any file exists."""
    files = {rel: _contents(rel) for rel in scaffold_files()}
    files |= {Path(SCHEMAS) / f"{kind}.schema.json": as_text(kind).encode()
              for kind in ("content", "practice", "references", "workbook")}
    problems = Problems()
    if not force:
        for rel in files:
            if (target / rel).exists():
                problems.add(display_path(target / rel), "already exists; use --force to overwrite it")
    problems.raise_if_any()
    # All or nothing, like a build: Ctrl-C or a full disk halfway leaves no half-made folder.
    return write_files(target, {rel.as_posix(): data for rel, data in files.items()})
