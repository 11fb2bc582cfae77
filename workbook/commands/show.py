"""`workbook show`: the YAML a build uses for a document (or the text of a template), after the
practice folder's overrides, to read before editing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbook.errors import EnvironmentFailure, display_path
from workbook.pipeline import in_effect, read_own


@dataclass(frozen=True)
class Shown:
    text: str
    source: str  # which file it is, for stderr


def show(practice_dir: Path | None, name: str) -> Shown | None:
    """The text in effect for a document id, a template or workbook.yaml; None for an unknown name."""
    found = in_effect(practice_dir, name)
    if found is None:
        return None
    if found.origin == "practice":  # read as a build reads it: inside the folder, within the cap
        text = read_own(found.path, practice_dir).decode("utf-8", errors="replace")
    else:
        try:
            text = found.path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise EnvironmentFailure(found.path, exc, "read") from None
    source = f"{name}: {'the practice' if found.origin == 'practice' else 'built-in'}, {display_path(found.path)}"
    if found.disabled_by:
        source += f"; disabled by {display_path(found.disabled_by)}, so it is not built"
    return Shown(text, source)
