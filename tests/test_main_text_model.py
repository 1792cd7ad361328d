"""The learned main-text detector (`detector = "learned"` or `"hybrid"` of boilerplate.main-text): the model file
loads and is well formed, inference is deterministic, removals name their strongest features, and made-up
flattened pages in several languages lose their menus, related links and cookie notices but keep their
article, a list article included."""

import json
import math

import pytest

from rules_helpers import BODY, TITLE, clean, kept, removal_of
from test_rules_boilerplate import FOOTER, MENU, SIDEBAR
from winnow.recipe import Recipe
from winnow.resources import read_text
from winnow.rules.boilerplate import MainText
from winnow.rules.main_text_model import AGAINST, FEATURE_NAMES, MODEL_FILE, STACKED_NAMES, load_models, parse_detector

DETECTORS = ["learned", "hybrid"]
LANGS = ["en", "de", "fr", "es"]
RULE = "boilerplate.main-text"

RELATED = {
    "en": "Related articles",
    "de": "Weitere Artikel",
    "fr": "À lire aussi",
    "es": "Noticias relacionadas",
}
COOKIES = {
    "en": ("We use cookies to give you the best experience on our website. By continuing you agree to our use of cookies.", "Accept"),
    "de": ("Wir verwenden Cookies, um Ihnen das beste Erlebnis auf unserer Website zu bieten. Mit der Nutzung stimmen Sie zu.", "Akzeptieren"),
    "fr": ("Nous utilisons des cookies pour vous offrir la meilleure expérience sur notre site. En continuant, vous acceptez.", "Accepter"),
    "es": ("Utilizamos cookies para ofrecerle la mejor experiencia en nuestro sitio web. Al continuar, acepta su uso.", "Aceptar"),
}
# an article that is a list: short items, each a sentence, between an intro and a closing paragraph
LIST_ARTICLE = {
    "en": (
        "Gardeners who want to save water this summer can follow a few simple steps, the city's parks office said on Monday in its advice.",
        [
            "Water early in the morning.",
            "Cover the soil with mulch.",
            "Collect rain in a barrel.",
            "Choose plants that need little water.",
            "Check hoses for leaks.",
        ],
        "The parks office said that a garden run this way needs about a third less water than one watered every evening with a sprinkler.",
    ),
    "de": (
        "Wer in diesem Sommer im Garten Wasser sparen will, kann einigen einfachen Schritten folgen, teilte das Gartenamt der Stadt am Montag mit.",
        [
            "Morgens früh gießen.",
            "Den Boden mit Mulch bedecken.",
            "Regen in einer Tonne sammeln.",
            "Pflanzen wählen, die wenig Wasser brauchen.",
            "Schläuche auf Lecks prüfen.",
        ],
        "Nach Angaben des Gartenamts braucht ein so gepflegter Garten etwa ein Drittel weniger Wasser als einer, der jeden Abend gesprengt wird.",
    ),
    "fr": (
        "Les jardiniers qui veulent économiser l'eau cet été peuvent suivre quelques étapes simples, a indiqué lundi le service des parcs de la ville.",
        [
            "Arroser tôt le matin.",
            "Couvrir le sol de paillis.",
            "Récupérer la pluie dans un tonneau.",
            "Choisir des plantes peu gourmandes en eau.",
            "Vérifier les tuyaux.",
        ],
        "Selon le service des parcs, un jardin entretenu de cette façon consomme environ un tiers d'eau de moins qu'un jardin arrosé chaque soir.",
    ),
}


def recipe(detector: str) -> Recipe:
    return Recipe().with_value(RULE, "detector", detector)


def page(lang: str, body: list[str] | None = None) -> list[str]:
    """A page flattened by a naive scraper: cookie notice, menu, title, article, related links, menu again, footer."""
    notice, accept = COOKIES[lang]
    body = BODY[lang] if body is None else body
    return [notice, accept, *MENU[lang], TITLE[lang], *body, RELATED[lang], *SIDEBAR[lang], *MENU[lang][1:6], *FOOTER[lang]]


def test_the_model_file_loads_and_is_well_formed():
    models = load_models()
    for detector in DETECTORS:
        for trees, width in ((models[detector].first, len(FEATURE_NAMES)), (models[detector].second, len(STACKED_NAMES))):
            assert trees.trees and 0.0 < trees.threshold < 1.0
            for tree in trees.trees:
                for feature, threshold, left, right, value in tree:
                    assert math.isfinite(threshold) and math.isfinite(value)
                    if feature >= 0:
                        assert feature < width and 0 < left < len(tree) and 0 < right < len(tree)
    assert len(read_text(MODEL_FILE)) < 300_000  # a small file


def test_a_model_trained_with_other_features_is_refused():
    data = json.loads(read_text(MODEL_FILE))["learned"]
    data["first"]["features"] = data["first"]["features"][:-1]
    with pytest.raises(ValueError, match="other features"):
        parse_detector(data)


def test_a_blocks_log_odds_is_the_sum_of_its_feature_credits():
    # the reasons come from the same path through the trees as the decision
    trees = load_models().learned.second
    row = [0.5] * len(STACKED_NAMES)
    score, credit = trees.contributions(row)
    assert math.isclose(1 / (1 + math.exp(-score)), trees.probability(row))
    assert math.isclose(score, trees.base + sum(t[0][4] for t in trees.trees) + sum(credit.values()), abs_tol=1e-9)


@pytest.mark.parametrize("detector", DETECTORS)
def test_inference_is_deterministic(detector):
    lines = page("en")
    first = clean(lines, recipe(detector))
    load_models.cache_clear()  # the file read again
    second = clean(lines, recipe(detector))
    assert first.removals == second.removals
    assert any(r is not None and r.rule_id == RULE for r in first.removals)


@pytest.mark.parametrize("detector", DETECTORS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_article_stays_and_menu_related_links_and_cookie_notice_go(detector, lang):
    result = clean(page(lang), recipe(detector))
    for line in BODY[lang]:
        assert kept(result, line), line
    for line in (*MENU[lang], *SIDEBAR[lang], *FOOTER[lang], *COOKIES[lang], RELATED[lang]):
        assert not kept(result, line), line


@pytest.mark.parametrize("detector", DETECTORS)
@pytest.mark.parametrize("lang", sorted(LIST_ARTICLE))
def test_a_list_article_keeps_its_items(detector, lang):
    intro, items, outro = LIST_ARTICLE[lang]
    result = clean(page(lang, [intro, *items, outro]), recipe(detector))
    for line in (intro, *items, outro):
        assert kept(result, line), line
    for line in SIDEBAR[lang]:
        assert not kept(result, line), line


@pytest.mark.parametrize("detector", DETECTORS)
def test_a_removal_names_the_features_that_spoke_against_it(detector):
    result = clean(page("en"), recipe(detector))
    reasons = [r.reason for r in result.removals if r is not None and r.rule_id == RULE and r.reason.startswith("not main text by the model")]
    assert reasons
    for reason in reasons:
        named = reason.split(": ", 1)[1].split(", ")
        assert named and all(name in AGAINST.values() for name in named), reason


def test_the_hand_tuned_detector_stays_the_default():
    assert MainText().values["detector"] == "rules"
    reasons = {r.reason for r in clean(page("en")).removals if r is not None and r.rule_id == RULE}
    assert not any(reason.startswith("not main text by the model") for reason in reasons)


def test_an_unknown_detector_is_refused_with_its_name():
    with pytest.raises(ValueError, match="detector must be one of rules, learned, hybrid"):
        MainText(detector="neural")


@pytest.mark.parametrize("detector", DETECTORS)
def test_html_pages_and_short_articles_are_judged_as_before(detector):
    # the model only judges flattened pages, as the hand-tuned detector does
    lines = [TITLE["en"], *BODY["en"], "Impressum"]
    for fmt in ("html", "text"):
        assert clean(lines, recipe(detector), fmt=fmt).removals == clean(lines, fmt=fmt).removals
    assert removal_of(clean(lines, recipe(detector)), "Impressum") is not None
