"""The practice: who is speaking, and how its pages look (practice.yaml)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from workbook.model.base import Model

DEFAULT_CRISIS = (
    "In crisis or thinking about suicide? Call or text 988 (Suicide & Crisis Lifeline, US), "
    "any time. In an emergency, call 911."
)


class Colors(Model):
    """The brand colours, as #RRGGBB; checked for WCAG AA contrast."""

    primary: str = Field(default="#2F5D62", description="Headings, titles, labels, the footer: text on white.")
    accent: str = Field(default="#A7C4BC", description="Rules, card frames and the tint behind callouts.")

    @field_validator("primary", "accent")
    @classmethod
    def _hex(cls, v: str) -> str:
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", v):
            raise ValueError(f"'{v}' is not a colour; write it as #RRGGBB, for example #2F5D62")
        return v.upper()


class Fonts(Model):
    """Optional TrueType files (paths inside the practice folder); Lato is built in."""

    regular: str = Field(description="The body font, a .ttf file inside the practice folder.")
    bold: str = Field(description="Its bold face.")
    italic: str = Field(description="Its italic face.")


SHORT, LONG = 200, 1000  # characters: a name or an address line; a crisis line or an address


class Practice(Model):
    name: str = Field(default="", max_length=SHORT, description="In the header of every page and on the cover.")
    clinician: str = Field(default="", max_length=SHORT, description="Named on the cover; --clinician overrides it.")
    phone: str = Field(default="", max_length=SHORT, description="How clients reach you; empty leaves it off.")
    email: str = Field(default="", max_length=SHORT, description="How clients reach you; empty leaves it off.")
    website: str = Field(default="", max_length=SHORT, description="On the cover; empty leaves it off.")
    address: str = Field(default="", max_length=LONG, description="Available to templates as practice.address.")
    logo: str | None = Field(default=None, description="A PNG or JPG inside the practice folder, in every header.")
    colors: Colors = Field(default=Colors(), description="The brand colours.")
    fonts: Fonts | None = Field(default=None, description="Your own TrueType fonts instead of Lato.")
    paper: Literal["letter", "a4"] = Field(default="letter", description="Paper size; --paper overrides it.")
    crisis: str = Field(default=DEFAULT_CRISIS, min_length=1, max_length=LONG,
                        description="The crisis line on every client page.")
    link_base: str | None = Field(default=None, description="QR codes open link_base + the reference id (short links).")

    @field_validator("link_base")
    @classmethod
    def _link_base(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"https?://\S+", v):
            raise ValueError(f"link_base must be an http(s) address, got '{v}'")
        return v
