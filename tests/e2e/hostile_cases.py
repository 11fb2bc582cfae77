"""Hostile and odd inputs, generated: each a practice folder (or a clients file) with one mistake,
and where the one message about it must point.

A file's content is text, bytes, or a Special: a pipe, a folder, a link, or a large file made
on the spot. Paths are relative to the case's own folder, which holds the practice `p/`, the
output folder `out/` (with an earlier PDF in it) and `outside/`, a folder beside the practice
that nothing may be read from."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

DOC = """\
id: extra
title: T
kind: worksheet
audience: client
version: "1.0"
reviewed: 2026-11-01
blocks:
"""
EXTRA = "p/content/extra.yaml"


@dataclass(frozen=True)
class Special:
    kind: str  # fifo | dir | link | size | copy
    target: str = ""  # link: where it points; size: how the file starts; copy: a file of this repository
    size: int = 0


FIFO, FOLDER = Special("fifo"), Special("dir")


def link(target: str) -> Special:
    return Special("link", target)


def sized(size: int, start: bytes = b"") -> Special:
    return Special("size", start.decode("latin-1"), size)


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes | Special]  # under the practice folder p/, unless 'outside/' or a CSV
    where: str  # the start of the one problem line: file, and line when there is one
    says: str = ""  # a few words the message must contain
    args: tuple[str, ...] = ()
    command: str = "build"
    exit: int = 1
    many: bool = False  # several problems are right (each still located); one is the rule


def doc(*blocks: str, **fields: str) -> str:
    """A document whose blocks are the given YAML lines (the first on line 8), with header
    fields replaced (title=..., summary=... adds a line 7 and moves the blocks down one)."""
    text = DOC
    for key, value in fields.items():
        if key == "summary":
            text = text.replace("blocks:\n", f"summary: {value}\nblocks:\n")
        else:
            text = "".join(f"{key}: {value}\n" if line.startswith(f"{key}:") else line + "\n"
                           for line in text.splitlines())
    return text + "".join(f"  - {b}\n" for b in blocks)


def quoted(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


# --- 4, 5: templates that fail, overflow, loop or never end --------------------------------

BAD_TEMPLATES = {
    "divide-by-zero": ("{{ 1/0 }}", "divides by zero"),
    "string-times-a-billion": ("{{ 'x' * 10**9 }}", "longer than"),
    "list-times-a-billion": ("{{ [1] * 10**9 }}", "longer than"),
    "center-a-billion": ("{{ 'a'|center(10**9) }}", "longer than"),
    "zfill-a-billion": ("{{ 'a'.zfill(10**9) }}", "longer than"),
    "ljust-a-billion": ("{{ 'a'.ljust(1000000000) }}", "longer than"),
    "range-a-billion": ("{{ range(10**9)|list }}", "range"),
    "self-calling-macro": ("{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", "calls itself"),
    "branching-macro": ("{% macro m(n) %}{{ m(n + 1) }}{{ m(n + 2) }}{% endmacro %}{{ m(1) }}", "calls itself"),
    "float-overflow": ("{{ 2.0 ** 100000 }}", "too large"),
    "huge-integer": ("{{ 10 ** 100000 }}", "digits"),
    "integer-product": ("{{ (10 ** 900) * (10 ** 900) }}", "digits"),
    "concat-doubling": ("{% set s = 'x' * 60000 %}{{ s ~ s }}", "longer than"),
    "replace-empty": ("{{ ('x' * 1000)|replace('', 'y' * 1000) }}", "longer than"),
    "percent-width": ("{{ '%999999999s' % 'x' }}", "format width"),
    "format-width": ("{{ '{:999999999}'.format('x') }}", "format width"),
    "format-filter-width": ("{{ '%999999999d'|format(1) }}", "format width"),
    "indent-lines": ("{{ ('x\\n' * 50000)|indent(100) }}", "longer than"),
    "expandtabs": ("{{ ('\\t' * 1000).expandtabs(100000) }}", "longer than"),
    "join-separator": ("{{ range(10000)|join('x' * 100) }}", "longer than"),
    "method-join": ("{{ ('x' * 1000).join(range(10000)|map('string')) }}", "longer than"),
    "wordwrap-string": ("{{ ('x' * 50000)|wordwrap(1, wrapstring='y' * 100) }}", "longer than"),
    "batch-a-billion": ("{{ [1, 2]|batch(10**9)|list }}", "groups"),
    "two-big-outputs": ("{{ 'x' * 99999 }}{{ 'x' * 99999 }}", "more than"),
    "python-internals": ("{{ ''.__class__.__mro__ }}", "not allowed"),
    "include": ("{% include 'secret.j2' %}", "template error"),
    "import": ("{% import 'secret.j2' as s %}", "template error"),
    "lipsum": ("{{ lipsum(10**9) }}", "undefined template variable 'lipsum'"),
    "percent-type": ("{{ '%d' % 'x' }}", "template error"),
    "unclosed": ("{{ practice.name ", "syntax error"),
    "undefined": ("{{ practice.nmae }}", "undefined template variable"),
}
# Loops that compute without writing: stopped by the time limit (each case takes that long).
SLOW_TEMPLATES = {
    "nested-loops": ("{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}", "seconds"),
    "string-loops": ("{% set s = 'x' * 60000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}", "seconds"),
}


def _placements(source: str) -> list[tuple[str, dict, str]]:
    """Where a template can stand, with the location its message must name."""
    q = quoted(source)
    return [
        ("text", {"content/extra.yaml": doc(f"text: {q}")}, f"{EXTRA}:8:"),
        ("heading", {"content/extra.yaml": doc(f"heading: {q}")}, f"{EXTRA}:8:"),
        ("title", {"content/extra.yaml": doc("text: x", title=q)}, f"{EXTRA}:2:"),
        ("summary", {"content/extra.yaml": doc("text: x", summary=q)}, f"{EXTRA}:7:"),
        ("prompt", {"content/extra.yaml": doc(f"prompt: {{id: a, label: {q}}}")}, f"{EXTRA}:8:"),
        ("checklist", {"content/extra.yaml": doc(f"checklist: {{id: a, items: [ok, {q}]}}")}, f"{EXTRA}:8:"),
        ("footer", {"templates/footer.j2": source + "\n"}, "p/templates/footer.j2:1:1"),
        ("header", {"templates/header.j2": source + "\n"}, "p/templates/header.j2:1:1"),
        ("cover", {"templates/cover.yaml": f"title: {q}\n"}, "p/templates/cover.yaml:1:8"),
        ("safety", {"templates/safety.yaml": f"title: Help\ntext: {q}\n"}, "p/templates/safety.yaml:2:7"),
        ("closing", {"templates/closing.yaml": f"client:\n  - text: {q}\nclinician: []\n"}, "p/templates/closing.yaml:2:11"),
        ("workbook", {"content/workbook.yaml": f"title: {q}\ndocuments: [welcome]\n"}, "p/content/workbook.yaml:1:8"),
    ]


# A block's `when:` is an expression run in the same bounded sandbox: located at its line.
BAD_CONDITIONS = {
    "divide-by-zero": ("1/0", "divides by zero"),
    "string-times-a-billion": ("'x' * 10**9", "longer than"),
    "huge-integer": ("10 ** 100000", "digits"),
    "range-a-billion": ("range(10**9)|list", "range"),
    "python-internals": ("''.__class__.__mro__", "not allowed"),
    "undefined": ("practice.nmae", "undefined template variable"),
    "unfinished": ("practice.name ==", "not a valid condition"),
    "template-braces": ("{{ practice.name }}", "not a valid condition"),
    # 10,000 strings each looked for among 100,000 numbers: some 20 seconds, stopped after 2
    "quadratic-loop": ("range(9999)|map('string')|select('in', range(9999)|list * 10)|list", "seconds"),
}


def condition_cases() -> list[Case]:
    out = []
    for name, (source, says) in BAD_CONDITIONS.items():
        q = quoted(source)
        out.append(Case(f"when-{name}", {"content/extra.yaml": doc(f"text: {{when: {q}, text: x}}")}, f"{EXTRA}:8:", says))
    out.append(Case("when-in-a-repeat-fails-on-its-first-pass",
                    {"content/extra.yaml": doc("repeat: {count: 2, blocks: [{text: {when: '1 / (n - 1)', text: x}}]}")},
                    f"{EXTRA}:8:", "divides by zero"))
    out.append(Case("when-in-the-closing-blocks", {"templates/closing.yaml": "client:\n  - text: {when: '1/0', text: x}\n"
                                                                             "clinician: []\n"},
                    "p/templates/closing.yaml:2:", "divides by zero"))
    return out


def template_cases() -> list[Case]:
    out = []
    for i, (name, (source, says)) in enumerate(BAD_TEMPLATES.items()):
        places = _placements(source)
        for k in range(3):  # three places each, a different three for the next template
            place, files, where = places[(i * 3 + k) % len(places)]
            out.append(Case(f"template-{name}-in-{place}", files, where, says))
    for name, (source, says) in SLOW_TEMPLATES.items():
        place, files, where = _placements(source)[0]
        out.append(Case(f"template-{name}-in-{place}", files, where, says))
    # A footer that fails only on a later page: found as that page is laid out.
    out.append(Case("footer-fails-on-page-3", {"templates/footer.j2": "{% if page == 3 %}{{ 1/0 }}{% endif %}x\n"},
                    "p/templates/footer.j2:1:1", "page 3"))
    out.append(Case("footer-fails-on-the-last-page", {"templates/footer.j2": "{{ 1 // (pages - page) }}\n"},
                    "p/templates/footer.j2:1:1", "divides by zero"))
    return out


# --- 5: odd YAML ---------------------------------------------------------------------------

def yaml_cases() -> list[Case]:
    deep = "[" * 500 + "]" * 500
    block_deep = "".join("  " * i + "a:\n" for i in range(100)) + "  " * 100 + "a: 1\n"
    laughs = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ["x"] * 9) + "]\n" for i in range(8))
    digits = "9" * 5000
    cases = [
        ("impossible-month", doc("text: x").replace("2026-11-01", "2026-13-45"), f"{EXTRA}:6:", "month"),
        ("impossible-day", doc("text: x").replace("2026-11-01", "2026-02-30"), f"{EXTRA}:6:", "day"),
        ("month-zero", doc("text: x").replace("2026-11-01", "2026-00-10"), f"{EXTRA}:6:", "month"),
        ("huge-line-count", doc(f"prompt: {{id: a, label: b, lines: {digits}}}"), f"{EXTRA}:8:", "lines"),
        ("huge-negative-min", doc(f"scale: {{id: s, rows: [a], columns: [b], min: -{digits}}}"), f"{EXTRA}:8:", "min"),
        ("huge-repeat-count", doc(f"repeat: {{count: {digits}, blocks: [text: x]}}"), f"{EXTRA}:8:", "count"),
        ("infinite-line-count", doc("prompt: {id: a, label: b, lines: .inf}"), f"{EXTRA}:8:", "lines"),
        ("not-a-number-lines", doc("prompt: {id: a, label: b, lines: .nan}"), f"{EXTRA}:8:", "lines"),
        ("list-as-id", doc("text: x").replace("id: extra", "id: [a, b]"), f"{EXTRA}:1:", "id"),
        ("mapping-as-id", doc("text: x").replace("id: extra", "id: {a: 1}"), f"{EXTRA}:1:", "id"),
        ("list-as-id-disabled", "id: [a]\ndisabled: true\n", f"{EXTRA}:1:", "id"),
        ("list-as-key", doc("text: x") + "? [a, b]\n: x\n", f"{EXTRA}:9:", "plain word"),
        ("mapping-as-block-key", doc("{? {a: 1} : x}"), f"{EXTRA}:8:", "plain word"),  # and: so no block
        ("nesting-500-flow", doc(f"text: {deep}"), f"{EXTRA}:8:", "levels deep"),
        ("nesting-a-million", doc("text: " + "[" * 1_000_000), f"{EXTRA}:8:", "levels deep"),
        ("nesting-100-block", doc("text: x") + block_deep, f"{EXTRA}:", "levels deep"),
        ("self-alias", doc("text: &a [x, *a]"), f"{EXTRA}:8:", "contains itself"),
        ("billion-laughs", doc("text: x") + laughs, f"{EXTRA}:", "aliases"),
        ("text-over-100000", doc("text: " + "word " * 25_000), f"{EXTRA}:8:", "100,000"),
        ("word-of-200000", doc("text: " + "x" * 200_000), f"{EXTRA}:8:", "100,000"),
        ("control-character", doc("text: a\x07b"), f"{EXTRA}:8:", "control character"),
        ("tab-indent", doc("text: x") + "\tfoo: 1\n", f"{EXTRA}:9:", "tab"),
        ("python-tag", doc("text: !!python/object/apply:os.system ['true']"), f"{EXTRA}:8:", "tags"),
        ("set-as-blocks", DOC.replace("blocks:\n", "blocks: !!set {a, b}\n"), f"{EXTRA}:7:", "list"),
        ("two-documents", doc("text: x") + "---\nid: y\n", f"{EXTRA}:", "second document"),
        ("document-is-a-list", "- a\n- b\n", f"{EXTRA}:1:1", "mapping"),
        ("unclosed-flow-mapping", "{.", f"{EXTRA}:1:1", "not closed"),
    ]
    out = [Case(f"yaml-{name}", {"content/extra.yaml": text}, where, says, many=name == "mapping-as-block-key")
           for name, text, where, says in cases]
    not_utf8 = {
        "content/extra.yaml": (doc("text: caf\xe9").encode("latin-1"), f"{EXTRA}:8:"),
        "practice.yaml": (b"name: Caf\xe9\n", "p/practice.yaml:1:"),
        "content/references.yaml": (b"- {id: r, title: \xff}\n", "p/content/references.yaml:1:"),
        "templates/cover.yaml": (b"title: \xfe\xff\n", "p/templates/cover.yaml:1:"),
        "templates/header.j2": (b"\xff\xfe{{ practice.name }}\n", "p/templates/header.j2:1:1"),
        "templates/footer.j2": (b"Page {{ page }}\n\x80\n", "p/templates/footer.j2:2:1"),
    }
    for path, (data, where) in not_utf8.items():
        out.append(Case(f"not-utf8-{path.replace('/', '-')}", {path: data}, where, "UTF-8"))
    deep_elsewhere = {
        "practice.yaml": ("name: P\naddress: " + deep + "\n", "p/practice.yaml:2:"),
        "content/references.yaml": (deep + "\n", "p/content/references.yaml:1:"),
        "templates/cover.yaml": ("title: " + deep + "\n", "p/templates/cover.yaml:1:"),
    }
    for path, (text, where) in deep_elsewhere.items():
        out.append(Case(f"nesting-in-{path.replace('/', '-')}", {path: text}, where, "levels deep"))
    return out


# --- 3: paths that leave the folder, pipes, devices, folders, caps ---------------------------

def _png(width: int, height: int, data: bytes | None = None) -> bytes:
    """A PNG whose header says width x height; its image data as given (default: none valid)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    body = chunk(b"IDAT", data if data is not None else zlib.compress(b"\0" * 10))
    return b"\x89PNG\r\n\x1a\n" + header + body + chunk(b"IEND", b"")


def _jpeg_bomb() -> bytes:
    """A JPEG header claiming 65,000 x 65,000 pixels."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 65000, 65000, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + sof + b"\xff\xd9"


def path_cases() -> list[Case]:
    secret = {"outside/secret.yaml": doc("text: secret"), "outside/dir/extra.yaml": doc("text: secret")}
    cases = [
        ("content-folder-links-out", {"content": link("../outside/dir")}, "p/content", "outside"),
        ("templates-folder-links-out", {"templates": link("../outside/dir")}, "p/templates", "outside"),
        ("content-file-links-out", {"content/extra.yaml": link("../../outside/secret.yaml")}, EXTRA, "outside"),
        ("content-file-links-to-passwd", {"content/extra.yaml": link("/etc/passwd")}, EXTRA, "outside"),
        ("content-file-links-to-dev-zero", {"content/extra.yaml": link("/dev/zero")}, EXTRA, "outside"),
        ("content-file-is-a-fifo", {"content/extra.yaml": FIFO}, EXTRA, "regular file"),
        ("content-file-is-a-folder", {"content/extra.yaml": FOLDER}, EXTRA, "folder"),
        ("content-file-broken-link", {"content/extra.yaml": link("nowhere.yaml")}, EXTRA, "broken link"),
        ("references-is-a-folder", {"content/references.yaml": FOLDER}, "p/content/references.yaml", "folder"),
        ("references-is-a-fifo", {"content/references.yaml": FIFO}, "p/content/references.yaml", "regular file"),
        ("workbook-is-a-fifo", {"content/workbook.yaml": FIFO}, "p/content/workbook.yaml", "regular file"),
        ("header-is-a-folder", {"templates/header.j2": FOLDER}, "p/templates/header.j2", "folder"),
        ("header-is-a-fifo", {"templates/header.j2": FIFO}, "p/templates/header.j2", "regular file"),
        ("footer-links-out", {"templates/footer.j2": link("../../outside/secret.yaml")}, "p/templates/footer.j2", "outside"),
        ("cover-is-a-fifo", {"templates/cover.yaml": FIFO}, "p/templates/cover.yaml", "regular file"),
        ("practice-yaml-is-a-fifo", {"practice.yaml": FIFO}, "p/practice.yaml", "regular file"),
        ("practice-yaml-is-a-folder", {"practice.yaml": FOLDER}, "p/practice.yaml", "folder"),
        ("practice-yaml-links-out", {"practice.yaml": link("../outside/secret.yaml")}, "p/practice.yaml", "outside"),
        ("content-is-a-file", {"content": "not a folder\n"}, "p/content", "folder"),
        ("content-file-over-2-mb", {"content/extra.yaml": sized(2 * 1024 * 1024 + 1, b"text: ")}, EXTRA, "2 MB"),
        ("content-file-of-20-mb", {"content/extra.yaml": sized(20 * 1024 * 1024, b"# ")}, EXTRA, "2 MB"),
        ("template-over-2-mb", {"templates/footer.j2": sized(2 * 1024 * 1024 + 1, b"x")}, "p/templates/footer.j2", "2 MB"),
    ]
    out = [Case(f"path-{name}", {**secret, **files}, where, says) for name, files, where, says in cases]
    # A language's folders are read under the same rules (built with --lang es).
    spanish = [
        ("content-folder-links-out", {"content/es": link("../../outside/dir")}, "p/content/es", "outside"),
        ("templates-folder-links-out", {"templates/es": link("../../outside/dir")}, "p/templates/es", "outside"),
        ("document-links-out", {"content/es/extra.yaml": link("../../../outside/secret.yaml")}, "p/content/es/extra.yaml",
         "outside"),
        ("strings-is-a-fifo", {"templates/es/strings.yaml": FIFO}, "p/templates/es/strings.yaml", "regular file"),
        ("footer-is-a-folder", {"templates/es/footer.j2": FOLDER}, "p/templates/es/footer.j2", "folder"),
        ("workbook-over-2-mb", {"content/es/workbook.yaml": sized(2 * 1024 * 1024 + 1, b"title: ")},
         "p/content/es/workbook.yaml", "2 MB"),
    ]
    out += [Case(f"path-spanish-{name}", {**secret, **files}, where, says, args=("--lang", "es"))
            for name, files, where, says in spanish]
    logo = "p/practice.yaml:2:7"
    logos = [
        ("links-to-dev-zero", link("/dev/zero"), "outside"),
        ("links-out", link("../outside/logo.png"), "outside"),
        ("is-a-fifo", FIFO, "regular file"),
        ("is-a-folder", FOLDER, "folder"),
        ("over-10-mb", sized(10 * 1024 * 1024 + 1, b"\x89PNG\r\n\x1a\n"), "10 MB"),
        ("damaged-png", b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50, "damaged"),
        ("png-with-bad-data", _png(64, 64, b"not zlib data at all"), "damaged"),
        ("truncated-png", _png(64, 64, zlib.compress(b"\0" * 100)[:8]), "damaged"),
        ("png-bomb", _png(30000, 30000), "pixels"),
        ("png-of-26-megapixels", _png(5200, 5000), "pixels"),
        ("damaged-jpg", b"\xff\xd8\xff\xe0" + b"\x00garbage" * 50, "damaged"),
        ("jpg-bomb", _jpeg_bomb(), "pixels"),
        ("not-an-image", b"GIF89a....", "not a PNG or JPG"),
    ]
    for name, body, says in logos:
        files = {"practice.yaml": "name: P\nlogo: logo.png\n", "logo.png": body, "outside/logo.png": _png(8, 8)}
        out.append(Case(f"logo-{name}", files, logo, says))
    fonts = "name: P\nfonts: {regular: r.ttf, bold: b.ttf, italic: i.ttf}\n"
    font_cases = [
        ("corrupt", b"\x00\x01\x00\x00" + b"\x00\x0c" + b"\xff" * 200, "damaged"),
        ("truncated", b"\x00\x01\x00\x00", "damaged"),
        ("over-5-mb", sized(5 * 1024 * 1024 + 1, b"\x00\x01\x00\x00"), "5 MB"),
        ("is-a-fifo", FIFO, "regular file"),
        ("links-out", link("../outside/r.ttf"), "outside"),
    ]
    lato = "workbook/fonts/Lato-Regular.ttf"
    for name, body, says in font_cases:
        files = {"practice.yaml": fonts, "r.ttf": body, "b.ttf": Special("copy", lato), "i.ttf": Special("copy", lato),
                 "outside/r.ttf": Special("copy", lato)}
        out.append(Case(f"font-{name}", files, "p/practice.yaml:2:", says))
    return out


# --- 6: content taller than a page; 4: huge practice values -------------------------------

def size_cases() -> list[Case]:
    long = " ".join(["word"] * 3000)
    cases = [
        ("heading-longer-than-a-page", {"content/extra.yaml": doc(f"heading: {long}")}, f"{EXTRA}:8:", "taller than a page"),
        ("checklist-item-longer-than-a-page", {"content/extra.yaml": doc(f"checklist: {{id: a, items: [{long}]}}")},
         f"{EXTRA}:8:", "taller than a page"),
        ("yes-no-item-longer-than-a-page", {"content/extra.yaml": doc(f"yes_no: {{id: a, items: [{long}]}}")},
         f"{EXTRA}:8:", "taller than a page"),
        ("initials-item-longer-than-a-page", {"content/extra.yaml": doc(f"initials: {{id: a, items: [{long}]}}")},
         f"{EXTRA}:8:", "taller than a page"),
        ("scale-row-longer-than-a-page", {"content/extra.yaml": doc(f"scale: {{id: s, rows: [a, {long}], columns: [x]}}")},
         f"{EXTRA}:8:", "taller than a page"),
        ("table-heading-longer-than-a-page",
         {"content/extra.yaml": doc(f"table: {{id: t, columns: [{{id: a, label: {long}}}, {{id: b, label: B}}]}}")},
         f"{EXTRA}:8:", "taller than a page"),
        ("measure-item-longer-than-a-page",
         {"content/extra.yaml": doc(f"measure: {{id: m, name: M, choices: [a, b], items: [a, {long}]}}")},
         f"{EXTRA}:8:", "taller than a page"),
        ("measure-item-after-a-heading-longer-than-a-page",
         {"content/extra.yaml": doc("heading: Before", f"measure: {{id: m, name: M, instructions: Rate, choices: [a, b], "
                                                       f"items: [a, {long}]}}")},
         f"{EXTRA}:9:", "taller than a page"),
        # The built-in footer prints the crisis line: it is the file named.
        ("crisis-line-too-long-for-the-footer", {"practice.yaml": "name: P\ncrisis: " + "Call us. " * 110 + "\n"},
         "{repo}/templates/footer.j2:1:1", "practice.crisis"),
        ("practice-name-of-1-mb", {"practice.yaml": "name: " + "N" * 1_000_000 + "\n"}, "p/practice.yaml:1:", "200"),
        ("clinician-of-1-mb", {"practice.yaml": "name: P\nclinician: " + "N" * 1_000_000 + "\n"}, "p/practice.yaml:2:", "200"),
        ("crisis-of-1-mb", {"practice.yaml": "name: P\ncrisis: " + "c " * 500_000 + "\n"}, "p/practice.yaml:2:", "1000"),
        ("address-of-1-mb", {"practice.yaml": "name: P\naddress: " + "a" * 1_000_000 + "\n"}, "p/practice.yaml:2:", "1000"),
        ("visit-length-of-1-mb", {"practice.yaml": "name: P\nvisit_length: " + "v" * 1_000_000 + "\n"},
         "p/practice.yaml:2:", "200"),
        ("after-hours-of-1-mb", {"practice.yaml": "name: P\nafter_hours: " + "a" * 1_000_000 + "\n"},
         "p/practice.yaml:2:", "1000"),
        ("spanish-crisis-line-of-1-mb", {"practice.yaml": "name: P\ncrisis: {en: Call us., es: " + "c" * 1_000_000 + "}\n"},
         "p/practice.yaml:2:", "1000"),
    ]
    many = {
        "bullets": doc("bullets: [" + ", ".join(["w"] * 6000) + "]"),
        "grid-cells": doc("scale: {id: s, columns: [a, b, c, d, e, f, g], rows: [" + ", ".join(["w"] * 800) + "]}"),
        "repeated-blocks": doc("repeat: {count: 52, blocks: [" + ", ".join(["text: w"] * 100) + "]}"),
        "blocks": doc(*["text: w"] * 5001),
        # 28 tables of 30 rows by 6 columns; 18 measures of 40 items with 7 choices each
        "table-cells": doc(*[f"table: {{id: t{i}, rows: 30, columns: [" + ", ".join(f"{{id: c{c}, label: C}}" for c in range(6))
                             + "]}" for i in range(28)]),
        "measure-choices": doc(*[f"measure: {{id: m{i}, name: M, choices: [a, b, c, d, e, f, g], items: ["
                                 + ", ".join(["w"] * 40) + "]}" for i in range(18)]),
    }
    cases += [(f"too-many-{name}", {"content/extra.yaml": text}, f"{EXTRA}:1:1", "more than 5,000")
              for name, text in many.items()]
    out = [Case(f"size-{name}", files, where, says) for name, files, where, says in cases]
    out.append(Case("size-twenty-lines-in-large-print", {"content/extra.yaml": doc("prompt: {id: a, label: b, lines: 20}")},
                    f"{EXTRA}:8:", "taller than a page", args=("extra", "--large-print")))
    return out


# --- 5, 8: clients files for batch ----------------------------------------------------------

def batch_cases() -> list[Case]:
    rows = {
        "duplicate-header": ("client,date,client\nAnn Lee,2026-01-02,Bo Park\n", "clients.csv:1:1", "named twice"),
        "cell-over-131072": ("client,documents\nAnn Lee," + "x" * 140_000 + "\n", "clients.csv:", "131,072"),
        "nul-byte": ("client\nAnn\x00 Lee\n", "clients.csv:", "NUL"),
        "not-utf8": (b"client\nAnn L\xe9e\n", "clients.csv", "UTF-8"),
        "no-header-line": ("Ann Lee,Dr Rivera,2026-01-02\n", "clients.csv:1:1", "column"),
        "is-a-fifo": (FIFO, "clients.csv", "regular file"),
        "over-10-mb": (sized(10 * 1024 * 1024 + 1, b"client\n"), "clients.csv", "10 MB"),
    }
    return [Case(f"batch-{name}", {"clients.csv": body}, where, says, command="batch", many=name == "no-header-line")
            for name, (body, where, says) in rows.items()]


def all_cases() -> list[Case]:
    return template_cases() + condition_cases() + yaml_cases() + path_cases() + size_cases() + batch_cases()
