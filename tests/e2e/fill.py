"""Fill built PDFs with pypdf, a different library from the one that wrote them."""

from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PdfWriter


def fill(src: Path, dst: Path, values: dict[str, str]) -> Path:
    """values by full field name; a checkbox takes "/Yes", a radio group its choice, e.g. "/2"."""
    writer = PdfWriter(clone_from=src)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # "No fields to update on this page"
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.write(dst)
    return dst


def tracker_week(doc: str, start: str, name: str, grid: list[list[int | None]]) -> dict[str, str]:
    """Field values for one filled weekly grid: grid[row][day], None for a blank cell."""
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    values = {f"{doc}.about.name": name, f"{doc}.week-of.week-starting": start}
    for r, row in enumerate(grid, 1):
        for d, v in zip(days, row):
            if v is not None:
                values[f"{doc}.week.{r}-{d}"] = f"/{v}"
    return values
