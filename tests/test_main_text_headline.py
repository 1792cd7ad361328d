"""The article's headline, the page's title shown again over the text, goes from a flattened page like the title line."""

import pytest

from rules_helpers import BODY, clean, kept
from test_rules_boilerplate import FOOTER, MENU, SIDEBAR
from winnow.rules.boilerplate import title_forms

SITE = {"en": "Harbour Times", "de": "Hafenblatt", "fr": "Le Port", "es": "El Puerto"}
HEADLINE = "the article's headline, the page's title again (kept in the metadata)"
# a question reads as a short sentence, which the detector takes in with the text after it
TITLE = {
    "en": "Will the harbour council pay for the flood barrier?",
    "de": "Zahlt der Stadtrat für die neue Hochwassersperre?",
    "fr": "Le conseil paiera-t-il la nouvelle digue du port ?",
    "es": "¿Pagará el ayuntamiento la nueva barrera del puerto?",
}


def page(lang: str, title: str, *, headline: tuple[str, ...], after_first: tuple[str, ...] = ()) -> list[str]:
    """A flattened page: the title bar's line, menu, the headline line(s), the body, sidebar, footer."""
    body = BODY[lang]
    return [title, *MENU[lang], *headline, body[0], *after_first, *body[1:], *SIDEBAR[lang], *MENU[lang][1:6], *FOOTER[lang]]


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
@pytest.mark.parametrize("form", ["{t} - {s}", "{s} | {t}", "{t} – {s}", "{t}"])
def test_the_headline_repeating_the_title_goes(lang, form):
    title = form.format(t=TITLE[lang], s=SITE[lang])
    lines = page(lang, title, headline=(TITLE[lang],))
    result = clean(lines)
    assert result.removals[1 + len(MENU[lang])].reason == HEADLINE
    assert result.metadata["title"] == title  # (kept in the metadata)
    for paragraph in BODY[lang]:
        assert kept(result, paragraph), paragraph


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_headline_shown_twice_before_the_text_goes_both_times(lang):
    """(Over a picture and over the text, say): every repeat before the first paragraph."""
    lines = page(lang, f"{TITLE[lang]} - {SITE[lang]}", headline=(TITLE[lang], TITLE[lang]))
    result = clean(lines)
    first = lines.index(TITLE[lang])
    for i in (first, first + 1):
        assert result.removals[i] is not None and result.removals[i].reason == HEADLINE, i
    assert kept(result, BODY[lang][0])


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_lines_that_are_not_the_whole_headline_stay(lang):
    """A part of the title (a sentence cut at a link) and a line after the first paragraph are the article's."""
    part = " ".join(TITLE[lang].split()[:4])
    lines = page(lang, f"{TITLE[lang]} - {SITE[lang]}", headline=(), after_first=(TITLE[lang],))
    assert all(r is None or r.reason != HEADLINE for r in clean(lines).removals)
    lines = page(lang, f"{TITLE[lang]} - {SITE[lang]}", headline=(part + "?",))
    assert all(r is None or r.reason != HEADLINE for r in clean(lines).removals)


def test_title_forms():
    assert title_forms("Council approves barrier budget - Harbour Times") == {
        ("council", "approves", "barrier", "budget", "harbour", "times"),
        ("council", "approves", "barrier", "budget"),
    }
    # (case-folded, as the analysis reads lines)
    assert ("stadtrat", "beschliesst", "budget") in title_forms("Hafenblatt | Stadtrat beschließt Budget")
    assert ("le", "conseil", "approuve", "le", "budget") in title_forms("Le conseil approuve le budget — Le Port")
    # a colon with no space before it belongs to the headline; parts of more than a few words are no site's name
    assert title_forms("Storms: what the council plans") == {("storms", "what", "the", "council", "plans")}
    long_tail = "The council has no plan for the storms - and the residents of the harbour worry"
    assert title_forms(long_tail) == {tuple(long_tail.casefold().replace("-", " ").split())}
    assert title_forms("News - Site") == set()  # a section's name, not a headline
    assert title_forms("Home") == set()
