"""The main window: documents on the left, the annotated preview in the middle, the rules on the right.

Threading: reading, the first clean of every document, corpus recounts and exports run as tasks in
the window's QThreadPool and send results back through queued signals; only the selected document is
cleaned on the GUI thread (a few milliseconds), so an edit shows at once. Every recipe edit is an
undoable command holding the old and the new (immutable) recipe.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QSettings, QStandardPaths, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolButton,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from winnow.app import sample_corpus_path
from winnow.app.corpus import Corpus, DocStats
from winnow.app.export_dialog import ExportDialog
from winnow.app.models import DocumentFilterProxy, DocumentTableModel, Flags, ProblemsModel
from winnow.app.preview import PreviewPane
from winnow.app.rules_panel import CUSTOM_FIELDS, RulesPanel
from winnow.app.session import Session, SessionStore
from winnow.app.tasks import GUI_PRIORITY, ExportTask, Latest, ImportBatch, ImportResult, ImportTask, PreviewTask, RecountTask, Task
from winnow.app.theme import icon
from winnow.app.undo import RecipeCommand
from winnow.app.widgets import ElideRightDelegate, EmptyState, ProgressStrip, app_icon
from winnow.core.model import Cleaned, Document
from winnow.export import ExportCancelled, ExportOptions, ExportSummary
from winnow.pipeline import Cleaner
from winnow.recipe import Override, Recipe, RecipeError, default_recipe, dumps, load, loads, save
from winnow.rules import BUILTIN_RULES

SP = QStyle.StandardPixmap
RECENT_LIMIT = 8
BACKGROUND_PREVIEW_LINES = 3000  # longer documents are cleaned off the GUI thread (a clean is ~10-20 µs a line)
PREVIEW_PENDING_MESSAGE = "This document is being cleaned again; decide its lines once it is shown."
CUSTOM_LABELS = {f[0]: f[1] for f in CUSTOM_FIELDS}
RULE_NAMES = {cls.id: cls.name for cls in BUILTIN_RULES}


def session_path(settings: QSettings, default_settings: bool) -> Path:
    """Beside an explicit settings file (tests get their own), else in the user's application data folder."""
    if default_settings:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        return Path(folder or Path.home() / ".winnow") / "session.sqlite3"
    settings_file = Path(settings.fileName())
    return settings_file.with_name(settings_file.stem + "-session.sqlite3")


def local_paths(mime) -> list[str]:
    """The local files and folders in dragged data; web links and other URLs are not imports."""
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class MainWindow(QMainWindow):
    importFinished = Signal()  # an import and the first clean of its documents are done
    exportFinished = Signal(object)  # ExportSummary, or the exception that ended the export
    previewUpdated = Signal()  # the selected document was (re-)cleaned and shown
    countsUpdated = Signal()  # every document's figures belong to the current recipe

    def __init__(self, settings: QSettings | None = None, restore_session: bool = True, restore_documents: bool = True) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.session_enabled = restore_session
        self.session = SessionStore(session_path(self.settings, settings is None))
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.001))  # see GuiPriority: the GUI waits less for the GIL
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(4)  # an import, a recount, an export and a page extraction may run side by side
        self._tasks: set[Task] = set()  # referenced until their results are handled
        self._running: set[Task] = set()  # started and not yet reported finished

        self.corpus = Corpus()
        self.roots: list[str] = []  # imported paths, in the order they were added (the export order)
        self._import_queue: list[list[str]] = []
        self._import_task: ImportTask | None = None
        self._import_start = 0
        self._import_problems_start = 0  # where the running import's problems start in the Problems panel
        self._recount_task: RecountTask | None = None
        self._export_task: ExportTask | None = None
        self._preview_task: PreviewTask | None = None
        self._export_interactive = False
        self.export_progress: QProgressDialog | None = None
        self.export_summary_box: QMessageBox | None = None
        self.export_dialog: ExportDialog | None = None

        self.recipe: Recipe = default_recipe()
        self.generation = 0
        self._recipe_now = Latest((0, self.recipe))  # (generation, recipe), read by import workers
        self._cleaner: tuple[int, Cleaner] | None = None
        self.recipe_path: Path | None = None
        self.saved_text = dumps(self.recipe)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._undo_index_changed)

        self.current_doc: Document | None = None
        self.current_row: int | None = None
        self.current_cleaned: Cleaned | None = None

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(2000)
        self._save_timer.timeout.connect(self.save_session)

        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._build_ui()
        self._build_actions()
        self._build_menus()
        self._route_drops()
        self.resize(1280, 800)
        self.resizeDocks([self.rules_dock], [370], Qt.Orientation.Horizontal)
        self._restore_ui_state()
        self.rules_panel.set_recipe(self.recipe)
        if restore_session:
            self._restore_session(restore_documents)
        self._update_title()
        self._update_counts()
        self._update_empty_state()

    # ------------------------------------------------------------------ building
    def _build_ui(self) -> None:
        self.doc_model = DocumentTableModel(self.corpus, self)
        self.proxy = DocumentFilterProxy(self)
        self.proxy.setSourceModel(self.doc_model)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter documents (name, or a flag such as “nothing left”)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSortIndicatorClearable(True)  # a third click on a header returns to import order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DocumentTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        fm = self.table.fontMetrics()
        for column, sample in ((1, "JSONL"), (2, "0,000"), (3, "0,000"), (4, "000,000"), (5, Flags.EMPTY)):
            width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(DocumentTableModel.HEADERS[column])) + 12
            self.table.setColumnWidth(column, width)
        self.table.setItemDelegateForColumn(DocumentTableModel.FLAGS, ElideRightDelegate(self.table))  # "nothing left, pro…"
        self.table.setAccessibleName("Imported documents")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the preview, as keyboard users expect
        self.table.selectionModel().currentRowChanged.connect(self._document_selected)
        self.corpus_summary = QLabel()
        self.corpus_summary.setWordWrap(True)
        documents = QWidget()
        column = QVBoxLayout(documents)
        column.setContentsMargins(6, 6, 0, 6)
        column.addWidget(self.filter)
        column.addWidget(self.table, 1)
        column.addWidget(self.corpus_summary)

        self.preview = PreviewPane()
        self.preview.model.on_toggle = lambda row, keep: self.decide_lines([row], "keep" if keep else "drop")
        self.preview.lines.contextMenuRequested.connect(self._fill_line_menu)
        self.preview.clean_text.contextMenuRequested.connect(self._fill_text_menu)
        self.preview.clean_text.selectionChanged.connect(self._clean_selection_changed)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(documents)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 560])
        self.splitter.setChildrenCollapsible(False)

        self.empty_state = EmptyState(sample_corpus_path() is not None)
        self.empty_state.openSample.connect(self.open_sample_corpus)
        self.empty_state.addFiles.connect(self.add_files)
        self.empty_state.addFolder.connect(self.add_folder)
        self.central = QStackedWidget()
        self.central.addWidget(self.empty_state)
        self.central.addWidget(self.splitter)
        self.setCentralWidget(self.central)

        self.rules_panel = RulesPanel()
        self.rules_panel.enabledChanged.connect(self._rule_enabled)
        self.rules_panel.familyEnabledChanged.connect(self._family_enabled)
        self.rules_panel.valueChanged.connect(self._rule_value)
        self.rules_panel.customChanged.connect(self._custom_changed)
        self.rules_panel.clearHandDecisions.connect(self.clear_document_decisions)
        self.rules_dock = self._dock("Rules", "rules", self.rules_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.rules_dock.setMinimumWidth(350)

        self.undo_view = QUndoView(self.undo_stack)
        self.undo_view.setEmptyLabel("Recipe as opened")
        self.undo_view.setAccessibleName("Edit history")
        self.history_dock = self._dock("History", "history", self.undo_view, Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.rules_dock, self.history_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.rules_dock, self.history_dock], [620, 140], Qt.Orientation.Vertical)

        self.problems_model = ProblemsModel(self)
        self.problems_view = QTableView()
        self.problems_view.setModel(self.problems_model)
        self.problems_view.verticalHeader().hide()
        self.problems_view.horizontalHeader().setStretchLastSection(True)
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.problems_view.setColumnWidth(0, 260)
        self.problems_view.setColumnWidth(1, 60)
        self.problems_view.setColumnWidth(2, 70)
        self.problems_view.setAccessibleName("Problems")
        self.problems_view.setTabKeyNavigation(False)
        self.problems_dock = self._dock("Problems", "problems", self.problems_view, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.problems_dock.hide()

        self.progress = ProgressStrip()
        self.progress.cancelled.connect(self.cancel_import)
        self.recount_label = QLabel()
        self.problems_button = QToolButton()
        self.problems_button.setAutoRaise(True)
        self.problems_button.clicked.connect(self._show_problems)
        self.problems_button.hide()
        status = self.statusBar()
        status.addPermanentWidget(self.recount_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.problems_button)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot: Callable, shortcut: Any = None, icon_: Any = None, tip: str | None = None,
                context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QAction:
        action = QAction(text, self)
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

    def _build_actions(self) -> None:
        a = self._action
        self.act_add_files = a("Add &files…", self.add_files, QKeySequence.StandardKey.Open,
                               icon("document-open", SP.SP_FileDialogStart, self), "Import text, HTML, JSON, JSONL or CSV files")
        self.act_add_folder = a("Add f&older…", self.add_folder, "Ctrl+Shift+O", icon("folder-open", SP.SP_DirOpenIcon, self),
                                "Import every supported file in a folder and its subfolders")
        self.act_sample = a("Open the &sample corpus", self.open_sample_corpus, tip="Import the five sample news pages")
        self.act_sample.setEnabled(sample_corpus_path() is not None)
        self.act_clear = a("&Remove all documents", self.clear_documents, tip="Forget the imported documents (files are not touched)")
        self.act_open_recipe = a("Open &recipe…", self.open_recipe, "Ctrl+R", icon("document-properties", SP.SP_DialogOpenButton, self),
                                 "Open a recipe (.toml) — the same file `winnow clean --recipe` reads")
        self.act_save_recipe = a("&Save recipe", self.save_recipe, QKeySequence.StandardKey.Save,
                                 icon("document-save", SP.SP_DriveFDIcon, self), "Save the recipe")
        self.act_save_recipe_as = a("Save recipe &as…", self.save_recipe_as, QKeySequence.StandardKey.SaveAs,
                                    icon("document-save-as", SP.SP_DialogSaveButton, self))
        self.act_new_recipe = a("&New recipe (defaults)", self.new_recipe, QKeySequence.StandardKey.New,
                                icon("document-new", SP.SP_FileIcon, self), "Start again from the default recipe")
        self.act_export = a("&Export…", self.show_export_dialog, "Ctrl+E", icon("document-export", SP.SP_DialogSaveButton, self),
                            "Export the clean corpus as JSONL, CSV or TXT")
        self.act_quit = a("&Quit", self.close, QKeySequence.StandardKey.Quit, icon("application-exit", SP.SP_DialogCloseButton, self))

        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_undo.setIcon(icon("edit-undo", SP.SP_ArrowBack, self))
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        self.act_redo.setIcon(icon("edit-redo", SP.SP_ArrowForward, self))
        for action, name in ((self.act_undo, "Undo the last rule edit or hand decision"), (self.act_redo, "Redo")):
            action.setToolTip(f"{name} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        # The toolbar's own pair keeps the short texts "Undo"/"Redo" (the menu's name the step, which would
        # make the toolbar jump about) and names the step in the tooltip; the shortcuts stay on the menu's.
        self.act_undo_tool = self._history_tool("Undo", self.act_undo, self.undo_stack.undo, self.undo_stack.canUndoChanged,
                                                self.undo_stack.undoTextChanged)
        self.act_redo_tool = self._history_tool("Redo", self.act_redo, self.undo_stack.redo, self.undo_stack.canRedoChanged,
                                                self.undo_stack.redoTextChanged)
        self.act_find = a("&Find document", self._focus_filter, QKeySequence.StandardKey.Find, tip="Filter the document list")

        line = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.act_keep = a("&Keep line by hand", lambda: self.decide_lines(self._selected_rows(), "keep"), "K",
                          tip="Keep the selected line(s) in this document whatever the rules say", context=line)
        self.act_drop = a("&Remove line by hand", lambda: self.decide_lines(self._selected_rows(), "drop"), "D",
                          tip="Remove the selected line(s) from this document", context=line)
        self.act_toggle = a("&Toggle keep/remove", self.toggle_selected_lines, "Space", context=line)
        self.act_clear_decision = a("&Clear hand decision", self.clear_line_decisions, "Backspace", context=line,
                                    tip="Let the rules decide the selected line(s) again")
        self.act_like_everywhere = a("Remove lines &like this everywhere", self.remove_like_everywhere, "Ctrl+Shift+D",
                                     tip="Add this line to your exact-line removals, for every document")
        self.act_containing = a("Remove lines &containing…", self.remove_containing, "Ctrl+Shift+C",
                                tip="Add a phrase (edit the line down to it) to your removal phrases")
        self.act_keep_like = a("&Always keep lines like this", self.keep_like_everywhere, "Ctrl+Shift+K",
                               tip="Never remove lines containing this line's text, in any document")
        self.act_phrase = a("Add selected text as removal &phrase", self.add_selection_as_phrase, "Ctrl+Shift+P",
                            tip="Remove every line containing the text selected in the clean result")
        for action in (self.act_keep, self.act_drop, self.act_toggle, self.act_clear_decision):
            self.preview.lines.addAction(action)

        self.act_annotated = a("&Annotated original", lambda: self.preview.set_mode(PreviewPane.ANNOTATED), "Ctrl+1")
        self.act_clean = a("&Clean result", lambda: self.preview.set_mode(PreviewPane.CLEAN), "Ctrl+2")
        self.act_next = a("&Next document", lambda: self._step_document(1), "Alt+Down", icon("go-down", SP.SP_ArrowDown, self))
        self.act_previous = a("&Previous document", lambda: self._step_document(-1), "Alt+Up", icon("go-up", SP.SP_ArrowUp, self))
        self.act_about = a("&About Winnow", self._about)

        for action in (self.act_keep, self.act_drop, self.act_toggle, self.act_clear_decision, self.act_like_everywhere,
                       self.act_containing, self.act_keep_like, self.act_phrase, self.act_export, self.act_next, self.act_previous):
            action.setEnabled(False)

    def _history_tool(self, verb: str, menu_action: QAction, slot: Callable, can_changed, text_changed) -> QAction:
        action = QAction(menu_action.icon(), verb, self)
        action.triggered.connect(lambda checked=False: slot())
        action.setEnabled(menu_action.isEnabled())
        can_changed.connect(action.setEnabled)
        keys = menu_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

        def describe(step: str) -> None:
            action.setToolTip(f"{verb} “{step}” ({keys})" if step else f"{verb} ({keys})")

        text_changed.connect(describe)
        describe("")
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        file.addActions([self.act_add_files, self.act_add_folder, self.act_sample])
        self.recent_imports_menu = file.addMenu("Recent &imports")
        file.addAction(self.act_clear)
        file.addSeparator()
        file.addActions([self.act_new_recipe, self.act_open_recipe])
        self.recent_recipes_menu = file.addMenu("Recent re&cipes")
        file.addActions([self.act_save_recipe, self.act_save_recipe_as])
        file.addSeparator()
        file.addAction(self.act_export)
        file.addSeparator()
        file.addAction(self.act_quit)
        self.recent_imports_menu.aboutToShow.connect(lambda: self._fill_recent(self.recent_imports_menu, "recent/imports", self.import_paths_one))
        self.recent_recipes_menu.aboutToShow.connect(lambda: self._fill_recent(self.recent_recipes_menu, "recent/recipes", self.open_recipe))

        edit = bar.addMenu("&Edit")
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addAction(self.act_find)

        line = bar.addMenu("&Line")
        line.addActions([self.act_keep, self.act_drop, self.act_toggle, self.act_clear_decision])
        line.addSeparator()
        line.addActions([self.act_like_everywhere, self.act_containing, self.act_keep_like, self.act_phrase])

        view = bar.addMenu("&View")
        view.addActions([self.act_annotated, self.act_clean])
        view.addSeparator()
        view.addActions([self.act_next, self.act_previous])
        view.addSeparator()
        for dock in (self.rules_dock, self.history_dock, self.problems_dock):
            view.addAction(dock.toggleViewAction())

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act_about)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("toolbar-main")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.act_add_files, self.act_add_folder])
        toolbar.addSeparator()
        toolbar.addActions([self.act_undo_tool, self.act_redo_tool])
        toolbar.addSeparator()
        toolbar.addActions([self.act_open_recipe, self.act_save_recipe])
        toolbar.addSeparator()
        toolbar.addAction(self.act_export)

    def _route_drops(self) -> None:
        """Files dropped anywhere import, even on a text box that would otherwise take the file's name."""
        for widget in self.findChildren(QWidget):
            if widget.acceptDrops() and widget is not self:
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.splitter and kind == QEvent.Type.Show and self._splitter_state:
            self.splitter.restoreState(self._splitter_state)
            self._splitter_state = b""
            self.splitter.removeEventFilter(self)
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop) and local_paths(event.mimeData()):
            if kind == QEvent.Type.Drop:
                self.dropEvent(event)
            else:
                event.acceptProposedAction()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_paths(paths)

    # ------------------------------------------------------------------ importing
    def add_files(self) -> None:
        start = self.settings.value("paths/last_import", str(Path.home()), type=str)
        files, _ = QFileDialog.getOpenFileNames(
            self, "Add scraped files", start,
            "Scraped files (*.txt *.text *.md *.html *.htm *.xhtml *.json *.jsonl *.ndjson *.csv *.tsv *.gz);;All files (*)",
        )
        if files:
            self.settings.setValue("paths/last_import", str(Path(files[0]).parent))
            self.import_paths(files)

    def add_folder(self) -> None:
        start = self.settings.value("paths/last_import", str(Path.home()), type=str)
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of scraped files", start)
        if folder:
            self.settings.setValue("paths/last_import", str(Path(folder).parent))
            self.import_paths([folder])

    def open_sample_corpus(self) -> None:
        sample = sample_corpus_path()
        if sample is not None:
            self.import_paths([str(sample)])

    def import_paths_one(self, path: str) -> None:
        self.import_paths([path])

    def import_paths(self, paths: list[str]) -> None:
        """Import files and folders in the background; `importFinished` follows (also if nothing was new)."""
        queued = {p for batch in self._import_queue for p in batch}
        fresh: list[str] = []
        for path in paths:
            absolute = os.path.abspath(os.path.expanduser(str(path)))
            if absolute not in self.roots and absolute not in queued and absolute not in fresh:
                fresh.append(absolute)
        if not fresh:
            self.statusBar().showMessage("Already imported.", 4000)
            QTimer.singleShot(0, self.importFinished.emit)
            return
        self._remember_recent("recent/imports", fresh)
        self._import_queue.append(fresh)
        self._start_next_import()

    def _start_next_import(self) -> None:
        if self._import_task is not None or not self._import_queue:
            return
        paths = self._import_queue.pop(0)
        self.roots.extend(paths)
        self._import_start = len(self.corpus)
        self._import_problems_start = len(self.problems_model.problems)
        task = ImportTask(paths, self._recipe_now.get)
        task.signals.batch.connect(self._import_batch)
        task.signals.progress.connect(self._import_progress)
        task.signals.finished.connect(self._import_finished)
        self._import_task = task
        self._start(task)
        self.progress.show_progress("Importing…", 0, 0)
        self.act_export.setEnabled(False)

    def _start(self, task: Task) -> None:
        self._tasks.add(task)
        self._running.add(task)
        GUI_PRIORITY.begin()
        task.signals.finished.connect(self._task_done)
        self.pool.start(task)

    def _task_done(self, task: Task, _result: Any) -> None:
        if task in self._running:
            self._running.discard(task)
            GUI_PRIORITY.end()

    def _import_batch(self, batch: ImportBatch) -> None:
        first = len(self.corpus) == 0
        self.doc_model.append(batch.documents)
        self._add_problems(batch.problems)
        if first and len(self.corpus):
            self._update_empty_state()
            self.table.selectRow(0)
            self.table.setFocus()
        self._update_counts()

    def _import_progress(self, done: int, total: int, current: str) -> None:
        name = current.rsplit("/", 1)[-1]
        text = f"Importing {done:,} of {total:,} files" + (f" — {name}" if name else "")
        self.progress.show_progress(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, 420), done, total)

    def _import_finished(self, task: ImportTask, result: Any) -> None:
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
            self.roots = [r for r in self.roots if r not in result.paths]
            self.statusBar().showMessage("Import cancelled; none of its documents or problems were added.", 6000)
        elif isinstance(result, Exception):
            self.statusBar().showMessage(f"The import failed: {result}", 8000)
        elif isinstance(result, ImportResult):
            message = f"Imported {result.documents:,} document(s)"
            if result.problems:
                message += f"; {result.problems:,} problem(s) — see the Problems panel"
            self.statusBar().showMessage(message + ".", 6000)
        self.progress.hide()
        self._update_empty_state()
        self._update_counts()
        if self._import_queue:
            self._start_next_import()
        else:
            # The documents live as long as the window: exempt them from garbage-collector scans, so a full
            # collection (tens of ms with a large corpus) never stalls an edit. They hold no reference cycles.
            gc.freeze()
            self.act_export.setEnabled(len(self.corpus) > 0)
            self._schedule_recount()
        self.save_session()
        self.importFinished.emit()

    def cancel_import(self) -> None:
        """Stop the running import (its documents are taken back) and drop the queued ones."""
        for paths in self._import_queue:
            self.roots = [r for r in self.roots if r not in paths]
        self._import_queue.clear()
        if self._import_task is not None:
            self._import_task.cancel()
            self.progress.label.setText("Cancelling…")

    def clear_documents(self) -> None:
        self.cancel_import()
        if self._recount_task is not None:
            self._recount_task.cancel()
        self.roots.clear()
        self._import_start = self._import_problems_start = 0  # a cancelled import's late batches are taken back from here
        self.doc_model.truncate(0)
        self.problems_model.clear()
        self._update_problems_button()
        self._show_document(None)
        self._update_empty_state()
        self._update_counts()
        self.save_session()

    def document_count(self) -> int:
        return len(self.corpus)

    def _add_problems(self, problems: list) -> None:
        if not problems:
            return
        self.problems_model.add(problems)
        self._update_problems_button()
        if not self.problems_dock.isVisible():
            self.problems_dock.show()

    def _update_problems_button(self) -> None:
        n = len(self.problems_model.problems)
        self.problems_button.setVisible(n > 0)
        self.problems_button.setText(f"⚠ {n:,} problem(s)")
        self.problems_button.setToolTip("Show the files that could not be imported and other warnings")

    def _show_problems(self) -> None:
        self.problems_dock.show()
        self.problems_dock.raise_()

    def _update_empty_state(self) -> None:
        busy = self._import_task is not None
        self.central.setCurrentWidget(self.splitter if len(self.corpus) or busy else self.empty_state)
        has_docs = len(self.corpus) > 0
        self.act_next.setEnabled(has_docs)
        self.act_previous.setEnabled(has_docs)
        self.act_export.setEnabled(has_docs and not busy)

    # ------------------------------------------------------------------ the selected document
    def _document_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self._show_document(None)
            return
        self._show_document(self.proxy.mapToSource(current).row())

    def _show_document(self, row: int | None) -> None:
        if row is None or row >= len(self.corpus):
            self.current_doc = self.current_row = self.current_cleaned = None
            self.preview.show_cleaned(None)
        else:
            self.current_row = row
            self.current_doc = self.corpus.documents[row]
        for action in (self.act_keep, self.act_drop, self.act_toggle, self.act_clear_decision, self.act_like_everywhere,
                       self.act_containing, self.act_keep_like):
            action.setEnabled(self.current_doc is not None)
        self.refresh_preview()

    def select_document(self, row: int) -> None:
        """Select the document at `row` of the table as shown (sorted and filtered)."""
        index = self.proxy.index(row, 0)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )

    def _step_document(self, step: int) -> None:
        current = self.table.currentIndex()
        row = (current.row() if current.isValid() else -1) + step
        if 0 <= row < self.proxy.rowCount():
            self.select_document(row)

    def cleaner(self) -> Cleaner:
        if self._cleaner is None or self._cleaner[0] != self.generation:
            self._cleaner = (self.generation, Cleaner(self.recipe))
        return self._cleaner[1]

    def refresh_preview(self) -> None:
        """Re-clean the selected document with the current recipe and show it.

        On this thread, as it takes milliseconds; except an HTML page with selector rules, which must be
        extracted again (up to a few hundred milliseconds), and a very long document: those are cleaned in
        the pool, the old view staying until they are done.
        """
        if self._preview_task is not None:
            self._preview_task.cancel()
            self._preview_task = None
        doc = self.current_doc
        reextract = doc is not None and doc.is_html and bool(self.cleaner().selectors)
        if doc is not None and (reextract or len(doc.lines) > BACKGROUND_PREVIEW_LINES):
            task = PreviewTask(doc, self.recipe, self.generation)
            task.signals.finished.connect(self._preview_finished)
            self._preview_task = task
            self.preview.detail.setText("Extracting the page again with your selectors…" if reextract else "Cleaning this long document…")
            self._start(task)
            return
        self._show_preview(doc, None if doc is None else self.cleaner().clean(doc))

    def _preview_finished(self, task: PreviewTask, result: Any) -> None:
        self._tasks.discard(task)
        if task is not self._preview_task:
            return
        self._preview_task = None
        if task.generation != self.generation or task.document is not self.current_doc:
            return
        if isinstance(result, Exception):
            self.statusBar().showMessage(f"Cleaning {task.document.source} failed: {result}", 8000)
            return
        self._show_preview(task.document, result)

    def _show_preview(self, doc: Document | None, cleaned: Cleaned | None) -> None:
        self.current_cleaned = cleaned
        if doc is None or cleaned is None:
            self.preview.show_cleaned(None)
        else:
            overrides = {o.line - 1: o.action for o in self.recipe.overrides_for(doc.id).values()}
            self.preview.show_cleaned(cleaned, overrides)
            if self.current_row is not None and self.corpus.documents[self.current_row] is doc:
                self.doc_model.update_stats([(self.current_row, DocStats.of(cleaned, self.generation))])
            if cleaned.problems:  # e.g. a regular expression stopped for taking too long, a stale hand decision
                self.statusBar().showMessage(" · ".join(p.message for p in cleaned.problems), 10000)
        self._update_counts()
        self.previewUpdated.emit()

    def preview_pending(self) -> bool:
        """True while the selected page is being extracted again (its hand decisions wait for it)."""
        return self._preview_task is not None

    # ------------------------------------------------------------------ recipe edits (all undoable)
    def change_recipe(self, new: Recipe, text: str, merge_key: str | None = None) -> None:
        if new == self.recipe:
            return
        self.undo_stack.push(RecipeCommand(self._set_recipe, self.recipe, new, text, merge_key))

    def _set_recipe(self, recipe: Recipe) -> None:
        if self._recount_task is not None:  # stop it now: it would compete with the preview for the GIL
            self._recount_task.cancel()
        self.recipe = recipe
        self.generation += 1
        self._recipe_now.set((self.generation, recipe))
        self.rules_panel.set_recipe(recipe)
        self.doc_model.set_edited(frozenset(o.doc for o in recipe.overrides))
        self.refresh_preview()
        self._schedule_recount()
        self._update_title()
        if self.session_enabled:
            self._save_timer.start()

    def _rule_enabled(self, rule_id: str, enabled: bool) -> None:
        verb = "Switch on" if enabled else "Switch off"
        self.change_recipe(self.recipe.with_enabled(rule_id, enabled), f"{verb} “{RULE_NAMES.get(rule_id, rule_id)}”")

    def _family_enabled(self, rule_ids: list[str], enabled: bool) -> None:
        new = self.recipe
        for rule_id in rule_ids:
            new = new.with_enabled(rule_id, enabled)
        family = next(cls.family for cls in BUILTIN_RULES if cls.id == rule_ids[0])
        verb = "Switch on" if enabled else "Switch off"
        self.change_recipe(new, f"{verb} all “{family.label}” rules")

    def _rule_value(self, rule_id: str, name: str, value: Any) -> None:
        try:
            new = self.recipe.with_value(rule_id, name, value)
        except (ValueError, KeyError) as exc:
            self.statusBar().showMessage(str(exc), 6000)
            self.rules_panel.set_recipe(self.recipe)
            return
        shown = ", ".join(value) if isinstance(value, tuple) else value
        self.change_recipe(new, f"{RULE_NAMES.get(rule_id, rule_id)}: {name} = {shown}", merge_key=f"value:{rule_id}:{name}")

    def _custom_changed(self, field_name: str, entries: tuple[str, ...]) -> None:
        self.change_recipe(self.recipe.with_custom(field_name, entries), f"Edit “{CUSTOM_LABELS[field_name]}”",
                           merge_key=f"custom:{field_name}")

    def _selected_rows(self) -> list[int]:
        return self.preview.lines.selected_rows() if self.current_cleaned is not None else []

    def decide_lines(self, rows: list[int], action: str) -> None:
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
        rows = [r for r in rows if 0 <= r < len(cleaned.lines) and cleaned.lines[r].strip()]
        if not rows:
            return
        new = self.recipe
        for row in rows:
            new = new.without_override(doc.id, row + 1)
        by_rules = Cleaner(new).clean(doc)
        original = cleaned.original if cleaned.original is not None else cleaned.lines
        for row in rows:
            if (by_rules.removals[row] is None) != (action == "keep"):
                new = new.with_override(Override(doc.id, row + 1, original[row], action, doc.source))
        verb = "Keep" if action == "keep" else "Remove"
        what = f"line {rows[0] + 1}" if len(rows) == 1 else f"{len(rows)} lines"
        self.change_recipe(new, f"{verb} {what} of {doc.name} by hand")

    def toggle_selected_lines(self) -> None:
        cleaned = self.current_cleaned
        rows = self._selected_rows()
        if cleaned is None or not rows:
            return
        all_kept = all(cleaned.removals[r] is None for r in rows)
        self.decide_lines(rows, "drop" if all_kept else "keep")

    def clear_line_decisions(self) -> None:
        doc = self.current_doc
        if doc is None:
            return
        new = self.recipe
        for row in self._selected_rows():
            new = new.without_override(doc.id, row + 1)
        self.change_recipe(new, f"Clear hand decisions in {doc.name}")

    def clear_document_decisions(self) -> None:
        doc = self.current_doc
        if doc is None:
            return
        new = self.recipe
        for line in self.recipe.overrides_for(doc.id):
            new = new.without_override(doc.id, line)
        self.change_recipe(new, f"Clear all hand decisions in {doc.name}")

    def _current_line_text(self) -> str | None:
        cleaned, row = self.current_cleaned, self.preview.current_row()
        if cleaned is None or row is None or not cleaned.lines[row].strip():
            return None
        original = cleaned.original if cleaned.original is not None else cleaned.lines
        return " ".join(original[row].split())

    def add_custom_entry(self, field_name: str, entry: str, text: str) -> None:
        entry = " ".join(entry.split())
        if not entry:
            return
        current = getattr(self.recipe.custom, field_name)
        if entry in current:
            self.statusBar().showMessage(f"“{entry}” is already in “{CUSTOM_LABELS[field_name]}”.", 4000)
            return
        self.change_recipe(self.recipe.with_custom(field_name, current + (entry,)), text)

    def remove_like_everywhere(self) -> None:
        line = self._current_line_text()
        if line:
            self.add_custom_entry("drop_equal", line, f"Remove lines equal to “{short(line)}” everywhere")

    def keep_like_everywhere(self) -> None:
        line = self._current_line_text()
        if line:
            self.add_custom_entry("keep_containing", line, f"Always keep lines containing “{short(line)}”")

    def remove_containing(self) -> None:
        line = self._current_line_text()
        if line is None:
            return
        phrase, ok = QInputDialog.getText(self, "Remove lines containing",
                                          "Shorten the line to the phrase that marks junk; every line containing it "
                                          "is removed, in every document (case-insensitive):", QLineEdit.EchoMode.Normal, line)
        if ok and phrase.strip():
            self.add_custom_entry("drop_containing", phrase, f"Remove lines containing “{short(phrase)}”")

    def selected_text(self) -> str:
        selection = self.preview.clean_text.textCursor().selectedText()
        parts = [p.strip() for p in selection.replace("\u2029", "\n").split("\n") if p.strip()]
        return parts[0] if parts else ""

    def add_selection_as_phrase(self) -> None:
        phrase = self.selected_text()
        if phrase:
            self.add_custom_entry("drop_containing", phrase, f"Remove lines containing “{short(phrase)}”")

    def _fill_line_menu(self, menu: QMenu) -> None:
        if self.current_cleaned is None:
            return
        menu.addActions([self.act_keep, self.act_drop, self.act_clear_decision])
        menu.addSeparator()
        menu.addActions([self.act_like_everywhere, self.act_containing, self.act_keep_like])

    def _clean_selection_changed(self) -> None:
        self.act_phrase.setEnabled(bool(self.selected_text()))

    def _fill_text_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.act_phrase)

    # ------------------------------------------------------------------ counts
    def _schedule_recount(self) -> None:
        """Re-clean, in the background, every document whose figures are from an older recipe."""
        if self._recount_task is not None:
            self._recount_task.cancel()
            self._recount_task = None
        stale = self.corpus.stale(self.generation)
        if not stale:
            self.recount_label.setText("")
            self._update_counts()
            if self._import_task is None:
                self.countsUpdated.emit()
            return
        task = RecountTask([(i, self.corpus.documents[i]) for i in stale], self.recipe, self.generation)
        task.signals.batch.connect(self._recount_batch)
        task.signals.progress.connect(self._recount_progress)
        task.signals.finished.connect(self._recount_finished)
        self._recount_task = task
        self._start(task)
        self._update_counts()

    def _recount_batch(self, items: list[tuple[int, DocStats]]) -> None:
        fresh = [(i, s) for i, s in items if s.generation == self.generation and i < len(self.corpus)]
        self.doc_model.update_stats(fresh)
        self._update_counts()

    def _recount_progress(self, done: int, total: int, _current: str) -> None:
        if self._recount_task is not None and total > 50:
            self.recount_label.setText(f"Recounting {done * 100 // max(total, 1)}%")

    def _recount_finished(self, task: RecountTask, result: Any) -> None:
        self._tasks.discard(task)
        if task is not self._recount_task:
            return  # an older recount, cancelled by a newer change
        self._recount_task = None
        if isinstance(result, Exception):
            self.statusBar().showMessage(f"Counting failed: {result}", 8000)
        self._schedule_recount()  # documents imported meanwhile with an older recipe

    def _update_counts(self) -> None:
        corpus = self.corpus
        cleaned = self.current_cleaned
        here_removed = Counter(cleaned.removed_counts) if cleaned is not None else None
        here_kept = Counter(cleaned.kept_by.values()) if cleaned is not None else None
        recounting = self._recount_task is not None
        hand_here = len(self.recipe.overrides_for(self.current_doc.id)) if self.current_doc is not None else None
        self.rules_panel.set_counts(corpus.removed_by_rule, corpus.kept_by_rule, here_removed, here_kept, recounting,
                                    hand_here, len(self.recipe.overrides))
        n = len(corpus)
        if n:
            text = (f"{n:,} document(s) · {corpus.lines_kept:,} lines kept · {corpus.lines_removed:,} removed"
                    + (f" · {corpus.empty_documents:,} with nothing left" if corpus.empty_documents else ""))
        else:
            text = "No documents yet."
        self.corpus_summary.setText(text + (" (recounting…)" if recounting else ""))
        if not recounting:
            self.recount_label.setText("")

    # ------------------------------------------------------------------ recipe files
    @property
    def modified(self) -> bool:
        return dumps(self.recipe) != self.saved_text

    def _undo_index_changed(self, _index: int) -> None:
        self._update_title()

    def _update_title(self) -> None:
        name = self.recipe_path.name if self.recipe_path else "Untitled recipe"
        self.setWindowTitle(f"{name}[*] — Winnow")
        self.setWindowModified(self.modified)

    def _replace_recipe(self, recipe: Recipe, path: Path | None) -> None:
        """A recipe opened or started afresh: a new document for undo purposes."""
        self.recipe_path = path
        self.saved_text = dumps(recipe)
        self.undo_stack.clear()
        self._set_recipe(recipe)

    def open_recipe(self, path: str | None = None) -> bool:
        self.rules_panel.flush()
        if not self.maybe_save():
            return False
        if not path:
            start = str(self.recipe_path.parent) if self.recipe_path else self.settings.value("paths/last_recipe", str(Path.home()), type=str)
            path, _ = QFileDialog.getOpenFileName(self, "Open a recipe", start, "Winnow recipes (*.toml);;All files (*)")
            if not path:
                return False
        try:
            recipe = load(path)
        except RecipeError as exc:
            QMessageBox.warning(self, "Cannot open the recipe", str(exc))
            return False
        self._replace_recipe(recipe, Path(path).resolve())
        self.settings.setValue("paths/last_recipe", str(Path(path).parent))
        self._remember_recent("recent/recipes", [str(Path(path).resolve())])
        self.statusBar().showMessage(f"Opened {path}.", 4000)
        return True

    def save_recipe(self) -> bool:
        if self.recipe_path is None:
            return self.save_recipe_as()
        return self._write_recipe(self.recipe_path)

    def save_recipe_as(self) -> bool:
        self.rules_panel.flush()
        start = str(self.recipe_path) if self.recipe_path else str(
            Path(self.settings.value("paths/last_recipe", str(Path.home()), type=str)) / "recipe.toml")
        path, _ = QFileDialog.getSaveFileName(self, "Save the recipe", start, "Winnow recipes (*.toml)")
        if not path:
            return False
        if not Path(path).suffix:
            path += ".toml"
        return self._write_recipe(Path(path))

    def _write_recipe(self, path: Path) -> bool:
        self.rules_panel.flush()
        try:
            save(self.recipe, path)
        except OSError as exc:
            QMessageBox.warning(self, "Cannot save the recipe", f"{path}: {exc.strerror or exc}")
            return False
        self.recipe_path = path.resolve()
        self.saved_text = dumps(self.recipe)
        self.settings.setValue("paths/last_recipe", str(path.parent))
        self._remember_recent("recent/recipes", [str(self.recipe_path)])
        self._update_title()
        self.save_session()
        self.statusBar().showMessage(f"Saved {path}.", 4000)
        return True

    def new_recipe(self) -> None:
        self.rules_panel.flush()
        if self.maybe_save():
            self._replace_recipe(default_recipe(), None)

    def maybe_save(self) -> bool:
        """Ask what to do with unsaved recipe changes; False means the user cancelled."""
        if not self.modified:
            return True
        answer = QMessageBox.question(
            self, "Unsaved recipe changes",
            f"The recipe “{self.recipe_path.name if self.recipe_path else 'Untitled recipe'}” has unsaved changes. Save them?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_recipe()
        return answer == QMessageBox.StandardButton.Discard

    # ------------------------------------------------------------------ export
    def show_export_dialog(self) -> None:
        self.rules_panel.flush()
        dialog = ExportDialog(self.settings, len(self.corpus), self)
        dialog.accepted.connect(lambda: self.export_to(dialog.destination_path(), dialog.options(), interactive=True))
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, dest: str, options: ExportOptions, interactive: bool = False) -> None:
        """Export the corpus in import order with the current recipe; `exportFinished` carries the outcome."""
        self.rules_panel.flush()
        if self._export_task is not None:
            QTimer.singleShot(0, lambda: self.exportFinished.emit(RuntimeError("an export is already running")))
            return
        task = ExportTask(list(self.corpus.documents), self.recipe, dest, options, list(self.roots))
        task.signals.progress.connect(self._export_progress)
        task.signals.finished.connect(self._export_finished)
        self._export_task = task
        self._export_interactive = interactive
        if interactive:
            progress = QProgressDialog("Exporting…", "Cancel", 0, len(self.corpus), self)
            progress.setWindowTitle("Export")
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(300)
            progress.setAutoClose(False)
            progress.setAutoReset(False)
            progress.canceled.connect(self.cancel_export)
            self.export_progress = progress
        self.statusBar().showMessage("Exporting…")
        self._start(task)

    def cancel_export(self) -> None:
        if self._export_task is not None:
            self._export_task.cancel()

    def _export_progress(self, done: int, total: int, source: str) -> None:
        dialog = self.export_progress  # setValue may run the event loop, and the export may finish inside it
        if dialog is not None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            dialog.setLabelText(self.fontMetrics().elidedText(f"Exporting {source}", Qt.TextElideMode.ElideMiddle, 360))

    def _export_finished(self, task: ExportTask, result: Any) -> None:
        self._tasks.discard(task)
        self._export_task = None
        if self.export_progress is not None:
            self.export_progress.canceled.disconnect(self.cancel_export)
            self.export_progress.close()
            self.export_progress.deleteLater()
            self.export_progress = None
        if isinstance(result, ExportSummary):
            self.statusBar().showMessage(f"Exported {result.documents:,} document(s) to {result.destination}.", 8000)
        elif isinstance(result, ExportCancelled):
            self.statusBar().showMessage("Export cancelled; nothing was written.", 6000)
        else:
            self.statusBar().showMessage(f"Export failed: {result}", 8000)
        if self._export_interactive:
            self._show_export_outcome(result)
        self.exportFinished.emit(result)

    def _show_export_outcome(self, result: Any) -> None:
        if isinstance(result, ExportCancelled):
            return
        box = QMessageBox(self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        if isinstance(result, ExportSummary):
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle("Export finished")
            lines = [f"{result.documents:,} document(s) written to {result.destination}."]
            if result.skipped_empty:
                lines.append(f"{result.skipped_empty:,} document(s) with nothing left were left out.")
            removed = sum(result.by_rule.values())
            lines.append(f"{removed:,} line(s) removed in all.")
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

    # ------------------------------------------------------------------ settings and session
    def _remember_recent(self, key: str, paths: list[str]) -> None:
        recent = self.settings.value(key, [], type=list)
        for path in reversed(paths):
            recent = [path] + [p for p in recent if p != path]
        self.settings.setValue(key, recent[:RECENT_LIMIT])

    def _fill_recent(self, menu: QMenu, key: str, opener: Callable[[str], Any]) -> None:
        menu.clear()
        recent = [p for p in self.settings.value(key, [], type=list) if Path(p).exists()]
        for path in recent:
            action = menu.addAction(self.fontMetrics().elidedText(path, Qt.TextElideMode.ElideMiddle, 480))
            action.setToolTip(path)
            action.triggered.connect(lambda checked=False, p=path: opener(p))
        if not recent:
            menu.addAction("(none)").setEnabled(False)

    def _restore_ui_state(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry", b"", type=bytes)
        if geometry:
            self.restoreGeometry(geometry)
        state = s.value("window/state", b"", type=bytes)
        if state:
            self.restoreState(state)
        self._splitter_state = s.value("window/splitter", b"", type=bytes)  # applied once shown, at its real size
        if self._splitter_state:
            self.splitter.installEventFilter(self)
        self.preview.set_mode(s.value("preview/mode", PreviewPane.ANNOTATED, type=int))

    def save_ui_state(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("preview/mode", self.preview.mode)
        s.sync()

    def _restore_session(self, documents: bool) -> None:
        session = self.session.load()
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

    def save_session(self) -> None:
        if not self.session_enabled:
            return
        self._save_timer.stop()
        try:
            self.session.save(Session(tuple(self.roots), str(self.recipe_path) if self.recipe_path else None,
                                      dumps(self.recipe), self.saved_text))
        except Exception as exc:  # a read-only disk must not stop the window
            self.statusBar().showMessage(f"The session could not be saved: {exc}", 6000)

    def shutdown(self) -> None:
        """Stop every background task and wait for them (closing, and test teardown)."""
        for task in list(self._tasks):
            task.cancel()
        self._import_queue.clear()
        for _ in range(len(self._running)):
            GUI_PRIORITY.end()  # before waiting: workers must not wait for a GUI beat that cannot come
        self._running.clear()
        self.pool.waitForDone(10_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.rules_panel.flush()
        if not self.maybe_save():
            event.ignore()
            return
        self.shutdown()
        self.save_ui_state()
        self.save_session()
        event.accept()

    # ------------------------------------------------------------------ misc
    def _focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def _about(self) -> None:
        from winnow import __version__

        QMessageBox.about(self, "About Winnow",
                          f"<b>Winnow {__version__}</b><p>Turns raw scraped web files into a clean text corpus, "
                          "and explains every line it removes.</p><p>The recipe you edit here is the file "
                          "<code>winnow clean --recipe</code> runs.</p>")


def short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
