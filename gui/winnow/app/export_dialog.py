"""The export dialog: format, destination and options; the window runs the export itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from winnow.app.preferences import setting
from winnow.core.wording import plural
from winnow.export import METADATA_FIELDS, ExportOptions

FORMAT_CHOICES = (
    ("jsonl", "JSONL — one JSON object per line", "corpus.jsonl", "JSON Lines (*.jsonl)"),
    ("csv", "CSV — one row per document", "corpus.csv", "CSV files (*.csv)"),
    ("txt", "TXT folder — one .txt file per document", "corpus-txt", ""),
    ("txt-single", "TXT single file — documents between <doc> lines", "corpus.txt", "Text files (*.txt)"),
)
SUFFIXES = {"jsonl": ".jsonl", "csv": ".csv", "txt": "", "txt-single": ".txt"}
LEFT_OUT_FORMATS = {".jsonl": "jsonl", ".csv": "csv"}  # the file of documents left out is one JSONL or CSV file


def left_out_format(path: str) -> str | None:
    """The format of the left-out file named `path` (as `winnow clean --rejected` reads its name), or None."""
    return LEFT_OUT_FORMATS.get(Path(path).suffix.lower())


def left_out_name(destination: str, fmt: str) -> str:
    """Where the documents left out go by default: beside the corpus, `corpus-left-out.jsonl` (or .csv)."""
    path = Path(destination)
    stem = path.stem if path.suffix.lower() in SUFFIXES.values() and path.suffix else path.name
    return str(path.with_name(f"{stem}-left-out{'.csv' if fmt == 'csv' else '.jsonl'}"))


class ExportDialog(QDialog):
    def __init__(self, settings: QSettings, documents: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Export the clean corpus")
        self.format = QComboBox()
        for value, label, _, _ in FORMAT_CHOICES:
            self.format.addItem(label, value)
        self.destination = QLineEdit()
        self.destination.setPlaceholderText("Choose where to write the corpus")
        self.destination.setClearButtonEnabled(True)
        self.browse = QPushButton("&Browse…")
        self.browse.clicked.connect(self.choose_destination)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(self.browse)

        self.fields: dict[str, QCheckBox] = {}
        self.fields_box = fields_box = QGroupBox("&Metadata fields to include")
        grid = QGridLayout(fields_box)
        for n, name in enumerate(METADATA_FIELDS):
            box = QCheckBox(name)
            self.fields[name] = box
            grid.addWidget(box, n // 3, n % 3)
        self.skip_empty = QCheckBox("Leave &out documents with nothing left after cleaning")
        self.formula_safe = QCheckBox("&Spreadsheet-safe CSV (cells starting with = + - @ get an apostrophe)")

        # the window's face of `winnow clean --rejected FILE`
        self.left_out = QCheckBox("Also write the documents &left out (duplicates, other languages, not prose), each with its reason")
        self.left_out_path = QLineEdit()
        self.left_out_path.setPlaceholderText("A .jsonl or .csv file for the documents left out")
        self.left_out_path.setClearButtonEnabled(True)
        self.left_out_browse = QPushButton("B&rowse…")
        self.left_out_browse.clicked.connect(self.choose_left_out)
        self.left_out_error = QLabel()
        self.left_out_error.setWordWrap(True)
        left_out_where = QHBoxLayout()
        left_out_where.setContentsMargins(22, 0, 0, 0)
        left_out_where.addWidget(self.left_out_path, 1)
        left_out_where.addWidget(self.left_out_browse)

        form = QFormLayout()
        form.addRow("&Format:", self.format)
        form.addRow("&Destination:", where)
        destination_label = form.labelForField(where)
        if isinstance(destination_label, QLabel):
            destination_label.setBuddy(self.destination)
        note = QLabel(f"{plural(documents, 'document')} will be cleaned with the current recipe and written in import order.")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(fields_box)
        layout.addWidget(self.skip_empty)
        layout.addWidget(self.formula_safe)
        layout.addWidget(self.left_out)
        layout.addLayout(left_out_where)
        layout.addWidget(self.left_out_error)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

        self._restore()
        self.format.currentIndexChanged.connect(self._format_changed)
        self.destination.textChanged.connect(self._update_buttons)
        self.left_out.toggled.connect(self._left_out_toggled)
        self.left_out_path.textChanged.connect(self._update_buttons)
        self._format_changed()
        self._left_out_toggled(self.left_out.isChecked())

    def _restore(self) -> None:
        s = self.settings
        fmt = setting(s, "export/format", "jsonl")
        index = self.format.findData(fmt)
        self.format.setCurrentIndex(max(0, index))
        chosen = setting(s, "export/fields", list(METADATA_FIELDS))
        for name, box in self.fields.items():
            box.setChecked(name in chosen)
        self.skip_empty.setChecked(setting(s, "export/skip_empty", False))
        self.formula_safe.setChecked(setting(s, "export/csv_formula_safe", False))
        self.destination.setText(setting(s, f"export/destination/{fmt}", ""))
        self.left_out.setChecked(setting(s, "export/left_out", False))
        self.left_out_path.setText(setting(s, "export/left_out_path", ""))

    def remember(self) -> None:
        s = self.settings
        s.setValue("export/format", self.selected_format())
        s.setValue("export/fields", [n for n, box in self.fields.items() if box.isChecked()])
        s.setValue("export/skip_empty", self.skip_empty.isChecked())
        s.setValue("export/csv_formula_safe", self.formula_safe.isChecked())
        s.setValue(f"export/destination/{self.selected_format()}", self.destination.text())
        s.setValue("export/left_out", self.left_out.isChecked())
        s.setValue("export/left_out_path", self.left_out_path.text())

    def selected_format(self) -> str:
        return self.format.currentData()

    def _format_changed(self) -> None:
        fmt = self.selected_format()
        self.formula_safe.setVisible(fmt == "csv")
        self.fields_box.setVisible(fmt != "txt")  # a folder of plain .txt files has nowhere to put metadata
        current = self.destination.text().strip()
        if current:  # keep the folder and the name, adapt the extension to the format
            path = Path(current)
            stem = path.stem if path.suffix.lower() in SUFFIXES.values() else path.name
            self.destination.setText(str(path.with_name(stem + SUFFIXES[fmt])))
        self._update_buttons()

    def _left_out_toggled(self, on: bool) -> None:
        self.left_out_path.setEnabled(on)
        self.left_out_browse.setEnabled(on)
        if on and not self.left_out_path.text().strip() and self.destination_path():
            self.left_out_path.setText(left_out_name(self.destination_path(), self.selected_format()))
        self._update_buttons()

    def left_out_problem(self) -> str | None:
        """Why the left-out file cannot be written as named, or None."""
        path = self.left_out_destination()
        if path is None:
            return None
        if not path:
            return "Name a .jsonl or .csv file for the documents left out."
        if left_out_format(path) is None:
            return "The documents left out go to one file: give it a .jsonl or .csv name."
        if self.destination_path() and Path(path).resolve() == Path(self.destination_path()).resolve():
            return "The documents left out need a file of their own, not the corpus's."
        return None

    def _update_buttons(self) -> None:
        problem = self.left_out_problem()
        self.left_out_error.setText(f"⚠ {problem}" if problem else "")
        self.left_out_error.setVisible(bool(problem))
        self.export_button.setEnabled(bool(self.destination.text().strip()) and problem is None)

    def choose_destination(self) -> None:
        fmt = self.selected_format()
        _, _, default_name, file_filter = next(c for c in FORMAT_CHOICES if c[0] == fmt)
        start = self.destination.text().strip() or str(Path(setting(self.settings, "export/last_dir", str(Path.home()))) / default_name)
        if fmt == "txt":
            chosen = QFileDialog.getExistingDirectory(self, "Folder for the .txt files (an empty or new folder)", str(Path(start).parent))
        else:
            chosen, _ = QFileDialog.getSaveFileName(self, "Export the clean corpus", start, file_filter)
        if chosen:
            self.destination.setText(chosen)
            self.settings.setValue("export/last_dir", str(Path(chosen).parent))

    def choose_left_out(self) -> None:
        start = self.left_out_path.text().strip() or left_out_name(self.destination_path() or str(Path.home() / "corpus"), self.selected_format())
        chosen, _ = QFileDialog.getSaveFileName(self, "Documents left out, with their reasons", start, "JSON Lines (*.jsonl);;CSV files (*.csv)")
        if chosen:
            self.left_out_path.setText(chosen)

    def left_out_destination(self) -> str | None:
        """The file for the documents left out, when asked for (`--rejected`), else None."""
        return self.left_out_path.text().strip() if self.left_out.isChecked() else None

    def options(self) -> ExportOptions:
        return ExportOptions(
            format=self.selected_format(),
            metadata_fields=tuple(n for n in METADATA_FIELDS if self.fields[n].isChecked()) if self.selected_format() != "txt" else METADATA_FIELDS,
            skip_empty=self.skip_empty.isChecked(),
            csv_formula_safe=self.formula_safe.isChecked() and self.selected_format() == "csv",
        )

    def destination_path(self) -> str:
        return self.destination.text().strip()

    def accept(self) -> None:
        if not self.destination_path() or self.left_out_problem():
            return
        self.remember()
        super().accept()
