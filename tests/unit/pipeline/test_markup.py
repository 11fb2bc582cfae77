"""Inline markup: escaped, bold and italic, and addresses made links that cannot break out."""

from __future__ import annotations

import pytest

from workbook.pipeline.markup import plain, to_markup


@pytest.mark.parametrize("text, markup", [
    ("Write to hello@kap.example.", 'Write to <a href="mailto:hello@kap.example">hello@kap.example</a>.'),
    ("See www.kap.example, or", 'See <a href="https://www.kap.example">www.kap.example</a>, or'),
    ("**Open https://x.org/a?b=1&c=2**", '<b>Open <a href="https://x.org/a?b=1&amp;c=2">https://x.org/a?b=1&amp;c=2</a></b>'),
    ('A quote ends no link: www.x.org/"onclick=<b>', 'A quote ends no link: www.x.org/"onclick=&lt;b&gt;'),
    ("a@b and kap.example stay text", "a@b and kap.example stay text"),
])
def test_addresses_become_links_and_plain_text_reads_the_same(text, markup):
    assert to_markup(text) == markup
    assert plain(to_markup(text)) == text.replace("**", "")
