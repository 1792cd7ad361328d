"""Phrase lexicons: word and phrase lists kept as data in resources/lexicons/ (and the user's lexicon folder).

`Lexicons` is every lexicon of a run, read once (by whoever builds the pipeline) and handed to the stages
and rules; `Lexicons.get(name)` is one `Lexicon`. A lexicon `name` is `name.toml` (language-neutral or
multilingual lists) plus `name/<language>.toml` (ISO 639-1) for the words of one language; every folder
on the search path (Winnow's own, then the user's) adds to the lists. See docs/rules.md.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources.abc import Traversable
from itertools import repeat
from operator import add
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import regex
from platformdirs import user_config_path

from winnow import resources
from winnow.kernel import casefold_lines
from winnow.kernel.facts_py import EDGE, OTHER_SPACES, QUOTES, single_spaced
from winnow.text.words import words

# the key's definitions live beside the compiled kernel that keys a page in one pass (winnow.kernel.facts_py)
_QUOTES = str.maketrans({special: plain or None for special, plain in QUOTES.items()})
_EDGE = EDGE


KEYS_REMEMBERED = 8192
REMEMBER_CHARS = 200  # lines up to this long: menus, labels, buttons, headlines
_SPECIAL = re.compile(f"[{''.join(map(re.escape, QUOTES))}]")


def key(line: str) -> str:
    """The form a lexicon matches: case-folded, plain quotes, one space between words, no edge punctuation.

    Short lines' keys are remembered (the last KEYS_REMEMBERED): the detector asks again for lines the
    analysis keyed, and menus, buttons and footers repeat from page to page of a site. Long lines are
    not: a paragraph rarely repeats, and a cache of them would hold megabytes."""
    return _remembered_key(line) if len(line) <= REMEMBER_CHARS else _key(line)


def _key(line: str) -> str:
    text = line.translate(_QUOTES) if _SPECIAL.search(line) else line  # translate is slow; most lines need none
    text = text.casefold()
    return " ".join(text.split()).strip(_EDGE)


_OTHER_SPACES = OTHER_SPACES
_PLAIN = tuple(QUOTES.items())  # _QUOTES as pairs, for str.replace
_remembered_key = lru_cache(maxsize=KEYS_REMEMBERED)(_key)


def keys(lines: list[str], folded: str | None = None) -> list[str]:
    """`key` of every line, worked out over the whole page at once: the text case-folded and the quotes made plain
    in a few C passes over the joined lines (both map character by character, so each piece of the page is its
    line's own), then spacing and edges line by line. `folded`: the joined lines case-folded, when the caller has
    them (folding and making quotes plain commute: no quote or space here has a case, or comes out of folding)."""
    spaced = _single_spaced(lines, folded)
    if spaced is None:  # a line holding a newline: no page-wide shortcut
        return [key(line) for line in lines]
    edge = _EDGE
    return [text.strip(edge) for text in spaced[0]]


def keys_and_counts(lines: list[str], folded: str | None = None) -> tuple[list[str], list[int]]:
    """`keys(lines, folded)`, with each line's number of words as `str.split` finds them (`len(line.split())`), read off
    the lines as the keys have them before their edges go: one space between words, none of the whitespace `str.split`
    splits on but spaces, so a line's words are its spaces, plus one, once the spaces at its ends are gone. Folding and
    making quotes plain turn no character into whitespace or the reverse; only dropping the invisible characters may
    drop a word (a soft hyphen alone between spaces): a page holding one has its lines split instead."""
    spaced = _single_spaced(lines, folded)
    if spaced is None:
        return [key(line) for line in lines], [len(line.split()) for line in lines]
    pieces, dropped_characters = spaced
    edge = _EDGE
    found = [text.strip(edge) for text in pieces]
    if dropped_characters:
        return found, [len(line.split()) for line in lines]
    space = repeat(" ")
    words = list(map(str.strip, pieces, space))
    return found, list(map(add, map(str.count, words, space), map(bool, words)))


def _single_spaced(lines: list[str], folded: str | None) -> tuple[list[str], bool] | None:
    """The lines case-folded, quotes plain, invisible characters dropped and one space between words (a space perhaps
    left at either end), with whether a character was dropped; None when a line holds a newline."""
    page = casefold_lines(lines) if folded is None else folded
    if page.count("\n") != len(lines) - 1:
        return None
    page, dropped = single_spaced(page)
    return page.split("\n"), dropped


def plain_alternation(items: list[str], escape: Callable[[str], str] = re.escape) -> str:
    """A lexicon list as a regex alternation, longest first, spaces matching any spacing."""
    return "|".join(escape(w).replace("\\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


def alternation(items: list[str], escape: Callable[[str], str] = re.escape) -> str:
    """`plain_alternation(items)` as a trie of the entries, which matches the same texts and picks the same entry: a regex
    engine tries a plain alternation's entries one after another at every place of a text (a hundred entries, a hundred
    tries), the trie only the entries that go on matching, the longer ones first as well (a shorter entry behind an
    optional, greedy rest). A letter that matches a sibling's ignoring case ('i' and 'ı', 'K' and 'k'), or a space
    beside a sibling's other space character, keeps the plain alternation (which entry is tried first would differ)."""
    trie: dict[str, dict] = {}
    for item in sorted(items, key=len, reverse=True):
        node = trie
        for character in item:
            node = node.setdefault(character, {})
        node[""] = {}  # an entry ends here
    try:
        return _trie_pattern(trie, escape)
    except _SiblingsMatchAlike:
        return plain_alternation(items, escape)


class _SiblingsMatchAlike(Exception):
    pass


def _trie_pattern(node: dict[str, dict], escape: Callable[[str], str]) -> str:
    characters = [c for c in node if c]
    if any(_match_alike(a, b) for n, a in enumerate(characters) for b in characters[n + 1 :]):
        raise _SiblingsMatchAlike
    branches = [(r"\s+" if c == " " else escape(c)) + _trie_pattern(node[c], escape) for c in characters]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def _match_alike(a: str, b: str) -> bool:
    """Whether two different characters may match the same text: ignoring case (by `re` or `regex`), or as spacing."""
    if " " in (a, b):
        return (a + b).isspace()
    return any(module.fullmatch(module.escape(x), y, module.IGNORECASE) is not None for module in (re, regex) for x, y in ((a, b), (b, a)))


def first_words(items: list[str]) -> frozenset[str]:
    """The first word of each phrase (case-folded): a line starting with another word holds none of them at its start."""
    return frozenset(seq[0] for item in items if (seq := words(item.casefold())))


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
    """One lexicon: its `equal`, `start` and `contains` phrases, and further named lists (`extra`) its rule reads.

    Rules match through the small methods below (`phrases(list).finds(words)`, `words(list)`, ...), each built
    once per lexicon, so how matching is done can change in one place."""

    name: str
    equal: frozenset[str] = frozenset()
    start: PhraseIndex = field(default_factory=lambda: PhraseIndex([]))
    contains: PhraseIndex = field(default_factory=lambda: PhraseIndex([]))
    extra: dict[str, list[str]] = field(default_factory=dict)
    equal_first_words: frozenset[str] = frozenset()  # the first words of the `equal` phrases: other lines need no key
    _built: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

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

    def items(self, list_name: str) -> list[str]:
        """A list of the lexicon as written (KeyError naming the lexicon when it has none of that name)."""
        if list_name not in self.extra:
            raise KeyError(f"lexicon {self.name!r} has no list {list_name!r}")
        return self.extra[list_name]

    def _once(self, kind: str, list_name: str, build: Callable[[list[str]], Any]) -> Any:
        found = self._built.get((kind, list_name))
        if found is None:
            found = self._built[(kind, list_name)] = build(self.items(list_name))
        return found

    def phrases(self, list_name: str) -> PhraseIndex:
        """A list as phrases to find in a line's words (`.finds(seq)`, `.starts(seq)`, `.at(seq, i)`)."""
        return self._once("phrases", list_name, PhraseIndex)

    def terms(self, list_name: str) -> frozenset[str]:
        """A list's entries, case-folded, for whole-entry look-ups."""
        return self._once("terms", list_name, lambda items: frozenset(w.casefold() for w in items))

    def keys(self, list_name: str) -> frozenset[str]:
        """A list's entries as line keys (see `key`), to compare with a whole line."""
        return self._once("keys", list_name, lambda items: frozenset(key(w) for w in items))

    def vocabulary(self, list_name: str) -> frozenset[str]:
        """Every word of a list's entries (case-folded)."""
        return self._once("vocabulary", list_name, lambda items: frozenset(w for item in items for w in words(item.casefold())))

    def first_words(self, list_name: str) -> frozenset[str]:
        """The first word of each entry of a list: a line starting with another word holds none of them at its start."""
        return self._once("first_words", list_name, first_words)

    def alternation(self, list_name: str) -> str:
        """A list as a regex alternation, longest first, spaces matching any spacing."""
        return self._once("alternation", list_name, alternation)


def build(name: str, data: dict[str, list[str]]) -> Lexicon:
    equal = frozenset(k for k in (key(p) for p in data.get("equal", [])) if k)
    extra = {k: v for k, v in data.items() if k not in ("equal", "start", "contains")}
    firsts = frozenset(seq[0] for item in equal if (seq := words(item)))
    return Lexicon(name, equal, PhraseIndex(data.get("start", [])), PhraseIndex(data.get("contains", [])), extra, firsts)


def user_lexicon_folder() -> Path:
    """Where a user adds or extends lexicons without editing code (e.g. ~/.config/winnow/lexicons on Linux)."""
    return user_config_path("winnow", appauthor=False) / "lexicons"


T = TypeVar("T")
Folder = Traversable | Path


class Lexicons:
    """Every lexicon of a run, read once from a search path of folders: Winnow's own, then the user's.

    Built by whoever builds the pipeline (`Lexicons.shared()` for the usual search path, once per process)
    and handed to the analyse stage and, through `ctx.lexicons`, to every rule; a test builds one from a
    made-up folder (`Lexicons([folder])`). What a rule compiles from the lexicons (its patterns, its
    word sets) it builds once per Lexicons with `derived(build)`, not in a module-level cache.
    """

    _shared: ClassVar[Lexicons | None] = None

    def __init__(self, folders: Sequence[Folder]):
        self.folders = tuple(folders)
        self._lexicons: dict[str, Lexicon] = {}
        self._languages: dict[str, dict[str, dict[str, Any]]] = {}
        self._derived: dict[Callable[[Lexicons], Any], Any] = {}

    @classmethod
    def default(cls) -> Lexicons:
        """Winnow's own lexicons (resources/lexicons), then the user's lexicon folder, as they are now."""
        return cls([resources.resource("lexicons"), user_lexicon_folder()])

    @classmethod
    def shared(cls) -> Lexicons:
        """The default lexicons, read once per process (every cleaner of the process shares them)."""
        if cls._shared is None:
            cls._shared = cls.default()
        return cls._shared

    def get(self, name: str) -> Lexicon:
        """The lexicon `name`: `name.toml` and `name/<language>.toml` of every folder, lists joined."""
        found = self._lexicons.get(name)
        if found is None:
            merged: dict[str, list[str]] = {}
            for _label, data in self._files(name):
                if not isinstance(data, dict):
                    continue
                for list_name, value in data.items():
                    if isinstance(value, list):
                        merged[list_name] = merged.get(list_name, []) + [str(v) for v in value]
            if not merged:
                raise KeyError(f"no lexicon {name!r} in {', '.join(str(f) for f in self.folders)}")
            found = self._lexicons[name] = build(name, merged)
        return found

    def by_language(self, kind: str) -> dict[str, dict[str, Any]]:
        """The per-language lexicons of a kind (`<kind>/<language>.toml`), language by language: a later folder's
        file for a language adds to its lists (for a new language, it is the list). `months` (twelve lists
        of names) join month by month."""
        found = self._languages.get(kind)
        if found is None:
            found = {}
            for label, data in self._files(kind, shared=False):
                language = label.rsplit("/", 1)[-1].removesuffix(".toml")
                merged = found.setdefault(language, {})
                for key_name, value in data.items():
                    if key_name == "months" and key_name in merged:
                        merged[key_name] = [list(a) + list(b) for a, b in zip(merged[key_name], value)]
                    elif isinstance(value, list) and isinstance(merged.get(key_name), list):
                        merged[key_name] = merged[key_name] + value
                    else:
                        merged[key_name] = value
            self._languages[kind] = found
        return found

    def derived(self, build: Callable[[Lexicons], T]) -> T:
        """`build(self)`, worked out once for these lexicons (a rule's patterns compiled from its word lists)."""
        if build not in self._derived:
            self._derived[build] = build(self)
        return self._derived[build]

    def _files(self, name: str, shared: bool = True) -> list[tuple[str, dict[str, Any]]]:
        """(label, parsed TOML) of `name.toml` (when `shared`) and `name/*.toml` in every folder, in search order."""
        texts: list[tuple[str, str]] = []
        for folder in self.folders:
            if not folder.is_dir():
                continue
            single = folder.joinpath(f"{name}.toml")
            if shared and single.is_file():
                texts.append((f"{name}.toml", single.read_text(encoding="utf-8")))
            per_language = folder.joinpath(name)
            if per_language.is_dir():
                files = sorted((f for f in per_language.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
                texts += [(f"{name}/{f.name}", f.read_text(encoding="utf-8")) for f in files]
        parsed = []
        for label, text in texts:
            try:
                parsed.append((label, tomllib.loads(text)))
            except tomllib.TOMLDecodeError as exc:
                raise ValueError(f"lexicon {label}: not valid TOML: {exc}") from None
        return parsed


def lexicon(name: str) -> Lexicon:
    """The lexicon `name` of the process's shared Lexicons, for scripts and tests; rules take `ctx.lexicons`."""
    return Lexicons.shared().get(name)
