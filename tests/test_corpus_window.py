"""The corpus views in the window: View › Duplicates…, choosing another copy through the window's recipe and
undo stack, and the Corpus overview's status filter."""

from __future__ import annotations

from pathlib import Path

from app_helpers import import_and_wait

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_choosing_another_copy_in_the_window_is_a_recipe_edit_that_undo_takes_back(qtbot, main_window):
    window = main_window
    import_and_wait(qtbot, window, [SEEDS])
    dialogs = window.corpus_dialogs
    dialogs.act_duplicates.trigger()
    view = dialogs.duplicates
    assert [r.cleaned.document.name[:3] for r in view.model.rows] == ["001", "000"]
    copy_id = view.model.rows[1].cleaned.document.id
    view.select_document(copy_id)
    view.keep_button.click()
    assert window.recipe.value("duplicates.near", "keep_ids") == (copy_id,)
    assert view.model.rows[0].cleaned.document.id == copy_id  # the view follows the window's recipe
    window.undo_stack.undo()
    assert list(window.recipe.value("duplicates.near", "keep_ids")) == []
    assert view.model.rows[0].cleaned.document.name.startswith("001")
    dialogs.dialogs[view].close()


def test_the_corpus_overview_filters_documents_by_status(qtbot, main_window):
    window = main_window
    import_and_wait(qtbot, window, [SEEDS])
    window.corpus_dialogs.act_overview.trigger()
    overview = window.corpus_dialogs.overview
    overview.status_choice.setCurrentIndex(overview.status_choice.findText("Not in the corpus"))
    rows = [overview.status_filter.index(r, 0).data() for r in range(overview.status_filter.rowCount())]
    assert len(rows) == 1 and Path(rows[0]).name.startswith("000_")
    window.corpus_dialogs.dialogs[overview].close()
