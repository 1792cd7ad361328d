"""Item models: the document table (with its sort/filter proxy), a document's lines, and the problems list."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from enum import IntEnum
from pathlib import PurePosixPath
from typing import Any, Callable, Iterable

import numpy as np
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
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
        self._search_keys: list[str] = []  # see search_keys
        self._copies_shown: dict[str, Any] = {}  # the near-duplicate verdicts the search keys were made with

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
            return f"{stats.title}\n{doc.source}\n{stats.site}\n{self.flag_text(doc, stats)}"  # as searched (search_keys)
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
        """The value a column sorts by: numbers as numbers, text casefolded (only that column's is computed:
        the list sorts every document by it)."""
        if column == self.TITLE:
            return (stats.title or doc.name).casefold()
        if column == self.NAME:
            return doc.name.casefold()
        if column == self.SITE:
            return stats.site.casefold()
        if column == self.LANGUAGE:
            return stats.language.casefold()
        if column == self.TYPE:
            return describe_format(doc).casefold()
        if column == self.KEPT:
            return stats.lines_kept
        if column == self.REMOVED:
            return stats.lines_removed
        if column == self.KEPT_SHARE:
            return stats.kept_share
        if column == self.WORDS:
            return stats.words_kept
        return self.flag_text(doc, stats).casefold()

    def sort_key(self, row: int, column: int) -> Any:
        return self._sort_key(self.corpus.documents[row], self.corpus.stats[row], column)

    def sort_keys(self, column: int) -> list[Any]:
        """Every document's `sort_key` for `column`, in corpus order (a number column read in one pass)."""
        stats = self.corpus.stats
        if column == self.KEPT:
            return [s.lines_kept for s in stats]
        if column == self.REMOVED:
            return [s.lines_removed for s in stats]
        if column == self.WORDS:
            return [s.words_kept for s in stats]
        return [self._sort_key(doc, s, column) for doc, s in zip(self.corpus.documents, stats)]

    def search_keys(self) -> list[str]:
        """Per document, in corpus order, the casefolded text the filter box searches (title, file, site and
        status): kept as documents are added and their figures or statuses change, so that a keystroke only
        tests each key (at 100,000 documents, asking the model for each row's text took over a second)."""
        if len(self._search_keys) != len(self.corpus):  # the corpus was changed behind the model's back
            self._search_keys = [self._search_key(row) for row in range(len(self.corpus))]
        return self._search_keys

    def _search_key(self, row: int) -> str:
        doc, stats = self.corpus.documents[row], self.corpus.stats[row]
        return f"{stats.title}\n{doc.source}\n{stats.site}\n{self.flag_text(doc, stats)}".casefold()

    def _refresh_search_keys(self, rows: Iterable[int]) -> None:
        keys = self._search_keys
        if len(keys) != len(self.corpus):
            return  # rebuilt whole when next asked
        for row in rows:
            keys[row] = self._search_key(row)

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
        now = self.corpus.duplicates.dropped
        changed = {doc_id for doc_id in self._copies_shown.keys() | now.keys() if self._copies_shown.get(doc_id) != now.get(doc_id)}
        self._copies_shown = dict(now)
        self._statuses_of(changed)

    def _statuses_of(self, doc_ids: Iterable[str]) -> None:
        """The Status of these documents changed: their search keys are made again and their cells redrawn (only
        theirs: a change to every row makes a sorted or filtered list place every row again)."""
        rows = sorted(row for doc_id in doc_ids if (row := self.corpus.index_of(doc_id)) is not None)
        self._refresh_search_keys(rows)
        start = 0
        for n in range(1, len(rows) + 1):
            if n == len(rows) or rows[n] != rows[n - 1] + 1:  # the end of a run of neighbouring rows
                self.dataChanged.emit(self.index(rows[start], self.STATUS), self.index(rows[n - 1], self.STATUS))
                start = n

    def document(self, row: int) -> Document:
        return self.corpus.documents[row]

    # ---- changes (the window calls these; the corpus is changed here so rows and data stay in step) ----
    def append(self, items: list[tuple[Document, DocStats]]) -> None:
        if not items:
            return
        start = len(self.corpus)
        self.beginInsertRows(QModelIndex(), start, start + len(items) - 1)
        keep_keys = len(self._search_keys) == start
        for doc, stats in items:
            self.corpus.append(doc, stats)
        if keep_keys:
            self._search_keys.extend(self._search_key(row) for row in range(start, len(self.corpus)))
        self.endInsertRows()

    def update_stats(self, items: list[tuple[int, DocStats]]) -> None:
        if not items:
            return
        rows = []
        for row, stats in items:
            if row < len(self.corpus):
                self.corpus.set_stats(row, stats)
                rows.append(row)
        self._refresh_search_keys(rows)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), self.columnCount() - 1))

    def truncate(self, length: int) -> None:
        if length >= len(self.corpus):
            return
        self.beginRemoveRows(QModelIndex(), length, len(self.corpus) - 1)
        self.corpus.truncate(length)
        del self._search_keys[length:]
        self.endRemoveRows()

    def set_edited(self, doc_ids: frozenset[str]) -> None:
        if doc_ids != self.edited:
            changed = doc_ids ^ self.edited
            self.edited = doc_ids
            self._statuses_of(changed)


class DocumentFilterProxy(QAbstractProxyModel):
    """The document table as shown: the documents that pass the filters, sorted by a column (numbers as
    numbers, not their formatted text), else in import order. Filters on text (title, file, site, status)
    and, when set, on a status, a language and a rule that removed lines from the document.

    Filtering and sorting are decided in bulk, in Python, on keys the table model keeps per document
    (`DocumentTableModel.search_keys`, `sort_key`): a QSortFilterProxyModel asks the Python model about
    every row through Qt, microseconds a call, which took over a second per keystroke at 100,000 documents.
    Rows are kept in `_rows` in ascending order of `_order_key` (import order when unsorted); a descending
    sort shows that list from its end."""

    MANY_CHANGES = 200  # rows whose place changes in one update: more, and the whole list is laid out again

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""  # casefolded
        self.status: str | None = None
        self.language: str | None = None
        self.rule: str | None = None
        self.sort_column = -1
        self.order = Qt.SortOrder.AscendingOrder
        self._rows: list[int] = []  # source rows shown, in ascending `_order_key`
        self._shown = bytearray()  # per source row: 1 when shown
        self._sort_keys: list[Any] = []  # per source row, its sort column's key (while sorted)
        self._resetting = False  # many sorted rows are being removed: a reset instead

    # ---- the source
    def documents(self) -> DocumentTableModel | None:
        model = self.sourceModel()
        return model if isinstance(model, DocumentTableModel) else None

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        self.beginResetModel()
        super().setSourceModel(model)
        model.rowsAboutToBeRemoved.connect(self._source_rows_removing)
        model.rowsRemoved.connect(self._source_rows_removed)
        model.rowsInserted.connect(self._source_rows_inserted)
        model.dataChanged.connect(self._source_data_changed)
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._source_reset)
        model.layoutChanged.connect(lambda *_: self._lay_out_again())
        model.headerDataChanged.connect(self.headerDataChanged)
        self._rebuild()
        self.endResetModel()

    # ---- the model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        model = self.sourceModel()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if parent.isValid() or not 0 <= row < len(self._rows) or not 0 <= column < self.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Index | None = None) -> Any:
        if child is None:  # QObject.parent()
            return super().parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        return self.index(row, column)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and bool(self._rows)

    def buddy(self, index: Index) -> QModelIndex:
        return self.index(index.row(), index.column())

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        model = self.sourceModel()
        if model is None or not index.isValid() or index.row() >= len(self._rows):
            return None
        return model.data(model.index(self._source_row(index.row()), index.column()), role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        model = self.sourceModel()
        if model is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._rows):
                return None
            section = self._source_row(section)
        return model.headerData(section, orientation, role)

    def mapToSource(self, proxy: Index) -> QModelIndex:
        model = self.sourceModel()
        if model is None or not proxy.isValid() or proxy.row() >= len(self._rows):
            return QModelIndex()
        return model.index(self._source_row(proxy.row()), proxy.column())

    def mapFromSource(self, source: Index) -> QModelIndex:
        if not source.isValid() or source.row() >= len(self._shown) or not self._shown[source.row()]:
            return QModelIndex()
        return self.index(self._shown_at(self._list_index(source.row())), source.column())

    # ---- filtering and sorting
    def setFilterFixedString(self, text: str) -> None:
        """Show the documents whose title, file, site or status contains `text` (any case)."""
        self._lay_out_again(lambda: setattr(self, "text", text.casefold()))

    def set_status(self, status: str | None) -> None:
        self._lay_out_again(lambda: setattr(self, "status", status or None))

    def set_language(self, language: str | None) -> None:
        self._lay_out_again(lambda: setattr(self, "language", language or None))

    def set_rule(self, rule_id: str | None) -> None:
        self._lay_out_again(lambda: setattr(self, "rule", rule_id or None))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By `column`'s values (ties in import order), or in import order for column -1."""

        if (column, order) == (self.sort_column, self.order) or (column < 0 and self.sort_column < 0):
            return  # the view asks again for the order it has (a header click sorts twice)

        def change() -> None:
            if column != self.sort_column:
                self._sort_keys = []  # another column's keys
            self.sort_column, self.order = column, order

        self._lay_out_again(change)

    def _accepts(self, rows: Iterable[int]) -> list[int]:
        """Those of the source `rows` that pass the filters, in the order given."""
        model = self.documents()
        if model is None:
            return []
        keys, text = model.search_keys(), self.text
        if not text:
            chosen = list(rows)
        elif rows == range(len(keys)):  # every row: the quickest walk
            chosen = [row for row, key in enumerate(keys) if text in key]
        else:
            chosen = [row for row in rows if text in keys[row]]
        if self.status is None and self.language is None and self.rule is None:
            return chosen
        documents, stats = model.corpus.documents, model.corpus.stats
        if self.language is not None:
            chosen = [row for row in chosen if stats[row].language == self.language]
        if self.rule is not None:
            chosen = [row for row in chosen if stats[row].by_rule.get(self.rule)]
        if self.status is not None:
            chosen = [row for row in chosen if self.status in model.statuses(documents[row], stats[row])]
        return chosen

    def _sorted(self) -> bool:
        return self.sort_column >= 0

    def _order_key(self, row: int) -> Any:
        """Where a source row stands in `_rows`: by its sort key, ties in import order either way."""
        if not self._sorted():
            return row
        return (self._sort_keys[row], row if self.order == Qt.SortOrder.AscendingOrder else -row)

    def _descending(self) -> bool:
        return self._sorted() and self.order == Qt.SortOrder.DescendingOrder

    def _shown_at(self, list_index: int) -> int:
        """The table row of `_rows[list_index]` (and the other way round: the mapping is its own inverse)."""
        return len(self._rows) - 1 - list_index if self._descending() else list_index

    def _source_row(self, row: int) -> int:
        return self._rows[self._shown_at(row)]

    def _list_index(self, source_row: int) -> int:
        return bisect_left(self._rows, self._order_key(source_row), key=self._order_key)

    def _rebuild(self) -> None:
        """Every row filtered and sorted afresh (the caller announces the change). The sort keys are made
        once per column: they are kept current as rows come and change."""
        model = self.sourceModel()
        documents = self.documents()
        total = 0 if model is None else model.rowCount()
        if not self._sorted() or documents is None:
            self._sort_keys = []
        elif len(self._sort_keys) != total:
            self._sort_keys = documents.sort_keys(self.sort_column)
        rows = self._accepts(range(total))  # in import order: a stable sort leaves ties so
        if self._sorted():
            descending = self.order == Qt.SortOrder.DescendingOrder
            rows.sort(key=self._sort_keys.__getitem__, reverse=descending)
            if descending:
                rows.reverse()  # `_rows` holds a descending list from its end (see _order_key)
        self._rows = rows
        shown = np.zeros(total, dtype=np.uint8)
        shown[np.asarray(rows, dtype=np.intp)] = 1
        self._shown = bytearray(shown.tobytes())

    def _lay_out_again(self, change: Callable[[], None] | None = None) -> None:
        """Filter and sort every row again (after `change` to the filters or the sort order), keeping the
        selection and the current row where they still show."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        sources = [(self._source_row(p.row()) if p.isValid() and p.row() < len(self._rows) else -1, p.column()) for p in persistent]
        if change is not None:
            change()
        self._rebuild()
        moved = []
        for source_row, column in sources:
            shown = 0 <= source_row < len(self._shown) and self._shown[source_row]
            moved.append(self.index(self._shown_at(self._list_index(source_row)), column) if shown else QModelIndex())
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _source_reset(self) -> None:
        self._rebuild()
        self.endResetModel()

    # ---- the source's changes, followed row by row where few rows move
    def _remove(self, list_index: int, count: int = 1) -> None:
        first, last = self._shown_at(list_index), self._shown_at(list_index + count - 1)
        self.beginRemoveRows(QModelIndex(), min(first, last), max(first, last))
        for row in self._rows[list_index : list_index + count]:
            self._shown[row] = 0
        del self._rows[list_index : list_index + count]
        self.endRemoveRows()

    def _insert(self, rows: list[int]) -> None:
        """Show source `rows` (that pass the filters, their sort keys current), each run of them at its place."""
        rows = sorted(rows, key=self._order_key)
        start = 0
        while start < len(rows):
            at = bisect_right(self._rows, self._order_key(rows[start]), key=self._order_key)
            end = start + 1
            limit = self._order_key(self._rows[at]) if at < len(self._rows) else None
            while end < len(rows) and (limit is None or self._order_key(rows[end]) < limit):
                end += 1
            run = rows[start:end]
            first = len(self._rows) - at if self._descending() else at
            self.beginInsertRows(QModelIndex(), first, first + len(run) - 1)
            self._rows[at:at] = run
            for row in run:
                self._shown[row] = 1
            self.endInsertRows()
            start = end

    def _source_rows_removing(self, parent: Index, first: int, last: int) -> None:
        if parent.isValid():
            return
        if not self._sorted():  # import order: the rows shown among them are one run
            start, end = bisect_left(self._rows, first), bisect_right(self._rows, last)
            if end > start:
                self._remove(start, end - start)
            return
        going = [i for i, row in enumerate(self._rows) if first <= row <= last]
        if len(going) > self.MANY_CHANGES:
            self.beginResetModel()
            self._rows = [row for row in self._rows if not first <= row <= last]
            self._shown[first : last + 1] = bytes(last - first + 1)
            self._resetting = True
            return
        for list_index in reversed(going):
            self._remove(list_index)

    def _source_rows_removed(self, parent: Index, first: int, last: int) -> None:
        if parent.isValid():
            return
        count = last - first + 1
        del self._shown[first : last + 1]
        if self._sort_keys:
            del self._sort_keys[first : last + 1]
        if self._rows and max(self._rows) > last:  # rows after them move up (an import only cuts off its end)
            self._rows = [row - count if row > last else row for row in self._rows]
        if self._resetting:
            self._resetting = False
            self.endResetModel()

    def _source_rows_inserted(self, parent: Index, first: int, last: int) -> None:
        if parent.isValid():
            return
        count = last - first + 1
        if self._rows and max(self._rows) >= first:  # rows after them move down (documents are only appended)
            self._rows = [row + count if row >= first else row for row in self._rows]
        self._shown[first:first] = bytes(count)
        if self._sorted():
            documents = self.documents()
            assert documents is not None
            self._sort_keys[first:first] = [documents.sort_key(row, self.sort_column) for row in range(first, last + 1)]
        self._insert(self._accepts(range(first, last + 1)))

    def _source_data_changed(self, top_left: Index, bottom_right: Index, roles: list[int] = []) -> None:  # noqa: B006
        if not self._rows and not self._shown:
            return
        first, last = top_left.row(), bottom_right.row()
        if self.text or self.status or self.language or self.rule or self._sorted():
            self._follow_changes(first, last)
        if not self._rows:
            return
        if self._sorted():  # the rows changed are anywhere in the table: it repaints what it shows
            start, end = 0, len(self._rows) - 1
        else:
            start, end = bisect_left(self._rows, first), bisect_right(self._rows, last) - 1
            if end < start:
                return
        self.dataChanged.emit(self.index(start, top_left.column()), self.index(end, bottom_right.column()), roles)

    def _follow_changes(self, first: int, last: int) -> None:
        """Source rows first..last changed: those that now pass or fail the filters, or sort elsewhere, move."""
        documents = self.documents()
        if documents is None:
            return
        rows = range(first, last + 1)
        passing = set(self._accepts(rows))
        shown = self._shown
        new_keys = {}  # a row keeps its old key while it is still in `_rows`, found by it
        if self._sorted():
            for row in rows:
                key = documents.sort_key(row, self.sort_column)
                if key != self._sort_keys[row]:
                    new_keys[row] = key
        leaving = [row for row in rows if shown[row] and row not in passing]
        moving = [row for row in new_keys if shown[row] and row in passing]
        coming = [row for row in rows if not shown[row] and row in passing]
        if len(leaving) + len(moving) + len(coming) > self.MANY_CHANGES:
            for row, key in new_keys.items():
                self._sort_keys[row] = key
            self._lay_out_again()
            return
        for row in sorted(leaving + moving, key=self._list_index, reverse=True):
            self._remove(self._list_index(row))
        for row, key in new_keys.items():
            self._sort_keys[row] = key
        self._insert(coming + moving)


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
