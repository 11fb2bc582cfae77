"""Stage 3, resolve: render every text string through a sandboxed Jinja2 environment with the
practice, client and date, then turn its inline markup into escaped ReportLab markup.

The output is new frozen values: documents whose text is final, repeats expanded, the closing
blocks appended, and the references each document links to.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar, get_args

import jinja2

from workbook.errors import Location, Problem, Problems, WorkbookError, suggest
from workbook.model.base import BASE_LANGUAGE, Model, TextMarker
from workbook.model.blocks import Block, Measure, PageBreak, Repeat, Resource, Scale, Table, Writable
from workbook.model.document import Document
from workbook.model.frame import Cover, SafetyBox
from workbook.model.project import Project
from workbook.model.references import Reference
from workbook.model.settings import Settings
from workbook.model.strings import Strings
from workbook.pipeline.markup import Markup, plain, to_markup
from workbook.pipeline.sandbox import MAX_TEXT, BoundedEnvironment, TemplateLimit, evaluate, render

M = TypeVar("M", bound=Model)

# The most parts one document may have: ~100 pages, laid out in a few seconds (see _parts).
MAX_PARTS = 5_000

_ENV = BoundedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)
_JINJA = re.compile(r"{[{%#]")


@dataclass(frozen=True)
class Link:
    reference: Reference  # text resolved
    target: str  # what the QR code encodes and the link opens


@dataclass(frozen=True)
class ResolvedDocument:
    id: str
    title: str  # markup
    kind: str
    audience: str
    version: str
    reviewed: datetime.date
    summary: str
    blocks: tuple[Block, ...]
    closing: tuple[Block, ...]  # templates/closing.yaml, kept with the document's last block
    safety: SafetyBox
    links: dict[str, Link]
    context: dict  # the Jinja2 context, for the running header and footer
    lang: str  # the language its words are in, as a PDF's /Lang: the build's, or the base language's
    untranslated: bool = False  # shown in the base language in another language's build
    where: Location = Location("<built-in>")  # the document's file

    @property
    def plain_title(self) -> str:
        return plain(self.title)


@dataclass(frozen=True)
class Resolved:
    documents: dict[str, ResolvedDocument]
    cover: Cover
    workbook_title: str
    workbook_subtitle: str
    workbook_ids: tuple[str, ...]
    header: Callable[[dict], str]
    footer: Callable[[dict], list[tuple[Markup, Markup]]]
    words: Strings  # the frame's words in the build's language
    language: str  # the build's language, e.g. es
    footer_at: Location = Location("templates/footer.j2")


class _Renderer:
    """Renders strings for one context, recording located problems instead of raising."""

    def __init__(self, context: dict, problems: Problems):
        self.context, self.problems = context, problems

    def text(self, source: str, where: Location, context: dict | None = None) -> str:
        if len(source) > MAX_TEXT:
            self.problems.add(where, f"this text is longer than {MAX_TEXT:,} characters; split it into several blocks")
            return ""
        if not _JINJA.search(source):
            return source
        context = context or self.context
        try:
            return render(_compile(source), context)
        except jinja2.TemplateSyntaxError as exc:
            line = where.line + (exc.lineno or 1) - 1 if where.line else 0
            at = Location(where.path, line, where.col if line == where.line else 1)
            self._add(at, f"template syntax error: {exc.message}", context)
        except jinja2.exceptions.SecurityError as exc:
            self._add(where, f"not allowed in a template: {exc}", context)
        except jinja2.UndefinedError as exc:
            self._add(where, _undefined_message(str(exc), source, context), context)
        except jinja2.TemplateError as exc:
            self._add(where, f"template error: {exc}", context)
        except TemplateLimit as exc:
            self._add(where, f"this template {exc}; simplify it", context)
        except Exception as exc:  # noqa: BLE001 - whatever a template raises is the template's mistake
            self._add(where, f"template error: {_failure(exc)}", context)
        return ""

    def condition(self, source: str, where: Location, context: dict) -> bool:
        """A block's `when:` expression, evaluated in the same bounded sandbox as a template; a
        mistake is a located problem (and the block is kept, so that the rest of the document is
        still checked)."""
        try:
            return evaluate(_compile_expression(source), context)
        except jinja2.TemplateSyntaxError as exc:
            self._add(where, f"'when' is not a valid condition: {exc.message}", context)
        except jinja2.exceptions.SecurityError as exc:
            self._add(where, f"not allowed in a condition: {exc}", context)
        except jinja2.UndefinedError as exc:
            self._add(where, _undefined_message(str(exc), source, context), context)
        except jinja2.TemplateError as exc:
            self._add(where, f"'when' condition error: {exc}", context)
        except TemplateLimit as exc:
            self._add(where, f"this condition {exc}; simplify it", context)
        except Exception as exc:  # noqa: BLE001 - whatever a condition raises is the condition's mistake
            self._add(where, f"'when' condition error: {_failure(exc)}", context)
        return True

    def _add(self, where: Location, message: str, context: dict) -> None:
        """Record a problem; a client's name never appears in it, whatever the template did."""
        name = context.get("client", {}).get("name") if isinstance(context.get("client"), dict) else None
        self.problems.add(where, message.replace(name, "(the client's name)") if name else message)

    def model(self, obj: M, context: dict | None = None, markup: bool = True) -> M:
        """A copy of obj with every Text field rendered (recursively through nested models)."""
        update: dict[str, Any] = {}
        for name, kind in _text_fields(type(obj)).items():
            value = getattr(obj, name)
            if kind == "one":
                update[name] = self._final(self.text(value, obj.where(name), context), markup)
            elif kind == "many":
                update[name] = tuple(self._final(self.text(v, obj.where(name, i), context), markup) for i, v in enumerate(value))
            else:
                update[name] = tuple(self.model(v, context, markup) for v in value)
        return obj.model_copy(update=update)

    @staticmethod
    def _final(text: str, markup: bool) -> str:
        return to_markup(text) if markup else text


@cache
def _compile(source: str) -> jinja2.Template:
    return _ENV.from_string(source)


@cache
def _compile_expression(source: str) -> Callable[..., Any]:
    # An undefined result stays Undefined (StrictUndefined), so testing it is an error, not false.
    return _ENV.compile_expression(source, undefined_to_none=False)


_FAILURES = {
    ZeroDivisionError: "it divides by zero",
    OverflowError: "it computes a number too large",
    RecursionError: "it calls itself without end (a macro that calls itself?)",
    MemoryError: "it needs more memory than there is",
}


def _failure(exc: Exception) -> str:
    """What went wrong inside a template, in words that cannot quote a value it handled."""
    for kind, words in _FAILURES.items():
        if isinstance(exc, kind):
            return words
    return f"it failed ({type(exc).__name__})"


def _undefined_message(message: str, source: str, context: dict) -> str:
    """'undefined template variable …', with the closest name or the names there are."""
    attr = re.search(r"has no attribute '([^']+)'", message)
    if attr:
        dotted = re.search(r"([A-Za-z_][\w.]*)\." + re.escape(attr.group(1)) + r"\b", source)
        owner = dotted.group(1) if dotted else ""
        name = f"{owner}.{attr.group(1)}" if owner else attr.group(1)
        found: Any = context
        for part in owner.split(".") if owner else ():
            found = found.get(part) if isinstance(found, dict) else None
        names = list(found) if isinstance(found, dict) and owner else []
        return f"undefined template variable '{name}'{_hint(attr.group(1), names, owner + '.')}"
    var = re.search(r"'([^']+)' is undefined", message)
    if not var:
        return f"template error: {message}"
    return f"undefined template variable '{var.group(1)}'{_hint(var.group(1), list(context))}"


def _hint(name: str, names: list[str], prefix: str = "") -> str:
    """The closest of names (compared without their common prefix), or all of them."""
    if not names:
        return ""
    return suggest(name, names, prefix) or "; the variables here are " + ", ".join(prefix + n for n in names)


@cache
def _text_fields(model: type[Model]) -> dict[str, str]:
    """Which fields of a model hold text: 'one' (Text), 'many' (list of Text), 'models'."""
    out = {}
    for name, info in model.model_fields.items():
        if any(isinstance(m, TextMarker) for m in info.metadata):
            out[name] = "one"
            continue
        for arg in get_args(info.annotation):
            if any(isinstance(m, TextMarker) for m in getattr(arg, "__metadata__", ())):
                out[name] = "many"
            elif isinstance(arg, type) and issubclass(arg, Model) and _text_fields(arg):
                out[name] = "models"
    return out


def _base_context(project: Project, settings: Settings) -> dict:
    practice = project.practice.model_dump(exclude={"logo", "colors", "fonts", "paper", "language"})
    if settings.clinician:
        practice["clinician"] = settings.clinician
    words = project.strings
    return {
        "practice": practice,
        "client": {"name": settings.client},
        "clinician": {"name": practice["clinician"]},
        "date": words.date(settings.date, words.dates.page) if settings.date else "",
        "workbook": {},
    }


def resolve(project: Project, settings: Settings, problems: Problems, ids: list[str] | None = None) -> Resolved | None:
    base = _base_context(project, settings)
    renderer = _Renderer(base, problems)
    spec = renderer.model(project.workbook, markup=False)
    base["workbook"] = {"title": spec.title, "subtitle": spec.subtitle}
    header, header_at = project.frame.text["header.j2"]
    footer, footer_at = project.frame.text["footer.j2"]
    wanted = ids if ids is not None else list(project.enabled)
    documents = {}
    for doc_id in wanted:
        doc = _resolve_document(project, project.documents[doc_id], renderer)
        documents[doc_id] = doc
        # Rendered here so that a mistake in a running line is reported before layout (and
        # again for every page as it is laid out: see _running).
        renderer.text(header, header_at, doc.context)
        renderer.text(footer, footer_at, {**doc.context, "page": 1, "pages": 1})
        renderer.text(footer, footer_at, {**doc.context, "page": 2, "pages": 3})
    cover = renderer.model(project.frame.cover)
    if problems:
        return None
    return Resolved(
        documents=documents,
        cover=cover,
        workbook_title=spec.title,
        workbook_subtitle=spec.subtitle,
        workbook_ids=tuple(i for i in spec.documents if i in project.enabled),
        header=lambda ctx: plain(to_markup(_running(header, header_at, ctx))),
        footer=lambda ctx: _footer_lines(_running(footer, footer_at, ctx)),
        words=project.strings,
        language=project.language,
        footer_at=footer_at,
    )


def _running(source: str, where: Location, context: dict) -> str:
    """A running header or footer for one page, rendered as the page is laid out: a mistake that
    shows only on some page (`{{ 1 / (pages - page) }}`) stops the build with its location."""
    problems = Problems()
    text = _Renderer(context, problems).text(source, where)
    if problems:
        page = f" (on page {context['page']})" if "page" in context else ""
        raise WorkbookError([Problem(p.where, p.message + page) for p in problems.items])
    return text


def _footer_lines(text: str) -> list[tuple[Markup, Markup]]:
    lines = []
    for line in text.splitlines():
        if line.strip():
            left, _, right = line.partition(" | ")
            lines.append((to_markup(left), to_markup(right)))
    return lines


def _resolve_document(project: Project, doc: Document, renderer: _Renderer) -> ResolvedDocument:
    words = project.strings
    meta = {"id": doc.id, "title": doc.title, "kind": doc.kind, "audience": doc.audience,
            "version": doc.version, "reviewed": words.date(doc.reviewed, words.dates.reviewed)}
    context = {**renderer.context, "doc": meta}
    title = to_markup(renderer.text(doc.title, doc.where("title"), context))
    meta["title"] = plain(title)
    parts = sum(_parts(b) for b in doc.blocks)
    if parts > MAX_PARTS:
        renderer.problems.add(doc.where(), f"this document has {parts:,} parts (blocks, list entries and grid cells, "
                                           f"repeats counted out), more than {MAX_PARTS:,}: make it several documents")
    blocks = [b for block in doc.blocks for b in _expand(block, renderer, context)] if parts <= MAX_PARTS else []
    closing = [b for block in getattr(project.frame.closing, doc.audience) for b in _expand(block, renderer, context)]
    links = {}
    for block in (*blocks, *closing):
        if isinstance(block, Resource) and block.ref not in links and block.ref in project.references:
            ref = project.references[block.ref]
            base = project.practice.link_base
            target = base + ref.id if base else ref.url
            links[block.ref] = Link(renderer.model(ref, context), target)
    return ResolvedDocument(
        id=doc.id, title=title, kind=doc.kind, audience=doc.audience, version=doc.version,
        reviewed=doc.reviewed, summary=plain(to_markup(renderer.text(doc.summary, doc.where("summary"), context))),
        blocks=tuple(blocks), closing=tuple(closing), safety=renderer.model(project.frame.safety, context),
        links=links, context=context, untranslated=doc.id in project.untranslated,
        lang=BASE_LANGUAGE if doc.id in project.untranslated else words.locale, where=doc.where(),
    )


def _parts(block: Block) -> int:
    """What a block costs to lay out, counted in parts: a grid or table cell, a measure's choice
    box, a list entry, a block."""
    if isinstance(block, Repeat):
        return block.count * sum(_parts(b) for b in block.blocks)
    if isinstance(block, Scale):
        return len(block.rows) * len(block.columns)
    if isinstance(block, Table):
        return (block.rows + bool(block.example)) * len(block.columns)
    if isinstance(block, Measure):
        return len(block.items) * len(block.choices)
    return max(1, len(getattr(block, "items", ())), len(getattr(block, "roles", ())))


def _expand(block: Block, renderer: _Renderer, context: dict) -> list[Block]:
    """The block with its text rendered, or nothing when its `when:` is false; a repeat becomes
    its blocks, count times, with page breaks between."""
    if not _wanted(block, renderer, context):
        return []
    if not isinstance(block, Repeat):
        return [renderer.model(block, context)]
    out: list[Block] = []
    for n in range(1, block.count + 1):
        if n > 1:
            out.append(PageBreak())
        inner = {**context, "n": n}
        for child in block.blocks:
            if not _wanted(child, renderer, inner):
                continue
            resolved = renderer.model(child, inner)
            if isinstance(resolved, Writable):
                resolved = resolved.model_copy(update={"id": f"{resolved.id}-{n}"})
            out.append(resolved)
    return out


def _wanted(block: Block, renderer: _Renderer, context: dict) -> bool:
    return block.when is None or renderer.condition(block.when, block.where("when"), context)
