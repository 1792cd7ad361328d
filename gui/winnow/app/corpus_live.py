"""The corpus stages while the user works: what makes the document list and the preview agree with an export.

- The site-template counts follow every document added or removed (`Corpus.templates`); the preview
  cleans with them, and the documents of a site whose counts changed are counted again (`Workspace.
  templates_changed`, called by the window before each recount).
- Once every document's figures belong to the current recipe (the window's `countsUpdated`), the near-
  duplicates are judged on their signatures in a worker process; the document list then shows each copy
  as "copy of …", a link to the kept copy, and the Rules panel counts the documents each rule leaves out.
- A site-template line in the preview names, on hover, the other pages of its site that carry it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

from winnow.app.models import KEPT_COPY_ROLE, DocumentTableModel
from winnow.app.tasks import DuplicatesTask
from winnow.app.widgets import ElideRightDelegate
from winnow.core.model import Document
from winnow.corpus.near_duplicates import DedupResult
from winnow.workspace import DUPLICATE, LEFT_OUT

if TYPE_CHECKING:
    from winnow.app.window import MainWindow

Index = QModelIndex | QPersistentModelIndex
STATUS_WIDTH_MAX = 260  # pixels: a longer status (a left-out reason) is elided, and whole on hover


class LiveCorpus(QObject):
    duplicatesUpdated = Signal()  # the document list shows the near-duplicates of the current figures

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._task: DuplicatesTask | None = None
        self._sharing: dict[tuple[str, str], list[str]] = {}  # (document id, line) -> other pages, per corpus version
        self._sharing_version = -1
        window.countsUpdated.connect(self.judge_duplicates)
        window.previewUpdated.connect(self.say_if_left_out)
        window.preview.model.sharing = self.pages_sharing
        self.status_links = StatusLinkDelegate(window.table, self.select_corpus_row)
        window.table.setItemDelegateForColumn(DocumentTableModel.STATUS, self.status_links)

    # ---- near-duplicates
    def judge_duplicates(self) -> None:
        """Judge the copies among the documents, in a worker, unless the current verdicts are up to date."""
        corpus = self.window.corpus
        if self._task is not None:
            if self._task.version == corpus.version and self._task.recipe is self.window.recipe:
                return
            self._task.cancel()
            self._task = None
        if corpus.duplicates_current and not self.window.workspace.has_stale():
            self.duplicatesUpdated.emit()
            return
        task = DuplicatesTask(corpus.signatures(), self.window.recipe, corpus.version)
        task.signals.finished.connect(self._judged)
        self._task = task
        self.window._start(task)

    def _judged(self, task: DuplicatesTask, result: Any) -> None:
        self.window._tasks.discard(task)
        if task is not self._task:
            return
        self._task = None
        corpus = self.window.corpus
        if isinstance(result, Exception):
            self.window.statusBar().showMessage(f"Finding the duplicates failed: {result}", 8000)
            return
        if not isinstance(result, DedupResult):  # cancelled
            return
        if task.version != corpus.version or task.recipe is not self.window.recipe:
            if not self.window.workspace.has_stale():  # changed meanwhile without a recount to follow
                self.judge_duplicates()
            return
        corpus.set_duplicates(result, task.version)
        self.window.doc_model.statuses_changed()
        self._fit_status_column()
        self.say_if_left_out()
        self.window._update_counts()
        self.duplicatesUpdated.emit()

    def say_if_left_out(self) -> None:
        """The selected document is not in the corpus: the status line says why (its lines are still shown)."""
        window = self.window
        row = window.current_row
        if row is None or row >= len(window.corpus):
            return
        status, text, _kept = window.corpus.status(row)
        if status == DUPLICATE:
            verdict = window.corpus.duplicate_verdict(row)
            window.statusBar().showMessage(f"This document is left out of the corpus: {verdict.reason if verdict else text}.", 10000)
        elif status == LEFT_OUT:
            window.statusBar().showMessage(f"This document is {text.replace(':', ' of the corpus:', 1)}.", 10000)

    def _fit_status_column(self) -> None:
        """Wider when there are copies, to read “copy of 001_…”, but never more than a third of the list: the
        title keeps the room (the whole status is on hover)."""
        corpus, table = self.window.corpus, self.window.table
        if corpus.duplicates.dropped or corpus.left_out_by_rule:
            wanted = min(STATUS_WIDTH_MAX, table.viewport().width() // 3, table.sizeHintForColumn(DocumentTableModel.STATUS) + 12)
            if table.columnWidth(DocumentTableModel.STATUS) < wanted:
                table.setColumnWidth(DocumentTableModel.STATUS, wanted)

    def select_corpus_row(self, kept: int) -> None:
        """Select the document at `kept` in the corpus (a copy's status link was clicked: the kept copy)."""
        window = self.window
        proxy = window.proxy
        if not proxy.mapFromSource(window.doc_model.index(kept, 0)).isValid():  # filtered out: show every status
            window.status_filter.setCurrentIndex(0)
        window.select_document(proxy.mapFromSource(window.doc_model.index(kept, 0)).row())

    # ---- site templates
    def pages_sharing(self, doc: Document, line: str) -> list[str]:
        """The other pages of `doc`'s site that carry `line` (a scan of the corpus, remembered until it changes)."""
        corpus = self.window.corpus
        if self._sharing_version != corpus.version:
            self._sharing, self._sharing_version = {}, corpus.version
        key = (doc.id, line)
        if key not in self._sharing:
            index = corpus.index_of(doc.id)
            self._sharing[key] = [] if index is None else corpus.pages_sharing(index, line)
        return self._sharing[key]


class StatusLinkDelegate(ElideRightDelegate):
    """The Status column: a copy's "copy of …" reads as a link, and clicking it selects the kept copy."""

    def __init__(self, parent: QWidget, follow) -> None:
        super().__init__(parent)
        self.follow = follow  # called with the kept copy's row in the corpus (the source model)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if index.data(KEPT_COPY_ROLE) is not None:
            font = QFont(option.font)
            font.setUnderline(True)
            option.font = font
            option.palette.setColor(QPalette.ColorRole.Text, QColor(option.palette.color(QPalette.ColorRole.Link)))

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index: Index) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and index.data(KEPT_COPY_ROLE) is not None
        ):
            self.follow(index.data(KEPT_COPY_ROLE))
            return True
        return super().editorEvent(event, model, option, index)
