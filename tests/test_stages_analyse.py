"""The analyse stage: a document's title, date, author and language come from the document, not from which rules are on."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from rules_helpers import BODY, TITLE, clean, document, kept
from winnow.core.model import Document, Family, Removal
from winnow.pipeline import Cleaner
from winnow.readers import read_paths
from winnow.recipe import Recipe
from winnow.rules import BUILTIN_RULES
from winnow.stages.document_rules import DocumentRule

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FACTS = ("title", "date", "author", "language")
LINE_RULES = [cls.id for cls in BUILTIN_RULES]
# every rule off alone, every pair off, and all of them off
SUBSETS = [(), *itertools.combinations(LINE_RULES, 1), *itertools.combinations(LINE_RULES, 2), tuple(LINE_RULES)]


@pytest.fixture(scope="module")
def seeds() -> list[Document]:
    docs = [d for d in read_paths([SEEDS]) if isinstance(d, Document)]
    assert len(docs) >= 5
    return docs


@pytest.fixture(scope="module")
def facts_with_every_rule(seeds):
    cleaner = Cleaner(Recipe())
    return [{k: c.metadata.get(k) for k in FACTS} for c in cleaner.clean_all(seeds)]


def test_the_seeds_have_titles_dates_authors_and_a_language(facts_with_every_rule):
    # the test below would prove little if the facts were empty
    assert all(f["language"] == "en" for f in facts_with_every_rule)
    assert sum(f["title"] is not None for f in facts_with_every_rule) >= 3
    assert any(f["date"] for f in facts_with_every_rule) and any(f["author"] for f in facts_with_every_rule)


@pytest.mark.parametrize("off", SUBSETS, ids=lambda off: "+".join(off) or "none")
def test_switching_line_rules_off_keeps_the_metadata(seeds, facts_with_every_rule, off):
    recipe = Recipe()
    for rule_id in off:
        recipe = recipe.with_enabled(rule_id, False)
    cleaner = Cleaner(recipe)
    assert [{k: c.metadata.get(k) for k in FACTS} for c in cleaner.clean_all(seeds)] == facts_with_every_rule


def test_a_custom_phrase_that_drops_the_title_line_keeps_the_title():
    lines = [TITLE["en"], "Published: 3 May 2024", "By Maria Jensen", *BODY["en"]]
    recipe = Recipe().with_custom("drop_containing", ["flood barrier budget", "Maria Jensen", "3 May"])
    result = clean(lines, recipe)
    assert not kept(result, TITLE["en"])
    assert result.metadata["title"] == TITLE["en"]
    assert result.metadata["date"] == "2024-05-03"
    assert result.metadata["author"] == "Maria Jensen"


@pytest.mark.parametrize("lang", sorted(BODY))
def test_the_title_is_the_headline_above_the_body_in_several_languages(lang):
    result = clean(["Home", "Menu", TITLE[lang], *BODY[lang]])
    assert result.metadata["title"] == TITLE[lang]
    assert result.metadata["language"] == lang


def test_no_title_when_no_headline_shares_words_with_the_body():
    result = clean(["Weather: sunny spells later", *BODY["en"]])
    assert "title" not in result.metadata


def test_a_date_and_a_byline_split_over_two_lines_are_found():
    result = clean([TITLE["de"], "Stand:", "26.10.2021", "Von", "Julia Müller", *BODY["de"]])
    assert result.metadata["date"] == "2021-10-26"
    assert result.metadata["author"] == "Julia Müller"


def test_what_the_reader_found_comes_first_and_language_tags_are_normalised():
    doc = Document(
        source="p.html",
        format="html",
        content="",
        lines=[TITLE["fr"], *BODY["fr"]],
        metadata={"title": "Le vrai titre", "date": "2020-01-02", "language": "fr-FR", "url": "https://x.example/a"},
    )
    result = Cleaner(Recipe()).clean(doc)
    assert result.metadata["title"] == "Le vrai titre" and result.metadata["date"] == "2020-01-02"
    assert result.metadata["language"] == "fr" and result.metadata["url"] == "https://x.example/a"
    assert result.analysis.facts.language == "fr" and result.analysis.facts.language_confidence > 0.5


@pytest.mark.parametrize("known", ["date", "author"])
def test_what_the_reader_did_not_find_is_still_read_from_the_lines(known):
    """The analysis skips looking for what the page's metadata names, and only that."""
    found = {"date": "2020-01-02", "author": "Erika Muster"}
    lines = [TITLE["de"], "Stand:", "26.10.2021", "Von", "Julia Müller", *BODY["de"]]
    doc = Document(source="p.html", format="html", content="", lines=lines, metadata={known: found[known]})
    result = Cleaner(Recipe()).clean(doc)
    expected = {"date": "2021-10-26", "author": "Julia Müller", known: found[known]}
    assert (result.metadata["date"], result.metadata["author"]) == (expected["date"], expected["author"])


def test_a_template_language_that_the_text_contradicts_is_replaced():
    doc = Document(source="p.html", format="html", content="", lines=[TITLE["de"], *BODY["de"]], metadata={"language": "en-US"})
    assert Cleaner(Recipe()).clean(doc).metadata["language"] == "de"


# ---- the document-rules slot


class TooShort(DocumentRule):
    id = "test.too-short"
    family = Family.BOILERPLATE
    name = "Too short"
    description = "Leaves out documents with fewer kept words than the minimum."

    def decide(self, kept, analysis):
        words = sum(len(line.split()) for line in kept)
        return self.drop(f"only {words} words kept") if words < 40 else None


def test_a_document_rule_sees_the_kept_lines_and_decides_for_the_whole_document():
    cleaner = Cleaner(Recipe(), document_rules=[TooShort()])
    short = cleaner.clean(document(["ADVERTISEMENT", TITLE["en"], BODY["en"][0]]))
    assert short.dropped == Removal("test.too-short", Family.BOILERPLATE, "only 31 words kept")  # 6 + 25: the ad marker is not counted
    assert short.text  # the lines keep their own decisions: the document decision is separate
    assert cleaner.clean(document([TITLE["en"], *BODY["en"]])).dropped is None
    assert Cleaner(Recipe()).clean(document(["Hi"])).dropped is None


# ---- repeated lines


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents were asked to share their views with the city",
        "More details will follow on the website of the council in the coming days",
        "Die Stadt will die Pläne in den kommenden Tagen auf ihrer Seite zeigen und mit der Stadt",
    ],
)
def test_an_exact_repeat_of_a_sentence_without_final_punctuation_is_dropped(sentence):
    body = BODY["en"]
    result = clean([TITLE["en"], body[0], sentence, body[1], body[2], sentence, body[3]])
    assert result.removals[2] is None
    assert result.removals[5] is not None and result.removals[5].family is Family.REPEATS


def test_a_short_piece_of_a_split_sentence_is_not_a_repeat():
    body = BODY["en"]
    lines = [
        TITLE["en"],
        body[0],
        "Read the council's",
        "statement",
        "on the barrier.",
        body[1],
        "Read the council's",
        "report on the harbour.",
        body[2],
        body[3],
    ]
    result = clean(lines)
    assert result.removals[6] is None


# ---- how dates are read is the analyse stage's setting ([analyse] in the recipe), not a rule's

US_PAGE = [
    "Harbour council approves flood barrier budget",
    "Posted 03/04/2021",
    "The harbour council voted on Tuesday to approve a budget of 40 million euros for a new flood barrier.",
    "Work on the flood barrier is due to start in spring and finish within three years, the council said.",
]


@pytest.mark.parametrize("furniture_on", [True, False])
def test_month_first_is_read_from_the_analyse_settings_whether_or_not_furniture_is_on(furniture_on):
    from winnow.recipe import ANALYSE

    base = Recipe().with_enabled("furniture.page", furniture_on)
    day_first = Cleaner(base).clean(Document(source="us.txt", format="text", content="", lines=US_PAGE))
    month_first = Cleaner(base.with_value(ANALYSE, "month_first", True)).clean(Document(source="us.txt", format="text", content="", lines=US_PAGE))
    assert day_first.metadata["date"] == "2021-04-03"
    assert month_first.metadata["date"] == "2021-03-04"
    assert (month_first.removals[1] is not None) == furniture_on  # the rule still drops the date line when on


def test_the_analyse_table_round_trips_and_an_old_recipe_s_furniture_month_first_moves_there():
    from winnow.recipe import ANALYSE, RecipeError, dumps, loads, update_text

    recipe = Recipe().with_value(ANALYSE, "month_first", True)
    assert loads(dumps(recipe)).value(ANALYSE, "month_first") is True
    old = 'schema = 1\n[rules."furniture.page"]\nenabled = false  # mine\nmonth_first = true\n'
    assert loads(old).value(ANALYSE, "month_first") is True
    saved = update_text(old, loads(old))
    assert "# mine" in saved and loads(saved).value(ANALYSE, "month_first") is True
    assert "month_first" not in saved.split('[rules."furniture.page"]')[1].split("[")[0]
    with pytest.raises(RecipeError, match="analyse"):
        loads("schema = 1\n[analyse]\nmonth_first = 3\n")
    with pytest.raises(RecipeError, match="unknown analyse setting 'day_first'"):
        loads("schema = 1\n[analyse]\nday_first = true\n")


def test_the_analysis_fills_every_metadata_field_an_export_writes():
    from dataclasses import fields

    from winnow.core.model import METADATA_FIELDS
    from winnow.export import METADATA_FIELDS as EXPORTED
    from winnow.stages.analyse import DocumentFacts

    assert EXPORTED is METADATA_FIELDS  # one list
    assert set(METADATA_FIELDS) <= {f.name for f in fields(DocumentFacts)}


def test_every_line_has_its_key_whether_or_not_it_is_skipped_or_long():
    """Lines outside an HTML page's main content (skipped) and long lines are keyed only on demand, the same key as
    any line's."""
    from winnow.stages.analyse import EAGER_KEY_WORDS, Analysis, LazyKeys
    from winnow.text.lexicon import key

    paragraph = " ".join(["Ein ganzer Satz, der zum Text gehört –"] * EAGER_KEY_WORDS) + " „Ende“."
    lines = ["»Weiterlesen«", "  Über UNS  ", paragraph, "Cookie-Einstellungen ›", "“Read more”", "", paragraph.upper()]
    skip = frozenset({0, 1, 3})
    for analysis in (Analysis(lines, "de", skip), Analysis(lines, "de")):
        assert [analysis.keys[i] for i in range(len(lines))] == [key(line) for line in lines]
        assert analysis.keys[1] == "über uns" and analysis.keys[4] == "read more"
    assert Analysis(lines, "de", skip).counts[:2] == [0, 0]  # still judged as blank
    for eager in ([], [2, 4], list(range(len(lines)))):
        keys = LazyKeys(lines, eager)
        assert [keys[i] for i in range(len(lines))] == [key(line) for line in lines]
