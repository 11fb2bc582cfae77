"""The words of a language: dates, plurals and language names written by Babel, placeholders checked."""

from __future__ import annotations

import datetime
import re

import pytest
import yaml
from pydantic import ValidationError

from workbook.model.strings import Strings
from workbook.pipeline.sources import builtin_dir

DAY = datetime.date(2026, 3, 2)


def words(language: str = "") -> Strings:
    folder = builtin_dir("templates") / language
    return Strings.model_validate(yaml.safe_load((folder / "strings.yaml").read_text(encoding="utf-8")))


def test_english_dates_are_iso_on_the_page_and_written_out_on_the_chart():
    en = words()
    assert en.date(DAY, en.dates.page) == "2026-03-02" and en.date(DAY, en.dates.reviewed) == "2026-03-02"
    assert en.date(DAY, en.dates.long) == "2 March 2026" and en.date(DAY, en.dates.short) == "2 Mar"


def test_spanish_dates_plurals_and_language_names():
    es = words("es")
    assert es.date(DAY, es.dates.page) == "2 de marzo de 2026" and es.date(DAY, es.dates.short) == "2 mar"
    assert es.date(datetime.date(2026, 11, 22), es.dates.reviewed) == "22 nov 2026"
    assert [es.plural(es.chart.weeks, n) for n in (1, 3)] == ["1 semana", "3 semanas"]
    assert es.in_language.format(language=es.language_name("en")) == "en inglés"
    assert words().language_name("es") == "Spanish"
    assert (es.decimal(2.35), words().decimal(7 / 5)) == ("2.4", "1.4")
    castilian = es.model_copy(update={"locale": "es-ES"})
    assert castilian.decimal(2.4) == "2,4" and castilian.date(DAY, castilian.dates.page) == "2 de marzo de 2026"


def test_both_files_have_the_same_words_to_say():
    def keys(node, prefix=""):
        return {prefix + k for k in node} | {x for k, v in node.items() if isinstance(v, dict) for x in keys(v, f"{k}.")}
    en, es = (yaml.safe_load((builtin_dir("templates") / f / "strings.yaml").read_text(encoding="utf-8")) for f in ("", "es"))
    assert keys(en) == keys(es)


@pytest.mark.parametrize("bad, says", [
    ({"tooltips": {"signature": "{role.__class__} signature"}}, "'{role.__class__}' cannot be filled in here"),
    ({"tooltips": {"signature": "{role:>40} signature"}}, "write the placeholder plainly, as {role}"),
    ({"kinds": {"handout": "Hand{out"}}, "a lone '{' or '}'"),
    ({"dates": {"page": "%d/%m/%Y"}}, "'%d/%m/%Y' is not a date pattern"),
])
def test_a_string_can_only_be_filled_with_its_own_words(bad, says):
    data = words().model_dump()
    for section, values in bad.items():
        data[section] = {**data[section], **values}
    with pytest.raises(ValidationError, match=re.escape(says)):
        Strings.model_validate(data)
