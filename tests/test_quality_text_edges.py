"""The main-text detector on flattened pages, at the article's edges: a recipe card or fact box between two parts of
the article with a print or share button in it."""

from __future__ import annotations

import pytest

from rules_helpers import BODY, TITLE, clean, kept
from test_rules_boilerplate import FOOTER, MENU, SIDEBAR

INGREDIENTS = {  # a recipe card's list as a flattened page shows it: the amount a line, the ingredient the next
    "de": ("Zutaten", "Quark Sahne Zitronen Mandeln Rosinen Mehl Zucker Eier Backpulver Butter Salz Milch Vanille Puderzucker Zimt"),
    "en": ("Ingredients", "Quark Cream Lemons Almonds Raisins Flour Sugar Eggs Baking-powder Butter Salt Milk Vanilla Icing-sugar Cinnamon"),
    "fr": ("Ingrédients", "Fromage-blanc Crème Citrons Amandes Raisins Farine Sucre Œufs Levure Beurre Sel Lait Vanille Sucre-glace Cannelle"),
}
BUTTONS = {"de": "Rezept drucken", "en": "Print recipe", "fr": "Imprimer la recette"}
CARDS = {
    lang: [BUTTONS[lang], heading, *(line for n, item in enumerate(items.split()) for line in (f"{n * 50 + 20} g", item.replace("-", " ")))]
    for lang, (heading, items) in INGREDIENTS.items()
}


def paragraphs(lang: str, count: int) -> list[str]:
    """`count` paragraphs of the article, each two of the body's sentences (a long article is a strong run)."""
    body = BODY[lang]
    return [f"{body[n % 4]} {body[(n + 1) % 4]}" for n in range(count)]


def card_page(lang: str, card: list[str], after: tuple[str, ...] = ()) -> list[str]:
    """Menu, headline, four paragraphs, the card, four more paragraphs, teasers and footer."""
    text = paragraphs(lang, 8)
    return [*MENU[lang], *MENU[lang][:5], TITLE[lang], *text[:4], *card, *text[4:], *after, *SIDEBAR[lang], *FOOTER[lang]]


@pytest.mark.parametrize("lang", sorted(CARDS))
def test_a_recipe_card_past_its_print_button_between_two_parts_of_the_article_stays(lang):
    card = CARDS[lang]
    result = clean(card_page(lang, card))
    for line in [*paragraphs(lang, 8), *card[1:]]:
        assert kept(result, line), line
    assert not kept(result, card[0])  # the button itself goes
    for line in SIDEBAR[lang] + FOOTER[lang]:
        assert not kept(result, line), line


@pytest.mark.parametrize("lang", sorted(CARDS))
def test_teasers_past_a_share_button_after_the_article_stay_out(lang):
    # only a gap between two kept stretches is filled: what follows the article's end is not one
    share = {"de": "Teilen", "en": "Share", "fr": "Partager"}[lang]
    result = clean(card_page(lang, [], after=(share,)))
    for line in paragraphs(lang, 8):
        assert kept(result, line), line
    for line in [share, *SIDEBAR[lang]]:
        assert not kept(result, line), line


@pytest.mark.parametrize("lang", sorted(CARDS))
def test_a_gap_past_a_button_that_holds_the_pages_legal_links_stays_out(lang):
    # a footer's links are no article's fragments, wherever they sit
    button = CARDS[lang][0]
    legal = FOOTER[lang][:4]
    result = clean(card_page(lang, [button, *legal]))
    for line in legal:
        assert not kept(result, line), line
