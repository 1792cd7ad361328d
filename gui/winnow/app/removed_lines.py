"""The corpus-wide list of every line one rule removed (document, line, text), opened from a rule's count
in the Rules panel; lines can be kept from it, opened in the preview, or the rule narrowed so that it
spares them (an undoable recipe edit the window works out: see Workspace `narrowings`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from winnow.app.models import HeaderedTableModel
from winnow.workspace import Narrowing

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole


class RemovedLinesModel(HeaderedTableModel):
    """Rows of (document index, line index, text); `names` gives a document index its shown name."""

    DOCUMENT, LINE, TEXT = range(3)
    HEADERS = ("Document", "Line", "Text")

    def __init__(self, names: list[str], parent=None) -> None:
        super().__init__(parent)
        self.names = names
        self.rows: list[tuple[int, int, str]] = []

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        doc, line, text = self.rows[index.row()]
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return (self.names[doc] if doc < len(self.names) else str(doc), str(line + 1), text)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def add(self, rows: list[tuple[int, int, str]]) -> None:
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.rows = []
        self.endResetModel()

    def remove(self, chosen: set[tuple[int, int]]) -> None:
        """Forget rows (document index, line index), e.g. once they are kept by hand."""
        kept = [r for r in self.rows if (r[0], r[1]) not in chosen]
        if len(kept) != len(self.rows):
            self.beginResetModel()
            self.rows = kept
            self.endResetModel()


class RemovedLinesDialog(QDialog):
    keepRequested = Signal(list)  # [(document index, line index)]
    showRequested = Signal(int, int)  # document index, line index
    narrowRequested = Signal(list)  # [(document index, line index)]: how could the rule spare them?
    narrowChosen = Signal(object)  # the Narrowing the user picked

    def __init__(self, rule_name: str, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule_name = rule_name
        self.setWindowTitle(f"Lines removed by “{rule_name}”")
        self.model = RemovedLinesModel(names, self)
        self.summary = QLabel("Looking through every document…")
        self.summary.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(RemovedLinesModel.TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(RemovedLinesModel.DOCUMENT, 220)
        self.table.setColumnWidth(RemovedLinesModel.LINE, 60)
        self.table.doubleClicked.connect(lambda index: self._show(index.row()))
        self.keep_button = QPushButton("&Keep selected lines")
        self.keep_button.setToolTip("Keep these lines by hand in their documents (undo with Ctrl+Z)")
        self.keep_button.clicked.connect(self._keep)
        self.show_button = QPushButton("&Show in preview")
        self.show_button.clicked.connect(lambda: self._show(self.table.currentIndex().row()))
        self.narrow_button = QPushButton("&Narrow the rule…")
        self.narrow_button.setToolTip("Change the recipe so that this rule spares the selected lines, in every document (undo with Ctrl+Z)")
        self.narrow_button.clicked.connect(self._narrow)
        # the ways to narrow it, once worked out: a choice and Apply, under the list
        self.narrow_choices = QComboBox()
        self.narrow_choices.setAccessibleName("Ways to narrow the rule")
        self.narrow_choices.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.apply_button = QPushButton("&Apply")
        self.apply_button.setToolTip("Change the recipe this way (undo with Ctrl+Z)")
        self.apply_button.clicked.connect(self._apply_narrowing)
        self.narrow_row = QWidget()
        row = QHBoxLayout(self.narrow_row)
        row.setContentsMargins(0, 0, 0, 0)
        spare = QLabel("Spare the selected &lines:")
        spare.setBuddy(self.narrow_choices)
        row.addWidget(spare)
        row.addWidget(self.narrow_choices, 1)
        row.addWidget(self.apply_button)
        self.narrow_row.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.narrow_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.narrow_row)
        layout.addWidget(buttons)
        self.resize(820, 480)

    def finished_counting(self) -> None:
        docs = len({r[0] for r in self.model.rows})
        n = len(self.model.rows)
        self.summary.setText(
            f"“{self.rule_name}” removes {n:,} line{'s' if n != 1 else ''} in {docs:,} "
            f"document{'s' if docs != 1 else ''}. Select lines and keep them by hand or narrow the rule "
            "to spare them, or double-click one to see it in its document."
        )

    def _selected(self) -> list[tuple[int, int]]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [(self.model.rows[r][0], self.model.rows[r][1]) for r in rows if r < len(self.model.rows)]

    def _keep(self) -> None:
        chosen = self._selected()
        if chosen:
            self.keepRequested.emit(chosen)

    def _narrow(self) -> None:
        chosen = self._selected()
        if chosen:
            self.narrow_button.setEnabled(False)
            self.narrow_button.setText("Looking for a narrower rule…")
            self.narrowRequested.emit(chosen)

    def offer_narrowings(self, options: list[Narrowing]) -> None:
        """The ways to narrow the rule (each a recipe edit), to choose from under the list."""
        self.narrow_button.setEnabled(True)
        self.narrow_button.setText("&Narrow the rule…")
        self.narrow_choices.clear()
        for option in options:
            self.narrow_choices.addItem(option.label, option)
            self.narrow_choices.setItemData(self.narrow_choices.count() - 1, f"History: {option.history}", Qt.ItemDataRole.ToolTipRole)
        if not options:
            self.narrow_choices.addItem("No narrower setting spares these lines: keep them by hand instead")
        self.apply_button.setEnabled(bool(options))
        self.narrow_row.show()
        self.narrow_choices.setFocus()

    def narrowings(self) -> list[Narrowing]:
        return [d for i in range(self.narrow_choices.count()) if isinstance(d := self.narrow_choices.itemData(i), Narrowing)]

    def _apply_narrowing(self) -> None:
        option = self.narrow_choices.currentData()
        if isinstance(option, Narrowing):
            self.narrow_row.hide()
            self.narrowChosen.emit(option)

    def recounting(self) -> None:
        self.model.clear()
        self.summary.setText("Looking through every document again…")

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            doc, line, _ = self.model.rows[row]
            self.showRequested.emit(doc, line)
