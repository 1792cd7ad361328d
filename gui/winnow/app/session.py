# mypy: disable-error-code="misc"
# (each method types `self` as the MainWindow it is mixed into, a subclass: mypy checks the body against it)
"""Settings and session: recent files, the window's geometry and layout, and the session (the imported
paths in the order they were added, the recipe's file if saved, and its current, possibly unsaved, content
with the hand decisions) restored on the next start.

Everything is in the window's one QSettings store, each key a typed Preference (app/preferences.py).
The session is small: paths and one recipe. The documents themselves are bulk work data, not settings:
they are kept in a snapshot beside the extraction cache (winnow/snapshot.py), which a restore shows at
once before checking the files in the background (and reading them again only if they changed).
A part of MainWindow (see window.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMenu

from winnow import snapshot
from winnow.app.preferences import (
    PREVIEW_FONT_SIZE,
    PREVIEW_MODE,
    SESSION_RECIPE,
    SESSION_RECIPE_PATH,
    SESSION_ROOTS,
    SESSION_SAVED_RECIPE,
    SPLITTER_STATE,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Preference,
)
from winnow.app.tasks import ImportResult, ImportTask, SnapshotCheckTask, SnapshotLoadTask, SnapshotWriteTask
from winnow.cache import default_cache_dir
from winnow.core.wording import plural
from winnow.recipe import RecipeError, dumps, loads

if TYPE_CHECKING:
    from winnow.app.window import MainWindow

RECENT_LIMIT = 8


@dataclass(frozen=True)
class Session:
    roots: tuple[str, ...] = ()  # imported files and folders, in the order they were added
    recipe_path: str | None = None  # the recipe file last opened or saved, if any
    recipe_text: str | None = None  # the recipe being edited (TOML), saved or not
    saved_text: str | None = None  # the recipe as last saved, to restore the unsaved-changes mark


def load_session(settings: QSettings) -> Session | None:
    """The saved session, or None when there is none."""
    if not settings.contains(SESSION_ROOTS.key) and not settings.contains(SESSION_RECIPE.key):
        return None
    try:
        roots = tuple(str(p) for p in json.loads(SESSION_ROOTS.read(settings)))
    except (ValueError, TypeError):
        roots = ()
    return Session(
        roots=roots,
        recipe_path=SESSION_RECIPE_PATH.read(settings) or None,
        recipe_text=SESSION_RECIPE.read(settings) or None,
        saved_text=SESSION_SAVED_RECIPE.read(settings) or None,
    )


def snapshot_path(settings: QSettings, default_settings: bool) -> Path:
    """Beside an explicit settings file (tests get their own), else in the user's cache folder."""
    if default_settings:
        return default_cache_dir() / "session.snapshot"
    return Path(settings.fileName()).with_name("session.snapshot")


def store_session(settings: QSettings, session: Session) -> None:
    SESSION_ROOTS.write(settings, json.dumps(list(session.roots)))
    SESSION_RECIPE_PATH.write(settings, session.recipe_path or "")
    SESSION_RECIPE.write(settings, session.recipe_text or "")
    SESSION_SAVED_RECIPE.write(settings, session.saved_text or "")


class SessionFlow:
    _snapshot_dirty: bool  # the documents changed since the snapshot was written
    _import_task: ImportTask | SnapshotLoadTask | None
    _import_start: int
    _import_problems_start: int
    _snapshot_task: SnapshotWriteTask | None
    _check_task: SnapshotCheckTask | None

    def _remember_recent(self: MainWindow, preference: Preference, paths: list[str]) -> None:
        recent = preference.read(self.settings)
        for path in reversed(paths):
            recent = [path] + [p for p in recent if p != path]
        preference.write(self.settings, recent[:RECENT_LIMIT])

    def _fill_recent(self: MainWindow, menu: QMenu, preference: Preference, opener: Callable[[str], Any]) -> None:
        menu.clear()
        recent = [p for p in preference.read(self.settings) if Path(p).exists()]
        for path in recent:
            action = menu.addAction(self.fontMetrics().elidedText(path, Qt.TextElideMode.ElideMiddle, 480))
            action.setToolTip(path)
            action.triggered.connect(lambda checked=False, p=path: opener(p))
        if not recent:
            menu.addAction("(none)").setEnabled(False)

    def _restore_ui_state(self: MainWindow) -> None:
        s = self.settings
        geometry = WINDOW_GEOMETRY.read(s)
        if geometry:
            before = self.geometry()
            self.restoreGeometry(geometry)
            if not self._fits(self.frameGeometry().size()):  # saved on a bigger screen, or at another scale
                self.setGeometry(before)
        state = WINDOW_STATE.read(s)
        if state:
            self.restoreState(state)
        self._splitter_state = SPLITTER_STATE.read(s)  # applied once shown, at its real size (see window.eventFilter)
        self.preview.set_mode(PREVIEW_MODE.read(s))
        if PREVIEW_FONT_SIZE.read(s):
            self.set_preview_font(PREVIEW_FONT_SIZE.read(s))

    def save_ui_state(self: MainWindow) -> None:
        s = self.settings
        WINDOW_GEOMETRY.write(s, self.saveGeometry())
        WINDOW_STATE.write(s, self.saveState())
        SPLITTER_STATE.write(s, self.splitter.saveState())
        PREVIEW_MODE.write(s, self.preview.mode)
        s.sync()

    def _restore_session(self: MainWindow, documents: bool) -> None:
        session = load_session(self.settings)
        if session is None:
            return
        recipe = self.recipe
        if session.recipe_text:
            try:
                recipe = loads(session.recipe_text, "the last session's recipe")
            except RecipeError as exc:
                self.statusBar().showMessage(f"The last session's recipe could not be restored: {exc}", 10000)
        path = Path(session.recipe_path) if session.recipe_path else None
        self.recipe_path = path if path is not None and path.exists() else None
        self._set_recipe(recipe)
        self.saved_text = session.saved_text if session.saved_text is not None else dumps(recipe)
        if documents:
            roots = [r for r in session.roots if Path(r).exists()]
            header = snapshot.read_header(self.snapshot_path) if roots else None
            if header is not None and header.roots == roots and header.count:
                self._restore_documents_from(header)
            elif roots:
                self.import_paths(roots)

    # ---- the session's documents: shown at once from the snapshot, then the files checked
    def _restore_documents_from(self: MainWindow, header: snapshot.Header) -> None:
        current = header.recipe == dumps(self.recipe)  # else the figures are recounted once shown
        task = SnapshotLoadTask(self.snapshot_path, header, self.generation if current else -1)
        task.signals.batch.connect(self._import_batch)
        task.signals.progress.connect(self._restore_progress)
        task.signals.finished.connect(lambda t, result: self._restore_finished(t, result, header))
        self.roots.extend(header.roots)
        self._import_start = self._import_problems_start = 0
        self._import_task = task
        self._add_problems(header.problems)
        self._start(task)
        self.progress.show_progress("Restoring the last session…", 0, header.count)  # at once, not at the first batch
        self.act_export.setEnabled(False)

    def _restore_progress(self: MainWindow, done: int, total: int, _current: str) -> None:
        self.progress.show_progress(f"Restoring the last session: {done:,} of {total:,} documents", done, total)

    def _restore_finished(self: MainWindow, task: SnapshotLoadTask, result: object, header: snapshot.Header) -> None:
        if task is not self._import_task:
            self._tasks.discard(task)
            return
        if isinstance(result, Exception):  # a damaged snapshot: read the files, as without one
            self._tasks.discard(task)
            self._import_task = None
            self.doc_model.truncate(0)
            self.problems_model.clear()
            self._update_problems_button()
            self.workspace.forget_roots(header.roots)
            self.progress.hide()
            self.import_paths(header.roots)
            return
        self._import_finished(task, result)
        if isinstance(result, ImportResult) and not result.cancelled:
            self._snapshot_dirty = False
            self.statusBar().showMessage(f"Restored {plural(result.documents, 'document')}; checking the files for changes…", 6000)
            check = SnapshotCheckTask(list(header.roots), header.signature)
            check.signals.finished.connect(lambda t, same: self._files_checked(t, same, list(header.roots)))
            self._check_task = check
            self._start(check)

    def _files_checked(self: MainWindow, task: SnapshotCheckTask, same: object, roots: list[str]) -> None:
        self._tasks.discard(task)
        if task is not self._check_task:
            return
        self._check_task = None
        if same is not False or self.roots != roots or self._import_task is not None or self._import_queue:
            return  # unchanged, or the user has imported or removed documents since: theirs is the newer state
        self.statusBar().showMessage("Some files changed since the last session: reading them again…", 8000)
        self.doc_model.truncate(0)
        self.problems_model.clear()
        self._update_problems_button()
        self.workspace.forget_roots(roots)
        self.import_paths(roots)

    def _write_snapshot(self: MainWindow, wait: bool = False) -> None:
        """Keep the documents for the next start, in the background (or now, when the window closes)."""
        if not self._snapshot_dirty:
            return
        if self._snapshot_task is not None:
            self._snapshot_task.cancel()
        items = list(zip(self.corpus.documents, self.corpus.stats))
        task = SnapshotWriteTask(self.snapshot_path, list(self.roots), dumps(self.recipe), items, list(self.problems_model.problems))
        if wait:
            self._snapshot_dirty = not task.work()
            return
        task.signals.finished.connect(self._snapshot_written)
        self._snapshot_task = task
        self._start(task)

    def _snapshot_written(self: MainWindow, task: SnapshotWriteTask, result: object) -> None:
        self._tasks.discard(task)
        if task is self._snapshot_task:
            self._snapshot_task = None
            if result is True:
                self._snapshot_dirty = False

    def save_session(self: MainWindow, wait: bool = False) -> None:
        if not self.session_enabled:
            return
        self._save_timer.stop()
        self._write_snapshot(wait)
        session = Session(tuple(self.roots), str(self.recipe_path) if self.recipe_path else None, dumps(self.recipe), self.saved_text)
        store_session(self.settings, session)
        self.settings.sync()
        if self.settings.status() != QSettings.Status.NoError:  # a read-only disk must not stop the window
            self.statusBar().showMessage(f"The session could not be saved to {self.settings.fileName()}.", 6000)
