"""The window's preferences: each a QSettings key with a typed default, read and written in one place,
and the Settings dialog that edits them (theme, preview font size)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QVBoxLayout, QWidget

from winnow.app.theme import OutlinedIndicators, dark_palette


@dataclass(frozen=True)
class Preference:
    key: str
    default: Any

    def read(self, settings: QSettings) -> Any:
        return setting(settings, self.key, self.default)

    def write(self, settings: QSettings, value: Any) -> None:
        settings.setValue(self.key, value if isinstance(value, QByteArray) else type(self.default)(value))


def setting(settings: QSettings, key: str, default: Any) -> Any:
    """A stored value of the default's type, or the default when missing or of another type (a hand-edited
    or older settings file must not break the window)."""
    kind = type(default)
    try:
        value = settings.value(key, default, type=kind)
    except (TypeError, ValueError):
        return default
    if kind is bytes and isinstance(value, QByteArray):
        return value.data()
    return value if isinstance(value, kind) else default


# Every key the window keeps, with its type and default: one store (QSettings) for preferences, the
# window's layout and the session.
THEME = Preference("appearance/theme", "system")  # "system", "light" or "dark"
PREVIEW_FONT_SIZE = Preference("appearance/preview_font_pt", 0)  # 0: the system's size
PREVIEW_MODE = Preference("preview/mode", 0)  # PreviewPane.ANNOTATED, CLEAN or SIDE_BY_SIDE
WINDOW_GEOMETRY = Preference("window/geometry", b"")
WINDOW_STATE = Preference("window/state", b"")
SPLITTER_STATE = Preference("window/splitter", b"")
LAST_IMPORT_FOLDER = Preference("paths/last_import", "")  # "": the user's home
LAST_RECIPE_FOLDER = Preference("paths/last_recipe", "")
RECENT_IMPORTS = Preference("recent/imports", [])  # paths, the latest first
RECENT_RECIPES = Preference("recent/recipes", [])
TEXT_FIELDS = Preference("import/text_fields", "{}")  # JSON: record file -> the field chosen for its text
# the session: what was imported, and the recipe being edited (with its hand decisions), saved or not
SESSION_ROOTS = Preference("session/roots", "[]")  # JSON list, in import order
SESSION_RECIPE_PATH = Preference("session/recipe_path", "")
SESSION_RECIPE = Preference("session/recipe", "")  # TOML
SESSION_SAVED_RECIPE = Preference("session/saved_recipe", "")  # the recipe as last saved, for the unsaved mark
THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))

_system_palette: QPalette | None = None
_system_style: str | None = None


def apply_theme(theme: str) -> None:
    """Light and dark use the Fusion style, which follows the palette everywhere; "system" restores what the
    application started with."""
    global _system_palette, _system_style
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _system_palette is None:
        _system_palette, _system_style = QPalette(app.palette()), app.style().name()
    if theme == "dark":
        app.setStyle(OutlinedIndicators())
        app.setPalette(dark_palette())
    elif theme == "light":
        app.setStyle("Fusion")
        app.setPalette(app.style().standardPalette())
    else:
        if _system_style:
            app.setStyle(_system_style)
        app.setPalette(_system_palette)


class SettingsDialog(QDialog):
    """Theme and preview font size; applied at once, kept for the next start."""

    previewFontChanged = Signal(int)  # points, 0 for the system's size

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Settings")
        self.theme = QComboBox()
        for value, label in THEMES:
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(THEME.read(settings))))
        self.font_size = QSpinBox()
        self.font_size.setRange(0, 36)
        self.font_size.setSpecialValueText("System size")
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(PREVIEW_FONT_SIZE.read(settings))
        form = QFormLayout()
        form.addRow("&Theme:", self.theme)
        form.addRow("&Preview text size:", self.font_size)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.theme.currentIndexChanged.connect(self._theme_changed)
        self.font_size.valueChanged.connect(self._font_changed)

    def _theme_changed(self) -> None:
        THEME.write(self.settings, self.theme.currentData())
        apply_theme(self.theme.currentData())

    def _font_changed(self, points: int) -> None:
        PREVIEW_FONT_SIZE.write(self.settings, points)
        self.previewFontChanged.emit(points)
