"""Bylines: 'By Press Trust of India', 'Von Max Muster und Erika Beispiel', 'Par Jean Dupont | AFP'.

The prefixes and name particles are lexicon data (the furniture lexicon's `byline_prefixes` and
`name_particles`); this module turns them into one pattern and reads the names out of a line.
"""

from __future__ import annotations

import regex

from winnow.text.lexicon import Lexicon, Lexicons, alternation, words

MAX_BYLINE_WORDS = 14
AUTHORS_REMEMBERED = 4096


NAME_WORD = r"(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.)"


def name_pattern(particles: list[str]) -> str:
    """One person's or agency's name: capitalised words, with particles ('van der', 'de la') between them."""
    return rf"{NAME_WORD}(?:\s+(?:(?:{alternation(particles)})\s+)*{NAME_WORD}){{0,4}}"


class Bylines:
    """Finds the author names in byline lines; built once from the furniture lexicon."""

    def __init__(self, furniture: Lexicon):
        prefixes = furniture.extra["byline_prefixes"]
        name = name_pattern(furniture.extra["name_particles"])
        names = rf"{name}(?:\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*{name}){{0,3}}"
        self.pattern = regex.compile(rf"^\W*(?i:{alternation(prefixes)})\s*:?\s+(?P<names>{names})\s*(?:[,|/–—-]\s*(?P<agency>{name})\s*)?\W*$")
        self.prefixes = frozenset(p.casefold() for p in prefixes)  # a label alone on its line ('Von', 'By:')
        self.first_words = frozenset(seq[0] for item in prefixes if (seq := words(item.casefold())))
        # the analyse stage and the furniture rule ask about the same lines: answered once (a dict, which pickles with
        # the analysis, forgotten when full)
        self._authors: dict[str, str | None] = {}

    @classmethod
    def of(cls, lexicons: Lexicons) -> Bylines:
        """The byline reader of these lexicons (their furniture lexicon), built once."""
        return lexicons.derived(_from_lexicons)

    def author(self, line: str) -> str | None:
        """The names in a byline ('By Press Trust of India' -> 'Press Trust of India'), or None."""
        if line in self._authors:
            return self._authors[line]
        if len(self._authors) >= AUTHORS_REMEMBERED:
            self._authors.clear()
        found = self._authors[line] = self._author(line)
        return found

    def _author(self, line: str) -> str | None:
        if len(line.split()) > MAX_BYLINE_WORDS:
            return None
        m = self.pattern.match(line.strip())
        return " ".join(m.group("names").split()) if m else None


def _from_lexicons(lexicons: Lexicons) -> Bylines:
    return Bylines(lexicons.get("furniture"))
