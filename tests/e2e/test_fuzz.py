"""Property-based fuzzing of content YAML into `workbook check`: random structures and strings,
and well-formed blocks full of random text, never give a traceback or an internal error; only
a clean check (exit 0) or located problems (exit 1).

The examples are derandomized and bounded, so the run is the same every time and takes seconds:
the other documents are disabled, so each check lays out only the fuzzed one."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workbook.pipeline.sources import builtin_dir

BUILT_IN = [p.stem for p in builtin_dir("content").glob("*.yaml") if p.stem not in ("references", "workbook")]
HEADER = {"id": "extra", "title": "T", "kind": "worksheet", "audience": "client", "version": "1.0",
          "reviewed": "2026-11-01"}
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Text that means something to YAML, Jinja2, the inline markup or ReportLab, mixed with any text.
PIECES = ["{{", "}}", "{%", "%}", "{#", "**", "*", "<", ">", "&", "&amp;", "<b>", "</i>", "<img src='x'/>", "\n\n",
          "{{ practice.name }}", "{{ client.name }}", "{{ 1/0 }}", "{{ n }}", "{% for i in range(3) %}x{% endfor %}",
          "'", '"', ":", "- ", "#", "\t", "\u202e", "\u00e9", "\U0001f600", "2026-13-45", "9" * 40]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=8).map("".join)
KEYS = st.sampled_from(["id", "text", "items", "label", "lines", "rows", "columns", "min", "max", "legend", "title",
                        "blocks", "count", "hint", "value", "role", "roles", "heading", "prompt", "scale", "repeat",
                        "bullets", "checklist", "fields", "safety", "resource", "page_break", "callout", "details",
                        "table", "measure", "when", "name", "instructions", "choices", "bands", "flags", "example",
                        "numbered", "low", "note", "above", "item"])
SCALARS = st.one_of(TEXT, st.integers(-10**6, 10**6), st.booleans(), st.none(), st.floats(allow_nan=True),
                    st.dates().map(str), st.just("9" * 5000))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(KEYS | TEXT, inner, max_size=4)), max_leaves=20)
ID = st.from_regex(r"[a-z][a-z0-9]{0,5}", fullmatch=True)
BLOCK = st.one_of(
    st.builds(lambda t: {"text": t}, TEXT), st.builds(lambda t: {"heading": t}, TEXT),
    st.builds(lambda t: {"bullets": t}, st.lists(TEXT, min_size=1, max_size=3)),
    st.builds(lambda t, s: {"callout": {"title": t, "text": s}}, TEXT, TEXT),
    st.builds(lambda i, t, n: {"prompt": {"id": i, "label": t, "lines": n}}, ID, TEXT, st.integers(1, 20)),
    st.builds(lambda i, t: {"checklist": {"id": i, "items": t}}, ID, st.lists(TEXT, min_size=1, max_size=12)),
    st.builds(lambda i, r, c: {"scale": {"id": i, "rows": r, "columns": c}}, ID, st.lists(TEXT, min_size=1, max_size=45),
              st.lists(TEXT, min_size=1, max_size=10)),
    st.builds(lambda i, t: {"fields": {"id": i, "items": t}}, ID, st.lists(TEXT, min_size=1, max_size=4)),
    st.builds(lambda i, t, d: {"yes_no": {"id": i, "items": t, "details": d}}, ID, st.lists(TEXT, min_size=1, max_size=3),
              TEXT),
    st.builds(lambda i, t: {"signature": {"id": i, "roles": t}}, ID, st.lists(TEXT, min_size=1, max_size=4)),
    st.builds(lambda i, c, n, e: {"table": {"id": i, "columns": [{"id": f"c{k}", "label": t} for k, t in enumerate(c)],
                                            "rows": n, "example": c if e else []}},
              ID, st.lists(TEXT, min_size=2, max_size=6), st.integers(1, 30), st.booleans()),
    st.builds(lambda i, n, t, c, items: {"measure": {"id": i, "name": n, "instructions": t, "choices": c, "items": items}},
              ID, TEXT, TEXT, st.lists(TEXT, min_size=2, max_size=7), st.lists(TEXT, min_size=1, max_size=40)),
    st.builds(lambda t, w: {"text": {"text": t, "when": w}}, TEXT, TEXT),
    st.builds(lambda n, b: {"repeat": {"count": n, "blocks": b}}, st.integers(1, 3),
              st.lists(st.builds(lambda t: {"text": t}, TEXT), min_size=1, max_size=2)),
)


def _check(cli, document: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content").mkdir()
        (root / "practice.yaml").write_text("name: Fuzz\n")
        for doc_id in BUILT_IN:
            (root / "content" / f"{doc_id}.yaml").write_text(f"id: {doc_id}\ndisabled: true\n")
        (root / "content" / "workbook.yaml").write_text("title: W\ndocuments: [extra]\n")
        extra = root / "content" / "extra.yaml"
        extra.write_bytes(document) if isinstance(document, bytes) else extra.write_text(document, encoding="utf-8")
        result = cli("check", "-p", root)
    assert result.exit_code in (0, 1), result.output[-3000:]
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output[-3000:]


@FUZZ
@given(VALUES)
def test_random_structures_never_give_a_traceback(cli, value):
    _check(cli, yaml.safe_dump({**HEADER, "blocks": value}, allow_unicode=True))


@FUZZ
@given(st.lists(BLOCK, min_size=1, max_size=6), TEXT, TEXT)
def test_well_formed_blocks_of_random_text_never_give_a_traceback(cli, blocks, title, summary):
    _check(cli, yaml.safe_dump({**HEADER, "title": title or "T", "summary": summary, "blocks": blocks}, allow_unicode=True))


@FUZZ
@given(st.binary(max_size=300) | TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
@example(b"{.")  # found by this test: an unclosed {mapping} broke the plain-words message
def test_random_bytes_never_give_a_traceback(cli, data):
    _check(cli, data)
