"""Starting the window: the entry point, its flags, the screenshot mode and the sample corpus."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

import winnow.app
from app_helpers import write_corpus
from winnow.app import sample_corpus_path

REPO = Path(__file__).resolve().parents[1]
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def test_sample_corpus_is_found_beside_the_checkout():
    sample = sample_corpus_path()
    assert sample == REPO / "seeds"
    assert len(list(sample.glob("*.txt"))) == 5


def test_sample_corpus_in_a_frozen_app(monkeypatch, tmp_path):
    (tmp_path / "seeds").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert sample_corpus_path() == tmp_path / "seeds"


def test_the_window_package_does_not_load_qt_until_run():
    code = "import sys, winnow.app; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert out.stdout.strip() == "False", out.stderr


def test_run_opens_the_window_with_the_paths_given(qapp, tmp_path):
    corpus = write_corpus(tmp_path)
    seen = {}

    def close_when_imported():
        from winnow.app.window import MainWindow

        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())

        def done():
            seen["documents"] = window.document_count()
            seen["title"] = window.windowTitle()
            window.close()

        if window.document_count() == 3 and window._import_task is None:
            done()
        else:
            window.importFinished.connect(done)

    QTimer.singleShot(0, close_when_imported)
    code = winnow.app.run(["--no-session", "--settings", str(tmp_path / "s.ini"), str(corpus)])
    assert code == 0
    assert seen == {"documents": 3, "title": "Untitled recipe[*] — Winnow"}
    assert (tmp_path / "s.ini").exists()  # settings went where we said, not to the user's


def test_screenshot_mode_saves_a_png(tmp_path):
    target = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "winnow", "--screenshot", str(target), "--size", "1000x700", "seeds"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1000, 700)
    assert [line for line in out.stderr.splitlines() if line.strip() and line.strip() != OFFSCREEN_NOISE] == []
