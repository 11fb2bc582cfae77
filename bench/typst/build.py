"""Compile the Typst comparison (workbook.typ beside this file) to a PDF, offline.

    python bench/typst/build.py [-o typst.pdf] [--content content/]

Needs `pip install typst` (the Python binding; it bundles the compiler and runs offline). Each
referenced QR code's module matrix comes from the qrcode package, as the floor's and the
workbook's do, and is handed to Typst as an input; only the Lato files are used as fonts
(system fonts are not scanned). Prints one line: pages and bytes."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import qrcode
import typst
import yaml
from qrcode.constants import ERROR_CORRECT_M

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def matrix(url: str) -> str:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return "/".join("".join("1" if m else "0" for m in row) for row in code.get_matrix())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", type=Path, default=Path("typst.pdf"))
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args()
    content = args.content.resolve()
    refs = yaml.load((content / "references.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    inputs = {"content": "/" + content.name, **{f"qr:{r['url']}": matrix(r["url"]) for r in refs}}
    # Typst reads files only under its root: the source is copied beside the content folder's parent.
    data = typst.compile((HERE / "workbook.typ").read_bytes(), root=str(content.parent), sys_inputs=inputs,
                         font_paths=[str(ROOT / "workbook" / "fonts")], ignore_system_fonts=True)
    args.out.write_bytes(data)
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    print(f"typst: {pages} pages, {len(data)} bytes")


if __name__ == "__main__":
    main()
