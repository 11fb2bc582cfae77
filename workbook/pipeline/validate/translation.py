"""A translated document against its English one: the words may differ, the form may not.

A translation mirrors the English document block by block: it has the same writable blocks (same
ids and types) with the same fields (keys, roles, number of items, a grid's columns and range, a
table's column ids and rows, a measure's items, choices, bands and flags) and the same `when:`
condition, so that `workbook read` and `progress` treat a filled Spanish page exactly like an
English one. Any difference is a problem at the translated block. What only deserves a look (a
changed English version, a safety box or a resource card that is not in both, a printed block's
`when:` that is not the English one's) is a warning."""

from __future__ import annotations

from collections.abc import Sequence

from workbook.errors import Location, Notice, Problems
from workbook.model.blocks import (
    Block,
    Checklist,
    Fields,
    Initials,
    Measure,
    Repeat,
    Resource,
    Safety,
    Scale,
    Signature,
    Table,
    Writable,
    YesNo,
    iter_blocks,
)
from workbook.model.document import Document

INHERITED = ("kind", "audience", "version", "reviewed", "disabled")  # a translation may leave these out


def compare(english: Document, translated: Document, blocks_at: Location, problems: Problems,
            warnings: list[Notice]) -> None:
    """Report every way `translated` would not fill in like `english`. blocks_at: where the
    translation's blocks start, for a block it lacks."""
    for key in ("kind", "audience"):
        if getattr(english, key) != getattr(translated, key):
            problems.add(translated.where(key), f"{key} is '{getattr(translated, key)}' but the English document's "
                                                f"is '{getattr(english, key)}' ({english.where(key)})")
    if english.version != translated.version:
        warnings.append(Notice(translated.where("version"), f"translates version {translated.version}; the English "
                                f"is now version {english.version} ({english.where('version')}): check the "
                                "translation against it, then give it the same version"))
    theirs, ours = _writable(english.blocks), _writable(translated.blocks)
    for block_id, (block, _) in theirs.items():
        if block_id not in ours:
            problems.add(blocks_at, f"no block '{block_id}' ({block.kind}) as in the English document "
                                    f"({block.where('id')}): a translation keeps every writable block, with its id")
    for block_id, (block, count) in ours.items():
        if block_id not in theirs:
            problems.add(block.where("id"), f"the English document has no block '{block_id}' "
                                            f"({english.where()}): a translation has the same writable blocks")
            continue
        other, other_count = theirs[block_id]
        if count != other_count:
            problems.add(block.where("id"), f"'{block_id}' is repeated {count or 1} times here and "
                                            f"{other_count or 1} in the English document ({other.where('id')})")
        if block.when != other.when:  # its fields would be there in one language and not in the other
            problems.add(block.where("id"), f"'{block_id}' is shown {_shown(block.when)}; the English block "
                                            f"{_shown(other.when)} ({other.where('id')})")
        for difference in _differences(other, block):
            problems.add(block.where("id"), f"'{block_id}' {difference} ({other.where('id')})")
    here, there = _conditions(translated.blocks), _conditions(english.blocks)
    if here != there:
        warnings.append(Notice(blocks_at, f"blocks shown only when {_said(here)} here, when {_said(there)} in the "
                                f"English document ({english.where()}): give a translated block the English "
                                "block's when:"))
    for kind, what in ((Safety, "safety boxes"), (Resource, "resource cards")):
        if _count(english.blocks, kind) != _count(translated.blocks, kind):
            warnings.append(Notice(blocks_at, f"{_count(translated.blocks, kind)} {what} here, "
                                    f"{_count(english.blocks, kind)} in the English document ({english.where()})"))


def _writable(blocks: Sequence[Block], count: int = 0) -> dict[str, tuple[Writable, int]]:
    """Writable blocks by id, each with the count of the repeat it is in (0: none)."""
    found: dict[str, tuple[Writable, int]] = {}
    for block in blocks:
        if isinstance(block, Repeat):
            found.update(_writable(block.blocks, block.count))
        elif isinstance(block, Writable):
            found.setdefault(block.id, (block, count))
    return found


def _conditions(blocks: Sequence[Block]) -> list[str]:
    """The when: of every block that is not writable (those are compared block by block), sorted."""
    return sorted(b.when for b in iter_blocks(blocks) if b.when is not None and not isinstance(b, Writable))


def _said(conditions: list[str]) -> str:
    return ", ".join(f"'{c}'" for c in conditions) or "(none)"


def _shown(when: str | None) -> str:
    return f"only when '{when}'" if when else "always"


def _count(blocks: Sequence[Block], kind: type) -> int:
    return sum(1 for b in iter_blocks(blocks) if isinstance(b, kind) and getattr(b, "show", True))


def _differences(english: Writable, translated: Writable) -> list[str]:
    """How the translated block's fields differ from the English block's, in words."""
    if type(english) is not type(translated):
        return [f"is a {translated.kind} block; in the English document it is a {english.kind}"]
    if isinstance(english, Fields) and isinstance(translated, Fields):
        out = _listed("lines", [i.key for i in english.items], [i.key for i in translated.items])
        roles = [(j.key, i.role, j.role) for i, j in zip(english.items, translated.items) if i.role != j.role]
        return out + [f"line '{key}' has role {here or 'none'}; in the English it has {there or 'none'}"
                      for key, there, here in roles]
    if isinstance(english, Signature) and isinstance(translated, Signature):
        return _listed("roles", [r.key for r in english.roles], [r.key for r in translated.roles])
    if isinstance(english, Scale) and isinstance(translated, Scale):
        out = _counted("rows", len(english.rows), len(translated.rows))
        out += _listed("columns", english.keys or [], translated.keys or [])
        if (english.min, english.max) != (translated.min, translated.max):
            out.append(f"rates {translated.min} to {translated.max}; the English rates {english.min} to {english.max}")
        return out
    if isinstance(english, Table) and isinstance(translated, Table):
        out = _listed("columns", [c.id for c in english.columns], [c.id for c in translated.columns])
        out += _counted("rows", english.rows, translated.rows)
        if english.numbered != translated.numbered:
            out.append(f"has numbered: {str(translated.numbered).lower()}; the English has "
                       f"numbered: {str(english.numbered).lower()}")
        return out
    if isinstance(english, Measure) and isinstance(translated, Measure):
        return _measure_differences(english, translated)
    if isinstance(english, (Checklist, YesNo, Initials)) and isinstance(translated, (Checklist, YesNo, Initials)):
        return _counted("items", len(english.items), len(translated.items))
    return []


def _measure_differences(english: Measure, translated: Measure) -> list[str]:
    """A measure is scored and charted by its numbers: the items, the choices' values, the bands'
    ranges and the flags must be the English ones (only their words are translated)."""
    out = _counted("items", len(english.items), len(translated.items))
    out += _counted("choices", len(english.choices), len(translated.choices))
    if english.low != translated.low:
        out.append(f"scores its first choice {translated.low}; the English scores it {english.low}")
    out += _listed("bands", [f"{b.min}-{b.max}" for b in english.bands], [f"{b.min}-{b.max}" for b in translated.bands])
    out += _listed("flags", [f"item {f.item} above {f.above}" for f in english.flags],
                   [f"item {f.item} above {f.above}" for f in translated.flags])
    return out


def _counted(what: str, english: int, translated: int) -> list[str]:
    return [] if english == translated else [f"has {translated} {what}; the English has {english}"]


def _listed(what: str, english: list, translated: list) -> list[str]:
    if english == translated:
        return []
    return [f"has the {what} {', '.join(map(str, translated)) or 'none'}; the English has "
            f"{', '.join(map(str, english)) or 'none'}, in that order"]
