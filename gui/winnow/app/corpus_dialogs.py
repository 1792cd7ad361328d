"""View › Duplicates… and View › Corpus overview…: the corpus views in their own windows, over the
window's documents and recipe. A choice made in the Duplicates view goes through the window's recipe
and undo stack like any other edit; both views follow every recipe change (and undo) while open.

The corpus stages run in the GUI thread when a view opens or the recipe changes (seconds for thousands
of documents); moving them into the window's worker is the next step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QVBoxLayout, QWidget

from winnow.app.corpus_live import LiveCorpus
from winnow.corpus.run import CorpusCleaner

if TYPE_CHECKING:
    from winnow.app.corpus_view import CorpusView
    from winnow.app.duplicates_view import DuplicatesView
    from winnow.app.window import MainWindow


class CorpusDialogs:
    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        self.window = window
        self._duplicates: DuplicatesView | None = None
        self._overview: CorpusView | None = None
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
        """Run the corpus stages again for the views that are open."""
        open_views = [v for v, d in self.dialogs.items() if d.isVisible()]
        if not open_views:
            return
        result = CorpusCleaner(self.window.recipe).run(self.window.corpus.documents)
        if self._duplicates in open_views:
            self.duplicates.set_corpus(result, self.window.recipe)
        if self._overview in open_views:
            self.overview.set_documents(result.documents)
