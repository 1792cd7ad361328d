"""Every document's place in the corpus — kept, left out (with the reason) or a copy of another — with a
filter by status. A table model and its proxy, shown in the Corpus view; the main document list can use
`document_status` for its own column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from winnow.app.models import HeaderedTableModel
from winnow.core.model import Cleaned
from winnow.workspace import DUPLICATE, KEPT, LEFT_OUT

Index = QModelIndex | QPersistentModelIndex
STATUSES = (KEPT, LEFT_OUT, DUPLICATE)


def document_status(cleaned: Cleaned) -> tuple[str, str]:
    """(status, what to show): "kept"; "duplicate", "copy of seeds/001…"; "left out", the rule's reason."""
    verdict = cleaned.verdict
    if cleaned.dropped is None:
        return KEPT, "kept" + (" (has copies)" if verdict.cluster else "")
    if verdict.duplicate_of:
        return DUPLICATE, f"copy of {verdict.duplicate_of}"
    return LEFT_OUT, f"left out: {cleaned.dropped.reason}"


class StatusTableModel(HeaderedTableModel):
    DOCUMENT, STATUS = range(2)
    HEADERS = ("Document", "Status")
    STATUS_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.documents: list[Cleaned] = []

    def set_documents(self, documents: list[Cleaned]) -> None:
        self.beginResetModel()
        self.documents = list(documents)
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.documents)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.documents):
            return None
        cleaned = self.documents[index.row()]
        status, text = document_status(cleaned)
        if role == self.STATUS_ROLE:
            return status
        if role == Qt.ItemDataRole.DisplayRole:
            return cleaned.document.source if index.column() == self.DOCUMENT else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return text
        return None


class StatusFilter(QSortFilterProxyModel):
    """Shows the documents whose status is in `statuses` (all by default)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.statuses: frozenset[str] = frozenset(STATUSES)

    def set_statuses(self, statuses) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 on; invalidateRowsFilter is deprecated there
            self.beginFilterChange()
            self.statuses = frozenset(statuses)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.statuses = frozenset(statuses)
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        return self.sourceModel().data(index, StatusTableModel.STATUS_ROLE) in self.statuses
