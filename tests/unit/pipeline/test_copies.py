"""A practice's copies of built-ins: the record in their first line, and when the built-in has
changed since."""

from __future__ import annotations

import re

from workbook.pipeline.copies import digest, header, read_record, stale_copies, version_of, with_header
from workbook.pipeline.sources import find_builtin


def test_the_first_line_records_name_version_and_digest(tmp_path):
    welcome = find_builtin("welcome")
    data = welcome.path.read_bytes()
    copy = tmp_path / "welcome.yaml"
    copy.write_bytes(with_header(data, welcome, data))
    record = read_record(copy)
    assert record is not None and record.name == "welcome" and record.version == version_of(welcome)
    assert re.search(rf'^version: "{re.escape(record.version)}"$', data.decode(), re.M)
    assert record.matches(data) and not record.matches(data + b"# changed\n")
    assert copy.read_bytes().endswith(data)


def test_a_template_records_no_version_inside_a_jinja_comment(tmp_path):
    footer = find_builtin("footer.j2")
    data = footer.path.read_bytes()
    text = header(footer, data)
    assert text.startswith("{# ejected from kap-workbook built-in footer.j2 (sha256 ") and text.endswith(" -#}\n")
    copy = tmp_path / "footer.j2"
    copy.write_bytes(text.encode() + data)
    assert read_record(copy).version is None


def test_a_new_record_replaces_only_the_first_line():
    welcome = find_builtin("welcome")
    old, new = b"id: welcome\nversion: '0.9'\n", welcome.path.read_bytes()
    copy = with_header(old + b"# our own notes\n", welcome, old)
    updated = with_header(copy, welcome, new)
    assert updated.split(b"\n")[1:] == copy.split(b"\n")[1:]
    assert digest(new)[:16].encode() in updated.split(b"\n")[0]
    assert with_header(b"id: welcome\n", welcome, new).endswith(b"\nid: welcome\n")  # no record: one is added


def test_a_copy_of_an_older_built_in_is_a_warning_at_its_first_line(practice):
    welcome, header_j2 = find_builtin("welcome"), find_builtin("header.j2")
    version = version_of(welcome)
    older = welcome.path.read_bytes().replace(f'version: "{version}"'.encode(), b'version: "0.9"')
    retired = "# ejected from kap-workbook built-in retired-handout, version 2 (sha256 0123456789abcdef)\n"
    current_header = with_header(b"{{ practice.name }}\n", header_j2, header_j2.path.read_bytes())
    folder = practice({"content/welcome.yaml": with_header(older, welcome, older).decode(),
                       "content/extra.yaml": retired, "templates/header.j2": current_header.decode()})
    retired_notice, welcome_notice = stale_copies(folder)  # the header.j2 copy is up to date
    assert retired_notice.where.path.endswith("extra.yaml") and (retired_notice.where.line, retired_notice.where.col) == (1, 1)
    assert "retired-handout', which this version of kap-workbook no longer has" in retired_notice.message
    assert welcome_notice.where.path.endswith("welcome.yaml") and welcome_notice.where.line == 1
    assert welcome_notice.message == ("copied from the built-in welcome version 0.9; the installed built-in is "
                                      f"version {version}: `workbook diff welcome` shows what changed")
    assert stale_copies(None) == []
