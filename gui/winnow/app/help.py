"""Help that works offline: the keyboard shortcuts (read from the window's own actions, so they never go
stale) and a short manual bundled with the program."""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

MANUAL = """
# Winnow in five minutes

Winnow turns scraped web files into a clean text corpus, and shows **why** it removes every line.

## 1. Import
Drop files or folders on the window, or use *File › Add files…* / *Add folder…*. Text, HTML, JSON,
JSONL, CSV and their `.gz` forms are read; folders are read recursively. Files that cannot be read are
listed in the *Problems* panel. A JSON or CSV file whose text field was not found: double-click its
problem and choose the field.

## 2. Look
The list on the left shows each document's title, site, language, the share of lines kept and its
status; filter it by text, status, language or the rule that removed lines. The preview shows the
selected document line by line: a removed line is struck through, tinted and **labelled** with the
family of the rule that removed it; hover a line (or select it) for the reason.
*Annotated original* (Ctrl+1) shows every line, *Clean result* (Ctrl+2) the text as exported.

## 3. Decide
Tick or untick a line's box (or press Space, K to keep, D to remove) to decide it by hand;
Backspace gives it back to the rules. Right-click a line to remove lines like it everywhere, or to
always keep lines containing it.

## 4. Tune the rules
The *Rules* panel switches rules on and off and sets their parameters; your own phrases, regular
expressions, CSS selectors and keep-exceptions are at its end. Every change re-cleans the preview at
once and recounts the corpus in the background. Ctrl+Z undoes any change, wherever the focus is; the
*History* panel lists them.

## 5. Save and export
*File › Save recipe* writes the TOML recipe that `winnow clean --recipe` runs on the command line.
*File › Export…* writes JSONL, CSV or TXT with the current recipe: the same bytes as the command line.
"""


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every action with a shortcut, in the order given."""
    rows = []
    for action in actions:
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
        if keys:
            rows.append((action.text().replace("&", "").rstrip("…").split("\t")[0], keys))
    return rows


def shortcuts_html(actions: list[QAction]) -> str:
    rows = "".join(f"<tr><td>{html.escape(what)}</td><td><b>{html.escape(keys)}</b></td></tr>" for what, keys in shortcut_rows(actions))
    return f"<h2>Keyboard shortcuts</h2><table cellspacing='6'>{rows}</table>"


class HelpDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None, markdown: str = "", rich_text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        if markdown:
            self.browser.setMarkdown(markdown)
        else:
            self.browser.setHtml(rich_text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(560, 520)
