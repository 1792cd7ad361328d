"""The Workspace's corpus-level state, without a window: the site-template counts follow the documents added
and removed, only the documents a change can affect are counted again, a worker's share of the counts judges
as the whole does, and each document's status (kept, left out, copy of another) comes from the corpus stages."""

from __future__ import annotations

from winnow.core.model import Document
from winnow.corpus.near_duplicates import DedupResult, DuplicateVerdict
from winnow.corpus.templates import TemplateSettings, template_reason
from winnow.workspace import DUPLICATE, KEPT, LEFT_OUT, DocStats, PageKeys, Workspace, templates_for

FOOTER = "Read the Lakeside Courier every morning at the station kiosk"  # many words: a quote guard applies
TOPICS = ("harbour", "rail", "museum", "bridge", "school", "market", "library", "stadium", "theatre", "hospital")


def page(site: str, n: int, extra: str = FOOTER) -> Document:
    body = f"The {TOPICS[n % len(TOPICS)]} story number {n} tells what happened in town on day {n}."
    return Document(f"{site}/page-{n}.txt", "text", "", [body, "", extra], metadata={"url": f"https://{site}/page-{n}"})


def stats(generation: int = 0, left_out_by: str = "", reason: str = "") -> DocStats:
    return DocStats(2, 0, 20, {}, {}, 0, generation, left_out_by=left_out_by, left_out_reason=reason)


def test_template_counts_follow_documents_added_and_taken_back():
    workspace = Workspace()
    corpus = workspace.corpus
    for n in range(3):
        corpus.append(page("courier.example", n), stats())
    assert corpus.templates.pages["courier.example"] == 3
    corpus.truncate(1)
    assert corpus.templates.pages["courier.example"] == 1
    corpus.clear()
    assert not corpus.templates.pages and not corpus.templates.lines


def test_only_documents_of_judged_sites_are_counted_again():
    workspace = Workspace()
    smallest = workspace.recipe.value("template.site", "min_pages")
    corpus = workspace.corpus
    for n in range(smallest - 1):
        corpus.append(page("small.example", n), stats())
    assert workspace.templates_changed() == []  # one page short of being judged: nothing can change
    corpus.append(page("small.example", smallest), stats())
    corpus.append(page("other.example", 0), stats())
    changed = workspace.templates_changed()
    assert changed == list(range(smallest))  # the site now judged, all its pages; not the one-page site
    assert workspace.stale() == changed
    assert workspace.templates_changed() == []  # the changes were taken


def test_nothing_is_counted_again_when_the_site_templates_are_off():
    workspace = Workspace()
    workspace.set_recipe(workspace.recipe.with_enabled("template.site", False))
    for n in range(12):
        workspace.corpus.append(page("courier.example", n), stats(workspace.generation))
    assert workspace.templates_changed() == [] and workspace.stale() == []


def test_a_chunk_s_share_of_the_counts_judges_its_lines_as_the_whole_counts_do():
    workspace = Workspace()
    docs = [page("courier.example", n) for n in range(10)] + [page("gazette.example", n, "Gazette readers write in") for n in range(10)]
    docs.append(page("third.example", 0))  # the footer quoted on another site
    for doc in docs:
        workspace.corpus.append(doc, stats())
    whole = workspace.corpus.templates
    settings = TemplateSettings()
    reasons = []
    for chunk in (docs[:3], docs[9:12], docs[-1:]):
        part = templates_for(whole, [PageKeys.of(doc) for doc in chunk])
        assert len(part.lines) < len(whole.lines)
        for doc in chunk:
            site = doc.source.split("/")[0]
            for line in doc.lines:
                reasons.append(template_reason(whole, site, line, settings))
                assert template_reason(part, site, line, settings) == reasons[-1]
    assert "on 10 of 10 pages from gazette.example" in reasons  # a template line
    assert not any(r and "courier" in r for r in reasons)  # a long line quoted by another site is no template


def test_status_of_a_document_kept_left_out_or_a_copy():
    workspace = Workspace()
    corpus = workspace.corpus
    kept_doc, copy_doc, german = page("a.example", 1), page("a.example", 2), page("a.example", 3)
    corpus.append(kept_doc, stats())
    corpus.append(copy_doc, stats())
    corpus.append(german, stats(left_out_by="filter.language", reason="language de (0.97), not in en"))
    assert corpus.status(0) == (KEPT, "kept", None)
    assert corpus.status(2) == (LEFT_OUT, "left out: language de (0.97), not in en", None)
    assert corpus.left_out() == {"filter.language": 1}

    verdict = DuplicateVerdict(copy_doc.id, kept_doc.id, kept_doc.source, "c1", exact=False, jaccard=0.45, containment=0.76)
    corpus.set_duplicates(DedupResult({"c1": [kept_doc.id, copy_doc.id]}, {kept_doc.id: "c1", copy_doc.id: "c1"}, {copy_doc.id: verdict}), corpus.version)
    assert corpus.duplicates_current
    assert corpus.status(1) == (DUPLICATE, "copy of page-1.txt", 0)
    assert corpus.left_out() == {"filter.language": 1, "duplicates.near": 1}
    corpus.append(page("a.example", 4), stats())
    assert not corpus.duplicates_current  # a new document: the copies must be judged again


def test_a_line_s_other_pages_are_found_in_its_site_only():
    corpus = Workspace().corpus
    for n in range(4):
        corpus.append(page("courier.example", n), stats())
    corpus.append(page("gazette.example", 9), stats())  # another site with the same line
    corpus.append(page("courier.example", 5, extra="Something else"), stats())
    assert corpus.pages_sharing(0, FOOTER) == ["courier.example/page-1.txt", "courier.example/page-2.txt", "courier.example/page-3.txt"]
    assert corpus.pages_sharing(0, "a line on no page") == [] and corpus.pages_sharing(0, "") == []
