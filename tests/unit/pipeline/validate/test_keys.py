"""Field keys are settled at validation: written, inherited from the English, or made from words."""

from __future__ import annotations

from practice_files import document

from workbook.errors import Problems
from workbook.model.blocks import Fields, Scale, Signature
from workbook.pipeline.validate import load_project
from workbook.pipeline.validate.keys import column_keys, item_keys


def test_items_are_slugs_or_positions_when_slugs_clash():
    assert item_keys(["Name", "Date of <b>birth</b>"]) == ["name", "date-of-birth"]
    assert item_keys(["Date", "date", "¿?"]) == ["1", "2", "3"]
    assert column_keys(["Mon", "Tue"]) == ["mon", "tue"] and column_keys(["A", "a"]) == ["1", "2"]


def test_accents_fold_rather_than_vanish():
    assert column_keys(["Lun", "Mié", "Sáb"]) == ["lun", "mie", "sab"]
    assert item_keys(["Año de nacimiento"]) == ["ano-de-nacimiento"]


def test_written_keys_win_and_every_block_is_settled(practice):
    folder = practice({"content/extra.yaml": document(
        "- fields: {id: who, items: [{label: Your name, key: name}, Date]}",
        "- scale: {id: mood, rows: [Low], columns: [Day 1, Day 2]}",
        "- signature: {id: sign, roles: [Client, {role: Clinician, key: staff}]}",
    )})
    problems = Problems()
    doc = load_project(folder, problems).documents["extra"]
    assert not problems
    fields, scale, signature = doc.blocks
    assert isinstance(fields, Fields) and [i.key for i in fields.items] == ["name", "date"]
    assert isinstance(scale, Scale) and scale.keys == ["day-1", "day-2"]
    assert isinstance(signature, Signature) and [r.key for r in signature.roles] == ["client", "staff"]


def test_two_written_keys_alike_are_a_located_problem(practice):
    folder = practice({"content/extra.yaml": document(
        "- fields: {id: who, items: [{label: A, key: same}, {label: B, key: same}]}",
    )})
    problems = Problems()
    load_project(folder, problems)
    assert [str(p) for p in problems.items] == [
        f"{folder / 'content/extra.yaml'}:8:70: the key 'same' is taken by an item above in 'who': "
        "give each item of it its own `key:`"]
