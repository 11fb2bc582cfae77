"""How a document's form is described for reading it back: which fields carry a role, which radio
groups make up a rating grid; and how a field or one of its choices is announced to someone who
cannot see the page. Fields are named `<document>.<block>.<item>` from the keys settled
when the content was validated, so what `workbook read` and `progress` look for is what the
pages hold, in every language."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from workbook.model.blocks import Fields, Scale
from workbook.model.forms import FormMap, FormScale
from workbook.pipeline.markup import plain
from workbook.pipeline.resolve import ResolvedDocument


def accessible_name(*parts: str) -> str:
    """What a screen reader says for a field (its tooltip) or for one choice of it: the
    question, then the row, the day or column and the value, as far as they apply
    ("Woke up exhausted: Mon: 2", "Any heart problems?: Yes")."""
    return ": ".join(p.strip().rstrip(".:").strip() for p in parts if p.strip())


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
                for item in block.items:
                    if item.role:
                        name = f"{doc.id}.{block.id}.{item.key}"
                        roles[name] = item.role
                        if item.role == "week-start":
                            start = name
            elif isinstance(block, Scale):
                columns = [plain(c) for c in block.columns]
                scales.append(FormScale(doc.id, block.id, tuple(plain(r) for r in block.rows), tuple(columns),
                                        tuple(block.keys or ()), block.min, block.max, start))
        first_start = next((n for n, r in roles.items() if r == "week-start" and n.startswith(f"{doc.id}.")), None)
        for i in range(first, len(scales)):
            if scales[i].start is None and first_start:
                scales[i] = dataclasses.replace(scales[i], start=first_start)
    return FormMap(roles, tuple(scales))
