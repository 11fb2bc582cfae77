"""Tagged PDF (PDF/UA-1 structure) for ReportLab platypus documents; no project imports.

    marks.TaggingCanvas    pass as canvasmaker: marked content, artifacts, annotations -> tree
    marks.element/artifact draw inside an element or as an artifact (nothing when untagged)
    tree.Elem              a structure element; tree.write_tree writes the PDF objects
    flowables.Tagged       mixin: `role = "P"` and the flowable is drawn inside its element
    flowables.tag_list     ListFlowable -> L/LI/Lbl/LBody
    flowables.TaggedTable  a platypus Table as Table/TR/TH/TD
    flowables.TaggedWrap   any flowable (a Drawing) inside an element, e.g. a Figure with /BBox
    meta.mark_accessible   XMP (dc:title, pdfuaid:part 1), DisplayDocTitle, /Lang
"""

from workbook.pipeline.render.tags.flowables import Tagged, TaggedTable, TaggedWrap, bbox, spaced_lines, tag_list
from workbook.pipeline.render.tags.marks import TaggingCanvas, artifact, element, tags_of
from workbook.pipeline.render.tags.meta import mark_accessible
from workbook.pipeline.render.tags.tree import Elem

__all__ = ["Elem", "Tagged", "TaggedTable", "TaggedWrap", "TaggingCanvas", "artifact", "bbox", "element",
           "mark_accessible", "spaced_lines", "tag_list", "tags_of"]
