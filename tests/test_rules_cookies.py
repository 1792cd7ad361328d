"""Family 2: cookie and consent banners and their buttons; sentences that merely mention cookies or privacy stay."""

import pytest

from rules_helpers import article, assert_dropped_after_article, assert_sentences_stay, clean, dropped_as, kept, only
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
