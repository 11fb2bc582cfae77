"""Document-level entries PDF/UA-1 asks for besides the tree: XMP metadata with dc:title and
the PDF/UA identification, the title shown in the window, and the document's language."""

from __future__ import annotations

from html import escape

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfgen.canvas import Canvas

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def mark_accessible(canv: Canvas, lang: str) -> None:
    """XMP metadata (from the Info entries already set, so the two titles agree), the
    document title in the window, and /Lang. Call before save."""
    info = canv._doc.info
    # &, < and > as entities (quote=False: as xml.sax.saxutils.escape, which would import urllib and ssl)
    fields = {k: escape(str(getattr(info, k, "") or ""), quote=False) for k in ("title", "author", "subject", "producer")}
    packet = XMP.format(lang=escape(lang, quote=False), **fields).encode("utf-8")
    # Uncompressed (filters=[]), as PDF/A and most XMP readers expect to find it.
    stream = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), packet, filters=[])
    catalog = canv._doc.Catalog
    catalog.Metadata = stream
    catalog.Lang = PDFString(lang)
    canv.setViewerPreference("DisplayDocTitle", "true")
