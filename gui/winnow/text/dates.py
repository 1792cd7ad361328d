"""Dates as pages print them, in English, German, French, Spanish, Italian, Portuguese and Dutch.

`standalone_date(line)` answers whether a line is nothing but a date (with the usual "Published:",
weekday, time and time zone around it) and gives it as ISO 8601: YYYY-MM-DD when the day is known,
YYYY-MM when only the month is.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {}
_NAMES = {
    1: "january jan januar jänner jaenner janvier janv enero ene gennaio gen janeiro januari",
    2: "february feb febr februar février fevrier févr fevr febrero febbraio fevereiro fev februari",
    3: "march mar märz maerz mär mars marzo março marco maart mrt",
    4: "april apr avril avr abril aprile",
    5: "may mai mayo maggio mag maio mei",
    6: "june jun juni juin junio giugno giu junho",
    7: "july jul juli juillet juil julio luglio lug julho",
    8: "august aug août aout agosto ago augustus",
    9: "september sep sept septembre septiembre setiembre settembre set setembro",
    10: "october oct okt oktober octobre octubre ottobre ott outubro out",
    11: "november nov novembre noviembre novembro",
    12: "december dec dez dezember décembre decembre déc diciembre dic dicembre dezembro",
}
for _number, _words in _NAMES.items():
    for _word in _words.split():
        MONTHS[_word] = _number

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|e|º|°|\.)?"

PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d.]\d)"), "dmy."),
    (re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])"), "dmy/"),
    (re.compile(rf"(?<!\w)(\d{{1,2}}){_DAY_SUFFIX}\s*(?:de\s+|of\s+)?({_MONTH})\.?,?\s+(?:de\s+|del\s+)?(\d{{4}})(?!\d)", re.IGNORECASE), "d-name-y"),
    (re.compile(rf"(?<!\w)({_MONTH})\.?\s+(\d{{1,2}}){_DAY_SUFFIX},?\s+(\d{{4}})(?!\d)", re.IGNORECASE), "name-d-y"),
    (re.compile(rf"(?<!\w)({_MONTH})\.?,?\s+(?:de\s+)?(\d{{4}})(?!\d)", re.IGNORECASE), "name-y"),
]

_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so "
    "lundi mardi mercredi jeudi vendredi samedi dimanche lun mar mer jeu ven sam dim "
    "lunes martes miércoles miercoles jueves viernes sábado sabado domingo "
    "lunedì martedì mercoledì giovedì venerdì sabato domenica segunda terça quarta quinta sexta "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"
)
_PREFIXES = (
    "published publ posted updated last update modified created date dated on at the of "
    "veröffentlicht publiziert aktualisiert erstellt geändert zuletzt stand datum am um vom uhr "
    "publié publie mis à a jour le la du "
    "publicado actualizado actualización fecha el de del a las "
    "pubblicato aggiornato il alle atualizado em gepubliceerd bijgewerkt op om"
)
FILLER = frozenset(_WEEKDAYS.split()) | frozenset(_PREFIXES.split())
TIME = re.compile(r"(?<!\d)\d{1,2}(?:[:.h]\d{2}){1,2}(?:\s*(?:am|pm|a\.\s?m\.|p\.\s?m\.|uhr|h))?(?!\d)|(?<!\d)\d{1,2}\s*(?:am|pm|uhr|h)(?!\w)", re.IGNORECASE)
ZONE = re.compile(r"(?<!\w)(?:utc|gmt|cet|cest|mez|mesz|ist|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|wib|jst|aest|aedt|[+-]\d{2}:?\d{2})(?!\w)", re.IGNORECASE)
DIGIT = re.compile(r"\d")
WORDS = re.compile(r"[^\W\d_]+")
NAMED_KINDS = ("d-name-y", "name-d-y", "name-y")
REST_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _valid(year: int, month: int, day: int | None) -> bool:
    if not (1 <= month <= 12 and 1900 <= year <= 2100):
        return False
    if day is None:
        return True
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _year(text: str) -> int:
    y = int(text)
    return y + (2000 if y < 70 else 1900) if len(text) == 2 else y


def _iso(year: int, month: int, day: int | None) -> str:
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def find_date(text: str, month_first: bool = False) -> tuple[str, re.Match[str]] | None:
    """The first date in `text` as ISO 8601, with its match; `month_first` reads 03/04/2020 as March 4."""
    named = not MONTHS.keys().isdisjoint(WORDS.findall(text.casefold()))
    for pattern, kind in PATTERNS:
        if kind in NAMED_KINDS and not named:  # the month-name patterns are slow; most lines name no month
            continue
        m = pattern.search(text)
        if not m:
            continue
        g = m.groups()
        if kind == "ymd":
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        elif kind in ("dmy.", "dmy/"):
            a, b, y = int(g[0]), int(g[1]), _year(g[2])
            # day first, as most of the world writes it; US pages (month_first) write 12/06 for December 6
            d, mo = (b, a) if (month_first and kind == "dmy/" and a <= 12) or b > 12 else (a, b)
        elif kind == "d-name-y":
            d, mo, y = int(g[0]), MONTHS[g[1].casefold()], int(g[2])
        elif kind == "name-d-y":
            mo, d, y = MONTHS[g[0].casefold()], int(g[1]), int(g[2])
        else:
            mo, d, y = MONTHS[g[0].casefold()], None, int(g[1])
        if _valid(y, mo, d):
            return _iso(y, mo, d), m
    return None


def standalone_date(line: str, month_first: bool = False) -> str | None:
    """ISO date when the line is only a date (plus prefixes like 'Published:', weekday, time, zone)."""
    if len(line) > 80 or not DIGIT.search(line):
        return None
    found = find_date(line, month_first)
    if found is None:
        return None
    iso, m = found
    rest = line[: m.start()] + " " + line[m.end() :]
    rest = ZONE.sub(" ", TIME.sub(" ", rest))
    for word in REST_WORD.findall(rest):
        if word.casefold() not in FILLER:
            return None
    if re.search(r"\d", rest):
        return None
    return iso
