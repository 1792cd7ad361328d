"""A sentence of a flattened page cut around a link that is also a menu's word: before its last word ('… might' /
'help.') or around a word amid it ('… from their' / 'downloads' / 'page, which …'). The word is the sentence's and stays;
the same word alone after a finished sentence is a menu link and goes."""

import pytest

from rules_helpers import clean, kept
from test_rules_boilerplate import flattened_page

CUT = {
    "en": ("So you finally test your code? The more tests you write, the more sure you are. That is where coverage might", "help."),
    "de": ("Die Angaben zum Anbieter dieser Seite und zur Verantwortung für ihre Inhalte stehen wie immer im", "Impressum."),
    "es": ("Si tiene preguntas sobre la barrera o quiere ver los planos completos, puede usar nuestro formulario de", "Contacto."),
}


@pytest.mark.parametrize("lang", sorted(CUT))
def test_a_link_word_closing_a_cut_sentence_stays(lang):
    before, word = CUT[lang]
    result = clean(flattened_page(lang, middle=(before, word)))
    assert kept(result, before) and kept(result, word)


@pytest.mark.parametrize("lang", sorted(CUT))
def test_the_link_word_after_a_finished_sentence_goes(lang):
    before, word = CUT[lang]
    result = clean(flattened_page(lang, middle=(before + ".", word.rstrip("."))))
    assert kept(result, before + ".") and not kept(result, word.rstrip("."))


AMID = {
    "en": ("You can use the 64-bit image as soon as you download it from their", "downloads", "page, which also lists the older versions of the system."),
    "de": (
        "Wer Fragen zur neuen Sperre hat, kann sich über das Formular unter",
        "Kontakt",
        "an die Stadtverwaltung wenden, die innerhalb einer Woche antwortet.",
    ),
    "es": ("Quien tenga preguntas puede escribir a través del formulario de", "contacto", "del ayuntamiento, que responde en el plazo de una semana."),
}


@pytest.mark.parametrize("lang", sorted(AMID))
def test_a_link_word_amid_a_cut_sentence_stays(lang):
    pieces = AMID[lang]
    result = clean(flattened_page(lang, middle=pieces))
    for piece in pieces:
        assert kept(result, piece), piece
