"""Site-template lines: a line that most pages of one site carry (menus, footers, "JOIN OUR COMMUNITY!").

Two passes. `TemplateCounts` counts, per site, on how many pages each normalised line occurs; it is a
corpus-level analysis that is updated as documents are added or removed (the window's live preview).
Then `SiteTemplates` (a line rule) drops a line of a page when the counts say its site repeats it.

Guards: a site with fewer than `min_pages` pages is never judged; pages with the same words count once
(ten copies of one story are not ten pages of a template); a sentence-length line found on pages of
several sites is a quote, not one site's template.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import xor
from pathlib import PurePosixPath
from unicodedata import is_normalized
from urllib.parse import urlsplit

import numpy as np

from winnow.core.model import Document
from winnow.corpus.shingles import words
from winnow.text.words import words_of_lines


def site_of(doc: Document) -> str:
    """The host of the document's url (without www.), else the folder it came from."""
    url = (doc.metadata.get("url") or "").strip()
    if url:
        try:
            host = (urlsplit(url if "//" in url else "//" + url).hostname or "").removeprefix("www.")
        except ValueError:
            host = ""
        if host:
            return host
    folder = str(PurePosixPath(doc.source).parent)
    return "" if folder == "." else folder


def line_key(line: str) -> tuple[int, int] | None:
    """(hash of the line's words, word count), or None for a line without words."""
    return words_key(words(line))


def words_key(tokens: Sequence[str]) -> tuple[int, int] | None:
    """`line_key` of a line whose words (`corpus.shingles.words`) are known."""
    if not tokens:
        return None
    return int.from_bytes(_digest8(tokens), "little"), len(tokens)


def _digest8(tokens: Sequence[str]) -> bytes:
    return hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=8).digest()


def _site_key(site: str, line_hash: int) -> int:
    return line_hash ^ _site_hash(site)


@lru_cache(maxsize=4096)
def _site_hash(site: str) -> int:
    """A site's part of its lines' keys: hashed once, not once a line (a run has far fewer sites than lines)."""
    digest = hashlib.blake2b(site.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


@dataclass(frozen=True)
class PageLines:
    site: str
    digest: bytes  # the page's words, so identical pages count once
    lines: frozenset[int]  # hashes of its distinct normalised lines


def lines_words(lines: list[str]) -> list[Sequence[str]]:
    """`corpus.shingles.words` of each line. A page that NFKC leaves as it is (nearly every page: then so does it each
    line, the newlines between them being no part of any composition) is tokenized at once by the analysis's page-wide
    tokenizer, the same split of the same case-folded text, instead of line by line."""
    page = "\n".join(lines)
    if lines and is_normalized("NFKC", page) and page.count("\n") == len(lines) - 1:
        return list(words_of_lines(page.casefold()))
    return [words(line) for line in lines]


def words_hashes(lines: Sequence[Sequence[str]]) -> list[int]:
    """`words_key`'s hash of each of `lines`, given as their words (none empty): by C maps over them."""
    return np.frombuffer(b"".join(map(_digest8, lines)), dtype="<u8").tolist()


def page_lines(doc: Document) -> PageLines:
    keys = set(words_hashes(list(filter(None, lines_words(doc.lines)))))
    digest = hashlib.blake2b(b"\n".join(sorted(k.to_bytes(8, "little") for k in keys)), digest_size=16).digest()
    return PageLines(site_of(doc), digest, frozenset(keys))


class TemplateCounts:
    """Per site: its pages, and on how many of them each line occurs. Integers only, no text."""

    def __init__(self) -> None:
        self.pages: Counter[str] = Counter()  # site -> distinct pages
        self.lines: dict[int, int] = {}  # hash of (site, line) -> pages of that site with the line
        self.sites_with: dict[int, int] = {}  # line -> sites that have it on at least one page
        self._copies: Counter[tuple[str, bytes]] = Counter()  # identical pages seen, per site

    def add(self, doc: Document) -> None:
        self._update(page_lines(doc), +1)

    def add_page(self, page: PageLines) -> None:
        """Count a page summarised elsewhere (a worker process sends only these integers)."""
        self._update(page, +1)

    def remove(self, doc: Document) -> None:
        self._update(page_lines(doc), -1)

    def remove_page(self, page: PageLines) -> None:
        """Forget a page summarised elsewhere (the window keeps each document's summary)."""
        self._update(page, -1)

    def _update(self, page: PageLines, step: int) -> None:
        copy = (page.site, page.digest)
        before = self._copies[copy]
        if step < 0 and before == 0:
            return  # never added
        self._copies[copy] = before + step
        if not self._copies[copy]:
            del self._copies[copy]
        first_in, last_out = step > 0 and before == 0, step < 0 and before == 1
        if not (first_in or last_out):  # another copy of a page already counted
            return
        self.pages[page.site] += step
        if not self.pages[page.site]:
            del self.pages[page.site]
        for line in page.lines:
            key = _site_key(page.site, line)
            count = self.lines.get(key, 0) + step
            if count:
                self.lines[key] = count
            else:
                self.lines.pop(key, None)
            if count == 0 or (count == 1 and step > 0):  # the site gained or lost this line
                sites = self.sites_with.get(line, 0) + step
                if sites:
                    self.sites_with[line] = sites
                else:
                    self.sites_with.pop(line, None)

    def count(self, site: str, line_hash: int) -> int:
        return self.lines.get(_site_key(site, line_hash), 0)

    def counts(self, site: str, line_hashes: Iterable[int]) -> list[int]:
        """`count` of each of `line_hashes` (by C maps: a page has hundreds of lines)."""
        return list(map(self.lines.get, map(xor, line_hashes, repeat(_site_hash(site))), repeat(0)))

    def sites(self, line_hash: int) -> int:
        return self.sites_with.get(line_hash, 0)

    @classmethod
    def of(cls, docs) -> TemplateCounts:
        counts = cls()
        for doc in docs:
            counts.add(doc)
        return counts


@dataclass(frozen=True)
class TemplateSettings:
    min_pages: int = 8  # a site with fewer pages is not judged
    min_count: int = 4  # a line on fewer pages of its site stays
    min_share: float = 0.5  # ... and on at least this share of them
    quote_words: int = 8  # a line this long found on pages of other sites too is a quote, not a template


def template_reason(counts: TemplateCounts, site: str, line: str, settings: TemplateSettings) -> str | None:
    """Why `line` is a template line of `site`, or None."""
    if counts.pages.get(site, 0) < settings.min_pages:
        return None
    return key_reason(counts, site, line_key(line), settings)


def key_reason(counts: TemplateCounts, site: str, key: tuple[int, int] | None, settings: TemplateSettings) -> str | None:
    """`template_reason` of a line by its `line_key`."""
    pages = counts.pages.get(site, 0)
    if pages < settings.min_pages or key is None:
        return None
    line_hash, n_words = key
    count = counts.count(site, line_hash)
    if count < settings.min_count or count < settings.min_share * pages:
        return None
    if n_words >= settings.quote_words and counts.sites(line_hash) > 1:
        return None
    return f"on {count} of {pages} pages from {site or 'the import folder'}"


def pages_sharing(documents, doc: Document, line: str) -> list[str]:
    """Sources of the other pages of `doc`'s site that carry `line` (what the window shows next to a
    template line); a scan of the documents at hand, since the counts keep no names."""
    key = line_key(line)
    if key is None:
        return []
    site = site_of(doc)
    return sorted(other.source for other in documents if other.id != doc.id and site_of(other) == site and any(line_key(x) == key for x in other.lines))
