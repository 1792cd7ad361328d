"""The Workspace: the session's state and what a gesture changes in the recipe, checked without any window."""

from __future__ import annotations

import sys
from collections import Counter

import pytest

from app_helpers import ARTICLE, SECOND
from winnow.core.model import Document
from winnow.pipeline import Cleaner
from winnow.recipe import default_recipe
from winnow.workspace import AlreadyThere, Corpus, DocStats, Workspace


def document(source: str, text: str) -> Document:
    return Document(source, "text", text, text.split("\n"))


@pytest.fixture
def workspace() -> Workspace:
    return Workspace()


def test_the_workspace_needs_no_qt():
    import subprocess

    code = "import sys, winnow.workspace; sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_recipe_change_is_unsaved_until_saved_and_bumps_the_generation(workspace, tmp_path):
    assert not workspace.modified and workspace.generation == 0
    workspace.set_recipe(workspace.recipe.with_enabled("ads.markers", False))
    assert workspace.modified and workspace.generation == 1
    workspace.mark_saved(tmp_path / "r.toml")
    assert not workspace.modified and workspace.recipe_name == "r.toml"
    workspace.set_recipe(workspace.recipe.with_enabled("ads.markers", True))
    assert workspace.modified
    workspace.set_recipe(workspace.recipe.with_enabled("ads.markers", False))  # back as saved
    assert not workspace.modified and workspace.generation == 3


def test_opening_a_recipe_counts_as_saved(workspace, tmp_path):
    other = default_recipe().with_custom("drop_containing", ("weekend edition",))
    workspace.replace_recipe(other, tmp_path / "mine.toml")
    assert workspace.recipe == other and not workspace.modified


def test_keeping_a_removed_line_by_hand_records_one_override(workspace):
    doc = document("harbour.txt", ARTICLE)
    cleaned = Cleaner(workspace.recipe).clean(doc)
    ad = cleaned.lines.index("ADVERTISEMENT")
    new = workspace.decide(doc, cleaned, [ad], "keep")
    assert [(o.line, o.action) for o in new.overrides] == [(ad + 1, "keep")]
    assert Cleaner(new).clean(doc).removals[ad] is None
    workspace.set_recipe(new)
    assert workspace.edited_documents() == {doc.id}
    assert workspace.hand_overrides(doc) == {ad: "keep"}


def test_a_hand_decision_that_agrees_with_the_rules_is_not_recorded(workspace):
    doc = document("harbour.txt", ARTICLE)
    cleaned = Cleaner(workspace.recipe).clean(doc)
    ad = cleaned.lines.index("ADVERTISEMENT")
    kept = next(i for i, r in enumerate(cleaned.removals) if r is None and cleaned.lines[i].strip())
    assert workspace.decide(doc, cleaned, [ad], "drop").overrides == ()
    assert workspace.decide(doc, cleaned, [kept], "keep").overrides == ()


def test_undoing_a_hand_decision_by_hand_removes_it(workspace):
    doc = document("harbour.txt", ARTICLE)
    cleaned = Cleaner(workspace.recipe).clean(doc)
    ad = cleaned.lines.index("ADVERTISEMENT")
    workspace.set_recipe(workspace.decide(doc, cleaned, [ad], "keep"))
    again = Cleaner(workspace.recipe).clean(doc)
    assert workspace.decide(doc, again, [ad], "drop").overrides == ()


def test_blank_and_missing_rows_are_not_decidable(workspace):
    doc = document("rail.txt", SECOND)
    cleaned = Cleaner(workspace.recipe).clean(doc)
    blank = cleaned.lines.index("")
    assert Workspace.decidable(cleaned, [blank, -1, len(cleaned.lines), 0]) == [0]


def test_space_removes_a_kept_selection_and_keeps_a_mixed_one(workspace):
    doc = document("harbour.txt", ARTICLE)
    cleaned = Cleaner(workspace.recipe).clean(doc)
    ad = cleaned.lines.index("ADVERTISEMENT")
    kept = next(i for i, r in enumerate(cleaned.removals) if r is None and cleaned.lines[i].strip())
    assert Workspace.toggle_action(cleaned, [kept]) == "drop"
    assert Workspace.toggle_action(cleaned, [kept, ad]) == "keep"


def test_clearing_decisions_of_some_lines_or_the_whole_document(workspace):
    doc = document("harbour.txt", ARTICLE)
    cleaned = Cleaner(workspace.recipe).clean(doc)
    rows = [i for i, line in enumerate(cleaned.lines) if line == "ADVERTISEMENT"]
    workspace.set_recipe(workspace.decide(doc, cleaned, rows, "keep"))
    assert len(workspace.recipe.overrides) == 2
    assert len(workspace.without_decisions(doc, [rows[0] + 1]).overrides) == 1
    assert workspace.without_decisions(doc).overrides == ()


def test_adding_an_entry_tidies_it_and_refuses_a_duplicate(workspace):
    new = workspace.with_entry("drop_containing", "  Read   more  ")
    assert new.custom.drop_containing[-1] == "Read more"
    workspace.set_recipe(new)
    with pytest.raises(AlreadyThere):
        workspace.with_entry("drop_containing", "Read more")
    with pytest.raises(KeyError):
        workspace.with_entry("no_such_list", "x")


# ---------------------------------------------------------------- history entries in the user's words


def test_value_changes_read_as_label_old_arrow_new():
    from winnow.workspace import describe_value_change

    assert describe_value_change("Longest related-article run", 40, 2) == "Longest related-article run: 40 → 2"
    assert describe_value_change("Keep the title", True, False) == "Keep the title: on → off"
    assert describe_value_change("Cost", 0.5, 1.25) == "Cost: 0.5 → 1.25"


def test_list_changes_name_the_entry():
    from winnow.workspace import describe_list_change

    assert describe_list_change("drop_regex", (), ("^Photo: .*$",)) == "Regex /^Photo: .*$/ added"
    assert describe_list_change("drop_containing", ("Read more", "Share"), ("Share",)) == "Phrase “Read more” removed"
    assert describe_list_change("selectors", ("div.ad",), ("aside",)) == "Selector div.ad → aside"
    assert describe_list_change("keep_containing", (), ("a", "b")) == "Keep phrases: 2 added"
    long = "x" * 80
    assert "…" in describe_list_change("drop_equal", (), (long,))


def _stats(language: str, site: str, generation: int = 0) -> DocStats:
    return DocStats(3, 1, 20, {}, {}, 0, generation, site=site, language=language)


def test_corpus_keeps_its_languages_and_sites_counted_as_documents_come_change_and_go():
    corpus = Corpus()
    plan = [("de", ""), ("en", "Harbour News"), ("de", "Zeitung"), ("", ""), ("fr", "")]
    for n, (language, site) in enumerate(plan):
        corpus.append(document(f"d{n}.txt", ARTICLE), _stats(language, site))
    assert +corpus.languages == Counter({"de": 2, "en": 1, "fr": 1})
    assert corpus.with_site == 2
    corpus.set_stats(1, _stats("nl", "", generation=1))  # a recount finds another language and no site
    assert +corpus.languages == Counter({"de": 2, "nl": 1, "fr": 1})
    assert corpus.with_site == 1
    corpus.truncate(2)
    assert +corpus.languages == Counter({"de": 1, "nl": 1})
    assert corpus.with_site == 0
    corpus.clear()
    assert not +corpus.languages and corpus.with_site == 0
