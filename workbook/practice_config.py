"""The practice folder's practice.yaml: parsed, and its files (logo, fonts) checked."""

from __future__ import annotations

from pathlib import Path

from workbook.contrast import check_contrast
from workbook.errors import Location, Problems
from workbook.load import display_path, load_yaml
from workbook.parse import parse
from workbook.schema.practice import Practice

_IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPG"}


def load_practice(practice_dir: Path | None, problems: Problems) -> Practice | None:
    """The practice settings; the built-in default brand when there is no practice folder."""
    if practice_dir is None:
        return Practice()
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
    if practice.logo:
        ok &= _check_logo(practice, practice_dir, problems)
    if practice.fonts:
        for key in ("regular", "bold", "italic"):
            ok &= _check_file(practice.fonts, key, practice_dir, problems, (b"\x00\x01\x00\x00", b"true"), "a TrueType (.ttf) font") is not None
    return practice if ok else None


def resolve_inside(base: Path, relative: str) -> Path | None:
    """The path of `relative` under `base`, or None when it would leave the folder."""
    path = (base / relative).resolve()
    return path if path.is_relative_to(base.resolve()) else None


def _check_file(model, key: str, base: Path, problems: Problems, magics, what: str) -> Path | None:
    where = model.where(key)
    relative = getattr(model, key)
    path = resolve_inside(base, relative)
    if path is None:
        problems.add(where, f"'{relative}' is outside the practice folder; keep {key} files inside it")
        return None
    if not path.is_file():
        problems.add(where, f"file not found: '{relative}' (looked in {display_path(path)})")
        return None
    head = path.read_bytes()[:8]
    if not any(head.startswith(m) for m in magics):
        problems.add(where, f"'{relative}' is not {what}")
        return None
    return path


def _check_logo(practice: Practice, base: Path, problems: Problems) -> bool:
    return _check_file(practice, "logo", base, problems, tuple(_IMAGE_MAGIC), "a PNG or JPG image") is not None


def logo_path(practice: Practice, practice_dir: Path | None) -> Path | None:
    if not practice.logo or practice_dir is None:
        return None
    return resolve_inside(practice_dir, practice.logo)
