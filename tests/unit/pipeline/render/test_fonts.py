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


def test_what_lato_lacks_is_set_in_the_fallback_bold_where_bold():
    family = fonts.builtin()
    assert fonts.fallback_runs("Ann Lee", family.regular) == [("Ann Lee", "Lato")]
    assert fonts.fallback_runs("Paweł Dvořák", family.bold) == [("Paweł Dvořák", "Lato-Bold")]  # Lato has ł ř
    assert fonts.fallback_runs("Nguyễn Σοφία", family.regular) == [
        ("Nguy", "Lato"), ("ễ", "KapFormSans"), ("n ", "Lato"), ("Σοφία", "KapFormSans")]
    assert fonts.fallback_runs("Иванова", family.bold) == [("Иванова", "KapFormSans-Bold")]
    assert fonts.fallback_runs("Ωμέγα", family.italic)[0][1] == "KapFormSans"  # no italic: upright


def test_only_characters_no_embedded_font_has_are_unprintable():
    family = fonts.builtin()
    assert all(family.can_print(c) for c in "ñłșễơΣЖ“”’–…✓")
    assert not any(family.can_print(c) for c in "王😊")
    assert not family.has_glyph("ễ") and family.can_print("ễ")
