"""`workbook init`: a practice folder to start from, copied from the package's scaffold/ data."""

from __future__ import annotations

import shutil
from pathlib import Path

from workbook.errors import Problems
from workbook.load import display_path

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"


def scaffold_files() -> list[Path]:
    """The scaffold's files, relative to its folder."""
    return sorted(p.relative_to(SCAFFOLD) for p in SCAFFOLD.rglob("*") if p.is_file())


def init_practice(target: Path, force: bool = False) -> list[Path]:
    """Copy the scaffold into target; without force, refuse (writing nothing) if any file exists."""
    files = scaffold_files()
    problems = Problems()
    if not force:
        for rel in files:
            if (target / rel).exists():
                problems.add(display_path(target / rel), "already exists; use --force to overwrite it")
    problems.raise_if_any()
    written = []
    for rel in files:
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SCAFFOLD / rel, dest)
        written.append(dest)
    return written
