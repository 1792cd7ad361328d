# mypy: disable-error-code="misc"
# (each method types `self` as the MainWindow it is mixed into, a subclass: mypy checks the body against it)
"""Recipe files: open, save, save as, new, and the unsaved-changes mark in the title. A part of MainWindow."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
)

from winnow.app.preferences import LAST_RECIPE_FOLDER, RECENT_RECIPES
from winnow.recipe import Recipe, RecipeError, default_recipe, load, save

if TYPE_CHECKING:
    from winnow.app.window import MainWindow


class RecipeFiles:
    @property
    def modified(self: MainWindow) -> bool:
        return self.workspace.modified

    def _undo_index_changed(self: MainWindow, _index: int) -> None:
        self._update_title()

    def _update_title(self: MainWindow) -> None:
        name = self.recipe_path.name if self.recipe_path else "Untitled recipe"
        self.setWindowTitle(f"{name}[*] — Winnow")
        self.setWindowModified(self.modified)

    def _replace_recipe(self: MainWindow, recipe: Recipe, path: Path | None) -> None:
        """A recipe opened or started afresh: a new document for undo purposes."""
        self.workspace.replace_recipe(recipe, path)
        self.undo_stack.clear()
        self._set_recipe(recipe)

    def open_recipe(self: MainWindow, path: str | None = None) -> bool:
        self.rules_panel.flush()
        if not self.maybe_save():
            return False
        if not path:
            start = str(self.recipe_path.parent) if self.recipe_path else (LAST_RECIPE_FOLDER.read(self.settings) or str(Path.home()))
            path, _ = QFileDialog.getOpenFileName(self, "Open a recipe", start, "Winnow recipes (*.toml);;All files (*)")
            if not path:
                return False
        try:
            recipe = load(path)
        except RecipeError as exc:
            QMessageBox.warning(self, "Cannot open the recipe", str(exc))
            return False
        self._replace_recipe(recipe, Path(path).resolve())
        LAST_RECIPE_FOLDER.write(self.settings, str(Path(path).parent))
        self._remember_recent(RECENT_RECIPES, [str(Path(path).resolve())])
        self.statusBar().showMessage(f"Opened {path}.", 4000)
        return True

    def save_recipe(self: MainWindow) -> bool:
        if self.recipe_path is None:
            return self.save_recipe_as()
        return self._write_recipe(self.recipe_path)

    def save_recipe_as(self: MainWindow) -> bool:
        self.rules_panel.flush()
        start = str(self.recipe_path) if self.recipe_path else str(Path((LAST_RECIPE_FOLDER.read(self.settings) or str(Path.home()))) / "recipe.toml")
        path, _ = QFileDialog.getSaveFileName(self, "Save the recipe", start, "Winnow recipes (*.toml)")
        if not path:
            return False
        if not Path(path).suffix:
            path += ".toml"
        return self._write_recipe(Path(path))

    def _write_recipe(self: MainWindow, path: Path) -> bool:
        self.rules_panel.flush()
        try:
            save(self.recipe, path)
        except OSError as exc:
            QMessageBox.warning(self, "Cannot save the recipe", f"{path}: {exc.strerror or exc}")
            return False
        self.workspace.mark_saved(path)
        LAST_RECIPE_FOLDER.write(self.settings, str(path.parent))
        self._remember_recent(RECENT_RECIPES, [str(self.recipe_path)])
        self._update_title()
        self.save_session()
        self.statusBar().showMessage(f"Saved {path}.", 4000)
        return True

    def new_recipe(self: MainWindow) -> None:
        self.rules_panel.flush()
        if self.maybe_save():
            self._replace_recipe(default_recipe(), None)

    def maybe_save(self: MainWindow) -> bool:
        """Ask what to do with unsaved recipe changes; False means the user cancelled."""
        if not self.modified:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved recipe changes",
            f"The recipe “{self.recipe_path.name if self.recipe_path else 'Untitled recipe'}” has unsaved changes. Save them?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_recipe()
        return answer == QMessageBox.StandardButton.Discard
