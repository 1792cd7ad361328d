"""Family 1: advertisement markers, in English, German, French and Spanish."""

import pytest

from rules_helpers import article, clean, dropped_as, kept, only
from winnow.core.model import Family

MARKERS = {
    "en": ["ADVERTISEMENT", "Advertisement", "Sponsored", "Story continues below advertisement", "- Advertisement -"],
    "de": ["Anzeige", "ANZEIGE", "Werbung", "Weiter nach der Anzeige", "(Anzeige)"],
    "fr": ["Publicité", "PUBLICITÉ", "Contenu sponsorisé", "La suite après cette publicité"],
    "es": ["Publicidad", "PUBLICIDAD", "Contenido patrocinado", "Patrocinado"],
}
# sentences that use the same words but are article text
NEGATIVES = {
    "en": ["The advertisement campaign cost the company two million dollars.", "Sponsored by the city"],
    "de": ["Die Polizei hat Anzeige gegen Unbekannt erstattet.", "Anzeige erstattet"],
    "fr": ["La publicité pour le tabac est interdite depuis 1991 en France."],
    "es": ["La publicidad institucional creció un diez por ciento el año pasado."],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_marker_lines_are_dropped_as_ads(lang):
    lines = article(lang, *MARKERS[lang], middle=(MARKERS[lang][0],))
    result = clean(lines)
    for marker in MARKERS[lang]:
        assert dropped_as(result, marker, Family.ADS), marker
    assert all(kept(result, line) for line in article(lang))


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_sentences_about_advertising_stay(lang):
    lines = article(lang, middle=tuple(NEGATIVES[lang]))
    result = clean(lines, only("ads.markers"))
    for sentence in NEGATIVES[lang]:
        assert kept(result, sentence), sentence


def test_labelled_ad_lines_are_dropped_unless_switched_off():
    ad = "ANZEIGE - Heute mal ausgehen? Wie wäre es mit Pizza:"
    lines = article("de", ad)
    assert dropped_as(clean(lines, only("ads.markers")), ad, Family.ADS)
    assert kept(clean(lines, only("ads.markers", labelled_lines=False)), ad)


def test_reason_names_the_marker_kind():
    result = clean(article("en", "ADVERTISEMENT"), only("ads.markers"))
    assert result.removals[-1].reason == "advertisement marker"
    assert result.removals[-1].rule_id == "ads.markers"
