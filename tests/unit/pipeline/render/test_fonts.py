"""The built-in Lato faces draw every letter and mark Spanish needs, so none prints as a box."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from workbook.pipeline.render import fonts

SPANISH = "áéíóúüñÁÉÍÓÚÜÑ¿¡«»ºª€"


def test_every_face_has_the_spanish_characters():
    family = fonts.builtin()
    for face in (family.regular, family.bold, family.italic, family.bold_italic):
        glyphs = pdfmetrics.getFont(face).face.charToGlyph
        assert [c for c in SPANISH if ord(c) not in glyphs] == [], face
