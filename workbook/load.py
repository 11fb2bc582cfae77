"""Stage 1, load: parse YAML safely and keep the file, line and column of every node.

Mappings and sequences come back as LocDict and LocList: plain dict and list values that also
remember where each key and item stood, so later stages can point at the exact spot.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from workbook.errors import Location, Problems

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LocDict(dict):
    """A YAML mapping with the location of the mapping, of each key and of each value."""

    where: Location
    key_at: dict
    value_at: dict

    def without(self, key) -> "LocDict":
        out = LocDict((k, v) for k, v in self.items() if k != key)
        out.where, out.key_at, out.value_at = self.where, self.key_at, self.value_at
        return out


class LocList(list):
    """A YAML sequence with the location of the sequence and of each item."""

    where: Location
    item_at: list


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


class _LocLoader(_Loader):
    display: str
    problems: Problems

    def at(self, node: yaml.Node) -> Location:
        return Location(self.display, node.start_mark.line + 1, node.start_mark.column + 1)


def _construct_mapping(loader: _LocLoader, node: yaml.MappingNode) -> LocDict:
    loader.flatten_mapping(node)
    out = LocDict()
    out.where, out.key_at, out.value_at = loader.at(node), {}, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            loader.problems.add(loader.at(key_node), "a key must be a plain word")
            continue
        if key in out:
            loader.problems.add(loader.at(key_node), f"duplicate key '{key}' (first at line {out.key_at[key].line})")
            continue
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_at[key], out.value_at[key] = loader.at(key_node), loader.at(value_node)
    return out


def _construct_sequence(loader: _LocLoader, node: yaml.SequenceNode) -> LocList:
    out = LocList(loader.construct_object(child, deep=True) for child in node.value)
    out.where, out.item_at = loader.at(node), [loader.at(child) for child in node.value]
    return out


_LocLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LocLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path, problems: Problems):
    """Parse one YAML file; on a syntax error record it (located) and return None."""
    display = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(display, f"cannot read file: {exc}")
        return None
    loader = _LocLoader(text)
    loader.display, loader.problems = display, problems
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
        problems.add(where, f"YAML syntax error: {exc.problem or exc.context}")
        return None
    except yaml.YAMLError as exc:
        problems.add(display, f"YAML error: {exc}")
        return None
    finally:
        loader.dispose()
