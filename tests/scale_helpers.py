"""A generated corpus for the scale tests: text, HTML and JSONL in several languages, with the junk the
rules remove (ads, cookie banners, prompts, bylines), so that cleaning does real work on every document."""

from __future__ import annotations

import json
import random
from pathlib import Path

ARTICLE = {
    "en": [
        "The council approved the new budget after a long debate on Tuesday evening.",
        "Residents had asked for more money for schools, roads and the local library.",
        "The mayor said the plan would be reviewed again in the spring, when the figures are known.",
    ],
    "de": [
        "Der Gemeinderat hat am Dienstagabend nach langer Debatte den neuen Haushalt beschlossen.",
        "Die Anwohner hatten mehr Geld für Schulen, Straßen und die Stadtbibliothek gefordert.",
        "Der Bürgermeister sagte, der Plan werde im Frühjahr erneut geprüft, wenn die Zahlen vorliegen.",
    ],
    "fr": [
        "Le conseil municipal a adopté le nouveau budget mardi soir après un long débat.",
        "Les habitants avaient demandé davantage de moyens pour les écoles, les routes et la bibliothèque.",
        "Le maire a indiqué que le plan serait réexaminé au printemps, une fois les chiffres connus.",
    ],
}
JUNK = {
    "en": ["ADVERTISEMENT", "Share on Facebook", "Subscribe to our newsletter", "We use cookies to improve your experience. Accept all"],
    "de": ["ANZEIGE", "Auf Facebook teilen", "Jetzt Newsletter abonnieren", "Wir verwenden Cookies. Alle akzeptieren"],
    "fr": ["PUBLICITÉ", "Partager sur Facebook", "Abonnez-vous à notre newsletter", "Nous utilisons des cookies. Tout accepter"],
}


def page_lines(rng: random.Random, language: str, n: int) -> list[str]:
    body = [f"{sentence} ({n}.{i})" for i, sentence in enumerate(rng.sample(ARTICLE[language], 3))]
    junk = rng.sample(JUNK[language], 2)
    return [f"Headline number {n}", junk[0], *body, junk[1]]


def html_page(lines: list[str]) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in lines[1:])
    return (
        f"<!DOCTYPE html><html><head><title>{lines[0]}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{lines[0]}</h1>{paragraphs}</article>"
        f"<footer>© Example Media</footer></body></html>"
    )


def make_corpus(root: Path, files: int = 40, seed: int = 7) -> Path:
    """`files` text and HTML files in nested folders plus one JSONL file of records."""
    rng = random.Random(seed)
    languages = sorted(ARTICLE)
    for n in range(files):
        language = languages[n % len(languages)]
        lines = page_lines(rng, language, n)
        folder = root / language / f"batch{n % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        if n % 2:
            (folder / f"page{n}.html").write_text(html_page(lines), encoding="utf-8")
        else:
            (folder / f"doc{n}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (root / "feed.jsonl").open("w", encoding="utf-8") as feed:
        for n in range(files, files + 12):
            lines = page_lines(rng, languages[n % len(languages)], n)
            feed.write(json.dumps({"url": f"https://example.org/{n}", "title": lines[0], "text": "\n".join(lines)}) + "\n")
    return root


def streaming_recipe(path: Path) -> Path:
    """The default recipe without the corpus stages (site templates, document rules, near-duplicates), so
    `winnow clean` streams its export while the workers clean, as `--dask` always does."""
    from winnow.rules.documents import CORPUS_RULES
    from winnow.rules.templates import SiteTemplates

    path.write_text("schema = 1\n" + "".join(f'[rules."{rule.id}"]\nenabled = false\n' for rule in (*CORPUS_RULES, SiteTemplates)), encoding="utf-8")
    return path


WORDS = (
    "river market school winter garden council station harbour museum festival bridge library village teacher "
    "engineer farmer orchestra football election hospital forest mountain railway bakery theatre painter "
    "tourism weather harvest factory airport newspaper"
).split()
SITE_TEMPLATE = ["Example Gazette · Home · Politics · Sport · Culture", "© Example Gazette. All rights reserved."]


def add_site(root: Path, pages: int = 12, seed: int = 3) -> Path:
    """A folder of text pages from one site: each its own article (random sentences, so no two are copies)
    between the same menu and footer lines, which the site-template rule should drop."""
    rng = random.Random(seed)
    folder = root / "gazette"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(pages):
        sentences = [" ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + "." for _ in range(8)]
        (folder / f"story{n:02d}.txt").write_text("\n".join([SITE_TEMPLATE[0], f"Story {n}", *sentences, SITE_TEMPLATE[1]]) + "\n", encoding="utf-8")
    return folder
