"""WCAG contrast between the practice's colours and the text set on them.

Checked when practice.yaml is read, so a pale heading colour is refused before anything is
built, at the line that sets it."""

from __future__ import annotations

from reportlab.lib.colors import HexColor

from workbook.errors import Problems
from workbook.layout.styles import MUTED, TEXT, TINT, mix
from workbook.schema.practice import Practice

AA = 4.5  # WCAG 2 level AA, normal-size text
WHITE = "#FFFFFF"


def _channels(hex_color: str) -> tuple[float, float, float]:
    return tuple(int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5))


def _name(color) -> str:
    """A ReportLab colour as #RRGGBB."""
    return "#" + color.hexval()[2:].upper()


def tint(accent: str) -> str:
    """The accent blended with white, exactly as callouts and safety boxes are filled."""
    return _name(mix(HexColor(accent), TINT))


def luminance(hex_color: str) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _channels(hex_color)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(fg: str, bg: str) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def check_contrast(practice: Practice, problems: Problems) -> bool:
    """Every text/background pair the brand creates; False (with problems) below AA."""
    colors = practice.colors
    background = tint(colors.accent)
    on_tint = f"on the tint {background} made from accent {colors.accent}"
    text, muted = (_name(c) for c in (TEXT, MUTED))
    pairs = [
        ("primary", colors.primary, WHITE, "headings, titles and labels on the white page"),
        ("primary", colors.primary, background, f"callout titles {on_tint}"),
        ("accent", text, background, f"body text in callouts and safety boxes {on_tint}"),
        ("accent", muted, background, f"grey text in tinted grid rows {on_tint}"),
    ]
    ok = True
    for key, fg, bg, what in pairs:
        r = ratio(fg, bg)
        if r < AA:
            ok = False
            problems.add(colors.where(key), f"{key} colour: {fg} on {bg} has a contrast of {r:.2f}:1 "
                                            f"({what}); text needs at least {AA}:1 (WCAG AA)")
    return ok
