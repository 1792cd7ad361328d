"""Line rules grow linearly with the document: 4x the lines take about 4x the time (same run; see
timing_helpers for the bound).

Each test switches on only the rules on the path it measures, so a slow path elsewhere cannot hide or fake it.
"""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from timing_helpers import GROWTH_BOUND, cpu_seconds, growth
from winnow.core.model import Document
from winnow.pipeline import Cleaner
from winnow.recipe import Recipe
from winnow.rules import all_rule_ids
from winnow.rules.base import Context
from winnow.rules.shared import analysis, body_lines, body_stem_counts, body_stems


def only(*rule_ids: str) -> Cleaner:
    recipe = Recipe()
    for rule_id in all_rule_ids():
        if not rule_id.startswith("custom.") and rule_id not in rule_ids:
            recipe = recipe.with_enabled(rule_id, False)
    return Cleaner(recipe)


def text_document(lines: list[str]) -> Document:
    return Document(source="long.txt", format="text", content="\n".join(lines), lines=lines)


def headings_and_teasers(lines: int) -> Document:
    """A long article whose short lines each make the headline rules ask what the body is about now."""
    out = []
    languages = [
        ("Heading number {k} here", "The story goes on with paragraph {k} and its plain words about the harbour."),
        ("Überschrift Nummer {k}", "Die Geschichte geht mit Absatz {k} weiter und erzählt vom Hafen und der Stadt."),
        ("Titre numéro {k}", "L'histoire continue avec le paragraphe {k} et parle du port et de la ville entière."),
    ]
    for k in range(lines // 4):
        heading, paragraph = languages[k % 3]
        out += [heading.format(k=k % 50), paragraph.format(k=k), f"Read also: another story {k % 40}", ""]
    return text_document(out)


def test_the_headline_rules_grow_linearly_on_a_long_document():
    cleaner = only("headlines.related", "headlines.unrelated")
    assert growth(lambda n: (headings_and_teasers(n),), cleaner.clean, 2000) <= GROWTH_BOUND


def test_every_rule_but_the_main_text_detector_grows_linearly():
    # boilerplate.main-text has its own linear-time tests with its owner
    rule_ids = [r for r in all_rule_ids() if not r.startswith("custom.") and r != "boilerplate.main-text"]
    assert growth(lambda n: (headings_and_teasers(n),), only(*rule_ids).clean, 2000) <= GROWTH_BOUND


# ---------------------------------------------------------------- the body's stems, kept up to date


def fresh_stems(ctx: Context) -> set[str]:
    info = analysis(ctx)
    return set().union(*(info.stems(i) for i in body_lines(ctx))) if body_lines(ctx) else set()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=40), st.randoms())
def test_body_stems_kept_up_to_date_equal_the_stems_worked_out_afresh(drops, rng: random.Random):
    doc = headings_and_teasers(120)
    cleaner = only()
    info = cleaner.analyser.analyse(doc.lines, frozenset(), {})
    ctx = Context.for_lines(doc, doc.lines, info)
    rule = cleaner.rules[0]
    assert set(body_stems(ctx)) == fresh_stems(ctx)
    for n in drops:
        ctx.drop(n % len(doc.lines), rule, "test")
        if rng.random() < 0.5:  # asked now and then, as the rules do
            assert set(body_stems(ctx)) == fresh_stems(ctx)
    assert set(body_stems(ctx)) == fresh_stems(ctx)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 10_000), max_size=30), st.lists(st.integers(0, 10_000), max_size=30), st.booleans())
def test_the_body_stems_counted_equal_the_counts_worked_out_afresh(before, after, asked_first):
    # the set of stems first (or not), then counts asked for, then more drops: each count is how many live body lines
    # hold the stem, whichever way the state got there
    doc = headings_and_teasers(120)
    cleaner = only()
    info = cleaner.analyser.analyse(doc.lines, frozenset(), {})
    ctx = Context.for_lines(doc, doc.lines, info)
    rule = cleaner.rules[0]

    def fresh_counts() -> Counter[str]:
        return Counter(stem for i in body_lines(ctx) for stem in info.stems(i))

    if asked_first:
        body_stems(ctx)
    for n in before:
        ctx.drop(n % len(doc.lines), rule, "test")
    assert body_stem_counts(ctx) == fresh_counts()
    assert set(body_stems(ctx)) == fresh_stems(ctx)
    for n in after:
        ctx.drop(n % len(doc.lines), rule, "test")
        assert set(body_stems(ctx)) == fresh_stems(ctx)
    assert body_stem_counts(ctx) == fresh_counts()
    assert all(body_stem_counts(ctx).values())  # (a stem no live line holds is gone, not counted 0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.booleans()), max_size=40))
def test_the_live_lines_follow_every_drop(steps):
    # the list is made again after a drop (one rule's, or several at once) and shared while nothing is dropped
    doc = headings_and_teasers(60)
    cleaner = only()
    info = cleaner.analyser.analyse(doc.lines, frozenset(), {})
    ctx = Context.for_lines(doc, doc.lines, info)
    rule = cleaner.rules[0]
    for n, at_once in steps:
        before = ctx.live_lines()
        assert ctx.live_lines() is before
        if at_once:
            ctx.drop_all([n % len(doc.lines), (n * 7) % len(doc.lines)], rule, "test")
        else:
            ctx.drop(n % len(doc.lines), rule, "test")
        assert ctx.live_lines() == list(ctx.live())


# ---------------------------------------------------------------- the user's phrases, one automaton


def phrases_document() -> Document:
    lines = []
    for k in range(400):
        lines += [
            f"Paragraph {k} tells the story of the harbour and the flood barrier in plain words.",
            f"Jetzt den Newsletter Nummer {k % 7} abonnieren",
            f"Lisez aussi l'article {k % 11}",
        ]
    return text_document(lines)


def phrase_cleaner(count: int) -> Cleaner:
    phrases = [f"made-up phrase {n} that no line holds" for n in range(count)] + ["newsletter nummer", "lisez aussi"]
    return Cleaner(Recipe().with_custom("drop_containing", phrases))


def test_many_phrases_cost_about_what_few_do():
    doc = phrases_document()
    few, many = phrase_cleaner(100), phrase_cleaner(6400)  # 64x the phrases
    ratio = cpu_seconds(many.clean, doc) / cpu_seconds(few.clean, doc)
    assert ratio <= 2.0  # a loop over the phrases would take several times longer


def test_the_first_listed_phrase_gets_the_credit_and_case_and_spacing_do_not_matter():
    recipe = Recipe().with_custom("drop_containing", ["Harbour   Barrier", "flood", "FLOOD BARRIER"])
    lines = ["The FLOOD barrier of the harbour barrier is ready.", "Le port est calme.", "Die Flut kam nachts."]
    cleaned = Cleaner(recipe).clean(text_document(lines))
    reasons = [r.reason if r else None for r in cleaned.removals]
    assert reasons == ["contains your phrase “Harbour   Barrier”", None, None]
    keep = Recipe().with_custom("drop_equal", ["le port est calme."]).with_custom("keep_containing", ["PORT EST"])
    assert Cleaner(keep).clean(text_document(lines)).removals[1] is None


# ---------------------------------------------------------------- the time budget, the last guard


def test_a_document_over_its_time_budget_fails_closed_naming_it(monkeypatch):
    from winnow.core import budget

    doc = headings_and_teasers(200)
    monkeypatch.setattr(budget, "DOCUMENT_SECONDS", 0.0)
    cleaned = Cleaner(Recipe()).clean(doc)
    assert cleaned.failed  # never exported, not even uncleaned
    (problem,) = [p for p in cleaned.problems if "time budget" in p.message]
    assert problem.source == "long.txt" and problem.fatal
    monkeypatch.setattr(budget, "DOCUMENT_SECONDS", 60.0)
    assert not Cleaner(Recipe()).clean(doc).failed
