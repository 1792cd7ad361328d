"""Family 4: social, newsletter, comment and notification prompts."""

import pytest

from rules_helpers import article, clean, dropped_as, kept, only
from winnow.core.model import Family

PROMPTS = {
    "en": [
        "JOIN OUR PULSE COMMUNITY!",
        "Unblock notifications in browser settings.",
        "For breaking news and live news updates, like us on Facebook or follow us on Twitter and Instagram.",
        "Sign up for our newsletter",
        "Share this article",
        "Eyewitness? Submit your stories now via social or:",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ],
    "de": [
        "Folgen Sie uns auf Facebook und Twitter",
        "Jetzt Newsletter abonnieren",
        "Teilen Sie dies mit:",
        "Schreibe einen Kommentar",
        "Deine E-Mail-Adresse wird nicht veröffentlicht.",
        "Der RNZ-WhatsApp-Newsletter",
    ],
    "fr": [
        "Suivez-nous sur Facebook",
        "Abonnez-vous à notre newsletter",
        "Partager cet article",
        "Laisser un commentaire",
        "Votre adresse e-mail ne sera pas publiée.",
    ],
    "es": [
        "Síguenos en Twitter",
        "Suscríbete a nuestro boletín",
        "Comparte este artículo",
        "Deja un comentario",
        "Tu dirección de correo electrónico no será publicada.",
    ],
}
NEGATIVES = {
    "en": [
        "Thousands follow the council's decisions on social media, officials said.",
        "The newsletter industry grew by twenty percent last year, according to a new report by analysts.",
    ],
    "de": ["Viele Bürger folgen der Debatte im Stadtrat seit Monaten mit großem Interesse."],
    "fr": ["Les abonnés du journal ont reçu la nouvelle édition samedi matin."],
    "es": ["Los vecinos siguen el debate sobre la barrera con mucho interés."],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_prompts_are_dropped(lang):
    lines = article(lang, *PROMPTS[lang])
    result = clean(lines, only("prompts.social"))
    for prompt in PROMPTS[lang]:
        assert dropped_as(result, prompt, Family.PROMPTS), prompt
    assert all(kept(result, line) for line in article(lang))


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_article_sentences_with_similar_words_stay(lang):
    result = clean(article(lang, middle=tuple(NEGATIVES[lang])))
    for sentence in NEGATIVES[lang]:
        assert kept(result, sentence), sentence


def test_long_lines_are_never_prompts():
    long_line = "Share this article with anyone who cares about the harbour, " + "the councillor said at the meeting " * 8
    result = clean(article("en", middle=(long_line,)), only("prompts.social", max_words=20))
    assert kept(result, long_line)
    shorter = clean(article("en", "Share this article with friends"), only("prompts.social", max_words=3))
    assert kept(shorter, "Share this article with friends")


def test_reason_quotes_the_phrase():
    result = clean(article("en", "Please like us on Facebook today"), only("prompts.social"))
    assert "like us on facebook" in result.removals[-1].reason
