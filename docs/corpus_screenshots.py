"""Screenshots of the Duplicates view (on seeds/) and the Corpus view (on a folder, by default
../shared/devset/html) for the README. Run under Xvfb:

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


def documents(folder: Path):
    return [d for d in read_paths([folder]) if not isinstance(d, Problem)]


def main(argv: list[str]) -> int:
    app = QApplication(sys.argv[:1])
    session = DuplicatesSession(documents(ROOT / "seeds"), default_recipe())
    view = session.view
    view.setWindowTitle("Winnow — Duplicates")
    view.resize(1300, 720)
    view.show()
    view.select_document(view.model.rows[1].cleaned.document.id)
    app.processEvents()
    view.grab().save(str(ROOT / "docs" / "duplicates-view.png"))

    folder = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "devset" / "html"
    corpus = CorpusView()
    corpus.setWindowTitle("Winnow — Corpus")
    corpus.resize(1300, 820)
    corpus.set_documents(CorpusCleaner(default_recipe()).run(documents(folder)).documents)
    corpus.show()
    app.processEvents()
    corpus.grab().save(str(ROOT / "docs" / "corpus-view.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
