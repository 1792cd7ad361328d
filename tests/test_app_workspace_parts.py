"""What moved out of the window into the Qt-free Workspace: the import queue's bookkeeping, the file a
problem names, “Remove all documents”, keeping lines of several documents at once, which other rules
still remove a line, and rule names from the registry (plugin rules included)."""

from __future__ import annotations

from app_helpers import ARTICLE
from test_rules_plugin import plugin_site, run_with_plugin  # noqa: F401 (a fixture)
from winnow.core.model import Document, Problem
from winnow.pipeline import Cleaner
from winnow.recipe import default_recipe
from winnow.workspace import DocStats, Workspace, also_removed_by, fields_named_in, filterable_rules, line_text, narrowings, param_label, rule_name


def document(source: str, text: str, path: str | None = None) -> Document:
    doc = Document(source, "text", text, text.split("\n"))
    if path is not None:
        doc.path = path
    return doc


def test_fresh_paths_are_absolute_and_skip_imported_queued_and_repeated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workspace = Workspace(roots=[str(tmp_path / "a.txt")])
    fresh = workspace.fresh_paths(["a.txt", "b.txt", "b.txt", str(tmp_path / "c"), "d.html"], [[str(tmp_path / "c")]])
    assert fresh == [str(tmp_path / "b.txt"), str(tmp_path / "d.html")]
    workspace.forget_roots((str(tmp_path / "a.txt"),))
    assert workspace.roots == []


def test_the_file_a_problem_names_is_found_in_a_root_file_or_folder(tmp_path):
    folder = tmp_path / "crawl"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "records.jsonl").write_text("{}\n")
    single = tmp_path / "one.csv"
    single.write_text("a,b\n")
    workspace = Workspace(roots=[str(folder), str(single)])
    assert workspace.file_of_problem(Problem("one.csv", "no text field")) == str(single)
    assert workspace.file_of_problem(Problem("crawl/sub/records.jsonl", "no text field")) == str(folder / "sub" / "records.jsonl")
    assert workspace.file_of_problem(Problem("elsewhere.jsonl", "no text field")) is None


def test_the_fields_a_reader_listed_are_read_back():
    assert fields_named_in("records.jsonl has no text field (its fields: body, url, title)") == ["body", "url", "title"]
    assert fields_named_in("x.csv has no text field (its fields: a, b …)") == ["a", "b"]
    assert fields_named_in("x.csv has no text field (its fields: none)") == []
    assert fields_named_in("could not decode x.html") == []


def test_taking_all_documents_returns_them_for_an_undo():
    workspace = Workspace(roots=["/data/a.txt"])
    doc = document("a.txt", ARTICLE)
    workspace.corpus.append(doc, DocStats.of(Cleaner(workspace.recipe).clean(doc), 0))
    problem = Problem("b.txt", "unreadable")
    removed = workspace.take_all([problem])
    assert workspace.roots == [] and removed.roots == ["/data/a.txt"]
    assert removed.documents == [doc] and removed.problems == [problem] and len(removed.stats) == 1


def test_keeping_lines_of_several_documents_is_one_recipe():
    workspace = Workspace()
    docs = [document("one.txt", ARTICLE), document("two.txt", ARTICLE.replace("harbour", "station"))]
    for doc in docs:
        workspace.corpus.append(doc, DocStats.of(Cleaner(workspace.recipe).clean(doc), 0))
    ad = ARTICLE.split("\n").index("ADVERTISEMENT")
    new = workspace.keep_everywhere([(0, ad), (1, ad)])
    assert sorted((o.doc, o.line, o.action) for o in new.overrides) == sorted((d.id, ad + 1, "keep") for d in docs)
    assert all(Cleaner(new).clean(d).removals[ad] is None for d in docs)


def test_lines_another_rule_still_removes_are_counted_by_family():
    workspace = Workspace()
    doc = document("harbour.txt", ARTICLE)
    before = Cleaner(workspace.recipe).clean(doc)
    ads = [i for i, line in enumerate(before.lines) if line == "ADVERTISEMENT"]
    rule = before.removals[ads[0]].rule_id
    by_rule = sum(1 for i in ads if before.removals[i].rule_id == rule)
    switched_off = workspace.recipe.with_enabled(rule, False).with_custom("drop_equal", ("ADVERTISEMENT",))
    after = Cleaner(switched_off).clean(doc)
    others = also_removed_by(before, after, {rule})
    assert sum(others.values()) >= by_rule >= 1  # the user's own “lines equal to” list removes them now
    unrelated = also_removed_by(before, after, {"no.such.rule"})
    assert unrelated == {}
    assert also_removed_by(before, Cleaner(switched_off).clean(document("other.txt", ARTICLE)), {rule}) == {}  # another document


def test_a_line_text_is_the_original_tidied_and_none_for_blank_lines():
    doc = document("harbour.txt", ARTICLE)
    cleaned = Cleaner(Workspace().recipe).clean(doc)
    blank = cleaned.lines.index("")
    assert line_text(cleaned, blank) is None and line_text(cleaned, None) is None and line_text(None, 0) is None
    assert line_text(cleaned, len(cleaned.lines)) is None
    assert line_text(cleaned, 0) == " ".join(cleaned.lines[0].split())


def test_rule_names_come_from_the_registry():
    ids = [rule_id for _name, rule_id in filterable_rules()]
    assert "ads.markers" in ids and len(ids) == len(set(ids))
    assert rule_name("ads.markers") != "ads.markers"
    assert rule_name("no.such.rule") == "no.such.rule" and param_label("no.such.rule", "x") == "x"


def test_a_plugin_rule_is_named_and_filterable_like_a_builtin(plugin_site):  # noqa: F811
    out = run_with_plugin(
        plugin_site,
        code="""
        from winnow.workspace import filterable_rules, rule_name, param_label
        listed = ("Sponsor lines", "example.sponsors") in filterable_rules()
        print(listed, rule_name("example.sponsors"), param_label("example.sponsors", "max_words") != "max_words")
        """,
    )
    assert out.split() == ["True", "Sponsor", "lines", "True"]


BANNER_PAGE = [
    "Harbour council approves new flood barrier budget",
    "The harbour council voted on Tuesday to approve a budget of 40 million euros for a new flood barrier, after two winters of storm damage.",
    "By clicking “Accept All Cookies”, you agree to the storing of cookies on your device to enhance site navigation.",
    "Councillor Maria Jensen said the barrier would protect about 3,000 homes and the fish market, which flooded twice last year.",
]


def test_a_threshold_is_moved_just_far_enough_to_spare_the_chosen_line():
    doc = Document("banner.txt", "text", "\n".join(BANNER_PAGE), list(BANNER_PAGE))
    recipe = default_recipe()
    removal = Cleaner(recipe).clean(doc).removals[2]
    assert removal is not None
    rule = removal.rule_id
    options = narrowings(recipe, rule, [(doc, [2])])
    moved = [o for o in options if "→" in o.label]
    assert moved, [o.label for o in options]
    for option in moved:
        assert Cleaner(option.recipe).clean(doc).removals[2] is None or Cleaner(option.recipe).clean(doc).removals[2].rule_id != rule
        changed = [p for p in option.recipe.setting(rule).values if option.recipe.value(rule, p) != recipe.value(rule, p)]
        assert len(changed) == 1  # one parameter, moved
        name = changed[0]
        old, new = recipe.value(rule, name), option.recipe.value(rule, name)
        if isinstance(new, int) and not isinstance(new, bool):  # one step less far does not spare the line
            nearer = option.recipe.with_value(rule, name, new + (1 if old > new else -1))
            again = Cleaner(nearer).clean(doc).removals[2]
            assert again is not None and again.rule_id == rule
        assert option.history.endswith(f"{option.label}")
    assert options[-1].recipe.custom.keep_containing == (" ".join(BANNER_PAGE[2].split()),)


def test_nothing_narrows_a_rule_that_does_not_remove_the_line():
    doc = Document("banner.txt", "text", "\n".join(BANNER_PAGE), list(BANNER_PAGE))
    assert narrowings(default_recipe(), "cookies.banner", [(doc, [1])]) == []
    assert narrowings(default_recipe(), "cookies.banner", []) == []
