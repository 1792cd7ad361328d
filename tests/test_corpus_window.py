"""The corpus views in the window: View › Duplicates…, choosing another copy through the window's recipe and
undo stack, the Corpus overview's status filter; and the document list's status of every document (kept, left
out with the reason, copy of another) and the preview's site-template lines, kept current as files are added."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app_helpers import ARTICLE, SECOND, THIRD, import_and_wait, select_by_name
from winnow.app.models import DocumentTableModel, Flags
from winnow.core.model import Problem
from winnow.corpus.run import CorpusCleaner
from winnow.readers import read_paths

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_choosing_another_copy_in_the_window_is_a_recipe_edit_that_undo_takes_back(qtbot, main_window):
    window = main_window
    import_and_wait(qtbot, window, [SEEDS])
    dialogs = window.corpus_dialogs
    with qtbot.waitSignal(dialogs.refreshed, timeout=60_000):  # the corpus stages run in the workers
        dialogs.act_duplicates.trigger()
    view = dialogs.duplicates
    assert [r.cleaned.document.name[:3] for r in view.model.rows] == ["001", "000"]
    copy_id = view.model.rows[1].cleaned.document.id
    view.select_document(copy_id)
    with qtbot.waitSignal(dialogs.refreshed, timeout=60_000):
        view.keep_button.click()
    assert window.recipe.value("duplicates.near", "keep_ids") == (copy_id,)
    assert view.model.rows[0].cleaned.document.id == copy_id  # the view follows the window's recipe
    with qtbot.waitSignal(dialogs.refreshed, timeout=60_000):
        window.undo_stack.undo()
    assert list(window.recipe.value("duplicates.near", "keep_ids")) == []
    assert view.model.rows[0].cleaned.document.name.startswith("001")
    dialogs.dialogs[view].close()


def test_the_corpus_overview_filters_documents_by_status(qtbot, main_window):
    window = main_window
    import_and_wait(qtbot, window, [SEEDS])
    with qtbot.waitSignal(window.corpus_dialogs.refreshed, timeout=60_000):
        window.corpus_dialogs.act_overview.trigger()
    overview = window.corpus_dialogs.overview
    overview.status_choice.setCurrentIndex(overview.status_choice.findText("Not in the corpus"))
    rows = [overview.status_filter.index(r, 0).data() for r in range(overview.status_filter.rowCount())]
    assert len(rows) == 1 and Path(rows[0]).name.startswith("000_")
    window.corpus_dialogs.dialogs[overview].close()


# ---- the document list: each document's place in the corpus, live ----

GERMAN = """Neue Brücke über den Fluss eröffnet

Die neue Brücke über den Fluss wurde am Samstag nach zwei Jahren Bauzeit für den Verkehr freigegeben.

Der Bürgermeister sagte, die Brücke verkürze den Weg zur Schule für viele Kinder um eine halbe Stunde und
entlaste die Altstadt vom Lastwagenverkehr, der bisher durch die engen Gassen fahren musste.
"""
TEMPLATE_LINE = "The Valley Gazette is printed in the river town every morning except Sunday."


def settled(window) -> bool:
    """Every figure is current and the near-duplicates are judged on them."""
    return (
        window._import_task is None
        and window._recount_task is None
        and not window.workspace.stale()
        and window.corpus.duplicates_current
        and window.corpus_dialogs.live._task is None
    )


def wait_settled(qtbot, window) -> None:
    qtbot.waitUntil(lambda: settled(window), timeout=60_000)


def status_cells(window) -> dict[str, str]:
    proxy = window.proxy
    return {proxy.index(r, DocumentTableModel.NAME).data(): proxy.index(r, DocumentTableModel.STATUS).data() for r in range(proxy.rowCount())}


def test_a_copy_reads_as_a_link_to_the_kept_copy_and_the_status_filter_finds_it(qtbot, main_window, qtmodeltester):
    window = main_window
    import_and_wait(qtbot, window, [SEEDS])
    wait_settled(qtbot, window)
    qtmodeltester.check(window.doc_model)
    cells = status_cells(window)
    copy = next(name for name in cells if name.startswith("000_"))
    kept = next(name for name in cells if name.startswith("001_"))
    assert cells[copy] == f"copy of {kept}"
    assert all(text.startswith("kept") for name, text in cells.items() if name != copy)
    tip = window.proxy.index(next(r for r in range(window.proxy.rowCount()) if window.proxy.index(r, 1).data() == copy), DocumentTableModel.STATUS)
    assert "near-duplicate of" in tip.data(Qt.ItemDataRole.ToolTipRole) and "Jaccard" in tip.data(Qt.ItemDataRole.ToolTipRole)
    select_by_name(window, copy)  # the status line says why the selected document is not in the corpus
    assert window.statusBar().currentMessage().startswith("This document is left out of the corpus: near-duplicate of seeds/001_")
    # the Rules panel counts the documents the near-duplicates leave out
    assert window.rules_panel.document_rows["duplicates.near"].counts.text().startswith("Leaves out 1 document in all")

    window.status_filter.setCurrentIndex(window.status_filter.findData(Flags.DUPLICATE))
    assert list(status_cells(window)) == [copy]
    # clicking the link selects the kept copy, even though the filter hid it
    table = window.table
    cell = window.proxy.index(0, DocumentTableModel.STATUS)
    table.scrollTo(cell)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(cell).center())
    assert window.current_doc is not None and window.current_doc.name == kept
    assert window.status_filter.currentData() is None
    window.status_filter.setCurrentIndex(window.status_filter.findData(Flags.KEPT))
    assert copy not in status_cells(window) and kept in status_cells(window)


def test_choosing_the_other_copy_changes_the_list_and_undo_changes_it_back(qtbot, main_window):
    window = main_window
    import_and_wait(qtbot, window, [SEEDS])
    wait_settled(qtbot, window)
    copy_id = next(d.id for d in window.corpus.documents if d.name.startswith("000_"))
    window.change_recipe(window.recipe.with_value("duplicates.near", "keep_ids", [copy_id]), "keep 000")
    wait_settled(qtbot, window)
    cells = status_cells(window)
    assert next(t for n, t in cells.items() if n.startswith("001_")).startswith("copy of 000_")
    assert next(t for n, t in cells.items() if n.startswith("000_")) == "kept"
    window.undo_stack.undo()
    wait_settled(qtbot, window)
    assert next(t for n, t in status_cells(window).items() if n.startswith("000_")).startswith("copy of 001_")


@pytest.fixture
def mixed(tmp_path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "rail.txt").write_text(SECOND, encoding="utf-8")
    (folder / "bruecke.txt").write_text(GERMAN, encoding="utf-8")
    return folder


def test_a_page_in_another_language_is_left_out_with_its_reason_as_an_export_would(qtbot, main_window, mixed):
    window = main_window
    window.change_recipe(window.recipe.with_value("filter.language", "languages", ["en"]), "English only")
    import_and_wait(qtbot, window, [mixed])
    wait_settled(qtbot, window)
    cells = status_cells(window)
    assert cells["bruecke.txt"].startswith("left out: language de")
    assert cells["harbour.txt"] == "kept" and cells["rail.txt"] == "kept"
    window.status_filter.setCurrentIndex(window.status_filter.findData(Flags.LEFT_OUT))
    assert list(status_cells(window)) == ["bruecke.txt"]
    # the same documents as the corpus run of the command line leaves out
    documents = [d for d in read_paths([str(mixed)]) if not isinstance(d, Problem)]
    result = CorpusCleaner(window.recipe).run(documents)
    assert [c.document.name for c in result.dropped] == ["bruecke.txt"]
    assert window.corpus.left_out() == {"filter.language": 1}
    window.undo_stack.undo()  # every language again
    wait_settled(qtbot, window)
    assert list(status_cells(window)) == []  # nothing is left out any more
    window.status_filter.setCurrentIndex(0)
    assert status_cells(window)["bruecke.txt"] == "kept"


def test_site_template_lines_follow_the_pages_added_and_name_the_pages_that_share_them(qtbot, main_window, tmp_path):
    window = main_window
    recipe = window.recipe.with_enabled("template.site", True)
    for name, value in (("min_pages", 3), ("min_count", 3), ("min_share", 0.5)):
        recipe = recipe.with_value("template.site", name, value)
    window.change_recipe(recipe, "small sites")

    def scraped(path: Path, pages: list[tuple[str, str]]) -> Path:
        records = [{"url": f"https://www.gazette.example/{slug}", "text": text + "\n\n" + TEMPLATE_LINE} for slug, text in pages]
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return path

    first = scraped(tmp_path / "monday.jsonl", [("harbour", ARTICLE), ("rail", SECOND)])
    later = scraped(tmp_path / "tuesday.jsonl", [("museum", THIRD)])
    import_and_wait(qtbot, window, [first])  # two pages: too few to judge the site
    wait_settled(qtbot, window)
    window.select_document(0)
    row = window.current_cleaned.lines.index(TEMPLATE_LINE)
    assert window.current_cleaned.removals[row] is None
    assert not window.corpus.removed_by_rule.get("template.site")

    import_and_wait(qtbot, window, [later])  # a third page of the site: now it is judged, on every page
    wait_settled(qtbot, window)
    removal = window.current_cleaned.removals[row]  # the preview follows without a new selection
    assert removal is not None and removal.rule_id == "template.site"
    assert removal.reason == "on 3 of 3 pages from gazette.example"
    assert window.corpus.removed_by_rule["template.site"] == 3  # every page's figures were counted again
    tip = window.preview.model.index(row).data(Qt.ItemDataRole.ToolTipRole)
    assert "Also on: " in tip and tip.count(".jsonl") == 2  # the two other pages

    documents = [d for d in read_paths([str(first), str(later)]) if not isinstance(d, Problem)]  # the command line's run
    assert sum(c.removed_counts.get("template.site", 0) for c in CorpusCleaner(window.recipe).run(documents).documents) == 3


def test_the_site_templates_count_opens_every_template_line_in_the_corpus(qtbot, qtmodeltester, main_window, tmp_path):
    """The corpus-wide list of a rule's lines judges the site templates with the corpus's counts, as the
    preview and the recount do (it was empty: the worker cleaned without them)."""
    window = main_window
    recipe = window.recipe.with_enabled("template.site", True)
    for name, value in (("min_pages", 3), ("min_count", 3), ("min_share", 0.5)):
        recipe = recipe.with_value("template.site", name, value)
    window.change_recipe(recipe, "small sites")
    records = [
        {"url": f"https://www.gazette.example/{slug}", "text": text + "\n\n" + TEMPLATE_LINE}
        for slug, text in (("harbour", ARTICLE), ("rail", SECOND), ("museum", THIRD))
    ]
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    import_and_wait(qtbot, window, [path])
    wait_settled(qtbot, window)
    window.rules_panel.rows["template.site"].counts.linkActivated.emit("removed")
    dialog = window.removed_lines_dialog
    qtbot.waitUntil(lambda: "removes" in dialog.summary.text(), timeout=20_000)
    assert [text for _, _, text in dialog.model.rows] == [TEMPLATE_LINE] * 3
    assert sorted(d for d, _, _ in dialog.model.rows) == [0, 1, 2]
    qtmodeltester.check(dialog.model)
    dialog.reject()
