"""Stories: the flowables of one document, and of the bound workbook's cover and contents."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Spacer, Table, TableStyle

from workbook.errors import Location
from workbook.model.base import BASE_LANGUAGE
from workbook.model.frame import Cover
from workbook.model.strings import Strings
from workbook.pipeline.markup import Markup, escape, markup, plain
from workbook.pipeline.render.context import LayoutContext
from workbook.pipeline.render.fonts import personal_face
from workbook.pipeline.render.keep import keep_leads, with_closing
from workbook.pipeline.render.layout import flowables_for
from workbook.pipeline.render.pages import DocStart, PageRef
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.styles import Styles
from workbook.pipeline.render.tags import Elem
from workbook.pipeline.resolve import ResolvedDocument


def document_story(ctx: LayoutContext) -> list[Flowable]:
    doc, s, words = ctx.doc, ctx.styles, ctx.words
    label = getattr(words.kinds, doc.kind)
    # A consent is read and signed by the client, whoever fills it in with them.
    if doc.audience == "clinician" and doc.kind != "consent":
        label += f" · {words.for_clinician}"
    if doc.untranslated:  # its words are the base language's: say so before anyone starts reading
        label += " · " + _in_base_language(words)
    # The label is plain text (a strings file's words): the Paragraph escapes it.
    story: list[Flowable] = [DocStart(doc.context, doc.id, doc.plain_title, doc.where, doc.lang),
                             Paragraph(label.upper(), s.kicker), Paragraph(doc.title, s.title)]
    if doc.summary:
        story.append(Paragraph(doc.summary, s.lead))
    story.extend(keep_leads(doc.blocks, ctx, flowables_for))
    closing = [f for block in doc.closing for f in flowables_for(block, ctx)]
    return with_closing(story, closing)


def cover_story(cover: Cover, styles: Styles, words: Strings, context: dict) -> list[Flowable]:
    s = styles
    story: list[Flowable] = [DocStart(context, "cover", plain(cover.title), cover.where()), Spacer(1, s.pagesize[1] * 0.16),
                             HRFlowable(width=56, thickness=5, color=s.accent, hAlign="LEFT", spaceAfter=14),
                             Paragraph(words.workbook.upper(), s.kicker), Paragraph(cover.title, s.cover_title)]
    if cover.subtitle:
        story.append(Paragraph(cover.subtitle, s.lead))
    if cover.prepared_for:
        story += [Spacer(1, 18), Paragraph(cover.prepared_for, s.heading, role="P")]  # looks like a heading
    if cover.note:
        story += [Spacer(1, 18), Paragraph(cover.note, s.body)]
    details = [d for d in cover.details if d.strip()]
    if details:
        story.append(Spacer(1, s.pagesize[1] * 0.12))
        story += [Paragraph(d, s.cover_detail) for d in details]
    return story + [PageBreak()]


def personal_cover(cover: Cover, values: tuple[str, ...], styles: Styles) -> Cover:
    """The cover with each personal string (see render.personal_values) set in the personal twin
    of its paragraph's face, so that the document's fonts do not depend on the client."""
    values = tuple(v for v in values if v.strip())
    if not values:
        return cover
    style = cover_styles(styles)

    def tag(text: str, key: str) -> str:
        if not isinstance(text, Markup):
            return text
        face = personal_face(style[key].fontName)
        for value in values:
            text = text.replace(escape(value), f'<font name="{face}">{escape(value)}</font>')
        return Markup(text)

    return cover.model_copy(update={
        "title": tag(cover.title, "title"), "subtitle": tag(cover.subtitle, "subtitle"),
        "prepared_for": tag(cover.prepared_for, "prepared_for"), "note": tag(cover.note, "note"),
        "details": [tag(d, "details") for d in cover.details]})


def cover_styles(styles: Styles) -> dict[str, ParagraphStyle]:
    """The style of each of the cover's texts."""
    s = styles
    return {"title": s.cover_title, "subtitle": s.lead, "prepared_for": s.heading, "note": s.body,
            "details": s.cover_detail}


def cover_texts(cover: Cover, styles: Styles) -> list[tuple[str, ParagraphStyle]]:
    """The cover's paragraphs, as (markup, style)."""
    style = cover_styles(styles)
    return [(getattr(cover, key), style[key]) for key in ("title", "subtitle", "prepared_for", "note")] + \
        [(d, style["details"]) for d in cover.details]


def contents(docs: list[ResolvedDocument], styles: Styles, words: Strings, context: dict) -> list[Flowable]:
    """The table of contents: each document's title and summary, linked, and its first page.
    Tagged: a TOC, a TOCI per document: the title and the page number each a Reference to a
    Link, the summary a P; the ruled table around them is an artifact."""
    s = styles
    entry = s.label.clone("toc_entry")
    toc = Elem("TOC")
    rows = []
    untranslated = _in_base_language(words) if any(d.untranslated for d in docs) else ""
    for doc in docs:
        item, say = Elem("TOCI", toc), words.spoken
        # '#': a link to the document's bookmark (without it ReportLab wrote a URI 'welcome')
        title = Paragraph(markup('<link destination="#{}">{}</link>', doc.id, doc.title), entry)
        title.tag = Elem("Link", Elem("Reference", item), contents=say.go_to.format(title=doc.plain_title))
        summary = " · ".join(filter(None, [doc.summary, untranslated if doc.untranslated else ""]))
        cell = [title]
        if summary:
            cell.append(Paragraph(summary, s.small))
            cell[-1].tag = Elem("P", item)
        page = Elem("Link", Elem("Reference", item), contents=say.go_to_page.format(title=doc.plain_title))
        rows.append([cell, PageRef(doc.id, entry.fontSize, entry.leading, page, say.go_to.format(title=doc.plain_title))])
    table = Table(rows, colWidths=[s.frame_width - 50, 50])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), s.fonts.regular),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, s.accent),
    ]))
    start = DocStart(context, "contents", words.contents, Location("content/workbook.yaml"))
    return [start, Paragraph(words.contents_title, s.title), Spacer(1, 6), table]


def _in_base_language(words: Strings) -> str:
    """e.g. 'en inglés': marks a document shown untranslated."""
    return words.in_language.format(language=words.language_name(BASE_LANGUAGE))
