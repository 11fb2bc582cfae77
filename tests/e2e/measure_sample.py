"""A questionnaire a practice might enter as a `measure` block, with placeholder wording (no
validated questionnaire is shipped or copied), and three fillings of it: shared by the tests of
measures, their chart, accessibility and target sizes."""

from __future__ import annotations

MEASURE_DOC = """\
id: check-in
title: Two-Week Check-In
kind: checklist
audience: client
version: "1.0"
reviewed: 2026-11-01
blocks:
  - fields: {id: about, items: [{label: Name, value: "{{ client.name }}"}, {label: Date, value: "{{ date }}"}]}
  - measure:
      id: mood
      name: Example measure
      instructions: "Placeholder instructions: how often has each of these been true?"
      choices: [Not at all, Some days, Most days, Every day]
      items: [Placeholder one., Placeholder two., Placeholder three., Placeholder four., Placeholder about safety.]
      bands:
        - {min: 0, max: 4, label: Low}
        - {min: 5, max: 9, label: Middle}
        - {min: 10, max: 15, label: High}
      flags:
        - {item: 5, above: 0, note: "Ask about safety today and follow the practice's protocol."}
"""
# date -> answers to items 1..5 (None: left blank). The first is flagged (item 5 above 0);
# the last leaves an item blank, so it has no total.
FILLINGS = {
    "2026-10-05": [3, 3, 2, 2, 1],
    "2026-10-19": [2, 1, 1, 1, 0],
    "2026-11-02": [1, None, 0, 0, 0],
}


def filled_values(date: str, written: str) -> dict[str, str]:
    """The field values of one filling: its date line as `written`, its answers by FILLINGS[date]."""
    values = {"check-in.about.date": written}
    values |= {f"check-in.mood.{n}": f"/{a}" for n, a in enumerate(FILLINGS[date], 1) if a is not None}
    return values
