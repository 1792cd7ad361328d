# mypy: disable-error-code="misc"
# (each method types `self` as the MainWindow it is mixed into, a subclass: mypy checks the body against it)
"""The export: the dialog, the task that writes the corpus with the current recipe, its progress and
its outcome. A part of MainWindow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import (
    QDesktopServices,
)
from PySide6.QtWidgets import (
    QMessageBox,
    QProgressDialog,
)

from winnow.app.export_dialog import ExportDialog, left_out_format
from winnow.app.tasks import ExportTask
from winnow.core.wording import plural
from winnow.export import ExportCancelled, ExportOptions, ExportSummary

if TYPE_CHECKING:
    from winnow.app.window import MainWindow


class ExportFlow:
    _export_task: ExportTask | None
    export_progress: QProgressDialog | None
    export_summary_box: QMessageBox | None
    export_dialog: ExportDialog | None
    left_out_summary: ExportSummary | None = None  # the last export's file of documents left out

    def show_export_dialog(self: MainWindow) -> None:
        self.rules_panel.flush()
        dialog = ExportDialog(self.settings, len(self.corpus), self)
        dialog.accepted.connect(lambda: self.export_to(dialog.destination_path(), dialog.options(), interactive=True, rejected=dialog.left_out_destination()))
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    def export_to(self: MainWindow, dest: str, options: ExportOptions, interactive: bool = False, rejected: str | None = None) -> None:
        """Export the corpus in import order with the current recipe; `exportFinished` carries the outcome.
        `rejected`: a .jsonl or .csv file for the documents left out, with their reasons (`--rejected`)."""
        self.rules_panel.flush()
        if self._export_task is not None:
            QTimer.singleShot(0, lambda: self.exportFinished.emit(RuntimeError("an export is already running")))
            return
        left_out = (rejected, options.for_rejected(left_out_format(rejected) or "jsonl")) if rejected else None
        task = ExportTask(list(self.corpus.documents), self.recipe, dest, options, list(self.roots), left_out)
        task.signals.progress.connect(self._export_progress)
        task.signals.finished.connect(self._export_finished)
        self._export_task = task
        self._export_interactive = interactive
        if interactive:
            progress = QProgressDialog("Exporting…", "Cancel", 0, len(self.corpus), self)
            progress.setWindowTitle("Export")
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(0)
            progress.setAutoClose(False)
            progress.setAutoReset(False)
            progress.canceled.connect(self.cancel_export)
            self.export_progress = progress
            progress.show()  # at once: QProgressDialog would otherwise wait for its own ~4 s timer
        self.statusBar().showMessage("Exporting…")
        self._start(task)

    def cancel_export(self: MainWindow) -> None:
        if self._export_task is not None:
            self._export_task.cancel()

    def _export_progress(self: MainWindow, done: int, total: int, source: str) -> None:
        dialog = self.export_progress  # setValue may run the event loop, and the export may finish inside it
        if dialog is not None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            dialog.setLabelText(self.fontMetrics().elidedText(f"Exporting {source}", Qt.TextElideMode.ElideMiddle, 360))

    def _export_finished(self: MainWindow, task: ExportTask, result: Any) -> None:
        self._tasks.discard(task)
        self._export_task = None
        self.left_out_summary = task.rejected_summary
        if self.export_progress is not None:
            self.export_progress.canceled.disconnect(self.cancel_export)
            self.export_progress.close()
            self.export_progress.deleteLater()
            self.export_progress = None
        if isinstance(result, ExportSummary):
            self.statusBar().showMessage(f"Exported {plural(result.documents, 'document')} to {result.destination}.", 8000)
        elif isinstance(result, ExportCancelled):
            self.statusBar().showMessage("Export cancelled; nothing was written.", 6000)
        else:
            self.statusBar().showMessage(f"Export failed: {result}", 8000)
        if self._export_interactive:
            self._show_export_outcome(result)
        self.exportFinished.emit(result)

    def _show_export_outcome(self: MainWindow, result: Any) -> None:
        if isinstance(result, ExportCancelled):
            return
        box = QMessageBox(self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        if isinstance(result, ExportSummary):
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle("Export finished")
            lines = [f"{plural(result.documents, 'document')} written to {result.destination}."]
            if result.skipped_empty:
                lines.append(f"{plural(result.skipped_empty, 'document')} with nothing left {'was' if result.skipped_empty == 1 else 'were'} left out.")
            removed = sum(result.by_rule.values())
            lines.append(f"{plural(removed, 'line')} removed in all.")
            if self.left_out_summary is not None:
                left = self.left_out_summary
                lines.append(f"{plural(left.documents, 'document')} left out, with the reasons, written to {left.destination}.")
            box.setText("\n".join(lines))
            folder = result.destination if result.format == "txt" else result.destination.parent
            show = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
            show.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
            box.addButton(QMessageBox.StandardButton.Close)
        else:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle("Export failed")
            box.setText(str(result))
            box.addButton(QMessageBox.StandardButton.Close)
        box.finished.connect(box.deleteLater)
        self.export_summary_box = box
        box.open()
