"""The practice: who is speaking, and how its pages look."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from workbook.schema.base import Model

DEFAULT_CRISIS = (
    "In crisis or thinking about suicide? Call or text 988 (Suicide & Crisis Lifeline, US), "
    "any time. In an emergency, call 911."
)


class Colors(Model):
    primary: str = "#2F5D62"  # deep teal: headings, rules
    accent: str = "#A7C4BC"  # soft sage: tints, card frames

    @field_validator("primary", "accent")
    @classmethod
    def _hex(cls, v: str) -> str:
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", v):
            raise ValueError(f"'{v}' is not a colour; write it as #RRGGBB, for example #2F5D62")
        return v.upper()


class Fonts(Model):
    """Optional TrueType files (paths inside the practice folder); Lato is built in."""

    regular: str
    bold: str
    italic: str


class Practice(Model):
    name: str = ""
    clinician: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    logo: str | None = None
    colors: Colors = Colors()
    fonts: Fonts | None = None
    paper: Literal["letter", "a4"] = "letter"
    crisis: str = Field(default=DEFAULT_CRISIS, min_length=1)
    link_base: str | None = None
    # Used by the session-day pages and the consent: the whole visit, arrival to going home.
    visit_length: str = Field(default="about 2 to 3 hours", min_length=1)
    # How a client reaches someone when the practice is closed; blank: a line to write it on.
    after_hours: str = ""
    # False until the practice has reviewed the consent template: shows its "review" banner.
    consent_reviewed: bool = False

    @field_validator("link_base")
    @classmethod
    def _link_base(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"https?://\S+", v):
            raise ValueError(f"link_base must be an http(s) address, got '{v}'")
        return v
