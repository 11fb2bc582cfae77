"""Stage 4, render: resolved documents to PDF bytes, each document on its own, then the bound
workbook (cover, contents, every document) with continuous page numbers, composed from the
documents' PDFs (compose.py); a client's workbook is laid out whole (personalise.py).

One layout function per block type (layout.py) builds ReportLab flowables from the custom ones in
flowables.py, scale.py and qr.py; pages.py frames every page; fields.py writes the form fields."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak

from workbook import __version__
from workbook.model.project import Project
from workbook.model.settings import Settings
from workbook.model.strings import Strings
from workbook.pipeline.render import background, compose, fonts
from workbook.pipeline.render.context import LayoutContext
from workbook.pipeline.render.fields import FieldWriter
from workbook.pipeline.render.formfont import form_font
from workbook.pipeline.render.pages import Continued, Meta, PageDocTemplate
from workbook.pipeline.render.story import contents, cover_story, document_story, personal_cover
from workbook.pipeline.render.styles import LARGE_PRINT, Styles
from workbook.pipeline.resolve import Resolved, ResolvedDocument

CREATOR = f"kap-workbook {__version__}"


@dataclass(frozen=True)
class Rendered:
    name: str  # file name, e.g. what-to-expect.pdf
    data: bytes
    pages: int


@dataclass(frozen=True)
class Press:
    """What every PDF of one build shares, whoever it is for: the look, fields, logo, author."""

    styles: Styles
    writer: FieldWriter
    logo: Path | None
    author: str
    tagged: bool = True  # PDF/UA structure for screen readers; off only to measure what it costs
    characters: str = ""  # given the same font codes in every PDF (fonts.share_codes)


def make_styles(project: Project, settings: Settings | None = None) -> Styles:
    practice, settings = project.practice, settings or Settings()
    family = fonts.register(*project.assets.fonts) if project.assets.fonts else fonts.builtin()
    return Styles(fonts=family, primary=colors.HexColor(practice.colors.primary),
                  accent=colors.HexColor(practice.colors.accent), paper=settings.paper or practice.paper,
                  scale=LARGE_PRINT if settings.large_print else 1.0)


def make_press(project: Project, settings: Settings, fillable: bool, tagged: bool = True) -> Press:
    styles = make_styles(project, settings)
    writer = FieldWriter(fillable=fillable, font_size=11.0 * styles.scale, paper_font=styles.fonts.regular)
    return Press(styles, writer, project.assets.logo, project.practice.name or "kap-workbook", tagged, project.characters)


def render_all(press: Press, resolved: Resolved, settings: Settings, *, only: Collection[str] | None = None,
               workbook_for: Callable[[], Rendered] | None = None, jobs: int = 1) -> list[Rendered]:
    """Every resolved document's PDF (or only those whose ids are given), then a client's
    workbook when `workbook_for` makes one. With jobs > 1 they are shared out among forked
    processes (background.each), the client's workbook, the longest, handed out first. A PDF's
    bytes never depend on which process made it, or which others it made before it."""
    date = settings.date.timetuple()[:3] if settings.date else None

    def lay_out(doc: ResolvedDocument) -> Rendered:
        story = document_story(LayoutContext(press.styles, press.writer, doc, resolved.words, resolved.language))
        meta = Meta(doc.plain_title, press.author, doc.summary or doc.plain_title, CREATOR, doc.lang, date)
        data, pages = _build(story, press, resolved, meta)
        return Rendered(f"{doc.id}.pdf", data, pages)

    docs: list[ResolvedDocument | None] = [d for d in resolved.documents.values() if only is None or d.id in only]
    if workbook_for is not None:
        docs.append(None)  # stands for the client's workbook
    if jobs > 1 and len(docs) > 1:
        form_font()  # read once, before the fork, rather than once in each process

    def make(doc: ResolvedDocument | None) -> Rendered:
        if doc is not None:
            return lay_out(doc)
        assert workbook_for is not None
        return workbook_for()

    return background.each(make, docs, jobs, first=len(docs) - 1 if workbook_for is not None else None)


def compose_workbook(press: Press, resolved: Resolved, settings: Settings, singles: dict[str, bytes]) -> Rendered:
    """The bound workbook from the documents' own PDFs (`singles`, by document id): only its
    cover and contents are laid out (compose.py)."""
    ids = resolved.workbook_ids
    documents = [(i, compose.read(singles[i])) for i in ids]
    story, meta = _front(press, resolved, settings, ids)
    buffer = BytesIO()
    template = PageDocTemplate(buffer, press.styles, resolved, meta, press.logo, press.tagged, press.characters)
    template.build(story)
    front_pages = len(template.page_contexts)
    more, starts, page = [], {}, front_pages
    for i, doc in documents:
        starts[i] = page + 1
        context = resolved.documents[i].context
        more += [Continued(context, n in doc.leads, n in doc.names) for n in range(1, doc.count + 1)]
        page += doc.count
    numbers = template.finish(more, starts)
    front = compose.Front(buffer.getvalue(), numbers.forms, numbers.placeholders)
    return Rendered("workbook.pdf", compose.compose(front, documents), page)


def render_workbook(press: Press, resolved: Resolved, settings: Settings, ids: tuple[str, ...] | None = None,
                    log: list | None = None) -> Rendered:
    """The bound workbook laid out whole: cover, contents, then every document (the
    workbook's, or `ids`), numbered continuously. For a client, the cover's personal strings are
    set in personal faces (see personal_values); `log` collects the layout decisions they can
    change (FieldRow)."""
    story, meta = _front(press, resolved, settings, ids or resolved.workbook_ids)
    words = resolved.words
    for i in ids or resolved.workbook_ids:
        doc = resolved.documents[i]
        story += [PageBreak(), *document_story(LayoutContext(press.styles, press.writer, doc, words, resolved.language,
                                                             log))]
    data, pages = _build(story, press, resolved, meta)
    return Rendered("workbook.pdf", data, pages)


def _front(press: Press, resolved: Resolved, settings: Settings, ids: tuple[str, ...]) -> tuple[list[Flowable], Meta]:
    """The workbook's cover and contents, and its metadata."""
    date = settings.date
    docs = [resolved.documents[i] for i in ids]
    words = resolved.words
    context = {**docs[0].context, "doc": {
        "id": "workbook", "title": resolved.workbook_title, "kind": "workbook", "audience": "client",
        "version": max((d.version for d in docs), key=_version_key),
        "reviewed": words.date(max(d.reviewed for d in docs), words.dates.reviewed),
    }}
    meta = Meta(resolved.workbook_title, press.author, resolved.workbook_subtitle or resolved.workbook_title,
                CREATOR, words.locale, date.timetuple()[:3] if date else None)
    s = press.styles
    cover = personal_cover(resolved.cover, personal_values(settings, words), s)
    return cover_story(cover, s, words, context) + contents(docs, s, words, context), meta


def personal_values(settings: Settings, words: Strings) -> tuple[str, ...]:
    """What differs between clients' packets of one layout, as printed: the client's name, the
    clinician when given per client, the date. Nothing without a client: a build for no one
    is laid out as ever."""
    if not settings.client:
        return ()
    return (settings.client, settings.clinician,
            words.date(settings.date, words.dates.page) if settings.date else "")


def _version_key(version: str) -> list[tuple[int, int | str]]:
    """"10.0" after "9.0": numbers compare as numbers, anything else as text after them."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.\-]", version)]


def _build(story: list[Flowable], press: Press, resolved: Resolved, meta: Meta) -> tuple[bytes, int]:
    buffer = BytesIO()
    template = PageDocTemplate(buffer, press.styles, resolved, meta, press.logo, press.tagged, press.characters)
    template.build(story)
    template.finish()
    return buffer.getvalue(), len(template.page_contexts)
