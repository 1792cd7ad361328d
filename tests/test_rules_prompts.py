"""Family 4: social, newsletter, comment and notification prompts."""

import pytest

from rules_helpers import BODY, article, assert_dropped_after_article, assert_sentences_stay, clean, dropped_as, kept, only
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
    assert_dropped_after_article(lang, PROMPTS[lang], Family.PROMPTS, only("prompts.social"))


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_article_sentences_with_similar_words_stay(lang):
    assert_sentences_stay(lang, NEGATIVES[lang])


def test_long_lines_are_never_prompts():
    long_line = "Share this article with anyone who cares about the harbour, " + "the councillor said at the meeting " * 8
    result = clean(article("en", middle=(long_line,)), only("prompts.social", max_words=20))
    assert kept(result, long_line)
    shorter = clean(article("en", "Share this article with friends"), only("prompts.social", max_words=3))
    assert kept(shorter, "Share this article with friends")


def test_reason_quotes_the_phrase():
    result = clean(article("en", "Please like us on Facebook today"), only("prompts.social"))
    assert "like us on facebook" in result.removals[-1].reason


APPEALS = {
    "en": ["Support independent journalism: become a supporter today and cancel anytime.", "Already a subscriber? Log in"],
    "de": [
        "Gefällt dir unser Klettermagazin? Bei der Lancierung haben wir entschieden, keine Bezahlschranke einzuführen.",
        "Jetzt spenden und unabhängigen Journalismus sichern",
    ],
    "fr": ["Soutenez-nous : faites un don pour une information libre.", "Cet article est réservé aux abonnés."],
    "es": ["Tú también puedes hacer periodismo incómodo. Cancela cuando quieras.", "Apóyanos con tu membresía mensual."],
}
APPEAL_NEGATIVES = [
    "Viele Verlage führen eine Bezahlschranke ein, um ihre Redaktionen zu finanzieren, sagte der Medienforscher.",
    "The minister urged residents to make a donation to the flood relief fund before the end of the month.",
    "Unterstützen Sie uns dabei, unsere Produkte zu verbessern, schrieb die Firma an ihre Kunden.",
    "Spain wants to become a member of the new harbour alliance, the council said on Tuesday.",
]


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_appeals_to_support_or_subscribe_are_prompts(lang):
    result = clean(article(lang, *APPEALS[lang]), only("prompts.social"))
    for line in APPEALS[lang]:
        assert dropped_as(result, line, Family.PROMPTS), line


def test_sentences_about_paywalls_and_donations_stay():
    result = clean(article("de", middle=tuple(APPEAL_NEGATIVES)), only("prompts.social"))
    for line in APPEAL_NEGATIVES:
        assert kept(result, line), line


def test_a_long_browser_notice_is_a_prompt_but_a_long_article_line_is_not():
    notice = (
        "Thanks for reading our site. Your browser is out of date, so some pages may not look or work as they "
        "should. For the best experience, install the latest version of your browser or switch to another one; "
        "until then, parts of the site may show without their styles, images and interactive features."
    )
    assert len(notice.split()) > 40
    assert dropped_as(clean(article("en", notice), only("prompts.social")), notice, Family.PROMPTS)
    long_article = "Residents can follow us on the way to the harbour, " + "the councillor said at the meeting " * 6
    assert kept(clean(article("en", middle=(long_article,)), only("prompts.social")), long_article)


def test_a_prompt_split_at_its_link_goes_whole():
    pieces = ["Want the newest stories first? Enter your email below to get our updates straight to your", "inbox", ", twice a month."]
    result = clean(article("en", *pieces), only("prompts.social"))
    for piece in pieces:
        assert dropped_as(result, piece, Family.PROMPTS), piece
    assert all(kept(result, line) for line in article("en"))


@pytest.mark.parametrize(
    "line",
    [
        "Mit der Anmeldung akzeptieren Sie unsere Datenschutz- und Nutzungsbedingungen.",
        "By signing up, you agree to our Terms of Use and acknowledge our Privacy Policy.",
        "En vous inscrivant, vous acceptez nos conditions générales.",
        "Al suscribirte aceptas la política de privacidad.",
    ],
)
def test_the_consent_under_a_sign_up_form_is_a_prompt(line):
    assert dropped_as(clean(article("en", line), only("prompts.social")), line, Family.PROMPTS)


def test_a_sentence_about_registering_stays():
    line = "Mit der Registrierung der Boote will die Stadt den Hafen besser verwalten, sagte die Ratsfrau."
    assert kept(clean(article("de", middle=(line,)), only("prompts.social")), line)


CALLS = [
    "2023 nichts mehr versäumen!",
    "Nie wieder etwas verpassen!",
    "Never miss a story",
    "Stay up to date with the Harbour Times",
    "Ne manquez rien de l'actualité du port",
    "No te pierdas nada",
    "Resta aggiornato!",
    "Blijf op de hoogte",
    "Bądź na bieżąco",
]
CALL_NEGATIVES = [
    # the same words inside an article's sentence: a longer line
    "Wer bei der Sitzung nichts verpassen wollte, kam schon am Morgen ins Rathaus, berichteten mehrere Anwohner.",
    "Councillors said they would stay up to date with the engineers' reports on the barrier throughout the year.",
    "Los vecinos no se pierdan nada de las obras, pidió la concejala en un comunicado el martes por la tarde.",
    # short lines near the phrases but not calls
    "Ich habe nichts gesehen.",
    "Never again, said the mayor.",
]


@pytest.mark.parametrize("line", CALLS)
def test_short_calls_not_to_miss_anything_are_prompts(line):
    assert dropped_as(clean(article("en", line), only("prompts.social")), line, Family.PROMPTS)


@pytest.mark.parametrize("line", CALL_NEGATIVES)
def test_sentences_about_missing_or_staying_informed_stay(line):
    assert kept(clean(article("de", middle=(line,)), only("prompts.social")), line)


@pytest.mark.parametrize(
    "lang, line",
    [
        ("en", "Get breaking news alerts and special reports on the stories that matter most to you."),
        ("en", "Breaking news alerts: the biggest stories, as they happen."),
        ("de", "Jetzt Eilmeldungen abonnieren und keine wichtige Nachricht verpassen."),
        ("de", "Eilmeldungen erhalten Sie hier per Push-Mitteilung."),
    ],
)
def test_offers_of_breaking_news_alerts_are_prompts(lang, line):
    assert dropped_as(clean(article(lang, middle=(line,)), only("prompts.social")), line, Family.PROMPTS)


@pytest.mark.parametrize(
    "lang, line",
    [
        ("en", "Breaking news of the storm reached the harbour council late on Tuesday, members said."),
        ("en", "The alerts went out to 3,000 homes before the barrier was closed."),
        ("de", "Die Eilmeldung über den Sturm erreichte den Stadtrat erst am Dienstagabend."),
    ],
)
def test_sentences_about_news_and_alerts_stay(lang, line):
    assert kept(clean(article(lang, middle=(line,)), only("prompts.social")), line)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_one_letter_network_label_goes_among_other_share_buttons(lang):
    result = clean(article(lang, "Facebook", "X", "LinkedIn"), only("prompts.social"))
    assert dropped_as(result, "X", Family.PROMPTS)
    assert dropped_as(result, "Facebook", Family.PROMPTS)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_lone_variable_of_a_flattened_formula_stays(lang):
    formula = ("Let f be the function defined by", "f(", "x", ") = 2", "x", "+ 1 for every real number.")
    result = clean(article(lang, middle=formula), only("prompts.social"))
    assert [line for line in result.lines if line == "x"] == ["x", "x"]
    assert all(kept(result, line) for line in formula)


# ---------------------------------------------------------------- error reports, empty comment sections, embeds

REPORT_AND_COMMENT_LINES = {
    "en": ["Report an error", "Suggest a correction", "No comments yet", "No Response so far", "View this post on Instagram"],
    "de": ["Fehler melden", "Fehler gefunden?", "Noch keine Kommentare", "Dein Kommentar muss noch freigegeben werden."],
    "pl": ["Zgłoś błąd na stronie", "odpowiedz", "wyślij komentarz", "Udostępnij na Facebooku"],
    "es": ["REPORTE UN ERROR", "Reportar un error"],
    "fr": ["Signaler une erreur"],
}
REPORT_AND_COMMENT_NEGATIVES = [
    "Residents can report an error in their tax bill to the harbour office, the council said on Tuesday.",
    "The ministry has given no response so far to the engineers' letter about the barrier.",
    "Der Stadtrat wollte Fehler melden, bevor der Bericht zum Hafen veröffentlicht wurde, sagte die Sprecherin.",
    "Ihr Kommentar wurde im Stadtrat heftig diskutiert, berichteten mehrere Anwohner am Abend.",
    "Rada miasta odpowiedziała na pytania mieszkańców dotyczące nowej zapory w porcie.",
]


@pytest.mark.parametrize("lang", sorted(REPORT_AND_COMMENT_LINES))
def test_error_report_buttons_comment_notes_and_embed_labels_are_prompts(lang):
    lines = REPORT_AND_COMMENT_LINES[lang]
    result = clean(article("en", *lines), only("prompts.social"))
    for line in lines:
        assert dropped_as(result, line, Family.PROMPTS), line


@pytest.mark.parametrize("line", REPORT_AND_COMMENT_NEGATIVES)
def test_sentences_about_errors_responses_and_comments_stay(line):
    assert kept(clean(article("de", middle=(line,)), only("prompts.social")), line)


@pytest.mark.parametrize(
    "lang, line",
    [
        ("en", "Copied!"),
        ("en", "Mail"),
        ("en", "Opens a new window"),
        ("en", "Order Reprints"),
        ("en", "Reprints"),
        ("en", "Almost done! Check your inbox to confirm your subscription."),
        ("en", "Great! Don't forget to share this with your colleagues."),
        ("de", "Liken"),
        ("de", "Lade …"),
        ("de", "(Wird in neuem Fenster geöffnet)"),
    ],
)
def test_share_button_labels_and_sign_up_confirmations_are_prompts(lang, line):
    assert dropped_as(clean(article(lang, line), only("prompts.social")), line, Family.PROMPTS)


@pytest.mark.parametrize(
    "line",
    [
        "Readers who do not confirm their subscription by Friday will lose access, the publisher said.",
        "The council sent the plans by mail to every household near the harbour last week.",
        "Die Lade des alten Schranks klemmte, erzählte die Ratsfrau.",
        "Reprints of the council's old harbour maps sold out within a day at the town hall shop.",
    ],
)
def test_sentences_near_those_labels_stay(line):
    assert kept(clean(article("en", middle=(line,)), only("prompts.social")), line)


@pytest.mark.parametrize(
    "lang, lines",
    [
        ("fr", ["Pour lire la suite", "et lire gratuitement 5 articles chaque mois,", "créez votre compte", "Vous avez déjà un compte ?"]),
        ("de", ["Noch 3 Gratis-Artikel diesen Monat.", "Sie haben bereits ein Konto?"]),
        ("en", ["Already have an account? Log in", "Create a free account to continue reading"]),
        ("es", ["¿Ya tienes una cuenta?", "Crea tu cuenta para seguir leyendo"]),
    ],
)
def test_paywall_and_account_notes_are_prompts(lang, lines):
    result = clean(article("en", *lines), only("prompts.social"))
    for line in lines:
        assert dropped_as(result, line, Family.PROMPTS), line


@pytest.mark.parametrize(
    "line",
    [
        "Wer bereits ein Konto bei der Sparkasse hat, kann den Antrag online stellen, sagte die Sprecherin.",
        "He paused to continue reading the statement to the council members in the packed hall.",
        "Pour lire la suite de ses mémoires, il faudra attendre la publication du second tome en 2025.",
    ],
)
def test_sentences_with_paywall_words_stay(line):
    assert kept(clean(article("de", middle=(line,)), only("prompts.social")), line)


@pytest.mark.parametrize(
    "line",
    [
        "Ja, ich habe die Datenschutzerklärung gelesen und stimme der Verarbeitung meiner Daten zu.",
        "Bitte bestätigen Sie vor dem Absenden, dass Sie die Datenschutzerklärung gelesen und akzeptiert haben.",
        "I have read and agree to the Privacy Policy.",
    ],
)
def test_privacy_consent_under_a_form_is_a_prompt(line):
    assert dropped_as(clean(article("de", line), only("prompts.social")), line, Family.PROMPTS)


def test_a_sentence_about_reading_privacy_policies_stays():
    line = "Kaum ein Nutzer hat die Datenschutzerklärung gelesen, zeigt eine neue Studie der Verbraucherzentrale."
    assert kept(clean(article("de", middle=(line,)), only("prompts.social")), line)


@pytest.mark.parametrize(
    "lang, line",
    [
        ("de", "Wie bewerten Sie diesen Artikel?"),
        ("de", "War der Artikel nützlich?"),
        ("de", "Sterne anklicken zum Bewerten"),
        ("en", "How would you rate this article?"),
        ("en", "Was this helpful?"),
    ],
)
def test_article_rating_widgets_are_prompts(lang, line):
    assert dropped_as(clean(article(lang, line), only("prompts.social")), line, Family.PROMPTS)


def test_a_sentence_about_rating_articles_stays():
    line = "Die Jury wird jeden Artikel bewerten, bevor der Preis im Mai im Rathaus verliehen wird."
    assert kept(clean(article("de", middle=(line,)), only("prompts.social")), line)


@pytest.mark.parametrize(
    "lang, line",
    [
        (
            "en",
            "Never miss a story again: enter your email below and new posts arrive in your inbox every morning. "
            "We send one confirmation message before the first letter, so look in your spam folder as well "
            "if nothing arrives within a few minutes of signing up.",
        ),
        ("de", "Trage deine E-Mail-Adresse ein, um diesem Blog zu folgen, und erhalte jede Woche eine Nachricht über neue Beiträge."),
    ],
)
def test_a_blogs_long_subscription_form_text_is_a_prompt(lang, line):
    assert len(line.split()) > 12
    assert dropped_as(clean(article(lang, line), only("prompts.social")), line, Family.PROMPTS)


@pytest.mark.parametrize(
    "lang, line",
    [
        ("en", "Thanks for signing up! Look out for our first edition in your inbox."),
        ("en", "Thank you for subscribing."),
        ("en", "Subscribe now for unlimited access to every story."),
        ("en", "Subscribers only"),
        ("en", "It looks like you are using an outdated browser: some features of this site may not work."),
        ("de", "Vielen Dank für Ihre Anmeldung! Sie erhalten in Kürze eine E-Mail zur Bestätigung."),
        ("de", "Leider nutzen Sie einen veralteten Browser, mit dem nicht alle Funktionen der Seite zur Verfügung stehen."),
    ],
)
def test_sign_up_thanks_paywall_and_old_browser_notes_are_prompts(lang, line):
    assert dropped_as(clean(article(lang, line), only("prompts.social")), line, Family.PROMPTS)


@pytest.mark.parametrize(
    "line",
    [
        "Thanks to the volunteers signing up at the harbour office, the flood barrier survey finished early.",
        "The museum offers its members unlimited access to the archive, the director said on Tuesday.",
        "Many schools still run their exams on computers with a badly outdated browser, the inspectors found in their report.",
        "Die Schule arbeitet noch mit einem veralteten Betriebssystem, wie die Prüfer in ihrem Bericht festhielten.",
    ],
)
def test_sentences_with_those_words_stay(line):
    assert kept(clean(article("en", middle=(line,)), only("prompts.social")), line)


# a newsletter box inside the article: its name, a pitch worded as the site likes, its button
SIGN_UP_BOXES = {
    "en": ["Evening Digest", "The day's five most important stories, sent to your inbox at six every weekday.", "Sign up"],
    "de": ["Der Morgen-Überblick", "Die wichtigsten Nachrichten aus der Region jeden Morgen in Ihrem Postfach.", "Jetzt abonnieren"],
    "fr": ["Le Récap du soir", "Recevez chaque soir notre infolettre avec l'essentiel de l'actualité régionale.", "Je m'abonne"],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_newsletter_box_goes_with_its_pitch_and_name(lang):
    result = clean(article(lang, middle=tuple(SIGN_UP_BOXES[lang])), only("prompts.social"))
    for line in SIGN_UP_BOXES[lang]:
        assert dropped_as(result, line, Family.PROMPTS), line
    assert all(kept(result, line) for line in BODY[lang])


@pytest.mark.parametrize(
    "lines",
    [
        # a sentence over a sign-up button that names no inbox or newsletter is the article's
        ["The council will publish the plans on its website next week.", "Subscribe"],
        # an inbox named far from any button, or in a long paragraph
        [
            "Residents said their inbox filled with complaints after the storm damaged the harbour wall.",
            *[f"Residents of street {n} met the council." for n in range(4)],
            "Sign up",
        ],
    ],
)
def test_lines_over_a_button_that_are_no_pitch_stay(lines):
    result = clean(article("en", *lines), only("prompts.social"))
    assert kept(result, lines[0])


LONG_CONSENTS = [
    "Ja, ich habe die Datenschutzerklärung gelesen und bin damit einverstanden, dass meine Angaben aus dem Formular zur "
    "Bearbeitung meiner Anfrage und für mögliche Anschlussfragen elektronisch erhoben und gespeichert werden. Meine Daten "
    "werden dabei nur streng zweckgebunden verwendet und nicht ohne meine Einwilligung an Dritte weitergegeben. Ich kann "
    "diese Einwilligung jederzeit für die Zukunft per E-Mail an den Betreiber der Seite widerrufen.",
    "I have read and agree to the Privacy Policy and consent to the storage and processing of the details I entered in "
    "this form for the purpose of answering my request and any questions that follow from it. My details will not be "
    "passed on to third parties without my consent, and I can withdraw this consent at any time by writing to the "
    "operator of the site.",
]


@pytest.mark.parametrize("line", LONG_CONSENTS)
def test_a_long_consent_note_under_a_form_is_a_prompt(line):
    assert len(line.split()) > 40
    assert dropped_as(clean(article("de", line), only("prompts.social")), line, Family.PROMPTS)
