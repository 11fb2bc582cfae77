"""`workbook schema`: JSON Schema for the YAML files, generated from the models, so an editor with
a YAML language server completes and checks them while they are typed.

A block is written `- <kind>: <value>`, so its schema is an object with exactly that one key;
types with a shorthand also take the bare value. Strings may be written as numbers (YAML reads
`version: 1.0` as a number and the validator accepts it), so the schema accepts both."""

from __future__ import annotations

import json
from typing import Any

from workbook.model.blocks import BLOCK_TYPES
from workbook.model.document import Document
from workbook.model.practice import Practice
from workbook.model.project import WorkbookSpec
from workbook.model.references import Reference

KINDS = ("content", "practice", "references", "workbook")
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_REF = "#/$defs/{model}"


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of YAML file."""
    if kind == "content":
        body = _content()
    elif kind == "references":
        item, defs = _model(Reference)
        body = {"type": "array", "items": item, "$defs": defs, "description": "Resources QR codes point to."}
    else:
        body, defs = _model(Practice if kind == "practice" else WorkbookSpec)
        body = {**body, "$defs": {**body.get("$defs", {}), **defs}}
    return _numbers_as_strings({"$schema": DRAFT, **body, "title": f"kap-workbook {kind} file"})


def as_text(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"


def _model(model: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A model's schema with its nested definitions taken out."""
    found = model.model_json_schema(ref_template=_REF)
    defs = found.pop("$defs", {})
    if "$ref" in found:  # a recursive model (repeat) is itself one of its definitions
        found = defs.pop(found["$ref"].rsplit("/", 1)[1])
    return found, defs


def _content() -> dict[str, Any]:
    document, defs = _model(Document)
    defs.pop("AnyBlock", None)
    kinds = []
    for kind, model in BLOCK_TYPES.items():
        value, nested = _model(model)
        if kind == "repeat":
            value["properties"]["blocks"] = _block_list("The blocks to repeat (no repeat inside).")
        defs.update(nested)
        defs[model.__name__] = value
        choices: list[dict[str, Any]] = [{"$ref": _REF.format(model=model.__name__)}]
        if model.shorthand:
            choices.insert(0, value["properties"][model.shorthand])
        kinds.append({"type": "object", "properties": {kind: {"anyOf": choices} if len(choices) > 1 else choices[0]},
                      "required": [kind], "additionalProperties": False, "description": value.get("description", "")})
    defs["Block"] = {"oneOf": kinds, "description": "One block: `- <kind>: <value>`."}
    document["properties"]["blocks"] = _block_list("What the document says, top to bottom.")
    switch_off = {"type": "object", "description": "Hides a built-in document: just its id and `disabled: true`.",
                  "properties": {"id": document["properties"]["id"], "disabled": {"type": "boolean"}},
                  "required": ["disabled"], "additionalProperties": False}
    return {"oneOf": [document, switch_off], "$defs": defs}


def _block_list(description: str) -> dict[str, Any]:
    return {"type": "array", "items": {"$ref": "#/$defs/Block"}, "minItems": 1, "description": description}


def _numbers_as_strings(node: Any) -> Any:
    if isinstance(node, dict):
        out = {k: _numbers_as_strings(v) for k, v in node.items()}
        if out.get("type") == "string" and "format" not in out:
            out["type"] = ["string", "number"]
        return out
    if isinstance(node, list):
        return [_numbers_as_strings(v) for v in node]
    return node
