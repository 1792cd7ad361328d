"""Phrase lexicons: lists of multilingual phrases kept as data in resources/lexicons/*.toml.

A lexicon file has up to three lists, matched against a line's *key* (case-folded, quotes made
plain, spacing collapsed, bullets and punctuation trimmed from both ends):
    equal    - the whole line is the phrase ("Advertisement", "Alle akzeptieren")
    start    - the line starts with the phrase, as whole words ("Also read", "Lesen Sie auch")
    contains - the phrase occurs anywhere, as whole words ("uses cookies", "folgen sie uns")
Further lists (any other name) are free for the rule that owns the file to read through `extra`.

`start` and `contains` compare word sequences (punctuation between words is ignored), through an
index from a phrase's first word: a few dictionary look-ups per line, however long the list.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

from winnow import resources

_QUOTES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                         "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u00ad": None, "\u200b": None, "\ufeff": None})
_EDGE = " \t\"'()[]{}<>*•·▪►▸›‹»«|/\\-–—_=+~^#.,;:!?¡¿…\u2022\u25cf\u25aa"
WORD = re.compile(r"\w+")


_SPECIAL = re.compile("[’‘´`“”„«»\u00a0\u2009\u202f\u00ad\u200b\ufeff]")


def key(line: str) -> str:
    """The form a lexicon matches: case-folded, plain quotes, one space between words, no edge punctuation."""
    text = line.translate(_QUOTES) if _SPECIAL.search(line) else line  # translate is slow; most lines need none
    text = text.casefold()
    return " ".join(text.split()).strip(_EDGE)


def alternation(items: list[str]) -> str:
    """A lexicon list as a regex alternation, longest first, spaces matching any spacing."""
    return "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


def first_words(items: list[str]) -> frozenset[str]:
    """The first word of each phrase (case-folded): a line starting with another word holds none of them at its start."""
    return frozenset(seq[0] for item in items if (seq := words(item.casefold())))


def words(text: str) -> tuple[str, ...]:
    """The word sequence phrases are compared on (letters and digits; punctuation separates)."""
    return tuple(WORD.findall(text))


class PhraseIndex:
    """Phrases as word sequences, indexed by their first word (for `starts`) and their longest word (for `finds`).

    The longest word ("newsletter", "notifications") is rare in ordinary prose, so for most lines one
    set test in C rules every phrase out.
    """

    def __init__(self, phrases: list[str]):
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.by_anchor: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for phrase in phrases:
            seq = words(key(phrase))
            if seq:
                self.by_first.setdefault(seq[0], []).append(seq)
                anchor = max(range(len(seq)), key=lambda n: len(seq[n]))
                self.by_anchor.setdefault(seq[anchor], []).append((seq, anchor))
        for candidates in self.by_first.values():
            candidates.sort(key=len, reverse=True)  # longest first: "related posts" before "related"
        for anchored in self.by_anchor.values():
            anchored.sort(key=lambda item: len(item[0]), reverse=True)
        self.anchors = frozenset(self.by_anchor)

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def at(self, seq: tuple[str, ...], i: int) -> tuple[str, ...] | None:
        for phrase in self.by_first.get(seq[i], ()):
            if seq[i : i + len(phrase)] == phrase:
                return phrase
        return None

    def starts(self, seq: tuple[str, ...]) -> tuple[str, ...] | None:
        return self.at(seq, 0) if seq else None

    def finds(self, seq: tuple[str, ...]) -> tuple[str, ...] | None:
        if self.anchors.isdisjoint(seq):  # most lines: one pass in C rules every phrase out
            return None
        by_anchor = self.by_anchor
        for i, word in enumerate(seq):
            for phrase, offset in by_anchor.get(word, ()):
                start = i - offset
                if start >= 0 and seq[start : start + len(phrase)] == phrase:
                    return phrase
        return None


@dataclass(frozen=True)
class Lexicon:
    name: str
    equal: frozenset[str] = frozenset()
    start: PhraseIndex = field(default_factory=lambda: PhraseIndex([]))
    contains: PhraseIndex = field(default_factory=lambda: PhraseIndex([]))
    extra: dict[str, list[str]] = field(default_factory=dict)
    equal_first_words: frozenset[str] = frozenset()  # the first words of the `equal` phrases: other lines need no key

    def match(self, line_key: str) -> str | None:
        """The phrase that matches the key, or None."""
        if line_key in self.equal:
            return line_key
        return self.starts(line_key) or self.finds(line_key)

    def starts(self, line_key: str) -> str | None:
        found = self.start.starts(words(line_key)) if self.start else None
        return " ".join(found) if found else None

    def finds(self, line_key: str) -> str | None:
        found = self.contains.finds(words(line_key)) if self.contains else None
        return " ".join(found) if found else None


def build(name: str, data: dict[str, list[str]]) -> Lexicon:
    equal = frozenset(k for k in (key(p) for p in data.get("equal", [])) if k)
    extra = {k: v for k, v in data.items() if k not in ("equal", "start", "contains")}
    firsts = frozenset(seq[0] for item in equal if (seq := words(item)))
    return Lexicon(name, equal, PhraseIndex(data.get("start", [])), PhraseIndex(data.get("contains", [])), extra, firsts)


@lru_cache(maxsize=None)
def lexicon(name: str) -> Lexicon:
    """The lexicon resources/lexicons/<name>.toml, parsed once."""
    data = tomllib.loads(resources.read_text(f"lexicons/{name}.toml"))
    return build(name, {k: list(v) for k, v in data.items() if isinstance(v, list)})


def user_lexicon_folder() -> Path:
    """Where a user adds or extends lexicons without editing code (e.g. ~/.config/winnow/lexicons on Linux)."""
    return user_config_path("winnow", appauthor=False) / "lexicons"


def language_lexicons(kind: str) -> dict[str, dict[str, Any]]:
    """The per-language lexicons of a kind (`lexicons/<kind>/<language>.toml`), Winnow's own first, then the
    user's (a user file for a language Winnow has adds to its lists; for a new language, it is the list)."""
    found: dict[str, dict[str, Any]] = {}
    shipped = resources.resource(f"lexicons/{kind}")
    files = [(f.name, f.read_text(encoding="utf-8")) for f in sorted(shipped.iterdir(), key=lambda f: f.name) if f.name.endswith(".toml")]
    user = user_lexicon_folder() / kind
    if user.is_dir():
        files += [(f.name, f.read_text(encoding="utf-8")) for f in sorted(user.glob("*.toml"))]
    for name, text in files:
        language = name.removesuffix(".toml")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"lexicon {kind}/{name}: not valid TOML: {exc}") from None
        merged = found.setdefault(language, {})
        for key_name, value in data.items():
            if isinstance(value, list) and isinstance(merged.get(key_name), list) and key_name != "months":
                merged[key_name] = merged[key_name] + value
            elif key_name == "months" and key_name in merged:
                merged[key_name] = [list(a) + list(b) for a, b in zip(merged[key_name], value)]
            else:
                merged[key_name] = value
    return found
