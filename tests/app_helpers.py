"""Helpers for the window tests (test_app_*.py): a small synthetic corpus and ways to drive the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

ARTICLE = """ADVERTISEMENT

Harbour council approves new flood barrier budget

The harbour council voted on Tuesday to approve a budget of 40 million euros for a new flood barrier, after two winters of storm damage along the quay.

Councillor Maria Jensen said the barrier would protect about 3,000 homes and the fish market, which flooded twice last year.

ADVERTISEMENT

Work on the barrier is due to start in spring and finish within three years, according to the council's planning office.

Residents can comment on the plans at the town hall until the end of the month, the council said in a statement.
"""

SECOND = """Rail strike ends after pay deal

Train drivers returned to work on Monday after their union accepted a pay offer of four percent over two years.

The strike had cancelled most regional services for a week, leaving commuters to crowd onto buses and into shared cars.

Read the full story in our weekend edition

The operator said timetables would be back to normal by Wednesday evening at the latest.
"""

THIRD = """Museum reopens its medieval gallery

The city museum reopened its medieval gallery on Saturday after a two-year renovation that added climate control and new lighting.

Read the full story in our weekend edition

Curators said more than four hundred objects, many never shown before, are now on display in the rebuilt rooms.
"""


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour council approves flood barrier | Harbour Times</title>
<meta name="author" content="Maria Jensen"></head><body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<main><article>
<h1>Harbour council approves flood barrier</h1>
<p>The harbour council voted on Tuesday to approve a budget of 40 million euros for a new flood barrier, after two winters of storm damage along the quay and the old fish market.</p>
<p>Councillor Maria Jensen said the barrier would protect about 3,000 homes and the fish market, which flooded twice last year and had to close for several weeks each time.</p>
<p>Work on the barrier is due to start in spring and finish within three years, according to the council's planning office, which will publish the detailed timetable next month.</p>
<p>Residents can comment on the plans at the town hall until the end of the month, the council said in a statement on its website on Wednesday morning.</p>
</article></main>
<aside class="newsletter"><p>Sign up for our free morning newsletter and never miss a story again</p></aside>
<footer><p>Copyright 2024 Harbour Times. All rights reserved.</p><p>Contact us | Privacy policy | Terms of use</p></footer>
</body></html>
"""


def write_corpus(root: Path) -> Path:
    """A folder `corpus/` with three articles in two levels (plus nothing else)."""
    folder = root / "corpus"
    (folder / "news").mkdir(parents=True, exist_ok=True)
    (folder / "news" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "news" / "rail.txt").write_text(SECOND, encoding="utf-8")
    (folder / "museum.txt").write_text(THIRD, encoding="utf-8")
    return folder


def file_urls_mime(*paths: str | Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drag_and_drop(widget, mime: QMimeData) -> tuple[bool, bool]:
    """Send a synthetic drag-enter and drop to `widget`; returns (enter accepted, drop accepted)."""
    actions = Qt.DropAction.CopyAction | Qt.DropAction.LinkAction
    enter = QDragEnterEvent(QPoint(20, 20), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.setAccepted(False)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(20, 20), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    drop.setAccepted(False)
    QApplication.sendEvent(widget, drop)
    return enter.isAccepted(), drop.isAccepted()


def import_and_wait(qtbot, window, paths, timeout: int = 60_000) -> None:
    # Generous: the first import of a run starts the worker processes, which import the engine; on a saturated
    # 2-core machine that alone has taken over 20 s. A hang still fails, just later.
    with qtbot.waitSignal(window.importFinished, timeout=timeout):
        window.import_paths([str(p) for p in paths])


def select_by_name(window, name: str) -> None:
    """Select the document called `name` in the table (whatever the sort order)."""
    from winnow.app.models import DocumentTableModel

    for row in range(window.proxy.rowCount()):
        if window.proxy.index(row, DocumentTableModel.NAME).data() == name:
            window.select_document(row)
            return
    raise AssertionError(f"no document {name!r} in the table")


def line_row(window, text: str) -> int:
    """The preview row of the first line equal to `text`."""
    lines = window.current_cleaned.lines
    return lines.index(text)


def removed_texts(window) -> set[str]:
    cleaned = window.current_cleaned
    return {line for line, removal in zip(cleaned.lines, cleaned.removals) if removal is not None}


def inline_workers(monkeypatch):
    """Run the window's worker functions on threads of this process instead of worker processes, so a test
    can patch them (`winnow.app.workers.read_file`, `.clean` …) and pause or cancel them mid-way."""
    from concurrent.futures import ThreadPoolExecutor

    import winnow.app.workers as workers

    pool = ThreadPoolExecutor(2, thread_name_prefix="inline-worker")
    monkeypatch.setattr(workers, "executor", lambda: pool)
    return pool
