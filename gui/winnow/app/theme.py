"""Colours and icons derived from the system palette, so light and dark themes both stay readable.

Each removal family has a hue; the tint a removed line gets is that hue mixed into the palette's base
colour, so the line's text (in the palette's text colour) keeps enough contrast on either theme.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from winnow.core.model import Family, FamilyField
from winnow.resources import read_text

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


class OutlinedIndicators(QProxyStyle):
    """Fusion with a visible frame round check boxes and radio buttons: Fusion draws it in the window colour
    darkened, which on a dark palette is the colour of the box itself, so an unchecked rule was a dark square
    on a dark panel."""

    FRAMED = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton)

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in self.FRAMED or not is_dark(option.palette):
            return
        palette: QPalette = option.palette
        rect: QRect = option.rect.adjusted(0, 0, -1, -1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, element is QStyle.PrimitiveElement.PE_IndicatorRadioButton)
        painter.setPen(indicator_frame(palette))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if element is QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRect(rect)
        painter.restore()


def indicator_frame(palette: QPalette) -> QColor:
    """The frame of a check box on a dark palette: halfway from the base to the text colour."""
    return mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.5)


def icon(theme_name: str, fallback: QStyle.StandardPixmap, widget: QWidget | None = None) -> QIcon:
    """A theme icon when the desktop has one, else the style's standard icon."""
    if QIcon.hasThemeIcon(theme_name):
        return QIcon.fromTheme(theme_name)
    style = widget.style() if widget is not None else QApplication.style()
    return style.standardIcon(fallback)


# ---- Winnow's own action icons: one line-drawn set (resources/icons/action-*.svg, drawn in `currentColor`),
# coloured with the palette's text colour whenever they are painted, so they follow a switch to dark mode.
ACTION_ICONS = (
    "add-files",
    "add-folder",
    "open-recipe",
    "save",
    "save-as",
    "new-recipe",
    "export",
    "quit",
    "undo",
    "redo",
    "next",
    "previous",
    "keep",
    "drop",
    "settings",
    "help",
)


@lru_cache(maxsize=None)
def action_svg(name: str) -> str:
    return read_text(f"icons/action-{name}.svg")


@lru_cache(maxsize=256)
def _rendered(name: str, colour: str, width: int, height: int) -> QImage:
    renderer = QSvgRenderer(QByteArray(action_svg(name).replace("currentColor", colour).encode()))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def icon_colour(mode: QIcon.Mode, palette: QPalette | None = None) -> QColor:
    palette = palette or QGuiApplication.palette()
    group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
    return palette.color(group, QPalette.ColorRole.ButtonText)


class ThemedIconEngine(QIconEngine):
    """Draws one action SVG in the application palette's text colour at paint time (crisp at any scale)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        side = min(rect.width(), rect.height())
        image = _rendered(self.name, icon_colour(mode).name(), round(side * ratio), round(side * ratio))
        target = QRect(rect.x() + (rect.width() - side) // 2, rect.y() + (rect.height() - side) // 2, side, side)
        painter.drawImage(target, image)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        side = min(size.width(), size.height())
        pixmap = QPixmap.fromImage(_rendered(self.name, icon_colour(mode).name(), side, side))
        if side != size.width() or side != size.height():
            full = QPixmap(size)
            full.fill(Qt.GlobalColor.transparent)
            painter = QPainter(full)
            painter.drawPixmap(QPoint((size.width() - side) // 2, (size.height() - side) // 2), pixmap)
            painter.end()
            return full
        return pixmap

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pixmap = self.pixmap(QSize(round(size.width() * scale), round(size.height() * scale)), mode, state)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return ThemedIconEngine(self.name)

    def key(self) -> str:
        return "winnow-themed-svg"

    def iconName(self) -> str:
        return f"winnow-{self.name}"


def action_icon(name: str) -> QIcon:
    """One of Winnow's action icons (see ACTION_ICONS), drawn in the current palette's colours."""
    if name not in ACTION_ICONS:
        raise KeyError(name)
    return QIcon(ThemedIconEngine(name))
