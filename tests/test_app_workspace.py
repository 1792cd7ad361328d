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


class _NoWalk(list):
    """Figures that fail when walked whole: a change to a few documents must cost those documents."""

    def __iter__(self):
        raise AssertionError("every document's figures were walked")


def _site_page(site: str, n: int) -> Document:
    body = f"Story {n} from {site}: the council met on day {n} and voted on the budget."
    return Document(f"{site}/page-{n}.txt", "text", "", [body, "", "Read the Courier every morning at the kiosk"])


def test_pages_added_to_a_site_mark_only_its_documents_for_a_recount_without_walking_the_corpus():
    """At 100,000 documents, rebuilding every changed document's figures (and walking all of them to find
    the changed ones) stalled the window for half a second when an import finished."""
    workspace = Workspace()
    corpus = workspace.corpus
    smallest = workspace.recipe.value("template.site", "min_pages")
    for n in range(smallest + 2):
        corpus.append(_site_page("courier", n), DocStats(2, 0, 20, {}, {}, 0, workspace.generation))
    workspace.templates_changed()
    for n in range(smallest):
        corpus.set_stats(n, DocStats(2, 0, 20, {}, {}, 0, workspace.generation))  # their recount came back
    corpus.set_stats(smallest, DocStats(2, 0, 20, {}, {}, 0, workspace.generation))
    corpus.set_stats(smallest + 1, DocStats(2, 0, 20, {}, {}, 0, workspace.generation))
    assert not workspace.has_stale() and workspace.stale() == []
    corpus.append(_site_page("gazette", 0), DocStats(2, 0, 20, {}, {}, 0, workspace.generation))  # too small a site
    corpus.append(_site_page("courier", 99), DocStats(2, 0, 20, {}, {}, 0, workspace.generation))
    before = corpus.stats[:]
    corpus.stats = _NoWalk(corpus.stats)
    try:
        changed = workspace.templates_changed()
        pending = workspace.has_stale()
    finally:
        corpus.stats = corpus.stats[:]  # a plain list again (slicing does not walk it)
    courier = [i for i, doc in enumerate(corpus.documents) if doc.source.startswith("courier/")]
    assert changed == courier
    assert pending and workspace.stale() == courier
    assert all(now is then for now, then in zip(corpus.stats, before))  # marked, not rebuilt
    version = corpus.version
    for i in courier:
        corpus.set_stats(i, DocStats(2, 0, 20, {}, {}, 0, workspace.generation))
    assert not workspace.has_stale() and workspace.stale() == []
    assert corpus.version > version  # recounted figures: the near-duplicates are judged again


def test_the_preview_s_figures_do_not_clear_a_pending_recount():
    workspace = Workspace()
    corpus = workspace.corpus
    corpus.append(_site_page("courier", 0), DocStats(2, 0, 20, {}, {}, 0, workspace.generation))
    corpus.take_template_changes()
    corpus.recount([0])
    corpus.set_stats(0, DocStats(2, 0, 20, {}, {}, 0, workspace.generation, judged=False))  # the preview's
    assert workspace.stale() == [0] and workspace.has_stale()
    corpus.truncate(0)
    assert not workspace.has_stale()


def test_stale_documents_are_known_without_walking_them_as_recipes_and_figures_change():
    workspace = Workspace()
    corpus = workspace.corpus
    for n in range(4):
        corpus.append(document(f"d{n}.txt", ARTICLE), _stats("de", "", workspace.generation))
    assert not workspace.has_stale()
    workspace.set_recipe(workspace.recipe.with_enabled("ads.markers", False))
    assert workspace.has_stale() and workspace.corpus.stale_at_most(workspace.generation) == 4
    for n in range(3):
        corpus.set_stats(n, _stats("de", "", workspace.generation))
    assert workspace.has_stale() and workspace.stale() == [3]
    corpus.truncate(3)
    assert not workspace.has_stale() and workspace.stale() == []
