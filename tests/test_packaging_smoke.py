"""`winnow --smoke-test` (winnow/app/smoke.py): passes quietly on a good install, fails loudly otherwise."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import winnow.app
from winnow.app import smoke

REPO = Path(__file__).resolve().parent.parent
GOOD_TEXT = "A council meeting approved the budget.\nThe vote was unanimous."


@pytest.fixture
def app(qapp):
    """The shared QApplication; run_smoke_test() names it like a real start, so put its identity back after."""
    identity = (qapp.applicationName(), qapp.organizationName(), qapp.desktopFileName(), qapp.windowIcon())
    yield qapp
    qapp.setApplicationName(identity[0])
    qapp.setOrganizationName(identity[1])
    qapp.setDesktopFileName(identity[2])
    qapp.setWindowIcon(identity[3])


def run_winnow(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    return subprocess.run([sys.executable, "-m", "winnow", *args], env=full_env, capture_output=True, text=True, timeout=180, cwd=REPO)


def test_smoke_test_passes_from_source_with_nothing_on_stderr():
    result = run_winnow("--smoke-test")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "smoke test passed" in result.stdout


def test_smoke_test_never_touches_the_users_settings(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = run_winnow("--smoke-test", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local" / "share"))
    assert result.returncode == 0, result.stderr
    assert list(home.rglob("*")) == []


def test_time_to_window_mode_reports_the_time_since_launch():
    launched = time.time()
    result = run_winnow("--smoke-test", WINNOW_EXIT_WHEN_SHOWN="1", WINNOW_LAUNCHED_AT=repr(launched))
    assert result.returncode == 0, result.stderr
    match = re.fullmatch(r"time to window: ([0-9.]+) s\n", result.stdout)
    assert match, result.stdout
    assert 0 < float(match.group(1)) < time.time() - launched


def _sample(folder: Path, texts: list[str]) -> Path:
    folder.mkdir()
    for index, text in enumerate(texts):
        (folder / f"doc{index}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


@pytest.mark.qt_log_ignore(".*")
def test_smoke_test_fails_when_the_sample_corpus_is_incomplete(app, tmp_path, monkeypatch, capsys):
    corpus = _sample(tmp_path / "seeds", [GOOD_TEXT] * 4)
    monkeypatch.setattr(winnow.app, "sample_corpus_path", lambda: corpus)
    assert smoke.run_smoke_test() == 1
    assert "imported 4 documents, expected 5" in capsys.readouterr().err


@pytest.mark.qt_log_ignore(".*")
def test_smoke_test_fails_when_a_document_is_left_empty(app, tmp_path, monkeypatch, capsys):
    texts = [GOOD_TEXT] * 4 + ["ADVERTISEMENT"]
    corpus = _sample(tmp_path / "seeds", texts)
    monkeypatch.setattr(winnow.app, "sample_corpus_path", lambda: corpus)
    assert smoke.run_smoke_test() == 1
    assert "has no text left" in capsys.readouterr().err


@pytest.mark.qt_log_ignore(".*")
def test_smoke_test_fails_when_the_sample_corpus_is_missing(app, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(winnow.app, "sample_corpus_path", lambda: tmp_path / "nowhere")
    assert smoke.run_smoke_test() == 1
    assert "sample corpus is missing" in capsys.readouterr().err


@pytest.mark.qt_log_ignore(".*")
def test_smoke_test_fails_when_the_duplicates_view_finds_no_copies(app, tmp_path, monkeypatch, capsys):
    texts = [f"Item {n}: a council meeting approved budget number {n}.\nThe vote on item {n} was unanimous." for n in range(5)]
    monkeypatch.setattr(winnow.app, "sample_corpus_path", lambda: _sample(tmp_path / "seeds", texts))
    assert smoke.run_smoke_test() == 1
    assert "Duplicates view found 0 clusters" in capsys.readouterr().err


@pytest.mark.qt_log_ignore(".*")
def test_smoke_test_fails_when_the_corpus_charts_do_not_draw(app, monkeypatch, capsys):
    from PySide6.QtGui import QColor, QImage

    from winnow.app.corpus_view import ChartPanel

    def blank_png(self, path):
        image = QImage(600, 400, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        image.save(str(path))

    monkeypatch.setattr(ChartPanel, "export_png", blank_png)
    assert smoke.run_smoke_test() == 1
    assert "chart did not draw" in capsys.readouterr().err


def _jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    return path


def test_jsonl_check_accepts_five_clean_documents(tmp_path):
    smoke.CHECKS["jsonl"](_jsonl(tmp_path / "c.jsonl", [GOOD_TEXT] * 5))


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ([GOOD_TEXT] * 4, "holds 4 documents"),
        ([GOOD_TEXT] * 4 + ["  \n"], "no text left"),
        ([GOOD_TEXT] * 4 + [GOOD_TEXT + "\nADVERTISEMENT"], "still contains 'ADVERTISEMENT'"),
    ],
)
def test_jsonl_check_rejects_wrong_counts_empty_texts_and_junk(tmp_path, texts, message):
    with pytest.raises(smoke.SmokeFailure, match=message):
        smoke.CHECKS["jsonl"](_jsonl(tmp_path / "c.jsonl", texts))


def test_a_word_inside_a_sentence_is_not_junk(tmp_path):
    texts = [GOOD_TEXT] * 4 + ["The ADVERTISEMENT label was removed from the page."]
    smoke.CHECKS["jsonl"](_jsonl(tmp_path / "c.jsonl", texts))


def test_jsonl_check_rejects_lines_that_are_not_json(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("id,text\n", encoding="utf-8")
    with pytest.raises(smoke.SmokeFailure, match="not JSONL"):
        smoke.CHECKS["jsonl"](path)


def test_csv_check_reads_quoted_multiline_cells_and_needs_a_text_column(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("id,text\r\n" + "".join(f'{i},"{GOOD_TEXT}"\r\n' for i in range(5)), encoding="utf-8")
    smoke.CHECKS["csv"](good)
    no_text = tmp_path / "no-text.csv"
    no_text.write_text("id,body\r\n" + "".join(f"{i},x\r\n" for i in range(5)), encoding="utf-8")
    with pytest.raises(smoke.SmokeFailure, match="text column"):
        smoke.CHECKS["csv"](no_text)


def test_txt_check_needs_a_folder_of_five_files(tmp_path):
    folder = tmp_path / "out"
    (folder / "seeds").mkdir(parents=True)
    for index in range(5):
        (folder / "seeds" / f"{index}.txt").write_text(GOOD_TEXT + "\n", encoding="utf-8")
    smoke.CHECKS["txt"](folder)
    (folder / "seeds" / "4.txt").unlink()
    with pytest.raises(smoke.SmokeFailure, match="holds 4 documents"):
        smoke.CHECKS["txt"](folder)
    with pytest.raises(smoke.SmokeFailure, match="not a folder"):
        smoke.CHECKS["txt"](tmp_path / "missing")


@pytest.mark.qt_log_ignore(".*")
def test_smoke_test_fails_when_the_icon_resources_are_missing(app, monkeypatch, capsys):
    from PySide6.QtGui import QIcon

    import winnow.app.main
    import winnow.app.window

    monkeypatch.setattr(winnow.app.main, "app_icon", QIcon)  # what app_icon() returns without resources/icons
    monkeypatch.setattr(winnow.app.window, "app_icon", QIcon)
    app.setWindowIcon(QIcon())
    assert smoke.run_smoke_test() == 1
    assert "has no icon" in capsys.readouterr().err
