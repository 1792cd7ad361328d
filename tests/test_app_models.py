"""The window's item models, checked by pytest-qt's model tester and for what they show."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app_helpers import ARTICLE, SECOND, import_and_wait, write_corpus
from winnow.app.models import DocumentFilterProxy, DocumentTableModel, Flags, LineModel, LineRole, ProblemsModel
from winnow.core.model import Document, Family, Problem
from winnow.pipeline import Cleaner
from winnow.recipe import Override, Recipe
from winnow.workspace import Corpus, DocStats


def document(source: str, text: str, record: int | None = None) -> Document:
    return Document(source, "text", text, text.split("\n"), record=record)


def stats_for(doc: Document, recipe: Recipe = Recipe()) -> DocStats:
    return DocStats.of(Cleaner(recipe).clean(doc), 0)


@pytest.fixture
def table():
    docs = [document("a/harbour.txt", ARTICLE), document("a/rail.txt", SECOND), document("feed.jsonl", "ADVERTISEMENT", record=3)]
    model = DocumentTableModel(Corpus())
    model.append([(d, stats_for(d)) for d in docs])
    return model


def test_document_table_passes_the_model_tester(qtmodeltester, table):
    qtmodeltester.check(table)


def test_document_proxy_passes_the_model_tester(qtmodeltester, table):
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(table)
    proxy.sort(DocumentTableModel.REMOVED, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    proxy.setFilterFixedString("rail")
    qtmodeltester.check(proxy)


def test_document_table_rows_show_name_type_counts_and_flags(table):
    assert table.rowCount() == 3
    assert table.index(0, DocumentTableModel.NAME).data() == "harbour.txt"
    assert table.index(0, DocumentTableModel.TYPE).data() == "Text"
    assert table.index(2, DocumentTableModel.NAME).data() == "feed.jsonl #3"
    assert table.index(2, DocumentTableModel.TYPE).data() == "JSONL"
    assert "record 3" in table.index(2, DocumentTableModel.TYPE).data(Qt.ItemDataRole.ToolTipRole)
    # the one-line advertisement record has nothing left
    assert Flags.EMPTY in table.index(2, DocumentTableModel.FLAGS).data()
    assert table.index(0, DocumentTableModel.FLAGS).data() == Flags.KEPT
    kept = table.corpus.stats[0].lines_kept
    assert table.index(0, DocumentTableModel.KEPT).data() == f"{kept:,}"
    assert table.index(0, DocumentTableModel.NAME).data(Qt.ItemDataRole.ToolTipRole).startswith("a/harbour.txt")


def test_proxy_sorts_numbers_as_numbers_and_filters_flags(table):
    big = document("b/long.txt", "\n".join(f"Paragraph number {i} of a long article about the weather today." for i in range(12)))
    table.append([(big, stats_for(big))])
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(table)
    proxy.sort(DocumentTableModel.KEPT, Qt.SortOrder.AscendingOrder)
    kept = [int(proxy.index(r, DocumentTableModel.KEPT).data()) for r in range(proxy.rowCount())]
    assert kept == sorted(kept) and kept[-1] >= 10  # 12 after 4: numeric, not text order
    proxy.setFilterFixedString("nothing left")
    assert [proxy.index(r, DocumentTableModel.NAME).data() for r in range(proxy.rowCount())] == ["feed.jsonl #3"]


def test_edited_flag_and_stats_updates(table, qtbot):
    doc = table.corpus.documents[1]
    with qtbot.waitSignal(table.dataChanged):
        table.set_edited(frozenset({doc.id}))
    assert Flags.EDITED in table.index(1, DocumentTableModel.FLAGS).data()
    recipe = Recipe().with_custom("drop_containing", ["train", "strike", "timetables", "commuters", "full story"])
    new = DocStats.of(Cleaner(recipe).clean(doc), 1)
    with qtbot.waitSignal(table.dataChanged):
        table.update_stats([(1, new)])
    assert table.index(1, DocumentTableModel.REMOVED).data() == str(new.lines_removed)
    assert table.corpus.removed_by_rule["custom.drop-containing"] == new.by_rule["custom.drop-containing"]


def test_truncate_removes_rows_and_their_counts(table, qtmodeltester):
    before = table.corpus.lines_kept
    first = table.corpus.stats[0].lines_kept
    table.truncate(1)
    assert table.rowCount() == 1
    assert table.corpus.lines_kept == first < before
    qtmodeltester.check(table)


def line_model(recipe: Recipe = Recipe()) -> tuple[LineModel, Document]:
    doc = document("harbour.txt", ARTICLE)
    model = LineModel()
    model.set_cleaned(Cleaner(recipe).clean(doc), {o.line - 1: o.action for o in recipe.overrides})
    return model, doc


def test_line_model_passes_the_model_tester(qtmodeltester):
    model, _ = line_model()
    qtmodeltester.check(model)
    empty = LineModel()
    qtmodeltester.check(empty)


def test_line_model_roles():
    model, doc = line_model()
    ad = model.index(0)
    assert ad.data() == "ADVERTISEMENT"
    assert Family(ad.data(LineRole.FAMILY)) is Family.ADS
    assert ad.data(LineRole.NUMBER) == 1
    assert ad.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert "advertisement" in ad.data(Qt.ItemDataRole.ToolTipRole).lower()
    blank = model.index(1)
    assert blank.data(LineRole.BLANK) is True
    assert blank.data(Qt.ItemDataRole.CheckStateRole) is None
    assert not blank.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert model.index(2).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert "Line 3" in model.index(2).data(Qt.ItemDataRole.AccessibleTextRole)


def test_line_model_hands_check_changes_to_the_window():
    model, _ = line_model()
    asked = []
    model.on_toggle = lambda row, keep: asked.append((row, keep))
    assert model.setData(model.index(0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(model.index(2), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert not model.setData(model.index(1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)  # blank line
    assert not model.setData(model.index(2), "x", Qt.ItemDataRole.EditRole)
    assert asked == [(0, True), (2, False)]


def test_line_model_shows_hand_decisions():
    doc = document("harbour.txt", ARTICLE)
    recipe = Recipe().with_override(Override(doc.id, 1, "ADVERTISEMENT", "keep")).with_override(Override(doc.id, 3, doc.lines[2], "drop"))
    model, _ = line_model(recipe)
    assert model.index(0).data(LineRole.LABEL) == "Kept by hand"
    assert model.index(0).data(LineRole.OVERRIDE) == "keep"
    assert model.index(2).data(LineRole.LABEL) == "By hand"
    assert Family(model.index(2).data(LineRole.FAMILY)) is Family.MANUAL


def test_line_model_updates_in_place_for_the_same_document(qtbot):
    model, doc = line_model()
    with qtbot.assertNotEmitted(model.modelReset):
        with qtbot.waitSignal(model.dataChanged):
            model.set_cleaned(Cleaner(Recipe().with_enabled("ads.markers", False)).clean(doc))
    other = document("rail.txt", SECOND)
    with qtbot.waitSignal(model.modelReset):
        model.set_cleaned(Cleaner(Recipe()).clean(other))


def test_problems_model(qtmodeltester):
    model = ProblemsModel()
    qtmodeltester.check(model)
    model.add([Problem("a/bad.txt", "is not a text file"), Problem("feed.jsonl", "line 3 is not JSON", record=2, fatal=False)])
    qtmodeltester.check(model)
    assert model.index(0, ProblemsModel.FILE).data() == "a/bad.txt"
    assert model.index(1, ProblemsModel.RECORD).data() == "2"
    assert model.index(1, ProblemsModel.KIND).data() == "warning"
    assert model.index(0, ProblemsModel.KIND).data() == "error"
    assert "record 2" in model.index(1, ProblemsModel.MESSAGE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.errors == 1
    model.clear()
    assert model.rowCount() == 0


def test_window_models_pass_the_model_tester(qtbot, qtmodeltester, main_window, tmp_path):
    """The models as the window fills them: after an import, a selection and a problem."""
    corpus = write_corpus(tmp_path)
    (corpus / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    import_and_wait(qtbot, main_window, [corpus])
    main_window.select_document(0)
    for model in (main_window.doc_model, main_window.proxy, main_window.preview.model, main_window.problems_model, main_window.undo_view.model()):
        qtmodeltester.check(model)


def test_title_site_language_and_kept_share_columns(table):
    page = Document(
        "site/page.html",
        "html",
        "",
        ["Harbour council approves flood barrier", "", ARTICLE],
        metadata={"title": "Harbour council approves flood barrier", "url": "https://www.harbour-times.example/a", "language": "en"},
    )
    stats = DocStats(3, 1, 40, {}, {}, 0, 0, "Harbour council approves flood barrier", "harbour-times.example", "en")
    table.append([(page, stats)])
    row = table.rowCount() - 1
    assert table.index(row, DocumentTableModel.TITLE).data() == "Harbour council approves flood barrier"
    assert "site/page.html" in table.index(row, DocumentTableModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert table.index(row, DocumentTableModel.SITE).data() == "harbour-times.example"
    assert table.index(row, DocumentTableModel.LANGUAGE).data() == "en"
    assert table.index(row, DocumentTableModel.KEPT_SHARE).data() == "75%"
    # without a title the file name stands in
    assert table.index(2, DocumentTableModel.TITLE).data() in ("feed.jsonl #3", table.corpus.stats[2].title)


def test_site_falls_back_to_the_host_of_the_url():
    from winnow.workspace import host_of

    assert host_of("https://www.example.org/a/b?c") == "example.org"
    assert host_of("not a url") == ""
    assert host_of("http://[::1") == ""


def test_proxy_filters_by_status_language_and_rule(qtmodeltester, table):
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(table)
    names = lambda: [proxy.index(r, DocumentTableModel.NAME).data() for r in range(proxy.rowCount())]  # noqa: E731
    proxy.set_status(Flags.EMPTY)
    assert names() == ["feed.jsonl #3"]
    proxy.set_status(Flags.KEPT)
    assert names() == ["harbour.txt", "rail.txt"]
    proxy.set_status(None)
    ads = [table.corpus.documents[i].name for i, s in enumerate(table.corpus.stats) if s.by_rule.get("ads.markers")]
    proxy.set_rule("ads.markers")
    assert names() == ads and "rail.txt" not in ads
    proxy.set_rule(None)
    languages = {s.language for s in table.corpus.stats}
    proxy.set_language("xx-no-such-language")
    assert names() == []
    proxy.set_language(None)
    assert proxy.rowCount() == 3 and languages
    qtmodeltester.check(proxy)


# ---- the proxy filters and sorts in bulk: checked against the table's own data, through every kind of change
def _figures(rng, generation: int = 0) -> DocStats:
    title = rng.choice(["Harbour news", "harbour NEWS", "Rail strike", "Museum", "Ärger im Hafen", ""])
    kept = rng.randint(0, 6)
    return DocStats(kept, rng.randint(0, 3), kept * 7, {"ads.markers": 1} if rng.random() < 0.3 else {}, {}, rng.random() < 0.1, generation,
                    title=title, site=rng.choice(["", "courier.example"]), language=rng.choice(["de", "en"]))  # fmt: skip


def _random_document(rng, n: int) -> Document:
    return Document(f"{rng.choice(['a', 'B'])}/doc{n:03}.txt", "text", "", [f"Line {n}"])


def _expected(table: DocumentTableModel, text: str, column: int, order: Qt.SortOrder) -> list[int]:
    """The rows a person expects: those whose title, file, site or status contain the text (any case), stably
    sorted by the column's sort values (text in any case), else in import order."""
    from winnow.app.models import FILTER_ROLE, SORT_ROLE

    rows = [r for r in range(table.rowCount()) if text.casefold() in table.index(r, 0).data(FILTER_ROLE).casefold()]
    if column >= 0:
        value = lambda r: table.index(r, column).data(SORT_ROLE)  # noqa: E731
        rows.sort(key=lambda r: value(r).casefold() if isinstance(value(r), str) else value(r), reverse=order == Qt.SortOrder.DescendingOrder)
    return rows


def _shown(proxy: DocumentFilterProxy) -> list[int]:
    return [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]


@pytest.mark.parametrize("seed", range(6))
def test_the_proxy_shows_what_the_table_data_says_through_appends_recounts_and_truncation(qtmodeltester, seed):
    import random

    rng = random.Random(seed)
    table = DocumentTableModel(Corpus())
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(table)
    qtmodeltester.check(proxy)  # stays attached: every change below is checked as it is signalled
    text = rng.choice(["", "harbour", "doc0", "b/", "kept", "ärger", "nothing left"])
    column = rng.choice([-1, DocumentTableModel.TITLE, DocumentTableModel.KEPT, DocumentTableModel.STATUS, DocumentTableModel.NAME])
    order = rng.choice([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
    proxy.setFilterFixedString(text)
    proxy.sort(column, order)
    made = 0
    for _ in range(4):
        batch = [(_random_document(rng, made + i), _figures(rng)) for i in range(rng.randint(1, 30))]
        made += len(batch)
        table.append(batch)
        assert _shown(proxy) == _expected(table, text, column, order)
    for _ in range(6):  # recounts: a few rows, then many at once (the whole list is laid out again)
        rows = rng.sample(range(table.rowCount()), rng.choice([1, 5, min(table.rowCount(), 40)]))
        table.update_stats([(r, _figures(rng, generation=1)) for r in rows])
        assert _shown(proxy) == _expected(table, text, column, order)
    for row in range(proxy.rowCount()):
        assert proxy.mapFromSource(proxy.mapToSource(proxy.index(row, 1))) == proxy.index(row, 1)
    table.truncate(rng.randint(0, table.rowCount() - 1))
    assert _shown(proxy) == _expected(table, text, column, order)
    proxy.sort(-1)
    proxy.setFilterFixedString("")
    assert _shown(proxy) == list(range(table.rowCount()))


@pytest.mark.parametrize("seed", range(4))
def test_a_row_held_by_the_view_follows_its_document_through_sorting_and_filtering(seed):
    """The selected document stays selected (and in view) when the list is sorted or filtered again."""
    import random

    from PySide6.QtCore import QPersistentModelIndex

    rng = random.Random(seed)
    table = DocumentTableModel(Corpus())
    table.append([(_random_document(rng, n), _figures(rng)) for n in range(40)])
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(table)
    for _ in range(8):
        held = QPersistentModelIndex(proxy.index(rng.randrange(proxy.rowCount()), DocumentTableModel.NAME)) if proxy.rowCount() else None
        name = held.data() if held is not None else None
        if rng.random() < 0.5:
            proxy.sort(rng.choice([-1, DocumentTableModel.KEPT, DocumentTableModel.NAME]), rng.choice(list(Qt.SortOrder)))
        else:
            proxy.setFilterFixedString(rng.choice(["", "harbour", "doc0", "rail"]))
        if held is not None and held.isValid():
            assert held.data() == name
        elif held is not None:  # filtered out
            assert name not in [proxy.index(r, DocumentTableModel.NAME).data() for r in range(proxy.rowCount())]


def test_the_filter_reads_the_kept_search_keys_not_each_row_s_data(table, monkeypatch):
    """At 100,000 documents asking the model for each row's text took over a second per keystroke."""
    from winnow.app.models import FILTER_ROLE

    proxy = DocumentFilterProxy()
    proxy.setSourceModel(table)
    asked: list[int] = []
    original = DocumentTableModel.data
    monkeypatch.setattr(DocumentTableModel, "data", lambda self, index, role=Qt.ItemDataRole.DisplayRole: asked.append(role) or original(self, index, role))
    proxy.setFilterFixedString("RAIL")
    assert [proxy.index(r, DocumentTableModel.NAME).data() for r in range(proxy.rowCount())] == ["rail.txt"]
    assert FILTER_ROLE not in asked


def test_the_search_keys_follow_hand_decisions_and_statuses(qtmodeltester, table):
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(table)
    qtmodeltester.check(proxy)
    proxy.setFilterFixedString(Flags.EDITED)
    assert proxy.rowCount() == 0
    table.set_edited(frozenset({table.corpus.documents[1].id}))
    assert [proxy.index(r, DocumentTableModel.NAME).data() for r in range(proxy.rowCount())] == ["rail.txt"]
    table.set_edited(frozenset())
    assert proxy.rowCount() == 0


def test_a_hand_decision_or_a_new_copy_redraws_only_those_documents_rows(table):
    """A change signalled for every row made a sorted or filtered list of 100,000 documents place every row again."""
    from winnow.corpus.near_duplicates import DedupResult, DuplicateVerdict

    changed: list[tuple[int, int]] = []
    table.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row())))
    table.set_edited(frozenset({table.corpus.documents[2].id}))
    assert changed == [(2, 2)] and Flags.EDITED in table.index(2, DocumentTableModel.STATUS).data()
    changed.clear()
    copy, kept = table.corpus.documents[1], table.corpus.documents[0]
    verdict = DuplicateVerdict(copy.id, kept.id, kept.source, "c1", exact=False, jaccard=0.9, containment=0.95)
    table.corpus.set_duplicates(DedupResult(dropped={copy.id: verdict}), table.corpus.version)
    table.statuses_changed()
    assert changed == [(1, 1)] and table.index(1, DocumentTableModel.STATUS).data().startswith("copy of harbour.txt")
