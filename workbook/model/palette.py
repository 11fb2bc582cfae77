"""The fixed colours every page uses besides the practice's brand, as #RRGGBB.

Validation checks the brand's contrast against these, and the renderer paints with them: one
source, so the check and the page never disagree."""

from __future__ import annotations

TEXT = "#222222"
MUTED = "#555555"  # 7.5:1 on white
RULE = "#8A8A8A"  # writing lines: visible, not loud
WHITE = "#FFFFFF"
TINT = 0.22  # how much of the accent colour is in the tint behind callouts


def channels(hex_color: str) -> tuple[float, float, float]:
    return int(hex_color[1:3], 16) / 255, int(hex_color[3:5], 16) / 255, int(hex_color[5:7], 16) / 255


def mix(rgb: tuple[float, float, float], amount: float) -> tuple[float, float, float]:
    """A colour blended with white: amount 0 is white, 1 is the colour itself."""
    r, g, b = (1 - amount * (1 - c) for c in rgb)
    return r, g, b
