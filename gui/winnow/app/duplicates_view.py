"""The Duplicates view: each cluster of copies, the kept copy marked, two copies side by side with the
passages they share and the ones that differ highlighted. "Keep this copy" and "Split off" change the
recipe (`duplicates.near` keep_ids / distinct_ids), so the choice is saved, run by the CLI and undoable.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Callable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from winnow.app.models import HeaderedTableModel
from winnow.app.undo import RecipeCommand
from winnow.core.model import Cleaned, Document
from winnow.core.wording import plural
from winnow.corpus.near_duplicates import DedupSettings
from winnow.corpus.run import CorpusCleaner, CorpusResult
from winnow.corpus.shingles import shingle_hashes, words
from winnow.recipe import Recipe
from winnow.rules.documents import NearDuplicates

Index = QModelIndex | QPersistentModelIndex
SHARED_TINT, DIFFERENT_TINT = "#d3f9d8", "#ffe8cc"


@dataclass(frozen=True)
class ClusterRow:
    number: int  # 1-based cluster number, in corpus order
    cluster: str
    cleaned: Cleaned
    kept: bool


class ClusterTableModel(HeaderedTableModel):
    """One row per document in a cluster, clusters one after the other, the kept copy first."""

    CLUSTER, DOCUMENT, STATUS, WORDS = range(4)
    HEADERS = ("Cluster", "Document", "Status", "Words")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[ClusterRow] = []

    def set_result(self, result: CorpusResult) -> None:
        by_id = {c.document.id: c for c in result.documents}
        self.beginResetModel()
        self.rows = [
            ClusterRow(number, cluster, by_id[key], position == 0)
            for number, (cluster, members) in enumerate(sorted(result.duplicates.clusters.items(), key=_cluster_order(by_id)), 1)
            for position, key in enumerate(members)
        ]
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.CLUSTER:
                return str(row.number)
            if column == self.DOCUMENT:
                return row.cleaned.document.name
            if column == self.STATUS:
                return "kept" if row.kept else "duplicate"
            if column == self.WORDS:
                return str(row.cleaned.words_kept)
        if role == Qt.ItemDataRole.ToolTipRole:
            dropped = row.cleaned.dropped
            return row.cleaned.document.source + ("" if dropped is None else f"\n{dropped.reason}")
        if role == Qt.ItemDataRole.FontRole and row.kept:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.CLUSTER, self.WORDS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _cluster_order(by_id: dict[str, Cleaned]) -> Callable[[tuple[str, list[str]]], tuple]:
    def order(item: tuple[str, list[str]]) -> tuple:
        doc = by_id[item[1][0]].document
        return (doc.source, doc.record or -1)

    return order


def passages(text: str, other: str, shingle_size: int) -> list[tuple[str, bool]]:
    """The paragraphs of `text`, each with whether most of it is also in `other`."""
    theirs = set(shingle_hashes(words(other), shingle_size).tolist())
    out = []
    for paragraph in (p for p in text.split("\n") if p.strip()):
        mine = shingle_hashes(words(paragraph), shingle_size)
        shared = bool(mine.size) and sum(1 for h in mine.tolist() if h in theirs) >= 0.5 * mine.size
        out.append((paragraph, shared))
    return out


def passages_html(title: str, text: str, other: str, shingle_size: int, note: str = "") -> str:
    parts = [f"<h3>{escape(title)}</h3>"] + ([f"<p><i>{escape(note)}</i></p>"] if note else [])
    for paragraph, shared in passages(text, other, shingle_size):
        tint = SHARED_TINT if shared else DIFFERENT_TINT
        mark = "" if shared else "<b>≠</b> "  # colour is never the only cue
        parts.append(f'<p style="background-color:{tint}; color:#212529; padding:2px">{mark}{escape(paragraph)}</p>')
    return "".join(parts)


class DuplicatesView(QWidget):
    """Clusters on the left; the kept copy and the selected copy side by side on the right."""

    recipeChosen = Signal(object, str)  # the new recipe, and what the change was (for the undo stack)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recipe = Recipe()
        self.result: CorpusResult | None = None
        self.model = ClusterTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (ClusterTableModel.CLUSTER, ClusterTableModel.STATUS, ClusterTableModel.WORDS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ClusterTableModel.DOCUMENT, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.keep_button = QPushButton("Keep this copy", self)
        self.keep_button.setToolTip("Keep the selected copy instead of the one chosen by the keep policy")
        self.split_button = QPushButton("Split off", self)
        self.split_button.setToolTip("The selected document is not a copy: take it out of its cluster")
        self.keep_button.clicked.connect(self.keep_selected)
        self.split_button.clicked.connect(self.split_selected)
        self.kept_pane = QTextBrowser(self)
        self.copy_pane = QTextBrowser(self)
        self.legend = QLabel(
            f'<span style="background-color:{SHARED_TINT}; color:#212529">&nbsp;in both copies&nbsp;</span>&nbsp;&nbsp;'
            f'<span style="background-color:{DIFFERENT_TINT}; color:#212529">&nbsp;≠ only in this copy&nbsp;</span>',
            self,
        )

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.split_button)
        left_layout.addLayout(buttons)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        panes = QSplitter(Qt.Orientation.Horizontal, right)
        panes.addWidget(self.kept_pane)
        panes.addWidget(self.copy_pane)
        right_layout.addWidget(panes, 1)
        right_layout.addWidget(self.legend)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([440, 860])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_buttons()

    # ------------------------------------------------------------ showing
    def set_corpus(self, result: CorpusResult, recipe: Recipe) -> None:
        selected = self.selected_id()
        self.result, self.recipe = result, recipe
        self.model.set_result(result)
        clusters = len(result.duplicates.clusters)
        copies = sum(len(m) - 1 for m in result.duplicates.clusters.values())
        self.summary.setText(
            f"{plural(clusters, 'cluster')} of copies; {copies:,} {'copy' if copies == 1 else 'copies'} left out of the corpus."
            if clusters
            else "No copies found: every document is its own."
        )
        row = next((n for n, r in enumerate(self.model.rows) if r.cleaned.document.id == selected), 0 if self.model.rows else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show_selected()

    def selected_row(self) -> ClusterRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return row.cleaned.document.id if row else None

    def select_document(self, doc_id: str) -> None:
        row = next(n for n, r in enumerate(self.model.rows) if r.cleaned.document.id == doc_id)
        self.table.selectRow(row)

    def _settings(self) -> DedupSettings:
        return NearDuplicates(**self.recipe.setting(NearDuplicates.id).values).settings()

    def _show_selected(self) -> None:
        row = self.selected_row()
        self._update_buttons()
        if row is None:
            self.kept_pane.setHtml("")
            self.copy_pane.setHtml("<p>Select a document of a cluster to compare it with the kept copy.</p>")
            return
        kept = next(r for r in self.model.rows if r.cluster == row.cluster and r.kept)
        other = row if not row.kept else next((r for r in self.model.rows if r.cluster == row.cluster and not r.kept), row)
        size = self._settings().shingle_size
        self.kept_pane.setHtml(passages_html(f"✔ Kept: {kept.cleaned.document.source}", kept.cleaned.text, other.cleaned.text, size))
        reason = other.cleaned.dropped.reason if other.cleaned.dropped else ""
        self.copy_pane.setHtml(passages_html(f"✘ Left out: {other.cleaned.document.source}", other.cleaned.text, kept.cleaned.text, size, reason))

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.keep_button.setEnabled(row is not None and not row.kept)
        self.split_button.setEnabled(row is not None)

    # ------------------------------------------------------------ choosing
    def _with(self, name: str, values: Sequence[str]) -> Recipe:
        return self.recipe.with_value(NearDuplicates.id, name, list(values))

    def keep_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.kept:
            return
        members = {r.cleaned.document.id for r in self.model.rows if r.cluster == row.cluster}
        keep = [k for k in self.recipe.value(NearDuplicates.id, "keep_ids") if k not in members] + [row.cleaned.document.id]
        self.recipeChosen.emit(self._with("keep_ids", keep), f"Keep {row.cleaned.document.name} in its cluster")

    def split_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        distinct = [*self.recipe.value(NearDuplicates.id, "distinct_ids"), row.cleaned.document.id]
        self.recipeChosen.emit(self._with("distinct_ids", distinct), f"Split {row.cleaned.document.name} off its cluster")


class DuplicatesSession:
    """A Duplicates view over a fixed set of documents with its own undo stack (the window shares its
    own stack instead); each recipe change re-runs the corpus stages."""

    def __init__(self, documents: Sequence[Document], recipe: Recipe, view: DuplicatesView | None = None, undo_stack: QUndoStack | None = None) -> None:
        self.documents = list(documents)
        self.view = view or DuplicatesView()
        self.undo_stack = undo_stack or QUndoStack(self.view)
        self.recipe = recipe
        self.view.recipeChosen.connect(self.change_recipe)
        self._apply(recipe)

    def _apply(self, recipe: Recipe) -> None:
        self.recipe = recipe
        self.view.set_corpus(CorpusCleaner(recipe).run(self.documents), recipe)

    def change_recipe(self, new: Recipe, text: str) -> None:
        self.undo_stack.push(RecipeCommand(self._apply, self.recipe, new, text))
