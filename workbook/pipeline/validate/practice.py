"""The practice folder's practice.yaml: parsed, and its files (logo, fonts) checked and resolved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbook.errors import Location, Problems, display_path
from workbook.model.practice import Practice
from workbook.model.project import Assets
from workbook.pipeline.load import load_yaml
from workbook.pipeline.validate.contrast import check_contrast
from workbook.pipeline.validate.parse import parse

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPG
_FONT_MAGIC = (b"\x00\x01\x00\x00", b"true")


def load_practice(practice_dir: Path | None, problems: Problems) -> tuple[Practice, Assets] | None:
    """The practice settings and files; the built-in default brand when there is no practice folder."""
    if practice_dir is None:
        return Practice(), Assets()
    if not practice_dir.is_dir():
        problems.add(display_path(practice_dir), "practice folder not found")
        return None
    path = practice_dir / "practice.yaml"
    if not path.is_file():
        problems.add(display_path(path), "missing practice.yaml in the practice folder")
        return None
    data = load_yaml(path, problems)
    practice = parse(Practice, data, problems, Location(display_path(path), 1, 1))
    if practice is None:
        return None
    ok = check_contrast(practice, problems)
    logo = fonts = None
    if practice.logo:
        logo = _check_file(practice, "logo", practice_dir, problems, _IMAGE_MAGIC, "a PNG or JPG image")
        ok &= logo is not None
    if practice.fonts:
        regular, bold, italic = (_check_file(practice.fonts, key, practice_dir, problems, _FONT_MAGIC,
                                             "a TrueType (.ttf) font") for key in ("regular", "bold", "italic"))
        if regular and bold and italic:
            fonts = (regular, bold, italic)
        else:
            ok = False
    return (practice, Assets(logo, fonts)) if ok else None


def resolve_inside(base: Path, relative: str) -> Path | None:
    """The path of `relative` under `base`, or None when it would leave the folder."""
    path = (base / relative).resolve()
    return path if path.is_relative_to(base.resolve()) else None


def _check_file(model: Any, key: str, base: Path, problems: Problems, magics: tuple[bytes, ...], what: str) -> Path | None:
    where = model.where(key)
    relative = getattr(model, key)
    path = resolve_inside(base, relative)
    if path is None:
        problems.add(where, f"'{relative}' is outside the practice folder; keep {key} files inside it")
        return None
    if not path.is_file():
        problems.add(where, f"file not found: '{relative}' (looked in {display_path(path)})")
        return None
    with path.open("rb") as fh:
        head = fh.read(8)
    if not any(head.startswith(m) for m in magics):
        problems.add(where, f"'{relative}' is not {what}")
        return None
    return path
