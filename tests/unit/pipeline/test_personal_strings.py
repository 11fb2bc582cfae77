"""The parts of personalising a packet that need no PDF: probe clients, shapes, PDF text strings
and content IDs (tests/e2e/test_personalise.py checks the packets themselves)."""

from __future__ import annotations

import datetime

import pytest

from workbook.model.settings import Settings
from workbook.pipeline.personalise import Strings, probes, shape
from workbook.pipeline.render import fonts, splice

FONT = fonts.builtin().regular
NAMES = ["Ada Okafor", "Łukasz Żółkiewski", "Ελένη Παπαδοπούλου", "Юлия Иванова", "Nguyễn Văn An", "王芳", "O'Brien (Jr.)"]


@pytest.mark.parametrize("name", NAMES)
def test_probes_have_the_clients_shape_and_none_of_its_letters(name):
    client = Settings(client=name, clinician="Dr. Rivera", date=datetime.date(2026, 3, 9))
    one, two = probes(client, FONT)
    for probe in (one, two):
        assert shape((probe.client, probe.clinician), FONT) == shape((name, "Dr. Rivera"), FONT)
        assert not [w for w in (*name.split(), "Rivera") if w in probe.client + probe.clinician]
        assert probe.date not in (None, client.date)
    strings = {one.client, one.clinician, two.client, two.clinician}
    assert len(strings) == 4 and not any(a in b for a in strings for b in strings if a != b)
    assert not two.client.isascii()  # the second probe tries a letter outside ASCII


def test_shapes_tell_scripts_apart_only_by_the_font_that_draws_them():
    assert shape(("Ελένη Παπαδοπούλου",), FONT) == shape(("Юлия Иванова",), FONT)
    assert shape(("Ada Okafor",), FONT) == shape(("Łukasz Żółkiewski",), FONT)
    assert len({shape((n,), FONT) for n in ("Ada Okafor", "Ελένη Παπαδοπούλου", "Nguyễn Văn An", "王芳")}) == 4
    assert shape(("Ada", ""), FONT) != shape(("Ada", "Dr. Rivera"), FONT)  # a clinician or not


def test_pairs_map_a_probes_strings_to_the_clients_longest_first():
    probe = Strings.of(("Qzv", "Qzvx Pq", "1901-02-03"), datetime.date(1901, 2, 3))
    client = Strings.of(("Ada", "Dr. Rivera", "2026-03-09"), datetime.date(2026, 3, 9))
    assert probe.pairs(client) == [("D:19010203000000+00'00'", "D:20260309000000+00'00'"), ("1901-02-03", "2026-03-09"),
                                   ("Qzvx Pq", "Dr. Rivera"), ("Qzv", "Ada")]


@pytest.mark.parametrize("text", ["Ada Okafor", "Zoë (x) \\ y", "Paweł Nowak", "Œdipe Šimek", "Ελένη Παπαδοπούλου", "王芳", ""])
def test_text_strings_read_back_as_written(text):
    token = splice.text_token(text)
    assert splice.STRING.fullmatch(token)
    assert splice.text_of(token) == text


def test_content_ids_come_from_the_bytes():
    ids = b"[<" + b"a" * 32 + b"><" + b"a" * 32 + b">]"
    head = b"%PDF-1.5\n1 0 obj\n<< >>\nendobj\n"
    # the cross-reference stream's binary data may hold "/ID" too: not the one to change
    pdf = head + b"2 0 obj\n<</Type/XRef/ID " + ids + b"/Length 9>>stream\n/ID [<b\n\nendstream\nendobj\n" + \
        b"startxref\n%d\n%%%%EOF\n" % len(head)
    once = splice.with_content_id(pdf)
    assert once != pdf and len(once) == len(pdf) and once.endswith(pdf[-60:])
    assert splice.with_content_id(once) == once  # the same bytes, the same /ID, whatever /ID it had
    assert splice.with_content_id(pdf.replace(b"<< >>", b"<< 1 >>")) != once.replace(b"<< >>", b"<< 1 >>")
