"""The main window: documents on the left, the annotated preview in the middle, the rules on the right.

Threading: reading, the first clean of every document, corpus recounts and exports run as tasks in
the window's QThreadPool and send results back through queued signals; only the selected document is
cleaned on the GUI thread (a few milliseconds), so an edit shows at once. Every recipe edit is an
undoable command holding the old and the new (immutable) recipe.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QKeyCombination,
    QModelIndex,
    QObject,
    QRect,
    QSettings,
    QSignalBlocker,
    QSize,
    QStandardPaths,
    Qt,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
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
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
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

from winnow.app.actions import build_actions, build_menus
from winnow.app.export_dialog import ExportDialog, left_out_format
from winnow.app.help import MANUAL, HelpDialog, shortcuts_html
from winnow.app.models import DocumentFilterProxy, DocumentTableModel, Flags, ProblemsModel
from winnow.app.preferences import PREVIEW_FONT_SIZE, SettingsDialog, setting
from winnow.app.preview import PreviewPane
from winnow.app.removed_lines import RemovedLinesDialog
from winnow.app.rules_panel import CUSTOM_FIELDS, RulesPanel
from winnow.app.samples import sample_corpus_path
from winnow.app.session import Session, SessionStore
from winnow.app.tasks import ExportTask, ImportBatch, ImportResult, ImportTask, Latest, PreviewTask, RecountTask, RemovedLinesTask, Task
from winnow.app.undo import RecipeCommand
from winnow.app.widgets import ElideRightDelegate, EmptyState, ProgressStrip, app_icon, plural
from winnow.cache import ExtractionCache
from winnow.core.model import Cleaned, Document, Family, Problem
from winnow.corpus.templates import TemplateCounts
from winnow.export import ExportCancelled, ExportOptions, ExportSummary
from winnow.pipeline import Cleaner
from winnow.readers import ReadOptions
from winnow.recipe import Recipe, RecipeError, default_recipe, dumps, load, loads, save
from winnow.rules import BUILTIN_DOCUMENT_RULES, BUILTIN_RULES
from winnow.rules.templates import SiteTemplates
from winnow.workspace import AlreadyThere, Corpus, DocStats, Workspace, describe_list_change, describe_value_change

SP = QStyle.StandardPixmap
RECENT_LIMIT = 8
BACKGROUND_PREVIEW_LINES = 3000  # longer documents are cleaned off the GUI thread (a clean is ~10-20 µs a line)
BACKGROUND_PREVIEW_CHARACTERS = 300_000
RECOUNT_SHOWN_FROM = 50  # documents: smaller recounts end before a progress figure could be read
PREVIEW_PENDING_MESSAGE = "This document is being cleaned again; decide its lines once it is shown."
CUSTOM_LABELS = {f[0]: f[1] for f in CUSTOM_FIELDS}
CUSTOM_FIELD_OF = {f[3]: f[0] for f in CUSTOM_FIELDS if f[3]}  # counted rule id -> its list in the recipe
RULE_NAMES = {cls.id: cls.name for cls in (*BUILTIN_RULES, *BUILTIN_DOCUMENT_RULES)}
PARAM_LABELS = {(cls.id, p.name): p.label for cls in (*BUILTIN_RULES, *BUILTIN_DOCUMENT_RULES) for p in cls.params}


def session_path(settings: QSettings, default_settings: bool) -> Path:
    """Beside an explicit settings file (tests get their own), else in the user's application data folder."""
    if default_settings:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        return Path(folder or Path.home() / ".winnow") / "session.sqlite3"
    settings_file = Path(settings.fileName())
    return settings_file.with_name(settings_file.stem + "-session.sqlite3")


@dataclass(frozen=True)
class RemovedDocuments:
    roots: list[str]
    documents: list[Document]
    stats: list[DocStats]
    problems: list[Problem]


def fields_named_in(message: str) -> list[str]:
    """The field names a reader listed in a “has no text field … its fields: a, b, c” problem."""
    found = re.search(r"its fields: ([^)]*)\)", message)
    if not found or found.group(1) == "none":
        return []
    return [name.strip() for name in found.group(1).removesuffix(" …").split(",") if name.strip()]


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

    def __init__(self, settings: QSettings | None = None, restore_session: bool = True, restore_documents: bool = True) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.session_enabled = restore_session
        self.session = SessionStore(session_path(self.settings, settings is None))
        # HTML extraction kept between sessions: the user's cache folder, or beside an explicit settings file
        self.extraction_cache = ExtractionCache(None if settings is None else session_path(self.settings, False).with_name("extraction.sqlite3"))
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(4)  # an import, a recount, an export and a page extraction may run side by side
        self._tasks: set[Task] = set()  # referenced until their results are handled
        self._running: set[Task] = set()  # started and not yet reported finished

        self.workspace = Workspace()  # the corpus, the recipe, its generation and unsaved state: no Qt
        self._removed: RemovedDocuments | None = None
        self._splitter_state = b""  # the saved splitter, applied once the splitter is shown at its real size  # what “Remove all documents” took, for its undo
        self._import_queue: list[list[str]] = []
        self._import_task: ImportTask | None = None
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
        self.left_out_summary: ExportSummary | None = None  # the last export's file of documents left out

        self._recipe_now = Latest((0, self.recipe))  # (generation, recipe), read by import workers
        self.undo_stack = QUndoStack(self)
        self._warm = threading.Event()  # set once this process has cleaned a document (see _warm_up)
        self._warm_up()
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
        build_actions(self)
        build_menus(self)
        self._route_drops()
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
        self.rule_filter = self._filter_combo("Rule", [("Any rule", None)] + [(cls.name, cls.id) for cls in BUILTIN_RULES], self.proxy.set_rule)
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
        documents = QWidget()
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
        counts = Counter(s.language for s in self.corpus.stats if s.language)
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
            action.toggled.connect(lambda on, c=column: self.table.setColumnHidden(c, not on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))

    def _available(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)

    def size_docks_to_window(self) -> None:
        """The rules panel takes about 3/10 of the width: on a small screen the preview keeps the room."""
        self.resizeDocks([self.rules_dock], [max(300, min(370, self.width() * 3 // 10))], Qt.Orientation.Horizontal)

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
        if watched is self.splitter and kind == QEvent.Type.Show and self._splitter_state:
            self.splitter.restoreState(self._splitter_state)
            self._splitter_state = b""
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

    # ------------------------------------------------------------------ importing
    def add_files(self) -> None:
        start = setting(self.settings, "paths/last_import", str(Path.home()))
        files, _ = QFileDialog.getOpenFileNames(
            self,
            "Add scraped files",
            start,
            "Scraped files (*.txt *.text *.md *.html *.htm *.xhtml *.json *.jsonl *.ndjson *.csv *.tsv *.gz *.warc *.wet *.parquet *.zst);;All files (*)",
        )
        if files:
            self.settings.setValue("paths/last_import", str(Path(files[0]).parent))
            self.import_paths(files)

    def add_folder(self) -> None:
        start = setting(self.settings, "paths/last_import", str(Path.home()))
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
        self._removed = None  # “bring back” restores into an empty window only
        self.act_restore.setEnabled(False)
        self._import_queue.append(fresh)
        self._start_next_import()

    # ---- the text field of JSON/CSV files (the window's face of `winnow clean --text-field`)
    def _text_fields(self) -> dict[str, str]:
        try:
            chosen = json.loads(setting(self.settings, "import/text_fields", "{}"))
        except ValueError:
            return {}
        return chosen if isinstance(chosen, dict) else {}

    def _text_field_for(self, paths: list[str]) -> str | None:
        """The field chosen for a single record file imported on its own (a folder finds its fields itself)."""
        return self._text_fields().get(paths[0]) if len(paths) == 1 else None

    def file_of_problem(self, problem: Problem) -> str | None:
        """The absolute path of the file a problem names (problems carry the source label, as shown)."""
        for root in self.roots:
            path = Path(root)
            if path.is_file() and path.name == problem.source:
                return root
            if path.is_dir():
                candidate = path.parent / problem.source
                if candidate.is_file():
                    return str(candidate)
        return None

    def choose_text_field(self, problem: Problem) -> bool:
        """Ask which field of a JSON/CSV file holds the text, then import the file again with it."""
        fields = fields_named_in(problem.message)
        path = self.file_of_problem(problem)
        if not fields or path is None:
            return False
        if any(d.path == path for d in self.corpus.documents):
            self.statusBar().showMessage(
                f"Some records of {problem.source} were imported already: remove the documents first to import it with another text field.", 8000
            )
            return False
        field, ok = QInputDialog.getItem(
            self, "Choose the text field", f"Which field of the records in {Path(path).name} holds the text to clean?", fields, 0, False
        )
        if not ok or not field:
            return False
        chosen = self._text_fields()
        chosen[path] = field
        self.settings.setValue("import/text_fields", json.dumps(chosen))
        self.roots = [r for r in self.roots if r != path]
        self.problems_model.remove_source(problem.source)
        self._update_problems_button()
        self._import_queue.append([path])
        self._start_next_import()
        return True

    def _problem_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.choose_text_field(self.problems_model.problems[index.row()])

    def _fill_problem_menu(self, position) -> None:
        index = self.problems_view.indexAt(position)
        if not index.isValid():
            return
        problem = self.problems_model.problems[index.row()]
        menu = QMenu(self)
        action = menu.addAction("Choose the &text field…", lambda: self.choose_text_field(problem))
        action.setEnabled(bool(fields_named_in(problem.message)))
        menu.exec(self.problems_view.viewport().mapToGlobal(position))

    def _start_next_import(self) -> None:
        if self._import_task is not None or not self._import_queue:
            return
        paths = self._import_queue.pop(0)
        self.roots.extend(paths)
        self._import_start = len(self.corpus)
        self._import_problems_start = len(self.problems_model.problems)
        options = ReadOptions(text_field=self._text_field_for(paths), extraction_cache=self.extraction_cache)
        task = ImportTask(paths, self._recipe_now.get, options)
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
        task.signals.finished.connect(self._task_done)
        self.pool.start(task)

    def _task_done(self, task: Task, _result: Any) -> None:
        self._running.discard(task)

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
            message = f"Imported {plural(result.documents, 'document')}"
            if result.problems:
                message += f"; {plural(result.problems, 'problem')} — see the Problems panel"
            self.statusBar().showMessage(message + ".", 6000)
        self.progress.hide()
        self._update_empty_state()
        self._update_counts()
        if self._import_queue:
            self._start_next_import()
        else:
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

    def clear_documents(self, confirm: bool = True) -> bool:
        """Forget every imported document, after asking; Edit › Bring back removed documents undoes it."""
        n = len(self.corpus)
        if not n and self._import_task is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                "Remove all documents",
                f"Remove all {plural(n, 'document')} from the window?\n\nYour files are not touched, and Edit › Bring back removed documents undoes this.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.cancel_import()
        if self._recount_task is not None:
            self._recount_task.cancel()
        if self._import_task is None:  # a running import's documents are taken back, not kept for undo
            self._removed = RemovedDocuments(list(self.roots), list(self.corpus.documents), list(self.corpus.stats), list(self.problems_model.problems))
        self.roots.clear()
        self._import_start = self._import_problems_start = 0  # a cancelled import's late batches are taken back from here
        self.doc_model.truncate(0)
        self.problems_model.clear()
        self._update_problems_button()
        self._show_document(None)
        self._update_empty_state()
        self._update_counts()
        self.save_session()
        self.act_restore.setEnabled(self._removed is not None)
        self.statusBar().showMessage(f"Removed {plural(n, 'document')}; Edit › Bring back removed documents undoes it.", 10000)
        return True

    def restore_documents(self) -> None:
        """Undo “Remove all documents” (while nothing else was imported since): no file is read again."""
        removed, self._removed = self._removed, None
        self.act_restore.setEnabled(False)
        if removed is None or len(self.corpus) or self._import_task is not None:
            return
        self.roots = list(removed.roots)
        self.doc_model.append(list(zip(removed.documents, removed.stats)))
        self._add_problems(removed.problems)
        self._update_empty_state()
        if len(self.corpus):
            self.table.selectRow(0)
        self._schedule_recount()  # figures from an older recipe are brought up to date
        self.save_session()
        self.statusBar().showMessage(f"Brought back {plural(len(self.corpus), 'document')}.", 6000)

    def document_count(self) -> int:
        return len(self.corpus)

    def _add_problems(self, problems: list) -> None:
        if not problems:
            return
        self.problems_model.add(problems)
        self._update_problems_button()
        # a file that could not be read opens the panel; warnings (a few bytes replaced) only count on the
        # status bar's button, so they do not take the preview's room
        if any(p.fatal for p in problems) and not self.problems_dock.isVisible():
            self.problems_dock.show()

    def _update_problems_button(self) -> None:
        n = len(self.problems_model.problems)
        self.problems_button.setVisible(n > 0)
        self.problems_button.setText(f"⚠ {plural(n, 'problem')}")
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
        for action in (
            self.act_keep,
            self.act_drop,
            self.act_toggle,
            self.act_clear_decision,
            self.act_like_everywhere,
            self.act_containing,
            self.act_keep_like,
        ):
            action.setEnabled(self.current_doc is not None)
        self.refresh_preview()

    def select_document(self, row: int) -> None:
        """Select the document at `row` of the table as shown (sorted and filtered)."""
        index = self.proxy.index(row, 0)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _step_document(self, step: int) -> None:
        current = self.table.currentIndex()
        row = (current.row() if current.isValid() else -1) + step
        if 0 <= row < self.proxy.rowCount():
            self.select_document(row)

    def cleaner(self) -> Cleaner:
        """The current recipe's cleaner, with the corpus's site-template counts and the document rules."""
        return self.workspace.corpus_cleaner().cleaner

    def _warm_up(self) -> None:
        """The first clean in a process loads lexicons and compiles patterns (about a second): done here, on a
        thread, at start-up, so the first document shown needs no wait on the GUI thread."""

        def warm() -> None:
            try:
                Cleaner(self.recipe).clean(Document("warm-up.txt", "text", "Warm up.\n", ["Warm up."]))
            finally:
                self._warm.set()

        threading.Thread(target=warm, name="winnow-warm-up", daemon=True).start()

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
        reextract = doc is not None and doc.is_html and bool(self.recipe.custom.selectors)
        big = doc is not None and (len(doc.lines) > BACKGROUND_PREVIEW_LINES or len(doc.content) > BACKGROUND_PREVIEW_CHARACTERS)
        if doc is not None and (reextract or big or not self._warm.is_set()):
            task = PreviewTask(doc, self.recipe, self.generation, self._templates())
            task.signals.finished.connect(self._preview_finished)
            self._preview_task = task
            self.preview.detail.setText(
                "Extracting the page again with your selectors…" if reextract else "Cleaning this long document…" if big else "Cleaning…"
            )
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
        if result is not None:
            self._show_preview(task.document, *result)

    def _show_preview(self, doc: Document | None, cleaned: Cleaned | None, stats: DocStats | None = None) -> None:
        self.current_cleaned = cleaned
        if doc is None or cleaned is None:
            self.preview.show_cleaned(None)
        else:
            stats = stats or self.workspace.stats_of(cleaned)
            self.preview.show_cleaned(cleaned, self.workspace.hand_overrides(doc), stats.words_kept)
            if self.current_row is not None and self.corpus.documents[self.current_row] is doc:
                self.doc_model.update_stats([(self.current_row, stats)])
            if cleaned.problems:  # e.g. a regular expression stopped for taking too long, a stale hand decision
                self.statusBar().showMessage(" · ".join(p.message for p in cleaned.problems), 10000)
        self._update_counts()
        self.previewUpdated.emit()

    def preview_pending(self) -> bool:
        """True while the selected page is being extracted again (its hand decisions wait for it)."""
        return self._preview_task is not None

    # ------------------------------------------------------------------ recipe edits (all undoable)
    def change_recipe(self, new: Recipe, text: str, merge_key: str | None = None, describe: Callable[[Recipe, Recipe], str] | None = None) -> None:
        if new == self.recipe:
            return
        self.undo_stack.push(RecipeCommand(self._set_recipe, self.recipe, new, text, merge_key, describe))

    def _set_recipe(self, recipe: Recipe) -> None:
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

    def _rule_enabled(self, rule_id: str, enabled: bool) -> None:
        verb = "Switch on" if enabled else "Switch off"
        before = self.current_cleaned
        self.change_recipe(self.recipe.with_enabled(rule_id, enabled), f"{verb} “{RULE_NAMES.get(rule_id, rule_id)}”")
        if not enabled:
            self._say_who_else_removes(before, {rule_id}, f"“{RULE_NAMES.get(rule_id, rule_id)}”")

    def _say_who_else_removes(self, before: Cleaned | None, rule_ids: set[str], name: str) -> None:
        """A rule switched off whose lines stay struck through: say which other rules also remove them."""
        after = self.current_cleaned
        if before is None or after is None or before.document is not after.document or len(before.removals) != len(after.removals):
            return
        others: Counter[str] = Counter()
        for old, new in zip(before.removals, after.removals):
            if old is not None and old.rule_id in rule_ids and new is not None:
                others["by hand" if new.family is Family.MANUAL else new.family.label] += 1
        if others:
            n = sum(others.values())
            which = ", ".join(f"{label} ({count})" for label, count in others.most_common())
            self.statusBar().showMessage(
                f"{name} is off, but {plural(n, 'line')} it removed here {'is' if n == 1 else 'are'} also removed by other rules: {which}.", 12000
            )

    def _family_enabled(self, rule_ids: list[str], enabled: bool) -> None:
        new = self.recipe
        for rule_id in rule_ids:
            new = new.with_enabled(rule_id, enabled)
        family = next(cls.family for cls in (*BUILTIN_RULES, *BUILTIN_DOCUMENT_RULES) if cls.id == rule_ids[0])
        verb = "Switch on" if enabled else "Switch off"
        before = self.current_cleaned
        self.change_recipe(new, f"{verb} all “{family.label}” rules")
        if not enabled:
            self._say_who_else_removes(before, set(rule_ids), f"“{family.label}”")

    def _rule_value(self, rule_id: str, name: str, value: Any) -> None:
        try:
            new = self.recipe.with_value(rule_id, name, value)
        except (ValueError, KeyError) as exc:
            self.statusBar().showMessage(str(exc), 6000)
            self.rules_panel.set_recipe(self.recipe)
            return
        label = PARAM_LABELS.get((rule_id, name), name)
        self.change_recipe(
            new,
            "",
            merge_key=f"value:{rule_id}:{name}",
            describe=lambda old, new: describe_value_change(label, old.value(rule_id, name), new.value(rule_id, name)),
        )

    def _custom_changed(self, field_name: str, entries: tuple[str, ...]) -> None:
        self.change_recipe(
            self.recipe.with_custom(field_name, entries),
            "",
            merge_key=f"custom:{field_name}",
            describe=lambda old, new: describe_list_change(field_name, getattr(old.custom, field_name), getattr(new.custom, field_name)),
        )

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
        rows = Workspace.decidable(cleaned, rows)
        if not rows:
            return
        new = self.workspace.decide(doc, cleaned, rows, action)
        verb = "Keep" if action == "keep" else "Remove"
        what = f"line {rows[0] + 1}" if len(rows) == 1 else f"{len(rows)} lines"
        self.change_recipe(new, f"{verb} {what} of {doc.name} by hand")

    def toggle_selected_lines(self) -> None:
        cleaned = self.current_cleaned
        rows = self._selected_rows()
        if cleaned is None or not rows:
            return
        self.decide_lines(rows, Workspace.toggle_action(cleaned, rows))

    def clear_line_decisions(self) -> None:
        doc = self.current_doc
        if doc is None:
            return
        new = self.workspace.without_decisions(doc, [row + 1 for row in self._selected_rows()])
        self.change_recipe(new, f"Clear hand decisions in {doc.name}")

    def clear_document_decisions(self) -> None:
        doc = self.current_doc
        if doc is None:
            return
        self.change_recipe(self.workspace.without_decisions(doc), f"Clear all hand decisions in {doc.name}")

    def _current_line_text(self) -> str | None:
        cleaned, row = self.current_cleaned, self.preview.current_row()
        if cleaned is None or row is None or not cleaned.lines[row].strip():
            return None
        original = cleaned.original if cleaned.original is not None else cleaned.lines
        return " ".join(original[row].split())

    def add_custom_entry(self, field_name: str, entry: str, text: str) -> None:
        try:
            new = self.workspace.with_entry(field_name, entry)
        except AlreadyThere as exc:
            self.statusBar().showMessage(f"“{exc}” is already in “{CUSTOM_LABELS[field_name]}”.", 4000)
            return
        self.change_recipe(new, text)

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
        phrase, ok = QInputDialog.getText(
            self,
            "Remove lines containing",
            "Shorten the line to the phrase that marks junk; every line containing it is removed, in every document (case-insensitive):",
            QLineEdit.EchoMode.Normal,
            line,
        )
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

    # ------------------------------------------------------------------ the corpus-wide list of one rule's lines
    def show_removed_lines(self, rule_id: str) -> None:
        self.rules_panel.flush()
        if self._lines_task is not None:
            self._lines_task.cancel()
        name = RULE_NAMES.get(rule_id) or CUSTOM_LABELS.get(CUSTOM_FIELD_OF.get(rule_id, ""), rule_id)
        dialog = RemovedLinesDialog(name, [d.name for d in self.corpus.documents], self)
        dialog.keepRequested.connect(lambda chosen: self.keep_lines(chosen, name))
        dialog.showRequested.connect(self.show_line)
        dialog.finished.connect(dialog.deleteLater)
        task = RemovedLinesTask(list(enumerate(self.corpus.documents)), self.recipe, rule_id)
        task.signals.batch.connect(dialog.model.add)
        task.signals.finished.connect(lambda t, _r: self._lines_counted(t, dialog))
        dialog.finished.connect(task.cancel)
        self._lines_task = task
        self.removed_lines_dialog = dialog
        self._start(task)
        dialog.open()

    def _lines_counted(self, task: Task, dialog: RemovedLinesDialog) -> None:
        self._tasks.discard(task)
        dialog.finished_counting()

    def keep_lines(self, chosen: list[tuple[int, int]], rule_name: str) -> None:
        """Keep lines of several documents by hand, as one undoable step."""
        by_document: dict[int, list[int]] = {}
        for doc_index, row in chosen:
            by_document.setdefault(doc_index, []).append(row)
        new = self.recipe
        for doc_index, rows in by_document.items():
            doc = self.corpus.documents[doc_index]
            new = self.workspace.decide(doc, Cleaner(new).clean(doc), rows, "keep", base=new)
        self.change_recipe(new, f"Keep {plural(len(chosen), 'line')} removed by “{rule_name}”")
        if self.removed_lines_dialog is not None:
            self.removed_lines_dialog.model.remove(set(chosen))

    def show_line(self, doc_index: int, row: int) -> None:
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

    # ------------------------------------------------------------------ counts
    def _schedule_recount(self) -> None:
        """Re-clean, in the background, every document whose figures are from an older recipe."""
        if self._recount_task is not None:
            self._recount_task.cancel()
            self._recount_task = None
        changed = self.workspace.templates_changed()  # documents added or removed: their sites' template lines may differ
        if self.current_row is not None and self.current_row in changed:
            self.refresh_preview()
        stale = self.workspace.stale()
        if not stale:
            self.recount_label.setText("")
            self._update_counts()
            if self._import_task is None:
                self.countsUpdated.emit()
            return
        task = RecountTask([(i, self.corpus.documents[i]) for i in stale], self.recipe, self.generation, self._templates())
        task.signals.batch.connect(self._recount_batch)
        task.signals.progress.connect(self._recount_progress)
        task.signals.finished.connect(self._recount_finished)
        self._recount_task = task
        if len(stale) > RECOUNT_SHOWN_FROM:
            self.recount_label.setText("Recounting 0%")  # feedback now, not at the first finished batch
        self._start(task)
        self._update_counts()

    def _templates(self) -> TemplateCounts | None:
        """The site-template counts a background clean needs (None when the rule is off)."""
        return self.corpus.templates if self.recipe.enabled(SiteTemplates.id) else None

    def _recount_batch(self, items: list[tuple[int, DocStats]]) -> None:
        fresh = [(i, s) for i, s in items if s.generation == self.generation and i < len(self.corpus)]
        self.doc_model.update_stats(fresh)
        self._update_counts()

    def _recount_progress(self, done: int, total: int, _current: str) -> None:
        if self._recount_task is not None and total > RECOUNT_SHOWN_FROM:
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
        self._update_language_filter()
        # a Site column only when some document has a site (plain text files have none): the title gets the room
        self.table.setColumnHidden(DocumentTableModel.SITE, not any(s.site for s in self.corpus.stats))
        corpus = self.corpus
        cleaned = self.current_cleaned
        here_removed = Counter(cleaned.removed_counts) if cleaned is not None else None
        here_kept = Counter(cleaned.kept_by.values()) if cleaned is not None else None
        recounting = self._recount_task is not None
        hand_here = len(self.recipe.overrides_for(self.current_doc.id)) if self.current_doc is not None else None
        left_out_here = None if self.current_row is None or self.current_row >= len(corpus) else corpus.stats[self.current_row].left_out_by
        if self.current_row is not None and self.current_row < len(corpus) and corpus.duplicate_verdict(self.current_row):
            left_out_here = "duplicates.near"
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

    # ------------------------------------------------------------------ recipe files
    @property
    def modified(self) -> bool:
        return self.workspace.modified

    def _undo_index_changed(self, _index: int) -> None:
        self._update_title()

    def _update_title(self) -> None:
        name = self.recipe_path.name if self.recipe_path else "Untitled recipe"
        self.setWindowTitle(f"{name}[*] — Winnow")
        self.setWindowModified(self.modified)

    def _replace_recipe(self, recipe: Recipe, path: Path | None) -> None:
        """A recipe opened or started afresh: a new document for undo purposes."""
        self.workspace.replace_recipe(recipe, path)
        self.undo_stack.clear()
        self._set_recipe(recipe)

    def open_recipe(self, path: str | None = None) -> bool:
        self.rules_panel.flush()
        if not self.maybe_save():
            return False
        if not path:
            start = str(self.recipe_path.parent) if self.recipe_path else setting(self.settings, "paths/last_recipe", str(Path.home()))
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
        start = str(self.recipe_path) if self.recipe_path else str(Path(setting(self.settings, "paths/last_recipe", str(Path.home()))) / "recipe.toml")
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
        self.workspace.mark_saved(path)
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
            self,
            "Unsaved recipe changes",
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
        dialog.accepted.connect(lambda: self.export_to(dialog.destination_path(), dialog.options(), interactive=True, rejected=dialog.left_out_destination()))
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, dest: str, options: ExportOptions, interactive: bool = False, rejected: str | None = None) -> None:
        """Export the corpus in import order with the current recipe; `exportFinished` carries the outcome.
        `rejected`: a .jsonl or .csv file for the documents left out, with their reasons (`--rejected`)."""
        self.rules_panel.flush()
        if self._export_task is not None:
            QTimer.singleShot(0, lambda: self.exportFinished.emit(RuntimeError("an export is already running")))
            return
        left_out = (rejected, options.for_rejected(left_out_format(rejected) or "jsonl")) if rejected else None
        task = ExportTask(list(self.corpus.documents), self.recipe, dest, options, list(self.roots), left_out)
        task.signals.progress.connect(self._export_progress)
        task.signals.finished.connect(self._export_finished)
        self._export_task = task
        self._export_interactive = interactive
        if interactive:
            progress = QProgressDialog("Exporting…", "Cancel", 0, len(self.corpus), self)
            progress.setWindowTitle("Export")
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(0)
            progress.setAutoClose(False)
            progress.setAutoReset(False)
            progress.canceled.connect(self.cancel_export)
            self.export_progress = progress
            progress.show()  # at once: QProgressDialog would otherwise wait for its own ~4 s timer
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
        self.left_out_summary = task.rejected_summary
        if self.export_progress is not None:
            self.export_progress.canceled.disconnect(self.cancel_export)
            self.export_progress.close()
            self.export_progress.deleteLater()
            self.export_progress = None
        if isinstance(result, ExportSummary):
            self.statusBar().showMessage(f"Exported {plural(result.documents, 'document')} to {result.destination}.", 8000)
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
            lines = [f"{plural(result.documents, 'document')} written to {result.destination}."]
            if result.skipped_empty:
                lines.append(f"{plural(result.skipped_empty, 'document')} with nothing left {'was' if result.skipped_empty == 1 else 'were'} left out.")
            removed = sum(result.by_rule.values())
            lines.append(f"{plural(removed, 'line')} removed in all.")
            if self.left_out_summary is not None:
                left = self.left_out_summary
                lines.append(f"{plural(left.documents, 'document')} left out, with the reasons, written to {left.destination}.")
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
        recent = setting(self.settings, key, [])
        for path in reversed(paths):
            recent = [path] + [p for p in recent if p != path]
        self.settings.setValue(key, recent[:RECENT_LIMIT])

    def _fill_recent(self, menu: QMenu, key: str, opener: Callable[[str], Any]) -> None:
        menu.clear()
        recent = [p for p in setting(self.settings, key, []) if Path(p).exists()]
        for path in recent:
            action = menu.addAction(self.fontMetrics().elidedText(path, Qt.TextElideMode.ElideMiddle, 480))
            action.setToolTip(path)
            action.triggered.connect(lambda checked=False, p=path: opener(p))
        if not recent:
            menu.addAction("(none)").setEnabled(False)

    def _restore_ui_state(self) -> None:
        s = self.settings
        geometry = setting(s, "window/geometry", b"")
        if geometry:
            before = self.geometry()
            self.restoreGeometry(geometry)
            if not self._fits(self.frameGeometry().size()):  # saved on a bigger screen, or at another scale
                self.setGeometry(before)
        state = setting(s, "window/state", b"")
        if state:
            self.restoreState(state)
        self._splitter_state = setting(s, "window/splitter", b"")  # applied once shown, at its real size
        if self._splitter_state:
            self.splitter.installEventFilter(self)
        self.preview.set_mode(setting(s, "preview/mode", PreviewPane.ANNOTATED))
        if PREVIEW_FONT_SIZE.read(s):
            self.set_preview_font(PREVIEW_FONT_SIZE.read(s))

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
            self.session.save(Session(tuple(self.roots), str(self.recipe_path) if self.recipe_path else None, dumps(self.recipe), self.saved_text))
        except Exception as exc:  # a read-only disk must not stop the window
            self.statusBar().showMessage(f"The session could not be saved: {exc}", 6000)

    def shutdown(self) -> None:
        """Stop every background task and wait for them (closing, and test teardown)."""
        for task in list(self._tasks):
            task.cancel()
        self._import_queue.clear()
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
        from winnow import __version__

        QMessageBox.about(
            self,
            "About Winnow",
            f"<b>Winnow {__version__}</b><p>Turns raw scraped web files into a clean text corpus, "
            "and explains every line it removes.</p><p>The recipe you edit here is the file "
            "<code>winnow clean --recipe</code> runs.</p>",
        )


def short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
