"""Colours and type for the projector: high contrast that survives a washed-out beamer."""

from __future__ import annotations

# Presenter palette; every text colour is checked against the background (>= 7:1) by a test.
BACKGROUND = "#000000"
TEXT = "#FFFFFF"
ACCENT = "#FFD43B"  # titles and the countdown: warm yellow
MUTED = "#C8C8C8"  # the meeting line and step counter
TIME_UP_BACKGROUND = "#FFD43B"
TIME_UP_TEXT = "#000000"

PRESENTER_PAIRS = {
    "text": (TEXT, BACKGROUND),
    "accent": (ACCENT, BACKGROUND),
    "muted": (MUTED, BACKGROUND),
    "time up": (TIME_UP_TEXT, TIME_UP_BACKGROUND),
}

# Text heights as a share of the presenter's height, before the user's zoom.
TITLE_SHARE = 0.085
PROMPT_SHARE = 0.06
CLOCK_SHARE = 0.11
SMALL_SHARE = 0.035
ZOOM_STEPS = (0.7, 0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours."""
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
