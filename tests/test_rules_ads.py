"""Family 1: advertisement markers, in English, German, French and Spanish."""

import pytest

from rules_helpers import article, assert_dropped_after_article, assert_sentences_stay, clean, dropped_as, kept, only
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
    assert_dropped_after_article(lang, MARKERS[lang], Family.ADS, middle=(MARKERS[lang][0],))


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_sentences_about_advertising_stay(lang):
    assert_sentences_stay(lang, NEGATIVES[lang], only("ads.markers"))


def test_labelled_ad_lines_are_dropped_unless_switched_off():
    ad = "ANZEIGE - Heute mal ausgehen? Wie wäre es mit Pizza:"
    lines = article("de", ad)
    assert dropped_as(clean(lines, only("ads.markers")), ad, Family.ADS)
    assert kept(clean(lines, only("ads.markers", labelled_lines=False)), ad)


def test_reason_names_the_marker_kind():
    result = clean(article("en", "ADVERTISEMENT"), only("ads.markers"))
    assert result.removals[-1].reason == "advertisement marker"
    assert result.removals[-1].rule_id == "ads.markers"


DISCLOSURES = {
    "en": [
        "We recommend the best products through an independent review process, and advertisers do not influence our "
        "picks. We may receive compensation if you visit partners we recommend.",
        "This post contains affiliate links: we may earn a small commission at no cost to you.",
    ],
    "de": [
        "Für Links auf dieser Seite erhält das Magazin ggf. eine Provision vom Händler, etwa bei Links mit Sternchen.",
        "Dieser Artikel enthält Affiliate-Links: Kaufen Sie darüber ein, erhalten wir eine kleine Provision.",
    ],
    "fr": ["Cet article contient des liens affiliés : nous pouvons percevoir une commission sur vos achats."],
    "es": ["Este artículo contiene enlaces de afiliados: podemos recibir una comisión por sus compras."],
}
# the same words in article text: a commission with no word of this site or page
DISCLOSURE_NEGATIVES = {
    "en": ["The agent earns a commission of three percent on every house she sells in the harbour district."],
    "de": [
        "Der Makler erhält eine Provision von drei Prozent, wenn die Wohnung am Hafen verkauft wird.",
        "Viele Blogger verdienen mit Affiliate-Links ihr Geld, sagte die Verbraucherzentrale.",
    ],
    "fr": ["L'agent immobilier touche une commission de trois pour cent sur chaque vente."],
    "es": ["El agente cobra una comisión del tres por ciento por cada venta en el puerto."],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_affiliate_disclosures_are_dropped_as_ads(lang):
    result = clean(article(lang, *DISCLOSURES[lang]), only("ads.markers"))
    for line in DISCLOSURES[lang]:
        assert dropped_as(result, line, Family.ADS), line
    assert all(kept(result, line) for line in article(lang))
    assert all(kept(clean(article(lang, *DISCLOSURES[lang]), only("ads.markers", disclosures=False)), line) for line in DISCLOSURES[lang])


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_sentences_about_commissions_stay(lang):
    result = clean(article(lang, middle=tuple(DISCLOSURE_NEGATIVES[lang])), only("ads.markers"))
    for line in DISCLOSURE_NEGATIVES[lang]:
        assert kept(result, line), line


def test_a_disclosure_split_at_its_links_goes_whole():
    pieces = [
        "We recommend the best products through an",
        "independent review process",
        ", and advertisers do not influence our picks. We may receive compensation if you visit partners we recommend. Read our",
        "advertiser disclosure",
    ]
    result = clean(article("en", *pieces), only("ads.markers"))
    for piece in pieces:
        assert dropped_as(result, piece, Family.ADS), piece


@pytest.mark.parametrize("line", ["Supported by", "Presented by", "Präsentiert von", "inRead", "invented by Teads"])
def test_sponsor_labels_and_ad_player_labels_are_ads(line):
    assert dropped_as(clean(article("en", line), only("ads.markers")), line, Family.ADS)


@pytest.mark.parametrize("line", ["Supported by the city, the harbour project opened in May.", "Präsentiert von der Stadt wurde der Plan am Dienstag."])
def test_sentences_naming_a_sponsor_stay(line):
    assert kept(clean(article("en", middle=(line,)), only("ads.markers")), line)


@pytest.mark.parametrize("line", ["by Taboola", "Promoted Links by Taboola", "Recommended by Outbrain"])
def test_content_recommendation_widgets_are_ads(line):
    assert dropped_as(clean(article("en", line), only("ads.markers")), line, Family.ADS)
