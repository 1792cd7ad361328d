"""`winnow --smoke-test`: prove that an install (above all the frozen app) really works, end to end.

It opens the main window off screen with a throw-away QSettings, imports the bundled sample corpus, checks that
the Duplicates view finds its one pair of copies and that the Corpus view's charts draw, exports the corpus as
JSONL, CSV and TXT into a temporary folder and checks the files. Exit status 0 and nothing on stderr when all
is well; otherwise status 1 and a message per failure (a traceback for a crash) on stderr.

With WINNOW_EXIT_WHEN_SHOWN=1 it only starts the window and prints, once the window has painted, the time since
WINNOW_LAUNCHED_AT (a Unix time set by the caller just before launching; bench/packaging_startup.py does this)
or, without it, since this module started running.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

from winnow.core.wording import plural

MODULE_STARTED = time.time()
SAMPLE_DOCUMENTS = 5
SAMPLE_CLUSTERS = 1  # seeds 000 and 001 are one wire story
STEP_TIMEOUT_MS = 120_000
JUNK_LINES = ("ADVERTISEMENT",)  # lines of the sample corpus the default recipe must remove
# Qt messages that say nothing about Winnow: the offscreen platform cannot size windows natively, and a
# root session without XDG_RUNTIME_DIR gets a default one.
BENIGN_QT_MESSAGES = ("propagateSizeHints", "XDG_RUNTIME_DIR")


class SmokeFailure(Exception):
    pass


def run_smoke_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_problems: list[str] = []

    def on_qt_message(kind: QtMsgType, _context: object, message: str) -> None:
        serious = kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        if serious and not any(benign in message for benign in BENIGN_QT_MESSAGES):
            qt_problems.append(f"Qt: {message}")

    previous_handler = qInstallMessageHandler(on_qt_message)
    try:
        from winnow.app.main import application  # the QApplication exactly as a normal start sets it up

        app = application()
        with tempfile.TemporaryDirectory(prefix="winnow-smoke-") as scratch:
            if os.environ.get("WINNOW_EXIT_WHEN_SHOWN"):
                _report_time_to_window(app, Path(scratch))
            else:
                _exercise_window(Path(scratch))
    except SmokeFailure as failure:
        qt_problems.insert(0, str(failure))
    except Exception:  # noqa: BLE001 (any crash is a failed smoke test, reported with its traceback)
        qt_problems.insert(0, traceback.format_exc().rstrip())
    finally:
        qInstallMessageHandler(previous_handler)
    for problem in qt_problems:
        print(f"winnow smoke test failed: {problem}", file=sys.stderr)
    if not qt_problems and not os.environ.get("WINNOW_EXIT_WHEN_SHOWN"):
        print("winnow smoke test passed")
    return 1 if qt_problems else 0


def _new_window(scratch: Path):
    """The real main window, with settings in a temporary ini file so the user's session is never touched."""
    from PySide6.QtCore import QSettings

    from winnow.app.window import MainWindow

    settings = QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)
    return MainWindow(settings=settings, restore_session=False)


def _exercise_window(scratch: Path) -> None:
    from winnow.app import sample_corpus_path
    from winnow.export import ExportOptions, ExportSummary

    window = _new_window(scratch)
    window.show()
    try:
        if window.windowIcon().isNull():
            raise SmokeFailure("the window has no icon: resources/icons is missing from this install")
        corpus = sample_corpus_path()
        if corpus is None or not corpus.is_dir():
            raise SmokeFailure(f"the sample corpus is missing: {corpus}")
        _wait_for(window.importFinished, lambda: window.import_paths([str(corpus)]), "importing the sample corpus")
        if window.document_count() != SAMPLE_DOCUMENTS:
            raise SmokeFailure(f"imported {window.document_count()} documents, expected {SAMPLE_DOCUMENTS}")
        _check_corpus_views(window, scratch)
        # every sample document must come out: the near-duplicate seed too (dedup itself is tested elsewhere)
        # (as a recipe started afresh, so closing the window has no unsaved changes to ask about)
        window._replace_recipe(window.recipe.with_enabled("duplicates.near", False), None)
        for fmt, name in (("jsonl", "corpus.jsonl"), ("csv", "corpus.csv"), ("txt", "corpus-txt")):
            dest = scratch / name
            (result,) = _wait_for(window.exportFinished, lambda: window.export_to(str(dest), ExportOptions(format=fmt)), f"{fmt} export")
            if not isinstance(result, ExportSummary):
                raise SmokeFailure(f"{fmt} export failed: {result!r}")
            CHECKS[fmt](dest)
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()


def _check_corpus_views(window, scratch: Path) -> None:
    """The Duplicates view finds the sample corpus's one story told twice, and the Corpus view's charts draw:
    what needs datasketch, numpy and pyqtgraph, the parts a frozen app is most tempted to leave out."""
    from PySide6.QtGui import QImage

    dialogs = window.corpus_dialogs
    try:
        # the corpus stages run in a worker process: the views fill when it reports back
        _wait_for(dialogs.refreshed, lambda: dialogs.show(dialogs.duplicates, "Duplicates"), "the Duplicates view")
        result = dialogs.duplicates.result
        clusters = len(result.duplicates.clusters) if result else 0
        if clusters != SAMPLE_CLUSTERS:
            raise SmokeFailure(f"the Duplicates view found {plural(clusters, 'cluster')} of copies in the sample corpus, expected {SAMPLE_CLUSTERS}")
        _wait_for(dialogs.refreshed, lambda: dialogs.show(dialogs.overview, "Corpus overview"), "the Corpus view")
        chart = scratch / "chart.png"
        dialogs.overview.panels[0].export_png(chart)
        image = QImage(str(chart))
        colours = {image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
        if image.isNull() or len(colours) < 3:  # a drawn chart has a background, text and bars
            raise SmokeFailure(f"the Corpus view's chart did not draw: {chart.name} has {plural(len(colours), 'colour')}")
    finally:
        for dialog in dialogs.dialogs.values():
            dialog.close()


def _wait_for(signal, start: Callable[[], object], what: str) -> tuple:
    """Run `start` and spin the event loop until `signal` fires; returns the signal's arguments."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    received: list[tuple] = []

    def on_signal(*args: object) -> None:
        received.append(args)
        loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(STEP_TIMEOUT_MS, loop.quit)
    try:
        start()
        if not received:
            loop.exec()
    finally:
        signal.disconnect(on_signal)
    if not received:
        raise SmokeFailure(f"{what} did not finish within {STEP_TIMEOUT_MS // 1000} s")
    return received[0]


def _check_texts(texts: list[str], where: str) -> None:
    if len(texts) != SAMPLE_DOCUMENTS:
        raise SmokeFailure(f"{where} holds {len(texts)} documents, expected {SAMPLE_DOCUMENTS}")
    for index, text in enumerate(texts):
        if not text.strip():
            raise SmokeFailure(f"{where}: document {index + 1} has no text left")
        junk = [line for line in text.splitlines() if line.strip() in JUNK_LINES]
        if junk:
            raise SmokeFailure(f"{where}: document {index + 1} still contains {junk[0]!r}")


def _check_jsonl(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    try:
        texts = [json.loads(line)["text"] for line in lines]
    except (ValueError, KeyError) as exc:
        raise SmokeFailure(f"{path.name} is not JSONL with a text field: {exc}") from None
    _check_texts(texts, path.name)


def _check_csv(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        try:
            rows = list(csv.DictReader(handle))
            texts = [row["text"] for row in rows]
        except (csv.Error, KeyError) as exc:
            raise SmokeFailure(f"{path.name} does not parse as CSV with a text column: {exc}") from None
    _check_texts(texts, path.name)


def _check_txt(folder: Path) -> None:
    if not folder.is_dir():
        raise SmokeFailure(f"the TXT export {folder.name} is not a folder")
    files = sorted(folder.rglob("*.txt"))
    _check_texts([file.read_text(encoding="utf-8") for file in files], f"{folder.name}/")


CHECKS = {"jsonl": _check_jsonl, "csv": _check_csv, "txt": _check_txt}


def _report_time_to_window(app, scratch: Path) -> None:
    """Show the window, wait for its first paint, and print how long that took."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    launched_at = float(os.environ.get("WINNOW_LAUNCHED_AT") or MODULE_STARTED)
    shown_at: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and not shown_at:
                shown_at.append(time.time())
                QTimer.singleShot(0, app.quit)
            return False

    window = _new_window(scratch)
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(STEP_TIMEOUT_MS, app.quit)
    app.exec()
    window.removeEventFilter(watcher)
    window.shutdown()
    window.close()
    if not shown_at:
        raise SmokeFailure("the window never painted")
    print(f"time to window: {shown_at[0] - launched_at:.3f} s")
