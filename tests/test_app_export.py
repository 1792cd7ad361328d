"""Exporting from the window gives the same bytes as the command line, in corpus order (by source path, whatever
the import order); cancelling writes nothing."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from app_helpers import import_and_wait, line_row, select_by_name, write_corpus
from winnow.core.model import Problem
from winnow.corpus.run import CorpusCleaner
from winnow.export import ExportCancelled, ExportError, ExportOptions, ExportSummary, export_corpus
from winnow.readers import read_paths
from winnow.recipe import Recipe, save

REPO = Path(__file__).resolve().parents[1]
OTHER_STORY = """Valley library opens its new reading room

The valley library opened a reading room on Saturday with space for 60 readers, two years after the old one closed.

The librarian, Tom Berger, said the room would stay open until nine in the evening on weekdays and that school
classes could book it in the mornings.

The building work cost 1.2 million euros, paid by the region and by a local foundation, the mayor said.
"""


@pytest.fixture
def inputs(tmp_path) -> list[Path]:
    """Two roots, added in this order: a folder, then a single file (whose name sorts first)."""
    folder = write_corpus(tmp_path / "in")
    single = tmp_path / "in" / "aaa-first-by-name.txt"
    single.write_text(OTHER_STORY, encoding="utf-8")
    return [folder, single]


@pytest.fixture
def edited(qtbot, main_window, inputs):
    """The window with both roots imported and a recipe edited three ways (rule, phrase, hand decision)."""
    window = main_window
    import_and_wait(qtbot, window, [inputs[0]])
    import_and_wait(qtbot, window, [inputs[1]])
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the table order must not matter
    select_by_name(window, "harbour.txt")
    window.decide_lines([line_row(window, "ADVERTISEMENT")], "keep")
    window.add_custom_entry("drop_containing", "weekend edition", "test")
    window.change_recipe(window.recipe.with_enabled("repeats.lines", False), "test")
    return window


def cli_equivalent(inputs: list[Path], recipe: Recipe, dest: Path, options: ExportOptions) -> ExportSummary:
    """What `winnow clean` does: read the inputs in order, clean with the recipe, export."""
    documents = (item for item in read_paths([str(p) for p in inputs]) if not isinstance(item, Problem))
    return export_corpus(CorpusCleaner(recipe).run(documents).kept, dest, options, protected=inputs)


def read_all(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    return {"": path.read_bytes()}


def export_with_dialog(qtbot, window, dest: Path, fmt: str, monkeypatch) -> object:
    if fmt == "txt":
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(dest))
    else:
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    window.act_export.trigger()
    dialog = window.export_dialog
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    dialog.browse.click()
    assert dialog.destination_path() == str(dest)
    with qtbot.waitSignal(window.exportFinished, timeout=30_000) as blocker:
        dialog.export_button.click()
    return blocker.args[0]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "txt", "txt-single"])
def test_dialog_export_equals_the_command_line_export(qtbot, edited, inputs, tmp_path, monkeypatch, fmt):
    dest = tmp_path / "out" / {"jsonl": "c.jsonl", "csv": "c.csv", "txt": "c-txt", "txt-single": "c.txt"}[fmt]
    result = export_with_dialog(qtbot, edited, dest, fmt, monkeypatch)
    assert isinstance(result, ExportSummary), result
    assert result.documents == 4

    reference = tmp_path / "reference" / dest.name
    cli_equivalent(inputs, edited.recipe, reference, ExportOptions(format=fmt))
    assert read_all(dest) == read_all(reference)
    if fmt == "jsonl":
        sources = [line.split('"source": "')[1].split('"')[0] for line in dest.read_text(encoding="utf-8").splitlines()]
        assert sources == ["aaa-first-by-name.txt", "corpus/museum.txt", "corpus/news/harbour.txt", "corpus/news/rail.txt"]
        text = dest.read_text(encoding="utf-8")
        assert "weekend edition" not in text and "ADVERTISEMENT" in text  # the phrase and the hand decision apply

    recipe_file = tmp_path / "recipe.toml"
    save(edited.recipe, recipe_file)
    command = tmp_path / "command" / dest.name
    run = subprocess.run(
        [sys.executable, "-m", "winnow", "clean", *map(str, inputs), "--output", str(command), "--format", fmt, "--recipe", str(recipe_file), "--quiet"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert read_all(dest) == read_all(command)


def test_export_dialog_options_reach_the_export(qtbot, edited, tmp_path, monkeypatch):
    dest = tmp_path / "out" / "corpus.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    edited.act_export.trigger()
    dialog = edited.export_dialog
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.formula_safe.isEnabled()
    dialog.browse.click()
    for name, box in dialog.fields.items():
        box.setChecked(name in ("title", "url"))
    dialog.skip_empty.setChecked(True)
    dialog.formula_safe.setChecked(True)
    assert dialog.options() == ExportOptions("csv", ("title", "url"), True, True)
    with qtbot.waitSignal(edited.exportFinished, timeout=30_000):
        dialog.export_button.click()
    header = dest.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,source,record,title,url,language_score,duplicate_of,cluster,text")
    # the choices are remembered for the next export
    edited.act_export.trigger()
    again = edited.export_dialog
    assert again.selected_format() == "csv" and again.destination_path() == str(dest)
    assert [n for n, b in again.fields.items() if b.isChecked()] == ["title", "url"]
    again.reject()


def test_summary_offers_show_in_folder(qtbot, edited, tmp_path, monkeypatch):
    dest = tmp_path / "out" / "c.jsonl"
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    export_with_dialog(qtbot, edited, dest, "jsonl", monkeypatch)
    box = edited.export_summary_box
    assert box is not None and box.isVisible()
    assert "4 documents written" in box.text()
    show = next(b for b in box.buttons() if b.text() == "Show in folder")
    show.click()
    assert opened == [str(dest.parent)]


def test_export_refuses_to_overwrite_an_input(qtbot, edited, inputs, monkeypatch):
    result = export_with_dialog(qtbot, edited, inputs[1], "txt-single", monkeypatch)
    assert isinstance(result, ExportError)
    assert "input" in str(result)
    assert edited.export_summary_box.windowTitle() == "Export failed"
    assert inputs[1].read_text(encoding="utf-8") == OTHER_STORY


@pytest.fixture
def blocked_cleaning(monkeypatch):
    """Cleaning in export tasks waits for the test, so a cancel surely comes while the export runs."""
    import winnow.app.workers as workers
    from app_helpers import inline_workers

    gate = threading.Event()
    inline_workers(monkeypatch)
    real = workers.clean

    def gated_clean(documents, recipe):
        gate.wait(10)
        return real(documents, recipe)

    monkeypatch.setattr(workers, "clean", gated_clean)
    yield gate
    gate.set()


def test_cancelling_an_export_leaves_no_file(qtbot, main_window, inputs, tmp_path, blocked_cleaning):
    import_and_wait(qtbot, main_window, inputs)
    out = tmp_path / "out"
    out.mkdir()
    dest = out / "corpus.jsonl"
    with qtbot.waitSignal(main_window.exportFinished, timeout=30_000) as blocker:
        main_window.export_to(str(dest), ExportOptions(format="jsonl"))
        main_window.cancel_export()
        blocked_cleaning.set()
    assert isinstance(blocker.args[0], ExportCancelled)
    assert list(out.iterdir()) == []


def test_cancel_button_of_the_progress_dialog(qtbot, main_window, inputs, tmp_path, monkeypatch, blocked_cleaning):
    import_and_wait(qtbot, main_window, inputs)
    dest = tmp_path / "out" / "folder"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(dest))
    main_window.act_export.trigger()
    dialog = main_window.export_dialog
    dialog.format.setCurrentIndex(dialog.format.findData("txt"))
    dialog.browse.click()
    with qtbot.waitSignal(main_window.exportFinished, timeout=30_000) as blocker:
        dialog.export_button.click()
        main_window.export_progress.findChild(QPushButton).click()
        blocked_cleaning.set()
    assert isinstance(blocker.args[0], ExportCancelled)
    assert not dest.exists()
    # cancelled while cleaning the corpus, before the export made its folder: nothing at all was created
    assert not dest.parent.exists() or not any(p.name.startswith(".folder") for p in dest.parent.iterdir())
    assert main_window.export_summary_box is None  # a cancel needs no message box


def test_export_to_needs_no_dialog(qtbot, main_window, inputs, tmp_path):
    import_and_wait(qtbot, main_window, inputs)
    dest = tmp_path / "out" / "corpus.txt"
    with qtbot.waitSignal(main_window.exportFinished, timeout=30_000) as blocker:
        main_window.export_to(str(dest), ExportOptions(format="txt-single"))
    assert isinstance(blocker.args[0], ExportSummary)
    assert dest.read_text(encoding="utf-8").count("<doc ") == 4
    assert main_window.export_summary_box is None and main_window.export_progress is None
    assert QMessageBox not in {type(w) for w in main_window.findChildren(QMessageBox)}


def test_export_progress_shows_at_once(qtbot, main_window, inputs, tmp_path, blocked_cleaning):
    # QProgressDialog on its own appears only after ~4 s: the user would see nothing happen
    import_and_wait(qtbot, main_window, inputs)
    dest = tmp_path / "corpus.jsonl"
    with qtbot.waitSignal(main_window.exportFinished, timeout=30_000):
        main_window.export_to(str(dest), ExportOptions(format="jsonl"), interactive=True)
        assert main_window.export_progress is not None and main_window.export_progress.isVisible()
        blocked_cleaning.set()
    assert dest.exists()


GERMAN_STORY = """Neue Brücke über den Fluss eröffnet

Die neue Brücke über den Fluss wurde am Samstag nach zwei Jahren Bauzeit für den Verkehr freigegeben.

Der Bürgermeister sagte, die Brücke verkürze den Weg zur Schule für viele Kinder um eine halbe Stunde und
entlaste die Altstadt vom Lastwagenverkehr, der bisher durch die engen Gassen fahren musste.

Die Kosten von drei Millionen Euro teilen sich das Land und die Gemeinde, hieß es in einer Mitteilung.
"""


@pytest.fixture
def with_left_out(qtbot, main_window, inputs, tmp_path):
    """The window with a syndicated copy of one story and a German page, and a recipe keeping English only:
    the corpus stages leave out one duplicate and one page in another language."""
    extra = tmp_path / "extra"
    extra.mkdir()
    story = (inputs[0] / "news" / "harbour.txt").read_text(encoding="utf-8")
    (extra / "copy-of-harbour.txt").write_text("Syndicated from the wire\n\n" + story, encoding="utf-8")
    (extra / "bruecke.txt").write_text(GERMAN_STORY, encoding="utf-8")
    import_and_wait(qtbot, main_window, [*inputs, extra])
    main_window.change_recipe(main_window.recipe.with_value("filter.language", "languages", ["en"]), "English only")
    return main_window, [*inputs, extra]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_dialog_writes_the_documents_left_out_like_the_command_line(qtbot, with_left_out, tmp_path, monkeypatch, suffix):
    window, roots = with_left_out
    dest = tmp_path / "out" / "corpus.jsonl"
    left_out = tmp_path / "out" / f"left{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(left_out), ""))
    window.act_export.trigger()
    dialog = window.export_dialog
    dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
    dialog.destination.setText(str(dest))
    assert not dialog.left_out_path.isEnabled()
    dialog.left_out.setChecked(True)
    assert dialog.left_out_path.text() == str(tmp_path / "out" / "corpus-left-out.jsonl")  # a name offered at once
    dialog.left_out_browse.click()
    assert dialog.left_out_destination() == str(left_out)
    with qtbot.waitSignal(window.exportFinished, timeout=30_000) as blocker:
        dialog.export_button.click()
    assert isinstance(blocker.args[0], ExportSummary), blocker.args[0]
    assert blocker.args[0].documents == 4
    assert window.left_out_summary is not None and window.left_out_summary.documents == 2
    assert "2 documents left out" in window.export_summary_box.text()
    text = left_out.read_text(encoding="utf-8")
    assert "filter.language" in text and "duplicates.near" in text and "near-duplicate of" in text

    recipe_file = tmp_path / "recipe.toml"
    save(window.recipe, recipe_file)
    command, command_left = tmp_path / "command" / dest.name, tmp_path / "command" / left_out.name
    run = subprocess.run(
        [sys.executable, "-m", "winnow", "clean", *map(str, roots), "-o", str(command), "--rejected", str(command_left), "--recipe", str(recipe_file), "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert dest.read_bytes() == command.read_bytes()
    assert left_out.read_bytes() == command_left.read_bytes()


def test_left_out_file_must_be_jsonl_or_csv_and_not_the_corpus(qtbot, with_left_out, tmp_path):
    window, _ = with_left_out
    window.act_export.trigger()
    dialog = window.export_dialog
    dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
    dialog.destination.setText(str(tmp_path / "c.jsonl"))
    dialog.left_out.setChecked(True)
    for name, ok in (("left.txt", False), ("c.jsonl", False), ("left.csv", True), ("", False)):
        dialog.left_out_path.setText(str(tmp_path / name) if name else "")
        assert dialog.export_button.isEnabled() is ok, name
        assert dialog.left_out_error.isVisibleTo(dialog) is not ok
    dialog.left_out.setChecked(False)  # not asked for: the name does not matter
    dialog.left_out_path.setText(str(tmp_path / "left.txt"))
    assert dialog.export_button.isEnabled() and dialog.left_out_destination() is None
    dialog.reject()
