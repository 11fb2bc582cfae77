"""`workbook eject`: a built-in document or template copied into the practice folder, to edit.

The copy's first line records the built-in it came from (name, version, sha256 of its text), and
the built-in's text is kept as it was under .workbook/originals/, so that `workbook check` can
tell when a later release changes the built-in, and `workbook diff` can show how."""

from __future__ import annotations

from pathlib import Path

from workbook.commands.init import schema_line
from workbook.errors import Problems, display_path
from workbook.pipeline import Builtin, in_effect, original_path, with_header, write_file


def eject(practice_dir: Path, builtin: Builtin, force: bool = False) -> Path:
    """Write the copy and keep the original; without force, refuse (writing nothing) when the
    practice already has its own file for this name."""
    current = in_effect(practice_dir, builtin.name)
    assert current is not None  # a built-in always has a file in effect
    own = current.disabled_by or (current.path if current.origin == "practice" else None)
    copy = own or practice_dir / builtin.rel
    if copy.exists() and not force:
        problems = Problems()
        problems.add(display_path(copy), f"the practice already has its own {builtin.name}; "
                                         "use --force to replace it with a fresh copy of the built-in")
        problems.raise_if_any()
    data = builtin.path.read_bytes()
    line = schema_line(builtin.rel)
    schema = (copy.parent / line.partition("$schema=")[2].strip()) if line else None
    text = with_header((line if schema and schema.is_file() else "").encode() + data, builtin, data)
    # The original first: a copy is never left without the text it was taken from.
    write_file(original_path(practice_dir, builtin), data)
    return write_file(copy, text)
