"""CSV cells a spreadsheet would run as formulas are neutralised (OWASP, CSV injection); batch
file names never collide, and no clients-file cell that could hold a name is quoted back."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from workbook.commands.clients_file import Projects, _unique_name
from workbook.commands.read import cell


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "  =1", " \t+1", "=HYPERLINK(\"x\")"])
def test_formula_starts_get_an_apostrophe(value):
    assert cell(value).startswith("'") and cell(value)[1:] == value.replace("\r", "\n")


@pytest.mark.parametrize("value", ["", "plain", "2 - 1", "x=1", "a@b.org", "1", "Ann's answer"])
def test_other_values_are_unchanged(value):
    assert cell(value) == value


def test_nul_is_removed_and_carriage_returns_become_line_breaks():
    assert cell("a\x00b") == "ab" and cell("a\r\nb\rc") == "a\nb\nc"


def test_rows_never_share_a_file_name():
    taken: set[str] = set()
    names = [_unique_name(stem, row, taken) for stem, row in
             [("ann-lee", 2), ("ann-lee", 3), ("ann-lee-row3", 4), ("ann-lee-row3", 5), ("ann-lee", 6)]]
    assert len(set(names)) == len(names)
    assert names[:3] == ["ann-lee.pdf", "ann-lee-row3.pdf", "ann-lee-row3-row4.pdf"]


def test_a_language_cell_is_quoted_back_only_when_it_is_a_language_tag():
    def refused(language: str) -> str:
        projects = Projects(SimpleNamespace(language="en"), lambda _: pytest.fail("nothing to load"), ["en", "es"])
        with pytest.raises(ValueError) as info:
            projects.get(language)
        return str(info.value)

    assert refused("fr") == "unknown language 'fr'; the languages are en, es"
    assert "Ann" not in refused("Ann Lee") and refused("Ann Lee").startswith("unknown language;")
