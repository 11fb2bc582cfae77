"""YAML nodes to models: pydantic validation with every error located and put in plain words.

Used for every input read from YAML (documents, references, templates, practice.yaml)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from workbook.errors import Location, Problems, suggest
from workbook.model.base import Model
from workbook.pipeline.load import LocDict, LocList


def _locate(node: Any, loc: tuple, fallback: Location, key: bool = False) -> tuple[Location, Any]:
    """Follow a pydantic error path through LocDict/LocList nodes to the nearest location."""
    where = getattr(node, "where", fallback)
    for i, part in enumerate(loc):
        if isinstance(node, LocDict) and part in node:
            # an unknown key is pointed at itself; anything else at its value
            last = i == len(loc) - 1
            where = node.key_at[part] if last and key else node.value_at[part]
            node = node[part]
        elif isinstance(node, LocList) and isinstance(part, int) and part < len(node):
            where, node = node.item_at[part], node[part]
        else:
            break
    return where, node


def _message(err: Any, model: type[Model]) -> str:
    loc = [str(p) for p in err["loc"] if not str(p).isdigit()]
    name = loc[-1] if loc else ""
    kind = err["type"]
    if kind == "missing":
        return f"missing required field '{name}'"
    if kind == "extra_forbidden":
        return f"unknown key '{name}'" + suggest(name, _field_names(model, err["loc"][:-1]))
    if kind == "string_pattern_mismatch":
        return f"'{err['input']}' is not a valid id for '{name}': use lowercase letters, digits and hyphens"
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, ")
    what = f"'{name}': " if name else ""
    return what + err["msg"][0].lower() + err["msg"][1:]


def _field_names(model: type[Model], path: tuple) -> list[str]:
    """The keys allowed at a nested path of a model, for 'did you mean' suggestions."""
    current: Any = model
    for part in path:
        if isinstance(part, int) or not hasattr(current, "model_fields"):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return annotation if isinstance(annotation, type) and issubclass(annotation, Model) else None


def _attach_locations(obj: Model, node: Any, fallback: Location) -> None:
    """Record where the model and each text field were written (see Model.where)."""
    obj._where = getattr(node, "where", fallback)
    if not isinstance(node, LocDict):
        obj._at = {name: obj._where for name in type(obj).model_fields}
        return
    at: dict = {}
    for name in type(obj).model_fields:
        value = node.get(name)
        if isinstance(value, LocList):
            at[name] = list(value.item_at)
        elif name in node.value_at:
            at[name] = node.value_at[name]
        else:
            at[name] = obj._where
        nested = getattr(obj, name)
        # Models passed in already typed (blocks) carry their own locations: leave them be.
        if isinstance(nested, Model) and not nested._at:
            _attach_locations(nested, value, at[name])
        elif isinstance(nested, (list, tuple)):
            for i, item in enumerate(nested):
                if isinstance(item, Model) and not item._at and isinstance(value, LocList) and i < len(value):
                    _attach_locations(item, value[i], value.item_at[i])
    obj._at = at


def parse(model: type[Model], data: Any, problems: Problems, fallback: Location, **extra):
    """Validate data into model; on failure record each error at its own location."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.add(fallback, f"expected a mapping of keys for {model.__name__.lower()}")
        return None
    try:
        obj = model.model_validate({**data, **extra})
    except ValidationError as exc:
        for err in exc.errors():
            where, _ = _locate(data, err["loc"], fallback, key=err["type"] == "extra_forbidden")
            problems.add(where, _message(err, model))
        return None
    _attach_locations(obj, data, fallback)
    return obj
