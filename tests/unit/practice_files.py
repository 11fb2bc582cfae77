"""A valid document to put blocks in, for unit tests that need a practice folder."""

from __future__ import annotations

DOC = """\
id: extra
title: An extra sheet
kind: worksheet
audience: client
version: "1.0"
reviewed: 2026-11-01
blocks:
"""


def document(*blocks: str) -> str:
    """A valid document whose blocks are the given YAML lines."""
    return DOC + "".join(f"  {b}\n" for b in blocks)
