"""The Corpus view's charts: their tables (Qt-free), the widgets, PNG and CSV export."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtGui import QImage

from winnow.app.corpus_view import CorpusView
from winnow.core.model import Problem
from winnow.corpus.run import CorpusCleaner
from winnow.corpus.stats import corpus_charts
from winnow.readers import read_paths
from winnow.recipe import default_recipe

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seeds_result():
    return CorpusCleaner(default_recipe()).run(d for d in read_paths([SEEDS]) if not isinstance(d, Problem))


def test_chart_tables_count_lines_documents_languages_and_lengths():
    documents = seeds_result().documents
    removed, left_out, languages, lengths = corpus_charts(documents)
    assert dict(removed.rows)["ads.markers"][0] == sum(c.removed_counts.get("ads.markers", 0) for c in documents) > 0
    assert left_out.rows == [("duplicates.near", (1,))]
    assert sum(v[0] for _, v in languages.rows) == 5 and languages.rows[0][0] == "en"
    assert sum(v[0] for _, v in lengths.rows) == 5 and sum(v[1] for _, v in lengths.rows) == 4  # the copy is not after
    assert lengths.csv_rows()[0] == ["words", "before cleaning", "after (kept documents)"]


def test_the_view_draws_four_charts_and_exports_them(qtbot, tmp_path):
    view = CorpusView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.set_documents(seeds_result().documents)
    assert "4 in the corpus, 1 left out" in view.summary.text()
    view.tabs.setCurrentIndex(0)
    panel = view.panels[0]
    panel.export_png(tmp_path / "rules.png")
    image = QImage(str(tmp_path / "rules.png"))
    assert not image.isNull() and image.width() >= 600
    panel.export_csv(tmp_path / "rules.csv")
    with (tmp_path / "rules.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["rule", "lines"] and rows[1:] == [[k, str(v[0])] for k, v in panel.chart.rows]


def test_an_empty_chart_cannot_be_exported_as_a_picture(qtbot):
    view = CorpusView()
    qtbot.addWidget(view)
    view.set_documents([])
    assert not view.panels[0].png_button.isEnabled()


def test_the_status_list_filters_kept_copies_and_left_out_documents(qtbot, qtmodeltester):
    view = CorpusView()
    qtbot.addWidget(view)
    view.set_documents(seeds_result().documents)
    qtmodeltester.check(view.statuses)
    qtmodeltester.check(view.status_filter)

    def shown() -> list[str]:
        model = view.status_filter
        return [model.index(r, 1).data() for r in range(model.rowCount())]

    assert len(shown()) == 5
    view.status_choice.setCurrentIndex(view.status_choice.findText("Copies of others"))
    (copy,) = shown()
    assert copy.startswith("copy of seeds/001_")
    view.status_choice.setCurrentIndex(view.status_choice.findText("Kept"))
    assert len(shown()) == 4 and "kept (has copies)" in shown()
    view.status_choice.setCurrentIndex(view.status_choice.findText("Left out by a rule"))
    assert shown() == []


def test_site_template_lines_list_the_pages_that_share_them(qtbot):
    from winnow.core.model import Document

    article = "The harbour council voted on Tuesday to approve a budget for a new flood barrier after two winters of storms."
    docs = []
    for n in range(10):
        lines = ["Quayside Gazette Morning Edition", f"{article} Item {n} of the series about the quay and its people."]
        docs.append(Document(f"crawl/q{n}.txt", "text", "\n".join(lines), lines, metadata={"url": f"https://quay.example/{n}"}))
    view = CorpusView()
    qtbot.addWidget(view)
    view.set_documents(CorpusCleaner(default_recipe()).run(docs).documents)
    item = view.templates.topLevelItem(0)
    assert item.text(0).startswith("Quayside Gazette Morning Edition") and item.text(1) == "10"
    assert item.toolTip(0) == "on 10 of 10 pages from quay.example"
    assert [item.child(n).text(0) for n in range(item.childCount())] == [f"crawl/q{n}.txt" for n in range(10)]
