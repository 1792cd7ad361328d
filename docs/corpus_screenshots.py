"""Screenshots at 1280x800 of the Duplicates view (on seeds/), the Corpus view (on a folder, by default
../shared/devset/html) and the window's document list with each document's status (on seeds/), for the
README. Run under Xvfb:

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/corpus_screenshots.py [FOLDER]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from winnow.app.corpus_view import CorpusView
from winnow.app.duplicates_view import DuplicatesSession
from winnow.core.model import Problem
from winnow.corpus.run import CorpusCleaner
from winnow.readers import read_paths
from winnow.recipe import default_recipe

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 800)


def documents(folder: Path):
    return [d for d in read_paths([folder]) if not isinstance(d, Problem)]


def main(argv: list[str]) -> int:
    app = QApplication(sys.argv[:1])
    session = DuplicatesSession(documents(ROOT / "seeds"), default_recipe())
    view = session.view
    view.setWindowTitle("Winnow — Duplicates")
    view.resize(*SIZE)
    view.show()
    view.select_document(view.model.rows[1].cleaned.document.id)
    app.processEvents()
    view.grab().save(str(ROOT / "docs" / "duplicates-view.png"))

    folder = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "devset" / "html"
    corpus = CorpusView()
    corpus.setWindowTitle("Winnow — Corpus")
    corpus.resize(*SIZE)
    corpus.set_documents(CorpusCleaner(default_recipe()).run(documents(folder)).documents)
    corpus.show()
    app.processEvents()
    corpus.grab().save(str(ROOT / "docs" / "corpus-view.png"))
    corpus.close()
    view.close()
    window_with_statuses(app)
    return 0


def window_with_statuses(app: QApplication) -> None:
    """The main window on the seeds once the corpus stages have judged them: 000 reads "copy of 001_…"."""
    import tempfile
    import time

    from PySide6.QtCore import QSettings

    from winnow.app.window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(QSettings(str(Path(folder) / "winnow.ini"), QSettings.Format.IniFormat), restore_session=False)
        window.resize(*SIZE)
        window.show()
        window.import_paths([str(ROOT / "seeds")])
        deadline = time.monotonic() + 120
        live = window.corpus_dialogs.live
        while time.monotonic() < deadline and not (
            len(window.corpus) and window._import_task is None and window._recount_task is None and window.corpus.duplicates_current and live._task is None
        ):
            app.processEvents()
            time.sleep(0.02)
        window.select_document(0)
        app.processEvents()
        window.grab().save(str(ROOT / "docs" / "document-status.png"))
        window.shutdown()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
