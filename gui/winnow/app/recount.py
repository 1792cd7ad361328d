# mypy: disable-error-code="misc"
# (each method types `self` as the MainWindow it is mixed into, a subclass: mypy checks the body against it)
"""The recount: after a recipe change every document's figures are brought up to date in the background,
and the corpus totals, the rules panel's counts and the summary line follow. A part of MainWindow."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from winnow.app.importing import keep_out_of_collections
from winnow.app.tasks import RecountTask
from winnow.core.wording import plural
from winnow.corpus.templates import TemplateCounts
from winnow.rules.documents import NearDuplicates
from winnow.rules.templates import SiteTemplates
from winnow.workspace import DocStats

if TYPE_CHECKING:
    from winnow.app.window import MainWindow

RECOUNT_SHOWN_FROM = 50  # documents: smaller recounts end before a progress figure could be read
RECOUNT_DELAY_MS = 150  # after a change, before its recount starts (see _schedule_recount)


class RecountFlow:
    _recount_task: RecountTask | None

    def _schedule_recount(self: MainWindow) -> None:
        """Re-clean, in the background, every document whose figures are from an older recipe."""
        if self._recount_task is not None:
            self._recount_task.cancel()
            self._recount_task = None
        changed = self.workspace.templates_changed()  # documents added or removed: their sites' template lines may differ
        if self.current_row is not None and self.current_row in changed:
            self.refresh_preview()
        corpus = self.corpus
        if not self.workspace.has_stale():
            self.recount_label.setText("")
            self._update_counts()
            if self._import_task is None:
                self.countsUpdated.emit()
            return
        # copies of the lists (sliced in C, not walked in Python): the task finds the stale documents itself
        task = RecountTask(corpus.documents[:], corpus.stats[:], self.recipe, self.generation, self._templates(), set(corpus.to_recount()))
        task.signals.batch.connect(self._recount_batch)
        task.signals.progress.connect(self._recount_progress)
        task.signals.finished.connect(self._recount_finished)
        self._recount_task = task
        if corpus.stale_at_most(self.generation) > RECOUNT_SHOWN_FROM:
            self.recount_label.setText("Recounting 0%")  # feedback now, not at the first finished batch
        # started a moment later: the preview of this change is painted first, and a run of changes (a value
        # dragged, a rule switched on and off) starts one recount, not one each. A task's thread walking
        # 100,000 documents' figures holds the GIL in turns with the GUI thread, and every call the painting
        # makes into Python then waits for its turn: that made a rule toggle take 200 ms at 100,000 documents.
        QTimer.singleShot(RECOUNT_DELAY_MS, self, lambda: self._start_recount(task))
        self._update_counts()

    def _start_recount(self: MainWindow, task: RecountTask) -> None:
        if task is self._recount_task and not task.cancelled():  # not replaced by a newer change meanwhile
            self._start(task)

    def _templates(self: MainWindow) -> TemplateCounts | None:
        """The site-template counts a background clean needs (None when the rule is off)."""
        return self.corpus.templates if self.recipe.enabled(SiteTemplates.id) else None

    def _recount_batch(self: MainWindow, items: list[tuple[int, DocStats]]) -> None:
        fresh = [(i, s) for i, s in items if s.generation == self.generation and i < len(self.corpus)]
        self.doc_model.update_stats(fresh)
        keep_out_of_collections()
        self._update_counts()

    def _recount_progress(self: MainWindow, done: int, total: int, _current: str) -> None:
        if self._recount_task is not None and total > RECOUNT_SHOWN_FROM:
            self.recount_label.setText(f"Recounting {done * 100 // max(total, 1)}%")

    def _recount_finished(self: MainWindow, task: RecountTask, result: Any) -> None:
        self._tasks.discard(task)
        if task is not self._recount_task:
            return  # an older recount, cancelled by a newer change
        self._recount_task = None
        if isinstance(result, Exception):
            self.statusBar().showMessage(f"Counting failed: {result}", 8000)
        self._schedule_recount()  # documents imported meanwhile with an older recipe

    def _update_counts(self: MainWindow) -> None:
        self._update_language_filter()
        self._fit_columns()
        corpus = self.corpus
        cleaned = self.current_cleaned
        here_removed = Counter(cleaned.removed_counts) if cleaned is not None else None
        here_kept = Counter(cleaned.kept_by.values()) if cleaned is not None else None
        recounting = self._recount_task is not None
        hand_here = len(self.recipe.overrides_for(self.current_doc.id)) if self.current_doc is not None else None
        row = self.current_row if self.current_row is not None and self.current_row < len(corpus) else None
        left_out_here = None if row is None else NearDuplicates.id if corpus.duplicate_verdict(row) else corpus.stats[row].left_out_by
        self.rules_panel.set_counts(
            corpus.removed_by_rule,
            corpus.kept_by_rule,
            here_removed,
            here_kept,
            recounting,
            hand_here,
            len(self.recipe.overrides),
            corpus.left_out(),
            left_out_here,
        )
        n = len(corpus)
        if n:
            text = f"{plural(n, 'document')} · {corpus.lines_kept:,} lines kept · {corpus.lines_removed:,} removed" + (
                f" · {corpus.empty_documents:,} with nothing left" if corpus.empty_documents else ""
            )
        else:
            text = "No documents yet."
        self.corpus_summary.setText(text + (" (recounting…)" if recounting else ""))
        if not recounting:
            self.recount_label.setText("")
