"""Regressions found driving the window as a user: keyboard focus, long documents, clipped texts, cancel paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QListView, QStyleOptionViewItem

from app_helpers import ARTICLE, import_and_wait, select_by_name, write_corpus
from winnow.app.models import DocumentTableModel, Flags
from winnow.app.preview import NOTHING_LEFT, LineDelegate

JUNK_ONLY = "ADVERTISEMENT\n\nADVERTISEMENT\n"


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path)


def long_document(folder: Path, lines: int) -> Path:
    """A document long enough for the preview's batched layout (and short enough to be cleaned in place)."""
    text = [f"Paragraph {n} of the council's long report on the harbour, the quay and the flood barrier budget." for n in range(lines)]
    for n in range(0, lines, 100):
        text[n] = "ADVERTISEMENT"
    path = folder / "report.txt"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


def test_tab_leaves_the_document_table_for_the_preview(qtbot, main_window, corpus):
    """A keyboard user must not be trapped cycling through the table's cells."""
    import_and_wait(qtbot, main_window, [corpus])
    main_window.activateWindow()
    main_window.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is main_window.table)
    reached = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if reached[-1] is main_window.preview.lines:
            break
    assert main_window.preview.lines in reached
    assert not main_window.problems_view.tabKeyNavigation()


def test_a_hand_decision_keeps_the_scroll_position_of_a_long_document(qtbot, main_window, tmp_path):
    from winnow.app.preview import BATCHED_LAYOUT_LINES
    from winnow.app.selection import BACKGROUND_PREVIEW_LINES

    lines = (BATCHED_LAYOUT_LINES + BACKGROUND_PREVIEW_LINES) // 2
    import_and_wait(qtbot, main_window, [long_document(tmp_path, lines)])
    window, view, model = main_window, main_window.preview.lines, main_window.preview.model
    assert view.layoutMode() == QListView.LayoutMode.Batched
    qtbot.waitUntil(lambda: view.visualRect(model.index(lines - 1)).height() > 0, timeout=10_000)
    row = lines - 300
    view.setCurrentIndex(model.index(row))
    view.scrollTo(model.index(row), QListView.ScrollHint.PositionAtCenter)
    scrolled = view.verticalScrollBar().value()
    assert scrolled > 0
    view.setFocus()
    with qtbot.waitSignal(window.previewUpdated, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert window.recipe.overrides_for(window.current_doc.id)  # the line was decided by hand
    assert view.verticalScrollBar().value() == scrolled
    assert view.viewport().rect().intersects(view.visualRect(model.index(row)))
    with qtbot.waitSignal(window.previewUpdated, timeout=10_000):
        window.act_undo.trigger()
    assert view.verticalScrollBar().value() == scrolled


def test_flags_and_large_numbers_fit_their_columns(qtbot, main_window, tmp_path):
    (tmp_path / "junk.txt").write_text(JUNK_ONLY, encoding="utf-8")
    import_and_wait(qtbot, main_window, [tmp_path / "junk.txt"])
    table = main_window.table
    table.setColumnHidden(DocumentTableModel.WORDS, False)  # shown from the header's menu
    fm = table.fontMetrics()
    flags = main_window.proxy.index(0, DocumentTableModel.FLAGS).data()
    assert flags == Flags.EMPTY
    assert table.columnWidth(DocumentTableModel.FLAGS) >= fm.horizontalAdvance(Flags.EMPTY) + 8
    assert table.columnWidth(DocumentTableModel.WORDS) >= fm.horizontalAdvance("176,887") + 8
    # several flags are cut at the end, so the first one stays readable
    delegate = table.itemDelegateForColumn(DocumentTableModel.FLAGS)
    assert delegate is not None
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, main_window.proxy.index(0, DocumentTableModel.FLAGS))
    assert option.textElideMode == Qt.TextElideMode.ElideRight


def test_toolbar_undo_keeps_a_short_text_and_names_the_step_in_its_tooltip(qtbot, main_window, corpus):
    import_and_wait(qtbot, main_window, [corpus])
    tool = main_window.act_undo_tool
    assert tool.text() == "Undo" and not tool.isEnabled()
    main_window.rules_panel.rows["ads.markers"].switch.click()
    assert tool.isEnabled() and tool.text() == "Undo"
    assert "Advertisement markers" in tool.toolTip()
    assert main_window.act_undo.shortcut().toString() in tool.toolTip()
    assert not main_window.recipe.enabled("ads.markers")
    tool.trigger()
    assert main_window.recipe.enabled("ads.markers")
    assert main_window.act_redo_tool.isEnabled() and not tool.isEnabled()


def test_a_long_unbroken_file_name_is_elided_in_the_title(qtbot, main_window, tmp_path):
    name = "scraped_" + "x" * 200 + "_end.txt"
    (tmp_path / name).write_text(ARTICLE.replace("Harbour council approves new flood barrier budget\n", ""), encoding="utf-8")
    import_and_wait(qtbot, main_window, [tmp_path / name])
    title = main_window.preview.title
    assert title.full_text == name
    assert "…" in title.text() and title.text().endswith("_end.txt")
    assert QFontMetrics(title.font()).horizontalAdvance(title.text()) <= title.contentsRect().width()
    assert name in title.toolTip()
    main_window.resize(main_window.width() + 200, main_window.height())
    qtbot.waitUntil(lambda: QFontMetrics(title.font()).horizontalAdvance(title.text()) > title.contentsRect().width() - 220)


def test_short_labels_sit_next_to_the_text(main_window):
    font = main_window.preview.lines.font()
    delegate = main_window.preview.lines.delegate
    _, _, label_column, text_column = delegate._columns(QRect(0, 0, 600, 40), font)
    first_line = QRect(0, 4, 600, 20)
    short = LineDelegate.badge_rect(label_column, first_line, "Ad", font)
    long = LineDelegate.badge_rect(label_column, first_line, "Outside main", font)
    assert short.width() < long.width()
    assert short.right() == long.right() <= label_column.right()
    assert text_column.left() - short.right() <= 12


def test_a_cancelled_import_takes_its_problems_back(qtbot, main_window, corpus, tmp_path, monkeypatch):
    import winnow.app.workers as workers
    from app_helpers import inline_workers

    inline_workers(monkeypatch)

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "fine.txt").write_text(ARTICLE, encoding="utf-8")
    import_and_wait(qtbot, main_window, [corpus / "museum.txt"])
    (corpus / "news" / "empty.txt").write_bytes(b"")
    import_and_wait(qtbot, main_window, [corpus / "news"])
    kept_problems = list(main_window.problems_model.problems)
    assert len(kept_problems) == 1  # news/empty.txt, from an import that finished

    real = workers.read_file

    def cancel_after_the_problem(path, source, options):
        seen_problem = False
        for item in real(path, source, options):
            yield item
            seen_problem = seen_problem or isinstance(item, workers.Problem)
            if seen_problem:
                main_window.cancel_import()

    monkeypatch.setattr(workers, "read_file", cancel_after_the_problem)
    import_and_wait(qtbot, main_window, [bad])
    assert main_window.problems_model.problems == kept_problems
    assert main_window.problems_button.text().startswith("⚠ 1 ")
    assert "empty.txt" not in " ".join(d.source for d in main_window.corpus.documents)


def test_a_cancelled_first_import_with_problems_leaves_no_problems_panel(qtbot, main_window, tmp_path, monkeypatch):
    import winnow.app.workers as workers
    from app_helpers import inline_workers

    inline_workers(monkeypatch)

    (tmp_path / "empty.txt").write_bytes(b"")
    real = workers.read_file

    def cancel_at_once(path, source, options):
        for item in real(path, source, options):
            yield item
            main_window.cancel_import()

    monkeypatch.setattr(workers, "read_file", cancel_at_once)
    import_and_wait(qtbot, main_window, [tmp_path / "empty.txt"])
    assert main_window.problems_model.rowCount() == 0
    assert not main_window.problems_button.isVisible()
    assert not main_window.problems_dock.isVisible()


def test_the_clean_result_of_a_document_with_nothing_left_says_so(qtbot, main_window, tmp_path):
    (tmp_path / "junk.txt").write_text(JUNK_ONLY, encoding="utf-8")
    import_and_wait(qtbot, main_window, [tmp_path / "junk.txt"])
    select_by_name(main_window, "junk.txt")
    main_window.act_clean.trigger()
    clean = main_window.preview.clean_text
    assert clean.toPlainText() == ""
    assert clean.placeholderText() == NOTHING_LEFT


def test_a_hand_decision_while_the_page_is_extracted_again_says_why_it_waits(qtbot, main_window, tmp_path):
    from app_helpers import PAGE
    from winnow.app.edits import PREVIEW_PENDING_MESSAGE

    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    import_and_wait(qtbot, main_window, [page])
    main_window.select_document(0)
    row = main_window.current_cleaned.lines.index("Sport")
    editor = main_window.rules_panel.editors["selectors"]
    editor.edit.setPlainText("footer")
    with qtbot.waitSignal(main_window.previewUpdated, timeout=20_000):
        editor.flush()
        assert main_window.preview_pending()
        main_window.decide_lines([row], "keep")
        assert main_window.statusBar().currentMessage() == PREVIEW_PENDING_MESSAGE
    assert not main_window.recipe.overrides


def test_file_dialogs_are_the_platforms_own():
    """Qt uses the native file dialog unless told not to: no part of the window tells it not to."""
    from pathlib import Path

    import winnow.app

    sources = Path(winnow.app.__file__).parent.glob("*.py")
    offenders = [p.name for p in sources if "DontUseNativeDialog" in p.read_text(encoding="utf-8")]
    assert offenders == []
