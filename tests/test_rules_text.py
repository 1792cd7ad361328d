"""Shared text utilities of the rules: language guess, stopwords, phrase lexicons."""

import pytest

from winnow.text.language import LanguageIdentifier, normalise_language
from winnow.text.lexicon import PhraseIndex, build, key, lexicon
from winnow.text.words import content_stems, stoplist, stopword_density

SAMPLES = {
    "en": "The council said on Tuesday that the new barrier would protect the homes and the market from the storms.",
    "de": "Der Stadtrat sagte am Dienstag, dass die neue Sperre die Wohnungen und den Markt vor den Stürmen schützen werde.",
    "fr": "Le conseil a déclaré mardi que la nouvelle digue protégerait les logements et le marché contre les tempêtes.",
    "es": "El ayuntamiento dijo el martes que la nueva barrera protegería las viviendas y el mercado de las tormentas.",
    "it": "Il consiglio ha detto martedì che la nuova barriera proteggerà le case e il mercato dalle tempeste.",
}


def identify(text, declared=None):
    found = LanguageIdentifier.shared().identify(text.splitlines(), declared)
    return found.code if found else None


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_language_is_identified(lang):
    found = LanguageIdentifier.shared().identify([SAMPLES[lang]])
    assert found.code == lang and 0.5 < found.confidence <= 1.0


def test_language_of_menus_is_taken_from_the_prose():
    menu = "\n".join(["Home", "News", "Sport", "Contact", "Login"] * 20)
    assert identify(menu + "\n" + (SAMPLES["de"] + "\n") * 3) == "de"


def test_cjk_and_empty_text():
    assert identify("北京冬奥会开幕式于2月4日晚在国家体育场举行。中国代表团入场。") == "zh"
    assert identify("") is None


@pytest.mark.parametrize(
    ("tag", "code"), [("de-DE", "de"), ("en_US", "en"), (" FR ", "fr"), ("pt-br", "pt"), ("", None), ("english", None), ("x1", None), (None, None)]
)
def test_language_tags_are_normalised_to_iso_639_1(tag, code):
    assert normalise_language(tag) == code


def test_stoplists_come_from_justext():
    assert {"the", "and", "of"} <= stoplist("en")
    assert {"der", "und", "nicht"} <= stoplist("de")
    assert stoplist("xx") == frozenset()
    assert stopword_density("the cat and the dog", stoplist("en")) >= 0.6


def test_content_stems_ignore_frequent_words_and_inflection():
    stop = stoplist("en")
    assert content_stems("Regime forces advancing", stop) & content_stems("the regime's forces advanced", stop) >= {"regim", "force", "advan"}
    assert content_stems("the and of 2016", stop) == set()


def test_keys_fold_case_quotes_and_edges():
    assert key("  - Anzeige -  ") == "anzeige"
    assert key("Teilen Sie dies mit:") == "teilen sie dies mit"
    assert key("„Zitat“") == key('"zitat"') == "zitat"
    assert key("À lire aussi »") == "à lire aussi"


def test_phrase_index_matches_whole_word_sequences():
    index = PhraseIndex(["uses cookies", "like us on facebook", "eyewitness? submit"])
    find = lambda text: index.finds(tuple(text.casefold().replace(",", " ").replace("?", " ").split()))  # noqa: E731
    assert find("This site uses cookies, as most do") == ("uses", "cookies")
    assert find("Please LIKE us on Facebook") == ("like", "us", "on", "facebook")
    assert find("This site refuses cookies") is None  # 'refuses' is not 'uses'
    assert find("An eyewitness said the car was red") is None
    assert index.starts(("like", "us", "on", "facebook", "now")) == ("like", "us", "on", "facebook")


def test_lexicon_files_parse_and_have_content():
    for name in ("ads", "cookies", "related", "prompts", "furniture", "boilerplate"):
        lex = lexicon(name)
        assert lex.equal or lex.contains or lex.start or lex.extra, name
    assert lexicon("ads").match(key("ADVERTISEMENT")) == "advertisement"
    assert build("t", {"equal": ["Hello"], "start": ["read more"], "contains": ["sign up"]}).match(key("Read more: x")) == "read more"


# ---- the language the rules work with, and the lines they judge


def _analysed(lines, metadata=None, outside=frozenset(), fmt="text"):
    from winnow.core.model import Document
    from winnow.pipeline import Cleaner
    from winnow.recipe import Recipe

    doc = Document(source="t/page.html", format=fmt, content="\n".join(lines), lines=list(lines), metadata=dict(metadata or {}), outside_main=outside)
    cleaned = Cleaner(Recipe()).clean(doc)
    return cleaned.analysis, cleaned


GERMAN = [
    SAMPLES["de"] + " " + SAMPLES["de"].lower(),
    "Die Stadt will die Arbeiten an der Sperre im Frühjahr beginnen, "
    "und sie sollen nach Angaben des Planungsamts in drei Jahren abgeschlossen sein, wenn das Wetter es zulässt.",
]
NOTICE = [
    "These crawls are part of an effort to archive pages as they are created and archive the pages that they refer to.",
    "That way, as the pages that are referenced are changed or taken from the web, a link to the version will be kept.",
    "Then the archive hopes that references to these archived pages will be put in place of a link that would be broken.",
    "This is a collection of pages and embedded objects from blogs and the external pages they link to, made every day.",
    "Captures of these pages are made on a continuous basis, seeded from a feed of new or changed pages on the web.",
] * 2


def test_the_language_comes_from_the_longest_lines_wherever_they_are():
    info, cleaned = _analysed([*NOTICE, *GERMAN, *GERMAN[:1]])
    assert info.language == "de"
    assert cleaned.metadata["language"] == "de"


def test_a_declared_language_is_taken_when_the_text_bears_it_out():
    info, cleaned = _analysed(GERMAN, {"language": "de-DE"}, fmt="html")
    assert info.language == "de"
    assert cleaned.metadata["language"] == "de"  # normalised to ISO 639-1
    assert 0.5 < float(cleaned.metadata["language_confidence"]) <= 1.0


def test_a_template_default_language_is_not_believed():
    info, _ = _analysed(GERMAN, {"language": "en"}, fmt="html")
    assert info.language == "de"


def test_lines_outside_the_main_content_are_not_judged_again():
    # on an HTML page, the lines extraction left out are already removed: no rule reads them, not even for metadata
    lines = ["Published: December 6, 2016", "Share this article", *GERMAN]
    info, _ = _analysed(lines, outside=frozenset({0, 1}), fmt="html")
    assert info.short_lines(20) == [] and info.counts[:2] == [0, 0]
    from winnow.core.model import Document
    from winnow.pipeline import Cleaner
    from winnow.recipe import Recipe

    doc = Document(source="p.html", format="html", content="", lines=lines, outside_main=frozenset({0, 1}))
    result = Cleaner(Recipe()).clean(doc)
    assert "date" not in result.metadata
    assert [r.rule_id for r in result.removals[:2]] == ["html.outside-main", "html.outside-main"]
