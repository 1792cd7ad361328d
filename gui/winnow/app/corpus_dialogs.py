"""View › Duplicates… and View › Corpus overview…: the corpus views in their own windows, over the
window's documents and recipe. A choice made in the Duplicates view goes through the window's recipe
and undo stack like any other edit; both views follow every recipe change (and undo) while open.

The corpus stages run as an export runs them, in the window's worker processes (CorpusRunTask), so the
window stays responsive however many documents there are; the views show what they had until the new
result arrives (`refreshed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QVBoxLayout, QWidget

from winnow.app.corpus_live import LiveCorpus
from winnow.app.tasks import CorpusRunTask
from winnow.corpus.run import CorpusResult

if TYPE_CHECKING:
    from winnow.app.corpus_view import CorpusView
    from winnow.app.duplicates_view import DuplicatesView
    from winnow.app.window import MainWindow


class CorpusDialogs(QObject):
    refreshed = Signal()  # the open views show the corpus stages' result for the current recipe

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self._duplicates: DuplicatesView | None = None
        self._overview: CorpusView | None = None
        self._task: CorpusRunTask | None = None
        self.dialogs: dict[QWidget, QDialog] = {}
        self.act_duplicates = QAction("&Duplicates…", window)
        self.act_duplicates.setStatusTip("Copies of one story found in the corpus: which copy stays, side by side")
        self.act_duplicates.triggered.connect(lambda: self.show(self.duplicates, "Duplicates"))
        self.act_overview = QAction("Corpus &overview…", window)
        self.act_overview.setStatusTip("Charts of what cleaning did to the whole corpus, and every document's status")
        self.act_overview.triggered.connect(lambda: self.show(self.overview, "Corpus overview"))
        menu.addSeparator()
        menu.addActions([self.act_duplicates, self.act_overview])
        window.undo_stack.indexChanged.connect(lambda _: self.refresh())
        self.live = LiveCorpus(window)  # the document list's statuses and the preview's template lines, kept current

    # the views (and pyqtgraph, with numpy) load the first time they are asked for, not at start-up
    @property
    def duplicates(self) -> DuplicatesView:
        if self._duplicates is None:
            from winnow.app.duplicates_view import DuplicatesView

            self._duplicates = DuplicatesView()
            self._duplicates.recipeChosen.connect(lambda recipe, text: self.window.change_recipe(recipe, text))
        return self._duplicates

    @property
    def overview(self) -> CorpusView:
        if self._overview is None:
            from winnow.app.corpus_view import CorpusView

            self._overview = CorpusView()
        return self._overview

    def show(self, view: QWidget, title: str) -> None:
        dialog = self.dialogs.get(view)
        if dialog is None:
            dialog = QDialog(self.window)
            dialog.setWindowTitle(f"Winnow — {title}")
            QVBoxLayout(dialog).addWidget(view)
            dialog.resize(1200, 760)
            self.dialogs[view] = dialog
        dialog.show()
        self.refresh()

    def refresh(self) -> None:
        """Run the corpus stages again, in the background, for the views that are open."""
        if not any(d.isVisible() for d in self.dialogs.values()):
            return
        if self._task is not None:
            self._task.cancel()
        task = CorpusRunTask(list(self.window.corpus.documents), self.window.recipe)
        task.signals.finished.connect(self._ran)
        self._task = task
        self.window._start(task)

    def _ran(self, task: CorpusRunTask, result: Any) -> None:
        self.window._tasks.discard(task)
        if task is not self._task:
            return  # an older run, cancelled by a newer change
        self._task = None
        if isinstance(result, Exception):
            self.window.statusBar().showMessage(f"The corpus stages failed: {result}", 8000)
            return
        if not isinstance(result, CorpusResult):
            return
        open_views = [v for v, d in self.dialogs.items() if d.isVisible()]
        if self._duplicates in open_views:
            self.duplicates.set_corpus(result, task.recipe)
        if self._overview in open_views:
            self.overview.set_documents(result.documents)
        self.refreshed.emit()
