"""CSS selectors decide lines: what they remove stays visible, struck through with the selector as reason,
is counted per selector, and a selector edit never extracts the pages again."""

from __future__ import annotations

import pytest

import winnow.readers.html as html_reader
from winnow.core.model import Document
from winnow.pipeline import Cleaner, selector_error
from winnow.readers.html import extract_page, selected_lines
from winnow.recipe import CustomRules, Recipe
from winnow.rules.custom import SelectorRemoval, selector_counts

ARTICLE = [
    "Die Stadt baut eine neue Brücke über den Fluss, die im Frühjahr fertig werden soll und zwei Viertel verbindet.",
    "The council approved the budget for the new bridge on Tuesday after a long debate about the costs involved.",
    "Le conseil municipal a voté mardi un budget de quarante millions pour le nouveau pont sur la rivière.",
]


def page(extra: str = "", nav: str = "Home</a> <a>World</a> <a>Sport") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return (
        f"<html><head><title>A bridge</title></head><body><nav class='menu'><a>{nav}</a></nav>"
        f"<article><h1>A new bridge for the town</h1>{paragraphs}{extra}</article>"
        "<aside class='promo'><p>Subscribe now and read every story for one euro a month.</p></aside>"
        "<footer><p>Imprint</p></footer></body></html>"
    )


def document(html: str, name: str = "page.html") -> Document:
    found = extract_page(html)
    return Document(source=name, format="html", content=html, lines=found.lines, outside_main=found.outside_main, metadata=found.metadata)


def cleaner(*selectors: str) -> Cleaner:
    return Cleaner(Recipe(custom=CustomRules(selectors=selectors)))


def removed_by_selectors(cleaned) -> dict[str, str]:
    return {line: r.selector for line, r in zip(cleaned.lines, cleaned.removals) if isinstance(r, SelectorRemoval)}


def test_selected_lines_stay_in_the_page_struck_through_with_the_selector_as_reason():
    doc = document(page())
    cleaned = cleaner("aside.promo", "nav.menu").clean(doc)
    assert cleaned.lines == doc.lines  # nothing vanishes from the preview
    assert removed_by_selectors(cleaned) == {
        "Subscribe now and read every story for one euro a month.": "aside.promo",
        "Home World Sport": "nav.menu",
    }
    reason = next(r.reason for r in cleaned.removals if isinstance(r, SelectorRemoval) and r.selector == "nav.menu")
    assert "nav.menu" in reason
    assert "Subscribe" not in cleaned.text and all(p in cleaned.text for p in ARTICLE)


def test_a_selector_inside_the_main_text_strikes_that_paragraph_only():
    cleaned = cleaner("article p:nth-of-type(2)").clean(document(page()))
    assert removed_by_selectors(cleaned) == {ARTICLE[1]: "article p:nth-of-type(2)"}
    assert ARTICLE[1] not in cleaned.text and ARTICLE[0] in cleaned.text and ARTICLE[2] in cleaned.text


def test_lines_are_counted_per_selector_over_a_corpus():
    run = cleaner("nav.menu", "footer p", "aside.promo")
    docs = [document(page(), "a.html"), document(page(nav="Start</a> <a>Politik"), "b.html")]
    removals = [r for doc in docs for r in run.clean(doc).removals]
    assert selector_counts(removals) == {"nav.menu": 2, "footer p": 2, "aside.promo": 2}


def test_a_word_selected_inside_a_sentence_does_not_take_the_sentence():
    sentence = "The bridge will cost forty million euros, the council says, and open in spring next year."
    html = page(extra=f"<p>{sentence.replace('forty million', '<span class=amount>forty million</span>')}</p>")
    assert selected_lines(html, document(html).lines, ("span.amount",)) == {}


def test_a_selector_matching_nothing_or_invalid_removes_nothing():
    doc = document(page())
    plain = Cleaner(Recipe()).clean(doc)
    for selector in ("div.nowhere", "div[["):
        assert cleaner(selector).clean(doc).removals == plain.removals
    assert selector_error("div[[") and selector_error("") and selector_error("nav.menu > a") is None


def test_a_keep_exception_still_wins_over_a_selector():
    recipe = Recipe(custom=CustomRules(selectors=("aside.promo",), keep_containing=("one euro a month",)))
    cleaned = Cleaner(recipe).clean(document(page()))
    assert "Subscribe now and read every story for one euro a month." in cleaned.text


def test_a_selector_edit_does_not_extract_the_pages_again(monkeypatch):
    docs = [document(page(extra=f"<p>Note number {n} about the bridge works in the town centre.</p>"), f"{n}.html") for n in range(5)]

    def no_extraction(*args, **kwargs):
        raise AssertionError("a page was extracted again")

    monkeypatch.setattr(html_reader, "main_content", no_extraction)
    monkeypatch.setattr(html_reader, "extract_page", no_extraction)
    parses = []
    real_parse = html_reader.parse_html
    monkeypatch.setattr(html_reader, "parse_html", lambda text: parses.append(1) or real_parse(text))
    for doc in docs:
        cleaner("nav.menu").clean(doc)
    assert len(parses) == len(docs)
    parses.clear()
    for doc in docs:  # one selector added: only it is matched, the first one's lines come from the cache
        assert set(removed_by_selectors(cleaner("nav.menu", "footer p").clean(doc)).values()) == {"nav.menu", "footer p"}
    assert len(parses) == len(docs)


def test_the_cache_is_never_stale_for_a_changed_page():
    first = document(page(), "same.html")
    changed = document(page(nav="Accueil</a> <a>Monde"), "same.html")  # same name and id, other content
    assert first.id == changed.id
    run = cleaner("nav.menu")
    assert "Home World Sport" in removed_by_selectors(run.clean(first))
    assert removed_by_selectors(run.clean(changed)) == {"Accueil Monde": "nav.menu"}


@pytest.mark.parametrize("extractor", ["fast", "resiliparse"])
def test_selectors_work_on_every_extractors_lines(extractor):
    html = page()
    found = extract_page(html, extractor=extractor)
    doc = Document(source="p.html", format="html", content=html, lines=found.lines, outside_main=found.outside_main)
    assert "Subscribe now and read every story for one euro a month." in removed_by_selectors(cleaner("aside.promo").clean(doc))
