"""The other engines clients fill and view forms in, when this machine has them: pdf.js (Firefox)
through Node, poppler (Evince, Okular) through pdftoppm and, for filling, poppler-glib through the
system Python. Each check using one is skipped when it is absent; .ci/run installs pdf.js."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

HERE = Path(__file__).parent
PDFJS_DIR = Path(os.environ.get("PDFJS_DIR", Path.home() / ".cache" / "kap-workbook-pdfjs"))  # not the build cache
SYSTEM_PYTHON = "/usr/bin/python3"  # with PyGObject and gir1.2-poppler-0.18, as Evince uses poppler


def have_pdfjs() -> bool:
    return shutil.which("node") is not None and (PDFJS_DIR / "node_modules" / "pdfjs-dist" / "legacy").is_dir()


def have_poppler() -> bool:
    return shutil.which("pdftoppm") is not None


def have_poppler_glib() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    probe = "import gi; gi.require_version('Poppler', '0.18'); from gi.repository import Poppler"
    return subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True).returncode == 0


def _node(*args: str) -> None:
    subprocess.run(["node", str(HERE / "pdfjs_forms.mjs"), str(PDFJS_DIR), *args], check=True, capture_output=True,
                   timeout=120)


def pdfjs_fill(src: Path, dst: Path, values: dict[str, str | bool]) -> Path:
    """Fill as Firefox does: text as typed, True for a check box, a radio group's value."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(values, f, ensure_ascii=False)
    try:
        _node("fill", str(src), str(dst), f.name)
    finally:
        os.unlink(f.name)
    return dst


def pdfjs_render(pdf: Path, scale: float = 1.0, page: int | None = None) -> list[Image.Image]:
    """Pages (or one page, counted from 1) as Firefox draws the saved file."""
    with tempfile.TemporaryDirectory() as tmp:
        _node("render", str(pdf), f"{tmp}/p", str(scale), *([str(page)] if page else []))
        return [Image.open(p).copy() for p in sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem[2:]))]


def poppler_render(pdf: Path, scale: float = 1.0, page: int | None = None) -> list[Image.Image]:
    """Pages as pdftoppm draws them (what Evince and Okular show)."""
    with tempfile.TemporaryDirectory() as tmp:
        pages = ["-f", str(page), "-l", str(page)] if page else []
        subprocess.run(["pdftoppm", "-r", str(72 * scale), *pages, "-png", str(pdf), f"{tmp}/p"], check=True,
                       capture_output=True, timeout=120)
        return [Image.open(p).copy() for p in sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))]


def poppler_fill(src: Path, dst: Path, texts: dict[str, str], clicks: list[tuple[str, int, tuple[float, float]]]) -> Path:
    """Fill as Evince does (poppler-glib): set text fields, click button widgets at a point."""
    actions = [{"name": n, "text": t} for n, t in texts.items()] + \
        [{"name": n, "page": p, "centre": list(c)} for n, p, c in clicks]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(actions, f, ensure_ascii=False)
    try:
        subprocess.run([SYSTEM_PYTHON, str(HERE / "poppler_glib_fill.py"), str(src), str(dst), f.name], check=True,
                       capture_output=True, timeout=120)
    finally:
        os.unlink(f.name)
    return dst
