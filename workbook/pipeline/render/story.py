"""Stories: the flowables of one document, and of the bound workbook's cover and contents."""

from __future__ import annotations

from reportlab.platypus import Flowable, HRFlowable, PageBreak, Spacer, Table, TableStyle

from workbook.model.frame import Cover
from workbook.pipeline.render.context import LayoutContext
from workbook.pipeline.render.keep import keep_leads, with_closing
from workbook.pipeline.render.layout import flowables_for
from workbook.pipeline.render.pages import DocStart, PageRef
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.styles import Styles
from workbook.pipeline.resolve import ResolvedDocument

KIND_LABELS = {"handout": "Handout", "worksheet": "Worksheet", "checklist": "Checklist", "consent": "Consent form"}


def document_story(ctx: LayoutContext) -> list[Flowable]:
    doc, s = ctx.doc, ctx.styles
    # A consent is read and signed by the client, whoever fills it in with them.
    for_clinician = doc.audience == "clinician" and doc.kind != "consent"
    label = KIND_LABELS[doc.kind] + (" · for the clinician" if for_clinician else "")
    story: list[Flowable] = [DocStart(doc.context, doc.id, doc.plain_title),
                             Paragraph(label.upper(), s.kicker), Paragraph(doc.title, s.title)]
    if doc.summary:
        story.append(Paragraph(doc.summary, s.lead))
    story.extend(keep_leads(doc.blocks, ctx, flowables_for))
    closing = [f for block in doc.closing for f in flowables_for(block, ctx)]
    return with_closing(story, closing)


def cover_story(cover: Cover, styles: Styles, context: dict) -> list[Flowable]:
    s = styles
    story: list[Flowable] = [DocStart(context, "cover", cover.title), Spacer(1, s.pagesize[1] * 0.16),
                             HRFlowable(width=56, thickness=5, color=s.accent, hAlign="LEFT", spaceAfter=14),
                             Paragraph("CLIENT WORKBOOK", s.kicker), Paragraph(cover.title, s.cover_title)]
    if cover.subtitle:
        story.append(Paragraph(cover.subtitle, s.lead))
    if cover.prepared_for:
        story += [Spacer(1, 18), Paragraph(cover.prepared_for, s.heading)]
    if cover.note:
        story += [Spacer(1, 18), Paragraph(cover.note, s.body)]
    details = [d for d in cover.details if d.strip()]
    if details:
        story.append(Spacer(1, s.pagesize[1] * 0.12))
        story += [Paragraph(d, s.cover_detail) for d in details]
    return story + [PageBreak()]


def contents(docs: list[ResolvedDocument], styles: Styles, context: dict) -> list[Flowable]:
    """The table of contents: each document's title and summary, linked, and its first page."""
    s = styles
    entry = s.label.clone("toc_entry")
    rows = []
    for doc in docs:
        title = Paragraph(f'<link destination="{doc.id}">{doc.title}</link>', entry)
        cell = [title] + ([Paragraph(doc.summary, s.small)] if doc.summary else [])
        rows.append([cell, PageRef(doc.id, entry.fontSize, entry.leading)])
    table = Table(rows, colWidths=[s.frame_width - 50, 50])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), s.fonts.regular),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, s.accent),
    ]))
    return [DocStart(context, "contents", "Contents"), Paragraph("What is inside", s.title), Spacer(1, 6), table]
