"""Family 2: cookie and consent banners and their buttons; sentences that merely mention cookies or privacy stay."""

import pytest

from rules_helpers import BODY, article, assert_dropped_after_article, assert_sentences_stay, clean, dropped_as, kept, only
from winnow.core.model import Family

BANNERS = {
    "en": [
        "By clicking “Accept All Cookies”, you agree to the storing of cookies on your device to enhance site navigation.",
        "This site uses cookies to improve your experience.",
        "We value your privacy",
    ],
    "de": [
        "Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten.",
        "Wir respektieren Ihre Privatsphäre",
        "Durch die weitere Nutzung der Seite stimmen Sie der Verwendung von Cookies zu.",
    ],
    "fr": [
        "Ce site utilise des cookies pour améliorer votre expérience de navigation.",
        "En poursuivant votre navigation, vous acceptez l'utilisation de cookies.",
    ],
    "es": [
        "Este sitio web utiliza cookies propias y de terceros para mejorar nuestros servicios.",
        "Si continúas navegando, aceptas nuestra política de cookies.",
    ],
}
BUTTONS = {
    "en": ["Accept all", "Reject all", "Manage preferences"],
    "de": ["Alle akzeptieren", "Alle ablehnen", "Cookie-Einstellungen"],
    "fr": ["Tout accepter", "Tout refuser", "Paramétrer les cookies"],
    "es": ["Aceptar todo", "Rechazar todo", "Configurar cookies"],
}
NEGATIVES = {
    "en": ["The bakery sold 500 cookies on its first day.", "Privacy advocates criticised the law.", "Accept"],
    "de": ["Die Bäckerei verkaufte am ersten Tag 500 Cookies.", "Datenschützer kritisierten das Gesetz scharf."],
    "fr": ["La boulangerie a vendu 500 cookies le premier jour.", "Les défenseurs de la vie privée ont critiqué la loi."],
    "es": ["La panadería vendió 500 galletas el primer día.", "Los defensores de la privacidad criticaron la ley."],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_banners_and_buttons_are_dropped_as_cookies(lang):
    assert_dropped_after_article(lang, BANNERS[lang] + BUTTONS[lang], Family.COOKIES)


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_sentences_about_cookies_or_privacy_stay(lang):
    assert_sentences_stay(lang, NEGATIVES[lang])


def test_generic_button_words_go_only_next_to_a_banner():
    banner = "We use cookies to give you the best experience on our website."
    near = clean(article("en", banner, "OK", "Settings"), only("cookies.banner"))
    assert dropped_as(near, "OK", Family.COOKIES) and dropped_as(near, "Settings", Family.COOKIES)
    far = clean(["OK", "Settings", *article("en")], only("cookies.banner"))
    assert kept(far, "OK") and kept(far, "Settings")
    off = clean(article("en", banner, "OK"), only("cookies.banner", button_distance=0))
    assert kept(off, "OK")


def test_a_long_paragraph_about_cookie_law_is_article_text():
    paragraph = "The regulator said that a website which uses cookies must ask first, " + "and the court agreed. " * 60
    result = clean(article("en", middle=(paragraph,)), only("cookies.banner"))
    assert kept(result, paragraph)


@pytest.mark.parametrize(
    "line",
    [
        "Wenn Sie uns per Kontaktformular Anfragen zukommen lassen, speichern wir Ihre Angaben zur Bearbeitung der Anfrage.",
        "Die Muster GmbH verarbeitet zum Betrieb dieser Website personenbezogene Daten nur, soweit dies erforderlich ist.",
    ],
)
def test_privacy_policy_templates_are_banners(line):
    assert dropped_as(clean(article("de", line), only("cookies.banner")), line, Family.COOKIES)


def test_a_sentence_about_contact_forms_stays():
    line = "Anfragen zum Hafen können Bürger über ein Kontaktformular auf der Seite der Stadt stellen, sagte die Sprecherin."
    assert kept(clean(article("de", middle=(line,)), only("cookies.banner")), line)


# a consent manager's settings panel under its banner: each kind of cookie with its purpose and details
PANELS = {
    "de": [
        "Wir verwenden Cookies",
        "Hier sehen Sie alle Cookies, die diese Webseite nutzt, nach Kategorien geordnet.",
        "Notwendige Cookies",
        "Diese Cookies sind für grundlegende Funktionen der Webseite erforderlich.",
        "Anbieter:",
        "Beispielverein e.V.",
        "Laufzeit:",
        "1 Jahr",
        "Statistik-Cookies",
        "Diese Cookies helfen uns zu verstehen, wie Besucher die Webseite nutzen.",
        "Hier klicken, um Statistik-Cookies zu aktivieren/deaktivieren.",
    ],
    "en": [
        "This website uses cookies",
        "Strictly necessary cookies",
        "These cookies are essential for the website to work and cannot be switched off.",
        "Provider: Example Association",
        "Expiry: 12 months",
        "Analytics cookies",
        "These cookies count visits so we can measure how the site is used.",
        "Marketing cookies",
        "Tracking pixels and advertising cookies from third-party providers.",
    ],
    "fr": [
        "Ce site utilise des cookies",
        "Cookies nécessaires",
        "Ces cookies sont nécessaires au fonctionnement du site.",
        "Durée : 13 mois",
        "Cookies de mesure d'audience",
        "Ces cookies permettent de mesurer l'audience du site.",
        "Cookies publicitaires",
        "Activer ou désactiver les cookies publicitaires.",
    ],
}


@pytest.mark.parametrize("lang", ["de", "en", "fr"])
def test_a_consent_managers_settings_panel_goes_with_its_banner(lang):
    result = clean(article(lang, *PANELS[lang]), only("cookies.banner"))
    for line in PANELS[lang]:
        assert dropped_as(result, line, Family.COOKIES), line
    assert all(kept(result, line) for line in BODY[lang])


BAKING = [
    "Cream the butter and sugar for the cookies until pale, then beat in the eggs one at a time.",
    "Fold the flour into the dough and chill it for an hour so the cookies keep their shape.",
    "Roll the dough into balls and space the cookies well apart on two lined trays.",
    "Bake the cookies for twelve minutes, until golden at the edges but still soft in the middle.",
    "Leave the cookies on the tray for five minutes before moving them to a rack to cool.",
]


def test_an_article_about_baking_cookies_next_to_a_banner_stays():
    result = clean(["This website uses cookies", *BAKING, "Accept all cookies"], only("cookies.banner"))
    assert all(kept(result, line) for line in BAKING)


def test_a_few_lines_about_cookies_after_a_banner_are_no_panel():
    lines = ["Diese Webseite verwendet Cookies", "Notwendige Cookies", *BODY["de"], "Statistik-Cookies"]
    result = clean(article("de", *lines), only("cookies.banner"))
    assert all(kept(result, line) for line in BODY["de"])
    assert kept(result, "Statistik-Cookies")
