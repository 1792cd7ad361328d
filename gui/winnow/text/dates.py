"""Dates as pages print them, in every language of resources/lexicons/dates/ (English, German, French, Spanish,
Italian, Portuguese and Dutch) and of the user's lexicon folder.

`standalone_date(line)` answers whether a line is nothing but a date (with the usual "Published:",
weekday, time and time zone around it) and gives it as ISO 8601: YYYY-MM-DD when the day is known,
YYYY-MM when only the month is.
"""

from __future__ import annotations

import re
from datetime import date

from winnow.kernel.facts_py import DATE_HINT
from winnow.text.lexicon import Lexicons, alternation

_DAY_SUFFIX = r"(?:st|nd|rd|th|er|e|º|°|\.)?"
NUMERIC_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d.]\d)"), "dmy."),
    (re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])"), "dmy/"),
]
# the character every match of each numeric pattern holds: a text without it is not searched
NUMERIC_MARKS = {"ymd": "-", "dmy.": ".", "dmy/": "/"}
TIME = re.compile(r"(?<!\d)\d{1,2}(?:[:.h]\d{2}){1,2}(?:\s*(?:am|pm|a\.\s?m\.|p\.\s?m\.|uhr|h))?(?!\d)|(?<!\d)\d{1,2}\s*(?:am|pm|uhr|h)(?!\w)", re.IGNORECASE)
ZONE = re.compile(r"(?<!\w)(?:utc|gmt|cet|cest|mez|mesz|ist|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|wib|jst|aest|aedt|[+-]\d{2}:?\d{2})(?!\w)", re.IGNORECASE)
DIGIT = re.compile(r"\d")
# DATE_HINT (winnow.kernel.facts_py, where the analyse stage's kernel finds it too): what every date pattern above and
# below needs, a four-digit year or a day and month joined by '.' or '/'; most lines with digits ('12 Kommentare',
# '3 min') have neither and are ruled out by this one cheap search
WORDS = re.compile(r"[^\W\d_]+")
DATES_REMEMBERED = 4096
DATE_CHARS = 80  # a longer line is no standalone date
NAMED_KINDS = ("d-name-y", "name-d-y", "name-y")
_UNKNOWN = object()  # (a line not remembered)
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


def month_alternation(names: list[str], as_trie: bool = True) -> str:
    """The month names as a regex alternation that tries the longer names first (a line's "märz" before "mär").

    As a trie (`lexicon.alternation`): the plain alternation makes the regex engine try every name at every position of
    a line (100 names, twenty microseconds a line); the trie tries only the names that go on matching, so the same name
    matches. Names not all letters keep the plain alternation."""
    ordered = sorted(names, key=len, reverse=True)
    if not as_trie or not all(name.isalpha() for name in ordered):
        return "|".join(ordered)
    return alternation(ordered)


class DateReader:
    """Dates in the languages of the dates lexicons (`dates/<language>.toml` of every lexicon folder): month names
    (-> number) and the words that may stand around a date. Built once per Lexicons (`DateReader.of(lexicons)`)."""

    def __init__(self, months: dict[str, int], filler: frozenset[str], month_trie: bool = True):
        self.months = months
        self.filler = filler
        month = month_alternation(list(months), month_trie) or r"(?!x)x"
        self.patterns: list[tuple[re.Pattern[str], str]] = NUMERIC_PATTERNS + [
            (re.compile(rf"(?<!\w)(\d{{1,2}}){_DAY_SUFFIX}\s*(?:de\s+|of\s+)?({month})\.?,?\s+(?:de\s+|del\s+)?(\d{{4}})(?!\d)", re.IGNORECASE), "d-name-y"),
            (re.compile(rf"(?<!\w)({month})\.?\s+(\d{{1,2}}){_DAY_SUFFIX},?\s+(\d{{4}})(?!\d)", re.IGNORECASE), "name-d-y"),
            (re.compile(rf"(?<!\w)({month})\.?,?\s+(?:de\s+)?(\d{{4}})(?!\d)", re.IGNORECASE), "name-y"),
        ]
        # the analyse stage and the furniture rule ask about the same lines ("Stand: 26.10.2021"): answered once (a dict by
        # month_first of dicts by line, which pickle with the analysis, each forgotten when full); a line remembered is
        # answered before the date hint's search, which it passed
        self._standalone: dict[bool, dict[str, str | None]] = {False: {}, True: {}}

    @classmethod
    def of(cls, lexicons: Lexicons) -> DateReader:
        """The date reader for these lexicons, built once."""
        return lexicons.derived(cls.from_lexicons)

    @classmethod
    def from_lexicons(cls, lexicons: Lexicons) -> DateReader:
        months: dict[str, int] = {}
        filler: set[str] = set()
        for language, data in lexicons.by_language("dates").items():
            names = data.get("months", [])
            if len(names) != 12:
                raise ValueError(f"lexicon dates/{language}.toml: months must list the 12 months, not {len(names)}")
            for number, words in enumerate(names, 1):
                for word in words:
                    months.setdefault(word.casefold(), number)
            filler.update(w.casefold() for w in data.get("weekdays", []) + data.get("prefixes", []))
        return cls(months, frozenset(filler))

    def find_date(self, text: str, month_first: bool = False) -> tuple[str, re.Match[str]] | None:
        """The first date in `text` as ISO 8601, with its match; `month_first` reads 03/04/2020 as March 4."""
        named = not self.months.keys().isdisjoint(WORDS.findall(text.casefold()))
        for pattern, kind in self.patterns:
            if kind in NAMED_KINDS and not named:  # the month-name patterns are slow; most lines name no month
                continue
            if NUMERIC_MARKS.get(kind, "") not in text:
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
                d, mo, y = int(g[0]), self.months[g[1].casefold()], int(g[2])
            elif kind == "name-d-y":
                mo, d, y = self.months[g[0].casefold()], int(g[1]), int(g[2])
            else:
                mo, d, y = self.months[g[0].casefold()], None, int(g[1])
            if _valid(y, mo, d):
                return _iso(y, mo, d), m
        return None

    def standalone_date(self, line: str, month_first: bool = False) -> str | None:
        """ISO date when the line is only a date (plus prefixes like 'Published:', weekday, time, zone)."""
        known = self._standalone[True if month_first else False]
        found = known.get(line, _UNKNOWN)
        if found is not _UNKNOWN:
            return found  # type: ignore[return-value]
        if len(line) > DATE_CHARS or not DATE_HINT.search(line):
            return None
        if len(known) >= DATES_REMEMBERED:
            known.clear()
        found = known[line] = self._standalone_date(line, month_first)
        return found

    def _standalone_date(self, line: str, month_first: bool) -> str | None:
        found = self.find_date(line, month_first)
        if found is None:
            return None
        iso, m = found
        rest = line[: m.start()] + " " + line[m.end() :]
        if DIGIT.search(rest):  # (every time holds a digit)
            rest = TIME.sub(" ", rest)
        rest = ZONE.sub(" ", rest)
        for word in REST_WORD.findall(rest):
            if word.casefold() not in self.filler:
                return None
        if DIGIT.search(rest):
            return None
        return iso


def standalone_date(line: str, month_first: bool = False) -> str | None:
    """`DateReader.standalone_date` with the process's shared lexicons (for callers not handed a Lexicons)."""
    return DateReader.of(Lexicons.shared()).standalone_date(line, month_first)
