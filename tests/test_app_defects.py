"""Window defects found by trying the window as a new user would (issue 11), one test each."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app_helpers import import_and_wait, line_row, select_by_name, write_corpus


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


# ---------------------------------------------------------------- 2, 3: the rules panel changes only on purpose


def first_spin(window):
    from PySide6.QtWidgets import QAbstractSpinBox

    for rule_id, row in window.rules_panel.rows.items():
        for name, control in row.controls.items():
            if isinstance(control, QAbstractSpinBox) and control.isEnabled():
                window.rules_panel.show_rule(rule_id, more=True)  # thresholds are folded away at first
                return rule_id, name, control
    raise AssertionError("no number parameter in the rules panel")


def wheel(widget, steps: int = 1) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_does_not_change_a_parameter_it_passes_over(qtbot, loaded):
    rule_id, name, spin = first_spin(loaded)
    before = loaded.recipe
    loaded.table.setFocus()
    wheel(spin, -3)
    assert loaded.recipe == before and loaded.undo_stack.count() == 0
    assert spin.value() == before.value(rule_id, name)


def test_the_wheel_changes_a_parameter_once_it_has_focus(qtbot, loaded):
    rule_id, name, spin = first_spin(loaded)
    before = loaded.recipe.value(rule_id, name)
    spin.setFocus()
    wheel(spin, 1)
    assert loaded.recipe.value(rule_id, name) != before


def test_ctrl_z_in_a_number_field_undoes_the_recipe(qtbot, loaded):
    rule_id, name, spin = first_spin(loaded)
    original = loaded.recipe.value(rule_id, name)
    spin.setFocus()
    spin.setValue(original + spin.singleStep())  # a committed change: one history entry
    assert loaded.recipe.value(rule_id, name) == original + spin.singleStep()
    qtbot.keyClick(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert loaded.recipe.value(rule_id, name) == original
    assert spin.value() == original
    assert loaded.undo_stack.index() == 0
    spin.clearFocus()  # leaving the field records nothing new
    assert loaded.undo_stack.count() == 1 and loaded.undo_stack.index() == 0


def test_ctrl_z_after_typing_a_number_takes_the_typing_back(qtbot, loaded):
    rule_id, name, spin = first_spin(loaded)
    original = loaded.recipe.value(rule_id, name)
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, str(int(original) + 7))
    qtbot.keyClick(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert loaded.recipe.value(rule_id, name) == original
    assert spin.value() == original
    spin.clearFocus()
    assert loaded.recipe.value(rule_id, name) == original


# ---------------------------------------------------------------- 12: removing every document asks, and can be undone


def test_remove_all_documents_asks_first(qtbot, loaded, answer_questions):
    from PySide6.QtWidgets import QMessageBox

    answer_questions["button"] = QMessageBox.StandardButton.Cancel
    loaded.act_clear.trigger()
    assert answer_questions["asked"] and "3 documents" in answer_questions["asked"][-1]
    assert loaded.document_count() == 3


def test_remove_all_documents_can_be_undone_without_reading_again(qtbot, loaded, answer_questions, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    import winnow.app.workers as workers
    from app_helpers import inline_workers

    answer_questions["button"] = QMessageBox.StandardButton.Yes
    sources = [d.source for d in loaded.corpus.documents]
    loaded.act_clear.trigger()
    assert loaded.document_count() == 0 and loaded.act_restore.isEnabled()
    inline_workers(monkeypatch)
    monkeypatch.setattr(workers, "find_files", lambda *a, **k: (_ for _ in ()).throw(AssertionError("read again")))
    loaded.act_restore.trigger()
    assert [d.source for d in loaded.corpus.documents] == sources
    assert loaded.current_cleaned is not None
    assert not loaded.act_restore.isEnabled()


# ---------------------------------------------------------------- 11, 13: the export dialog shows only what applies


def test_txt_folder_export_shows_no_metadata_choices(qtbot, loaded):
    loaded.act_export.trigger()
    dialog = loaded.export_dialog
    dialog.format.setCurrentIndex(dialog.format.findData("txt"))
    assert not dialog.fields_box.isVisible()
    assert not dialog.formula_safe.isVisible()
    for fmt in ("jsonl", "txt-single"):
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        assert dialog.fields_box.isVisible()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.formula_safe.isVisible()
    dialog.reject()


def test_export_dialog_controls_have_distinct_accelerators(qtbot, loaded):
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    loaded.act_export.trigger()
    dialog = loaded.export_dialog
    texts = [w.text() for w in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLabel) if w.isVisible()]
    texts += [g.title() for g in dialog.findChildren(QGroupBox)]
    keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]
    assert len(keys) >= 6, texts
    assert len(keys) == len(set(keys)), texts
    dialog.reject()


# ---------------------------------------------------------------- 13: keyboard


def test_up_and_down_step_over_blank_lines(qtbot, loaded):
    view = loaded.preview.lines
    cleaned = loaded.current_cleaned
    text_rows = [i for i, line in enumerate(cleaned.lines) if line.strip()]
    assert len(text_rows) < len(cleaned.lines)  # the article has blank lines between paragraphs
    view.setFocus()
    view.setCurrentIndex(loaded.preview.model.index(text_rows[0]))
    visited = [text_rows[0]]
    for _ in text_rows[1:]:
        qtbot.keyClick(view, Qt.Key.Key_Down)
        visited.append(view.currentIndex().row())
    assert visited == text_rows
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == text_rows[-2]
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == text_rows[-1]


def test_one_tab_goes_from_the_document_table_to_the_lines(qtbot, loaded):
    from PySide6.QtWidgets import QApplication

    loaded.activateWindow()
    loaded.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is loaded.table)
    qtbot.keyClick(loaded.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is loaded.preview.lines


# ---------------------------------------------------------------- 6: the window fits the screen


def test_the_window_fits_the_available_screen(qtbot, main_window):
    available = main_window.screen().availableGeometry()
    assert available.contains(main_window.frameGeometry()) or (main_window.width() <= available.width() and main_window.height() <= available.height())


def test_a_saved_geometry_larger_than_the_screen_is_not_restored(qtbot, app_settings, answer_questions):
    from winnow.app.window import MainWindow

    first = MainWindow(app_settings, restore_session=False)
    qtbot.addWidget(first)
    available = first.screen().availableGeometry()
    first.setMinimumSize(0, 0)
    first.resize(available.width() * 2, available.height() * 2)  # as saved on a bigger screen
    first.save_ui_state()
    first.shutdown()
    second = MainWindow(app_settings, restore_session=False)
    qtbot.addWidget(second)
    second.show()
    assert second.width() <= available.width() and second.height() <= available.height()
    second.shutdown()


# ---------------------------------------------------------------- 4: a huge one-line file


class GapMeter:
    """The longest gap between ticks of a 10 ms timer: how long the event loop stalled."""

    def __init__(self) -> None:
        import time

        from PySide6.QtCore import QTimer

        self.clock = time.perf_counter
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.tick)
        self.longest = 0.0
        self.last = self.clock()
        self.timer.start()

    def tick(self) -> None:
        now = self.clock()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def huge_one_line_file(folder: Path) -> Path:
    words = ("harbour", "council", "barrier", "budget", "storm", "quay", "market", "homes")
    sentence = " ".join(words[(i * 7) % len(words)] for i in range(40)) + ", "
    path = folder / "one-line.txt"
    path.write_text(sentence * (20_000_000 // len(sentence)), encoding="utf-8")
    return path


def test_a_20_mb_one_line_file_does_not_stall_the_window_and_shows_its_problem(qtbot, main_window, tmp_path):
    path = huge_one_line_file(tmp_path)
    meter = GapMeter()
    import_and_wait(qtbot, main_window, [path], timeout=120_000)
    main_window.select_document(0)
    wait_for_preview(qtbot, main_window)
    longest = meter.longest
    if longest > 0.100 * STALL_SLACK:  # once more: a busy shared machine can stall any process on its own
        meter.longest = 0.0
        main_window.table.clearSelection()
        main_window._show_document(None)
        main_window.select_document(0)
        wait_for_preview(qtbot, main_window)
        longest = min(longest, meter.longest)
    meter.timer.stop()
    assert longest < 0.100 * STALL_SLACK, f"the event loop stalled for {longest * 1000:.0f} ms"
    problems = [p for p in main_window.problems_model.problems if p.source.endswith("one-line.txt")]
    assert problems and not any(p.fatal for p in problems)
    main_window.table.setColumnHidden(main_window.doc_model.WORDS, False)  # shown from the header's menu
    words = main_window.proxy.index(0, main_window.doc_model.WORDS)
    shown = words.data()
    assert main_window.table.columnWidth(main_window.doc_model.WORDS) >= main_window.table.fontMetrics().horizontalAdvance(shown)


def wait_for_preview(qtbot, window) -> None:
    if window.preview_pending():
        with qtbot.waitSignal(window.previewUpdated, timeout=120_000):
            pass
    qtbot.wait(300)  # rows are measured and painted


STALL_SLACK = 5.0  # the test machine is shared (load 8-12 on 2 cores): scheduling alone stalls 150-360 ms there; before
# the fix this stalled for 2.6-3.6 s. bench/bench_window.py measures against the 100 ms goal itself.


# ---------------------------------------------------------------- 8: another rule also matches


def test_switching_a_rule_off_says_which_other_rule_still_removes_its_lines(qtbot, loaded):
    rows = [i for i, line in enumerate(loaded.current_cleaned.lines) if line == "ADVERTISEMENT"]
    assert len(rows) == 2 and all(loaded.current_cleaned.removals[i].rule_id == "ads.markers" for i in rows)
    loaded.rules_panel.rows["ads.markers"].switch.click()
    assert not loaded.recipe.enabled("ads.markers")
    still = [loaded.current_cleaned.removals[i] for i in rows if loaded.current_cleaned.removals[i] is not None]
    assert still, "the repeated marker is also a repeated line"
    message = loaded.statusBar().currentMessage()
    assert "also removed by other rules" in message
    for removal in still:
        assert removal.family.label in message


def test_switching_a_rule_off_says_nothing_when_its_lines_come_back(qtbot, loaded):
    loaded.rules_panel.rows["repeats.lines"].switch.click()
    loaded.rules_panel.rows["ads.markers"].switch.click()
    assert all(r is None for line, r in zip(loaded.current_cleaned.lines, loaded.current_cleaned.removals) if line == "ADVERTISEMENT")
    assert "also removed" not in loaded.statusBar().currentMessage()


# ---------------------------------------------------------------- 7: the text field of JSON/CSV files


RECORDS = [
    {
        "url": "https://example.org/a",
        "title": "Harbour budget",
        "description": "The harbour council voted on Tuesday "
        "to approve a budget of forty million euros for a new flood barrier, after two winters of storm damage.",
    },
    {
        "url": "https://example.org/b",
        "title": "Rail strike",
        "description": "Train drivers returned to work on Monday after their union accepted a pay offer of four percent over two years.",
    },
]


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.csv"])
def test_a_record_file_without_a_known_text_field_can_be_given_one(qtbot, main_window, tmp_path, monkeypatch, name):
    import csv
    import json

    from PySide6.QtWidgets import QInputDialog

    path = tmp_path / name
    if name.endswith(".jsonl"):
        path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    else:
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=list(RECORDS[0]))
            writer.writeheader()
            writer.writerows(RECORDS)
    import_and_wait(qtbot, main_window, [tmp_path])
    assert main_window.document_count() == 0
    problem = main_window.problems_model.problems[0]
    offered = []

    def get_item(parent, title, label, items, current, editable):
        offered.extend(items)
        return "description", True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    with qtbot.waitSignal(main_window.importFinished, timeout=20_000):
        main_window.problems_view.activated.emit(main_window.problems_model.index(0, 0))
    assert offered == ["url", "title", "description"]
    assert main_window.document_count() == 2
    assert main_window.corpus.documents[0].lines[0].startswith("The harbour council voted")
    assert not any(p.source == problem.source for p in main_window.problems_model.problems)


# ---------------------------------------------------------------- the document list


def test_document_list_shows_titles_and_filters_by_rule_and_status(qtbot, loaded):
    from winnow.app.models import DocumentTableModel, Flags

    window = loaded
    proxy = window.proxy
    titles = [proxy.index(r, DocumentTableModel.TITLE).data() for r in range(proxy.rowCount())]
    assert "Harbour council approves new flood barrier budget" in titles or any("Harbour" in t for t in titles)
    visible = [c for c in range(proxy.columnCount()) if not window.table.isColumnHidden(c)]
    assert visible == [c for c in DocumentTableModel.SHOWN if c != DocumentTableModel.SITE]  # plain text has no site
    window.rule_filter.setCurrentIndex(window.rule_filter.findData("ads.markers"))
    assert [proxy.index(r, DocumentTableModel.NAME).data() for r in range(proxy.rowCount())] == ["harbour.txt"]
    window.rule_filter.setCurrentIndex(0)
    window.status_filter.setCurrentIndex(window.status_filter.findData(Flags.EMPTY))
    assert proxy.rowCount() == 0
    window.status_filter.setCurrentIndex(0)
    assert proxy.rowCount() == 3


def test_the_selected_document_stays_in_view_after_sorting(qtbot, main_window, tmp_path):
    from app_helpers import ARTICLE, SECOND
    from winnow.app.models import DocumentTableModel

    for n in range(60):
        (tmp_path / f"doc{n:02d}.txt").write_text(ARTICLE if n % 2 else SECOND, encoding="utf-8")
    import_and_wait(qtbot, main_window, [tmp_path])
    table = main_window.table
    main_window.select_document(0)
    table.setColumnHidden(DocumentTableModel.NAME, False)
    table.sortByColumn(DocumentTableModel.NAME, Qt.SortOrder.DescendingOrder)  # doc00 goes to the bottom
    qtbot.wait(50)
    current = table.currentIndex()
    assert current.isValid() and current.row() == 59
    assert table.viewport().rect().intersects(table.visualRect(current))


def test_history_names_a_parameter_change_from_its_first_value_to_its_last(qtbot, loaded):
    from winnow.rules import BUILTIN_RULES

    rule_id, name, spin = first_spin(loaded)
    label = next(p.label for cls in BUILTIN_RULES if cls.id == rule_id for p in cls.params if p.name == name)
    original = spin.value()
    spin.setValue(original + spin.singleStep())
    spin.setValue(original + 2 * spin.singleStep())  # merged into one step
    assert loaded.undo_stack.count() == 1
    text = loaded.undo_stack.text(0)
    assert text.startswith(f"{label}: ") and "→" in text
    assert text.split(": ", 1)[1].split(" → ")[0].replace(".0", "") == f"{original:g}"


# ---------------------------------------------------------------- settings and help


def test_settings_change_the_theme_and_the_preview_text_size_and_are_kept(qtbot, main_window, app_settings, answer_questions):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from winnow.app.preferences import PREVIEW_FONT_SIZE, THEME, apply_theme
    from winnow.app.theme import is_dark
    from winnow.app.window import MainWindow

    main_window.act_settings.trigger()
    dialog = main_window.settings_dialog
    try:
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        assert is_dark(QApplication.instance().palette())
        assert THEME.read(app_settings) == "dark"
        dialog.font_size.setValue(17)
        assert main_window.preview.lines.font().pointSize() == 17
        assert PREVIEW_FONT_SIZE.read(app_settings) == 17
        dialog.theme.setCurrentIndex(dialog.theme.findData("system"))
        assert not is_dark(QApplication.instance().palette())
    finally:
        apply_theme("system")
        dialog.reject()
    again = MainWindow(app_settings, restore_session=False)
    qtbot.addWidget(again)
    assert again.preview.lines.font().pointSize() == 17
    again.shutdown()
    assert QApplication.instance().palette().color(QPalette.ColorRole.Base).lightness() > 128


def test_a_preference_of_the_wrong_type_falls_back_to_its_default(app_settings):
    from winnow.app.preferences import PREVIEW_FONT_SIZE

    app_settings.setValue(PREVIEW_FONT_SIZE.key, "large")
    assert PREVIEW_FONT_SIZE.read(app_settings) == 0


def test_help_lists_the_shortcuts_and_opens_the_bundled_manual(qtbot, main_window):
    main_window.act_shortcuts.trigger()
    text = main_window.help_dialog.browser.toPlainText()
    assert "Undo" in text and "Ctrl+Z" in text and "Export" in text and "Ctrl+E" in text
    main_window.help_dialog.reject()
    main_window.act_manual.trigger()
    manual = main_window.help_dialog.browser.toPlainText()
    assert "Winnow in five minutes" in manual and "Ctrl+Z" in manual
    main_window.help_dialog.reject()


# ---------------------------------------------------------------- the corpus-wide list of one rule's lines


def open_removed_lines(qtbot, window, rule_id: str):
    if rule_id in window.rules_panel.rows:
        window.rules_panel.rows[rule_id].counts.linkActivated.emit("removed")
    else:  # one of the user's own lists
        counts = next(label for label, counted in window.rules_panel.custom_counts.values() if counted == rule_id)
        counts.linkActivated.emit("removed")
    dialog = window.removed_lines_dialog
    qtbot.waitUntil(lambda: "removes" in dialog.summary.text(), timeout=20_000)  # every document was looked at
    return dialog


def test_a_rules_count_opens_every_line_it_removed_in_the_corpus(qtbot, qtmodeltester, loaded):
    assert 'href="removed"' in loaded.rules_panel.rows["ads.markers"].counts.text()
    dialog = open_removed_lines(qtbot, loaded, "ads.markers")
    rows = dialog.model.rows
    assert [(loaded.corpus.documents[d].name, text) for d, _, text in rows] == [("harbour.txt", "ADVERTISEMENT")] * 2
    assert "2 lines in 1 document" in dialog.summary.text()
    qtmodeltester.check(dialog.model)
    dialog.reject()


def test_lines_kept_from_the_list_are_kept_by_hand_as_one_undoable_step(qtbot, loaded):
    dialog = open_removed_lines(qtbot, loaded, "ads.markers")
    dialog.table.selectRow(0)
    dialog.keep_button.click()
    doc = loaded.corpus.documents[dialog.model.rows[0][0]] if dialog.model.rows else None
    assert len(dialog.model.rows) == 1
    assert len(loaded.recipe.overrides) == 1 and loaded.recipe.overrides[0].action == "keep"
    assert "Keep 1 line removed by" in loaded.undo_stack.text(loaded.undo_stack.index() - 1)
    loaded.undo()
    assert loaded.recipe.overrides == ()
    dialog.table.selectRow(0)
    dialog.show_button.click()
    assert loaded.current_doc is doc
    assert loaded.preview.current_row() == dialog.model.rows[0][1]
    dialog.reject()


def narrow(qtbot, window, dialog, rows: list[int]) -> list:
    """Select rows of the list, ask how to narrow its rule, and return the labels offered."""
    dialog.table.clearSelection()
    for row in rows:
        dialog.table.selectionModel().select(dialog.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    with qtbot.waitSignal(window.narrowingsOffered, timeout=30_000):
        dialog.narrow_button.click()
    assert dialog.narrow_row.isVisibleTo(dialog)
    return [o.label for o in dialog.narrowings()]


def apply_narrowing(dialog, label: str) -> None:
    dialog.narrow_choices.setCurrentIndex(dialog.narrow_choices.findText(label))
    dialog.apply_button.click()


def test_a_phrase_rule_is_narrowed_from_its_list_by_taking_out_the_phrase_that_matched(qtbot, loaded):
    loaded.add_custom_entry("drop_containing", "weekend edition", "test edit")
    loaded.add_custom_entry("drop_containing", "town hall", "test edit")
    qtbot.waitUntil(lambda: loaded._recount_task is None, timeout=20_000)
    dialog = open_removed_lines(qtbot, loaded, "custom.drop-containing")
    row = next(i for i, (_d, _l, text) in enumerate(dialog.model.rows) if "weekend edition" in text)
    labels = narrow(qtbot, loaded, dialog, [row])
    assert labels[0] == "Take out the phrase “weekend edition”"
    assert not any("town hall" in label for label in labels)  # it does not match the chosen line
    apply_narrowing(dialog, labels[0])
    assert loaded.recipe.custom.drop_containing == ("town hall",)
    assert loaded.undo_stack.text(loaded.undo_stack.index() - 1) == "Phrase “weekend edition” removed"
    qtbot.waitUntil(lambda: "removes" in dialog.summary.text(), timeout=20_000)  # listed again with the new recipe
    assert [text for _d, _l, text in dialog.model.rows if "weekend edition" in text] == []
    loaded.undo()
    assert loaded.recipe.custom.drop_containing == ("weekend edition", "town hall")
    dialog.reject()


def test_a_line_from_the_list_becomes_a_keep_exception_as_one_undoable_step(qtbot, loaded):
    dialog = open_removed_lines(qtbot, loaded, "ads.markers")
    labels = narrow(qtbot, loaded, dialog, [0])
    assert labels[-1] == "Always keep lines containing “ADVERTISEMENT”"  # a keep-exception is always offered
    apply_narrowing(dialog, labels[-1])
    assert loaded.recipe.custom.keep_containing == ("ADVERTISEMENT",)
    assert loaded.undo_stack.text(loaded.undo_stack.index() - 1) == "Keep phrase “ADVERTISEMENT” added"
    qtbot.waitUntil(lambda: "removes" in dialog.summary.text(), timeout=20_000)
    assert dialog.model.rows == []
    loaded.undo()
    assert loaded.recipe.custom.keep_containing == ()
    dialog.reject()


# ---------------------------------------------------------------- side by side


def test_side_by_side_shows_each_removed_line_beside_the_gap_it_leaves(qtbot, qtmodeltester, loaded):
    from winnow.core.model import Family

    qtbot.keyClick(loaded.preview.lines, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    pane = loaded.preview
    assert pane.stack.currentWidget() is pane.side
    model = pane.side_model
    cleaned = loaded.current_cleaned
    assert model.rowCount() == sum(1 for line in cleaned.lines if line.strip())
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    ad = rows[f"[{Family.ADS.label}] ADVERTISEMENT"]
    assert model.index(ad, 1).data() == ""
    assert model.index(ad, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    kept = next(r for r in range(model.rowCount()) if model.index(r, 1).data())
    assert model.index(kept, 0).data() == model.index(kept, 1).data()
    qtmodeltester.check(model)
    loaded.change_recipe(loaded.recipe.with_enabled("ads.markers", False), "off")  # follows the recipe at once
    assert all(
        model.index(r, 1).data() != "" or "ADVERTISEMENT" not in model.index(r, 0).data() or "Repeat" in model.index(r, 0).data()
        for r in range(model.rowCount())
    )


def test_warnings_count_on_the_status_bar_without_taking_the_previews_room(qtbot, main_window, tmp_path):
    sentence = "The harbour council met again on Tuesday to discuss the budget, "
    (tmp_path / "long-line.txt").write_text(sentence * (30_000 // len(sentence)), encoding="utf-8")  # split: a warning
    import_and_wait(qtbot, main_window, [tmp_path])
    problems = main_window.problems_model.problems
    assert problems and not any(p.fatal for p in problems)
    assert main_window.problems_button.isVisible()
    assert not main_window.problems_dock.isVisible()


def test_the_site_column_gives_way_to_the_title_on_a_narrow_list_unless_the_user_chose_it(qtbot, main_window, tmp_path):
    from app_helpers import PAGE
    from winnow.app.models import DocumentTableModel

    page = tmp_path / "harbour.html"
    site = '<meta property="og:site_name" content="Harbour Times"><link rel="canonical" href="https://www.harbour-times.example/a">'
    page.write_text(PAGE.replace("</head>", site + "</head>"), encoding="utf-8")
    window = main_window
    window.resize(1400, 800)
    window.show()
    qtbot.waitExposed(window)
    import_and_wait(qtbot, window, [page])
    assert window.corpus.stats[0].site  # the page names its site
    column = DocumentTableModel.SITE
    total = sum(window.splitter.sizes())
    window.splitter.setSizes([total - 300, 300])  # a wide list: title and site both fit
    qtbot.waitUntil(lambda: not window.table.isColumnHidden(column))
    window.splitter.setSizes([250, total - 250])  # a narrow one: the title gets the room
    qtbot.waitUntil(lambda: window.table.isColumnHidden(column))
    window._choose_column(column, True)  # shown from the column menu: stays, however narrow
    window.splitter.setSizes([240, total - 240])
    QApplication.processEvents()
    assert not window.table.isColumnHidden(column)


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_preview_gets_more_room_than_the_document_list_on_a_first_start(qtbot, main_window, width, tmp_path):
    main_window.resize(width, 700)
    main_window.size_docks_to_window()
    main_window.show()
    qtbot.waitExposed(main_window)
    import_and_wait(qtbot, main_window, [write_corpus(tmp_path)])  # the list and preview show with the first documents
    qtbot.waitUntil(lambda: main_window.splitter.sizes()[1] > main_window.splitter.sizes()[0] * 1.15)
    documents, preview = main_window.splitter.sizes()
    assert preview > documents * 1.15, (documents, preview)
    assert documents >= main_window.fontMetrics().averageCharWidth() * 42  # still room for readable titles


def test_side_by_side_tints_a_removed_line_by_its_family_as_the_annotated_view_does(qtbot, loaded):
    from PySide6.QtWidgets import QStyleOptionViewItem

    from winnow.app.theme import family_tint
    from winnow.core.model import Family

    pane = loaded.preview
    pane.set_mode(pane.SIDE_BY_SIDE)
    model = pane.side_model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    ad = rows[f"[{Family.ADS.label}] ADVERTISEMENT"]
    kept = next(r for r in range(model.rowCount()) if model.index(r, 1).data())
    delegate = pane.side.itemDelegate()

    def background(row: int, column: int):
        option = QStyleOptionViewItem()
        option.palette = pane.side.palette()
        delegate.initStyleOption(option, model.index(row, column))
        return option.backgroundBrush.color().name() if option.backgroundBrush.style() != Qt.BrushStyle.NoBrush else None

    assert background(ad, 0) == family_tint(Family.ADS, pane.side.palette()).name()
    assert background(ad, 1) is None and background(kept, 0) is None
