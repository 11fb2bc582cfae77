"""Stage 1, load: parse YAML safely and keep the file, line and column of every node.

Mappings and sequences come back as LocDict and LocList: plain dict and list values that also
remember where each key and item stood, so later stages can point at the exact spot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from workbook.errors import Location, Problems, display_path
from workbook.pipeline.sources import YAML_CAP, Unreadable, read_capped
from workbook.pipeline.yaml_messages import OPENED_AT, plain

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64  # content is a few levels deep; Python's own stack ends near a thousand
MAX_VALUES = 200_000  # values in one file once its aliases (*name) are expanded


class LocDict(dict):
    """A YAML mapping with the location of the mapping, of each key and of each value."""

    where: Location
    key_at: dict
    value_at: dict

    def without(self, key: Any) -> LocDict:
        out = LocDict((k, v) for k, v in self.items() if k != key)
        out.where, out.key_at, out.value_at = self.where, self.key_at, self.value_at
        return out

    def merged(self, over: LocDict) -> LocDict:
        """This mapping with `over` laid on it key by key (nested mappings too), each value
        keeping the location it was written at."""
        out = LocDict(self)
        out.where, out.key_at, out.value_at = self.where, dict(self.key_at), dict(self.value_at)
        for key, value in over.items():
            below = out.get(key)
            out[key] = below.merged(value) if isinstance(below, LocDict) and isinstance(value, LocDict) else value
            out.key_at[key], out.value_at[key] = over.key_at[key], over.value_at[key]
        return out


class LocList(list):
    """A YAML sequence with the location of the sequence and of each item."""

    where: Location
    item_at: list


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


def _or_text(construct: Any) -> Any:
    """A scalar constructor that keeps the written text when the value is impossible (a date
    like 2026-13-45, an integer of more digits than Python converts): as text it is still right
    for a text field, and a date or number field says what it expected, at its line."""

    def construct_or_text(loader: _LocLoader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except ValueError:
            return node.value

    return construct_or_text


_LocLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LocLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
for _tag in ("int", "float", "timestamp"):
    _LocLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _or_text(_Loader.yaml_constructors[f"tag:yaml.org,2002:{_tag}"]))


def load_yaml(path: Path, problems: Problems) -> Any:
    """Parse one YAML file; on a syntax error record it (located) and return None."""
    text = read_text(path, YAML_CAP, "a YAML file", problems)
    return None if text is None else parse_yaml(text, display_path(path), problems)


def read_text(path: Path, cap: int, what: str, problems: Problems) -> str | None:
    """A UTF-8 text file of at most `cap` bytes; None (with a located problem) when it cannot be
    read, is not a regular file, is too large or is not UTF-8."""
    display = display_path(path)
    try:
        raw = read_capped(path, cap, what)
    except Unreadable as exc:
        problems.add(display, str(exc))
        return None
    except OSError as exc:
        problems.add(display, f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start].decode("utf-8", "replace")
        line, col = _line_col(before, len(before))
        problems.add(Location(display, line, col), "this file is not UTF-8 text: save it as UTF-8")
        return None


def parse_yaml(text: str, display: str, problems: Problems) -> Any:
    """Parse YAML text shown as `display` in messages; None (with a located problem) on error."""
    loader = _LocLoader(text)
    loader.display, loader.problems = display, problems
    try:
        if not _shallow(text, loader, problems):
            return None
        node = loader.get_single_node()
        if node is None:
            return None
        if not _within_bounds(node, loader, problems):
            return None
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        opened = exc.context_mark and any(c in str(exc.context) for c in OPENED_AT)
        mark = exc.context_mark if opened else exc.problem_mark or exc.context_mark
        if mark is None:
            problems.add(display, f"YAML syntax error: {exc.problem or exc.context}")
            return None
        char = text[mark.index] if 0 <= mark.index < len(text) else ""
        problems.add(Location(display, mark.line + 1, mark.column + 1),
                     f"YAML syntax error: {plain(str(exc.problem or exc.context), char)}")
        return None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problems.add(Location(display, line, col),
                     f"a character YAML does not allow here (U+{code:04X}, a control character): remove it")
        return None
    except yaml.YAMLError as exc:
        problems.add(display, f"YAML error: {exc}")
        return None
    finally:
        loader.dispose()


def _shallow(text: str, loader: _LocLoader, problems: Problems) -> bool:
    """Refuse, located, collections nested more than MAX_DEPTH deep, found from the parser's
    events before any node is built: libyaml's composer recurses in C and a file of a million
    '[' would crash the process."""
    events = _Loader(text)

    def refuse(mark: Any) -> bool:  # a Mark from the Python or the C parser
        where = Location(loader.display, mark.line + 1, mark.column + 1) if mark else Location(loader.display)
        problems.add(where, f"nested more than {MAX_DEPTH} levels deep")
        return False

    try:
        depth = 0
        while events.check_event():
            event = events.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return refuse(event.start_mark)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
        return True
    except yaml.MarkedYAMLError as exc:
        # libyaml from PyYAML 6.0.4 stops at a thousand levels itself, while its scanner still
        # looks ahead of the events above; the same file gets the same message whichever is installed.
        if "nesting depth" in str(exc.problem):
            return refuse(exc.problem_mark)
        raise
    finally:
        events.dispose()


def _within_bounds(root: yaml.Node, loader: _LocLoader, problems: Problems) -> bool:
    """Refuse, located, a document that contains itself (`&a [*a]`), nests deeper than MAX_DEPTH
    through aliases, or whose aliases expand to more than MAX_VALUES values (a 'billion laughs'):
    each would exhaust the stack, loop or take the memory of the stages after this one."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    open_nodes: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        children = _children(node)
        if done:
            open_nodes.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[id(node)] > MAX_VALUES:
                problems.add(loader.at(node), f"this value holds more than {MAX_VALUES:,} values once its "
                                              "aliases (*name) are expanded; write it out more simply")
                return False
            continue
        if id(node) in sizes:
            continue
        if id(node) in open_nodes:
            problems.add(loader.at(node), "this value contains itself through an alias (*name)")
            return False
        if depth > MAX_DEPTH:
            problems.add(loader.at(node), f"nested more than {MAX_DEPTH} levels deep")
            return False
        open_nodes.add(id(node))
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children)
    return True


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _line_col(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1
