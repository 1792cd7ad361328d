"""Document rules: language and the Gopher/C4 quality checks, each with a reason, defaults that spare prose."""

from __future__ import annotations

import random

import pytest

from winnow.core.model import Document
from winnow.corpus.facts import MAYBE_UNSPACED, PUNCTUATION, UNSPACED, DocumentFacts
from winnow.corpus.run import CorpusCleaner
from winnow.recipe import default_recipe
from winnow.rules.documents import (
    AlphaWords,
    BulletLines,
    EllipsisLines,
    KeptShare,
    LanguageFilter,
    LoremIpsum,
    StopWords,
    SymbolRatio,
    TooFewWords,
    WordLength,
)
from winnow.text.language import LanguageIdentifier

ENGLISH = (
    "The council met on Tuesday to discuss the new bridge. Residents said that the plan would cut the "
    "journey to the town centre by half, and the mayor promised that work will start in the spring. "
)
GERMAN = (
    "Der Gemeinderat hat am Dienstag über die neue Brücke beraten. Die Anwohner sagten, dass der Plan "
    "den Weg in die Innenstadt halbieren würde, und der Bürgermeister versprach einen Baubeginn im Frühjahr. "
)
FRENCH = (
    "Le conseil municipal s'est réuni mardi pour discuter du nouveau pont. Les habitants ont dit que le "
    "projet réduirait de moitié le trajet vers le centre, et le maire a promis des travaux au printemps. "
)


def facts(text: str, page_lines: list[str] | None = None) -> DocumentFacts:
    """The facts of a cleaned text `text` from a page of `page_lines` (default: the text was the whole page)."""
    lines = text.split("\n")
    page = page_lines if page_lines is not None else lines
    found = LanguageIdentifier.shared().identify(lines)
    language = (found.code, found.confidence) if found else (None, None)
    return DocumentFacts(text, sum(len(line.split()) for line in page), sum(1 for line in page if line.strip()), language)


@pytest.mark.parametrize("text", [ENGLISH * 3, GERMAN * 3, FRENCH * 3])
def test_prose_in_several_languages_passes_every_default_check(text):
    for rule in (TooFewWords(), WordLength(), SymbolRatio(), EllipsisLines(), BulletLines(), AlphaWords(), StopWords(), LoremIpsum(), KeptShare()):
        assert rule.judge(facts(text)) is None, rule.id


def test_language_filter_names_the_language_its_confidence_and_the_list():
    reason = LanguageFilter(languages=["en"]).judge(facts(GERMAN * 2))
    assert reason is not None and reason.startswith("language de (") and reason.endswith("), not in en")
    assert LanguageFilter(languages=["en", "de"]).judge(facts(GERMAN * 2)) is None
    assert LanguageFilter().judge(facts(GERMAN)) is None  # no list: every language stays


def test_language_filter_minimum_confidence():
    assert LanguageFilter(min_confidence=0.99).judge(facts("ok 12 34 zz")) is not None
    assert LanguageFilter(min_confidence=0.5).judge(facts(FRENCH * 2)) is None


def test_too_few_words_after_cleaning():
    menu = [f"Menu entry {n}" for n in range(20)]
    assert TooFewWords().judge(facts("Tags: news, sport", ["Tags: news, sport", *menu])) == "only 3 words after cleaning (fewer than 20)"
    assert TooFewWords().judge(facts("", ["", *menu])) == "no words left after cleaning"
    assert TooFewWords(min_words=2).judge(facts("Tags: news, sport", ["Tags: news, sport", *menu])) is None


def test_a_text_that_was_short_before_cleaning_is_not_judged_by_its_length():
    assert TooFewWords().judge(facts("Tram line 4 reopens on Monday.")) is None


def test_mean_word_length_out_of_bounds():
    assert "mean word length" in WordLength().judge(facts(" ".join(["a b c d"] * 30)))
    assert "above 12" in WordLength().judge(facts(" ".join(["Donaudampfschifffahrtsgesellschaftskapitän"] * 60)))


def test_hashes_and_ellipses_per_word():
    tags = " ".join(f"#tag{n} news" for n in range(40))
    assert "“#”" in SymbolRatio().judge(facts(tags))
    assert SymbolRatio().judge(facts(ENGLISH + "#hashtag")) is None


def test_lines_ending_in_ellipsis():
    teasers = "\n".join(f"Read how the council decided on item {n} …" for n in range(10))
    assert EllipsisLines().judge(facts(teasers)) == "100 % of lines end in “…” (more than 30 %)"
    assert EllipsisLines().judge(facts(ENGLISH + "\nAnd then…\n" + ENGLISH + "\n" + ENGLISH)) is None


def test_an_article_with_many_truncated_teasers_around_it_stays():
    article = "\n".join([ENGLISH] * 4)  # whole lines of prose, well over a hundred words
    teasers = "\n".join(f"Another story about the harbour and its {n} new boats begins here and goes on…" for n in range(8))
    assert len(article.split()) >= 100
    assert EllipsisLines().judge(facts(article + "\n" + teasers)) is None
    assert EllipsisLines().judge(facts(teasers)) is not None  # the teasers alone are still a teaser list


def test_bullet_lines():
    index = "\n".join(f"• Item number {n} of the index" for n in range(20))
    assert BulletLines().judge(facts(index)) == "100 % of lines are bullet points (more than 90 %)"
    assert BulletLines().judge(facts(ENGLISH + "\n- one point\n- another point")) is None


def test_words_without_a_letter():
    table = " ".join(f"{n} {n * 3} {n * 7}.5 goals" for n in range(30))
    assert "have a letter" in AlphaWords().judge(facts(table))


def test_stop_words_of_the_identified_language():
    rng = random.Random(1)
    nouns = [
        "Bundesverfassungsgericht",
        "Kraftfahrzeughaftpflicht",
        "Rindfleischetikettierung",
        "Grundstücksverkehrsgenehmigung",
        "Donaudampfschifffahrt",
        "Straßenbahnhaltestelle",
        "Verkehrsinfrastrukturfinanzierung",
    ]
    word_salad = " ".join(rng.choice(nouns) for _ in range(80))
    assert "stop words of de" in StopWords().judge(facts(word_salad))
    assert StopWords().judge(facts(GERMAN * 2)) is None


def test_lorem_ipsum_placeholder():
    assert LoremIpsum().judge(facts(ENGLISH + " Lorem ipsum dolor sit amet.")) is not None
    assert LoremIpsum().judge(facts(ENGLISH)) is None


def test_share_of_the_page_kept_is_off_by_default_and_counts_lines():
    page = [ENGLISH] + [f"menu item {n}" for n in range(40)]
    assert KeptShare().judge(facts(ENGLISH, page)) is None
    assert KeptShare(min_share=0.1).judge(facts(ENGLISH, page)) == "only 2 % of the page's lines kept (below 10 %)"


def test_a_dropped_document_keeps_its_cleaning_and_names_the_first_rule_that_objected():
    recipe = default_recipe().with_value("filter.language", "languages", ["en"])
    doc = Document("de.txt", "text", GERMAN * 3, [GERMAN * 3])
    cleaned = CorpusCleaner(recipe).clean(doc)
    assert cleaned.dropped.rule_id == "filter.language"
    assert cleaned.metadata["language"] == "de" and 0.5 < float(cleaned.metadata["language_confidence"]) <= 1
    assert cleaned.text == GERMAN.strip() * 1 or cleaned.text  # the text is still there for the --rejected file


def test_a_switched_off_document_rule_does_not_judge():
    recipe = default_recipe().with_enabled("quality.lorem-ipsum", False)
    text = ENGLISH + "Lorem ipsum dolor sit amet."
    doc = Document("placeholder.txt", "text", text, [text])
    assert CorpusCleaner(recipe).clean(doc).in_corpus
    assert not CorpusCleaner(default_recipe()).clean(doc).in_corpus


def test_ratio_checks_leave_short_texts_alone():
    short = facts("Prix: 3 € 4 € 5 € 6 € 7 €.")
    assert AlphaWords().judge(short) is not None  # the ratio itself is off…
    assert AlphaWords().check(short) is None  # …but over a handful of words it says nothing


def test_text_without_spaces_counts_characters_as_words_and_skips_word_shape_checks():
    chinese = "市议会周二投票批准了新防洪堤的预算。居民表示，该计划将缩短前往市中心的路程。" * 4
    found = facts(chinese)
    assert found.unspaced and len(found.content_words) > 60
    for rule in (TooFewWords(), WordLength(), StopWords(), AlphaWords(), SymbolRatio()):
        assert rule.check(found) is None, rule.id
    assert not facts(ENGLISH * 2).unspaced


def test_every_character_of_an_unspaced_script_is_in_the_quick_pre_check():
    # the pre-check spares most texts the search by script: it must let through every character that search finds
    missing = [code for code in range(0x110000) if UNSPACED.match(chr(code)) and not MAYBE_UNSPACED.match(chr(code))]
    assert missing == []


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH * 2,
        "Nachrichten 🙂 aus Berlin – „Zitat“ … 12,5 % mehr",
        "中文 | 日本語 | English " + ENGLISH,
        "ภาษาไทย " * 40,
        "한국어 뉴스 " * 30,
        "... — ** 42 ¡¿ «»" * 5,
    ],
)
def test_unspaced_and_content_words_as_defined(text):
    found = facts(text)
    letters = sum(1 for ch in text if ch.isalpha())
    assert found.unspaced == (bool(letters) and len(UNSPACED.findall(text)) > 0.3 * letters)
    assert found.content_words == [w for w in found.words if any(ch not in PUNCTUATION for ch in w)]


def test_words_with_a_letter_wherever_it_is():
    # a letter at the start, inside, at the end, or none (numbers, signs): only the last count against the page
    words = ["Haus", "„Zitat“", "3D", "(2024)", "12,5", "km²", "—", "x", "…ok"]
    text = " ".join(words * 10)
    share = sum(1 for w in facts(text).content_words if any(ch.isalpha() for ch in w)) / len(facts(text).content_words)
    assert share == pytest.approx(6 / 8)
    assert AlphaWords(min_share=0.76).judge(facts(text)) == "only 75 % of words have a letter (fewer than 76 %)"
    assert AlphaWords(min_share=0.75).judge(facts(text)) is None


def test_stop_words_are_counted_whole_only_when_too_few():
    assert StopWords(min_count=3).judge(facts(GERMAN * 2)) is None
    one = "Brücke Anwohner Plan Innenstadt und Bürgermeister Baubeginn Frühjahr " * 10  # "und" ten times
    assert StopWords(min_count=11).judge(facts(one)) == "10 stop words of de (fewer than 11): not sentences"
    assert StopWords(min_count=10).judge(facts(one)) is None


@pytest.mark.parametrize("text", ["Nachrichten „Zitat“ – 12 %", "中文", "ภาษาไทย", "emoji 🙂 only", "𖽐 Miao", "𠀀 ext-B", "\ud83d\ude00 lone", "", "ﾊﾝｶｸ"])
def test_the_quick_pre_check_in_two_searches_is_the_one_search(text):
    from winnow.corpus.facts import maybe_unspaced

    assert maybe_unspaced(text) == (MAYBE_UNSPACED.search(text) is not None)
