"""The practice: who is speaking, and how its pages look (practice.yaml)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from workbook.model.base import BASE_LANGUAGE, Language, Model


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
    language: Language = Field(default=BASE_LANGUAGE, description="The language documents are built in (e.g. es); "
                                                                  "--lang overrides it.")
    crisis: str | dict[Language, str] | None = Field(
        default=None, description="The crisis line on every client page: one text in the practice's language, or one "
                                  "per language ({en: ..., es: ...}); without it, each language's own default.")
    link_base: str | None = Field(default=None, description="QR codes open link_base + the reference id (short links).")
    visit_length: str = Field(default="about 2 to 3 hours", min_length=1, max_length=SHORT,
                              description="How long a whole session visit takes, arrival to going home.")
    after_hours: str = Field(default="", max_length=LONG,
                             description="How clients reach someone when the practice is closed; "
                                         "empty leaves a line to write it on.")
    consent_reviewed: bool = Field(default=False, description="true once the practice has reviewed the consent "
                                                               "template with its advisers: hides its review banner.")

    @field_validator("crisis")
    @classmethod
    def _crisis(cls, v: str | dict[str, str] | None) -> str | dict[str, str] | None:
        texts = v.values() if isinstance(v, dict) else [v] if v is not None else []
        if any(not t.strip() for t in texts):
            raise ValueError("the crisis line cannot be empty: remove the setting to print the default one")
        if any(len(t) > LONG for t in texts):
            raise ValueError(f"a crisis line should have at most {LONG} characters")
        return v

    def crisis_in(self, language: str) -> str | None:
        """The practice's own crisis line in a language, if it wrote one."""
        if isinstance(self.crisis, dict):
            return self.crisis.get(language)
        return self.crisis if language == self.language else None

    @field_validator("link_base")
    @classmethod
    def _link_base(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"https?://\S+", v):
            raise ValueError(f"link_base must be an http(s) address, got '{v}'")
        return v
