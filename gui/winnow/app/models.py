"""Item models: the document table (with its sort/filter proxy), a document's lines, and the problems list."""

from __future__ import annotations

from enum import IntEnum
from pathlib import PurePosixPath
from typing import Any, Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from winnow.core.model import Cleaned, Document, Family, Problem
from winnow.rules.custom import KEEP_PHRASE, KEEP_REGEX
from winnow.workspace import DUPLICATE, KEPT, LEFT_OUT, Corpus, DocStats

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
KEPT_COPY_ROLE = Qt.ItemDataRole.UserRole + 3  # a copy's Status cell: the kept copy's row in the corpus
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def describe_format(doc: Document, long: bool = False) -> str:
    """ "HTML" or "Text" for a file; for one record of a scraper file its format, e.g. "JSONL"
    (long: "JSONL record, read as HTML")."""
    kind = "HTML" if doc.is_html else "Text"
    if doc.record is None:
        return f"{kind} file" if long else kind
    name = PurePosixPath(doc.source).name.lower().split("#", 1)[0]  # a WARC record: `crawl.warc.gz#<uuid>`
    name = name.removesuffix(".gz").removesuffix(".zst")
    ext = name.rsplit(".", 1)[-1].upper() if "." in name else "Data"
    return f"{ext} record {doc.record}, read as {kind.lower()}" if long else ext


class Flags:
    KEPT = KEPT  # in the corpus
    LEFT_OUT = LEFT_OUT  # left out by a document rule (language, quality)
    DUPLICATE = DUPLICATE  # a copy of another document, left out
    EMPTY = "nothing left"
    WARNING = "problem"
    EDITED = "edited by hand"
    ALL = (KEPT, LEFT_OUT, DUPLICATE, EMPTY, WARNING, EDITED)


class HeaderedTableModel(QAbstractTableModel):
    """A flat table with fixed column titles: subclasses set HEADERS and say how many rows they hold."""

    HEADERS: tuple[str, ...] = ()

    def row_total(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None


class DocumentTableModel(QAbstractTableModel):
    """One row per imported document, in import order; the proxy sorts and filters it for the table."""

    TITLE, NAME, SITE, LANGUAGE, TYPE, KEPT, REMOVED, KEPT_SHARE, WORDS, STATUS = range(10)
    FLAGS = STATUS
    HEADERS = ("Title", "File", "Site", "Lang.", "Type", "Kept", "Removed", "Kept %", "Words", "Status")
    HEADER_TIPS = (
        "The document's title, or its file name when none was found; hover for the full path",
        "File name (and record number for JSON/CSV records)",
        "The site's name, or the host of the document's URL",
        "Language of the document (ISO code)",
        "What the document was read as",
        "Lines kept (non-blank)",
        "Lines removed by the rules, by hand, or left out of an HTML page's main content",
        "Share of the document's non-blank lines that are kept",
        "Words in the clean text",
        "“kept”; “left out” by a document rule (language, quality), with the reason; “copy of …”: a duplicate of the "
        "document named (click it to go there); “nothing left”: every line was removed; “problem”: see the Problems panel; "
        "“edited by hand”: has hand decisions",
    )
    SHOWN = (TITLE, SITE, LANGUAGE, KEPT_SHARE, STATUS)  # the other columns are a right-click on the header away
    NUMBERS = (KEPT, REMOVED, KEPT_SHARE, WORDS)

    def __init__(self, corpus: Corpus, parent=None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.edited: frozenset[str] = frozenset()  # ids of documents with hand decisions

    # ---- reading ----
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.corpus)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == DISPLAY:
            return self.HEADERS[section]
        if role == TOOLTIP:
            return self.HEADER_TIPS[section]
        if role == ALIGN and section in self.NUMBERS:
            return int(RIGHT)
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self.corpus):
            return None
        doc = self.corpus.documents[index.row()]
        stats = self.corpus.stats[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._display(doc, stats, column)
        if role == SORT_ROLE:
            return self._sort_key(doc, stats, column)
        if role == TOOLTIP:
            return self._tooltip(doc, stats, column)
        if role == FILTER_ROLE:
            return f"{stats.title}\n{doc.source}\n{stats.site}\n{self.flag_text(doc, stats)}"
        if role == ALIGN and column in self.NUMBERS:
            return int(RIGHT)
        if role == KEPT_COPY_ROLE and column == self.STATUS:
            return self.corpus.status_of(doc, stats)[2]
        return None

    def _display(self, doc: Document, stats: DocStats, column: int) -> str:
        return (
            stats.title or doc.name,
            doc.name,
            stats.site,
            stats.language,
            describe_format(doc),
            f"{stats.lines_kept:,}",
            f"{stats.lines_removed:,}",
            f"{stats.kept_share:.0%}",
            f"{stats.words_kept:,}",
            self.flag_text(doc, stats),
        )[column]

    def _sort_key(self, doc: Document, stats: DocStats, column: int) -> Any:
        return (
            (stats.title or doc.name).casefold(),
            doc.name.casefold(),
            stats.site.casefold(),
            stats.language,
            describe_format(doc),
            stats.lines_kept,
            stats.lines_removed,
            stats.kept_share,
            stats.words_kept,
            self.flag_text(doc, stats),
        )[column]

    def _tooltip(self, doc: Document, stats: DocStats, column: int) -> str:
        if column in (self.TITLE, self.NAME):
            where = doc.path or doc.source
            lines = [stats.title] if stats.title and column == self.TITLE else []
            lines.append(doc.source)
            if where != doc.source:
                lines.append(where)
            return "\n".join(lines)
        if column == self.TYPE:
            return describe_format(doc, long=True)
        if column == self.KEPT_SHARE:
            return f"{stats.lines_kept:,} of {stats.lines_kept + stats.lines_removed:,} lines kept, {stats.words_kept:,} words"
        if column == self.STATUS:
            status, text, kept = self.corpus.status_of(doc, stats)
            notes = []
            if status == DUPLICATE:
                verdict = self.corpus.duplicates.dropped[doc.id]
                notes.append(f"Left out of the corpus: {verdict.reason}.")
                if kept is not None:
                    notes.append("Click to select the copy that is kept.")
            elif status == LEFT_OUT:
                notes.append(f"Left out of the corpus by “{stats.left_out_by}”: {stats.left_out_reason}.")
            if stats.empty:
                notes.append("Every line of this document was removed; it is empty after cleaning.")
            if stats.warnings:
                notes.append(f"{stats.warnings} problem{'s' if stats.warnings != 1 else ''} while reading or cleaning: see the Problems panel.")
            if doc.id in self.edited:
                notes.append("Some lines are kept or removed by hand.")
            if doc.id in self.corpus.duplicates.cluster_of and status == KEPT:
                copies = len(self.corpus.duplicates.clusters[self.corpus.duplicates.cluster_of[doc.id]]) - 1
                notes.append(f"Kept in place of {copies} cop{'y' if copies == 1 else 'ies'} found in the corpus (View › Duplicates).")
            return "\n".join(notes) or "Kept: part of the export."
        return self.HEADER_TIPS[column]

    def statuses(self, doc: Document, stats: DocStats) -> list[str]:
        status, _text, _kept = self.corpus.status_of(doc, stats)
        out = [Flags.EMPTY if stats.empty and status == KEPT else status]
        if stats.warnings:
            out.append(Flags.WARNING)
        if doc.id in self.edited:
            out.append(Flags.EDITED)
        return out

    def flag_text(self, doc: Document, stats: DocStats) -> str:
        """What the Status column shows: “kept”, “copy of 001_….txt”, “left out: language de …”, and flags."""
        statuses = self.statuses(doc, stats)
        status, text, _kept = self.corpus.status_of(doc, stats)
        if status != KEPT:
            statuses[0] = text
        return ", ".join(statuses)

    def statuses_changed(self) -> None:
        """The corpus's verdicts changed (near-duplicates judged again): the Status column is redrawn."""
        if len(self.corpus):
            self.dataChanged.emit(self.index(0, self.STATUS), self.index(len(self.corpus) - 1, self.STATUS))

    def document(self, row: int) -> Document:
        return self.corpus.documents[row]

    # ---- changes (the window calls these; the corpus is changed here so rows and data stay in step) ----
    def append(self, items: list[tuple[Document, DocStats]]) -> None:
        if not items:
            return
        start = len(self.corpus)
        self.beginInsertRows(QModelIndex(), start, start + len(items) - 1)
        for doc, stats in items:
            self.corpus.append(doc, stats)
        self.endInsertRows()

    def update_stats(self, items: list[tuple[int, DocStats]]) -> None:
        if not items:
            return
        rows = []
        for row, stats in items:
            if row < len(self.corpus):
                self.corpus.set_stats(row, stats)
                rows.append(row)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), self.columnCount() - 1))

    def truncate(self, length: int) -> None:
        if length >= len(self.corpus):
            return
        self.beginRemoveRows(QModelIndex(), length, len(self.corpus) - 1)
        self.corpus.truncate(length)
        self.endRemoveRows()

    def set_edited(self, doc_ids: frozenset[str]) -> None:
        if doc_ids != self.edited:
            self.edited = doc_ids
            if len(self.corpus):
                self.dataChanged.emit(self.index(0, self.STATUS), self.index(len(self.corpus) - 1, self.STATUS))


class DocumentFilterProxy(QSortFilterProxyModel):
    """Sorts by the numbers (not their formatted text); filters on text (title, file, site, status) and,
    when set, on a status, a language and a rule that removed lines from the document."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(FILTER_ROLE)
        self.setFilterKeyColumn(DocumentTableModel.TITLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.status: str | None = None
        self.language: str | None = None
        self.rule: str | None = None

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 on; invalidateFilter is deprecated there
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def set_status(self, status: str | None) -> None:
        self._refilter(lambda: setattr(self, "status", status or None))

    def set_language(self, language: str | None) -> None:
        self._refilter(lambda: setattr(self, "language", language or None))

    def set_rule(self, rule_id: str | None) -> None:
        self._refilter(lambda: setattr(self, "rule", rule_id or None))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if isinstance(model, DocumentTableModel) and source_row < len(model.corpus):
            doc, stats = model.corpus.documents[source_row], model.corpus.stats[source_row]
            if self.status is not None and self.status not in model.statuses(doc, stats):
                return False
            if self.language is not None and stats.language != self.language:
                return False
            if self.rule is not None and not stats.by_rule.get(self.rule):
                return False
        return super().filterAcceptsRow(source_row, source_parent)


SHARING_SHOWN = 8  # pages named in a site-template line's tooltip; the rest are counted


def sharing_text(pages: list[str]) -> str:
    """“Also on: a.html, b.html … and 12 more pages” (the file names of the pages that share a line)."""
    if not pages:
        return "No other page of this site has it any more."
    names = ", ".join(p.rsplit("/", 1)[-1] for p in pages[:SHARING_SHOWN])
    more = len(pages) - SHARING_SHOWN
    return f"Also on: {names}" + (f" and {more:,} more page{'s' if more != 1 else ''}" if more > 0 else "")


class LineRole(IntEnum):
    FAMILY = Qt.ItemDataRole.UserRole + 10  # the removal's Family value (a str: Qt converts str enums), or None
    REMOVAL = Qt.ItemDataRole.UserRole + 11  # Removal or None
    KEPT_BY = Qt.ItemDataRole.UserRole + 12  # "manual", a keep-exception id, or None
    OVERRIDE = Qt.ItemDataRole.UserRole + 13  # "keep" / "drop" when decided by hand, else None
    NUMBER = Qt.ItemDataRole.UserRole + 14  # 1-based line number
    LABEL = Qt.ItemDataRole.UserRole + 15  # the short label shown beside the line
    BLANK = Qt.ItemDataRole.UserRole + 16  # True for an empty line


KEPT_LABELS = {"manual": "Kept by hand", KEEP_PHRASE: "Keep rule", KEEP_REGEX: "Keep rule"}
KEPT_REASONS = {
    "manual": "kept by hand",
    KEEP_PHRASE: "kept by your “always keep” phrases",
    KEEP_REGEX: "kept by your “always keep” regular expressions",
}


def line_label(cleaned: Cleaned, row: int) -> str:
    removal = cleaned.removals[row]
    if removal is not None:
        return "By hand" if removal.family is Family.MANUAL else removal.family.label
    return KEPT_LABELS.get(cleaned.kept_by.get(row, ""), "")


def line_explanation(cleaned: Cleaned, row: int) -> str:
    """One sentence saying what happened to a line and why (the tooltip and the status line)."""
    removal = cleaned.removals[row]
    if removal is not None:
        return f"Removed — {removal.family.label}: {removal.reason} (rule {removal.rule_id})"
    kept_by = cleaned.kept_by.get(row)
    if kept_by:
        return f"Kept — {KEPT_REASONS.get(kept_by, kept_by)}"
    if not cleaned.lines[row].strip():
        return "Blank line (keeps paragraphs apart)"
    return "Kept"


class LineModel(QAbstractListModel):
    """The lines of the selected document with their decisions; checking a line keeps it, unchecking drops it.

    The model does not decide: a check-state change is handed to `on_toggle(row, keep)`, which records a
    hand decision in the recipe; the window then re-cleans and calls `set_cleaned`.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.cleaned: Cleaned | None = None
        self.overrides: dict[int, str] = {}  # 0-based row -> "keep"/"drop"
        self.on_toggle: Callable[[int, bool], None] | None = None
        # the other pages of the document's site that carry a line (a site-template line's tooltip names them)
        self.sharing: Callable[[Document, str], list[str]] | None = None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() or self.cleaned is None:
            return 0
        return len(self.cleaned.lines)

    def set_cleaned(self, cleaned: Cleaned | None, overrides: dict[int, str] | None = None) -> None:
        """Show `cleaned`; the same document's new decisions update in place, keeping selection and scroll."""
        old = self.cleaned
        self.overrides = overrides or {}
        same_lines = old is not None and cleaned is not None and old.document.id == cleaned.document.id and old.lines == cleaned.lines
        if same_lines and cleaned is not None:
            self.cleaned = cleaned
            if cleaned.lines:
                self.dataChanged.emit(self.index(0), self.index(len(cleaned.lines) - 1))
            return
        self.beginResetModel()
        self.cleaned = cleaned
        self.endResetModel()

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        cleaned = self.cleaned
        if cleaned is None or not index.isValid() or index.row() >= len(cleaned.lines):
            return None
        row = index.row()
        line = cleaned.lines[row]
        if role == DISPLAY:
            return line
        if role == Qt.ItemDataRole.CheckStateRole:
            if not line.strip():
                return None
            return Qt.CheckState.Checked if cleaned.removals[row] is None else Qt.CheckState.Unchecked
        if role == TOOLTIP:
            return self._tooltip(cleaned, row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Line {row + 1}. {line_explanation(cleaned, row)}. {line}"
        if role == LineRole.FAMILY:
            removal = cleaned.removals[row]
            return None if removal is None else removal.family.value
        if role == LineRole.REMOVAL:
            return cleaned.removals[row]
        if role == LineRole.KEPT_BY:
            return cleaned.kept_by.get(row)
        if role == LineRole.OVERRIDE:
            return self.overrides.get(row)
        if role == LineRole.NUMBER:
            return row + 1
        if role == LineRole.LABEL:
            return line_label(cleaned, row)
        if role == LineRole.BLANK:
            return not line.strip()
        return None

    def _tooltip(self, cleaned: Cleaned, row: int) -> str:
        text = line_explanation(cleaned, row)
        original = cleaned.original[row] if cleaned.original is not None and row < len(cleaned.original) else None
        if original is not None and original != cleaned.lines[row]:
            text += f"\nRewritten from: {original}"
        removal = cleaned.removals[row]
        if removal is not None and removal.family is Family.TEMPLATE and self.sharing is not None:
            text += "\n" + sharing_text(self.sharing(cleaned.document, cleaned.lines[row]))
        if cleaned.lines[row].strip():
            action = "keep it" if cleaned.removals[row] is not None else "remove it"
            text += f"\nClick the box, double-click or press Space to {action} by hand."
        return text

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.cleaned is not None and self.cleaned.lines[index.row()].strip():
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or self.on_toggle is None:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        keep = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.on_toggle(index.row(), keep)
        return True


class ProblemsModel(HeaderedTableModel):
    """Files that could not be imported, and warnings met while reading or cleaning."""

    FILE, RECORD, KIND, MESSAGE = range(4)
    HEADERS = ("File", "Record", "Kind", "Message")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.problems: list[Problem] = []

    def row_total(self) -> int:
        return len(self.problems)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self.problems):
            return None
        problem = self.problems[index.row()]
        if role == DISPLAY:
            return (
                problem.source,
                "" if problem.record is None else str(problem.record),
                "error" if problem.fatal else "warning",
                problem.message,
            )[index.column()]
        if role == TOOLTIP:
            if "its fields:" in problem.message:
                return f"{problem}\nDouble-click to choose the field that holds the text."
            return str(problem)
        return None

    def add(self, problems: list[Problem]) -> None:
        if not problems:
            return
        start = len(self.problems)
        self.beginInsertRows(QModelIndex(), start, start + len(problems) - 1)
        self.problems.extend(problems)
        self.endInsertRows()

    def truncate(self, length: int) -> None:
        """Forget every problem from `length` on (a cancelled import takes its problems back)."""
        if length < len(self.problems):
            self.beginRemoveRows(QModelIndex(), length, len(self.problems) - 1)
            del self.problems[length:]
            self.endRemoveRows()

    def clear(self) -> None:
        self.truncate(0)

    def remove_source(self, source: str) -> None:
        """Forget a file's problems (it is being imported again)."""
        kept = [p for p in self.problems if p.source != source]
        if len(kept) != len(self.problems):
            self.beginResetModel()
            self.problems = kept
            self.endResetModel()

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.fatal)


class SideBySideModel(QAbstractTableModel):
    """Original | Clean, one row per non-blank line: a removed line's clean cell is empty, so what is
    left out sits beside the gap it leaves."""

    ORIGINAL, CLEAN = range(2)
    HEADERS = ("Original", "Clean")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.cleaned: Cleaned | None = None
        self.rows: list[int] = []  # line indices shown

    def set_cleaned(self, cleaned: Cleaned | None) -> None:
        self.beginResetModel()
        self.cleaned = cleaned
        self.rows = [] if cleaned is None else [i for i, line in enumerate(cleaned.lines) if line.strip()]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < 2:
            return self.HEADERS[section]
        if role == DISPLAY and orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(self.rows[section] + 1)
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        cleaned = self.cleaned
        if cleaned is None or not index.isValid() or index.row() >= len(self.rows):
            return None
        line = self.rows[index.row()]
        removal = cleaned.removals[line]
        if role == DISPLAY:
            if index.column() == self.ORIGINAL:
                return cleaned.lines[line] if removal is None else f"[{line_label(cleaned, line)}] {cleaned.lines[line]}"
            return cleaned.lines[line] if removal is None else ""
        if role == TOOLTIP:
            return line_explanation(cleaned, line)
        if role == Qt.ItemDataRole.FontRole and removal is not None and index.column() == self.ORIGINAL:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == LineRole.FAMILY:
            return None if removal is None else removal.family.value
        return None
