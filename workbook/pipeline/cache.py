"""The build cache: each finished PDF that holds no client's data, stored under a hash of
everything that can change its bytes, so that a rebuild lays out only what changed.

A document's key hashes the document as validated and the frame every document shares: the
practice's settings, logo and fonts, the templates, the references, the workbook's contents, the
language and its words, the build options (paper, large print, flat, clinician, date and any
later setting), this package's own code and fonts, and the versions of Python and of the
libraries that shape a PDF.
The bound workbook's key hashes the frame and its documents' keys, in order. The same key
always means the same bytes, because the same inputs always give the same bytes.

An entry is read back only if its header names the key asked for and its bytes match the
length and SHA-256 the header records; anything else (a truncated write, a flipped bit, an
entry from another key) is ignored, laid out again and written over. Builds with a client's
name are never cached, so the cache holds no client data. Folders are owner-only (0700), files
owner-only (0600); entries unused for longest are removed once the cache outgrows its limit."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from workbook import __version__
from workbook.errors import Location
from workbook.pipeline.sources import FONT_CAP, IMAGE_CAP, MB, PDF_CAP, Unreadable, read_capped

if TYPE_CHECKING:
    from workbook.model.project import Project
    from workbook.model.settings import Settings

FORMAT = 1  # the entry layout below; a new layout gets a new folder
MAGIC = b"kap-workbook cache %d\n" % FORMAT
LIMIT = 256 * 2**20  # bytes; when a build leaves more, the least recently used entries go
LIBRARIES = ("reportlab", "rl-accel", "qrcode", "jinja2", "pydantic", "pydantic-core", "pyyaml", "babel")
_PACKAGE = Path(__file__).resolve().parent.parent
_NOT_CODE = {"content", "templates", "__pycache__"}  # inputs hashed as such, or not inputs at all


def default_dir() -> Path:
    """$XDG_CACHE_HOME/kap-workbook, or ~/.cache/kap-workbook: never the output folder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kap-workbook"


@dataclass(frozen=True)
class Entry:
    data: bytes  # the PDF (or a QR code's matrix, with pages 0)
    pages: int
    warnings: tuple[str, ...] = ()  # what laying it out warned about, said again when it is reused


class Cache:
    """Entries in <root>/v<FORMAT>/<first two hex digits>/<key>. A cache that cannot be read or
    written is switched off for the rest of the run (`failure` says why); the build goes on."""

    def __init__(self, root: Path):
        self.root = root
        self.folder = root / f"v{FORMAT}"
        self.failure = ""
        self.written: list[str] = []  # keys written in this run, in order

    def get(self, key: str) -> Entry | None:
        if self.failure:
            return None
        path = self._path(key)
        try:
            raw = read_capped(path, PDF_CAP + MB, "a cache entry")
        except FileNotFoundError:
            return None
        except Unreadable:  # not a file, or far too big: not an entry this code wrote
            return None
        except OSError as exc:
            self.fail(exc)
            return None
        entry = _decode(raw, key)
        if entry is not None:
            try:
                os.utime(path)  # recently used: kept longest
            except OSError:
                pass
        return entry

    def put(self, key: str, entry: Entry) -> None:
        if self.failure:
            return
        path = self._path(key)
        try:
            _private_folder(self.root)
            _private_folder(self.folder)
            _private_folder(path.parent)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")  # created 0600
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(_encode(key, entry))
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError as exc:
            self.fail(exc)
            return
        self.written.append(key)

    def matrix(self, data: str) -> tuple[tuple[bool, ...], ...] | None:
        """A QR code's module matrix kept by `keep_matrix`, if it is there and whole."""
        entry = self.get(_digest(_code(), "qr", data))
        if entry is None or entry.pages != 0:
            return None
        rows = entry.data.split(b"\n")
        if any(len(row) != len(rows) or row.strip(b"01") for row in rows):
            return None
        return tuple(tuple(m == 0x31 for m in row) for row in rows)

    def keep_matrix(self, data: str, rows: tuple[tuple[bool, ...], ...]) -> None:
        """The qrcode package tries eight masks in pure Python: its matrices are worth keeping
        (the text of a reference's address is never a client's)."""
        self.put(_digest(_code(), "qr", data), Entry(b"\n".join(bytes(0x31 if m else 0x30 for m in r) for r in rows), 0))

    def prune(self, limit: int = LIMIT) -> None:
        """Remove the least recently used entries until the cache holds under half of limit,
        once it holds more than limit."""
        if self.failure or not self.written:
            return
        try:
            entries = [(p.stat(), p) for p in self.folder.glob("??/*") if p.is_file()]
        except OSError:
            return
        total = sum(st.st_size for st, _ in entries)
        if total <= limit:
            return
        for st, path in sorted(entries, key=lambda e: e[0].st_mtime):
            if total <= limit // 2:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= st.st_size

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def fail(self, exc: Exception) -> None:
        """Off for the rest of the run; `failure` names the folder and the reason, nothing else."""
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        self.failure = f"{self.root}: {reason}"


def _private_folder(path: Path) -> None:
    """The folder, created owner-only (with any missing parents); an existing one is made
    owner-only too."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o700)


def _encode(key: str, entry: Entry) -> bytes:
    header = {"key": key, "size": len(entry.data), "sha256": hashlib.sha256(entry.data).hexdigest(),
              "pages": entry.pages, "warnings": list(entry.warnings)}
    return MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + entry.data


def _decode(raw: bytes, key: str) -> Entry | None:
    """The entry, if raw is a whole, intact entry for key; otherwise None."""
    if not raw.startswith(MAGIC):
        return None
    line_end = raw.find(b"\n", len(MAGIC))
    try:
        header = json.loads(raw[len(MAGIC):line_end])
        data = raw[line_end + 1:]
        if (line_end < 0 or header["key"] != key or header["size"] != len(data)
                or header["sha256"] != hashlib.sha256(data).hexdigest()):
            return None
        return Entry(data, int(header["pages"]), tuple(str(w) for w in header["warnings"]))
    except (ValueError, KeyError, TypeError):
        return None


# --- keys -------------------------------------------------------------------------------------


# The project's fields that are not part of the frame: documents are keyed one by one, the logo
# and fonts by their bytes (assets), and the rest changes no PDF. Any other field, including one
# added later, is part of every key.
_NOT_FRAME = {"documents", "assets", "origins", "practice_dir", "warnings"}


def cacheable(settings: Settings) -> bool:
    """Only builds without a client's name are cached: the cache never holds client data."""
    return not settings.client


def keys(project: Project, settings: Settings, fillable: bool, documents: Iterable[str],
         workbook: tuple[str, ...] | None) -> dict[str, str]:
    """The key of each document's PDF and of the bound workbook of the documents `workbook`
    names, by file name ('welcome.pdf', 'workbook.pdf').

    Keys are made from the validated project, exactly as the later stages will read it (a file
    saved again while a build runs cannot slip a newer text under an older layout, and an edited
    comment changes nothing), and from the bytes of the practice's logo and fonts."""
    assert cacheable(settings)
    options = {k: str(v) for k, v in dataclasses.asdict(settings).items() if k != "client"}
    inputs = {f.name: _canonical(getattr(project, f.name)) for f in dataclasses.fields(project) if f.name not in _NOT_FRAME}
    frame = _digest(json.dumps({
        "options": options, "fillable": fillable, "code": _code(), "env": _reportlab_env(), "inputs": inputs,
        "characters": project.characters,  # their font codes, in every PDF
    }, sort_keys=True), assets(project))

    def document(doc_id: str) -> str:
        return _digest(frame, "document", json.dumps(_canonical(project.documents[doc_id]), sort_keys=True))

    out = {f"{doc_id}.pdf": document(doc_id) for doc_id in documents}
    if workbook is not None:
        out["workbook.pdf"] = _digest(frame, "workbook", *(out.get(f"{i}.pdf") or document(i) for i in workbook))
    return out


def assets(project: Project) -> str:
    """The practice's logo and fonts, which the layout reads from disk: compared again after a
    build, so that a file replaced while it ran is not cached under its old contents."""
    files = [(project.assets.logo, IMAGE_CAP), *((f, FONT_CAP) for f in project.assets.fonts or ())]
    return _digest(*(hashlib.sha256(read_capped(p, cap, "a practice file")).hexdigest() if p else "-" for p, cap in files))


def _canonical(value: Any) -> Any:
    """A model as plain JSON data, with each model's type name (two block types may share their
    fields) and without source locations, which change no output."""
    if isinstance(value, BaseModel):
        return [type(value).__name__, {k: _canonical(getattr(value, k)) for k in type(value).model_fields}]
    if isinstance(value, Location):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}]
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, (set, frozenset)):  # in an order that does not change from run to run
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    # Anything else a model may hold (dates, enums, URLs...) as pydantic writes it in JSON; a value
    # pydantic cannot write raises, and the build goes on without the cache.
    return to_jsonable_python(value)


@cache
def _code() -> str:
    """This package's code and fonts, its version, and the versions of Python and the libraries
    that shape a PDF: hashed once per process (a watching process keeps the code it started with)."""
    from importlib import metadata

    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    files = sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and not _NOT_CODE & set(p.relative_to(_PACKAGE).parts))
    return _digest(__version__, sys.version, json.dumps(versions, sort_keys=True),
                   *(f"{p.relative_to(_PACKAGE)}:{hashlib.sha256(p.read_bytes()).hexdigest()}" for p in files))


def _reportlab_env() -> dict[str, str]:
    """ReportLab reads RL_* variables (compression, ASCII85...) that change the bytes it writes."""
    return {k: v for k, v in sorted(os.environ.items()) if k.startswith("RL_")}


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogateescape")
        h.update(b"%d:" % len(data) + data)
    return h.hexdigest()
