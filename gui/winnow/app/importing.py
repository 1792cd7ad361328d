# mypy: disable-error-code="misc"
# (each method types `self` as the MainWindow it is mixed into, a subclass: mypy checks the body against it)
"""Importing: the queue of paths to read, its progress, the Problems panel it fills, the text field of
JSON/CSV files, and “Remove all documents” with its undo. A part of MainWindow (see window.py)."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
)

from winnow.app.preferences import LAST_IMPORT_FOLDER, RECENT_IMPORTS, TEXT_FIELDS
from winnow.app.samples import sample_corpus_path
from winnow.app.tasks import ImportBatch, ImportResult, ImportTask, SnapshotLoadTask
from winnow.core.model import Problem
from winnow.core.wording import plural
from winnow.readers import ReadOptions
from winnow.workspace import RemovedDocuments, fields_named_in

if TYPE_CHECKING:
    from winnow.app.window import MainWindow


def keep_out_of_collections() -> None:
    """The documents and their figures live as long as the window: they are moved out of the garbage
    collector's generations, which a full collection walks whole (seconds of a stalled window at 100,000
    documents). They hold no reference cycles: refcounting still frees them when they are removed."""
    gc.freeze()


class ImportFlow:
    _removed: RemovedDocuments | None  # what “Remove all documents” took, for its undo
    _import_task: ImportTask | SnapshotLoadTask | None
    _import_start: int  # where the running import's documents start in the corpus
    _import_problems_start: int
    _snapshot_dirty: bool

    def add_files(self: MainWindow) -> None:
        start = LAST_IMPORT_FOLDER.read(self.settings) or str(Path.home())
        files, _ = QFileDialog.getOpenFileNames(
            self,
            "Add scraped files",
            start,
            "Scraped files (*.txt *.text *.md *.html *.htm *.xhtml *.json *.jsonl *.ndjson *.csv *.tsv *.gz *.warc *.wet *.parquet *.zst);;All files (*)",
        )
        if files:
            LAST_IMPORT_FOLDER.write(self.settings, str(Path(files[0]).parent))
            self.import_paths(files)

    def add_folder(self: MainWindow) -> None:
        start = LAST_IMPORT_FOLDER.read(self.settings) or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of scraped files", start)
        if folder:
            LAST_IMPORT_FOLDER.write(self.settings, str(Path(folder).parent))
            self.import_paths([folder])

    def open_sample_corpus(self: MainWindow) -> None:
        sample = sample_corpus_path()
        if sample is not None:
            self.import_paths([str(sample)])

    def import_paths_one(self: MainWindow, path: str) -> None:
        self.import_paths([path])

    def import_paths(self: MainWindow, paths: list[str]) -> None:
        """Import files and folders in the background; `importFinished` follows (also if nothing was new)."""
        fresh = self.workspace.fresh_paths(paths, self._import_queue)
        if not fresh:
            self.statusBar().showMessage("Already imported.", 4000)
            QTimer.singleShot(0, self.importFinished.emit)
            return
        self._remember_recent(RECENT_IMPORTS, fresh)
        self._removed = None  # “bring back” restores into an empty window only
        self.act_restore.setEnabled(False)
        self._import_queue.append(fresh)
        self._start_next_import()

    def _text_fields(self: MainWindow) -> dict[str, str]:
        try:
            chosen = json.loads(TEXT_FIELDS.read(self.settings))
        except ValueError:
            return {}
        return chosen if isinstance(chosen, dict) else {}

    def _text_field_for(self: MainWindow, paths: list[str]) -> str | None:
        """The field chosen for a single record file imported on its own (a folder finds its fields itself)."""
        return self._text_fields().get(paths[0]) if len(paths) == 1 else None

    def choose_text_field(self: MainWindow, problem: Problem) -> bool:
        """Ask which field of a JSON/CSV file holds the text, then import the file again with it."""
        fields = fields_named_in(problem.message)
        path = self.workspace.file_of_problem(problem)
        if not fields or path is None:
            return False
        if any(d.path == path for d in self.corpus.documents):
            self.statusBar().showMessage(
                f"Some records of {problem.source} were imported already: remove the documents first to import it with another text field.", 8000
            )
            return False
        field, ok = QInputDialog.getItem(
            self, "Choose the text field", f"Which field of the records in {Path(path).name} holds the text to clean?", fields, 0, False
        )
        if not ok or not field:
            return False
        chosen = self._text_fields()
        chosen[path] = field
        TEXT_FIELDS.write(self.settings, json.dumps(chosen))
        self.workspace.forget_roots([path])
        self.problems_model.remove_source(problem.source)
        self._update_problems_button()
        self._import_queue.append([path])
        self._start_next_import()
        return True

    def _problem_activated(self: MainWindow, index: QModelIndex) -> None:
        if index.isValid():
            self.choose_text_field(self.problems_model.problems[index.row()])

    def _fill_problem_menu(self: MainWindow, position) -> None:
        index = self.problems_view.indexAt(position)
        if not index.isValid():
            return
        problem = self.problems_model.problems[index.row()]
        menu = QMenu(self)
        action = menu.addAction("Choose the &text field…", lambda: self.choose_text_field(problem))
        action.setEnabled(bool(fields_named_in(problem.message)))
        menu.exec(self.problems_view.viewport().mapToGlobal(position))

    def _start_next_import(self: MainWindow) -> None:
        if self._import_task is not None or not self._import_queue:
            return
        paths = self._import_queue.pop(0)
        self.roots.extend(paths)
        self._import_start = len(self.corpus)
        self._import_problems_start = len(self.problems_model.problems)
        options = ReadOptions(text_field=self._text_field_for(paths), extraction_cache=self.extraction_cache)
        task = ImportTask(paths, self._recipe_now.get, options)
        task.signals.batch.connect(self._import_batch)
        task.signals.progress.connect(self._import_progress)
        task.signals.finished.connect(self._import_finished)
        self._import_task = task
        self._start(task)
        self.progress.show_progress("Importing…", 0, 0)
        self.act_export.setEnabled(False)

    def _import_batch(self: MainWindow, batch: ImportBatch) -> None:
        first = len(self.corpus) == 0
        self.doc_model.append(batch.documents)
        keep_out_of_collections()
        self._add_problems(batch.problems)
        if first and len(self.corpus):
            self._update_empty_state()
            self.table.selectRow(0)
            self.table.setFocus()
        self._update_counts()

    def _import_progress(self: MainWindow, done: int, total: int, current: str) -> None:
        name = current.rsplit("/", 1)[-1]
        text = f"Importing {done:,} of {total:,} files" + (f" — {name}" if name else "")
        self.progress.show_progress(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, 420), done, total)

    def _import_finished(self: MainWindow, task: ImportTask | SnapshotLoadTask, result: Any) -> None:
        self._tasks.discard(task)
        if task is not self._import_task:
            return
        self._import_task = None
        if isinstance(result, ImportResult) and result.cancelled:
            self.doc_model.truncate(self._import_start)
            self.problems_model.truncate(self._import_problems_start)
            self._update_problems_button()
            if not self.problems_model.problems:
                self.problems_dock.hide()
            self.workspace.forget_roots(result.paths)
            self.statusBar().showMessage("Import cancelled; none of its documents or problems were added.", 6000)
        elif isinstance(result, Exception):
            self.statusBar().showMessage(f"The import failed: {result}", 8000)
        elif isinstance(result, ImportResult):
            message = f"Imported {plural(result.documents, 'document')}"
            if result.problems:
                message += f"; {plural(result.problems, 'problem')} — see the Problems panel"
            self.statusBar().showMessage(message + ".", 6000)
        self.progress.hide()
        self._update_empty_state()
        self._update_counts()
        if self._import_queue:
            self._start_next_import()
        else:
            self.act_export.setEnabled(len(self.corpus) > 0)
            self._schedule_recount()
        self._snapshot_dirty = self._snapshot_dirty or not (isinstance(result, ImportResult) and result.restored)
        self.save_session()
        self.importFinished.emit()

    def cancel_import(self: MainWindow) -> None:
        """Stop the running import (its documents are taken back) and drop the queued ones."""
        for paths in self._import_queue:
            self.workspace.forget_roots(paths)
        self._import_queue.clear()
        if self._import_task is not None:
            self._import_task.cancel()
            self.progress.label.setText("Cancelling…")

    def clear_documents(self: MainWindow, confirm: bool = True) -> bool:
        """Forget every imported document, after asking; Edit › Bring back removed documents undoes it."""
        n = len(self.corpus)
        if not n and self._import_task is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                "Remove all documents",
                f"Remove all {plural(n, 'document')} from the window?\n\nYour files are not touched, and Edit › Bring back removed documents undoes this.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.cancel_import()
        if self._recount_task is not None:
            self._recount_task.cancel()
        removed = self.workspace.take_all(list(self.problems_model.problems))
        if self._import_task is None:  # a running import's documents are taken back, not kept for undo
            self._removed = removed
        self._import_start = self._import_problems_start = 0  # a cancelled import's late batches are taken back from here
        self.doc_model.truncate(0)
        self.problems_model.clear()
        self._update_problems_button()
        self._show_document(None)
        self._update_empty_state()
        self._update_counts()
        self._snapshot_dirty = True
        self.save_session()
        self.act_restore.setEnabled(self._removed is not None)
        self.statusBar().showMessage(f"Removed {plural(n, 'document')}; Edit › Bring back removed documents undoes it.", 10000)
        return True

    def restore_documents(self: MainWindow) -> None:
        """Undo “Remove all documents” (while nothing else was imported since): no file is read again."""
        removed, self._removed = self._removed, None
        self.act_restore.setEnabled(False)
        if removed is None or len(self.corpus) or self._import_task is not None:
            return
        self.roots = list(removed.roots)
        self.doc_model.append(list(zip(removed.documents, removed.stats)))
        self._add_problems(removed.problems)
        self._update_empty_state()
        if len(self.corpus):
            self.table.selectRow(0)
        self._schedule_recount()  # figures from an older recipe are brought up to date
        self._snapshot_dirty = True
        self.save_session()
        self.statusBar().showMessage(f"Brought back {plural(len(self.corpus), 'document')}.", 6000)

    def document_count(self: MainWindow) -> int:
        return len(self.corpus)

    def _add_problems(self: MainWindow, problems: list) -> None:
        if not problems:
            return
        self.problems_model.add(problems)
        self._update_problems_button()
        # a file that could not be read opens the panel; warnings (a few bytes replaced) only count on the
        # status bar's button, so they do not take the preview's room
        if any(p.fatal for p in problems) and not self.problems_dock.isVisible():
            self.problems_dock.show()

    def _update_problems_button(self: MainWindow) -> None:
        n = len(self.problems_model.problems)
        self.problems_button.setVisible(n > 0)
        self.problems_button.setText(f"⚠ {plural(n, 'problem')}")
        self.problems_button.setToolTip("Show the files that could not be imported and other warnings")

    def _show_problems(self: MainWindow) -> None:
        self.problems_dock.show()
        self.problems_dock.raise_()
