"""Helpers for the built-in rule tests (test_rules_*.py): short articles in four languages and ways to clean them."""

from __future__ import annotations

from winnow.core.model import Cleaned, Document, Family, Removal
from winnow.pipeline import Cleaner
from winnow.recipe import Recipe

# Article paragraphs to put the lines under test in context: rules judge lines against a body.
BODY = {
    "en": [
        "The harbour council voted on Tuesday to approve a budget of 40 million euros for a new flood barrier after two winters of storm damage.",
        "Councillor Maria Jensen said the barrier would protect about 3,000 homes and the fish market, which flooded twice last year.",
        "Work on the flood barrier is due to start in spring and finish within three years, according to the council's planning office.",
        "Residents can comment on the plans at the town hall until the end of the month, the council said in a statement on Tuesday.",
    ],
    "de": [
        "Der Stadtrat hat am Dienstag ein Budget von 40 Millionen Euro für eine neue Hochwassersperre am Hafen beschlossen.",
        "Ratsfrau Maria Jensen sagte, die Sperre schütze rund 3000 Wohnungen und den Fischmarkt, der im vergangenen Jahr zweimal überflutet wurde.",
        "Die Arbeiten an der Hochwassersperre sollen im Frühjahr beginnen und nach Angaben des Planungsamts in drei Jahren abgeschlossen sein.",
        "Anwohner können die Pläne bis Ende des Monats im Rathaus einsehen und kommentieren, teilte die Stadt am Dienstag in einer Erklärung mit.",
    ],
    "fr": [
        "Le conseil municipal a approuvé mardi un budget de 40 millions d'euros pour une nouvelle digue contre les inondations du port.",
        "La conseillère Maria Jensen a déclaré que la digue protégerait environ 3000 logements et le marché aux poissons, inondé deux fois l'an dernier.",
        "Les travaux de la digue doivent commencer au printemps et se terminer dans trois ans, selon le service d'urbanisme de la ville.",
        "Les habitants peuvent consulter les plans à la mairie jusqu'à la fin du mois, a indiqué la ville mardi dans un communiqué.",
    ],
    "es": [
        "El ayuntamiento aprobó el martes un presupuesto de 40 millones de euros para una nueva barrera contra las inundaciones del puerto.",
        "La concejala Maria Jensen dijo que la barrera protegerá unas 3000 viviendas y el mercado de pescado, que se inundó dos veces el año pasado.",
        "Las obras de la barrera comenzarán en primavera y terminarán en tres años, según la oficina de planificación del ayuntamiento.",
        "Los vecinos pueden consultar los planos en el ayuntamiento hasta final de mes, informó la ciudad el martes en un comunicado.",
    ],
}
TITLE = {
    "en": "Harbour council approves flood barrier budget",
    "de": "Stadtrat beschließt Budget für Hochwassersperre",
    "fr": "Le conseil approuve le budget de la digue",
    "es": "El ayuntamiento aprueba la barrera contra inundaciones",
}


def document(lines: list[str], source: str = "t/article.txt", fmt: str = "text") -> Document:
    return Document(source=source, format=fmt, content="\n".join(lines), lines=list(lines))


def clean(lines: list[str], recipe: Recipe | None = None, fmt: str = "text") -> Cleaned:
    """Clean with every built-in rule (or the given recipe)."""
    return Cleaner(recipe or Recipe()).clean(document(lines, fmt=fmt))


def only(rule_id: str, **values) -> Recipe:
    """A recipe with only `rule_id` on (and its parameters set), to test one rule alone."""
    from winnow.rules import BUILTIN_RULES

    recipe = Recipe()
    for cls in BUILTIN_RULES:
        if cls.id != rule_id:
            recipe = recipe.with_enabled(cls.id, False)
    for name, value in values.items():
        recipe = recipe.with_value(rule_id, name, value)
    return recipe


def article(lang: str, *extra: str, before: tuple[str, ...] = (), middle: tuple[str, ...] = ()) -> list[str]:
    """Title, lines `before` the body, the body with `middle` lines inside it, then `extra` lines after it."""
    body = BODY[lang]
    return [TITLE[lang], *before, body[0], *middle, *body[1:], *extra]


def removal_of(result: Cleaned, text: str) -> Removal | None:
    """The removal of the (first) line equal to `text`; fails when no line is."""
    for line, removal in zip(result.lines, result.removals):
        if line == text:
            return removal
    raise AssertionError(f"no line {text!r} in the document")


def dropped_as(result: Cleaned, text: str, family: Family) -> bool:
    removal = removal_of(result, text)
    return removal is not None and removal.family is family


def kept(result: Cleaned, text: str) -> bool:
    return removal_of(result, text) is None


def kept_lines(result: Cleaned) -> list[str]:
    return [line for line, removal in zip(result.lines, result.removals) if removal is None and line.strip()]


def assert_dropped_after_article(
    lang: str, lines: list[str], family: Family, recipe: Recipe | None = None, middle: tuple[str, ...] = (), article_stays: bool = True
) -> None:
    """`lines` put after the article (and `middle` inside it) are all dropped as `family`; the article stays."""
    result = clean(article(lang, *lines, middle=middle), recipe)
    for line in lines:
        assert dropped_as(result, line, family), line
    if article_stays:
        assert all(kept(result, line) for line in article(lang))


def assert_sentences_stay(lang: str, sentences: list[str], recipe: Recipe | None = None) -> None:
    """Article sentences that merely look like junk (put inside the body) are kept."""
    result = clean(article(lang, middle=tuple(sentences)), recipe)
    for sentence in sentences:
        assert kept(result, sentence), sentence
