"""Family 7: contact lines, and masking of e-mail addresses and phone numbers (off by default)."""

import pytest

from rules_helpers import article, assert_dropped_after_article, assert_sentences_stay, clean, dropped_as, kept, only
from winnow.core.model import Family
from winnow.recipe import Recipe

CONTACTS = {
    "en": ["Email: eyewitness@pulse.ng", "Phone: +44 20 7946 0958", "Contact: Press office, City Hall"],
    "de": ["Tel.: +49 30 1234567", "E-Mail: redaktion@example.de", "Kontakt: Stadtverwaltung, Rathausplatz 1", "Telefon 030 1234567"],
    "fr": ["Téléphone : 01 23 45 67 89", "Courriel : marie@exemple.fr"],
    "es": ["Teléfono: +34 912 345 678", "Correo electrónico: juan@ejemplo.es", "Contacto: Oficina de prensa"],
}
NEGATIVES = {
    "en": ["Email marketing grew 20% in 2019.", "Contact the council if you see flooding near your home.", "Phone: the new model is cheaper"],
    "de": ["Kontakt zur Außenwelt hatte die Mannschaft nicht.", "Am 12.03.2019 zahlte die Stadt 1.234.567 Euro."],
    "fr": ["Le téléphone a sonné toute la nuit à la mairie."],
    "es": ["El teléfono de la alcaldía no dejó de sonar."],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_contact_lines_are_dropped(lang):
    assert_dropped_after_article(lang, CONTACTS[lang], Family.CONTACT, article_stays=False)


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_sentences_about_contact_stay(lang):
    assert_sentences_stay(lang, NEGATIVES[lang])


def test_address_inside_a_sentence_stays_but_can_be_masked():
    sentence = "Weitere Informationen erteilt Anne Althaus unter Tel. 02382 59743 oder althausa@stadt.ahlen.de."
    lines = article("de", middle=(sentence,))
    plain = clean(lines)
    assert kept(plain, sentence)
    masked = clean(lines, Recipe().with_value("contact.details", "mask_pii", True))
    i = lines.index(sentence)
    assert masked.removals[i] is None
    assert masked.lines[i] == "Weitere Informationen erteilt Anne Althaus unter Tel. [phone] oder [email]."
    assert masked.original[i] == sentence  # the line as read is still known
    assert "[email]" in masked.text and "althausa@" not in masked.text


def test_masking_leaves_dates_amounts_and_isbns_alone():
    sentence = "Am 12.03.2019 zahlte die Stadt 1.234.567 Euro für das Buch mit der ISBN 978-3-16-148410-0."
    result = clean(article("de", middle=(sentence,)), Recipe().with_value("contact.details", "mask_pii", True))
    assert sentence in result.text


def test_contact_lines_can_be_kept():
    result = clean(article("en", "Email: eyewitness@pulse.ng"), only("contact.details", drop_lines=False, mask_pii=True))
    assert kept(result, "Email: [email]")


@pytest.mark.parametrize(
    "lang, lines",
    [
        ("en", ["Contact Jane Doe at", "jane.doe@gazette.example"]),
        ("de", ["Kontakt zur Pressestelle:", "+49 30 1234567"]),
        ("fr", ["Contact presse :", "01 23 45 67 89"]),
    ],
)
def test_a_contact_label_with_its_address_on_the_next_line_goes(lang, lines):
    result = clean(article(lang, *lines), only("contact.details"))
    for line in lines:
        assert dropped_as(result, line, Family.CONTACT), line


@pytest.mark.parametrize(
    "lines",
    [
        ["Contact the council if you see flooding near your home.", "flood@council.example"],  # a sentence, then its address
        ["Contact Jane Doe at", "the harbour office, which opens at nine."],  # the next line is text
    ],
)
def test_a_contact_sentence_or_a_label_without_an_address_stays(lines):
    result = clean(article("en", *lines), only("contact.details"))
    assert kept(result, lines[0])
