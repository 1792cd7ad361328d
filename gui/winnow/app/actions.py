"""The window's actions (menus, toolbar, shortcuts) and its menu bar, in one place (after Picard's
ui/mainwindow/actions.py): the window builds them once, and its methods are what they trigger."""

from __future__ import annotations

from functools import partial
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from winnow.app.corpus_dialogs import CorpusDialogs
from winnow.app.preferences import RECENT_IMPORTS, RECENT_RECIPES
from winnow.app.preview import PreviewPane
from winnow.app.samples import sample_corpus_path
from winnow.app.theme import action_icon


def make_action(
    window: Any,
    text: str,
    slot: Callable,
    shortcut: Any = None,
    icon_: Any = None,
    tip: str | None = None,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QAction:
    action = QAction(text, window)
    action.triggered.connect(lambda checked=False: slot())
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(context)
    if icon_ is not None:
        action.setIcon(icon_)
    tip = tip or text.replace("…", "").replace("&", "")
    if shortcut is not None:
        tip += f" ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(tip)
    action.setStatusTip(tip)
    return action


def build_actions(window: Any) -> None:
    """Every action of the window, as attributes `window.act_*` (menus, toolbar and shortcuts share them)."""
    a = partial(make_action, window)
    window.act_add_files = a(
        "Add &files…",
        window.add_files,
        QKeySequence.StandardKey.Open,
        action_icon("add-files"),
        "Import text, HTML, JSON, JSONL or CSV files",
    )
    window.act_add_folder = a(
        "Add f&older…",
        window.add_folder,
        "Ctrl+Shift+O",
        action_icon("add-folder"),
        "Import every supported file in a folder and its subfolders",
    )
    window.act_sample = a("Open the &sample corpus", window.open_sample_corpus, tip="Import the five sample news pages")
    window.act_sample.setEnabled(sample_corpus_path() is not None)
    window.act_clear = a("&Remove all documents…", window.clear_documents, tip="Forget the imported documents (files are not touched)")
    window.act_restore = a("&Bring back removed documents", window.restore_documents, tip="Undo “Remove all documents” (without reading the files again)")
    window.act_restore.setEnabled(False)
    window.act_open_recipe = a(
        "Open &recipe…",
        window.open_recipe,
        "Ctrl+R",
        action_icon("open-recipe"),
        "Open a recipe (.toml) — the same file `winnow clean --recipe` reads",
    )
    window.act_save_recipe = a("&Save recipe", window.save_recipe, QKeySequence.StandardKey.Save, action_icon("save"), "Save the recipe")
    window.act_save_recipe_as = a("Save recipe &as…", window.save_recipe_as, QKeySequence.StandardKey.SaveAs, action_icon("save-as"))
    window.act_new_recipe = a(
        "&New recipe (defaults)",
        window.new_recipe,
        QKeySequence.StandardKey.New,
        action_icon("new-recipe"),
        "Start again from the default recipe",
    )
    window.act_export = a("&Export…", window.show_export_dialog, "Ctrl+E", action_icon("export"), "Export the clean corpus as JSONL, CSV or TXT")
    window.act_quit = a("&Quit", window.close, QKeySequence.StandardKey.Quit, action_icon("quit"))

    # Our own actions, not QUndoStack's: they apply typing still pending in the Rules panel first, so
    # Ctrl+Z in a number field undoes the recipe, never just the field's text (see _route_undo_keys).
    window.act_undo = a("&Undo", window.undo, QKeySequence.StandardKey.Undo, action_icon("undo"), "Undo the last rule edit or hand decision")
    window.act_redo = a("&Redo", window.redo, QKeySequence.StandardKey.Redo, action_icon("redo"), "Redo")
    window.act_redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
    for action, can_changed, text_changed, verb in (
        (window.act_undo, window.undo_stack.canUndoChanged, window.undo_stack.undoTextChanged, "&Undo"),
        (window.act_redo, window.undo_stack.canRedoChanged, window.undo_stack.redoTextChanged, "&Redo"),
    ):
        action.setEnabled(False)
        can_changed.connect(action.setEnabled)
        text_changed.connect(lambda step, action=action, verb=verb: action.setText(f"{verb} {step}" if step else verb))
    # The toolbar's own pair keeps the short texts "Undo"/"Redo" (the menu's name the step, which would
    # make the toolbar jump about) and names the step in the tooltip; the shortcuts stay on the menu's.
    window.act_undo_tool = history_tool(window, "Undo", window.act_undo, window.undo, window.undo_stack.canUndoChanged, window.undo_stack.undoTextChanged)
    window.act_redo_tool = history_tool(window, "Redo", window.act_redo, window.redo, window.undo_stack.canRedoChanged, window.undo_stack.redoTextChanged)
    window.act_find = a("&Find document", window._focus_filter, QKeySequence.StandardKey.Find, tip="Filter the document list")

    line = Qt.ShortcutContext.WidgetWithChildrenShortcut
    window.act_keep = a(
        "&Keep line by hand",
        lambda: window.decide_lines(window._selected_rows(), "keep"),
        "K",
        action_icon("keep"),
        tip="Keep the selected lines in this document whatever the rules say",
        context=line,
    )
    window.act_drop = a(
        "&Remove line by hand",
        lambda: window.decide_lines(window._selected_rows(), "drop"),
        "D",
        action_icon("drop"),
        tip="Remove the selected lines from this document",
        context=line,
    )
    window.act_toggle = a("&Toggle keep/remove", window.toggle_selected_lines, "Space", context=line)
    window.act_clear_decision = a(
        "&Clear hand decision", window.clear_line_decisions, "Backspace", context=line, tip="Let the rules decide the selected lines again"
    )
    window.act_like_everywhere = a(
        "Remove lines &like this everywhere", window.remove_like_everywhere, "Ctrl+Shift+D", tip="Add this line to your exact-line removals, for every document"
    )
    window.act_containing = a(
        "Remove lines &containing…", window.remove_containing, "Ctrl+Shift+C", tip="Add a phrase (edit the line down to it) to your removal phrases"
    )
    window.act_keep_like = a(
        "&Always keep lines like this", window.keep_like_everywhere, "Ctrl+Shift+K", tip="Never remove lines containing this line's text, in any document"
    )
    window.act_phrase = a(
        "Add selected text as removal &phrase",
        window.add_selection_as_phrase,
        "Ctrl+Shift+P",
        tip="Remove every line containing the text selected in the clean result",
    )
    for action in (window.act_keep, window.act_drop, window.act_toggle, window.act_clear_decision):
        window.preview.lines.addAction(action)

    window.act_annotated = a("&Annotated original", lambda: window.preview.set_mode(PreviewPane.ANNOTATED), "Ctrl+1")
    window.act_clean = a("&Clean result", lambda: window.preview.set_mode(PreviewPane.CLEAN), "Ctrl+2")
    window.act_side = a("&Side by side", lambda: window.preview.set_mode(PreviewPane.SIDE_BY_SIDE), "Ctrl+3")
    window.act_next = a("&Next document", lambda: window._step_document(1), "Alt+Down", action_icon("next"))
    window.act_previous = a("&Previous document", lambda: window._step_document(-1), "Alt+Up", action_icon("previous"))
    window.act_about = a("&About Winnow", window._about)
    window.act_manual = a("Winnow &manual", window.show_manual, QKeySequence.StandardKey.HelpContents, action_icon("help"))
    window.act_shortcuts = a("&Keyboard shortcuts", window.show_shortcuts, "Ctrl+/")
    window.act_settings = a("Se&ttings…", window.show_settings, QKeySequence.StandardKey.Preferences, action_icon("settings"))

    for action in (
        window.act_keep,
        window.act_drop,
        window.act_toggle,
        window.act_clear_decision,
        window.act_like_everywhere,
        window.act_containing,
        window.act_keep_like,
        window.act_phrase,
        window.act_export,
        window.act_next,
        window.act_previous,
    ):
        action.setEnabled(False)


def history_tool(window: Any, verb: str, menu_action: QAction, slot: Callable, can_changed, text_changed) -> QAction:
    action = QAction(menu_action.icon(), verb, window)
    action.triggered.connect(lambda checked=False: slot())
    action.setEnabled(menu_action.isEnabled())
    can_changed.connect(action.setEnabled)
    keys = menu_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    def describe(step: str) -> None:
        action.setToolTip(f"{verb} “{step}” ({keys})" if step else f"{verb} ({keys})")

    text_changed.connect(describe)
    describe("")
    return action


def build_menus(window: Any) -> None:
    """The menu bar and the toolbar, from the actions."""
    bar = window.menuBar()
    file = bar.addMenu("&File")
    file.addActions([window.act_add_files, window.act_add_folder, window.act_sample])
    window.recent_imports_menu = file.addMenu("Recent &imports")
    file.addAction(window.act_clear)
    file.addSeparator()
    file.addActions([window.act_new_recipe, window.act_open_recipe])
    window.recent_recipes_menu = file.addMenu("Recent re&cipes")
    file.addActions([window.act_save_recipe, window.act_save_recipe_as])
    file.addSeparator()
    file.addAction(window.act_export)
    file.addSeparator()
    file.addAction(window.act_quit)
    window.recent_imports_menu.aboutToShow.connect(lambda: window._fill_recent(window.recent_imports_menu, RECENT_IMPORTS, window.import_paths_one))
    window.recent_recipes_menu.aboutToShow.connect(lambda: window._fill_recent(window.recent_recipes_menu, RECENT_RECIPES, window.open_recipe))

    edit = bar.addMenu("&Edit")
    edit.addActions([window.act_undo, window.act_redo])
    edit.addAction(window.act_restore)
    edit.addSeparator()
    edit.addAction(window.act_find)
    edit.addSeparator()
    edit.addAction(window.act_settings)

    line = bar.addMenu("&Line")
    line.addActions([window.act_keep, window.act_drop, window.act_toggle, window.act_clear_decision])
    line.addSeparator()
    line.addActions([window.act_like_everywhere, window.act_containing, window.act_keep_like, window.act_phrase])

    view = bar.addMenu("&View")
    view.addActions([window.act_annotated, window.act_clean, window.act_side])
    view.addSeparator()
    view.addActions([window.act_next, window.act_previous])
    view.addSeparator()
    for dock in (window.rules_dock, window.history_dock, window.problems_dock):
        view.addAction(dock.toggleViewAction())
    window.corpus_dialogs = CorpusDialogs(window, view)  # Duplicates… and Corpus overview…

    help_menu = bar.addMenu("&Help")
    help_menu.addActions([window.act_manual, window.act_shortcuts])
    help_menu.addSeparator()
    help_menu.addAction(window.act_about)

    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("toolbar-main")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([window.act_add_files, window.act_add_folder])
    toolbar.addSeparator()
    toolbar.addActions([window.act_undo_tool, window.act_redo_tool])
    toolbar.addSeparator()
    toolbar.addActions([window.act_open_recipe, window.act_save_recipe])
    toolbar.addSeparator()
    toolbar.addAction(window.act_export)
