"""Window defects found by trying the window as a new user would (issue 11), one test each."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import import_and_wait, line_row, select_by_name, write_corpus
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QImage


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path)


@pytest.fixture
def loaded(qtbot, main_window, corpus):
    import_and_wait(qtbot, main_window, [corpus])
    select_by_name(main_window, "harbour.txt")
    return main_window


def distinct_colours(image: QImage) -> int:
    colours = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colours.add(image.pixel(x, y))
    return len(colours)


def row_image(window, row: int) -> QImage:
    view = window.preview.lines
    index = window.preview.model.index(row)
    view.scrollTo(index)
    rect = view.visualRect(index)
    return view.viewport().grab(rect).toImage()


def select_line(qtbot, window, row: int) -> None:
    view = window.preview.lines
    view.setFocus()
    view.selectionModel().setCurrentIndex(window.preview.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.wait(20)


# ---------------------------------------------------------------- 1: the selected line stays readable


def test_a_selected_removed_line_paints_its_number_box_label_and_text(qtbot, loaded):
    row = line_row(loaded, "ADVERTISEMENT")
    unselected = distinct_colours(row_image(loaded, row))
    select_line(qtbot, loaded, row)
    image = row_image(loaded, row)
    assert distinct_colours(image) > 8, "the selected row is a flat bar"
    assert distinct_colours(image) >= unselected // 2


def test_a_line_decided_by_hand_stays_readable_while_selected(qtbot, loaded):
    row = line_row(loaded, "ADVERTISEMENT")
    select_line(qtbot, loaded, row)
    qtbot.keyClick(loaded.preview.lines, Qt.Key.Key_Space)
    assert loaded.current_cleaned.removals[row] is None  # kept by hand
    qtbot.wait(20)
    assert distinct_colours(row_image(loaded, row)) > 8
