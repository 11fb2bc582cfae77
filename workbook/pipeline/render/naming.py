"""How form fields are named: `<document>.<block>.<item>`, the items made from labels; and
how a field or one of its choices is announced to someone who cannot see the page.

The layout names its fields with these functions, and `form_map` describes a document's fields
by the same rules, so what `workbook read` and `progress` look for is what the pages hold."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from workbook.model.blocks import Fields, Scale
from workbook.model.forms import FormMap, FormScale
from workbook.pipeline.markup import plain
from workbook.pipeline.resolve import ResolvedDocument


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"<[^>]+>", "", text).lower()).strip("-")


def item_keys(labels: Iterable[str]) -> list[str]:
    """Slugs of labels as field items, or positions when slugs are empty or repeat."""
    keys = [slug(label) for label in labels]
    return keys if all(keys) and len(set(keys)) == len(keys) else [str(i + 1) for i in range(len(keys))]


def accessible_name(*parts: str) -> str:
    """What a screen reader says for a field (its tooltip) or for one choice of it: the
    question, then the row, the day or column and the value, as far as they apply
    ("Woke up exhausted: Mon: 2", "Any heart problems?: Yes")."""
    return ": ".join(p.strip().rstrip(".:").strip() for p in parts if p.strip())


def column_keys(columns: list[str]) -> list[str]:
    """A rating grid's columns as parts of field names: slugs, or positions when they repeat."""
    keys = [slug(c) or str(i + 1) for i, c in enumerate(columns)]
    return keys if len(set(keys)) == len(keys) else [str(i + 1) for i in range(len(columns))]


def form_map(documents: Iterable[ResolvedDocument]) -> FormMap:
    """Every role-carrying field and every rating grid of the documents. A grid's week starts on
    the nearest week-start field above it (else the document's first one)."""
    roles: dict[str, str] = {}
    scales: list[FormScale] = []
    for doc in documents:
        start = None
        first = len(scales)
        for block in (*doc.blocks, *doc.closing):
            if isinstance(block, Fields):
                for key, item in zip(item_keys(i.label for i in block.items), block.items):
                    if item.role:
                        name = f"{doc.id}.{block.id}.{key}"
                        roles[name] = item.role
                        if item.role == "week-start":
                            start = name
            elif isinstance(block, Scale):
                columns = [plain(c) for c in block.columns]
                scales.append(FormScale(doc.id, block.id, tuple(plain(r) for r in block.rows), tuple(columns),
                                        tuple(column_keys(columns)), block.min, block.max, start))
        first_start = next((n for n, r in roles.items() if r == "week-start" and n.startswith(f"{doc.id}.")), None)
        for i in range(first, len(scales)):
            if scales[i].start is None and first_start:
                scales[i] = dataclasses.replace(scales[i], start=first_start)
    return FormMap(roles, tuple(scales))
