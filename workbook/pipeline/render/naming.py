"""How a document's form is described for reading it back: which fields carry a role, which radio
groups make up a rating grid or a measure; and how a field or one of its choices is announced to
someone who cannot see the page. Fields are named `<document>.<block>.<item>` from the keys
settled when the content was validated (a table's cells `<row>-<column id>`, a measure's items
their numbers), so what `workbook read` and `progress` look for is what the pages hold, in every
language."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from workbook.model.blocks import Fields, Measure, Scale
from workbook.model.forms import FormBand, FormFlag, FormMap, FormMeasure, FormScale
from workbook.pipeline.markup import plain
from workbook.pipeline.resolve import ResolvedDocument


def accessible_name(*parts: str) -> str:
    """What a screen reader says for a field (its tooltip) or for one choice of it: the
    question, then the row, the day or column and the value, as far as they apply
    ("Woke up exhausted: Mon: 2", "Any heart problems?: Yes")."""
    return ": ".join(p.strip().rstrip(".:").strip() for p in parts if p.strip())


def form_map(documents: Iterable[ResolvedDocument]) -> FormMap:
    """Every role-carrying field, rating grid and measure of the documents. A grid's week starts
    on the nearest week-start field above it, and a measure is dated by the nearest date field
    above it (else the document's first such field)."""
    roles: dict[str, str] = {}
    scales: list[FormScale] = []
    measures: list[FormMeasure] = []
    for doc in documents:
        start = date = None
        first, first_measure = len(scales), len(measures)
        for block in (*doc.blocks, *doc.closing):
            if isinstance(block, Fields):
                for item in block.items:
                    if item.role:
                        name = f"{doc.id}.{block.id}.{item.key}"
                        roles[name] = item.role
                        if item.role == "week-start":
                            start = name
                        elif item.role == "date":
                            date = name
            elif isinstance(block, Scale):
                columns = [plain(c) for c in block.columns]
                scales.append(FormScale(doc.id, block.id, tuple(plain(r) for r in block.rows), tuple(columns),
                                        tuple(block.keys or ()), block.min, block.max, start))
            elif isinstance(block, Measure):
                measures.append(_measure(doc.id, block, date))
        first_start = _first(roles, doc.id, "week-start")
        for i in range(first, len(scales)):
            if scales[i].start is None and first_start:
                scales[i] = dataclasses.replace(scales[i], start=first_start)
        first_date = _first(roles, doc.id, "date")
        for i in range(first_measure, len(measures)):
            if measures[i].date is None and first_date:
                measures[i] = dataclasses.replace(measures[i], date=first_date)
    return FormMap(roles, tuple(scales), tuple(measures))


def _first(roles: dict[str, str], doc_id: str, role: str) -> str | None:
    return next((n for n, r in roles.items() if r == role and n.startswith(f"{doc_id}.")), None)


def _measure(doc_id: str, block: Measure, date: str | None) -> FormMeasure:
    return FormMeasure(
        doc_id, block.id, plain(block.name), tuple(plain(i) for i in block.items), tuple(plain(c) for c in block.choices),
        block.low,
        tuple(FormBand(b.min, b.max, plain(b.label)) for b in block.bands),
        tuple(FormFlag(f.item, f.above, plain(f.note)) for f in block.flags), date)
