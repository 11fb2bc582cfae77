"""A client's name a font cannot draw is said without quoting it."""

from __future__ import annotations

from workbook.pipeline.render.glyphs import name_warning


def test_the_warning_says_how_many_and_what_kind_never_which():
    message = name_warning(list("王小明"), "symptom-checklist")
    assert message == ("the client's name, used in symptom-checklist, has 3 characters no embedded font can draw "
                       "(Chinese, Japanese or Korean); they will print as empty boxes")
    assert name_warning(["😊"], "the cover").endswith("1 character no embedded font can draw (symbols or emoji); "
                                                      "it will print as an empty box")
