"""`workbook diff`: what changed in a built-in since the practice copied it, as a unified diff
of the YAML (or template) text.

The text as copied is the one `workbook eject` kept under .workbook/originals/. When it is not
there (or the copy was made by hand), the practice's own file is compared with the installed
built-in instead, and the note says so: the practice's own edits then show too."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from workbook.errors import display_path
from workbook.pipeline import Upstream, original_path, version_of, with_header, write_file


@dataclass(frozen=True)
class Comparison:
    diff: str  # a unified diff; empty when there is nothing to show
    note: str  # what was compared, and what to do next


def compare(up: Upstream, practice_dir: Path) -> Comparison:
    assert up.copy is not None and up.mine is not None  # the command checks that the practice has a copy
    name, copy = up.builtin.name, display_path(up.copy)
    version = version_of(up.builtin, up.current)
    installed = f"built-in {name}" + (f", version {version}" if version else "") + " (installed)"
    acknowledge = f"`workbook diff {name} --acknowledge`"
    if up.record is None:
        return Comparison(_diff(up.mine, up.current, f"{copy} (yours)", installed),
                          f"{copy} does not record which built-in it was copied from, so this compares your whole file "
                          f"with the installed built-in: your own changes show too. {acknowledge} records the installed "
                          "built-in, so that later changes to it are shown alone.")
    if not up.changed:
        return Comparison("", f"the built-in {name} has not changed since {copy} was copied from it "
                              f"({up.record.described()}).")
    if up.original is None:
        kept = display_path(original_path(practice_dir, up.builtin))
        return Comparison(_diff(up.mine, up.current, f"{copy} (yours)", installed),
                          f"the built-in {name} has changed since {copy} was copied ({up.record.described()}), but the "
                          f"text of that version is not kept ({kept} is missing or was changed), so this compares your "
                          f"whole file with the installed built-in: your own changes show too. Once your copy has what "
                          f"you want, {acknowledge} marks it up to date.")
    return Comparison(_diff(up.original, up.current, f"built-in {name}, {up.record.described()} (as copied)", installed),
                      f"what changed in the built-in {name} since {copy} was copied ({up.record.described()}). Make "
                      f"the changes you want in your copy, then {acknowledge} marks it up to date.")


def acknowledge(up: Upstream, practice_dir: Path) -> Path:
    """Record that the practice's copy now follows the installed built-in: its first line and the
    kept original move to the installed text; the rest of the copy is kept byte for byte."""
    assert up.copy is not None and up.mine is not None
    write_file(original_path(practice_dir, up.builtin), up.current)
    return write_file(up.copy, with_header(up.mine, up.builtin, up.current))


def _diff(before: bytes, after: bytes, before_label: str, after_label: str) -> str:
    lines = difflib.unified_diff(_lines(before), _lines(after), before_label, after_label)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", "replace").splitlines(keepends=True)
