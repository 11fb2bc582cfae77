"""The practice folder's practice.yaml: parsed, and its files (logo, fonts) checked and resolved."""

from __future__ import annotations

import os
import warnings
from io import BytesIO
from pathlib import Path
from typing import Any

from workbook.errors import Location, Problems, display_path
from workbook.model.practice import Practice
from workbook.model.project import Assets
from workbook.pipeline.load import load_yaml
from workbook.pipeline.sources import FONT_CAP, IMAGE_CAP, Unreadable, confined_file, outside, read_capped
from workbook.pipeline.validate.contrast import check_contrast
from workbook.pipeline.validate.parse import parse

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPG
_FONT_MAGIC = (b"\x00\x01\x00\x00", b"true")
MAX_PIXELS = 25_000_000  # a logo is printed a few centimetres wide; 5000 x 5000 is plenty


def load_practice(practice_dir: Path | None, problems: Problems) -> tuple[Practice, Assets] | None:
    """The practice settings and files; the built-in default brand when there is no practice folder."""
    if practice_dir is None:
        return Practice(), Assets()
    if not practice_dir.is_dir():
        problems.add(display_path(practice_dir), "practice folder not found")
        return None
    path = practice_dir / "practice.yaml"
    if not os.path.lexists(path):
        problems.add(display_path(path), "missing practice.yaml in the practice folder")
        return None
    if not confined_file(path, practice_dir, "practice", problems):
        return None
    data = load_yaml(path, problems)
    practice = parse(Practice, data, problems, Location(display_path(path), 1, 1))
    if practice is None:
        return None
    ok = check_contrast(practice, problems)
    logo = fonts = None
    if practice.logo:
        logo = _check_file(practice, "logo", practice_dir, problems, _IMAGE_MAGIC, "a PNG or JPG image", IMAGE_CAP)
        ok &= logo is not None
    if practice.fonts:
        regular, bold, italic = (_check_file(practice.fonts, key, practice_dir, problems, _FONT_MAGIC,
                                             "a TrueType (.ttf) font", FONT_CAP) for key in ("regular", "bold", "italic"))
        if regular and bold and italic:
            fonts = (regular, bold, italic)
        else:
            ok = False
    return (practice, Assets(logo, fonts)) if ok else None


def resolve_inside(base: Path, relative: str) -> Path | None:
    """The path of `relative` under `base`, or None when it would leave the folder."""
    path = base / relative
    return None if outside(path, base) else path.resolve()


def _check_file(model: Any, key: str, base: Path, problems: Problems, magics: tuple[bytes, ...], what: str,
                cap: int) -> Path | None:
    """The file a practice setting names, when it is inside the folder, a regular file within
    its size cap, and really `what`: decoded in full for an image, parsed for a font, so that a
    damaged file is named here rather than failing halfway through a build."""
    where = model.where(key)
    relative = getattr(model, key)
    path = resolve_inside(base, relative)
    if path is None:
        problems.add(where, f"'{relative}' is outside the practice folder; keep {key} files inside it")
        return None
    if not os.path.lexists(path):
        problems.add(where, f"file not found: '{relative}' (looked in {display_path(path)})")
        return None
    try:
        data = read_capped(path, cap, f"a {key} file")
    except Unreadable as exc:
        problems.add(where, f"'{relative}' {exc}")
        return None
    except OSError as exc:
        problems.add(where, f"cannot read '{relative}': {exc.strerror or exc}")
        return None
    if not any(data.startswith(m) for m in magics):
        problems.add(where, f"'{relative}' is not {what}")
        return None
    damage = _image_damage(data) if magics is _IMAGE_MAGIC else _font_damage(data)
    if damage:
        problems.add(where, f"'{relative}' {damage}")
        return None
    return path


def _image_damage(data: bytes) -> str | None:
    """Why the image cannot be used, or None: its pixels are counted from its header before any
    is decoded (a small file can unpack to gigabytes), then it is decoded in full."""
    from PIL import Image  # ReportLab's own image library; only needed when there is a logo

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return _too_many_pixels(width, height)
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return _too_many_pixels(0, 0)
    except Exception:  # noqa: BLE001 - Pillow raises many kinds on a damaged file
        return "is damaged: the image cannot be decoded; export it again as PNG or JPG"
    return None


def _too_many_pixels(width: int, height: int) -> str:
    size = f"{width} x {height} pixels" if width else "far too many pixels"
    return f"has {size}; a logo may have at most {MAX_PIXELS // 1_000_000} million: make it smaller"


def _font_damage(data: bytes) -> str | None:
    from reportlab.pdfbase.ttfonts import TTFontFile

    try:
        TTFontFile(BytesIO(data))
    except Exception:  # noqa: BLE001 - a damaged font fails the parser in many ways
        return "is damaged or is not a TrueType font that can be embedded"
    return None
