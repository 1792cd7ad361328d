# mypy: disable-error-code="misc"
# (each method types `self` as the MainWindow it is mixed into, a subclass: mypy checks the body against it)
"""The selected document: choosing it in the table, cleaning it with the current recipe (on the GUI thread
when that takes milliseconds, in the pool otherwise) and showing it in the preview. A part of MainWindow."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
)

from winnow.app.tasks import PreviewTask
from winnow.core.model import Cleaned, Document
from winnow.pipeline import Cleaner
from winnow.workspace import DocStats

if TYPE_CHECKING:
    from winnow.app.window import MainWindow

BACKGROUND_PREVIEW_LINES = 3000  # longer documents are cleaned off the GUI thread (a clean is ~10-20 µs a line)
BACKGROUND_PREVIEW_CHARACTERS = 300_000


def characters(doc: Document) -> int:
    """The length of a document's text (a text document is kept without its `content`: see workers.as_kept)."""
    return max(len(doc.content), sum(map(len, doc.lines)))


class SelectedDocument:
    _preview_task: PreviewTask | None
    current_doc: Document | None
    current_row: int | None
    current_cleaned: Cleaned | None

    def _document_selected(self: MainWindow, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self._show_document(None)
            return
        self._show_document(self.proxy.mapToSource(current).row())

    def _show_document(self: MainWindow, row: int | None) -> None:
        if row is None or row >= len(self.corpus):
            self.current_doc = self.current_row = self.current_cleaned = None
            self.preview.show_cleaned(None)
        else:
            self.current_row = row
            self.current_doc = self.corpus.documents[row]
        for action in (
            self.act_keep,
            self.act_drop,
            self.act_toggle,
            self.act_clear_decision,
            self.act_like_everywhere,
            self.act_containing,
            self.act_keep_like,
        ):
            action.setEnabled(self.current_doc is not None)
        self.refresh_preview()

    def select_document(self: MainWindow, row: int) -> None:
        """Select the document at `row` of the table as shown (sorted and filtered)."""
        index = self.proxy.index(row, 0)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _step_document(self: MainWindow, step: int) -> None:
        current = self.table.currentIndex()
        row = (current.row() if current.isValid() else -1) + step
        if 0 <= row < self.proxy.rowCount():
            self.select_document(row)

    def cleaner(self: MainWindow) -> Cleaner:
        """The current recipe's cleaner for the preview: the line rules, site templates from the corpus's counts."""
        return self.workspace.line_cleaner()

    def _warm_up(self: MainWindow) -> None:
        """The first clean in a process loads lexicons and compiles patterns (about a second): done here, on a
        thread, at start-up, so the first document shown needs no wait on the GUI thread."""

        def warm() -> None:
            try:
                Cleaner(self.recipe).clean(Document("warm-up.txt", "text", "Warm up.\n", ["Warm up."]))
            finally:
                self._warm.set()

        threading.Thread(target=warm, name="winnow-warm-up", daemon=True).start()

    def refresh_preview(self: MainWindow) -> None:
        """Re-clean the selected document with the current recipe and show it.

        On this thread, as it takes milliseconds; except an HTML page with selector rules, which must be
        extracted again (up to a few hundred milliseconds), and a very long document: those are cleaned in
        the pool, the old view staying until they are done.
        """
        if self._preview_task is not None:
            self._preview_task.cancel()
            self._preview_task = None
        doc = self.current_doc
        reextract = doc is not None and doc.is_html and bool(self.recipe.custom.selectors)
        big = doc is not None and (len(doc.lines) > BACKGROUND_PREVIEW_LINES or characters(doc) > BACKGROUND_PREVIEW_CHARACTERS)
        if doc is not None and (reextract or big or not self._warm.is_set()):
            task = PreviewTask(doc, self.recipe, self.generation, self._templates())
            task.signals.finished.connect(self._preview_finished)
            self._preview_task = task
            self.preview.detail.setText(
                "Extracting the page again with your selectors…" if reextract else "Cleaning this long document…" if big else "Cleaning…"
            )
            self._start(task)
            return
        self._show_preview(doc, None if doc is None else self.cleaner().clean(doc))

    def _preview_finished(self: MainWindow, task: PreviewTask, result: Any) -> None:
        self._tasks.discard(task)
        if task is not self._preview_task:
            return
        self._preview_task = None
        if task.generation != self.generation or task.document is not self.current_doc:
            return
        if isinstance(result, Exception):
            self.statusBar().showMessage(f"Cleaning {task.document.source} failed: {result}", 8000)
            return
        if result is not None:
            self._show_preview(task.document, *result)

    def _show_preview(self: MainWindow, doc: Document | None, cleaned: Cleaned | None, stats: DocStats | None = None) -> None:
        self.current_cleaned = cleaned
        if doc is None or cleaned is None:
            self.preview.show_cleaned(None)
        else:
            stats = stats or self.workspace.stats_of(cleaned)
            self.preview.show_cleaned(cleaned, self.workspace.hand_overrides(doc), stats.words_kept)
            if self.current_row is not None and self.corpus.documents[self.current_row] is doc:
                self.doc_model.update_stats([(self.current_row, stats)])
            if cleaned.problems:  # e.g. a regular expression stopped for taking too long, a stale hand decision
                self.statusBar().showMessage(" · ".join(p.message for p in cleaned.problems), 10000)
        self._update_counts()
        self.previewUpdated.emit()

    def preview_pending(self: MainWindow) -> bool:
        """True while the selected page is being extracted again (its hand decisions wait for it)."""
        return self._preview_task is not None
