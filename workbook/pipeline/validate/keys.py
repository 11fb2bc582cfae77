"""Form field keys, settled once here so that every later stage names a document's fields alike
and no translated label can rename one.

An item's key is the one written in the YAML; else, in a translation, the key of the same item in
the English block with the same id (and its role, when the translation gives none); else its
words (Week starting -> week-starting), or positions when words are missing or repeat. A table's
cells are named by their column's `id` and a measure's items by their numbers: both are written
in the YAML, so nothing is settled for them (translation.py checks a translation keeps them)."""

from __future__ import annotations

from collections.abc import Sequence

from workbook.errors import Problems
from workbook.model.base import slug
from workbook.model.blocks import Block, FieldItem, Fields, Repeat, Role, Scale, Signature, Writable, iter_blocks
from workbook.model.document import Document


def settle_keys(doc: Document, english: Document | None, problems: Problems) -> Document:
    """doc with every field item's key (and a grid's column keys) filled in."""
    return doc.model_copy(update={"blocks": settle_blocks(doc.blocks, english.blocks if english else (), problems)})


def settle_blocks(blocks: Sequence[Block], english: Sequence[Block], problems: Problems) -> tuple[Block, ...]:
    base = {b.id: b for b in iter_blocks(english) if isinstance(b, Writable)}
    return tuple(_settle(b, base, problems) for b in blocks)


def _settle(block: Block, base: dict[str, Writable], problems: Problems) -> Block:
    if isinstance(block, Repeat):
        return block.model_copy(update={"blocks": tuple(_settle(b, base, problems) for b in block.blocks)})
    other = base.get(block.id) if isinstance(block, Writable) else None
    if isinstance(block, Fields):
        was = other.items if isinstance(other, Fields) else ()
        keys = _keys(block, block.items, [i.label for i in block.items], [i.key for i in was], problems)
        items = [item.model_copy(update={"key": key, "role": item.role or (was[n].role if n < len(was) else None)})
                 for n, (key, item) in enumerate(zip(keys, block.items))]
        return block.model_copy(update={"items": items})
    if isinstance(block, Signature):
        was_roles = other.roles if isinstance(other, Signature) else ()
        keys = _keys(block, block.roles, [r.role for r in block.roles], [r.key for r in was_roles], problems)
        return block.model_copy(update={"roles": [r.model_copy(update={"key": k}) for k, r in zip(keys, block.roles)]})
    if isinstance(block, Scale) and block.keys is None:
        if isinstance(other, Scale) and other.keys and len(other.keys) == len(block.columns):
            return block.model_copy(update={"keys": list(other.keys)})
        return block.model_copy(update={"keys": column_keys(block.columns)})
    return block


def _keys(block: Writable, items: Sequence[FieldItem | Role], labels: list[str], english: list[str | None],
          problems: Problems) -> list[str]:
    given = [item.key or (english[n] if n < len(english) else None) for n, item in enumerate(items)]
    if not any(given):
        return item_keys(labels)
    keys = [key or slug(label) for key, label in zip(given, labels)]
    for n, key in enumerate(keys):
        if not key or key in keys[:n]:
            where = items[n].where("key") if items[n].key else block.where()
            what = f"the key '{key}' is taken by an item above" if key else "an item whose words make no key"
            problems.add(where, f"{what} in '{block.id}': give each item of it its own `key:`")
            break
    return keys


def item_keys(labels: Sequence[str]) -> list[str]:
    """Slugs of labels as field items, or positions when slugs are empty or repeat."""
    keys = [slug(label) for label in labels]
    return keys if all(keys) and len(set(keys)) == len(keys) else [str(i + 1) for i in range(len(keys))]


def column_keys(columns: Sequence[str]) -> list[str]:
    """A rating grid's columns as parts of field names: slugs, or positions when they repeat."""
    keys = [slug(c) or str(i + 1) for i, c in enumerate(columns)]
    return keys if len(set(keys)) == len(keys) else [str(i + 1) for i in range(len(columns))]
