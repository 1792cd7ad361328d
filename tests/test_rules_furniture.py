"""Family 5: page furniture (counters, reading time, enlarge links, credits, dates, bylines) and its metadata."""

import pytest

from rules_helpers import BODY, TITLE, article, assert_dropped_after_article, assert_sentences_stay, clean, dropped_as, kept, kept_lines, only
from winnow.core.model import Document, Family
from winnow.pipeline import Cleaner
from winnow.text.dates import standalone_date

FURNITURE = {
    "en": ["views", "1,234 views", "0 comment", "Comments", "3 min read", "[Click to enlarge]", "Photo: Reuters"],
    "de": ["Kommentare (3)", "Lesezeit: 4 Min.", "Bild vergrößern", "Foto: dpa", "© AFP / Max Muster"],
    "fr": ["12 commentaires", "Temps de lecture : 3 min", "Cliquez pour agrandir", "Crédits photos : Bestimage"],
    "es": ["5 comentarios", "Tiempo de lectura: 5 minutos", "Haz clic para ampliar", "Foto: EFE"],
}
NEGATIVES = {
    "en": ["The views from the new quay are spectacular, residents said.", "Photos of the flood were shown at the meeting.", "15 – 30 Min"],
    "de": ["Der Film dauert 90 Minuten und zeigt die Flut von 1962.", "Von Berlin nach Hamburg fährt der Zug zwei Stunden."],
    "fr": ["Par exemple, la digue de Rotterdam a coûté deux milliards d'euros."],
    "es": ["Por favor, consulte los planos en el ayuntamiento antes del viernes."],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_furniture_lines_are_dropped(lang):
    assert_dropped_after_article(lang, FURNITURE[lang], Family.FURNITURE, only("furniture.page"))


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_sentences_like_furniture_stay(lang):
    assert_sentences_stay(lang, NEGATIVES[lang])


@pytest.mark.parametrize(
    "lang, date_line, byline, iso, author",
    [
        ("en", "Published: December 6, 2016 9:28 PM IST", "By Press Trust of India", "2016-12-06", "Press Trust of India"),
        ("de", "Dienstag, 4. Juni 2019, 15:54 Uhr", "Von Max Muster", "2019-06-04", "Max Muster"),
        ("fr", "Publié le 12 mars 2020 à 10h30", "Par Jean Dupont", "2020-03-12", "Jean Dupont"),
        ("es", "Publicado el 3 de marzo de 2021", "Por Juan Pérez", "2021-03-03", "Juan Pérez"),
    ],
)
def test_dates_and_bylines_go_to_the_metadata(lang, date_line, byline, iso, author):
    lines = article(lang, before=(date_line, byline))
    result = clean(lines)
    assert dropped_as(result, date_line, Family.FURNITURE)
    assert dropped_as(result, byline, Family.FURNITURE)
    assert result.metadata["date"] == iso
    assert result.metadata["author"] == author


def test_byline_split_over_two_lines_by_a_flattened_page():
    result = clean(article("de", before=("Von", "Julia Müller")), only("furniture.page"))
    assert dropped_as(result, "Von", Family.FURNITURE) and dropped_as(result, "Julia Müller", Family.FURNITURE)
    assert result.metadata["author"] == "Julia Müller"


def test_dates_can_stay_and_still_be_recorded():
    result = clean(article("en", before=("05 December, 2016",)), only("furniture.page", dates=False))
    assert kept(result, "05 December, 2016")
    assert result.metadata["date"] == "2016-12-05"


def test_a_date_the_reader_found_is_not_overwritten():
    from winnow.core.model import Document
    from winnow.pipeline import Cleaner

    lines = article("en", before=("June 19, 2019",))
    doc = Document(source="a.html", format="text", content="\n".join(lines), lines=lines, metadata={"date": "2019-06-20"})
    assert Cleaner(only("furniture.page")).clean(doc).metadata["date"] == "2019-06-20"


@pytest.mark.parametrize(
    "line, iso",
    [
        ("05 December, 2016", "2016-12-05"),
        ("Aktualisiert: 11.04.2020, 10:27", "2020-04-11"),
        ("01.21.2020 07:00 AM", "2020-01-21"),
        ("2021-10-16", "2021-10-16"),
        ("March 2020", "2020-03"),
        ("In March 2020 the virus spread", None),
        ("31.02.2020", None),
        ("2021-10-16 | Botschaft", None),
    ],
)
def test_standalone_dates(line, iso):
    assert standalone_date(line) == iso


def test_captions_ending_in_a_credit_are_dropped():
    caption = "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO"
    cited = "Die Zahlen stammen aus einer Studie (Quelle: DIW)."
    result = clean(article("de", middle=(caption, cited)), only("furniture.page"))
    assert dropped_as(result, caption, Family.FURNITURE)
    assert kept(result, cited)


@pytest.mark.parametrize(
    "label, value, iso",
    [
        ("Stand:", "26.10.2021", "2021-10-26"),
        ("Veröffentlicht am", "03.02.2022", "2022-02-03"),
        ("Published", "March 3, 2021", "2021-03-03"),
        ("Publié le", "7 janvier 2020", "2020-01-07"),
    ],
)
def test_a_date_label_and_its_date_on_the_next_line(label, value, iso):
    result = clean(article("de", before=(label, value)), only("furniture.page"))
    assert dropped_as(result, label, Family.FURNITURE) and dropped_as(result, value, Family.FURNITURE)
    assert result.metadata["date"] == iso


def test_a_short_line_before_a_date_that_is_no_label_stays():
    result = clean(article("de", before=("Hafen", "26.10.2021")), only("furniture.page"))
    assert kept(result, "Hafen")
    assert dropped_as(result, "26.10.2021", Family.FURNITURE)


@pytest.mark.parametrize(
    "line",
    [
        "Ten tekst przeczytasz w mniej niż minutę",
        "Lesezeit: weniger als eine Minute",
        "Temps de lecture : 2 minutes",
        "Tiempo de lectura: menos de un minuto",
        "Reading time: under a minute",
    ],
)
def test_reading_times_without_a_number(line):
    assert dropped_as(clean(article("de", before=(line,)), only("furniture.page")), line, Family.FURNITURE)


@pytest.mark.parametrize(
    "line",
    [
        "Die Lesezeit beträgt bei Kindern oft nur Minuten.",
        "Er brauchte für die Lektüre der Akten zwanzig Minuten",
        "In meiner Lesezeit am Abend vergehen die Minuten schnell, sagte sie",
    ],
)
def test_sentences_about_reading_stay(line):
    assert kept(clean(article("de", middle=(line,)), only("furniture.page")), line)


@pytest.mark.parametrize(
    "line",
    [
        "Sofern nicht anders ausgewiesen, stehen Inhalte dieser Website unter CC-BY",
        "CC-BY-SA 2.0",
        "Image illustrative : Lots of Lego Minifigures by Ninja Brick, en licence Creative Commons by",
        "Foto: Hafenamt, CC BY-NC-ND 4.0 DE",
        "Photo: City archive, Creative Commons Attribution 2.0",
    ],
)
def test_licence_and_credit_lines_are_dropped(line):
    assert dropped_as(clean(article("de", middle=(line,)), only("furniture.page")), line, Family.FURNITURE)


@pytest.mark.parametrize(
    "line",
    [
        "Durch eine Lizenz nach Creative Commons kann der Urheber selbst bestimmen, was andere dürfen.",
        "Wir sprechen heute über Creative Commons.",
        "Der Verein ACC tagt am Montag im Rathaus.",
    ],
)
def test_sentences_about_licences_stay(line):
    assert kept(clean(article("de", middle=(line,)), only("furniture.page")), line)


@pytest.mark.parametrize(
    "line",
    [
        "Symbolbild: Hochwasser am Hafen",
        "Image d'illustration : le port de Brest",
        "Foto de archivo: el puerto de Vigo",
        "Symbolbild",
        "Vos réactions (11)",
        "Your comments (4)",
    ],
)
def test_illustration_labels_and_reaction_counters_are_dropped(line):
    assert dropped_as(clean(article("fr", middle=(line,)), only("furniture.page")), line, Family.FURNITURE)


def test_a_caption_telling_to_click_to_enlarge_is_dropped():
    caption = "Karte der neuen Hafenanlagen und Lagerhallen. Zum Vergrößern klicken. (Stand Mai 2020)"
    sentence = "Zum Vergrößern der Hafenfläche will die Stadt zwei Lagerhallen abreißen."
    result = clean(article("de", middle=(caption, sentence)), only("furniture.page"))
    assert dropped_as(result, caption, Family.FURNITURE)
    assert kept(result, sentence)


# the slides of a photo gallery embedded in an article: other stories' pictures with their captions
GALLERIES = {
    "en": [
        "- 1/6 Rail strike ends Train drivers returned to work after a three-day strike over pay and rosters.",
        "- 2/6 Bakery chain sold A family bakery chain with 80 shops was bought by a private equity fund. Getty",
        "- 3/6 Toy fair opens The spring toy fair opened with a record number of exhibitors from abroad.",
        "- 4/6 Airport expansion approved The regional airport may build a second terminal, a court ruled.",
    ],
    "de": [
        "1 von 5 Streik beendet: Die Lokführer kehrten nach drei Tagen an die Arbeit zurück.",
        "2 von 5 Bäckerei verkauft: Eine Kette mit 80 Filialen geht an einen Finanzinvestor. Foto: dpa",
        "3 von 5 Spielwarenmesse: Die Messe öffnete mit so vielen Ausstellern wie nie.",
    ],
    "fr": [
        "3/12 La grève est terminée : les conducteurs ont repris le travail après trois jours.",
        "4/12 Une chaîne de boulangeries vendue à un fonds d'investissement.",
        "5/12 Le salon du jouet ouvre avec un nombre record d'exposants.",
    ],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_the_slides_of_a_photo_gallery_in_an_article_are_dropped(lang):
    lines = article(lang, "Business in pictures", *GALLERIES[lang])
    result = clean(lines, only("furniture.page"))
    for slide in GALLERIES[lang]:
        assert dropped_as(result, slide, Family.FURNITURE)
    assert kept(result, "Business in pictures")  # the gallery's title is left to the headline rules
    assert all(kept(result, line) for line in article(lang))


def test_gallery_slides_go_only_with_the_credits():
    lines = article("en", *GALLERIES["en"])
    result = clean(lines, only("furniture.page", credits=False))
    assert all(kept(result, slide) for slide in GALLERIES["en"])


@pytest.mark.parametrize(
    "lines",
    [
        # fractions in a recipe, not positions in a gallery
        ["1/2 cup of sugar", "3/4 cup of flour", "1/4 teaspoon of salt", "2/3 cup of milk"],
        ["1/8 Liter Milch", "3/8 Liter Sahne", "5/8 Liter Wasser"],
        # two slides of a gallery are too few to tell
        ["1/8 The harbour at dawn, before the storm reached it.", "2/8 The harbour at noon, with the barrier closed."],
        # results and scores, the same total but no run of positions
        ["3/10 for the new album, our critic says.", "7/10 for the film, a strong sequel.", "9/10 for the game."],
    ],
)
def test_numbers_over_numbers_that_are_no_gallery_stay(lines):
    result = clean(article("en", *lines), only("furniture.page"))
    assert all(kept(result, line) for line in lines)


def test_a_slideshow_page_keeps_its_slides():
    """When the slides are the page (a short intro, then the pictures), they are its text."""
    slides = [f"{k}/6 {text}" for k, text in enumerate(["The old quay in 1910, before the first barrier was built."] * 6, 1)]
    slides = [f"{s} Picture {k} of the harbour archive, restored this year by volunteers of the museum." for k, s in enumerate(slides, 1)]
    result = clean(["The harbour through the century", "Pictures from the town archive.", *slides], only("furniture.page"))
    assert all(kept(result, slide) for slide in slides)


# a picture's place in a gallery, alone on its line between the article's paragraphs
POSITIONS = {
    "en": ["Photo 1 of 12", "(Image 3/8)", "Slide 4 of 9"],
    "de": ["Bild 2 von 5", "Foto 3/7", "Bild Nr. 4 von 10"],
    "fr": ["Photo 2 sur 6", "Diapositive 3 de 8"],
    "es": ["Imagen 2 de 9", "Foto 1 de 4"],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_a_gallery_position_alone_on_its_line_is_dropped(lang):
    result = clean(article(lang, middle=tuple(POSITIONS[lang])), only("furniture.page"))
    assert all(dropped_as(result, line, Family.FURNITURE) for line in POSITIONS[lang])
    assert all(kept(result, line) for line in article(lang))


@pytest.mark.parametrize(
    "line",
    [
        "Photo 1 of 2 cups",  # a measure goes on after the numbers
        "Image 5 of 3",  # no place in a gallery of three
        "The photo 2 of 5 shows the harbour at dawn.",
        "Bild 2 von 5 Kandidaten",
        "Foto 3 von 7 zeigt den Hafen im Winter.",
    ],
)
def test_a_line_going_on_after_a_gallery_position_stays(line):
    result = clean(article("en", middle=(line,)), only("furniture.page"))
    assert kept(result, line)


def test_gallery_positions_go_only_with_the_credits():
    result = clean(article("en", middle=tuple(POSITIONS["en"])), only("furniture.page", credits=False))
    assert all(kept(result, line) for line in POSITIONS["en"])


# ---------------------------------------------------------------- an HTML page's title opening its text


def _page(lines: list[str], title: str, fmt: str = "html") -> Document:
    return Document(source=f"t/page.{fmt}", format=fmt, content="", lines=list(lines), metadata={"title": title})


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_the_title_opening_an_html_page_goes_to_the_metadata(lang):
    result = Cleaner(only("furniture.page")).clean(_page(article(lang), TITLE[lang]))
    assert dropped_as(result, TITLE[lang], Family.FURNITURE)
    assert result.metadata["title"] == TITLE[lang]
    assert all(kept(result, line) for line in BODY[lang])


def test_the_title_matches_by_its_words_whatever_the_case_and_punctuation():
    result = Cleaner(only("furniture.page")).clean(_page(["HARBOUR COUNCIL APPROVES FLOOD-BARRIER BUDGET", *BODY["en"]], TITLE["en"]))
    assert not kept(result, "HARBOUR COUNCIL APPROVES FLOOD-BARRIER BUDGET")


@pytest.mark.parametrize(
    "lines, fmt, recipe",
    [
        # the same line in a text document: no page head named it
        (article("en"), "text", only("furniture.page")),
        # switched off
        (article("en"), "html", only("furniture.page", title=False)),
        # a sub-heading that starts like the title, or the title below the text's first line
        (["Harbour council approves flood barrier budget again", *BODY["en"]], "html", only("furniture.page")),
        ([BODY["en"][0], TITLE["en"], *BODY["en"][1:]], "html", only("furniture.page")),
    ],
)
def test_other_first_lines_and_other_documents_keep_the_title_line(lines, fmt, recipe):
    result = Cleaner(recipe).clean(_page(lines, TITLE["en"], fmt))
    assert kept_lines(result) == lines


@pytest.mark.parametrize(
    "lang, pieces",
    [
        ("en", ("The promise resolves to the response, which is captured as a", "Response", "object, as the examples below show.")),
        ("en", ("Then you could get a list of the most interesting", "photos", "of the day with a single request to the server.")),
        ("de", ("Die Funktion gibt für jede einzelne Anfrage des Nutzers ein", "Foto", "zurück, das der Server vorher verkleinert hat.")),
        ("fr", ("La fonction renvoie pour chaque requête de cet utilisateur une", "photo", "que le serveur a déjà compressée.")),
    ],
)
def test_a_word_cut_out_of_a_sentence_is_no_furniture(lang, pieces):
    # flattening splits a sentence at an inline element (code, a link): the word alone looks like a counter or a label
    result = clean(article(lang, middle=pieces), only("furniture.page"))
    for piece in pieces:
        assert kept(result, piece), piece


@pytest.mark.parametrize(
    "pieces, furniture",
    [
        (("The harbour reopened after the storm.", "Comments", "Be kind to each other."), "Comments"),
        (("Der Hafen wurde nach dem Sturm geöffnet.", "Foto:", "dpa"), "Foto:"),
        (("Das Boot liegt im neuen Hafen am", "Foto", "Der Bürgermeister sprach am Abend."), "Foto"),
    ],
)
def test_furniture_after_a_sentence_or_before_a_new_one_still_goes(pieces, furniture):
    result = clean(article("de", *pieces), only("furniture.page"))
    assert dropped_as(result, furniture, Family.FURNITURE)


@pytest.mark.parametrize("lang, line", [("de", "via Wikimedia Commons"), ("en", "Wikimedia Commons"), ("en", "Wikimedia Commons / Jane Doe")])
def test_wikimedia_commons_as_a_credit_is_dropped(lang, line):
    assert dropped_as(clean(article(lang, middle=(line,)), only("furniture.page")), line, Family.FURNITURE)


def test_a_sentence_about_wikimedia_commons_stays():
    line = "Wikimedia Commons hosts millions of free images, the foundation said in its annual report."
    assert kept(clean(article("en", middle=(line,)), only("furniture.page")), line)


@pytest.mark.parametrize(
    "lang, lines",
    [("de", ["Februar 2020  (3)", "Januar 2020 (14)"]), ("en", ["March 2021 (7)", "February 2021 (2)"]), ("fr", ["mars 2020 (5)", "février 2020 (1)"])],
)
def test_a_blogs_archive_links_are_dropped_as_dates(lang, lines):
    result = clean(article(lang, *lines), only("furniture.page"))
    for line in lines:
        assert dropped_as(result, line, Family.FURNITURE), line


@pytest.mark.parametrize("line", ["Chapter 2 (3)", "Die Sitzung im Mai 2019 dauerte drei Stunden (3)", "Band 2019 (2)"])
def test_lines_with_a_count_that_are_no_archive_links_stay(line):
    assert kept(clean(article("de", middle=(line,)), only("furniture.page")), line)


@pytest.mark.parametrize("line", ["PAP/ Rafał Guz", "Keystone-SDA", "Europa Press"])
def test_more_news_agencies_as_credits_are_dropped(line):
    assert dropped_as(clean(article("en", middle=(line,)), only("furniture.page")), line, Family.FURNITURE)


@pytest.mark.parametrize(
    "lang, caption",
    [
        ("de", "Ziegel auf einer Baustelle am Hafen. - © jollier_ - stock.adobe.com"),
        ("en", "Workers on the new flood barrier. Photo: pixabay.com / J. Doe"),
        ("fr", "Le port de Brest au matin. © photo.example.fr"),
    ],
)
def test_a_caption_whose_credit_names_a_website_is_dropped(lang, caption):
    assert dropped_as(clean(article(lang, middle=(caption,)), only("furniture.page")), caption, Family.FURNITURE)


def test_a_sentence_after_a_credit_label_still_ends_the_match():
    line = "Die Quelle der Zahlen ist das Amt (Foto: Archiv). Danach sprach der Bürgermeister lange über den Hafen und seine Zukunft."
    assert kept(clean(article("de", middle=(line,)), only("furniture.page")), line)


@pytest.mark.parametrize("line", ["Bildrechte: Hafenamt Nord", "Bildrechte: imago images / Max Muster", "Der Deich im Winter. Bildrechte: Hafenamt"])
def test_an_image_rights_label_makes_a_credit(line):
    # "Bildrechte" (image rights) names a photo's owner as "Foto:" or "Bildquelle:" do
    assert dropped_as(clean(article("de", middle=(line,)), only("furniture.page")), line, Family.FURNITURE)


@pytest.mark.parametrize(
    "line",
    [
        "Die Bildrechte liegen beim Fotografen, sagte die Sprecherin des Verlags am Montag.",
        "Bildrechte und Urheberrecht sind Thema einer Tagung im Rathaus, die am Freitag beginnt.",
    ],
)
def test_sentences_about_image_rights_stay(line):
    assert kept(clean(article("de", middle=(line,)), only("furniture.page")), line)
