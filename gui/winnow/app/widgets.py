"""Small widgets of the window: the empty state, the progress strip, a right-eliding delegate, and the app icon."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from winnow.app.theme import mix
from winnow.resources import resource

EMPTY_MESSAGE = "Drop scraped files or folders here — or open the sample corpus"


class SecondaryLabel(QLabel):
    """Explanatory text: softer than normal text, yet readable (a disabled label is too faint to read)."""

    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._follow_palette()

    def _follow_palette(self) -> None:
        app_palette = QApplication.palette()
        palette = self.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText, mix(app_palette.color(QPalette.ColorRole.WindowText), app_palette.color(QPalette.ColorRole.Window), 0.3)
        )
        self.setPalette(palette)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._follow_palette()
        super().changeEvent(event)


class ElideRightDelegate(QStyledItemDelegate):
    """For a column whose start matters most (a list of flags), in a view that elides in the middle."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight


class EmptyState(QWidget):
    """What the window shows before anything is imported: what to do, and a one-click way to try it."""

    openSample = Signal()
    addFiles = Signal()
    addFolder = Signal()

    def __init__(self, sample_available: bool, parent=None) -> None:
        super().__init__(parent)
        headline = QLabel(EMPTY_MESSAGE)
        font = QFont(headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.5 if font.pointSizeF() > 0 else 16)
        font.setBold(True)
        headline.setFont(font)
        headline.setWordWrap(True)
        headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        detail = SecondaryLabel(
            "Winnow reads text files, HTML pages and scraper output (JSON, JSONL, CSV — also gzipped), "
            "removes ads, cookie banners, related headlines, share prompts and other junk lines, "
            "and shows every removal with the rule that made it. Nothing is changed on disk until you export."
        )
        detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sample_button = QPushButton("Open the sample corpus")
        self.sample_button.setDefault(True)
        self.sample_button.setEnabled(sample_available)
        if not sample_available:
            self.sample_button.setToolTip("The sample corpus is not included in this installation")
        self.sample_button.clicked.connect(self.openSample)
        files = QPushButton("Add files…")
        files.clicked.connect(self.addFiles)
        folder = QPushButton("Add folder…")
        folder.clicked.connect(self.addFolder)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.sample_button, files, folder):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(2)
        column.addWidget(headline)
        column.addSpacing(8)
        column.addWidget(detail)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addStretch(3)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 40)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)

    def paintEvent(self, event) -> None:
        """A dashed drop zone, so the window plainly invites a drop."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText), 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.rect().adjusted(20, 20, -20, -20), 12, 12)


class ProgressStrip(QWidget):
    """A status-bar progress bar with a label and a cancel button (imports and recounts)."""

    cancelled = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(180)
        self.bar.setTextVisible(False)
        self.cancel = QToolButton()
        self.cancel.setText("Cancel")
        self.cancel.setToolTip("Stop this import; the documents of it read so far are taken back")
        self.cancel.clicked.connect(self.cancelled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.hide()

    def show_progress(self, text: str, done: int, total: int, cancellable: bool = True) -> None:
        self.label.setText(text)
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(min(done, total) if total else 0)
        self.cancel.setVisible(cancellable)
        self.show()


def app_icon() -> QIcon:
    """Winnow's icon from resources/icons (SVG plus the rendered PNG sizes), or an empty icon if absent."""
    icon = QIcon()
    folder = resource("icons")
    try:
        names = sorted(entry.name for entry in folder.iterdir())
    except (FileNotFoundError, NotADirectoryError, OSError):
        return icon
    for name in names:
        if name.startswith("winnow") and name.endswith((".png", ".svg")):
            path = folder.joinpath(name)
            if hasattr(path, "__fspath__"):
                icon.addFile(str(path))
    return icon
