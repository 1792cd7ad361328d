"""The Duplicates view: clusters, side-by-side passages, keeping another copy, splitting one off, undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from winnow.app.duplicates_view import DuplicatesSession, passages
from winnow.core.model import Problem
from winnow.readers import read_paths
from winnow.recipe import default_recipe, dumps, loads

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def session(qtbot):
    documents = [d for d in read_paths([SEEDS]) if not isinstance(d, Problem)]
    found = DuplicatesSession(documents, default_recipe())
    qtbot.addWidget(found.view)
    return found


def names(view) -> list[tuple[str, str]]:
    return [(r.cleaned.document.name[:3], "kept" if r.kept else "copy") for r in view.model.rows]


def test_the_model_passes_the_model_tester(qtmodeltester, session):
    qtmodeltester.check(session.view.model)


def test_the_seed_cluster_shows_the_kept_copy_first(session):
    view = session.view
    assert names(view) == [("001", "kept"), ("000", "copy")]
    assert "1 cluster of copies; 1 copy left out" in view.summary.text()  # plurals in words, never “(s)”
    assert "Kept: seeds/001_" in view.kept_pane.toPlainText() and "Left out: seeds/000_" in view.copy_pane.toPlainText()
    assert "≠" in view.copy_pane.toHtml()  # a passage only one copy has is marked, not only tinted


def test_choosing_another_copy_keeps_it_records_it_and_undo_brings_the_first_back(session):
    view = session.view
    copy_id = view.model.rows[1].cleaned.document.id
    view.select_document(copy_id)
    assert view.keep_button.isEnabled()
    view.keep_button.click()
    assert names(view) == [("000", "kept"), ("001", "copy")]
    assert session.recipe.value("duplicates.near", "keep_ids") == (copy_id,)
    assert loads(dumps(session.recipe)).value("duplicates.near", "keep_ids") == (copy_id,)  # saved with the recipe
    session.undo_stack.undo()
    assert names(view) == [("001", "kept"), ("000", "copy")] and session.recipe == default_recipe()
    session.undo_stack.redo()
    assert names(view)[0] == ("000", "kept")


def test_splitting_a_copy_off_dissolves_a_cluster_of_two(session):
    view = session.view
    view.select_document(view.model.rows[1].cleaned.document.id)
    view.split_button.click()
    assert view.model.rows == [] and "No copies" in view.summary.text()
    session.undo_stack.undo()
    assert len(view.model.rows) == 2


def test_the_kept_copy_cannot_be_chosen_again(session):
    view = session.view
    view.select_document(view.model.rows[0].cleaned.document.id)
    assert not view.keep_button.isEnabled() and view.split_button.isEnabled()


def test_passages_say_which_paragraphs_both_copies_have():
    shared = "The river rose by two metres overnight and the old bridge was closed to traffic."
    found = passages(f"{shared}\nOnly this copy thanks its readers for their patience today.", f"Intro.\n{shared}", 5)
    assert found == [(shared, True), ("Only this copy thanks its readers for their patience today.", False)]
