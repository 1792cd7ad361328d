"""Colours and icons derived from the system palette, so light and dark themes both stay readable.

Each removal family has a hue; the tint a removed line gets is that hue mixed into the palette's base
colour, so the line's text (in the palette's text colour) keeps enough contrast on either theme.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from winnow.core.model import Family, FamilyField

FAMILY_HUES = FamilyField("colour")
FAMILY_DESCRIPTIONS = FamilyField("description")

KEPT_HUE = "#2f9e44"


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`amount` of b blended into a (0 = a, 1 = b)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def family_tint(family: Family, palette: QPalette) -> QColor:
    """Background of a removed line: light enough on a light theme, dark enough on a dark one."""
    base = palette.color(QPalette.ColorRole.Base)
    return mix(base, QColor(FAMILY_HUES[family]), 0.30 if is_dark(palette) else 0.20)


def badge_colour(hue: str, palette: QPalette) -> QColor:
    """Background of a family label badge: stronger than the line tint, still readable with the text colour."""
    base = palette.color(QPalette.ColorRole.Base)
    return mix(base, QColor(hue), 0.45 if is_dark(palette) else 0.35)


def family_badge(family: Family, palette: QPalette) -> QColor:
    return badge_colour(FAMILY_HUES[family], palette)


def removed_text_colour(palette: QPalette) -> QColor:
    """Struck-through text: a little softer than normal text, never faint."""
    return mix(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.25)


def relative_luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def dark_palette() -> QPalette:
    """A dark palette, for the dark-theme screenshot and the tests that check readability on it."""
    p = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#74a9ff",
        QPalette.ColorRole.Light: "#505050",
        QPalette.ColorRole.Midlight: "#404040",
        QPalette.ColorRole.Mid: "#303030",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


def icon(theme_name: str, fallback: QStyle.StandardPixmap, widget: QWidget | None = None) -> QIcon:
    """A theme icon when the desktop has one, else the style's standard icon."""
    if QIcon.hasThemeIcon(theme_name):
        return QIcon.fromTheme(theme_name)
    style = widget.style() if widget is not None else QApplication.style()
    return style.standardIcon(fallback)
