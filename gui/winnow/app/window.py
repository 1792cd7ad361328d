"""The main window: documents on the left, the annotated preview in the middle, the rules on the right.

This module is view wiring: it builds the widgets and connects them. What the window does lives in its
parts, one module each, mixed into MainWindow: importing.py (the import queue, the Problems panel),
selection.py (the selected document and its preview), edits.py (undoable recipe edits and hand
decisions), recount.py (figures after a recipe change), exporting.py, recipe_files.py (open/save) and
session.py (settings, layout and the session, in one QSettings store); actions.py builds the actions
and menus. What a gesture changes in the recipe or the corpus is decided by the Qt-free Workspace
(winnow/workspace.py), tested without a window.

Threading: reading, the first clean of every document, corpus recounts and exports run as tasks in
the window's QThreadPool and send results back through queued signals; only the selected document is
cleaned on the GUI thread (a few milliseconds), so an edit shows at once. Every recipe edit is an
undoable command holding the old and the new (immutable) recipe.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import (
    QEvent,
    QKeyCombination,
    QObject,
    QRect,
    QSettings,
    QSignalBlocker,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from winnow import __version__
from winnow.app.actions import build_actions, build_menus
from winnow.app.edits import RecipeEdits
from winnow.app.export_dialog import ExportDialog
from winnow.app.exporting import ExportFlow
from winnow.app.help import MANUAL, HelpDialog, shortcuts_html
from winnow.app.importing import ImportFlow
from winnow.app.models import DocumentFilterProxy, DocumentTableModel, Flags, ProblemsModel
from winnow.app.preferences import SettingsDialog
from winnow.app.preview import PreviewPane
from winnow.app.recipe_files import RecipeFiles
from winnow.app.recount import RecountFlow
from winnow.app.removed_lines import RemovedLinesDialog
from winnow.app.rules_panel import RulesPanel
from winnow.app.samples import sample_corpus_path
from winnow.app.selection import SelectedDocument
from winnow.app.session import SessionFlow, snapshot_path
from winnow.app.tasks import ExportTask, Latest, PreviewTask, RecountTask, RemovedLinesTask, Task
from winnow.app.widgets import ElideRightDelegate, EmptyState, ProgressStrip, app_icon
from winnow.cache import ExtractionCache
from winnow.core.model import Cleaned, Document
from winnow.recipe import Recipe
from winnow.workspace import Corpus, RemovedDocuments, Workspace, filterable_rules

SITE_COLUMN_FROM_CHARACTERS = 70  # the document list's width (in average characters) from which it shows sites


def local_paths(mime) -> list[str]:
    """The local files and folders in dragged data; web links and other URLs are not imports."""
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class MainWindow(ImportFlow, RecountFlow, ExportFlow, SelectedDocument, RecipeEdits, RecipeFiles, SessionFlow, QMainWindow):
    importFinished = Signal()  # an import and the first clean of its documents are done
    exportFinished = Signal(object)  # ExportSummary, or the exception that ended the export
    previewUpdated = Signal()  # the selected document was (re-)cleaned and shown
    countsUpdated = Signal()  # every document's figures belong to the current recipe
    narrowingsOffered = Signal()  # the removed-lines list shows the ways to narrow its rule
    # built by actions.build_actions / build_menus
    act_about: QAction
    act_add_files: QAction
    act_add_folder: QAction
    act_annotated: QAction
    act_clean: QAction
    act_clear: QAction
    act_clear_decision: QAction
    act_containing: QAction
    act_drop: QAction
    act_export: QAction
    act_find: QAction
    act_keep: QAction
    act_keep_like: QAction
    act_like_everywhere: QAction
    act_manual: QAction
    act_new_recipe: QAction
    act_next: QAction
    act_open_recipe: QAction
    act_phrase: QAction
    act_previous: QAction
    act_quit: QAction
    act_redo: QAction
    act_redo_tool: QAction
    act_restore: QAction
    act_sample: QAction
    act_save_recipe: QAction
    act_save_recipe_as: QAction
    act_settings: QAction
    act_shortcuts: QAction
    act_side: QAction
    act_toggle: QAction
    act_undo: QAction
    act_undo_tool: QAction
    recent_imports_menu: QMenu
    recent_recipes_menu: QMenu
    # built by _build_ui, used by the parts
    recount_label: QLabel
    problems_model: ProblemsModel
    progress: ProgressStrip
    _recipe_now: Latest
    _warm: threading.Event
    undo_stack: QUndoStack

    def __init__(self, settings: QSettings | None = None, restore_session: bool = True, restore_documents: bool = True) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.session_enabled = restore_session
        # HTML extraction kept between sessions: the user's cache folder, or beside an explicit settings file
        self.extraction_cache = ExtractionCache(None if settings is None else Path(self.settings.fileName()).with_name("extraction.sqlite3"))
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(6)  # an import, a recount, an export, a page extraction and the session snapshot side by side
        self._tasks: set[Task] = set()  # referenced until their results are handled
        self._running: set[Task] = set()  # started and not yet reported finished

        self.workspace = Workspace()  # the corpus, the recipe, its generation and unsaved state: no Qt
        self._removed: RemovedDocuments | None = None  # what “Remove all documents” took, for its undo
        self._splitter_state = b""  # the saved splitter, applied once the splitter is shown at its real size
        self._columns_chosen: set[int] = set()  # document-list columns the user showed or hid by hand
        self._import_queue: list[list[str]] = []
        self._import_task = None
        self._import_start = 0
        self._import_problems_start = 0  # where the running import's problems start in the Problems panel
        self._recount_task: RecountTask | None = None
        self._export_task: ExportTask | None = None
        self._preview_task: PreviewTask | None = None
        self._lines_task: RemovedLinesTask | None = None
        self.removed_lines_dialog: RemovedLinesDialog | None = None
        self._export_interactive = False
        self.export_progress: QProgressDialog | None = None
        self.export_summary_box: QMessageBox | None = None
        self.export_dialog: ExportDialog | None = None

        self._recipe_now = Latest((0, self.recipe))  # (generation, recipe), read by import workers
        self.undo_stack = QUndoStack(self)
        self._warm = threading.Event()  # set once this process has cleaned a document (see _warm_up)
        self._warm_up()
        self.undo_stack.indexChanged.connect(self._undo_index_changed)

        self.current_doc: Document | None = None
        self.current_row: int | None = None
        self.current_cleaned: Cleaned | None = None

        self.snapshot_path = snapshot_path(self.settings, settings is None)  # the session's documents
        self._snapshot_dirty = False
        self._snapshot_task = None
        self._check_task = None

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(2000)
        self._save_timer.timeout.connect(self.save_session)

        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._build_ui()
        build_actions(self)
        build_menus(self)
        self._route_drops()
        self.table.installEventFilter(self)  # resized: the Site column comes and goes (_fit_columns)
        self.splitter.installEventFilter(self)  # first shown: its saved layout, or the share (_share_splitter)
        self._route_undo_keys()
        QWidget.setTabOrder(self.filter, self.table)
        QWidget.setTabOrder(self.table, self.preview.lines)
        self.fit_to_screen(QSize(1280, 800))
        self.size_docks_to_window()
        self._restore_ui_state()
        self.rules_panel.set_recipe(self.recipe)
        if restore_session:
            self._restore_session(restore_documents)
        self._update_title()
        self._update_counts()
        self._update_empty_state()

    # ------------------------------------------------------------------ the workspace, as the window sees it
    @property
    def corpus(self) -> Corpus:
        return self.workspace.corpus

    @property
    def roots(self) -> list[str]:
        return self.workspace.roots

    @roots.setter
    def roots(self, roots: list[str]) -> None:
        self.workspace.roots = roots

    @property
    def recipe(self) -> Recipe:
        return self.workspace.recipe

    @property
    def generation(self) -> int:
        return self.workspace.generation

    @property
    def recipe_path(self) -> Path | None:
        return self.workspace.recipe_path

    @recipe_path.setter
    def recipe_path(self, path: Path | None) -> None:
        self.workspace.recipe_path = path

    @property
    def saved_text(self) -> str:
        return self.workspace.saved_text

    @saved_text.setter
    def saved_text(self, text: str) -> None:
        self.workspace.saved_text = text

    # ------------------------------------------------------------------ building
    def _build_ui(self) -> None:
        self.doc_model = DocumentTableModel(self.corpus, self)
        self.proxy = DocumentFilterProxy(self)
        self.proxy.setSourceModel(self.doc_model)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter documents by title, file, site or status")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.status_filter = self._filter_combo("Status", [("Any status", None)] + [(f, f) for f in Flags.ALL], self.proxy.set_status)
        self.language_filter = self._filter_combo("Language", [("Any language", None)], self.proxy.set_language)
        self.rule_filter = self._filter_combo("Rule", [("Any rule", None), *filterable_rules()], self.proxy.set_rule)
        self.rule_filter.setToolTip("Show only documents this rule removed lines from")
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSortIndicatorClearable(True)  # a third click on a header returns to import order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DocumentTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.table.fontMetrics().horizontalAdvance("Lang.") + 16)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._fill_column_menu)
        self.table.setSortingEnabled(True)
        fm = self.table.fontMetrics()
        samples = {
            DocumentTableModel.NAME: "archive-0000.html",
            DocumentTableModel.SITE: "example",
            DocumentTableModel.LANGUAGE: "de",
            DocumentTableModel.TYPE: "JSONL",
            DocumentTableModel.KEPT: "0,000",
            DocumentTableModel.REMOVED: "0,000",
            DocumentTableModel.KEPT_SHARE: "99%",
            DocumentTableModel.WORDS: "0,000,000",
            DocumentTableModel.STATUS: Flags.EMPTY,
        }
        for column, sample in samples.items():
            width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(DocumentTableModel.HEADERS[column])) + 16
            self.table.setColumnWidth(column, width)
        for column in range(self.doc_model.columnCount()):
            self.table.setColumnHidden(column, column not in DocumentTableModel.SHOWN)
        self.table.setItemDelegateForColumn(DocumentTableModel.STATUS, ElideRightDelegate(self.table))  # "nothing left, pro…"
        self.table.setAccessibleName("Imported documents")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the preview, as keyboard users expect
        self.table.selectionModel().currentRowChanged.connect(self._document_selected)
        # after a sort or a filter the selected document stays in view
        self.proxy.layoutChanged.connect(self._keep_selection_in_view)
        self.proxy.rowsRemoved.connect(self._keep_selection_in_view)
        self.proxy.rowsInserted.connect(self._keep_selection_in_view)
        self.corpus_summary = QLabel()
        self.corpus_summary.setWordWrap(True)
        documents = self.documents_pane = QWidget()
        documents.setMinimumWidth(self.fontMetrics().averageCharWidth() * 42)  # a title of a few words and the figures
        column_layout = QVBoxLayout(documents)
        column_layout.setContentsMargins(6, 6, 0, 6)
        column_layout.addWidget(self.filter)
        filters = QHBoxLayout()
        filters.setSpacing(4)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.language_filter, 1)
        column_layout.addLayout(filters)
        column_layout.addWidget(self.rule_filter)
        column_layout.addWidget(self.table, 1)
        column_layout.addWidget(self.corpus_summary)

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
        self.splitter.setSizes([380, 600])  # the preview is what the user reads: it gets the room
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
        self.rules_panel.remember_folds(self.settings)
        self.rules_panel.enabledChanged.connect(self._rule_enabled)
        self.rules_panel.familyEnabledChanged.connect(self._family_enabled)
        self.rules_panel.valueChanged.connect(self._rule_value)
        self.rules_panel.customChanged.connect(self._custom_changed)
        self.rules_panel.clearHandDecisions.connect(self.clear_document_decisions)
        self.rules_panel.showRemovedLines.connect(self.show_removed_lines)
        self.rules_dock = self._dock("Rules", "rules", self.rules_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.rules_dock.setMinimumWidth(280)

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
        self.problems_view.activated.connect(self._problem_activated)  # double-click or Enter: choose a text field
        self.problems_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.problems_view.customContextMenuRequested.connect(self._fill_problem_menu)
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

    def _filter_combo(self, name: str, items: list[tuple[str, str | None]], apply: Callable[[str | None], None]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(f"{name} filter")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(3)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i: apply(combo.currentData()))
        return combo

    def _update_language_filter(self) -> None:
        """The languages of the imported documents, most common first."""
        counts = +self.corpus.languages
        wanted = [lang for lang, _ in counts.most_common()]
        present = [self.language_filter.itemData(i) for i in range(1, self.language_filter.count())]
        if wanted == present:
            return
        chosen = self.language_filter.currentData()
        with QSignalBlocker(self.language_filter):
            while self.language_filter.count() > 1:
                self.language_filter.removeItem(1)
            for lang in wanted:
                self.language_filter.addItem(f"{lang} ({counts[lang]:,})", lang)
            self.language_filter.setCurrentIndex(max(0, self.language_filter.findData(chosen)) if chosen else 0)

    def _keep_selection_in_view(self, *_args) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            QTimer.singleShot(0, lambda: self.table.scrollTo(self.table.currentIndex(), QAbstractItemView.ScrollHint.EnsureVisible))

    def _fill_column_menu(self, position) -> None:
        menu = QMenu(self)
        for column, title in enumerate(DocumentTableModel.HEADERS):
            if column == DocumentTableModel.TITLE:
                continue
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self._choose_column(c, on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))

    def _choose_column(self, column: int, shown: bool) -> None:
        self._columns_chosen.add(column)  # the user's choice wins over _fit_columns from now on
        self.table.setColumnHidden(column, not shown)

    def _fit_columns(self) -> None:
        """A Site column only when some document has a site (plain text files have none) and the list is wide
        enough for a readable title beside it: on a small screen the title gets the room (the filter still
        finds sites, and the column menu brings the column back)."""
        if DocumentTableModel.SITE in self._columns_chosen:
            return
        wide = self.table.width() >= self.table.fontMetrics().averageCharWidth() * SITE_COLUMN_FROM_CHARACTERS  # (its viewport follows later)
        self.table.setColumnHidden(DocumentTableModel.SITE, not (wide and self.corpus.with_site > 0))

    def _available(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)

    def size_docks_to_window(self) -> None:
        """The rules panel takes about 3/10 of the width and the document list under half of the rest: on a small screen
        the preview, which is what the user reads, keeps the room (a saved layout replaces this)."""
        rules = max(300, min(370, self.width() * 3 // 10))
        self.resizeDocks([self.rules_dock], [rules], Qt.Orientation.Horizontal)
        if self.splitter.isVisible():
            self._share_splitter()

    def _share_splitter(self) -> None:
        """Document list and preview about 9:11 of the splitter's real width (known once shown)."""
        total = sum(self.splitter.sizes())
        if total > 0:
            documents = max(self.documents_pane.minimumWidth(), total * 9 // 20)
            self.splitter.setSizes([documents, max(1, total - documents)])

    def _fits(self, size: QSize) -> bool:
        available = self._available()
        return size.width() <= available.width() and size.height() <= available.height()

    def fit_to_screen(self, wanted: QSize) -> None:
        """`wanted`, or less where the screen's free area (HiDPI scaling, a small laptop) is smaller."""
        available = self._available()
        frame = self.frameGeometry().size() - self.geometry().size()
        width = min(wanted.width(), available.width() - frame.width())
        height = min(wanted.height(), available.height() - frame.height())
        self.resize(max(width, 200), max(height, 200))
        self.move(
            available.left() + (available.width() - self.frameGeometry().width()) // 2,
            available.top() + (available.height() - self.frameGeometry().height()) // 2,
        )

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def undo(self) -> None:
        self.rules_panel.flush()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.rules_panel.flush()
        self.undo_stack.redo()

    def _route_undo_keys(self) -> None:
        """Text fields claim Ctrl+Z for their own text; in this window it undoes the recipe (the History panel)."""
        for widget in self.findChildren(QWidget):
            if isinstance(widget, (QLineEdit, QAbstractSpinBox, QPlainTextEdit)):
                widget.installEventFilter(self)

    def _route_drops(self) -> None:
        """Files dropped anywhere import, even on a text box that would otherwise take the file's name."""
        for widget in self.findChildren(QWidget):
            if widget.acceptDrops() and widget is not self:
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            kind == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
                or event.keyCombination() == QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Y)
            )
        ):
            event.ignore()  # not claimed by the field: the window's Undo/Redo shortcut runs
            return True
        if watched is self.table and kind == QEvent.Type.Resize:
            self._fit_columns()
        if watched is self.splitter and kind == QEvent.Type.Show:  # first shown, at its real size
            if self._splitter_state:  # a saved layout is the user's, restored as it was
                self.splitter.restoreState(self._splitter_state)
                self._splitter_state = b""
            else:
                QTimer.singleShot(0, self._share_splitter)
            self.splitter.removeEventFilter(self)
        if isinstance(event, QDropEvent) and local_paths(event.mimeData()):  # drag enter and move are drop events too
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

    # ------------------------------------------------------------------ tasks and the empty state
    def _start(self, task: Task) -> None:
        self._tasks.add(task)
        self._running.add(task)
        task.signals.finished.connect(self._task_done)
        self.pool.start(task)

    def _task_done(self, task: Task, _result: Any) -> None:
        self._running.discard(task)

    def _update_empty_state(self) -> None:
        busy = self._import_task is not None
        self.central.setCurrentWidget(self.splitter if len(self.corpus) or busy else self.empty_state)
        has_docs = len(self.corpus) > 0
        self.act_next.setEnabled(has_docs)
        self.act_previous.setEnabled(has_docs)
        self.act_export.setEnabled(has_docs and not busy)

    # ------------------------------------------------------------------ closing
    def shutdown(self) -> None:
        """Stop every background task and wait for them (closing, and test teardown)."""
        for task in list(self._tasks):
            task.cancel()
        if self._recount_task is not None:  # (maybe not started yet: see RecountFlow._schedule_recount)
            self._recount_task.cancel()
        self._import_queue.clear()
        self._running.clear()
        self.pool.waitForDone(10_000)
        gc.unfreeze()  # what the window kept out of collections (importing.keep_out_of_collections) can go

    def end_for_signal(self) -> None:
        """Asked to end by a signal (logout, `kill`, Ctrl+C): close without a question, the session keeps any
        unsaved recipe changes."""
        self.rules_panel.flush()
        self.shutdown()
        self.save_ui_state()
        self.save_session(wait=True)
        self.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.rules_panel.flush()
        if not self.maybe_save():
            event.ignore()
            return
        self.shutdown()
        self.save_ui_state()
        self.save_session(wait=True)
        event.accept()

    # ------------------------------------------------------------------ misc
    def _focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def show_manual(self) -> None:
        self.help_dialog = HelpDialog("Winnow manual", self, markdown=MANUAL)
        self.help_dialog.open()

    def show_shortcuts(self) -> None:
        actions = [a for a in self.findChildren(QAction) if a.shortcuts()]
        self.help_dialog = HelpDialog("Keyboard shortcuts", self, rich_text=shortcuts_html(actions))
        self.help_dialog.open()

    def show_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        dialog.previewFontChanged.connect(self.set_preview_font)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def set_preview_font(self, points: int) -> None:
        """The preview's text size (0: the system's), for long reading sessions."""
        font = QFont(self.font())
        if points > 0:
            font.setPointSize(points)
        for widget in (self.preview.lines, self.preview.clean_text):
            widget.setFont(font)
        self.preview.lines.delegate.clear_cache()
        self.preview.lines.doItemsLayout()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About Winnow",
            f"<b>Winnow {__version__}</b><p>Turns raw scraped web files into a clean text corpus, "
            "and explains every line it removes.</p><p>The recipe you edit here is the file "
            "<code>winnow clean --recipe</code> runs.</p>",
        )
