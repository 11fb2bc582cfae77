"""Escaping: text reaches ReportLab as markup only through pipeline/markup.py."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle

from workbook.pipeline.markup import Markup, as_markup, link_target, markup, plain, to_markup
from workbook.pipeline.render.paragraph import Paragraph


def test_every_tag_and_entity_is_escaped():
    text = "<img src='/etc/x.png'/> <a href='javascript:x'>a</a> &nbsp; &#60; <onDraw name='save'/>"
    out = to_markup(text)
    assert isinstance(out, Markup)
    assert "<" not in out.replace("&lt;", "") and plain(out) == text


def test_bold_and_italic_always_nest():
    assert to_markup("**a *b* c**") == "<b>a <i>b</i> c</b>"
    assert to_markup("*a **b** c*") == "<i>a <b>b</b> c</i>"
    assert to_markup("**a *b** c*") == "<b>a *b</b> c*"  # crossing spans: the italic is left as typed


def test_markup_stays_markup_when_split_into_paragraphs():
    parts = to_markup("one & two\n\n**three**").split("\n\n")
    assert all(isinstance(p, Markup) for p in parts) and parts == ["one &amp; two", "<b>three</b>"]


def test_plain_text_is_escaped_and_markup_is_kept():
    assert as_markup("a<b") == "a&lt;b" and as_markup(to_markup("a<b")) == "a&lt;b"
    assert markup('<link destination="#{}">{}</link>', "x<y", to_markup("**t**")) == \
        '<link destination="#x&lt;y"><b>t</b></link>'


def test_a_paragraph_escapes_any_string_that_is_not_markup():
    para = Paragraph("<img src='/etc/passwd'/>", ParagraphStyle("p"))
    assert para.text == "&lt;img src='/etc/passwd'/&gt;"
    assert Paragraph(to_markup("**b**"), ParagraphStyle("p")).text == "<b>b</b>"


@pytest.mark.parametrize("url", ["https://a.org/x?y=1&z=2", "http://a.org", "mailto:a@b.org", "tel:+15550100"])
def test_allowed_links(url):
    assert link_target(url) == url.replace("&", "&amp;")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "welcome",
                                 "JAVASCRIPT:x", "https://a.org/ x", "https://a.org/\nx", "launch:x"])
def test_other_links_are_refused(url):
    with pytest.raises(ValueError):
        link_target(url)


def test_a_quote_cannot_end_the_attribute():
    assert link_target('https://a.org/"><img/src=x>') == "https://a.org/&quot;&gt;&lt;img/src=x&gt;"


@pytest.mark.parametrize("text, out", [
    ("Write to hello@kap.example.", 'Write to <a href="mailto:hello@kap.example">hello@kap.example</a>.'),
    ("See www.kap.example, or", 'See <a href="https://www.kap.example">www.kap.example</a>, or'),
    ("**Open https://x.org/a?b=1&c=2**", '<b>Open <a href="https://x.org/a?b=1&amp;c=2">https://x.org/a?b=1&amp;c=2</a></b>'),
    ('A quote ends no link: www.x.org/"onclick=<b>', 'A quote ends no link: www.x.org/"onclick=&lt;b&gt;'),
    ("a@b and kap.example stay text", "a@b and kap.example stay text"),
])
def test_addresses_become_links_and_plain_text_reads_the_same(text, out):
    assert to_markup(text) == out
    assert plain(to_markup(text)) == text.replace("**", "")
