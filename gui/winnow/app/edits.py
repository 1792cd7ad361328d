# mypy: disable-error-code="misc"
# (each method types `self` as the MainWindow it is mixed into, a subclass: mypy checks the body against it)
"""Recipe edits, each an undoable command: rules switched on or off, values, the user's own lists, and the
hand decisions on lines (keep/remove, “remove lines like this”, the corpus-wide list of one rule's lines).
What a gesture changes is decided by the Workspace (winnow/workspace.py); this turns it into commands.
A part of MainWindow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QLineEdit,
    QMenu,
)

from winnow.app.removed_lines import RemovedLinesDialog
from winnow.app.rules_panel import CUSTOM_FIELDS
from winnow.app.tasks import NarrowTask, RemovedLinesTask, Task
from winnow.app.undo import RecipeCommand
from winnow.core.model import Cleaned
from winnow.core.wording import plural
from winnow.recipe import Recipe
from winnow.rules import REGISTRY
from winnow.workspace import (
    AlreadyThere,
    Narrowing,
    Workspace,
    also_removed_by,
    describe_list_change,
    describe_value_change,
    family_of,
    line_text,
    param_label,
    rule_name,
    short,
)

if TYPE_CHECKING:
    from winnow.app.window import MainWindow

PREVIEW_PENDING_MESSAGE = "This document is being cleaned again; decide its lines once it is shown."
CUSTOM_LABELS = {f[0]: f[1] for f in CUSTOM_FIELDS}
CUSTOM_FIELD_OF = {f[3]: f[0] for f in CUSTOM_FIELDS if f[3]}  # counted rule id -> its list in the recipe


class RecipeEdits:
    _lines_task: RemovedLinesTask | None
    removed_lines_dialog: RemovedLinesDialog | None

    def change_recipe(self: MainWindow, new: Recipe, text: str, merge_key: str | None = None, describe: Callable[[Recipe, Recipe], str] | None = None) -> None:
        if new == self.recipe:
            return
        self.undo_stack.push(RecipeCommand(self._set_recipe, self.recipe, new, text, merge_key, describe))

    def _set_recipe(self: MainWindow, recipe: Recipe) -> None:
        if self._recount_task is not None:  # stop it now: it would compete with the preview for the GIL
            self._recount_task.cancel()
        self.workspace.set_recipe(recipe)
        self._recipe_now.set((self.generation, recipe))
        self.rules_panel.set_recipe(recipe)
        self.doc_model.set_edited(self.workspace.edited_documents())
        self.refresh_preview()
        self._schedule_recount()
        self._update_title()
        if self.session_enabled:
            self._save_timer.start()

    def _rule_enabled(self: MainWindow, rule_id: str, enabled: bool) -> None:
        verb = "Switch on" if enabled else "Switch off"
        before = self.current_cleaned
        self.change_recipe(self.recipe.with_enabled(rule_id, enabled), f"{verb} “{rule_name(rule_id)}”")
        if not enabled:
            self._say_who_else_removes(before, {rule_id}, f"“{rule_name(rule_id)}”")

    def _say_who_else_removes(self: MainWindow, before: Cleaned | None, rule_ids: set[str], name: str) -> None:
        """A rule switched off whose lines stay struck through: say which other rules also remove them."""
        others = also_removed_by(before, self.current_cleaned, rule_ids)
        if others:
            n = sum(others.values())
            which = ", ".join(f"{label} ({count})" for label, count in others.most_common())
            self.statusBar().showMessage(
                f"{name} is off, but {plural(n, 'line')} it removed here {'is' if n == 1 else 'are'} also removed by other rules: {which}.", 12000
            )

    def _family_enabled(self: MainWindow, rule_ids: list[str], enabled: bool) -> None:
        new = self.recipe
        for rule_id in rule_ids:
            new = new.with_enabled(rule_id, enabled)
        family = family_of(rule_ids[0])
        verb = "Switch on" if enabled else "Switch off"
        before = self.current_cleaned
        self.change_recipe(new, f"{verb} all “{family.label}” rules")
        if not enabled:
            self._say_who_else_removes(before, set(rule_ids), f"“{family.label}”")

    def _rule_value(self: MainWindow, rule_id: str, name: str, value: Any) -> None:
        try:
            new = self.recipe.with_value(rule_id, name, value)
        except (ValueError, KeyError) as exc:
            self.statusBar().showMessage(str(exc), 6000)
            self.rules_panel.set_recipe(self.recipe)
            return
        label = param_label(rule_id, name)
        self.change_recipe(
            new,
            "",
            merge_key=f"value:{rule_id}:{name}",
            describe=lambda old, new: describe_value_change(label, old.value(rule_id, name), new.value(rule_id, name)),
        )

    def _custom_changed(self: MainWindow, field_name: str, entries: tuple[str, ...]) -> None:
        self.change_recipe(
            self.recipe.with_custom(field_name, entries),
            "",
            merge_key=f"custom:{field_name}",
            describe=lambda old, new: describe_list_change(field_name, getattr(old.custom, field_name), getattr(new.custom, field_name)),
        )

    def _selected_rows(self: MainWindow) -> list[int]:
        return self.preview.lines.selected_rows() if self.current_cleaned is not None else []

    def decide_lines(self: MainWindow, rows: list[int], action: str) -> None:
        """Keep or remove lines of the selected document by hand (an override in the recipe).

        A hand decision that agrees with what the rules do anyway is not recorded; one that undoes an
        earlier hand decision just removes it.
        """
        doc, cleaned = self.current_doc, self.current_cleaned
        if doc is None or cleaned is None:
            return
        if self.preview_pending():  # the lines shown are about to change: say why the click did nothing
            self.statusBar().showMessage(PREVIEW_PENDING_MESSAGE, 5000)
            return
        rows = Workspace.decidable(cleaned, rows)
        if not rows:
            return
        new = self.workspace.decide(doc, cleaned, rows, action)
        verb = "Keep" if action == "keep" else "Remove"
        what = f"line {rows[0] + 1}" if len(rows) == 1 else f"{len(rows)} lines"
        self.change_recipe(new, f"{verb} {what} of {doc.name} by hand")

    def toggle_selected_lines(self: MainWindow) -> None:
        cleaned = self.current_cleaned
        rows = self._selected_rows()
        if cleaned is None or not rows:
            return
        self.decide_lines(rows, Workspace.toggle_action(cleaned, rows))

    def clear_line_decisions(self: MainWindow) -> None:
        doc = self.current_doc
        if doc is None:
            return
        new = self.workspace.without_decisions(doc, [row + 1 for row in self._selected_rows()])
        self.change_recipe(new, f"Clear hand decisions in {doc.name}")

    def clear_document_decisions(self: MainWindow) -> None:
        doc = self.current_doc
        if doc is None:
            return
        self.change_recipe(self.workspace.without_decisions(doc), f"Clear all hand decisions in {doc.name}")

    def _current_line_text(self: MainWindow) -> str | None:
        return line_text(self.current_cleaned, self.preview.current_row())

    def add_custom_entry(self: MainWindow, field_name: str, entry: str, text: str) -> None:
        try:
            new = self.workspace.with_entry(field_name, entry)
        except AlreadyThere as exc:
            self.statusBar().showMessage(f"“{exc}” is already in “{CUSTOM_LABELS[field_name]}”.", 4000)
            return
        self.change_recipe(new, text)

    def remove_like_everywhere(self: MainWindow) -> None:
        line = self._current_line_text()
        if line:
            self.add_custom_entry("drop_equal", line, f"Remove lines equal to “{short(line)}” everywhere")

    def keep_like_everywhere(self: MainWindow) -> None:
        line = self._current_line_text()
        if line:
            self.add_custom_entry("keep_containing", line, f"Always keep lines containing “{short(line)}”")

    def remove_containing(self: MainWindow) -> None:
        line = self._current_line_text()
        if line is None:
            return
        phrase, ok = QInputDialog.getText(
            self,
            "Remove lines containing",
            "Shorten the line to the phrase that marks junk; every line containing it is removed, in every document (case-insensitive):",
            QLineEdit.EchoMode.Normal,
            line,
        )
        if ok and phrase.strip():
            self.add_custom_entry("drop_containing", phrase, f"Remove lines containing “{short(phrase)}”")

    def selected_text(self: MainWindow) -> str:
        selection = self.preview.clean_text.textCursor().selectedText()
        parts = [p.strip() for p in selection.replace("\u2029", "\n").split("\n") if p.strip()]
        return parts[0] if parts else ""

    def add_selection_as_phrase(self: MainWindow) -> None:
        phrase = self.selected_text()
        if phrase:
            self.add_custom_entry("drop_containing", phrase, f"Remove lines containing “{short(phrase)}”")

    def _fill_line_menu(self: MainWindow, menu: QMenu) -> None:
        if self.current_cleaned is None:
            return
        menu.addActions([self.act_keep, self.act_drop, self.act_clear_decision])
        menu.addSeparator()
        menu.addActions([self.act_like_everywhere, self.act_containing, self.act_keep_like])

    def _clean_selection_changed(self: MainWindow) -> None:
        self.act_phrase.setEnabled(bool(self.selected_text()))

    def _fill_text_menu(self: MainWindow, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.act_phrase)

    def show_removed_lines(self: MainWindow, rule_id: str) -> None:
        self.rules_panel.flush()
        if self._lines_task is not None:
            self._lines_task.cancel()
        name = rule_name(rule_id) if rule_id in REGISTRY else CUSTOM_LABELS.get(CUSTOM_FIELD_OF.get(rule_id, ""), rule_id)
        dialog = RemovedLinesDialog(name, [d.name for d in self.corpus.documents], self)
        dialog.keepRequested.connect(lambda chosen: self.keep_lines(chosen, name))
        dialog.showRequested.connect(self.show_line)
        dialog.narrowRequested.connect(lambda chosen: self._find_narrowings(dialog, rule_id, chosen))
        dialog.narrowChosen.connect(lambda option: self._narrow_rule(dialog, rule_id, option))
        dialog.finished.connect(dialog.deleteLater)
        self.removed_lines_dialog = dialog
        self._list_removed_lines(dialog, rule_id)
        dialog.open()

    def _list_removed_lines(self: MainWindow, dialog: RemovedLinesDialog, rule_id: str) -> None:
        if self._lines_task is not None:
            self._lines_task.cancel()
        task = RemovedLinesTask(self.corpus.documents[:], self.corpus.stats[:], self.recipe, rule_id, self._templates())
        task.signals.batch.connect(dialog.model.add)
        task.signals.finished.connect(lambda t, _r: self._lines_counted(t, dialog))
        dialog.finished.connect(task.cancel)
        self._lines_task = task
        self._start(task)

    def _find_narrowings(self: MainWindow, dialog: RemovedLinesDialog, rule_id: str, chosen: list[tuple[int, int]]) -> None:
        """Work out, in a worker, the recipe edits after which the rule spares the chosen lines."""
        by_document: dict[int, list[int]] = {}
        for doc_index, row in chosen:
            by_document.setdefault(doc_index, []).append(row)
        task = NarrowTask(self.recipe, rule_id, [(self.corpus.documents[i], rows) for i, rows in by_document.items()])
        task.signals.finished.connect(lambda t, result: self._narrowings_found(t, dialog, result))
        self._start(task)

    def _narrowings_found(self: MainWindow, task: NarrowTask, dialog: RemovedLinesDialog, result: object) -> None:
        self._tasks.discard(task)
        if self.removed_lines_dialog is not dialog:
            return
        if isinstance(result, Exception):
            self.statusBar().showMessage(f"Could not work out a narrower rule: {result}", 8000)
            result = []
        if task.recipe != self.recipe:  # the recipe changed meanwhile: the options would undo that change
            result = []
        dialog.offer_narrowings(result if isinstance(result, list) else [])
        self.narrowingsOffered.emit()

    def _narrow_rule(self: MainWindow, dialog: RemovedLinesDialog, rule_id: str, option: Narrowing) -> None:
        """Apply a narrowing (one undoable recipe edit) and list the rule's lines again."""
        self.change_recipe(option.recipe, option.history)
        dialog.recounting()
        self._list_removed_lines(dialog, rule_id)

    def _lines_counted(self: MainWindow, task: Task, dialog: RemovedLinesDialog) -> None:
        self._tasks.discard(task)
        dialog.finished_counting()

    def keep_lines(self: MainWindow, chosen: list[tuple[int, int]], rule_name: str) -> None:
        """Keep lines of several documents by hand, as one undoable step."""
        self.change_recipe(self.workspace.keep_everywhere(chosen), f"Keep {plural(len(chosen), 'line')} removed by “{rule_name}”")
        if self.removed_lines_dialog is not None:
            self.removed_lines_dialog.model.remove(set(chosen))

    def show_line(self: MainWindow, doc_index: int, row: int) -> None:
        """Select a document in the table (clearing filters that hide it) and a line in its preview."""
        source = self.doc_model.index(doc_index, 0)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.filter.clear()
            for combo in (self.status_filter, self.language_filter, self.rule_filter):
                combo.setCurrentIndex(0)
            index = self.proxy.mapFromSource(source)
        self.select_document(index.row())
        if self.current_cleaned is not None and row < self.preview.model.rowCount():
            line = self.preview.model.index(row)
            self.preview.lines.setCurrentIndex(line)
            self.preview.lines.scrollTo(line, QAbstractItemView.ScrollHint.PositionAtCenter)
