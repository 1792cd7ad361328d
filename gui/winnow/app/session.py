# mypy: disable-error-code="misc"
# (each method types `self` as the MainWindow it is mixed into, a subclass: mypy checks the body against it)
"""Settings and session: recent files, the window's geometry and layout, and the session (the imported
paths in the order they were added, the recipe's file if saved, and its current, possibly unsaved, content
with the hand decisions) restored on the next start.

Everything is in the window's one QSettings store, each key a typed Preference (app/preferences.py).
The session is small: paths and one recipe. The documents themselves are read again on restore, the
HTML extraction coming from the extraction cache (winnow/cache.py), which is bulk data and not a setting.
A part of MainWindow (see window.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMenu

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


def store_session(settings: QSettings, session: Session) -> None:
    SESSION_ROOTS.write(settings, json.dumps(list(session.roots)))
    SESSION_RECIPE_PATH.write(settings, session.recipe_path or "")
    SESSION_RECIPE.write(settings, session.recipe_text or "")
    SESSION_SAVED_RECIPE.write(settings, session.saved_text or "")


class SessionFlow:
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
        self._splitter_state = SPLITTER_STATE.read(s)  # applied once shown, at its real size
        if self._splitter_state:
            self.splitter.installEventFilter(self)
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
            if roots:
                self.import_paths(roots)

    def save_session(self: MainWindow) -> None:
        if not self.session_enabled:
            return
        self._save_timer.stop()
        session = Session(tuple(self.roots), str(self.recipe_path) if self.recipe_path else None, dumps(self.recipe), self.saved_text)
        store_session(self.settings, session)
        self.settings.sync()
        if self.settings.status() != QSettings.Status.NoError:  # a read-only disk must not stop the window
            self.statusBar().showMessage(f"The session could not be saved to {self.settings.fileName()}.", 6000)
