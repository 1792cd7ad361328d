"""The Corpus view: charts of what cleaning did to the whole corpus (pyqtgraph), each exportable as PNG and CSV.

pyqtgraph rather than QtCharts: it is pure Python over numpy (already a dependency), about 2 MB in the
frozen app, while QtCharts needs PySide6-Addons (well over 100 MB) and would break the app's size goal.
"""

from __future__ import annotations

import csv
from html import escape
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from winnow.app.status_view import DUPLICATE, KEPT, LEFT_OUT, STATUSES, StatusFilter, StatusTableModel
from winnow.core.model import Cleaned
from winnow.core.wording import plural
from winnow.corpus.stats import Chart, corpus_charts, template_lines
from winnow.export.atomic import atomic_write_text
from winnow.workspace import rule_name

SERIES_COLOURS = ("#4263eb", "#f08c00")
MAX_BARS = 12  # more categories are summed into "other"


def _limited(chart: Chart) -> list[tuple[str, tuple[int, ...]]]:
    rows = chart.rows
    if len(rows) <= MAX_BARS:
        return rows
    rest = rows[MAX_BARS - 1 :]
    other = tuple(sum(values[i] for _, values in rest) for i in range(len(chart.series)))
    return rows[: MAX_BARS - 1] + [(f"{len(rest)} others", other)]


class ChartPanel(QWidget):
    """One horizontal bar chart with its title and PNG / CSV export buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.png_button = QPushButton("PNG…", self)
        self.csv_button = QPushButton("CSV…", self)
        self.png_button.clicked.connect(lambda: self._ask_and_export("png"))
        self.csv_button.clicked.connect(lambda: self._ask_and_export("csv"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.png_button)
        buttons.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.plot, 1)
        layout.addLayout(buttons)

    def show_chart(self, chart: Chart) -> None:
        self.chart = chart
        item = self.plot.getPlotItem()
        item.clear()
        title, _, note = chart.title.partition(" (") if len(chart.title) > 40 else (chart.title, "", "")  # a long title's aside: a second line
        aside = f'<br><span style="color:#495057; font-size:9pt">({escape(note)}</span>' if note else ""
        item.setTitle(f'<span style="color:#212529; font-size:11pt">{escape(title)}</span>{aside}')
        rows = [(rule_name(label) if chart.category == "rule" else label, values) for label, values in _limited(chart)[::-1]]  # largest on top
        count = len(chart.series)
        height = 0.8 / count
        for n, name in enumerate(chart.series):
            values = np.array([values[n] for _, values in rows], dtype=float)
            y = np.arange(len(rows)) + (n - (count - 1) / 2) * height
            bars = pg.BarGraphItem(x0=0, y=y, height=height * 0.95, width=values, brush=SERIES_COLOURS[n], name=name)
            item.addItem(bars)
        left = item.getAxis("left")
        left.setTicks([[(i, label) for i, (label, _) in enumerate(rows)]])
        left.setTextPen("#212529")
        metrics = QFontMetrics(left.font() if hasattr(left, "font") else QFont())
        left.setWidth(12 + max((metrics.horizontalAdvance(label) for label, _ in rows), default=20))
        item.getAxis("bottom").setTextPen("#212529")
        if count > 1:
            legend = item.addLegend(offset=(-10, 10))
            for n, name in enumerate(chart.series):
                legend.addItem(pg.BarGraphItem(x=[0], height=[0], width=0, brush=SERIES_COLOURS[n]), name)
        peak = max((max(values) for _, values in rows), default=0)
        item.setXRange(0, max(peak, 1) * 1.05, padding=0)
        item.setYRange(-0.6, max(len(rows), 1) - 0.4, padding=0)
        empty = not rows or peak == 0
        item.showAxis("bottom", not empty)  # no scale of nothing
        if empty:
            none = pg.TextItem("none", color="#868e96", anchor=(0.5, 0.5))
            none.setPos(max(peak, 1) * 0.5, (len(rows) - 1) / 2 if rows else 0)
            item.addItem(none)
        self.png_button.setEnabled(not empty)
        self.csv_button.setEnabled(bool(rows))

    def export_png(self, path: str | Path) -> None:
        exporter = ImageExporter(self.plot.getPlotItem())
        exporter.parameters()["width"] = max(600, self.plot.width())
        exporter.export(str(path))

    def export_csv(self, path: str | Path) -> None:
        assert self.chart is not None
        lines: list[str] = []

        class Sink:
            def write(self, text: str) -> None:
                lines.append(text)

        csv.writer(Sink(), lineterminator="\r\n").writerows(self.chart.csv_rows())
        atomic_write_text(Path(path), "".join(lines))

    def _ask_and_export(self, kind: str) -> None:
        if self.chart is None:
            return
        name = self.chart.title.lower().replace(" ", "-").replace("(", "").replace(")", "")
        path, _ = QFileDialog.getSaveFileName(self, f"Export chart as {kind.upper()}", f"{name}.{kind}", f"{kind.upper()} (*.{kind})")
        if path:
            (self.export_png if kind == "png" else self.export_csv)(path)


class CorpusView(QWidget):
    """Four charts (lines removed per rule, documents left out per rule, languages, length before/after)
    and, in a second tab, every document's status with a filter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.panels = [ChartPanel(self) for _ in range(4)]
        charts = QWidget(self)
        grid = QGridLayout(charts)
        for n, panel in enumerate(self.panels):
            grid.addWidget(panel, n // 2, n % 2)
        self.statuses = StatusTableModel(self)
        self.status_filter = StatusFilter(self)
        self.status_filter.setSourceModel(self.statuses)
        self.status_table = QTableView(self)
        self.status_table.setModel(self.status_filter)
        self.status_table.verticalHeader().hide()
        self.status_table.horizontalHeader().setStretchLastSection(True)
        self.status_choice = QComboBox(self)
        for label, statuses in (
            ("All documents", STATUSES),
            ("Kept", (KEPT,)),
            ("Copies of others", (DUPLICATE,)),
            ("Left out by a rule", (LEFT_OUT,)),
            ("Not in the corpus", (DUPLICATE, LEFT_OUT)),
        ):
            self.status_choice.addItem(label, statuses)
        self.status_choice.currentIndexChanged.connect(lambda _: self.status_filter.set_statuses(self.status_choice.currentData()))
        documents = QWidget(self)
        documents_layout = QVBoxLayout(documents)
        documents_layout.addWidget(self.status_choice)
        documents_layout.addWidget(self.status_table, 1)
        self.templates = QTreeWidget(self)
        self.templates.setHeaderLabels(["Site template line", "Pages"])
        self.templates.setRootIsDecorated(True)
        self.templates.header().setStretchLastSection(False)
        self.templates.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(charts, "Charts")
        self.tabs.addTab(documents, "Documents")
        self.tabs.addTab(self.templates, "Site templates")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def set_documents(self, documents: list[Cleaned]) -> None:
        kept = sum(1 for c in documents if c.in_corpus)
        self.summary.setText(f"{plural(len(documents), 'document')}: {kept:,} in the corpus, {len(documents) - kept:,} left out.")
        for panel, chart in zip(self.panels, corpus_charts(documents)):
            panel.show_chart(chart)
        self.statuses.set_documents(documents)
        self.templates.clear()
        for found in template_lines(documents):
            item = QTreeWidgetItem([f"{found.line}   ({found.site or 'import folder'})", str(len(found.pages))])
            item.setToolTip(0, found.reason)
            item.addChildren([QTreeWidgetItem([source, ""]) for source in found.pages])  # the pages that share it
            self.templates.addTopLevelItem(item)
