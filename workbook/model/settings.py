"""What one build is for: who the packet is for, from whom, when, and on what paper."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    client: str = ""
    clinician: str = ""  # overrides practice.clinician when given
    date: datetime.date | None = None
    paper: str | None = None  # "letter" or "a4"; None: the practice's choice
    large_print: bool = False
