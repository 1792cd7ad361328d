"""The main window: import (drag and drop, menus), preview, rules, hand decisions, undo, recipe files, session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app_helpers import (
    ARTICLE,
    PAGE,
    drag_and_drop,
    file_urls_mime,
    import_and_wait,
    line_row,
    removed_texts,
    select_by_name,
    write_corpus,
)
from winnow.app import sample_corpus_path
from winnow.app.models import DocumentTableModel, LineRole
from winnow.app.widgets import EMPTY_MESSAGE
from winnow.core.model import Family
from winnow.recipe import Recipe, default_recipe, dumps, load, save
from winnow.rules import BUILTIN_RULES

AD_RULE = "ads.markers"


def needs_rule(rule_id: str):
    return pytest.mark.skipif(rule_id not in {c.id for c in BUILTIN_RULES}, reason=f"rule {rule_id} not registered")


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path)


@pytest.fixture
def loaded(qtbot, main_window, corpus):
    """The window with the synthetic corpus imported and harbour.txt selected."""
    import_and_wait(qtbot, main_window, [corpus])
    select_by_name(main_window, "harbour.txt")
    return main_window


# ---------------------------------------------------------------- start and import


def test_empty_state_says_what_to_do_and_opens_the_sample(qtbot, main_window):
    assert main_window.central.currentWidget() is main_window.empty_state
    texts = [w.text() for w in main_window.empty_state.findChildren(type(main_window.corpus_summary))]
    assert EMPTY_MESSAGE in texts
    sample = sample_corpus_path()
    assert sample is not None and sample.is_dir()
    with qtbot.waitSignal(main_window.importFinished, timeout=20_000):
        main_window.empty_state.sample_button.click()
    assert main_window.document_count() == len(list(sample.glob("*.txt")))
    assert main_window.central.currentWidget() is main_window.splitter
    # the first document is selected and previewed straight away
    assert main_window.current_cleaned is not None


def test_drop_a_file_imports_it(qtbot, main_window, corpus):
    with qtbot.waitSignal(main_window.importFinished, timeout=20_000):
        entered, dropped = drag_and_drop(main_window, file_urls_mime(corpus / "museum.txt"))
    assert entered and dropped
    assert main_window.document_count() == 1
    assert main_window.corpus.documents[0].source == "museum.txt"


def test_drop_a_folder_imports_everything_in_it(qtbot, main_window, corpus):
    with qtbot.waitSignal(main_window.importFinished, timeout=20_000):
        entered, dropped = drag_and_drop(main_window, file_urls_mime(corpus))
    assert entered and dropped
    assert sorted(d.source for d in main_window.corpus.documents) == ["corpus/museum.txt", "corpus/news/harbour.txt", "corpus/news/rail.txt"]


def test_drop_on_a_text_box_imports_instead_of_pasting_the_path(qtbot, main_window, corpus):
    editor = main_window.rules_panel.editors["drop_containing"].edit
    with qtbot.waitSignal(main_window.importFinished, timeout=20_000):
        entered, dropped = drag_and_drop(editor.viewport(), file_urls_mime(corpus / "museum.txt"))
    assert entered and dropped
    assert editor.toPlainText() == ""
    assert main_window.document_count() == 1


def test_a_web_link_is_not_accepted(qtbot, main_window):
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.com/page.html")])
    entered, dropped = drag_and_drop(main_window, mime)
    assert not entered and not dropped
    text_only = QMimeData()
    text_only.setText("just some text")
    assert drag_and_drop(main_window, text_only) == (False, False)
    assert main_window.document_count() == 0


def test_add_folder_through_the_menu(qtbot, main_window, corpus, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(corpus))
    with qtbot.waitSignal(main_window.importFinished, timeout=20_000):
        main_window.act_add_folder.trigger()
    assert main_window.document_count() == 3


def test_importing_the_same_folder_twice_adds_nothing(qtbot, main_window, corpus):
    import_and_wait(qtbot, main_window, [corpus])
    import_and_wait(qtbot, main_window, [corpus])
    assert main_window.document_count() == 3


def test_a_bad_file_is_listed_in_the_problems_panel(qtbot, main_window, corpus):
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (corpus / "feed.jsonl").write_text('{"text": "A fine record with enough words in it to be a document."}\n{"text": \n', encoding="utf-8")
    import_and_wait(qtbot, main_window, [corpus])
    problems = main_window.problems_model
    files = [problems.index(r, problems.FILE).data() for r in range(problems.rowCount())]
    assert "corpus/broken.txt" in files
    assert any(f == "corpus/feed.jsonl" for f in files)
    message = problems.index(files.index("corpus/broken.txt"), problems.MESSAGE).data()
    assert "binary" in message
    assert main_window.problems_dock.isVisible()
    assert main_window.problems_button.isVisible() and "problem" in main_window.problems_button.text()
    # the good documents were still imported, the broken file was not
    sources = {d.source for d in main_window.corpus.documents}
    assert "corpus/news/harbour.txt" in sources and "corpus/broken.txt" not in sources


def test_cancelling_an_import_takes_its_documents_back(qtbot, main_window, corpus, monkeypatch):
    import winnow.app.workers as workers
    from app_helpers import inline_workers

    inline_workers(monkeypatch)

    real = workers.read_file

    def slow_read(path, source, options):
        for item in real(path, source, options):
            yield item
            main_window.cancel_import()  # the user presses Cancel after the first document

    monkeypatch.setattr(workers, "read_file", slow_read)
    import_and_wait(qtbot, main_window, [corpus])
    assert main_window.document_count() == 0
    assert main_window.roots == []


# ---------------------------------------------------------------- preview


def test_preview_marks_removed_lines_with_family_label_and_reason(loaded):
    window = loaded
    model = window.preview.model
    ad = line_row(window, "ADVERTISEMENT")
    index = model.index(ad)
    assert Family(index.data(LineRole.FAMILY)) is Family.ADS
    assert index.data(LineRole.LABEL) == Family.ADS.label
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert "Removed" in index.data(Qt.ItemDataRole.ToolTipRole) and AD_RULE in index.data(Qt.ItemDataRole.ToolTipRole)
    body = model.index(line_row(window, "Harbour council approves new flood barrier budget"))
    assert body.data(LineRole.FAMILY) is None
    assert body.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert "Ad" in window.preview.legend.text()


def test_clean_result_view_shows_the_exported_text(loaded):
    window = loaded
    window.act_clean.trigger()
    assert window.preview.stack.currentWidget() is window.preview.clean_text
    text = window.preview.clean_text.toPlainText()
    assert text == window.current_cleaned.text
    assert "ADVERTISEMENT" not in text and "flood barrier" in text
    window.act_annotated.trigger()
    assert window.preview.stack.currentWidget() is window.preview.lines


def test_document_table_shows_counts_and_sorts_by_number(qtbot, loaded):
    window = loaded
    proxy = window.proxy
    name, removed_column = DocumentTableModel.NAME, DocumentTableModel.REMOVED
    names = {proxy.index(r, name).data(): r for r in range(proxy.rowCount())}
    harbour = names["harbour.txt"]
    assert int(proxy.index(harbour, removed_column).data()) >= 2  # the two ADVERTISEMENT lines
    window.table.sortByColumn(removed_column, Qt.SortOrder.DescendingOrder)
    removed = [int(proxy.index(r, removed_column).data().replace(",", "")) for r in range(proxy.rowCount())]
    assert removed == sorted(removed, reverse=True)
    window.filter.setText("rail")
    assert [proxy.index(r, name).data() for r in range(proxy.rowCount())] == ["rail.txt"]


# ---------------------------------------------------------------- rules


@needs_rule(AD_RULE)
def test_switching_a_rule_off_changes_preview_and_counts(qtbot, loaded):
    window = loaded
    row = window.rules_panel.rows[AD_RULE]
    assert "ADVERTISEMENT" in removed_texts(window)
    assert "Removes 2 lines here" in row.counts.text()
    before = window.corpus.removed_by_rule[AD_RULE]
    assert before >= 2
    with qtbot.waitSignal(window.countsUpdated, timeout=20_000):
        row.switch.click()
    assert not window.recipe.enabled(AD_RULE)
    assert window.current_cleaned.removals[0] is None  # the first ADVERTISEMENT line is kept now
    assert window.preview.model.index(0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert all(r is None or r.family is not Family.ADS for r in window.current_cleaned.removals)
    assert window.corpus.removed_by_rule[AD_RULE] == 0
    assert "Removes 0 lines here · 0 in all" in row.counts.text()
    assert window.isWindowModified()
    with qtbot.waitSignal(window.countsUpdated, timeout=20_000):
        window.act_undo.trigger()
    assert window.recipe.enabled(AD_RULE) and row.switch.isChecked()
    assert "ADVERTISEMENT" in removed_texts(window)
    assert window.corpus.removed_by_rule[AD_RULE] == before
    assert not window.isWindowModified()


def test_a_family_switch_turns_all_its_rules_off_and_on(main_window):
    panel = main_window.rules_panel
    if not panel.family_switches:
        pytest.skip("no family with several rules")
    family, (switch, ids) = next(iter(panel.family_switches.items()))
    assert switch.checkState() == Qt.CheckState.Checked
    switch.click()
    assert not any(main_window.recipe.enabled(i) for i in ids)
    assert switch.checkState() == Qt.CheckState.Unchecked
    assert main_window.undo_stack.count() == 1 and family.label in main_window.undo_stack.text(0)
    panel.rows[ids[0]].switch.click()  # one rule back on: the family is partly on
    assert switch.checkState() == Qt.CheckState.PartiallyChecked
    switch.click()  # partly on -> all on
    assert all(main_window.recipe.enabled(i) for i in ids)
    assert switch.checkState() == Qt.CheckState.Checked
    main_window.undo_stack.undo()
    assert switch.checkState() == Qt.CheckState.PartiallyChecked


def test_a_single_rule_family_has_one_switch(main_window):
    panel = main_window.rules_panel
    singles = [row for row in panel.rows.values() if not any(row.rule_id in ids for _, ids in panel.family_switches.values())]
    for row in singles:
        assert row.switch.parent() is not row  # the switch is the family header's
        assert row.switch.isVisible()


def test_parameter_controls_follow_the_param_bounds(main_window):
    for cls in BUILTIN_RULES:
        for param in cls.params:
            control = main_window.rules_panel.rows[cls.id].controls[param.name]
            if param.kind in (int, float):
                if param.minimum is not None:
                    assert control.minimum() == pytest.approx(param.minimum)
                if param.maximum is not None:
                    assert control.maximum() == pytest.approx(param.maximum)
                assert control.value() == pytest.approx(param.default)
            elif param.kind is bool:
                assert control.isChecked() == param.default


def test_changing_a_parameter_is_undoable(qtbot, main_window):
    cls = next((c for c in BUILTIN_RULES for p in c.params if p.kind is int), None)
    if cls is None:
        pytest.skip("no rule with a whole-number parameter")
    param = next(p for p in cls.params if p.kind is int)
    spin = main_window.rules_panel.rows[cls.id].controls[param.name]
    new = int(param.default) + 1 if param.maximum is None or param.default < param.maximum else int(param.default) - 1
    spin.setValue(new)
    assert main_window.recipe.value(cls.id, param.name) == new
    main_window.undo_stack.undo()
    assert main_window.recipe.value(cls.id, param.name) == param.default
    assert spin.value() == param.default


def test_an_invalid_regex_is_marked_and_not_applied(qtbot, loaded):
    window = loaded
    editor = window.rules_panel.editors["drop_regex"]
    editor.edit.setPlainText("^Work on the\n(unclosed")
    editor.flush()
    assert window.recipe.custom.drop_regex == ("^Work on the",)
    assert editor.errors.isVisible()
    assert "Line 2" in editor.errors.text() and "not applied" in editor.errors.text()
    marked = editor.edit.extraSelections()
    assert len(marked) == 1 and marked[0].cursor.blockNumber() == 1
    removed = removed_texts(window)
    assert any(t.startswith("Work on the barrier") for t in removed)
    # fixing the pattern applies it, and the mark goes away
    editor.edit.setPlainText("^Work on the\n(unclosed)")
    editor.flush()
    assert window.recipe.custom.drop_regex == ("^Work on the", "(unclosed)")
    assert not editor.errors.isVisible() and editor.edit.extraSelections() == []


def test_an_invalid_selector_is_marked(loaded):
    editor = loaded.rules_panel.editors["selectors"]
    editor.edit.setPlainText("div..broken")
    editor.flush()
    assert loaded.recipe.custom.selectors == ()
    assert editor.errors.isVisible()


def test_typing_in_a_list_applies_after_a_pause(qtbot, loaded):
    editor = loaded.rules_panel.editors["drop_containing"]
    qtbot.keyClicks(editor.edit, "statement")
    assert loaded.recipe.custom.drop_containing == ()  # not per keystroke
    qtbot.waitUntil(lambda: loaded.recipe.custom.drop_containing == ("statement",), timeout=5000)
    assert any("statement" in t for t in removed_texts(loaded))
    assert loaded.undo_stack.count() == 1  # one undo step for the whole word


# ---------------------------------------------------------------- by hand, and undo


def test_hand_decision_then_undo_and_redo(qtbot, loaded):
    window = loaded
    model = window.preview.model
    target = "Councillor Maria Jensen said the barrier would protect about 3,000 homes and the fish market, which flooded twice last year."
    row = line_row(window, target)
    index = model.index(row)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert window.current_cleaned.removals[row].family is Family.MANUAL
    assert model.index(row).data(LineRole.LABEL) == "By hand"
    override = window.recipe.overrides_for(window.current_doc.id)[row + 1]
    assert (override.action, override.text) == ("drop", target)
    assert window.undo_view.model().rowCount() == 2  # "Recipe as opened" + this edit
    assert "Edited by hand".lower() in window.doc_model.flag_text(window.current_doc, window.corpus.stats[window.current_row]).lower()

    window.act_undo.trigger()
    assert window.current_cleaned.removals[row] is None
    assert window.recipe.overrides == ()
    window.act_redo.trigger()
    assert window.current_cleaned.removals[row].family is Family.MANUAL


def test_keeping_a_removed_line_by_hand_with_the_keyboard(qtbot, loaded):
    window = loaded
    view = window.preview.lines
    ad = line_row(window, "ADVERTISEMENT")
    view.setFocus()
    view.setCurrentIndex(window.preview.model.index(ad))
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert window.current_cleaned.removals[ad] is None
    assert window.current_cleaned.kept_by[ad] == "manual"
    assert window.preview.model.index(ad).data(LineRole.LABEL) == "Kept by hand"
    # toggling back removes the hand decision instead of adding an opposite one
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert window.current_cleaned.removals[ad].family is Family.ADS
    assert window.recipe.overrides == ()


def test_clicking_the_box_and_double_clicking_toggle_a_line(qtbot, loaded):
    window = loaded
    view = window.preview.lines
    row = line_row(window, "Harbour council approves new flood barrier budget")
    rect = view.visualRect(window.preview.model.index(row))
    check = view.delegate._columns(rect, view.font())[1]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=check.center())
    assert window.current_cleaned.removals[row] is not None
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + rect.topLeft() * 0)
    assert window.current_cleaned.removals[row] is None


def test_remove_lines_like_this_everywhere(qtbot, loaded):
    window = loaded
    select_by_name(window, "rail.txt")
    row = line_row(window, "Read the full story in our weekend edition")
    window.preview.lines.setCurrentIndex(window.preview.model.index(row))
    with qtbot.waitSignal(window.countsUpdated, timeout=20_000):
        window.act_like_everywhere.trigger()
    assert window.recipe.custom.drop_equal == ("Read the full story in our weekend edition",)
    assert window.current_cleaned.removals[row].family is Family.CUSTOM
    assert window.rules_panel.editors["drop_equal"].edit.toPlainText() == "Read the full story in our weekend edition"
    # everywhere: the museum article has the same line, and the corpus count covers both
    assert window.corpus.removed_by_rule["custom.drop-equal"] == 2
    select_by_name(window, "museum.txt")
    assert "Read the full story in our weekend edition" in removed_texts(window)
    window.act_undo.trigger()
    assert window.recipe.custom.drop_equal == ()
    assert window.rules_panel.editors["drop_equal"].edit.toPlainText() == ""


def test_always_keep_lines_like_this(qtbot, loaded):
    window = loaded
    ad = line_row(window, "ADVERTISEMENT")
    window.preview.lines.setCurrentIndex(window.preview.model.index(ad))
    window.act_keep_like.trigger()
    assert window.recipe.custom.keep_containing == ("ADVERTISEMENT",)
    assert window.current_cleaned.removals[ad] is None
    assert window.preview.model.index(ad).data(LineRole.LABEL) == "Keep rule"


def test_add_selected_text_as_removal_phrase(qtbot, loaded):
    window = loaded
    window.act_clean.trigger()
    view = window.preview.clean_text
    text = view.toPlainText()
    start = text.index("planning office")
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("planning office"), QTextCursor.MoveMode.KeepAnchor)
    assert not window.act_phrase.isEnabled()  # nothing selected yet
    view.setTextCursor(cursor)
    assert window.act_phrase.isEnabled()
    window.act_phrase.trigger()
    assert window.recipe.custom.drop_containing == ("planning office",)
    assert "planning office" not in view.toPlainText()
    assert any("planning office" in t for t in removed_texts(window))


def test_remove_lines_containing_asks_for_the_phrase(qtbot, loaded, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window = loaded
    row = line_row(window, "Harbour council approves new flood barrier budget")
    window.preview.lines.setCurrentIndex(window.preview.model.index(row))
    asked = {}

    def get_text(parent, title, label, echo, text):
        asked["text"] = text
        return "flood barrier", True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    window.act_containing.trigger()
    assert asked["text"] == "Harbour council approves new flood barrier budget"
    assert window.recipe.custom.drop_containing == ("flood barrier",)


# ---------------------------------------------------------------- recipe files and session


def test_save_and_open_recipe_with_title_mark(qtbot, loaded, tmp_path, monkeypatch):
    window = loaded
    assert window.windowTitle().startswith("Untitled recipe")
    window.add_custom_entry("drop_containing", "town hall", "test edit")
    assert window.isWindowModified()
    target = tmp_path / "mine.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.save_recipe()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("mine.toml")
    assert load(target).custom.drop_containing == ("town hall",)
    assert target.read_text(encoding="utf-8") == dumps(window.recipe)

    other = tmp_path / "other.toml"
    save(Recipe().with_custom("drop_equal", ["Read the full story in our weekend edition"]), other)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    assert window.open_recipe()
    assert window.recipe.custom.drop_equal == ("Read the full story in our weekend edition",)
    assert window.recipe.custom.drop_containing == ()
    assert window.windowTitle().startswith("other.toml") and not window.isWindowModified()
    assert window.rules_panel.editors["drop_equal"].edit.toPlainText() == "Read the full story in our weekend edition"


def test_a_broken_recipe_is_reported_not_loaded(qtbot, loaded, tmp_path, monkeypatch):
    bad = tmp_path / "bad.toml"
    bad.write_text('[rules."no.such-rule"]\nenabled = true\n', encoding="utf-8")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    before = loaded.recipe
    assert not loaded.open_recipe(str(bad))
    assert warnings and "no.such-rule" in warnings[0]
    assert loaded.recipe == before


def test_closing_with_unsaved_changes_asks(qtbot, loaded, answer_questions):
    window = loaded
    window.add_custom_entry("drop_containing", "town hall", "test edit")
    answer_questions["button"] = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert window.isVisible() and len(answer_questions["asked"]) == 1
    answer_questions["button"] = QMessageBox.StandardButton.Discard
    assert window.close()


def test_closing_and_saving_writes_the_recipe(qtbot, loaded, answer_questions, tmp_path, monkeypatch):
    target = tmp_path / "saved-on-close.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    loaded.add_custom_entry("drop_containing", "town hall", "test edit")
    answer_questions["button"] = QMessageBox.StandardButton.Save
    assert loaded.close()
    assert load(target).custom.drop_containing == ("town hall",)


def test_session_is_restored_on_the_next_start(qtbot, app_settings, answer_questions, corpus):
    from winnow.app.window import MainWindow

    first = MainWindow(app_settings, restore_session=True)
    qtbot.addWidget(first)
    first.show()
    import_and_wait(qtbot, first, [corpus])
    select_by_name(first, "harbour.txt")
    ad = line_row(first, "ADVERTISEMENT")
    first.decide_lines([ad], "keep")
    first.add_custom_entry("drop_containing", "town hall", "test edit")
    first.resize(790, 560)
    qtbot.waitUntil(lambda: first.size().height() == 560)
    first.splitter.setSizes([first.splitter.width(), 1])  # the documents as wide as the preview allows
    QApplication.processEvents()
    answer_questions["button"] = QMessageBox.StandardButton.Discard
    sizes, size = first.splitter.sizes(), first.size()
    assert first.close()

    second = MainWindow(app_settings, restore_session=True)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    qtbot.waitUntil(lambda: second.document_count() == 3 and second._import_task is None, timeout=20_000)
    assert second.roots == [str(corpus)]
    assert second.recipe.custom.drop_containing == ("town hall",)
    assert len(second.recipe.overrides) == 1 and second.recipe.overrides[0].action == "keep"
    assert second.isWindowModified()  # the changes were never saved to a file
    assert second.size() == size
    assert second.splitter.sizes() == sizes
    second.shutdown()
    second.close()


def closed_session(qtbot, app_settings, paths) -> None:
    """A window that imported `paths` and was closed: the session and its snapshot are on disk."""
    from winnow.app.window import MainWindow

    first = MainWindow(app_settings, restore_session=True)
    qtbot.addWidget(first)
    import_and_wait(qtbot, first, paths)
    assert first.close()


def restored_window(qtbot, app_settings):
    from winnow.app.window import MainWindow

    second = MainWindow(app_settings, restore_session=True)
    qtbot.addWidget(second)
    return second


def test_the_session_is_one_qsettings_store_not_a_database(qtbot, app_settings, answer_questions, corpus):
    closed_session(qtbot, app_settings, [corpus])
    app_settings.sync()
    assert json.loads(app_settings.value("session/roots")) == [str(corpus)]
    assert app_settings.value("session/recipe") == dumps(default_recipe())
    folder = Path(app_settings.fileName()).parent
    assert not [p for p in folder.iterdir() if "session" in p.name and p.suffix in (".sqlite3", ".db")]


def test_restore_shows_the_documents_from_the_snapshot_without_reading_a_file(qtbot, app_settings, answer_questions, corpus, monkeypatch):
    from winnow.app.tasks import ImportTask

    closed_session(qtbot, app_settings, [corpus])
    read = []
    monkeypatch.setattr(ImportTask, "work", lambda task: read.append(task.paths))
    second = restored_window(qtbot, app_settings)
    assert second.progress.label.text().startswith("Restoring the last session")  # progress at once
    assert not second.progress.isHidden()
    with qtbot.waitSignal(second.importFinished, timeout=20_000):
        pass
    assert second.document_count() == 3 and second.roots == [str(corpus)]
    names = {second.proxy.index(r, DocumentTableModel.NAME).data() for r in range(second.proxy.rowCount())}
    assert names == {"harbour.txt", "rail.txt", "museum.txt"}
    qtbot.waitUntil(lambda: second._check_task is None, timeout=20_000)  # the files were checked: unchanged
    assert read == [] and second.document_count() == 3
    second.shutdown()


def test_a_file_changed_since_the_last_session_is_read_again(qtbot, app_settings, answer_questions, corpus):
    closed_session(qtbot, app_settings, [corpus])
    changed = next(p for p in sorted(corpus.iterdir()) if p.is_file())
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA sentence added after the session was closed, long enough to stay.\n", encoding="utf-8")
    second = restored_window(qtbot, app_settings)
    qtbot.waitUntil(lambda: second._check_task is None and second._import_task is None and second.document_count() == 3, timeout=30_000)
    qtbot.waitUntil(
        lambda: any("added after the session was closed" in "\n".join(d.lines) for d in second.corpus.documents),
        timeout=30_000,
    )
    assert second.roots == [str(corpus)]
    second.shutdown()


def test_a_damaged_snapshot_reads_the_files_instead(qtbot, app_settings, answer_questions, corpus):
    closed_session(qtbot, app_settings, [corpus])
    snapshot_file = Path(app_settings.fileName()).with_name("session.snapshot")
    data = snapshot_file.read_bytes()
    snapshot_file.write_bytes(data[:-10])  # the header is intact, the last document cut off
    second = restored_window(qtbot, app_settings)
    qtbot.waitUntil(lambda: second._import_task is None and second.document_count() == 3, timeout=30_000)
    assert second.roots == [str(corpus)]
    second.shutdown()


def test_without_session_restore_the_window_starts_empty(qtbot, app_settings, answer_questions, corpus):
    from winnow.app.window import MainWindow

    first = MainWindow(app_settings, restore_session=True)
    qtbot.addWidget(first)
    import_and_wait(qtbot, first, [corpus])
    first.close()
    fresh = MainWindow(app_settings, restore_session=False)
    qtbot.addWidget(fresh)
    assert fresh.document_count() == 0 and fresh.roots == []
    assert fresh.central.currentWidget() is fresh.empty_state


def test_recent_recipes_are_remembered(qtbot, loaded, tmp_path):
    recipe_file = tmp_path / "r.toml"
    save(Recipe(), recipe_file)
    loaded.open_recipe(str(recipe_file))
    loaded.recent_recipes_menu.aboutToShow.emit()
    actions = [a.toolTip() for a in loaded.recent_recipes_menu.actions()]
    assert str(recipe_file.resolve()) in actions


# ---------------------------------------------------------------- look


def test_shortcuts_are_shown_in_tooltips_and_actions_have_icons(main_window):
    for action in (main_window.act_add_files, main_window.act_export, main_window.act_save_recipe, main_window.act_undo):
        shortcut = action.shortcut().toString()
        assert shortcut and shortcut in action.toolTip().replace("&", "")
        assert not action.icon().isNull()
    available = main_window.screen().availableGeometry()  # the window opens large, but never beyond the screen
    assert main_window.width() >= min(1000, available.width() - 40) and main_window.height() >= min(600, available.height() - 40)


def test_window_icon_is_set(main_window):
    assert not main_window.windowIcon().isNull()


def test_long_names_are_elided_with_full_path_on_hover(qtbot, main_window, tmp_path):
    folder = tmp_path / "deep"
    folder.mkdir()
    long_name = "a-very-long-scraped-file-name-" + "x" * 120 + ".txt"
    (folder / long_name).write_text(ARTICLE, encoding="utf-8")
    import_and_wait(qtbot, main_window, [folder])
    index = main_window.proxy.index(0, DocumentTableModel.TITLE)
    assert main_window.table.textElideMode() == Qt.TextElideMode.ElideRight
    assert f"deep/{long_name}" in index.data(Qt.ItemDataRole.ToolTipRole)


# ---------------------------------------------------------------- HTML


def test_html_page_text_outside_the_main_content_is_marked(qtbot, main_window, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    import_and_wait(qtbot, main_window, [page])
    main_window.select_document(0)
    model = main_window.preview.model
    rows = {model.index(r).data(): r for r in range(model.rowCount())}
    sport = model.index(rows["Sport"])
    assert Family(sport.data(LineRole.FAMILY)) is Family.OUTSIDE
    assert sport.data(LineRole.LABEL) == "Outside main"
    assert "outside the main content" in sport.data(Qt.ItemDataRole.ToolTipRole)
    opening = next(r for text, r in rows.items() if text.startswith("The harbour council voted"))
    assert model.index(opening).data(LineRole.FAMILY) is None
    # the page's title opening its main content goes to the metadata, as page furniture, not as outside text
    assert Family(model.index(rows["Harbour council approves flood barrier"]).data(LineRole.FAMILY)) is Family.FURNITURE
    # the metadata found is shown above the text
    assert main_window.preview.title.text() == "Harbour council approves flood barrier"
    assert "Maria Jensen" in main_window.preview.meta.text()
    assert "Outside main" in main_window.preview.legend.text()


def test_a_selector_rule_re_extracts_the_page_off_the_gui_thread(qtbot, main_window, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    import_and_wait(qtbot, main_window, [page])
    main_window.select_document(0)
    assert "Sport" in main_window.current_cleaned.lines
    editor = main_window.rules_panel.editors["selectors"]
    editor.edit.setPlainText("nav.site-nav")
    with qtbot.waitSignal(main_window.previewUpdated, timeout=20_000):
        editor.flush()
        assert main_window.preview_pending()  # extraction runs in the pool
    assert not main_window.preview_pending()
    cleaned = main_window.current_cleaned
    row = cleaned.lines.index("Sport")  # still shown, struck through with the selector as its reason
    assert cleaned.removals[row].rule_id == "custom.selectors" and "nav.site-nav" in cleaned.removals[row].reason
    assert "Sport" not in cleaned.text and "The harbour council voted on Tuesday" in cleaned.text


# ---------------------------------------------------------------- background work


def test_an_edit_during_an_import_leaves_every_count_current(qtbot, main_window, corpus, monkeypatch):
    import threading

    import winnow.app.workers as workers
    from app_helpers import inline_workers

    inline_workers(monkeypatch)
    from winnow.pipeline import Cleaner

    real = workers.read_file
    first_read, go_on = threading.Event(), threading.Event()

    def paused_read(path, source, options):
        for n, item in enumerate(real(path, source, options)):
            yield item
            if n == 0:
                first_read.set()
                go_on.wait(10)

    monkeypatch.setattr(workers, "read_file", paused_read)
    main_window.import_paths([str(corpus)])
    qtbot.waitUntil(first_read.is_set, timeout=10_000)
    main_window.change_recipe(main_window.recipe.with_custom("drop_containing", ["weekend edition"]), "edit")
    with qtbot.waitSignal(main_window.countsUpdated, timeout=20_000):
        go_on.set()
    assert main_window.corpus.stale(main_window.generation) == []
    cleaner = Cleaner(main_window.recipe)
    expected = sum(cleaner.clean(d).removed_counts["custom.drop-containing"] for d in main_window.corpus.documents)
    assert expected == 2
    assert main_window.corpus.removed_by_rule["custom.drop-containing"] == expected


def test_imports_queue_up_in_the_order_they_were_asked_for(qtbot, main_window, corpus):
    second = corpus / "museum.txt"
    first = corpus / "news"
    finished = []
    main_window.importFinished.connect(lambda: finished.append(main_window.document_count()))
    main_window.import_paths([str(first)])
    main_window.import_paths([str(second)])
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=20_000)
    assert finished == [2, 3]
    assert main_window.roots == [str(first), str(second)]
    assert [d.source for d in main_window.corpus.documents] == ["news/harbour.txt", "news/rail.txt", "museum.txt"]


def test_a_very_long_document_is_cleaned_off_the_gui_thread(qtbot, main_window, tmp_path):
    from winnow.app.selection import BACKGROUND_PREVIEW_LINES

    lines = [f"Paragraph {n} of a very long transcript about the harbour council and its budget." for n in range(BACKGROUND_PREVIEW_LINES + 10)]
    lines[5] = "ADVERTISEMENT"
    (tmp_path / "long.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "short.txt").write_text(ARTICLE, encoding="utf-8")
    import_and_wait(qtbot, main_window, [tmp_path / "short.txt", tmp_path / "long.txt"])
    select_by_name(main_window, "short.txt")
    with qtbot.waitSignal(main_window.previewUpdated, timeout=20_000):
        select_by_name(main_window, "long.txt")
        assert main_window.preview_pending()
    assert main_window.current_cleaned.document.source == "long.txt"
    assert main_window.preview.model.rowCount() == len(lines)
    assert Family(main_window.preview.model.index(5).data(LineRole.FAMILY)) is Family.ADS


def test_a_long_recount_shows_progress_at_once(qtbot, main_window, tmp_path):
    from winnow.app.recount import RECOUNT_SHOWN_FROM

    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(RECOUNT_SHOWN_FROM + 10):
        (folder / f"page{n:03}.txt").write_text(f"Page {n}\nADVERTISEMENT\nThe harbour reopened on day {n}.\n", encoding="utf-8")
    import_and_wait(qtbot, main_window, [folder])
    qtbot.waitUntil(lambda: main_window._recount_task is None, timeout=30_000)
    label = main_window.recount_label
    with qtbot.waitSignal(main_window.countsUpdated, timeout=30_000):
        next(iter(main_window.rules_panel.rows.values())).switch.click()
        assert label.text().startswith("Recounting")  # before the first batch of results comes back
    assert label.text() == ""


def test_counts_read_in_the_singular_for_one_document(qtbot, main_window, tmp_path):
    page = tmp_path / "one.txt"
    page.write_text("The harbour reopened on Monday after the storm.\n", encoding="utf-8")
    import_and_wait(qtbot, main_window, [page])
    qtbot.waitUntil(lambda: main_window._recount_task is None, timeout=30_000)
    assert main_window.corpus_summary.text().startswith("1 document ·")
    assert "(s)" not in main_window.corpus_summary.text()


class _NoScan(list):
    """A document list that fails when walked whole: a batch must cost the batch, not the corpus."""

    def __iter__(self):
        raise AssertionError("the whole corpus was scanned for one batch")


def test_an_import_batch_touches_only_its_own_documents(loaded):
    """At 100,000 documents a per-batch scan of the corpus stalled the window for seconds."""
    window = loaded
    from winnow.app.tasks import ImportBatch
    from winnow.core.model import Document
    from winnow.workspace import DocStats

    every = window.corpus.stats
    window.corpus.stats = _NoScan(every)
    doc = Document("late.txt", "text", ARTICLE, ARTICLE.split("\n"))
    stats = DocStats(3, 1, 20, {}, {}, 0, window.generation, site="Harbour News", language="nl")
    try:
        window._import_batch(ImportBatch([(doc, stats)]))
    finally:
        window.corpus.stats = window.corpus.stats[:]  # a plain list again (slicing does not walk it)
    assert window.corpus.documents[-1] is doc
    languages = [window.language_filter.itemData(i) for i in range(window.language_filter.count())]
    assert "nl" in languages


def test_a_recipe_change_starts_its_recount_without_walking_the_corpus(qtbot, loaded):
    """At 100,000 documents listing the stale documents (and their pages) on the window's thread made every
    rule toggle take a fifth of a second: the recount task finds them on copies of the lists."""
    window = loaded
    qtbot.waitUntil(lambda: window._recount_task is None, timeout=30_000)
    every = window.corpus.stats
    window.corpus.stats = _NoScan(every)
    try:
        window._set_recipe(window.recipe.with_enabled("ads.markers", False))
    finally:
        window.corpus.stats = window.corpus.stats[:]
    assert window._recount_task is not None
    qtbot.waitUntil(lambda: window._recount_task is None, timeout=30_000)
    assert window.corpus.stale(window.generation) == []
    assert window.corpus.removed_by_rule["ads.markers"] == 0


def test_a_run_of_recipe_changes_starts_one_recount_after_the_preview(qtbot, loaded, monkeypatch):
    """A recount's thread walking the corpus competes with the GUI thread for the GIL: started at once, it slowed
    the preview's painting of every toggle (200 ms at 100,000 documents), and a value dragged started one each."""
    from winnow.app.tasks import RecountTask

    window = loaded
    qtbot.waitUntil(lambda: window._recount_task is None, timeout=30_000)
    started: list[RecountTask] = []
    start = window._start
    monkeypatch.setattr(window, "_start", lambda task: (started.append(task) if isinstance(task, RecountTask) else None, start(task)))
    for enabled in (False, True, False):
        window._set_recipe(window.recipe.with_enabled("ads.markers", enabled))
        assert not started  # the preview is shown first; the recount waits for a pause in the changes
    assert window._recount_task is not None  # pending, so whoever waits for the counts waits for it
    qtbot.waitUntil(lambda: window._recount_task is None, timeout=30_000)
    assert len(started) == 1 and started[0].recipe is window.recipe
    assert window.corpus.stale(window.generation) == []
    assert window.corpus.removed_by_rule["ads.markers"] == 0


def test_a_text_document_is_kept_without_a_second_copy_of_its_text(qtbot, main_window, tmp_path):
    """At 100,000 documents a text's `content` beside its lines was a third of the window's memory; an HTML
    page keeps its markup, which the selector rules read again."""
    (tmp_path / "note.txt").write_text("The harbour reopened on Monday.\nADVERTISEMENT\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<html><body><article><p>The museum opened a new wing for the city's oldest maps and letters.</p></article></body></html>",
        encoding="utf-8",
    )
    import_and_wait(qtbot, main_window, [tmp_path])
    by_name = {doc.name: doc for doc in main_window.corpus.documents}
    assert by_name["note.txt"].content == "" and by_name["note.txt"].lines[:2] == ["The harbour reopened on Monday.", "ADVERTISEMENT"]
    assert "<article>" in by_name["page.html"].content


def test_a_text_of_one_very_long_line_is_still_cleaned_off_the_window_s_thread(qtbot, main_window, tmp_path):
    from winnow.app.selection import BACKGROUND_PREVIEW_CHARACTERS

    words = "The harbour council met again on Monday to discuss the storm barrier budget. "
    (tmp_path / "wall.txt").write_text(words * (BACKGROUND_PREVIEW_CHARACTERS // len(words) + 10), encoding="utf-8")
    (tmp_path / "short.txt").write_text("The museum opened a new wing on Sunday.\n", encoding="utf-8")
    import_and_wait(qtbot, main_window, [tmp_path / "short.txt", tmp_path / "wall.txt"])
    with qtbot.waitSignal(main_window.previewUpdated, timeout=30_000):
        select_by_name(main_window, "wall.txt")
        assert main_window.preview_pending()


def test_imported_documents_are_kept_out_of_garbage_collections_until_the_window_closes(qtbot, main_window, corpus):
    """A full collection walked every document's objects: seconds of a stalled window at 100,000 documents."""
    import gc

    import_and_wait(qtbot, main_window, [corpus])
    assert gc.get_freeze_count() > 0
    doc = main_window.corpus.documents[0]
    assert gc.is_tracked(doc) and not any(held is doc for held in gc.get_objects(generation=2))  # frozen, not in a generation
    main_window.shutdown()
    assert gc.get_freeze_count() == 0
