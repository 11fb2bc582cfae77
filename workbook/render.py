"""Render resolved documents to PDF bytes: each document on its own, then the bound workbook
(cover, contents, every document) with continuous page numbers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak

from workbook import __version__
from workbook.layout import fonts
from workbook.layout.context import LayoutContext
from workbook.layout.fields import FieldWriter
from workbook.layout.pages import Meta, PageDocTemplate
from workbook.layout.story import contents, cover_story, document_story, page_count
from workbook.layout.styles import Styles
from workbook.practice_config import logo_path, resolve_inside
from workbook.resolve import Resolved, Settings
from workbook.validate import Project

CREATOR = f"kap-workbook {__version__}"


@dataclass(frozen=True)
class Rendered:
    name: str  # file name, e.g. what-to-expect.pdf
    data: bytes
    pages: int


def make_styles(project: Project) -> Styles:
    practice = project.practice
    if practice.fonts and project.practice_dir:
        base = project.practice_dir
        family = fonts.register(*(resolve_inside(base, getattr(practice.fonts, k)) for k in ("regular", "bold", "italic")))
    else:
        family = fonts.builtin()
    return Styles(fonts=family, primary=colors.HexColor(practice.colors.primary),
                  accent=colors.HexColor(practice.colors.accent), paper=practice.paper)


def render_all(project: Project, resolved: Resolved, settings: Settings, *, fillable: bool, workbook: bool) -> list[Rendered]:
    styles = make_styles(project)
    writer = FieldWriter(fillable=fillable)
    logo = logo_path(project.practice, project.practice_dir)
    author = project.practice.name or "kap-workbook"
    date = settings.date.timetuple()[:3] if settings.date else None
    out = []
    for doc in resolved.documents.values():
        story = document_story(LayoutContext(styles, writer, doc))
        meta = Meta(doc.plain_title, author, doc.summary or doc.plain_title, CREATOR, date)
        data, pages = _build(story, styles, resolved, meta, logo)
        out.append(Rendered(f"{doc.id}.pdf", data, pages))
    if workbook:
        counts = {r.name[:-4]: r.pages for r in out}
        out.append(_workbook(resolved, styles, writer, counts, Meta(resolved.workbook_title, author, resolved.workbook_subtitle or resolved.workbook_title, CREATOR, date), logo))
    return out


def _workbook(resolved: Resolved, styles: Styles, writer: FieldWriter, counts: dict[str, int], meta: Meta, logo: Path | None) -> Rendered:
    docs = [resolved.documents[i] for i in resolved.workbook_ids]
    context = {**docs[0].context, "doc": {
        "id": "workbook", "title": resolved.workbook_title, "kind": "workbook", "audience": "client",
        "version": max(d.version for d in docs), "reviewed": max(d.reviewed for d in docs),
    }}
    story: list[Flowable] = cover_story(resolved.cover, styles, context)
    probe = contents(resolved, styles, {d.id: 0 for d in docs}, context)
    first = 1 + page_count(probe, styles) + 1  # after the cover and the contents
    starts = {}
    for d in docs:
        starts[d.id], first = first, first + counts[d.id]
    story += contents(resolved, styles, starts, context)
    for d in docs:
        story += [PageBreak(), *document_story(LayoutContext(styles, writer, d))]
    data, pages = _build(story, styles, resolved, meta, logo)
    return Rendered("workbook.pdf", data, pages)


def _build(story: list[Flowable], styles: Styles, resolved: Resolved, meta: Meta, logo: Path | None) -> tuple[bytes, int]:
    buffer = BytesIO()
    template = PageDocTemplate(buffer, styles, resolved, meta, logo)
    template.build(story)
    template.finish()
    return buffer.getvalue(), len(template.page_contexts)


def as_date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
