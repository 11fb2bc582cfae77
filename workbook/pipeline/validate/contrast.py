"""WCAG contrast between the practice's colours and the text set on them.

Checked when practice.yaml is read, so a pale heading colour is refused before anything is
built, at the line that sets it."""

from __future__ import annotations

from workbook.errors import Problems
from workbook.model.palette import MUTED, TEXT, TINT, WHITE, channels, mix
from workbook.model.practice import Practice

AA = 4.5  # WCAG 2 level AA, normal-size text


def tint(accent: str) -> str:
    """The accent blended with white, exactly as callouts and safety boxes are filled."""
    return "#" + "".join(f"{int(c * 255) & 255:02X}" for c in mix(channels(accent), TINT))


def luminance(hex_color: str) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels(hex_color)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(fg: str, bg: str) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def check_contrast(practice: Practice, problems: Problems) -> bool:
    """Every text/background pair the brand creates; False (with problems) below AA."""
    colors = practice.colors
    background = tint(colors.accent)
    on_tint = f"on the tint {background} made from accent {colors.accent}"
    pairs = [
        ("primary", colors.primary, WHITE, "headings, titles and labels on the white page"),
        ("primary", colors.primary, background, f"callout titles {on_tint}"),
        ("accent", TEXT, background, f"body text in callouts and safety boxes {on_tint}"),
        ("accent", MUTED, background, f"grey text in tinted grid rows {on_tint}"),
    ]
    ok = True
    for key, fg, bg, what in pairs:
        r = ratio(fg, bg)
        if r < AA:
            ok = False
            problems.add(colors.where(key), f"{key} colour: {fg} on {bg} has a contrast of {r:.2f}:1 "
                                            f"({what}); text needs at least {AA}:1 (WCAG AA)")
    return ok
