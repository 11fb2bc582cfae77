"""Fill a PDF form with poppler-glib, the library Evince uses; run with the system Python
(PyGObject and gir1.2-poppler-0.18), by readers.poppler_fill.

    /usr/bin/python3 poppler_glib_fill.py in.pdf out.pdf actions.json

actions: [{"name": full field name, "text": value} | {"name": ..., "page": p, "centre": [x, y]}].
Text is set with poppler_form_field_text_set_text (which regenerates the appearance, as typing
does); a click turns on the button widget whose area holds the point; the copy is saved with
poppler_document_save, as Evince's "Save a Copy"."""

import json
import sys
from pathlib import Path

import gi

gi.require_version("Poppler", "0.18")
from gi.repository import Poppler  # noqa: E402


def main(src: str, dest: str, actions_path: str) -> None:
    doc = Poppler.Document.new_from_file(Path(src).resolve().as_uri(), None)
    widgets = []
    for p in range(doc.get_n_pages()):
        for m in doc.get_page(p).get_form_field_mapping():
            a = m.area
            widgets.append((p, m.field, (a.x1, a.y1, a.x2, a.y2)))
    for act in json.loads(Path(actions_path).read_text("utf-8")):
        hits = [(p, f, r) for p, f, r in widgets if f.get_name() == act["name"]]
        if not hits:
            sys.exit(f"no field named {act['name']}")
        if "text" in act:
            hits[0][1].text_set_text(act["text"])
            continue
        x, y = act["centre"]
        for p, field, (left, bottom, right, top) in hits:
            if p == act["page"] and left <= x <= right and bottom <= y <= top:
                check = field.button_get_button_type() == Poppler.FormButtonType.CHECK
                field.button_set_state(not field.button_get_state() if check else True)
                break
        else:
            sys.exit(f"no widget of {act['name']} at {x},{y} on page {act['page']}")
    doc.save(Path(dest).resolve().as_uri())


if __name__ == "__main__":
    main(*sys.argv[1:4])
