"""Stage 2, validate: turn loaded YAML into typed, frozen models, collecting every problem
with its location. Nothing after this stage sees raw YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbook.errors import Location, Notice, Problems, display_path, suggest
from workbook.model.base import BASE_LANGUAGE
from workbook.model.blocks import BLOCK_TYPES, Block, Repeat, Resource, Writable, iter_blocks
from workbook.model.document import Document
from workbook.model.frame import Closing, Cover, Frame, SafetyBox
from workbook.model.practice import Practice
from workbook.model.project import Assets, Project, WorkbookSpec
from workbook.model.references import Reference
from workbook.model.strings import Strings
from workbook.pipeline.load import LocDict, LocList, load_yaml, read_text
from workbook.pipeline.sources import TEMPLATE_CAP, Layer, Sources
from workbook.pipeline.validate.keys import settle_blocks, settle_keys
from workbook.pipeline.validate.parse import parse
from workbook.pipeline.validate.practice import load_practice
from workbook.pipeline.validate.translation import INHERITED, compare

TEXT_TEMPLATES = ("header.j2", "footer.j2")


# --- blocks ---------------------------------------------------------------------------------


def parse_blocks(raw: Any, where: Location, problems: Problems) -> tuple[Block, ...]:
    if not isinstance(raw, list):
        problems.add(where, "'blocks' must be a list, each item one block such as '- heading: ...'")
        return ()
    out = []
    for i, item in enumerate(raw):
        at = raw.item_at[i] if isinstance(raw, LocList) else where
        block = _parse_block(item, at, problems)
        if block is not None:
            out.append(block)
    return tuple(out)


def _parse_block(item: Any, at: Location, problems: Problems) -> Block | None:
    if not isinstance(item, dict) or len(item) != 1:
        problems.add(at, "a block is one type with its value, for example '- heading: Before you start'")
        return None
    (kind, value), = item.items()
    model = BLOCK_TYPES.get(kind)
    if model is None:
        where = item.key_at[kind] if isinstance(item, LocDict) else at
        problems.add(where, f"unknown block type '{kind}'" + (suggest(kind, BLOCK_TYPES) or _one_of(BLOCK_TYPES)))
        return None
    value_at = item.value_at[kind] if isinstance(item, LocDict) else at
    if model.shorthand and not isinstance(value, dict):
        if value is None:
            problems.add(value_at, f"'{kind}' needs a value")
            return None
        block = parse(model, {model.shorthand: value}, problems, value_at)
        if block is not None:
            block._where, block._at = value_at, {model.shorthand: _item_locations(value, value_at)}
        return block
    if model is Repeat and isinstance(value, dict):
        inner = parse_blocks(value.get("blocks"), value_at, problems)
        if any(isinstance(b, Repeat) for b in inner):
            problems.add(value_at, "a repeat cannot contain another repeat")
        return parse(model, value, problems, value_at, blocks=inner) if inner else None
    return parse(model, value, problems, value_at)


def _one_of(choices: Any) -> str:
    return "; the block types are " + ", ".join(choices)


def _item_locations(value: Any, at: Location) -> Any:
    return list(value.item_at) if isinstance(value, LocList) else at


# --- documents and the project --------------------------------------------------------------


def _parse_document(path: Path, problems: Problems, below: dict[str, Document],
                    english: dict[str, Document] | None = None, warnings: list[Notice] | None = None) -> Document | None:
    """One document file; `id` and `disabled` alone switch a document of a lower layer on or off.

    With `english` (the base language's documents), the file is a translation: what it leaves out
    of kind, audience, version, reviewed and disabled comes from the English document of its id,
    its field keys too, and it is compared with that document."""
    data = load_yaml(path, problems)
    start = Location(display_path(path), 1, 1)
    if data is None:
        return None
    if not isinstance(data, LocDict):
        problems.add(start, "a document is a mapping with id, title, kind, audience, version, reviewed and blocks")
        return None
    doc_id = data.get("id", path.stem)
    if isinstance(doc_id, (list, dict)):
        problems.add(data.value_at["id"], "'id' must be a word: lowercase letters, digits and hyphens")
        return None
    if "disabled" in data and set(data) <= {"id", "disabled"}:
        if doc_id not in below:
            problems.add(data.key_at.get("id", start), f"no built-in document '{doc_id}' to disable{suggest(doc_id, below)}")
            return None
        if not isinstance(data["disabled"], bool):
            problems.add(data.value_at["disabled"], "'disabled' must be true or false")
            return None
        return below[doc_id].model_copy(update={"disabled": data["disabled"]})
    before = len(problems.items)
    if "blocks" not in data:
        problems.add(start, "missing required field 'blocks'")
        blocks: tuple[Block, ...] = ()
    else:
        blocks = parse_blocks(data["blocks"], data.value_at["blocks"], problems)
        if not blocks and len(problems.items) == before:
            problems.add(data.value_at["blocks"], "a document needs at least one block")
    original = (english or {}).get(doc_id)
    inherited = {k: getattr(original, k) for k in INHERITED if original and k not in data}
    doc = parse(Document, data.without("blocks"), problems, start, id=doc_id, blocks=blocks, **inherited)
    if doc is None or len(problems.items) > before:
        return None
    doc = settle_keys(doc, original, problems)
    if original is not None:
        compare(original, doc, data.value_at["blocks"], problems, warnings if warnings is not None else [])
    seen: dict[str, Location] = {}
    for block in iter_blocks(doc.blocks):
        if isinstance(block, Writable):
            if block.id in seen:
                problems.add(block.where("id"), f"duplicate block id '{block.id}' (first at line {seen[block.id].line})")
            seen.setdefault(block.id, block.where("id"))
    return doc


def _parse_list(path: Path, model: type[Reference], problems: Problems,
                base: dict[str, Reference] | None = None) -> dict[str, Reference]:
    """A list of references; with `base`, an entry with a known id needs only what it changes."""
    data = load_yaml(path, problems)
    where = Location(display_path(path), 1, 1)
    if data is None:
        return {}
    if not isinstance(data, LocList):
        problems.add(where, f"expected a list of {model.__name__.lower()}s")
        return {}
    out: dict[str, Reference] = {}
    for i, item in enumerate(data):
        known = (base or {}).get(str(item.get("id"))) if isinstance(item, dict) else None
        inherited = {k: getattr(known, k) for k in model.model_fields if known and k not in item}
        obj = parse(model, item, problems, data.item_at[i], **inherited)
        if obj is None:
            continue
        if obj.id in out:
            problems.add(obj.where("id"), f"duplicate id '{obj.id}' (first at line {out[obj.id].where('id').line})")
            continue
        out[obj.id] = obj
    return out


def _parse_one(path: Path | None, model: Any, problems: Problems, name: str, **inherited: Any) -> Any:
    if path is None:
        problems.add(name, f"missing {name}")
        return None
    data = load_yaml(path, problems)
    if isinstance(data, dict):
        inherited = {k: v for k, v in inherited.items() if k not in data}
    return None if data is None and problems else parse(model, data, problems, Location(display_path(path), 1, 1),
                                                         **inherited)


def _latest(sources: Sources, name: str, problems: Problems) -> Path | None:
    found = [f for f in (layer.special(name, problems) for layer in sources.layers) if f]
    return found[-1] if found else None


def _parse_frame(sources: Sources, problems: Problems, folder: str) -> Frame | None:
    """The frame of one language, from its own folder (templates/ or templates/<language>/)."""
    cover = _parse_one(sources.template("cover.yaml", problems), Cover, problems, f"{folder}cover.yaml")
    safety = _parse_one(sources.template("safety.yaml", problems), SafetyBox, problems, f"{folder}safety.yaml")
    closing_path = sources.template("closing.yaml", problems)
    closing = None
    if closing_path is None:
        problems.add(f"{folder}closing.yaml", f"missing {folder}closing.yaml")
    else:
        data = load_yaml(closing_path, problems)
        if isinstance(data, LocDict):
            parts = {k: settle_blocks(parse_blocks(v, data.value_at[k], problems), (), problems)
                     for k, v in data.items() if k in ("client", "clinician")}
            closing = parse(Closing, data, problems, data.where, **parts)
        elif data is not None:
            problems.add(Location(display_path(closing_path), 1, 1), "expected 'client:' and 'clinician:' block lists")
    text = {}
    for name in TEXT_TEMPLATES:
        path = sources.template(name, problems)
        if path is None:
            problems.add(f"{folder}{name}", f"missing {folder}{name}")
            continue
        source = read_text(path, TEMPLATE_CAP, "a template", problems)
        if source is not None:
            text[name] = (source, Location(display_path(path), 1, 1))
    if cover is None or safety is None or closing is None or len(text) < len(TEXT_TEMPLATES):
        return None
    return Frame(cover, safety, closing, text)


def _parse_strings(sources: Sources, problems: Problems, folder: str) -> Strings | None:
    """strings.yaml of one language: each layer's file laid over the one below, key by key, so a
    practice's file may hold only the words it changes."""
    merged = None
    for layer in sources.layers:
        path = layer.template("strings.yaml", problems)
        data = load_yaml(path, problems) if path else None
        if isinstance(data, LocDict):
            merged = data if merged is None else merged.merged(data)
        elif path and data is not None:
            problems.add(Location(display_path(path), 1, 1), "expected the words as a mapping, e.g. 'for_clinician: ...'")
    if merged is None:
        problems.add(f"{folder}strings.yaml", f"missing {folder}strings.yaml")
        return None
    return parse(Strings, merged, problems, merged.where)


def _documents(layers: tuple[Layer, ...], problems: Problems, documents: dict[str, Document], origins: dict[str, str],
               english: dict[str, Document] | None = None, warnings: list[Notice] | None = None) -> set[str]:
    """Lay each layer's documents over `documents` (updated in place); the ids they set.

    A built-in translation applies only to the built-in English document: once a practice
    replaces that document, the translation no longer matches it, and the practice's English is
    kept until the practice translates it too."""
    english_origins = dict(origins)
    laid: set[str] = set()
    for layer in layers:
        first_seen: dict[str, Location] = {}
        for path in layer.documents(problems):
            # (built-in files are named by their id)
            if english and layer.origin == "built-in" and english_origins.get(path.stem) == "practice":
                continue
            doc = _parse_document(path, problems, documents, english, warnings)
            if doc is None:
                continue
            if doc.id in first_seen:
                problems.add(doc.where("id"), f"duplicate document id '{doc.id}' (also in {first_seen[doc.id].path})")
                continue
            first_seen[doc.id] = doc.where("id")
            documents[doc.id], origins[doc.id] = doc, layer.origin
            laid.add(doc.id)
    return laid


def _references(layers: tuple[Layer, ...], problems: Problems,
                base: dict[str, Reference] | None = None) -> tuple[dict[str, Reference], list[str]]:
    references: dict[str, Reference] = {}
    files = []
    for layer in layers:
        listed = layer.special("references.yaml", problems)
        if listed:
            references.update(_parse_list(listed, Reference, problems, base))
            files.append(display_path(listed))
    return references, files


def load_project(practice_dir: Path | None, problems: Problems, language: str | None = None) -> Project | None:
    """Load and validate every input, in the practice's language or `language`, recording every
    problem found.

    With problems, a project is still returned when the frame and workbook could be read, so
    that the driver can check templates in the same run; callers must check `problems`."""
    sources = Sources.find(practice_dir)
    found = load_practice(sources.practice_dir, problems)
    practice, assets = found if found else (Practice(), Assets())
    language = language or practice.language
    if language not in sources.languages():
        where = practice.where("language") if found and language == practice.language else Location("--lang")
        problems.add(where, f"no language '{language}'{suggest(language, sources.languages())}; the languages are "
                            f"{', '.join(sources.languages())} (a language is a templates/<language>/strings.yaml)")
        return None
    documents: dict[str, Document] = {}
    origins: dict[str, str] = {}
    _documents(sources.layers, problems, documents, origins)
    references, reference_files = _references(sources.layers, problems)
    workbook = _parse_one(_latest(sources, "workbook.yaml", problems), WorkbookSpec, problems, "content/workbook.yaml")
    local = sources.translated(language)
    folder = "templates/" if language == BASE_LANGUAGE else f"templates/{language}/"
    warnings: list[Notice] = []
    untranslated: frozenset[str] = frozenset()
    if language != BASE_LANGUAGE:
        english = dict(documents)
        untranslated = frozenset(english) - _documents(local.layers, problems, documents, origins, english, warnings)
        warnings += _untranslated(language, english, documents, untranslated)
        translated, files = _references(local.layers, problems, references)
        warnings += [Notice(r.where(), f"no '{language}' text for reference '{i}' (content/{language}/references.yaml): "
                                        "its card shows the English") for i, r in references.items() if i not in translated]
        references, reference_files = {**references, **translated}, reference_files + files
        workbook = _translated_workbook(local, language, workbook, problems, warnings)
    frame = _parse_frame(local, problems, folder)
    strings = _parse_strings(local, problems, folder)
    _check_links(documents, references, reference_files, workbook, frame, problems)
    if workbook is None or frame is None or strings is None:
        return None
    crisis = practice.crisis_in(language)
    if practice.crisis is not None and crisis is None:
        warnings.append(Notice(practice.where("crisis"), f"no crisis line for '{language}' here, so the {language} "
                                f"pages print that language's default one; to give your own, write crisis as "
                                f"one line per language: {{{practice.language}: ..., {language}: ...}}"))
    practice = practice.model_copy(update={"crisis": crisis or strings.crisis})
    return Project(documents, origins, references, workbook, practice, frame, strings, assets, sources.practice_dir,
                   language, untranslated, tuple(warnings))


def _untranslated(language: str, english: dict[str, Document], documents: dict[str, Document],
                  untranslated: frozenset[str]) -> list[Notice]:
    """Documents printed in English in a language's build, and those that exist only in it."""
    out = [Notice(english[i].where(), f"no '{language}' translation (content/{language}/{i}.yaml): its pages are "
                                       "printed in English") for i in sorted(untranslated) if not documents[i].disabled]
    return out + [Notice(d.where(), f"only in '{language}': there is no English document '{i}'")
                  for i, d in sorted(documents.items()) if i not in english]


def _translated_workbook(local: Sources, language: str, workbook: WorkbookSpec | None, problems: Problems,
                         warnings: list[Notice]) -> WorkbookSpec | None:
    """The workbook's title in the language; its documents, unless it lists its own, the English ones."""
    path = _latest(local, "workbook.yaml", problems)
    if path is None or workbook is None:
        if workbook is not None:
            warnings.append(Notice(Location(f"content/{language}/workbook.yaml"),
                                    "missing, so the workbook's title is the English one"))
        return workbook
    return _parse_one(path, WorkbookSpec, problems, display_path(path), documents=workbook.documents)


def _check_links(documents: dict[str, Document], references: dict[str, Reference], reference_files: list[str],
                 workbook: WorkbookSpec | None, frame: Frame | None, problems: Problems) -> None:
    """Cross-file checks: resource blocks name known references; the workbook names documents."""
    blocks = [b for d in documents.values() for b in iter_blocks(d.blocks)]
    if frame is not None:
        blocks += [b for part in (frame.closing.client, frame.closing.clinician) for b in iter_blocks(part)]
    for block in blocks:
        if isinstance(block, Resource) and block.ref not in references:
            hint = suggest(block.ref, references) or (
                f"; references are defined in {' and '.join(reference_files) or 'content/references.yaml'}: "
                + ", ".join(sorted(references)))
            problems.add(block.where("ref"), f"unknown reference '{block.ref}'{hint}")
    if workbook is not None:
        for i, doc_id in enumerate(workbook.documents):
            if doc_id not in documents:
                hint = suggest(doc_id, documents) or "; the documents are " + ", ".join(sorted(documents))
                problems.add(workbook.where("documents", i), f"unknown document '{doc_id}'{hint}")
