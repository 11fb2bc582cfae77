"""Tagged PDF (PDF/UA-1 structure) for ReportLab platypus documents; no project imports.

    marks.TaggingCanvas    pass as canvasmaker: marked content, artifacts, annotations -> tree
    marks.element/artifact draw inside an element or as an artifact (nothing when untagged)
    marks.pagination       draw a repeated heading as a pagination artifact, flowables and all
    tree.Elem              a structure element; tree.write_tree writes the PDF objects
    flowables.Tagged       mixin: `role = "P"` and the flowable is drawn inside its element
    flowables.tag_list     ListFlowable -> L/LI/Lbl/LBody
    flowables.TaggedTable  a platypus Table as Table/TR/TH/TD
    flowables.TaggedWrap   any flowable (a Drawing) inside an element, e.g. a Figure with /BBox
    flowables.SectionStart what follows it is a top-level Sect (a page of a chart)
    meta.mark_accessible   XMP (dc:title, pdfuaid:part 1), DisplayDocTitle, /Lang
"""

from workbook.pipeline.render.tags.flowables import (
    SectionStart,
    Tagged,
    TaggedTable,
    TaggedWrap,
    bbox,
    spaced_lines,
    tag_list,
)
from workbook.pipeline.render.tags.marks import TaggingCanvas, artifact, element, pagination, tags_of
from workbook.pipeline.render.tags.meta import mark_accessible
from workbook.pipeline.render.tags.tree import Elem

__all__ = ["Elem", "SectionStart", "Tagged", "TaggedTable", "TaggedWrap", "TaggingCanvas", "artifact", "bbox", "element",
           "mark_accessible", "pagination", "spaced_lines", "tag_list", "tags_of"]
