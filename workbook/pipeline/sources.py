"""Stage 0, sources: where the inputs live, the built-in content and templates overlaid by a
practice folder.

The base language (English) sits at the top of content/ and templates/; every other language has
a folder of the same shape in each, named for it (content/es/, templates/es/). A language exists
where a templates/<language>/strings.yaml does, built-in or in the practice folder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workbook.model.base import BASE_LANGUAGE, LANGUAGE_PATTERN

_PACKAGE = Path(__file__).resolve().parent.parent  # the workbook package
SPECIAL_FILES = ("references.yaml", "workbook.yaml")


def builtin_dir(name: str) -> Path:
    """content/ or templates/: inside the installed package, or at the top of a source checkout."""
    packaged = _PACKAGE / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


FONTS_DIR = _PACKAGE / "fonts"
PRACTICE_FILE = "practice.yaml"
PRACTICE_ENV = "WORKBOOK_PRACTICE"


def find_practice(start: Path, environ: dict[str, str]) -> tuple[Path, str] | None:
    """The practice folder to use when none was named, and how it was found: the nearest folder
    holding practice.yaml, from start up to the root, else the WORKBOOK_PRACTICE variable."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PRACTICE_FILE).is_file():
            return folder, "found from the current folder"
    if environ.get(PRACTICE_ENV):
        return Path(environ[PRACTICE_ENV]).resolve(), f"from {PRACTICE_ENV}"
    return None


@dataclass(frozen=True)
class Builtin:
    """A built-in file a practice can copy: a document (by id), a template or the workbook's
    contents (by file name)."""

    name: str  # as typed on the command line: welcome, header.j2, workbook.yaml
    path: Path  # the built-in file
    rel: Path  # where a practice's copy of it lives, e.g. content/welcome.yaml

    @property
    def is_document(self) -> bool:
        return self.rel.parent.name == "content" and self.rel.name not in SPECIAL_FILES


def builtins() -> dict[str, Builtin]:
    """Every built-in file a practice can copy, by name. A built-in document's file is named by
    its id (tests/unit checks it)."""
    content, templates = builtin_dir("content"), builtin_dir("templates")
    found = [Builtin(p.stem, p, Path("content", p.name)) for p in sorted(content.glob("*.yaml"))
             if p.name not in SPECIAL_FILES]
    found.append(Builtin("workbook.yaml", content / "workbook.yaml", Path("content", "workbook.yaml")))
    found += [Builtin(p.name, p, Path("templates", p.name)) for p in sorted(templates.iterdir()) if p.is_file()]
    return {b.name: b for b in found}


def find_builtin(name: str) -> Builtin | None:
    """A built-in by its name, or a template or workbook.yaml by its name without the extension."""
    every = builtins()
    return every.get(name) or next((b for b in every.values() if not b.is_document and b.path.stem == name), None)


@dataclass(frozen=True)
class Layer:
    """One place inputs come from: 'built-in' or 'practice'."""

    origin: str
    content: Path
    templates: Path

    def documents(self) -> list[Path]:
        if not self.content.is_dir():
            return []
        return sorted(p for p in self.content.glob("*.yaml") if p.name not in SPECIAL_FILES)

    def special(self, name: str) -> Path | None:
        path = self.content / name
        return path if path.is_file() else None

    def template(self, name: str) -> Path | None:
        path = self.templates / name
        return path if path.is_file() else None

    def languages(self) -> set[str]:
        if not self.templates.is_dir():
            return set()
        return {p.parent.name for p in self.templates.glob("*/strings.yaml") if re.match(LANGUAGE_PATTERN, p.parent.name)}

    def translated(self, language: str) -> Layer:
        """The same origin's folders for a language other than the base one."""
        return Layer(self.origin, self.content / language, self.templates / language)



@dataclass(frozen=True)
class Sources:
    """The search path, first layer lowest: later layers override earlier ones."""

    layers: tuple[Layer, ...]
    practice_dir: Path | None

    @classmethod
    def find(cls, practice_dir: Path | None) -> Sources:
        layers = [Layer("built-in", builtin_dir("content"), builtin_dir("templates"))]
        if practice_dir is not None:
            practice_dir = practice_dir.resolve()
            layers.append(Layer("practice", practice_dir / "content", practice_dir / "templates"))
        return cls(tuple(layers), practice_dir)

    def template(self, name: str) -> Path | None:
        for layer in reversed(self.layers):
            found = layer.template(name)
            if found:
                return found
        return None

    def languages(self) -> list[str]:
        """The base language and every language some layer has strings for."""
        return sorted({BASE_LANGUAGE}.union(*(layer.languages() for layer in self.layers)))

    def translated(self, language: str) -> Sources:
        """The search path of a language: each layer's folder for it (the base language: itself)."""
        if language == BASE_LANGUAGE:
            return self
        return Sources(tuple(layer.translated(language) for layer in self.layers), self.practice_dir)
