"""The main-text detector works out some facts for a whole page at once (a search of the page instead of a test of
every line, a fact measured for all blocks in one pass): each must give what the per-line or per-block question gives."""

from __future__ import annotations

import copy
import dataclasses
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from rules_helpers import TITLE, clean, only
from test_main_text_formulas import formula_sentence
from test_rules_boilerplate import flattened_page
from winnow.kernel.blocks_py import COMMENT_START
from winnow.rules.boilerplate import (
    AMID_WORDS,
    AT_LEAST_AMID_WORDS,
    JUNK_WORDS,
    MENU_WORDS,
    MORE_THAN_JUNK_WORDS,
    MORE_THAN_MENU_WORDS,
    MORE_THAN_ROLE_WORDS,
    ROLE_WORDS,
    SENTENCE_END,
    Block,
    Blocks,
    BoilerplateWords,
    MainText,
    _amid_text,
    ends_sentence,
    formula_lines,
    is_formula,
    is_junk,
    measure_common_words,
)
from winnow.rules.shared import CONTINUES, analysis, continues, left_open
from winnow.text.lexicon import Lexicons, key
from winnow.text.words import stoplist, words

# letters, digits, spaces of several kinds, math symbols, TeX, punctuation
CHARACTERS = string.ascii_letters[:6] + "xé中ß0123 \t\u00a0\u2003{}\\_^=+<>−≥⟨⟩∑→.,;-—'\n"
LINES = st.lists(st.text(alphabet=CHARACTERS, max_size=30), max_size=40)


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_formula_lines_are_the_lines_is_formula_accepts(lines):
    assert formula_lines(lines, [line.strip() for line in lines]) == {i for i, line in enumerate(lines) if is_formula(line)}


def test_formula_lines_on_a_page_with_formulas_and_without():
    lines = [*formula_sentence("en"), "Plain words here.", "A", "x + y", "{\\frac{a}{b}}", "  {\\displaystyle A}  ", "€ 12"]
    found = formula_lines(lines, [line.strip() for line in lines])
    assert found == {i for i, line in enumerate(lines) if is_formula(line)}
    assert {lines[i].strip() for i in found} >= {"=", "≥", "H", "A", "x + y", "{\\frac{a}{b}}", "{\\displaystyle A}"}
    assert formula_lines(["Nur Wörter.", "Keine Formel"], ["Nur Wörter.", "Keine Formel"]) == set()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=CHARACTERS, max_size=120))
def test_the_word_limits_count_as_splitting_does(text):
    assert bool(MORE_THAN_JUNK_WORDS.match(text)) == (len(words(text)) > JUNK_WORDS)
    assert bool(MORE_THAN_MENU_WORDS.match(text)) == (len(text.split()) > MENU_WORDS)
    assert bool(AT_LEAST_AMID_WORDS.match(text)) == (len(text.split()) >= AMID_WORDS)
    assert bool(MORE_THAN_ROLE_WORDS.match(text)) == (len(text.split()) > ROLE_WORDS)


ENDINGS = st.text(alphabet="ab .!?…。»«\"')]\u00a0\u202f", max_size=60)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=CHARACTERS, max_size=80), ENDINGS).map("".join), max_size=20))
def test_a_sentence_end_looked_for_in_the_tail_is_the_one_in_the_whole_text(texts):
    texts += ["Ende." + "»" * 60, "Fin. " + " »" * 30, "x" * 90 + "." + ")" * 45, "Ende.\n", "Fin ?\n", "", "Text\n"]
    assert list(ends_sentence(texts)) == [SENTENCE_END.search(text) is not None for text in texts]


def test_every_comment_heading_passes_the_first_character_check():
    """Only blocks starting with a digit or a heading's first letters are matched against the comment headings."""
    found = BoilerplateWords.default()
    headings = Lexicons.shared().get("boilerplate").extra["comment_headings"]
    assert len(headings) > 20
    for heading in headings:
        for text in (key(heading), key(heading).upper(), f"12 {key(heading)}"):
            assert found.comments.match(text), text
            assert found.comment_starts.match(text[:COMMENT_START]), text
    assert not found.comment_starts.match("§") and not found.comment_starts.match("")
    assert found.comment_starts.match("2024") and not found.comment_starts.match("12:3")  # (a count's digits go on, a time's do not)


def judged_columns(lines: list[str]) -> tuple[MainText, Blocks, object]:
    """The page's judged blocks (as columns), and what measuring needs, taken as the detector runs."""
    seen: dict[str, object] = {}
    original = MainText.judged_columns

    def recording(self, ctx):
        blocks = original(self, ctx)
        seen.update(rule=self, blocks=blocks, ctx=ctx)
        return blocks

    MainText.judged_columns = recording  # type: ignore[method-assign]
    try:
        clean(lines, only("boilerplate.main-text"))
    finally:
        MainText.judged_columns = original  # type: ignore[method-assign]
    return seen["rule"], seen["blocks"], seen["ctx"]  # type: ignore[return-value]


def judged(lines: list[str]) -> tuple[MainText, list[Block], object]:
    """The page's judged blocks as objects, and what measuring needs."""
    rule, blocks, ctx = judged_columns(lines)
    return rule, blocks.objects(), ctx


def measured_alone(rule: MainText, blocks: Blocks, n: int, info, found: BoilerplateWords) -> Block:
    """Block n of the page as joined, measured without the page's other blocks."""
    alone = blocks.select([n])
    rule._measure(alone, info.stop, info.cjk, info.keys, info.key_words, found)
    return alone.objects()[0]


MEASURED = ("chars", "stop_density", "sentence", "junk", "comments", "end")


def test_a_blocks_measures_do_not_depend_on_the_blocks_around_it():
    """Measured for the whole page at once, each block gets the facts it gets measured alone."""
    for lang in ("en", "de", "fr"):
        extra = ("12 Comments", "Kommentare", "Impressum & Datenschutz", "Leave a Reply", "3 Antworten", "© 2024 Example")
        rule, columns, ctx = judged_columns(flattened_page(lang, after=extra + formula_sentence(lang)))
        blocks = columns.objects()
        assert len(blocks) > 20
        info = analysis(ctx)
        found = BoilerplateWords.of(ctx.lexicons)
        for n, b in enumerate(blocks):
            fresh = measured_alone(rule, columns, n, info, found)
            assert (fresh.lines, fresh.text, fresh.words, fresh.removed, fresh.family, fresh.more) == (b.lines, b.text, b.words, b.removed, b.family, b.more)
            assert [getattr(fresh, f) for f in MEASURED] == [getattr(b, f) for f in MEASURED], b.text
        assert any(b.end for b in blocks) and any(b.junk for b in blocks) and any(b.sentence for b in blocks)


def test_with_a_wordless_link_any_block_may_be_links_joined():
    """When a lexicon lists a link without a word ('»'), a block's first word tells nothing: every short block with a
    joiner is asked, and the page measured at once still marks what each block measured alone is."""
    rule, blocks, ctx = judged_columns(flattened_page("de", after=("Impressum & Datenschutz", "» | Kontakt", "Die Stadt und der Hafen")))
    info = analysis(ctx)
    found = dataclasses.replace(BoilerplateWords.of(ctx.lexicons), wordless_links=True)
    fresh = blocks.select(list(range(len(blocks))))
    rule._measure(fresh, info.stop, info.cjk, info.keys, info.key_words, found)
    measured = fresh.objects()
    for n, b in enumerate(measured):
        assert measured_alone(rule, fresh, n, info, found).junk == b.junk, b.text
    assert [b.junk for b in measured if b.text == "Impressum & Datenschutz"] == [True]


def test_a_stop_density_measured_when_asked_is_the_one_measured_with_the_page():
    """The detector measures common words at once only where its thresholds read them; the others (which the learned
    detector reads) are measured when asked, alike."""
    rule, blocks, ctx = judged(flattened_page("de", after=("Mehr zum Thema", "Die Stadt und der Hafen", "Weitere Artikel")))
    lazy = [b for b in blocks if b.density is None]
    assert lazy and len(lazy) < len(blocks)
    common = blocks[0].common_words
    assert common is not None
    texts = [b.text if b.words is None else b.words for b in blocks]
    assert [b.stop_density for b in blocks] == common.densities(texts) == [common.density(text) for text in texts]
    assert any(0 < b.stop_density for b in lazy)


def test_measuring_the_waiting_blocks_at_once_gives_what_reading_each_gives():
    _, blocks, _ = judged(flattened_page("fr", after=("Lire aussi", "La ville et le port", "Autres articles")))
    read = [b.stop_density for b in copy.deepcopy(blocks)]
    measure_common_words(blocks)
    assert all(b.density is not None for b in blocks)
    assert [b.density for b in blocks] == read


def test_every_line_block_is_judged_junk_as_is_junk_judges_it():
    """`is_junk` is asked only of the one-line blocks a link, a footer word or a link's first word could make junk:
    the others must be the ones it would not call junk."""
    for lang in ("en", "de", "fr"):
        extra = ("Impressum & Datenschutz", "Home | Kontakt", "© 2024 Example GmbH", "Alle Rechte vorbehalten", "Privacy Policy / Terms", "»")
        _, blocks, ctx = judged(flattened_page(lang, after=extra))
        info, found = analysis(ctx), BoilerplateWords.of(ctx.lexicons)
        lone = [b for b in blocks if len(b.lines) == 1]
        assert [b.junk for b in lone] == [is_junk(info.keys[b.lines[0]], info.key_words[b.lines[0]], found) for b in lone]
        assert any(b.junk for b in lone) and not all(b.junk for b in lone)
        joined = [b for b in blocks if len(b.lines) > 1]  # (their words read off their lines' keys)
        assert joined and [b.junk for b in joined] == [is_junk(key(b.text), None, found) for b in joined]


def test_a_joined_block_judged_by_its_lines_words_is_junk_as_its_key_is():
    """A footer phrase split over lines ('Alle Rechte' / 'vorbehalten') is read from the lines' words: the block is
    junk; a block of headlines joined the same way is not."""
    for after in (("Alle Rechte", "vorbehalten"), ("Copyright 2024 Beispiel GmbH, alle Rechte", "vorbehalten")):
        _, blocks, _ = judged(flattened_page("de", after=after))
        junk = {b.text: b.junk for b in blocks if len(b.lines) > 1}
        assert junk[" ".join(after)] is True
        assert False in junk.values()


LINE_PIECES = st.lists(st.text(alphabet="aZé0 ,.-'’«»|/•\u00ad\u200b\u00a0\tß_İ", min_size=1, max_size=12), min_size=2, max_size=5)


@settings(max_examples=500, deadline=None)
@given(LINE_PIECES)
def test_the_words_of_a_joined_blocks_key_are_its_lines_keys_words(pieces):
    """What `_measure` relies on for a block of several lines without an underscore: keying (case-folding, plain quotes,
    invisible characters dropped, single spaces, edges trimmed) changes no word across a line's end."""
    stripped = [piece.strip() for piece in pieces]
    if not all(stripped) or any("_" in piece for piece in stripped):
        return
    assert words(key(" ".join(stripped))) == tuple(w for piece in stripped for w in words(key(piece)))


PIECES = st.text(alphabet="aAbDé ,;:(„«“‘'»/-–.!?0\u00a0\u3000", min_size=1, max_size=12)


@settings(max_examples=500, deadline=None)
@given(PIECES, st.sampled_from(["der", "Die", "at", "the", "of", "Haus", "x"]), st.sampled_from(["Weiter", "weiter", ", und", "»So", "2024"]))
def test_a_line_left_open_carries_on_into_any_next_line(start, last_word, following):
    """`left_open` is `continues` of a line, whatever the next starts with (the detector asks it when that is a capital)."""
    stop = stoplist("de") | stoplist("en")
    long = "Wort " * 9  # lines longer than the tail the last word is looked for in
    for previous in (f"{start} {last_word}", f"{start}{last_word}", last_word, start, f"{long}{start}{last_word}", f"{'a' * 45}{start}{last_word}"):
        if not previous.strip():
            continue
        starts_on = following[0].islower() or following[0] in CONTINUES
        assert continues(previous, following, stop) == (starts_on or left_open(previous.strip(), stop))


OUTSIDE_REASONS = {
    "before the main text (navigation, header or sidebar)",
    "outside the main text (sidebar, comments, related links or footer)",
}


def test_the_blocks_outside_the_main_text_go_for_the_reason_of_their_place():
    """The blocks before and after the main text are dropped a stretch at a time: each line for where it stands."""
    for lang in ("en", "de", "fr"):
        page = flattened_page(lang, after=("Impressum & Datenschutz", "12 Comments"))
        result = clean(page, only("boilerplate.main-text"))
        kept = [i for i, r in enumerate(result.removals) if r is None]
        assert kept and kept[-1] - kept[0] < len(page) // 2
        title = page.index(TITLE[lang])
        for i, removal in enumerate(result.removals):
            if i == title:
                assert removal is not None and removal.reason == "the page's title (kept in the metadata)"
            elif i < kept[0]:
                assert removal is not None and removal.reason == "before the main text (navigation, header or sidebar)", page[i]
            elif i > kept[-1]:
                assert removal is not None and removal.reason == "outside the main text (sidebar, comments, related links or footer)", page[i]


def test_the_models_reasons_stand_for_every_block_it_dropped():
    """With the learned detector each block outside the main text goes for the model's own reason, the title's too."""
    for detector in ("learned", "hybrid"):
        result = clean(flattened_page("en"), only("boilerplate.main-text", detector=detector))
        reasons = {r.reason for r in result.removals if r is not None}
        assert reasons and all(reason.startswith("not main text by the model") for reason in reasons - {"navigation or legal link"})
        assert not reasons & OUTSIDE_REASONS


def test_menu_items_read_off_the_analysis_are_those_read_off_the_texts():
    """With the analysis's keys and word counts, or keying and splitting the blocks' texts, the same menu labels are found."""
    from winnow.rules.boilerplate import menu_items

    for lang in ("en", "de", "fr"):
        page = flattened_page(lang)
        rule, blocks, ctx = judged_columns(page)
        info = analysis(ctx)
        keep = rule.main_text(blocks, info.stop)
        menu_block = next(n for n, text in enumerate(blocks.texts) if n > keep.index(1) and text in page[:3])  # a menu label after the article
        keep[menu_block] = 1
        found = menu_items(blocks, keep, info.keys, info.counts)
        assert found == menu_items(blocks, keep) and menu_block in found


AMID = [
    "Die Stadt baut den neuen Hafen für",
    "und die Schiffe legen dort im Mai an.",
    "The council checked the plans for",
    "the new harbour before the spring came.",
    "Le conseil municipal a voté pour",
    "le nouveau port de la ville au printemps.",
    "El puerto nuevo abre en mayo.",
    "Kontakt",
    "Home",
    "Ende:",
    "Weitere Themen aus der Region:",
    "  und  dann  kam  der  Regen  ",
    "  ",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(AMID), st.sampled_from(AMID))
def test_a_word_amid_running_text_is_told_by_the_texts_around_it(before, after):
    """Between a text of four words or more without a sentence end and one of as many carrying it on in lower case (made-up
    sentences in several languages; a label, a link, blank and empty texts around it: not)."""
    expected = len(before.split()) >= 4 and len(after.split()) >= 4 and before.rstrip()[-1] not in ".!?:…" and after.lstrip()[0].islower()
    assert _amid_text(before, after) == expected


REFERENCE_PIECES = ["Baal T, Denke B", ", 1994.", "Hahn, 1991, S. 182", "in: Floss (Hrsg.)", "doi:10.1016/j.x", "ISBN 3-12", "↩", " p. ", "Verlag"]
REFERENCE_PIECES += ["Press", "In ", "2024", "19", "99", " 15-20", "1499", "٢٠١٩"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(REFERENCE_PIECES), st.text(alphabet=CHARACTERS, max_size=12)), max_size=8).map("".join))
def test_a_reference_holds_what_the_quick_look_for_one_finds(text):
    """CITATION is searched for only in texts CITATION_HINT finds a year, a DOI, an ISBN or a back link in: every text it
    finds a reference in holds one (made-up references, their pieces, other digits and scripts)."""
    from winnow.rules.boilerplate import CITATION, CITATION_HINT

    if CITATION.search(text):
        assert CITATION_HINT.search(text)


def test_the_quick_look_for_a_reference_tells_a_list_of_sources_from_prose():
    from winnow.rules.boilerplate import CITATION, CITATION_HINT

    for text in ("Baal T, Denke B, 1994. Die Hafenstadt. Verlag Muster.", "Smith J. (2019). The harbour. Press, pp. 12-30.", "doi:10.1000/182"):
        assert CITATION_HINT.search(text) and CITATION.search(text)
    for text in ("Der Hafen wird im Mai eröffnet, sagte die Stadt.", "Le port ouvrira en mai.", "In the spring the quay opens."):
        assert not CITATION_HINT.search(text) and not CITATION.search(text)
